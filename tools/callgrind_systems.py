#!/usr/bin/env python3
"""Instructions per ECS system from a callgrind profile of sgsim (docs/PERFORMANCE.md).

The system functions are only told apart in the profile when the binary is built with
v0 symbol mangling (bevy's FunctionSystem<..., F> then carries the system's name):

    RUSTFLAGS="-C symbol-mangling-version=v0" CARGO_TARGET_DIR=/tmp/tgt-v0 \
        cargo build --release -p sgsim-cli -p policy-baseline
    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.v0 \
        /tmp/tgt-v0/release/sgsim sweep /tmp/one.toml --jobs 1 --out /tmp/one
    python3 tools/callgrind_systems.py /tmp/cg.v0

Prints each system's inclusive instruction count, largest first, and their sum.
"""

import re
import subprocess
import sys

SYSTEM = re.compile(
    r"([a-z_:]+)>\s+as\s+bevy_ecs::system::system::System>::run_without_applying_deferred"
)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: callgrind_systems.py CALLGRIND_OUT")
    report = subprocess.run(
        ["callgrind_annotate", "--threshold=100", "--inclusive=yes", sys.argv[1]],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    systems: dict[str, int] = {}
    for line in report.splitlines():
        if "=>" in line or "FunctionSystem" not in line:
            continue
        match = SYSTEM.search(line)
        if not match:
            continue
        try:
            count = int(line.split()[0].replace(",", ""))
        except ValueError:
            continue
        name = match.group(1).replace("sgsim_core::systems::", "")
        # The same system appears under two source lines; its inclusive count is the larger.
        systems[name] = max(systems.get(name, 0), count)
    for name, count in sorted(systems.items(), key=lambda item: -item[1]):
        print(f"{count:>12,} {name}")
    print(f"{sum(systems.values()):>12,} all systems")


if __name__ == "__main__":
    main()
