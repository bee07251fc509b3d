//! Parquet output (`--format parquet`): one table written row by row, cell by cell, in the
//! same order and with the same column names as its CSV, through the `parquet` crate's
//! low-level writer (no arrow), compressed with zstd.
//!
//! Types: an integer cell is `INT64` (Int64), a float `DOUBLE` (Float64, the full `f64`, not
//! the CSV's six decimals), a boolean `BOOLEAN`, text (dates included) `BYTE_ARRAY` with the
//! `STRING` annotation (UTF-8). Every column is `OPTIONAL`, so that a missing value can be
//! null. A traced table ([`ParquetFile`] fed with typed cells) takes each column's type from
//! the cells of its rows, so the writer that fills the CSV is the only place that knows a
//! column's type; a column with no value in any row (a trace with no rows) is a null column
//! ([`Kind::Null`]).
//! Tables kept as CSV text ([`write_text_records`]: `summary`, `runs`) infer each column's
//! type from all its values (see [`Kind::of_text`]).
//!
//! The bytes depend only on the rows: no timestamps, and `created_by` is fixed.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical, ZstdLevel};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::{ColumnPath, Type};

/// The zstd level: zstd's default. Level 1 made a full-trace baseline run's files 8 % larger
/// (580 kB against 538 kB) for 2 % fewer instructions (docs/PERFORMANCE.md, (h)).
const ZSTD_LEVEL: i32 = 3;

/// Cells buffered before a row group is written: about 8 MB of values at most.
const CELLS_PER_ROW_GROUP: usize = 1 << 20;

/// The `created_by` of every file: fixed, so that the bytes do not depend on the build.
const CREATED_BY: &str = "sgsim (parquet-rs)";

/// The type of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `BOOLEAN`.
    Boolean,
    /// `INT64`, signed.
    Int64,
    /// `DOUBLE`.
    Float64,
    /// `BYTE_ARRAY`, `STRING` (UTF-8).
    Utf8,
    /// No value in any row: `INT32` annotated `UNKNOWN` (Parquet's null type), which
    /// readers read as a column of nulls that takes the type of other files' column when
    /// files are read together.
    Null,
}

impl Kind {
    /// The kinds a CSV text value can be read as (a bit set: Boolean 1, Int64 2, Float64 4,
    /// Utf8 8). `true`/`false` are booleans; an integer without leading zeros that fits
    /// `i64` is an integer (or a float); a decimal number (`-12.500000`), `NaN`, `inf` and
    /// `-inf` are floats; anything else is text. An empty value is null and fits any kind.
    fn accepted_by_text(text: &str) -> u8 {
        const B: u8 = 1;
        const I: u8 = 2;
        const F: u8 = 4;
        const S: u8 = 8;
        if text.is_empty() {
            return B | I | F | S;
        }
        if text == "true" || text == "false" {
            return B | S;
        }
        if matches!(text, "NaN" | "inf" | "-inf") {
            return F | S;
        }
        let digits = text.strip_prefix('-').unwrap_or(text);
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if all_digits(digits)
            && (digits == "0" || !digits.starts_with('0'))
            && text.parse::<i64>().is_ok()
        {
            return I | F | S;
        }
        if let Some((whole, fraction)) = digits.split_once('.')
            && all_digits(whole)
            && all_digits(fraction)
            && (whole == "0" || !whole.starts_with('0'))
        {
            return F | S;
        }
        S
    }

    /// The kind of a column from the kinds its values accept (the AND of
    /// [`Kind::accepted_by_text`]): the first of Boolean, Int64, Float64 that every value
    /// fits; Utf8 otherwise, and Null for a column with no value at all.
    fn of_accepted(accepted: u8, any_value: bool) -> Kind {
        if !any_value {
            Kind::Null
        } else if accepted & 1 != 0 {
            Kind::Boolean
        } else if accepted & 2 != 0 {
            Kind::Int64
        } else if accepted & 4 != 0 {
            Kind::Float64
        } else {
            Kind::Utf8
        }
    }

    /// The kind of a column whose values are `values` (CSV text).
    pub fn of_text<'a>(values: impl IntoIterator<Item = &'a str>) -> Kind {
        let mut accepted = 0xff;
        let mut any = false;
        for value in values {
            any |= !value.is_empty();
            accepted &= Kind::accepted_by_text(value);
        }
        Kind::of_accepted(accepted, any)
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Boolean => "a boolean",
            Kind::Int64 => "an integer",
            Kind::Float64 => "a float",
            Kind::Utf8 => "text",
            Kind::Null => "null",
        }
    }
}

/// The buffered values of one column in the current row group.
#[derive(Debug)]
enum Values {
    /// No non-null value yet, and no type fixed (written as [`Kind::Null`]).
    Unset,
    Boolean(Vec<bool>),
    Int64(Vec<i64>),
    Float64(Vec<f64>),
    /// The texts one after another, and where each ends: no allocation per value.
    Utf8(Vec<u8>, Vec<usize>),
}

impl Values {
    fn of(kind: Kind) -> Values {
        match kind {
            Kind::Boolean => Values::Boolean(Vec::new()),
            Kind::Int64 => Values::Int64(Vec::new()),
            Kind::Float64 => Values::Float64(Vec::new()),
            Kind::Utf8 => Values::Utf8(Vec::new(), Vec::new()),
            Kind::Null => Values::Unset,
        }
    }

    fn kind(&self) -> Option<Kind> {
        match self {
            Values::Unset => None,
            Values::Boolean(_) => Some(Kind::Boolean),
            Values::Int64(_) => Some(Kind::Int64),
            Values::Float64(_) => Some(Kind::Float64),
            Values::Utf8(..) => Some(Kind::Utf8),
        }
    }

    fn clear(&mut self) {
        match self {
            Values::Unset => {}
            Values::Boolean(v) => v.clear(),
            Values::Int64(v) => v.clear(),
            Values::Float64(v) => v.clear(),
            Values::Utf8(data, ends) => {
                data.clear();
                ends.clear();
            }
        }
    }
}

#[derive(Debug)]
struct Column {
    name: String,
    values: Values,
    /// Definition levels: 1 for a value, 0 for a null.
    defs: Vec<i16>,
}

/// One value.
#[derive(Clone, Copy, Debug)]
enum Cell<'a> {
    Boolean(bool),
    Int64(i64),
    Float64(f64),
    Utf8(&'a str),
    Null,
}

impl Cell<'_> {
    fn kind(&self) -> Option<Kind> {
        match self {
            Cell::Boolean(_) => Some(Kind::Boolean),
            Cell::Int64(_) => Some(Kind::Int64),
            Cell::Float64(_) => Some(Kind::Float64),
            Cell::Utf8(_) => Some(Kind::Utf8),
            Cell::Null => None,
        }
    }
}

/// A Parquet file being written row by row. Cells are given in column order; each row ends
/// with [`ParquetFile::end_row`]. The schema is fixed when the first row group is written
/// (every [`CELLS_PER_ROW_GROUP`] cells, and at [`ParquetFile::into_file`]).
pub struct ParquetFile {
    path: std::path::PathBuf,
    columns: Vec<Column>,
    /// The next column of the current row.
    next: usize,
    rows_buffered: usize,
    rows_per_group: usize,
    file: Option<File>,
    writer: Option<SerializedFileWriter<File>>,
    /// The first error of a cell (a type that changed, an integer too large), reported by
    /// the next [`ParquetFile::end_row`].
    error: Option<String>,
    /// Whether the schema is written: a column's kind can no longer change.
    frozen: bool,
}

fn invalid(message: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message)
}

impl ParquetFile {
    /// Creates (truncates) the file at `path` for a table with these columns.
    pub fn create(path: &Path, header: &[&str]) -> std::io::Result<ParquetFile> {
        Self::with_kinds(path, header, &vec![None; header.len()])
    }

    /// As [`ParquetFile::create`], with the kind of some columns fixed in advance.
    pub fn with_kinds(
        path: &Path,
        header: &[&str],
        kinds: &[Option<Kind>],
    ) -> std::io::Result<ParquetFile> {
        let columns = header
            .iter()
            .zip(kinds.iter().chain(std::iter::repeat(&None)))
            .map(|(name, kind)| Column {
                name: (*name).to_owned(),
                values: kind.map_or(Values::Unset, Values::of),
                defs: Vec::new(),
            })
            .collect();
        Ok(ParquetFile {
            path: path.to_owned(),
            columns,
            next: 0,
            rows_buffered: 0,
            rows_per_group: (CELLS_PER_ROW_GROUP / header.len().max(1)).max(1),
            file: Some(File::create(path)?),
            writer: None,
            error: None,
            frozen: false,
        })
    }

    fn push(&mut self, cell: Cell<'_>) {
        let Some(column) = self.columns.get_mut(self.next) else {
            self.error.get_or_insert_with(|| {
                format!(
                    "a row of {} has more than its {} columns",
                    self.path.display(),
                    self.columns.len()
                )
            });
            return;
        };
        self.next += 1;
        if let (Values::Unset, Some(kind), false) = (&column.values, cell.kind(), self.frozen) {
            column.values = Values::of(kind);
        }
        match (&mut column.values, cell) {
            (_, Cell::Null) => {
                column.defs.push(0);
                return;
            }
            (Values::Boolean(v), Cell::Boolean(x)) => v.push(x),
            (Values::Int64(v), Cell::Int64(x)) => v.push(x),
            (Values::Float64(v), Cell::Float64(x)) => v.push(x),
            (Values::Utf8(data, ends), Cell::Utf8(x)) => {
                data.extend_from_slice(x.as_bytes());
                ends.push(data.len());
            }
            (values, cell) => {
                let was = values.kind().map_or("?", Kind::name);
                let now = cell.kind().map_or("?", Kind::name);
                let name = &column.name;
                self.error.get_or_insert_with(|| {
                    format!(
                        "column {name} of {} holds {was} but was given {now}",
                        self.path.display()
                    )
                });
                column.defs.push(0);
                return;
            }
        }
        column.defs.push(1);
    }

    /// A text value.
    pub fn text(&mut self, value: &str) {
        self.push(Cell::Utf8(value));
    }

    /// A float value (stored in full).
    pub fn float(&mut self, value: f64) {
        self.push(Cell::Float64(value));
    }

    /// An unsigned integer, stored as `INT64` (an error past `i64::MAX`).
    pub fn uint(&mut self, value: u64) {
        match i64::try_from(value) {
            Ok(value) => self.push(Cell::Int64(value)),
            Err(_) => {
                let name = self.columns.get(self.next).map_or("?", |c| c.name.as_str());
                self.error.get_or_insert_with(|| {
                    format!("{value} in column {name} does not fit a signed 64-bit integer")
                });
                self.push(Cell::Null);
            }
        }
    }

    /// A signed integer.
    pub fn int(&mut self, value: i64) {
        self.push(Cell::Int64(value));
    }

    /// A boolean.
    pub fn boolean(&mut self, value: bool) {
        self.push(Cell::Boolean(value));
    }

    /// A missing value.
    pub fn null(&mut self) {
        self.push(Cell::Null);
    }

    /// A CSV text value read as `kind` (the column's kind from [`Kind::of_text`]): empty is
    /// null.
    pub fn text_as(&mut self, value: &str, kind: Kind) {
        if value.is_empty() {
            return self.null();
        }
        let parsed = match kind {
            Kind::Utf8 => return self.text(value),
            Kind::Null => None,
            Kind::Boolean => value.parse().ok().map(Cell::Boolean),
            Kind::Int64 => value.parse().ok().map(Cell::Int64),
            Kind::Float64 => value.parse().ok().map(Cell::Float64),
        };
        match parsed {
            Some(cell) => self.push(cell),
            None => {
                self.error.get_or_insert_with(|| {
                    format!(
                        "`{value}` is not {} in {}",
                        kind.name(),
                        self.path.display()
                    )
                });
                self.null();
            }
        }
    }

    /// Ends the row; writes a row group once enough rows are buffered.
    pub fn end_row(&mut self) -> std::io::Result<()> {
        if self.next != self.columns.len() {
            self.error.get_or_insert_with(|| {
                format!(
                    "a row of {} has {} of its {} columns",
                    self.path.display(),
                    self.next,
                    self.columns.len()
                )
            });
        }
        if let Some(error) = self.error.take() {
            return Err(invalid(error));
        }
        self.next = 0;
        self.rows_buffered += 1;
        if self.rows_buffered >= self.rows_per_group {
            self.write_group()?;
        }
        Ok(())
    }

    fn schema(&self) -> parquet::errors::Result<Type> {
        let fields = self
            .columns
            .iter()
            .map(|column| {
                let (physical, logical) = match column.values.kind().unwrap_or(Kind::Null) {
                    Kind::Boolean => (Physical::BOOLEAN, None),
                    Kind::Int64 => (Physical::INT64, None),
                    Kind::Float64 => (Physical::DOUBLE, None),
                    Kind::Utf8 => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
                    Kind::Null => (Physical::INT32, Some(LogicalType::Unknown)),
                };
                Type::primitive_type_builder(&column.name, physical)
                    .with_repetition(Repetition::OPTIONAL)
                    .with_logical_type(logical)
                    .build()
                    .map(Arc::new)
            })
            .collect::<parquet::errors::Result<Vec<_>>>()?;
        Type::group_type_builder("schema")
            .with_fields(fields)
            .build()
    }

    fn write_group(&mut self) -> std::io::Result<()> {
        if self.writer.is_none() {
            // A column with no value yet is a null column from now on: a value in a later
            // row group is refused.
            self.frozen = true;
            let mut props = WriterProperties::builder()
                .set_compression(Compression::ZSTD(ZstdLevel::try_new(ZSTD_LEVEL)?))
                .set_created_by(CREATED_BY.to_owned())
                .set_dictionary_enabled(false)
                .set_statistics_enabled(EnabledStatistics::Chunk);
            for column in &self.columns {
                if matches!(column.values, Values::Utf8(..)) {
                    props = props.set_column_dictionary_enabled(
                        ColumnPath::from(column.name.as_str()),
                        true,
                    );
                }
            }
            let props = props.build();
            let file = self.file.take().ok_or_else(|| invalid("closed".into()))?;
            self.writer = Some(SerializedFileWriter::new(
                file,
                Arc::new(self.schema()?),
                Arc::new(props),
            )?);
        }
        if self.rows_buffered == 0 {
            return Ok(());
        }
        let writer = self.writer.as_mut().expect("the writer was created above");
        let mut group = writer.next_row_group()?;
        for column in &mut self.columns {
            let mut out = group
                .next_column()?
                .ok_or_else(|| invalid("the schema has fewer columns than the table".into()))?;
            let defs = Some(column.defs.as_slice());
            match &column.values {
                Values::Boolean(v) => out.typed::<BoolType>().write_batch(v, defs, None)?,
                Values::Int64(v) => out.typed::<Int64Type>().write_batch(v, defs, None)?,
                Values::Float64(v) => out.typed::<DoubleType>().write_batch(v, defs, None)?,
                Values::Utf8(data, ends) => {
                    let bytes = bytes::Bytes::copy_from_slice(data);
                    let mut start = 0;
                    let texts: Vec<ByteArray> = ends
                        .iter()
                        .map(|&end| {
                            let text = ByteArray::from(bytes.slice(start..end));
                            start = end;
                            text
                        })
                        .collect();
                    out.typed::<ByteArrayType>()
                        .write_batch(&texts, defs, None)?
                }
                Values::Unset => {
                    out.typed::<parquet::data_type::Int32Type>()
                        .write_batch(&[], defs, None)?
                }
            };
            out.close()?;
            column.values.clear();
            column.defs.clear();
        }
        group.close()?;
        self.rows_buffered = 0;
        Ok(())
    }

    /// Writes the buffered rows and the footer, and returns the file (not yet synced).
    pub fn into_file(mut self) -> std::io::Result<File> {
        self.write_group()?;
        let writer = self.writer.take().expect("write_group creates the writer");
        Ok(writer.into_inner()?)
    }
}

/// Writes a table of CSV text records to `path` as Parquet: each column's kind is inferred
/// from all its values ([`Kind::of_text`]) unless `fixed` gives it, so `records` is called
/// twice (once to infer, once to write). Empty values are nulls.
pub fn write_text_records<R, I>(
    path: &Path,
    header: &[&str],
    fixed: &[Option<Kind>],
    mut records: impl FnMut() -> std::io::Result<I>,
) -> std::io::Result<File>
where
    R: AsRef<[String]>,
    I: Iterator<Item = std::io::Result<R>>,
{
    let mut accepted = vec![0xffu8; header.len()];
    let mut any = vec![false; header.len()];
    for record in records()? {
        let record = record?;
        for (i, value) in record.as_ref().iter().enumerate().take(header.len()) {
            any[i] |= !value.is_empty();
            accepted[i] &= Kind::accepted_by_text(value);
        }
    }
    let kinds: Vec<Kind> = (0..header.len())
        .map(|i| {
            fixed
                .get(i)
                .copied()
                .flatten()
                .unwrap_or_else(|| Kind::of_accepted(accepted[i], any[i]))
        })
        .collect();
    let preset: Vec<Option<Kind>> = kinds.iter().copied().map(Some).collect();
    let mut table = ParquetFile::with_kinds(path, header, &preset)?;
    for record in records()? {
        let record = record?;
        for (value, &kind) in record.as_ref().iter().zip(&kinds) {
            table.text_as(value, kind);
        }
        table.end_row()?;
    }
    table.into_file()
}

/// Columns of `summary` and `runs` that are text whatever their values look like (a
/// scenario or arm could be named `2024`, a hash prefix could be all digits).
pub const TEXT_COLUMNS: [&str; 5] = ["run_id", "arm", "scenario", "config_sha256", "status"];

/// The fixed kinds of a header's columns: [`Kind::Utf8`] for [`TEXT_COLUMNS`], inferred for
/// the others.
pub fn fixed_kinds<S: AsRef<str>>(header: &[S]) -> Vec<Option<Kind>> {
    header
        .iter()
        .map(|name| TEXT_COLUMNS.contains(&name.as_ref()).then_some(Kind::Utf8))
        .collect()
}

/// Writes `summary.parquet` (the row of `summary.csv`) through a temporary file, synced and
/// renamed.
pub fn write_summary(
    path: &Path,
    summary: &sgsim_core::Summary,
    start_date: chrono::NaiveDate,
    config_sha256: &str,
) -> std::io::Result<()> {
    let record = super::summary_record(summary, start_date, config_sha256);
    let header = super::SUMMARY_HEADER;
    let tmp = path.with_extension("parquet.tmp");
    let file = write_text_records(&tmp, &header, &fixed_kinds(&header), || {
        Ok(std::iter::once(Ok(record.as_slice())))
    })?;
    super::folder::commit_file(&file, &tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_csv_text() {
        assert_eq!(Kind::of_text(["true", "", "false"]), Kind::Boolean);
        assert_eq!(Kind::of_text(["12", "-3", "0"]), Kind::Int64);
        assert_eq!(Kind::of_text(["12", "0.500000"]), Kind::Float64);
        assert_eq!(Kind::of_text(["-0.000000", "NaN", "inf"]), Kind::Float64);
        assert_eq!(Kind::of_text(["007"]), Kind::Utf8, "leading zeros are text");
        assert_eq!(Kind::of_text(["1", "x"]), Kind::Utf8);
        assert_eq!(Kind::of_text(["2024-02-24"]), Kind::Utf8);
        assert_eq!(Kind::of_text(["99999999999999999999"]), Kind::Utf8);
        assert_eq!(
            Kind::of_text(["", ""]),
            Kind::Null,
            "no value: a null column"
        );
        assert_eq!(Kind::of_text(["1.", ".5"]), Kind::Utf8);
    }

    #[test]
    fn a_cell_of_another_type_is_an_error_naming_the_column() {
        let dir = std::env::temp_dir().join(format!("sgsim-parquet-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.parquet");
        let mut table = ParquetFile::create(&path, &["tick", "value"]).unwrap();
        table.uint(1);
        table.float(0.5);
        table.end_row().unwrap();
        table.uint(2);
        table.text("x");
        let error = table.end_row().unwrap_err().to_string();
        assert!(
            error.contains("column value") && error.contains("holds a float but was given text"),
            "{error}"
        );
        let mut short = ParquetFile::create(&path, &["a", "b"]).unwrap();
        short.int(1);
        let error = short.end_row().unwrap_err().to_string();
        assert!(error.contains("has 1 of its 2 columns"), "{error}");
        let mut big = ParquetFile::create(&path, &["a"]).unwrap();
        big.uint(u64::MAX);
        assert!(big.end_row().is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_table_without_rows_has_null_columns_and_text_records_get_their_kinds() {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let dir = std::env::temp_dir().join(format!("sgsim-parquet-n-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let schema_of = |path: &Path| {
            let reader = SerializedFileReader::new(File::open(path).unwrap()).unwrap();
            let meta = reader.metadata();
            let rows = meta.file_metadata().num_rows();
            let columns: Vec<String> = meta
                .file_metadata()
                .schema_descr()
                .columns()
                .iter()
                .map(|c| {
                    format!(
                        "{} {} {:?}",
                        c.name(),
                        c.physical_type(),
                        c.logical_type_ref()
                    )
                })
                .collect();
            (rows, columns)
        };
        let empty = dir.join("empty.parquet");
        drop(
            ParquetFile::create(&empty, &["tick", "kind"])
                .unwrap()
                .into_file()
                .unwrap(),
        );
        assert_eq!(
            schema_of(&empty),
            (
                0,
                vec![
                    "tick INT32 Some(Unknown)".to_owned(),
                    "kind INT32 Some(Unknown)".to_owned()
                ]
            )
        );
        let records = dir.join("records.parquet");
        let rows: Vec<Vec<String>> = [
            ["x", "1", "0.500000", "true", "", "2022-02-24"],
            ["007", "-2", "3", "false", "", ""],
        ]
        .iter()
        .map(|r| r.iter().map(|v| (*v).to_owned()).collect())
        .collect();
        let header = ["run_id", "n", "f", "b", "none", "date"];
        let file = write_text_records(&records, &header, &fixed_kinds(&header), || {
            Ok(rows.iter().map(|r| Ok(r.as_slice())))
        })
        .unwrap();
        drop(file);
        assert_eq!(
            schema_of(&records),
            (
                2,
                vec![
                    "run_id BYTE_ARRAY Some(String)".to_owned(),
                    "n INT64 None".to_owned(),
                    "f DOUBLE None".to_owned(),
                    "b BOOLEAN None".to_owned(),
                    "none INT32 Some(Unknown)".to_owned(),
                    "date BYTE_ARRAY Some(String)".to_owned(),
                ]
            )
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_same_rows_give_the_same_bytes() {
        let dir = std::env::temp_dir().join(format!("sgsim-parquet-b-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str| {
            let path = dir.join(name);
            let mut table = ParquetFile::create(&path, &["tick", "x", "label", "flag"]).unwrap();
            for i in 0..5000u64 {
                table.uint(i);
                table.float(i as f64 / 7.0);
                table.text(if i % 3 == 0 { "a" } else { "b,c" });
                table.boolean(i % 2 == 0);
                table.end_row().unwrap();
            }
            drop(table.into_file().unwrap());
            std::fs::read(&path).unwrap()
        };
        let (a, b) = (write("a.parquet"), write("b.parquet"));
        assert_eq!(a, b);
        assert_eq!(&a[..4], b"PAR1");
        assert_eq!(&a[a.len() - 4..], b"PAR1");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
