"""Reads Parquet files written by sgsim with polars, DuckDB and pandas (pyarrow) and compares
every cell with the CSV file of the same run or sweep. Used by tests/tests/parquet.rs.

Usage: python parquet_read.py CSV PARQUET [CSV PARQUET ...]

For each pair, and for each library: the column names and their order, the row count and
every value must equal the CSV's. A float must print as the CSV's text with six decimals
(Parquet keeps the full double; the CSV rounds it), or, for a factor value written as
given (`0.1`), read back as exactly that double; an integer as its decimal text; a
boolean as true/false; text as itself; a null as an empty field. Prints one JSON object:
{"files": {PARQUET: {"rows": N, "columns": [...], "types": {...}, "full_precision": K}}}.
"""

import csv
import json
import math
import sys

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq


def csv_table(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def text_of(value, kind):
    """The CSV text of a value read from Parquet, for a column of `kind`."""
    if value is None:
        return ""
    if kind == "float":
        if isinstance(value, float) and math.isnan(value):
            return "NaN"
        if value == math.inf:
            return "inf"
        if value == -math.inf:
            return "-inf"
        return f"{value:.6f}"
    if kind == "bool":
        return "true" if value else "false"
    if kind == "int":
        return str(int(value))
    return str(value)


def kinds_of(parquet_path):
    """The kind of each column from the file's own schema (pyarrow)."""
    schema = pq.read_schema(parquet_path)
    kinds = {}
    for field in schema:
        t = str(field.type)
        if t == "double":
            kinds[field.name] = "float"
        elif t == "int64":
            kinds[field.name] = "int"
        elif t == "bool":
            kinds[field.name] = "bool"
        elif t in ("string", "large_string"):
            kinds[field.name] = "text"
        elif t == "null":
            kinds[field.name] = "null"
        else:
            raise AssertionError(f"{parquet_path}: column {field.name} has type {t}")
    return [field.name for field in schema], kinds


def compare(library, parquet_path, header, rows, names, columns, kinds):
    assert names == header, f"{library} {parquet_path}: columns {names} != CSV {header}"
    n = len(columns[0]) if columns else 0
    assert n == len(rows), f"{library} {parquet_path}: {n} rows, CSV has {len(rows)}"
    for c, name in enumerate(header):
        kind = kinds[name]
        column = columns[c]
        for r in range(n):
            got = text_of(column[r], kind)
            want = rows[r][c]
            if kind == "float" and got != want and want and column[r] is not None:
                # A factor value is written as given ("0.1"), not with six decimals.
                got = want if float(want) == column[r] else got
            assert got == want, (
                f"{library} {parquet_path}: row {r} column {name} ({kind}) is {column[r]!r} "
                f"= {got!r}, CSV has {want!r}"
            )


def pandas_value(value):
    # pandas gives NaN for a null float, None/NaN for a null object, <NA> for nullable types.
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def main(argv):
    report = {"files": {}}
    pairs = list(zip(argv[0::2], argv[1::2]))
    for csv_path, parquet_path in pairs:
        header, rows = csv_table(csv_path)
        names, kinds = kinds_of(parquet_path)

        frame = pl.read_parquet(parquet_path)
        compare(
            "polars",
            parquet_path,
            header,
            rows,
            frame.columns,
            [frame.get_column(c).to_list() for c in frame.columns],
            kinds,
        )
        polars_types = {c: str(t) for c, t in frame.schema.items()}

        relation = duckdb.sql(f"SELECT * FROM read_parquet('{parquet_path}')")
        duck_rows = relation.fetchall()
        duck_names = relation.columns
        compare(
            "duckdb",
            parquet_path,
            header,
            rows,
            duck_names,
            [[row[c] for row in duck_rows] for c in range(len(duck_names))],
            kinds,
        )
        duck_types = {c: str(t) for c, t in zip(duck_names, relation.types)}

        df = pd.read_parquet(parquet_path, engine="pyarrow")
        compare(
            "pandas",
            parquet_path,
            header,
            rows,
            list(df.columns),
            [[pandas_value(v) for v in df[c].tolist()] for c in df.columns],
            kinds,
        )

        # Floats kept in full: values that differ from their six-decimal rounding.
        full = 0
        for c in frame.columns:
            if kinds[c] == "float":
                for v in frame.get_column(c).drop_nulls().to_list():
                    if math.isfinite(v) and float(f"{v:.6f}") != v:
                        full += 1
        report["files"][parquet_path] = {
            "rows": len(rows),
            "columns": header,
            "polars_types": polars_types,
            "duckdb_types": duck_types,
            "full_precision": full,
        }
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1:])
