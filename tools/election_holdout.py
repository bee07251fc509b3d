#!/usr/bin/env python3
"""The election model against the recorded elections (docs/CALIBRATION.md, hold-out).

Runs the baseline with every election drawn (history_until = the start date) on seeds
1-40 to 2026-04-19 and compares, over the executive elections the data records, how often
the incumbents go and how often a sceptic wins with what actually happened.

    cargo build --release
    python3 tools/election_holdout.py            # from the repository root
"""

import collections
import csv
import subprocess
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SGSIM = ROOT / "target" / "release" / "sgsim"
SEEDS = range(1, 41)


def main():
    data = tomllib.loads((ROOT / "configs" / "data" / "allies.toml").read_text())
    recorded = []
    for ally in data["ally"]:
        office = ally["foreign_policy_office"]
        for election in ally["election"]:
            if "incumbent_won" in election and office in election["offices"]:
                recorded.append((ally["code"], str(election["date"]), election))
    keys = {(code, date) for code, date, _ in recorded if date >= "2022-02-24"}
    held = [e for code, date, e in recorded if (code, date) in keys]
    rec = {
        "elections": len(held),
        "incumbents out": sum(not e["incumbent_won"] for e in held),
        "new sceptic executive": sum(
            not e["incumbent_won"] and e.get("camp") == "sceptic" for e in held
        ),
    }
    drawn = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for seed in SEEDS:
            out = Path(tmp) / str(seed)
            subprocess.run(
                [str(SGSIM), "run", str(ROOT / "configs/scenarios/baseline.toml"),
                 "--set", "history_until=2022-02-24", "--ticks", "218",
                 "--seed", str(seed), "--out", str(out)],
                check=True, capture_output=True,
            )
            with open(out / "events.csv", newline="") as f:
                for row in csv.DictReader(f):
                    if row["kind"] != "election":
                        continue
                    detail = dict(kv.split("=", 1) for kv in row["detail"].split(";"))
                    if (row["actor"], detail["polling_day"]) not in keys:
                        continue
                    drawn["elections"] += 1
                    if detail["outcome"] == "new_government":
                        drawn["incumbents out"] += 1
                        if detail["camp"] == "sceptic":
                            drawn["new sceptic executive"] += 1
    runs = len(SEEDS)
    print(f"{'':24}{'recorded':>10}{'drawn, mean of ' + str(runs) + ' runs':>26}")
    for key, value in rec.items():
        print(f"{key:24}{value:>10}{drawn[key] / runs:>26.2f}")


if __name__ == "__main__":
    main()
