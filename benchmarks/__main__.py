"""Run every `benchmarks/bench_*.py` module, print one table, write `.bench/results.json`.

Usage: python -m benchmarks [NAME_PART ...]   (only modules whose name contains a NAME_PART)
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import pkgutil
import platform
import sys
import time
import traceback
from pathlib import Path

import benchmarks

RESULTS_PATH = Path(__file__).resolve().parent.parent / ".bench" / "results.json"
COLUMNS = ("measure", "value", "baseline", "ratio", "target")


def discover(filters: list[str]) -> list[str]:
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if info.name.startswith("bench_")
    )
    return [name for name in names if not filters or any(f in name for f in filters)]


def complete_row(row: dict, module: str) -> dict:
    """Fills in `ratio` (value / baseline) when the module left it out, and names the module."""
    row = {"module": module, **row}
    for key in ("name", "value", "unit"):
        if key not in row:
            raise ValueError(f"{module}: a row has no {key!r}: {row}")
    row.setdefault("baseline", None)
    row.setdefault("target", None)
    if row.get("ratio") is None and isinstance(row["baseline"], int | float) and row["baseline"]:
        row["ratio"] = row["value"] / row["baseline"]
    row.setdefault("ratio", None)
    return row


def format_number(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return "" if value is None else str(value)


def format_table(rows: list[dict]) -> str:
    """A Markdown table, so that it reads in a terminal and pastes into README's Performance."""
    lines = [
        [
            row["name"],
            f"{format_number(row['value'])} {row['unit']}".strip(),
            f"{format_number(row['baseline'])} {row['unit']}".strip()
            if row["baseline"] is not None
            else "",
            "" if row["ratio"] is None else f"{row['ratio']:.2f}",
            format_number(row["target"]),
        ]
        for row in rows
    ]
    widths = [max([len(c), *(len(line[i]) for line in lines)]) for i, c in enumerate(COLUMNS)]
    out = ["| " + " | ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)) + " |"]
    out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    out += [
        "| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |"
        for line in lines
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("filters", nargs="*", metavar="NAME_PART")
    args = parser.parse_args(argv)

    modules = discover(args.filters)
    if not modules:
        print("no benchmark modules (benchmarks/bench_*.py) found", file=sys.stderr)
        return 1

    rows: list[dict] = []
    errors: list[dict] = []
    for module in modules:
        print(f"running {module} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            result = importlib.import_module(f"benchmarks.{module}").run()
            rows += [complete_row(row, module) for row in result]
        except Exception:
            traceback.print_exc()
            errors.append({"module": module, "error": traceback.format_exc(limit=3)})
        print(f"  {time.perf_counter() - started:.1f} s", file=sys.stderr)

    print(format_table(rows))
    RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_PATH.write_text(
        json.dumps(
            {
                "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "machine": platform.platform(),
                "results": rows,
                "errors": errors,
            },
            indent=2,
            default=str,
        )
        + "\n"
    )
    print(f"results written to {RESULTS_PATH}", file=sys.stderr)
    if errors:
        print(
            f"{len(errors)} benchmark module(s) failed: " + ", ".join(e["module"] for e in errors),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
