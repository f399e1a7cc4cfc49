"""Benchmarks of workplan against its targets, as ratios measured in one run.

    python benchmarks/run.py               # everything (several minutes, half of it the 15,000-meeting plan)
    python benchmarks/run.py --quick       # without the 15,000-meeting plan
    python benchmarks/run.py --only edit   # only the editing commands against validate (1,500 and 15,000 meetings)
    python benchmarks/run.py --only fmt    # only the fmt rows and the validate runs they compare with

The parallel row (500 copies of the CSH plan, serial and with one worker per
CPU) is a target only on a machine with two CPUs or more.

Every figure is the median wall time of whole processes (start-up included),
after one warm-up run that is not counted; peak memory is the command's
maximum resident set, read by `measure.py` so that the runner's own size
does not count.  The commands a ratio compares run in turns, round
after round, so that the machine's slow moments fall on both alike.
Machines are noisy: compare the ratios, not the seconds.

Nothing is kept between runs (no compiled validators or templates on disk):
every figure is what a machine's first run costs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
# The fewest rounds of the start-up commands, whatever --repeat says (see `main`).
STARTUP_ROUNDS = 30


# Children may write bytecode caches, as Python does by default: a machine that
# sets PYTHONDONTWRITEBYTECODE would otherwise compile workplan's modules (an
# editable install) on every run while the libraries' caches came with them.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def _once(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one run of ``argv``, measured by `measure.py` (see why there)."""
    done = subprocess.run(
        [sys.executable, "-I", str(HERE / "measure.py"), *argv], capture_output=True, cwd=ROOT, env=env or ENV
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    elapsed, peak = done.stdout.split()
    return float(elapsed), int(peak)


def run(argv: list[str], repeat: int, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Median seconds and the largest peak RSS (bytes) over ``repeat`` runs, after one run not counted."""
    _once(argv, env)  # warms the caches (Python's bytecode, the files)
    runs = [_once(argv, env) for _ in range(repeat)]
    return statistics.median(t for t, _ in runs), max(peak for _, peak in runs)


def run_together(commands: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, int]]:
    """`run` for several commands taken in turn, round after round, so that the machine's slow and
    fast moments fall on all of them alike: what a ratio between them needs on a noisy machine."""
    for argv in commands.values():  # one round not counted
        _once(argv)
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, int] = dict.fromkeys(commands, 0)
    names = list(commands)
    for round_ in range(repeat):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            elapsed, peak = _once(commands[name])
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    return {name: (statistics.median(times[name]), peaks[name]) for name in commands}


# The editing commands, as `benchmarks/run.py` measures them (#26).  They run with --dry-run:
# they read, edit, check and lint all the same, and leave the file as it is for the next run.
EDITS = {
    "move": ["move", "meeting-7", "2000-01-06", "--time", "14:00-15:00"],
    "cancel": ["cancel", "meeting-7", "--note", "No quorum"],
    "postpone": ["postpone", "meeting-8", "--note", "At the request of the chair"],
    "add meeting": ["add", "meeting", "--date", "2000-02-01", "--time", "18:00-19:00"],
    "add activity": ["add", "activity", "--date", "2000-02-01", "--title", "Workshop"],
}


def edit_commands(workplan: str, plan: Path, meetings: int) -> dict[str, list[str]]:
    """The rows of the editing commands on ``plan``, named '<command> <meetings>'."""
    return {
        f"{name} {meetings}": [workplan, *edit, str(plan), "--dry-run", "--allow-warnings"]
        for name, edit in EDITS.items()
    }


def edit_checks(m: dict[str, tuple[float, int]], sizes: dict[int, int]) -> list[tuple[str, float, float]]:
    """The targets of the editing commands (#26): at most 1.5 times `validate` of the same plan, and
    at most 8 times the file in memory (peak less the peak of `validate` on 15 meetings)."""
    checks = []
    for meetings, size in sizes.items():
        for name in EDITS:
            row = f"{name} {meetings}"
            checks.append((f"{row} / validate {meetings}", m[row][0] / m[f"validate {meetings}"][0], 1.5))
        for name in EDITS:
            row = f"{name} {meetings}"
            checks.append((f"memory: {row} (peak - peak 15) / file", (m[row][1] - m["validate 15"][1]) / size, 8.0))
    return checks


def fmt_rows(workplan: str, files: dict[int, Path], folder: Path, r: int) -> dict[str, tuple[float, int]]:
    """fmt on the generated plans (#26), in turns with validate of the same plan.

    A generated plan needs rewriting (its area names are quoted where fmt writes them plain,
    and an agenda item's ``by`` comes before its ``documents``); its formatted copy does not.
    The writing row formats a fresh copy of the plan each time (``cp`` is part of the run).
    """
    m: dict[str, tuple[float, int]] = {}
    for n, rounds in ((150, r), (1500, max(3, r)), (15000, max(2, r // 2))):
        if n not in files:
            continue
        plan = str(files[n])
        formatted = folder / f"plan-{n}-formatted.yaml"
        formatted.write_text(files[n].read_text(encoding="utf-8"), encoding="utf-8")
        subprocess.run([workplan, "fmt", str(formatted)], check=True, capture_output=True)
        scratch = str(folder / f"plan-{n}-rewritten.yaml")
        m |= run_together(
            {
                f"validate {n}, beside fmt": [workplan, "validate", plan],
                f"fmt {n}": ["sh", "-c", 'cp "$1" "$2" && exec "$3" fmt "$2"', "fmt", plan, scratch, workplan],
                f"fmt --check --diff {n}": [workplan, "fmt", "--check", "--diff", plan],
                f"fmt --check {n}": [workplan, "fmt", "--check", plan],
                f"fmt --check {n} formatted": [workplan, "fmt", "--check", str(formatted)],
            },
            rounds,
        )
    return m


def fmt_checks(m: dict[str, tuple[float, int]], files: dict[int, Path]) -> list[tuple[str, float, float]]:
    """fmt's targets (#26): writing or showing the diff within 3 times validate's time and 12 times the
    file in memory, checking within 2 and 8; the 150-meeting plan within 3 times, as before."""
    checks = [
        (f"{name} / validate 150", m[name][0] / m["validate 150, beside fmt"][0], 3.0)
        for name in ("fmt --check 150", "fmt --check 150 formatted")
    ]
    for n in (1500, 15000):
        if f"fmt {n}" not in m:
            continue
        validate = m[f"validate {n}, beside fmt"][0]
        size = files[n].stat().st_size
        for name, time_limit, memory_limit in (
            (f"fmt {n}", 3.0, 12.0),
            (f"fmt --check --diff {n}", 3.0, 12.0),
            (f"fmt --check {n}", 2.0, 8.0),
            (f"fmt --check {n} formatted", 2.0, 8.0),
        ):
            checks.append((f"{name} / validate {n}", m[name][0] / validate, time_limit))
            checks.append(
                (f"memory: {name} (peak - peak 15) / file", (m[name][1] - m["validate 15"][1]) / size, memory_limit)
            )
    return checks


def report(m: dict[str, tuple[float, int]], checks: list[tuple[str, float, float]]) -> int:
    """Print the measurements and the targets; 1 if a target is missed."""
    print(f"{'measurement':<28} {'median s':>9} {'peak MiB':>9}")
    for name, (seconds, peak) in m.items():
        print(f"{name:<28} {seconds:>9.3f} {peak / 2**20:>9.1f}")
    print()
    print(f"{'target':<52} {'ratio':>7} {'limit':>6}")
    failed = 0
    for name, ratio, limit in checks:
        ok = ratio <= limit
        failed += not ok
        print(f"{name:<52} {ratio:>7.2f} {limit:>6.2f}  {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


def only_edits(workplan: str, files: dict[int, Path], repeat: int) -> int:
    """`--only edit`: the editing commands beside validate, on 1,500 meetings and (without --quick) 15,000."""
    m = run_together({"validate 15": [workplan, "validate", str(files[15])]}, repeat)
    for n in (1500, 15000):
        if n in files:
            rows = {f"validate {n}": [workplan, "validate", str(files[n])]} | edit_commands(workplan, files[n], n)
            m |= run_together(rows, repeat if n == 1500 else 3)
    return report(m, edit_checks(m, {n: files[n].stat().st_size for n in (1500, 15000) if n in files}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 15,000-meeting plan")
    parser.add_argument("--repeat", type=int, default=5, help="runs per small measurement (default 5)")
    parser.add_argument(
        "--record",
        action="store_true",
        help="keep this run in benchmarks/last-run.json and regenerate the figures of README.md and RESULTS.md",
    )
    parser.add_argument(
        "--only",
        choices=["edit", "fmt"],
        help="edit: only the editing commands against validate; fmt: only the fmt rows and the validate runs they compare with",
    )
    args = parser.parse_args()
    workplan = str(BIN / "workplan")
    python = sys.executable
    folder = Path(tempfile.mkdtemp(prefix="workplan-bench-"))
    sizes = [15, 150, 1500] + ([] if args.quick else [15000])
    files = {}
    for n in sizes:
        files[n] = folder / f"plan-{n}.yaml"
        # In a child process: on Linux a child's peak RSS starts from its parent's
        # size at fork, so this process must stay small for the memory figures.
        with files[n].open("w", encoding="utf-8") as out:
            subprocess.run([python, str(HERE / "generate.py"), str(n)], stdout=out, check=True)
    if args.only == "edit":
        return only_edits(workplan, files, max(3, args.repeat))
    schema = folder / "committee-plan.schema.json"
    subprocess.run([workplan, "schema", "-o", str(schema)], check=True)
    r = args.repeat
    big = max(3, r)
    print("plan sizes: " + ", ".join(f"{n}: {files[n].stat().st_size / 2**20:.2f} MiB" for n in sizes))
    if args.only == "fmt":
        m = {"validate 15": run([workplan, "validate", str(files[15])], r)}
        m |= fmt_rows(workplan, files, folder, r)
        return report(m, fmt_checks(m, files))

    m = {}
    # Start-up figures are a few tenths of a second, where a busy moment of the machine is a large
    # part of one run: the median of 9 runs of the same code gave 1.14 and 1.22 for the start-up
    # row within minutes.  So at least 30 rounds, in turns (about half a minute).
    m |= run_together(
        {
            "import trio": [python, "-c", "import typer, pydantic, ruamel.yaml"],
            "validate data/": [workplan, "validate", "data/"],
            "typer floor": [python, str(HERE / "typer_floor.py"), "validate", "data/"],
            "import typer": [python, "-c", "import typer"],
            "--version": [workplan, "--version"],
        },
        max(STARTUP_ROUNDS, 3 * r),
    )
    # An alias bomb (nine levels of nine aliases, tests/robustness/hostile/) must be refused before it is
    # expanded: it costs what a small plan costs, start-up included.
    bomb = ROOT / "tests" / "robustness" / "hostile" / "alias-billion-laughs.yaml"
    m |= run_together(
        {
            "validate 15": [workplan, "validate", str(files[15])],
            "validate alias bomb": [workplan, "validate", str(bomb)],
        },
        r,
    )
    m |= run_together(
        {
            "validate 150": [workplan, "validate", str(files[150])],
            "check-jsonschema 150": [str(BIN / "check-jsonschema"), "--schemafile", str(schema), str(files[150])],
        },
        r,
    )
    on_1500 = {
        "validate 1500": [workplan, "validate", str(files[1500])],
        "CSafeLoader 1500": [
            python,
            "-c",
            "import sys, yaml; yaml.load(open(sys.argv[1]), Loader=yaml.CSafeLoader)",
            str(files[1500]),
        ],
        "upcoming 1500": [workplan, "upcoming", str(files[1500]), "--as-of", "2001-03-01", "--days", "60"],
        "query 1500": [workplan, "query", "meetings", str(files[1500]), "--paragraph", "38"],
        "render html 1500": [workplan, "render", str(files[1500]), "--format", "html"],
    }
    # Every other command on the same plan (#26).
    edits = edit_commands(workplan, files[1500], 1500)
    on_1500 |= edits
    copy_1500 = folder / "plan-1500-copy.yaml"
    copy_1500.write_text(files[1500].read_text(encoding="utf-8"), encoding="utf-8")
    on_1500 |= {
        "diff 1500": [workplan, "diff", str(files[1500]), str(copy_1500)],
        "i18n status 1500": [workplan, "i18n", "status", str(files[1500]), "--lang", "es"],
        "render md 1500": [workplan, "render", str(files[1500]), "--format", "md"],
        "render ics 1500": [workplan, "render", str(files[1500]), "--format", "ics"],
    }
    # The error paths and fmt (#14): the same 1,500-meeting plan with one fault.
    text = files[1500].read_text(encoding="utf-8")
    faults = {
        "duplicate key": text.replace("\n  - id: meeting-2\n", "\n  - id: meeting-2\n    id: meeting-2\n", 1),
        "syntax error": text.replace("\n  - id: meeting-2\n", "\n  - id: [meeting-2\n", 1),
        "schema error": text.replace("\n  - id: meeting-2\n", "\n  - id: meeting-2\n    colour: red\n", 1),
    }
    for fault, faulty in faults.items():
        assert faulty != text, fault
        path = folder / f"plan-1500-{fault.replace(' ', '-')}.yaml"
        path.write_text(faulty, encoding="utf-8")
        on_1500[f"validate 1500 {fault}"] = [workplan, "validate", str(path)]
    m |= run_together(on_1500, big)
    # Parallel validation (#14): a folder of 500 copies of the real CSH plan, serial and on every CPU.
    many = folder / "many"
    many.mkdir()
    csh = (ROOT / "data" / "csh-2022-2023.yaml").read_text(encoding="utf-8")
    for i in range(500):
        (many / f"csh-{i:03}.yaml").write_text(csh, encoding="utf-8")
    folder_runs = max(3, r // 3)  # a ratio of single runs on a shared machine swings by a tenth
    m |= run_together(
        {
            "validate 500 plans -j 1": [workplan, "validate", "--jobs", "1", str(many)],
            "validate 500 plans": [workplan, "validate", str(many)],
        },
        folder_runs,
    )
    if 15000 in files:
        copy_15000 = folder / "plan-15000-copy.yaml"
        copy_15000.write_text(files[15000].read_text(encoding="utf-8"), encoding="utf-8")
        m |= run_together(
            {"validate 15000": [workplan, "validate", str(files[15000])]}
            | edit_commands(workplan, files[15000], 15000)
            | {
                "diff 15000": [workplan, "diff", str(files[15000]), str(copy_15000)],
                "i18n status 15000": [workplan, "i18n", "status", str(files[15000]), "--lang", "es"],
                "render md 15000": [workplan, "render", str(files[15000]), "--format", "md"],
                "render ics 15000": [workplan, "render", str(files[15000]), "--format", "ics"],
            },
            3,
        )
        m["render html 15000"] = run([workplan, "render", str(files[15000]), "--format", "html"], 3)
    m |= fmt_rows(workplan, files, folder, r)

    size_1500 = files[1500].stat().st_size
    plan_memory = m["validate 1500"][1] - m["validate 15"][1]
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    checks = [
        ("start-up: validate data/ / empty typer app", m["validate data/"][0] / m["typer floor"][0], 1.2),
        ("start-up: --version / import typer", m["--version"][0] / m["import typer"][0], 1.2),
        ("peer: validate 150 / check-jsonschema 150", m["validate 150"][0] / m["check-jsonschema 150"][0], 0.5),
        ("floor: validate 1500 / CSafeLoader parse 1500", m["validate 1500"][0] / m["CSafeLoader 1500"][0], 1.5),
        ("memory: (peak 1500 - peak 15) / file size 1500", plan_memory / size_1500, 8.0),
        ("alias bomb: validate billion laughs / validate 15", m["validate alias bomb"][0] / m["validate 15"][0], 1.5),
        ("upcoming 1500 / validate 1500", m["upcoming 1500"][0] / m["validate 1500"][0], 2.0),
        ("query 1500 / validate 1500", m["query 1500"][0] / m["validate 1500"][0], 2.0),
        ("render html 1500 / validate 1500", m["render html 1500"][0] / m["validate 1500"][0], 2.0),
        *[
            (f"validate with a {fault} / clean (1500)", m[f"validate 1500 {fault}"][0] / m["validate 1500"][0], 3.0)
            for fault in faults
        ],
        *[
            (
                f"memory, {fault}: (peak - peak 15) / file",
                (m[f"validate 1500 {fault}"][1] - m["validate 15"][1]) / size_1500,
                8.0,
            )
            for fault in faults
        ],
        (
            "memory: render html (peak 1500 - peak 15) / file",
            (m["render html 1500"][1] - m["validate 15"][1]) / size_1500,
            8.0,
        ),
        # #26: every command about as fast and as lean as validate (two-file diff: per file).
        *[
            (
                f"{name} / validate 1500",
                m[name][0] / m["validate 1500"][0] / (2 if name == "diff 1500" else 1),
                limit,
            )
            for name, limit in (
                ("diff 1500", 2.0),
                ("i18n status 1500", 2.0),
                ("render md 1500", 2.0),
                ("render ics 1500", 2.0),
            )
        ],
        *[
            (
                f"memory: {name} (peak - peak 15) / file",
                (m[name][1] - m["validate 15"][1]) / size_1500 / (2 if name == "diff 1500" else 1),
                limit,
            )
            for name, limit in (
                ("diff 1500", 8.0),
                ("i18n status 1500", 8.0),
                ("render md 1500", 8.0),
                ("render ics 1500", 8.0),
            )
        ],
    ]
    checks += edit_checks(m, {n: files[n].stat().st_size for n in (1500, 15000) if f"validate {n}" in m})
    if cpus >= 2:  # 1.6 times faster on two cores: at most 1 / 1.6 of the serial time
        parallel = m["validate 500 plans"][0] / m["validate 500 plans -j 1"][0]
        checks.append((f"parallel: validate 500 plans, {cpus} CPUs / -j 1", parallel, 1 / 1.6))
    if "validate 15000" in m:
        checks.append(("growth: validate 15000 / validate 1500", m["validate 15000"][0] / m["validate 1500"][0], 11.0))
        size_15k = files[15000].stat().st_size
        for name in ("diff 15000", "i18n status 15000", "render md 15000", "render ics 15000"):
            per_file = 2 if name == "diff 15000" else 1  # diff reads two files: per file
            checks.append((f"{name} / validate 15000", m[name][0] / m["validate 15000"][0] / per_file, 2.0))
            checks.append(
                (
                    f"memory: {name} (peak - peak 15) / file",
                    (m[name][1] - m["validate 15"][1]) / size_15k / per_file,
                    8.0,
                )
            )
        checks.append(
            (
                "growth: memory (peak - peak 15), 15000 / 1500",
                (m["validate 15000"][1] - m["validate 15"][1]) / plan_memory,
                11.0,
            )
        )
        size_15000 = files[15000].stat().st_size
        checks.append(
            (
                "memory: render html (peak 15000 - peak 15) / file",
                (m["render html 15000"][1] - m["validate 15"][1]) / size_15000,
                8.0,
            )
        )
    # Context, not targets: an empty typer app shaped like workplan's, and workplan,
    # each against importing the three libraries (the start-up target's old baseline).
    floor = m["typer floor"][0] / m["import trio"][0]
    print(f"context: empty typer command / import typer, pydantic, ruamel.yaml = {floor:.2f}")
    trio = m["validate data/"][0] / m["import trio"][0]
    print(f"context: validate data/ / import typer, pydantic, ruamel.yaml = {trio:.2f} (the old start-up target, 1.5)")
    checks += fmt_checks(m, files)
    failed = report(m, checks)
    if args.record:
        import figures

        on_disk = {n: files[n].stat().st_size for n in sizes}
        figures.record(m, checks, on_disk, quick=args.quick, repeat=args.repeat, cpus=cpus)
        print(f"recorded in {figures.LAST_RUN.relative_to(ROOT)}; README.md and RESULTS.md regenerated")
    return failed


if __name__ == "__main__":
    raise SystemExit(main())
