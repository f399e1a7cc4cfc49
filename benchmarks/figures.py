"""The speed figures of the README and of RESULTS.md, generated from the last benchmark run.

``python benchmarks/run.py --record`` keeps what it measured in
``benchmarks/last-run.json`` (plain data: seconds, bytes and ratios) and
rewrites the block between ``<!-- benchmark:NAME -->`` and
``<!-- /benchmark:NAME -->`` in README.md and benchmarks/RESULTS.md from it.
Nobody types these figures; ``tests/project/test_docs.py`` checks that both blocks
are what this module makes of the recorded run.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LAST_RUN = HERE / "last-run.json"
README = ROOT / "README.md"
RESULTS = HERE / "RESULTS.md"


def record(
    measurements: dict[str, tuple[float, int]],
    rows: list[tuple[str, float, float]],
    sizes: dict[int, int],
    *,
    quick: bool,
    repeat: int,
    cpus: int,
) -> dict[str, Any]:
    """Keep one run in ``last-run.json`` and regenerate the two blocks from it; returns the run."""
    run = {
        "date": dt.date.today().isoformat(),
        "quick": quick,
        "repeat": repeat,
        "cpus": cpus,
        "sizes": {str(n): size for n, size in sizes.items()},
        "measurements": {name: {"seconds": s, "peak_bytes": peak} for name, (s, peak) in measurements.items()},
        "rows": [{"target": name, "ratio": ratio, "limit": limit} for name, ratio, limit in rows],
    }
    LAST_RUN.write_text(json.dumps(run, indent=1) + "\n", encoding="utf-8")
    write_blocks(run)
    return run


def load() -> dict[str, Any]:
    run: dict[str, Any] = json.loads(LAST_RUN.read_text(encoding="utf-8"))
    return run


def readme_block(run: dict[str, Any]) -> str:
    """Two sentences for the README: `validate` on 1,500 meetings, start-up, and how many targets held."""
    m = run["measurements"]
    seconds, peak = m["validate 1500"]["seconds"], m["validate 1500"]["peak_bytes"]
    size = run["sizes"]["1500"]
    startup = next(r["ratio"] for r in run["rows"] if r["target"].startswith("start-up: validate data/"))
    met = sum(r["ratio"] <= r["limit"] for r in run["rows"])
    return (
        f"In the last benchmark run ({run['date']}, {run['cpus']} CPUs) `validate` checked a plan of\n"
        f"1,500 meetings ({size / 2**20:.1f} MiB) in {seconds:.2f} s with {peak / 2**20:.0f} MiB at its peak, and\n"
        f"`validate data/` started in {startup:.2f} times an empty typer app; {met} of\n"
        f"{len(run['rows'])} targets were met ([every row](benchmarks/RESULTS.md#latest-run))."
    )


def results_block(run: dict[str, Any]) -> str:
    """The table of every target of the run, as ratios measured in it."""
    kind = "--quick, without the 15,000-meeting plan" if run["quick"] else "with the 15,000-meeting plan"
    lines = [
        f"Run of {run['date']} ({kind}; {run['repeat']} rounds a measurement; {run['cpus']} CPUs).",
        "",
        "| target | ratio | limit | |",
        "| --- | ---: | ---: | --- |",
    ]
    for row in run["rows"]:
        verdict = "ok" if row["ratio"] <= row["limit"] else "**missed**"
        lines.append(f"| {row['target']} | {row['ratio']:.2f} | {row['limit']:.2f} | {verdict} |")
    return "\n".join(lines)


def _replace_block(text: str, name: str, block: str) -> str:
    pattern = re.compile(rf"(<!-- benchmark:{name} -->\n)(?:.*?\n)?(<!-- /benchmark:{name} -->)", re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"no <!-- benchmark:{name} --> block to fill")
    return pattern.sub(lambda match: f"{match.group(1)}{block}\n{match.group(2)}", text, count=1)


def block_in(text: str, name: str) -> str:
    """The text between a page's ``<!-- benchmark:NAME -->`` markers (empty if none)."""
    found = re.search(rf"<!-- benchmark:{name} -->\n(?:(.*?)\n)?<!-- /benchmark:{name} -->", text, re.DOTALL)
    return (found.group(1) or "") if found else ""


def write_blocks(run: dict[str, Any]) -> None:
    for page, name, block in ((README, "readme", readme_block(run)), (RESULTS, "results", results_block(run))):
        page.write_text(_replace_block(page.read_text(encoding="utf-8"), name, block), encoding="utf-8")


if __name__ == "__main__":  # regenerate the blocks from the recorded run, e.g. after editing this module
    write_blocks(load())
