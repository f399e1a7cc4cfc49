"""Every command over every file of the hostile corpus (tests/robustness/hostile/ and the large files generated here).

Each file runs in its own interpreter, under a memory limit and a timeout, so
a crash, a blow-up or a hang is reported against that file instead of taking
the suite down.  A small driver runs the commands of one file in one
interpreter (start-up dominates otherwise); a sample of files also goes
through the real `workplan` console script, one process per command.  That
takes minutes: those tests are in the slow tier (`pytest --all`).  The
default run takes the first committed file of each class (the word its name
starts with) through validate, fmt --check and render in this process instead
(`test_hostile_corpus_in_process`), a few seconds; the slow tier takes every
file of the corpus that way too.

What every run must show (README: "A traceback is a bug"):

- exit code 0, 1 or 2, no traceback, no exception other than SystemExit;
- no control character (C0 but the line break, DEL, C1) in any line of any output;
- when a command fails, every line it writes to stderr (and every line of
  `validate`'s report) is a located diagnostic `path:line:col: severity WPnnn message`
  or a one-line `workplan: error: ...`;
- no output line forged by the file's text (a line starting like a diagnostic with WP999);
- the commands agree: `fmt` refuses exactly the files `validate` finds unloadable, with the
  same diagnostics; commands that read plans fail exactly when `validate` finds errors;
- `fmt` is idempotent and keeps the plan (the loaded models are equal);
- rendered pages carry no script, no javascript: link, no Markdown structure forged by text.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, sweep
from workplan_cli.fmt import format_paths
from workplan_cli.render import render
from workplan_cli.reporters import report_text
from workplan_cli.text import isolated
from workplan_cli.validate import validate_paths

HOSTILE = Path(__file__).resolve().parent / "hostile"
WORKPLAN = Path(sys.executable).parent / "workplan"
MEMORY_LIMIT = 1536 * 1024 * 1024
TIMEOUT = 60  # seconds for one command in its own process: a hang fails the test instead of stalling the run
DRIVER_TIMEOUT = 90  # seconds for all the commands of one file
AS_OF = "2023-01-01"  # the term start of both base fixtures

COMMITTEE = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
BIG_STRING = "x" * 1_000_000


def _alias_1mb_string_x500() -> bytes:
    return (COMMITTEE + f"notes:\n  - &s {BIG_STRING}\n" + "  - *s\n" * 500).encode()


def _unknown_keys_20000() -> bytes:
    return (COMMITTEE + "".join(f"unknown_key_{i}: {i}\n" for i in range(20_000))).encode()


def _timezone_100k_chars() -> bytes:
    return COMMITTEE.replace("adopted: 2023-01-05\n", "adopted: 2023-01-05\ntimezone: " + "A" * 100_000 + "\n").encode()


def _deep_nesting_2000_block() -> bytes:
    nested = "".join(" " * (2 * i) + f"k{i}:\n" for i in range(2000)) + " " * 4000 + "v\n"
    return (COMMITTEE + "notes:\n  - " + nested.replace("\n", "\n    ").rstrip() + "\n").encode()


def _long_line_500kb() -> bytes:
    return COMMITTEE.replace("    - The committee meets twice.", "    - " + "y" * 500_000).encode()


def _notes_5000() -> bytes:
    return (COMMITTEE + "notes:\n" + "  - a note\n" * 5_000).encode()


GENERATED = {
    "alias-1mb-string-x500.yaml": _alias_1mb_string_x500,
    "unknown-keys-20000.yaml": _unknown_keys_20000,
    "timezone-100k-chars.yaml": _timezone_100k_chars,
    "deep-nesting-2000-block.yaml": _deep_nesting_2000_block,
    "long-line-500kb.yaml": _long_line_500kb,
    "notes-5000.yaml": _notes_5000,
}
COMMITTED = sorted(p.name for p in HOSTILE.glob("*.yaml"))
NAMES = [*GENERATED, *COMMITTED]  # the slow ones first, so they run beside the rest


def _first_of_each_class(names: list[str]) -> set[str]:
    """The first of the names that start with the same word (alias-, date-, escape-...): one file per class."""
    first: dict[str, str] = {}
    for name in names:
        first.setdefault(name.split("-")[0], name)
    return set(first.values())


# What the default run takes through the commands in this process: the first file of each
# class, and those that reach a branch of the loader or fmt none of the first ones reaches
# (a NaN, an undefined alias, a merge key over a duplicate, merged meeting times).
CLASS_SAMPLE = _first_of_each_class(COMMITTED) | {
    "alias-undefined.yaml",
    "float-nan.yaml",
    "merge-key-duplicate.yaml",
    "merge-key-meeting-times.yaml",
}

# Where the right answer is plain: validate's exit code, and codes its report must include.
EXACT: dict[str, tuple[int, set[str]]] = {
    "crlf-line-endings.yaml": (0, set()),
    "program-valid-crlf.yaml": (0, set()),
    "document-end-markers.yaml": (0, set()),
    "alias-reused-valid.yaml": (0, set()),
    "alias-shared-between-meetings.yaml": (0, set()),
    "merge-key-meeting-times.yaml": (0, set()),
    "bidi-override-in-title.yaml": (0, set()),
    "very-long-line.yaml": (0, set()),
    "long-line-500kb.yaml": (0, set()),
    "notes-5000.yaml": (0, set()),
    "complex-key-scalar.yaml": (0, set()),
    "no-final-newline.yaml": (0, set()),
    "trailing-whitespace.yaml": (0, set()),
    "timezone-kiritimati.yaml": (0, set()),
    "date-2023-02-29.yaml": (1, {"WP013"}),
    "date-0000-01-01.yaml": (1, {"WP013"}),
    "date-10000-01-01.yaml": (1, {"WP013"}),
    "time-24-00.yaml": (1, {"WP014"}),
    "time-23-60.yaml": (1, {"WP014"}),
    "timezone-folder-america.yaml": (1, {"WP015"}),
    "timezone-100k-chars.yaml": (1, {"WP015"}),
    "timezone-path-traversal.yaml": (1, {"WP015"}),
    "timezone-absolute-path.yaml": (1, {"WP015"}),
    "timezone-empty.yaml": (1, set()),
    "timezone-nul.yaml": (1, set()),
    "escape-beyond-unicode.yaml": (1, {"WP002"}),
    "escape-invalid.yaml": (1, {"WP002"}),
    "escape-truncated.yaml": (1, {"WP002"}),
    "escape-lone-surrogate.yaml": (1, set()),
    "escape-lone-low-surrogate.yaml": (1, set()),
    "nul-byte.yaml": (1, {"WP002"}),
    "c0-control-raw.yaml": (1, {"WP002"}),
    "del-raw.yaml": (1, {"WP002"}),
    "c1-controls-raw.yaml": (1, {"WP002"}),
    "c1-csi-raw.yaml": (1, {"WP002"}),
    "title-terminal-escapes-raw.yaml": (1, {"WP002"}),
    "quote-single-unbalanced.yaml": (1, {"WP002"}),
    "quote-double-unbalanced.yaml": (1, {"WP002"}),
    "quote-double-unbalanced-last-line.yaml": (1, {"WP002"}),
    "flow-seq-unclosed.yaml": (1, {"WP002"}),
    "flow-map-unclosed.yaml": (1, {"WP002"}),
    "flow-extra-closing.yaml": (1, {"WP002"}),
    "tab-indentation.yaml": (1, {"WP002"}),
    "alias-undefined.yaml": (1, {"WP002"}),
    "merge-key-unknown-alias.yaml": (1, {"WP002"}),
    "yaml-2.0-directive.yaml": (1, {"WP002"}),
    "documents-repeated.yaml": (1, set()),
    "tag-python-object.yaml": (1, {"WP008"}),
    "tag-local.yaml": (1, {"WP008"}),
    "tag-verbatim.yaml": (1, {"WP008"}),
    "tag-binary.yaml": (1, {"WP008"}),
    "tag-set.yaml": (1, {"WP008"}),
    "tag-omap.yaml": (1, {"WP008"}),
    "tag-directive.yaml": (1, {"WP008"}),
    "program-tag.yaml": (1, {"WP008"}),
    "tag-int-on-text.yaml": (1, set()),
    "tag-float-abc.yaml": (1, set()),
    "tag-bool-maybe.yaml": (1, set()),
    "tag-int-abc.yaml": (1, set()),
    "tag-timestamp-bad.yaml": (1, set()),
    "tag-null-x.yaml": (1, set()),
    "alias-billion-laughs.yaml": (1, {"WP009"}),
    "alias-1mb-string-x500.yaml": (1, {"WP009"}),
    "merge-key-self.yaml": (1, set()),
    "merge-key-nested-loop.yaml": (1, set()),
    "merge-key-scalar.yaml": (1, set()),
    "anchor-root-self-reference.yaml": (1, set()),
    "duplicate-key.yaml": (1, {"WP003"}),
    "duplicate-key-differently-quoted.yaml": (1, {"WP003"}),
    "empty-file.yaml": (1, {"WP004"}),
    "only-comment.yaml": (1, {"WP004"}),
    "only-document-markers.yaml": (1, set()),
    "root-list.yaml": (1, {"WP005"}),
    "root-scalar.yaml": (1, {"WP005"}),
    "kind-unknown.yaml": (1, {"WP006"}),
    "int-5000-digits-schema-version.yaml": (1, set()),
    "unknown-keys-20000.yaml": (1, {"WP011"}),
    "deep-nesting-2000.yaml": (1, set()),
    "deep-nesting-2000-mappings.yaml": (1, set()),
    "deep-nesting-2000-block.yaml": (1, set()),
    "int-5000-digits.yaml": (1, set()),
    "hex-int-5000-digits.yaml": (1, set()),
    "octal-int-5000-digits.yaml": (1, set()),
    "int-5000-digits-label.yaml": (1, set()),
    "int-5000-digits-reference.yaml": (1, set()),
    "int-5000-digits-negative.yaml": (1, set()),
    "int-5000-digits-footnote.yaml": (1, set()),
    "report-due-huge.yaml": (1, set()),
    "report-due-february-30.yaml": (1, set()),
    "float-1e400.yaml": (1, set()),
    "float-nan.yaml": (1, set()),
    "float-inf-label.yaml": (1, set()),
    "label-float.yaml": (1, set()),
    "label-bool.yaml": (1, set()),
    "label-null.yaml": (1, set()),
    "reference-float.yaml": (1, set()),
    "id-uppercase.yaml": (1, set()),
    "id-unicode.yaml": (1, set()),
    "id-empty.yaml": (1, set()),
    "id-with-newline-forging-diagnostic.yaml": (1, set()),
    "escape-in-id.yaml": (1, set()),
    "zero-width-in-id.yaml": (1, set()),
    "plan-id-path.yaml": (1, set()),
    "empty-strings-everywhere.yaml": (1, set()),
    "date-9999-12-31-meeting.yaml": (1, set()),
    "date-empty.yaml": (1, set()),
    "time-end-before-start.yaml": (1, set()),
    "milestone-meeting-unknown.yaml": (1, set()),
    "program-letter-lowercase.yaml": (1, set()),
    "program-letter-unicode.yaml": (1, set()),
    "program-body-committee-kind.yaml": (1, set()),
    "program-huge-int.yaml": (1, set()),
}

SUBPROCESS_SAMPLE = [
    "tab-after-colon.yaml",
    "merge-key-self.yaml",
    "escape-lone-surrogate.yaml",
    "int-5000-digits.yaml",
    "timezone-folder-america.yaml",
    "term-ends-9999-12-31.yaml",
    "title-terminal-escapes.yaml",
    "symbol-with-newline-forging-diagnostic.yaml",
    "markdown-raw-html.yaml",
    "crlf-line-endings.yaml",
    "deep-nesting-2000.yaml",
    "alias-1mb-string-x500.yaml",
]

# Imports the CLI once, runs each command once to warm it up, then forks one
# child per file (at most JOBS at a time).  A child limits its own memory, arms
# an alarm, runs the file's commands through CliRunner and writes one JSON line
# per command; the parent reports how each child ended.
DRIVER = r"""
import json, os, resource, signal, sys, traceback
from typer.testing import CliRunner
from workplan_cli.cli import app
from workplan_cli.loader import parse_plan

jobs, out, limit, timeout, width, warm = json.loads(sys.stdin.read())
runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1", "GITHUB_ACTIONS": None})
for argv in warm:
    runner.invoke(app, argv)


def run(argv):
    if argv[0] == "__same_plan__":
        record = {"argv": argv, "exit": 0, "stdout": "", "stderr": "", "exception": None}
        try:
            texts = [open(p, encoding="utf-8-sig").read() for p in argv[1:]]
            plans = [parse_plan(t, "x.yaml").plan for t in texts]
            record["stdout"] = "same" if plans[0] == plans[1] else "different"
        except BaseException as exc:
            record["exception"] = "".join(traceback.format_exception(exc))
    else:
        result = runner.invoke(app, argv)
        exc = result.exception
        text = None
        if exc is not None and not isinstance(exc, SystemExit):
            text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        # The bytes: Result.stdout turns CRLF into LF, which would hide what a calendar holds.
        out, err = (b.decode("utf-8", "replace") for b in (result.stdout_bytes, result.stderr_bytes))
        record = {"argv": argv, "exit": result.exit_code, "stdout": out, "stderr": err, "exception": text}
    return record


running = {}
pending = list(enumerate(jobs))
while pending or running:
    while pending and len(running) < width:
        index, commands = pending.pop(0)
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
                signal.alarm(timeout)
                with open(os.path.join(out, f"{index}.jsonl"), "w", encoding="utf-8") as stream:
                    for argv in commands:
                        stream.write(json.dumps(run(argv)) + "\n")
                        stream.flush()
            except BaseException:
                traceback.print_exc()
                code = 3
            os._exit(code)
        running[pid] = index
    pid, status = os.wait()
    index = running.pop(pid)
    sys.stdout.write(json.dumps({"index": index, "status": status}) + "\n")
    sys.stdout.flush()
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _run(argv: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        argv,
        capture_output=True,
        timeout=timeout,
        preexec_fn=_limit_memory,
        env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "GITHUB_ACTIONS": ""},
        check=False,
    )


def materialize(name: str, folder: Path) -> Path:
    """The corpus file in its own folder, `{path}` replaced by its path (so a forged diagnostic names it)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    data = GENERATED[name]() if name in GENERATED else (HOSTILE / name).read_bytes()
    path.write_bytes(data.replace(b"{path}", str(path).encode()))
    return path


def _is_program(path: Path) -> bool:
    return b"kind: program-plan" in path.read_bytes()[:4000]


def commands_for(path: Path, copy: Path) -> list[list[str]]:
    program = _is_program(path)
    base = FIXTURES / ("program-minimal.yaml" if program else "committee-minimal.yaml")
    ident = "testing" if program else "meeting-1"
    p = str(path)
    return [
        ["validate", p],
        ["fmt", "--check", p],
        ["fmt", str(copy)],
        ["fmt", "--check", str(copy)],
        ["validate", str(copy)],
        ["__same_plan__", p, str(copy)],
        ["upcoming", "--as-of", AS_OF, "--days", "400", "--include-tbd", p],
        ["query", "meetings", p],
        ["query", "coverage", p],
        ["show", ident, p],
        ["diff", str(base), p],
        ["render", "--format", "html", p],
        ["render", "--format", "md", p],
        ["render", "--format", "ics", p],
        *_edits(path, copy, ident),
    ]


def _edits(path: Path, copy: Path, ident: str) -> list[list[str]]:
    """The editing commands, on a copy of their own (none for the warm-up run on the fixture itself)."""
    if copy == path:
        return []
    edited = copy.parent.parent / "edited" / copy.name
    if not edited.exists():
        edited.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, edited)
    return [
        ["move", ident, AS_OF.replace("-01-01", "-03-02"), str(edited)],
        ["cancel", ident, "--note", "No quorum", str(edited)],
        ["add", "activity", "--date", AS_OF.replace("-01-01", "-04-04"), "--title", "2024", str(edited)],
    ]


def prepare(name: str, root: Path) -> tuple[Path, Path, list[list[str]]]:
    folder = root / re.sub(r"[^a-z0-9.-]", "_", name)
    path = materialize(name, folder / "plan")
    copy = folder / "copy" / name
    copy.parent.mkdir(parents=True)
    shutil.copy(path, copy)
    return path, copy, commands_for(path, copy)


@pytest.fixture(scope="session")
def corpus_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    root = tmp_path_factory.mktemp("hostile")
    prepared = {name: prepare(name, root) for name in NAMES}
    out = root / "results"
    out.mkdir()
    warm = commands_for(FIXTURES / "committee-minimal.yaml", FIXTURES / "committee-minimal.yaml")
    warm = [argv for argv in warm if argv[0] not in ("fmt", "__same_plan__")]
    jobs = [prepared[name][2] for name in NAMES]
    payload = json.dumps([jobs, str(out), MEMORY_LIMIT, DRIVER_TIMEOUT, max(2, os.cpu_count() or 2), warm])
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER],
        input=payload.encode(),
        capture_output=True,
        env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1"},
        timeout=DRIVER_TIMEOUT * len(NAMES),
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-5000:]
    statuses = {}
    for line in proc.stdout.decode().splitlines():
        item = json.loads(line)
        statuses[item["index"]] = item["status"]
    results = {}
    for index, name in enumerate(NAMES):
        path, copy, commands = prepared[name]
        file = out / f"{index}.jsonl"
        records = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()] if file.exists() else []
        status, problem = statuses.get(index), None
        if status is None or status != 0:
            if status is not None and os.WIFSIGNALED(status):
                cause = {14: f"timed out after {DRIVER_TIMEOUT} s"}.get(
                    os.WTERMSIG(status), f"killed by signal {os.WTERMSIG(status)} (memory limit?)"
                )
            else:
                cause = f"child ended with status {status}"
            stuck = commands[len(records)][:3] if len(records) < len(commands) else "?"
            problem = f"{cause}; stuck on {stuck}"
        results[name] = {"path": str(path), "copy": str(copy), "records": records, "problem": problem}
    return results


# --- what every output must look like ---------------------------------------------------------------

# Control characters, and the bidirectional controls that could reorder what a reviewer sees.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORGED = re.compile(r"^\S*:\d+:\d+: (error|warning) WP999")
SUMMARY = re.compile(r"^(Found \d+ errors? and \d+ warnings? in \d+ files?\.|\d+ files? checked: no problems\.)$")
FMT_LINE = re.compile(r"^(would reformat|reformatted) .+$|^\d+ files? already formatted\.$")


PAGE_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def bidi_outside_isolates(page: str) -> str | None:
    """The first bidirectional control of a page that is not inside a balanced isolate, with what precedes it."""
    depth = 0
    for n, char in enumerate(page):
        if char in "\u2066\u2067\u2068":
            depth += 1
        elif char == "\u2069":
            if not depth:
                return page[max(0, n - 80) : n + 1]
            depth -= 1
        elif "\u202a" <= char <= "\u202e" and not depth:
            return page[max(0, n - 80) : n + 1]
    return page[-80:] if depth else None


def test_the_page_check_finds_a_control_outside_an_isolate():
    assert bidi_outside_isolates("Title \u202eevil") == "Title \u202e"
    assert bidi_outside_isolates("\u2068a\u2069\u2069 b") == "\u2068a\u2069\u2069"
    assert bidi_outside_isolates("\u2068a\u202e") == "\u2068a\u202e"
    assert bidi_outside_isolates(isolated("Title \u202eevil\u2069\u2066")) is None


def diagnostic_re(*paths: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in paths)
    return re.compile(rf"^({alternatives}):\d+:\d+: (error|warning) WP\d{{3}} .+$")


def output_lines(text: str, *, ics: bool = False) -> list[str]:
    return text.split("\r\n")[:-1] if ics and text else text.split("\n")


def problems_in(record: dict[str, object], paths: tuple[str, ...]) -> list[str]:
    """What is wrong with one command's run; empty when it behaved."""
    argv = record["argv"]
    label = " ".join(a if "/" not in a else Path(a).name for a in argv)  # type: ignore[union-attr]
    found = []
    stdout, stderr = str(record["stdout"]), str(record["stderr"])
    if record["exception"]:
        found.append(f"{label}: exception escaped:\n{record['exception']}")
    if "Traceback" in stdout + stderr:
        found.append(f"{label}: traceback in output")
    if record["exit"] not in (0, 1, 2):
        found.append(f"{label}: exit code {record['exit']}")
    ics = argv[:3] == ["render", "--format", "ics"]
    page = argv[:3] == ["render", "--format", "html"]
    if page and (leak := bidi_outside_isolates(stdout)):
        found.append(f"{label}: stdout has a bidirectional control outside an isolate: {leak!r}")
    for stream_name, text in (("stdout", stdout), ("stderr", stderr)):
        # A page keeps bidirectional controls inside isolates (checked above); every other output shows them.
        control = PAGE_CONTROL if page and stream_name == "stdout" else CONTROL
        for number, line in enumerate(output_lines(text, ics=ics and stream_name == "stdout"), 1):
            if control.search(line):
                found.append(f"{label}: {stream_name} line {number} has a control character: {line[:200]!r}")
                break
        for line in text.splitlines():
            if FORGED.match(line):
                found.append(f"{label}: {stream_name} has a forged diagnostic line: {line[:200]!r}")
                break
    diagnostic = diagnostic_re(*paths)
    if argv[0] == "validate":
        lines = stdout.splitlines()
        for line in lines[:-1]:
            if not diagnostic.match(line):
                found.append(f"{label}: not a one-line diagnostic: {line[:300]!r}")
                break
        if lines and not SUMMARY.match(lines[-1]):
            found.append(f"{label}: last line is not the summary: {lines[-1][:300]!r}")
    if argv[0] == "fmt":
        for line in stdout.splitlines():
            if not diagnostic.match(line):
                found.append(f"{label}: not a one-line diagnostic: {line[:300]!r}")
                break
    if record["exit"] != 0:
        if not (stdout + stderr).strip():
            found.append(f"{label}: failed without a message")
        for line in stderr.splitlines():
            if not (
                diagnostic.match(line)
                or line.startswith("workplan: error: ")
                or re.match(r"^… and \d+ more$", line)
                or FMT_LINE.match(line)
            ):
                found.append(f"{label}: stderr line is not a one-line message: {line[:300]!r}")
                break
    return found


def _by_command(result: dict[str, object]) -> dict[str, dict[str, object]]:
    records = result["records"]
    return {" ".join(r["argv"][:3] if r["argv"][0] != "fmt" else r["argv"]): r for r in records}  # type: ignore[index,union-attr]


def _codes(validate_stdout: str) -> set[str]:
    return set(re.findall(r": (?:error|warning) (WP\d{3}) ", validate_stdout))


def _loader_diagnostics(text: str, path: str) -> list[str]:
    """The diagnostics of a file that does not load (codes WP0xx), as printed."""
    return sorted(line for line in text.splitlines() if re.match(rf"^{re.escape(path)}:\d+:\d+: error WP0\d\d ", line))


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_hostile_corpus_every_command_behaves(corpus_results, name):
    result = corpus_results[name]
    path, copy = str(result["path"]), str(result["copy"])
    found = [result["problem"]] if result["problem"] else []
    for record in result["records"]:  # type: ignore[union-attr]
        found += problems_in(
            record, (path, copy, str(FIXTURES / "committee-minimal.yaml"), str(FIXTURES / "program-minimal.yaml"))
        )
    assert not found, "\n".join(found)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_hostile_corpus_commands_agree(corpus_results, name):
    """fmt refuses what validate cannot load, with the same diagnostics; readers fail exactly on errors.

    diff fails exactly on files that do not load (WP0xx); lint findings do not stop a comparison.
    """
    result = corpus_results[name]
    assert result["problem"] is None, result["problem"]
    path = str(result["path"])
    runs = {tuple(r["argv"]): r for r in result["records"]}  # type: ignore[union-attr]
    validate = runs[("validate", path)]
    has_errors = re.search(r": error WP\d{3} ", validate["stdout"]) is not None
    assert validate["exit"] == (1 if has_errors else 0), validate["stdout"][-2000:]
    unloadable = _loader_diagnostics(validate["stdout"], path)
    check = runs[("fmt", "--check", path)]
    assert _loader_diagnostics(check["stdout"], path) == unloadable, (
        validate["stdout"][-3000:],
        check["stdout"][-3000:],
    )
    if unloadable:
        assert check["exit"] == 1
    mismatched = []
    for argv, record in runs.items():
        if argv[0] in ("upcoming", "query", "diff", "render", "show"):
            # diff compares what loads (README: a version with errors is one that does not load);
            # the others answer from a plan only when it has no error at all.
            failing = bool(unloadable) if argv[0] == "diff" else has_errors
            expected = {1} if failing else ({0, 2} if argv[0] == "show" else {0})
            if record["exit"] not in expected:
                mismatched.append(
                    f"{' '.join(argv[:3])}: exit {record['exit']}, validate exit {validate['exit']}: {record['stderr'][-1000:]}"
                )
            if argv[0] == "show" and record["exit"] == 2:
                assert record["stderr"].startswith("workplan: error: no item with id "), record["stderr"]
    assert not mismatched, "\n".join(mismatched)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_hostile_corpus_fmt_is_idempotent_and_keeps_the_plan(corpus_results, name):
    result = corpus_results[name]
    assert result["problem"] is None, result["problem"]
    path, copy = str(result["path"]), str(result["copy"])
    runs = {tuple(r["argv"]): r for r in result["records"]}  # type: ignore[union-attr]
    written = runs[("fmt", copy)]
    check = runs[("fmt", "--check", path)]
    if written["exit"] != 0:
        assert written["exit"] == check["exit"] == 1, (written, check)
        return
    assert check["exit"] == (1 if "would reformat" in check["stderr"] else 0), check
    again = runs[("fmt", "--check", copy)]
    assert again["exit"] == 0, f"fmt is not idempotent: {again['stderr']}"
    before = runs[("validate", path)]["stdout"].replace(path, "PLAN").replace(copy, "PLAN")
    after = runs[("validate", copy)]["stdout"].replace(copy, "PLAN").replace(path, "PLAN")
    strip = lambda text: sorted(re.sub(r"^PLAN:\d+:\d+: ", "", line) for line in text.splitlines())  # noqa: E731
    assert strip(after) == strip(before), "fmt changed what validate says"
    same = runs[("__same_plan__", path, copy)]
    assert same["exception"] is None, same["exception"]
    assert same["stdout"] == "same", "the plan after fmt differs from the plan before"


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n in NAMES if n in EXACT])
def test_hostile_corpus_validate_gives_the_expected_result(corpus_results, name):
    result = corpus_results[name]
    assert result["problem"] is None, result["problem"]
    validate = next(r for r in result["records"] if r["argv"][0] == "validate")  # type: ignore[union-attr,index]
    code, codes = EXACT[name]
    assert validate["exit"] == code, validate["stdout"][-3000:] + validate["stderr"][-3000:]
    assert codes <= _codes(validate["stdout"]), validate["stdout"][-3000:]


@pytest.mark.slow
def test_hostile_corpus_tab_after_colon_validate_and_fmt_agree(corpus_results):
    result = corpus_results["tab-after-colon.yaml"]
    path = str(result["path"])
    runs = {tuple(r["argv"]): r for r in result["records"]}  # type: ignore[union-attr]
    validate, check = runs[("validate", path)], runs[("fmt", "--check", path)]
    if validate["exit"] == 0:
        assert check["stdout"] == "" and check["exit"] in (0, 1), check
    else:
        diagnostics = validate["stdout"].splitlines()[:-1]
        assert diagnostics and check["stdout"].splitlines() == diagnostics, (validate, check)


def _rendered(result: dict[str, object], fmt: str) -> str:
    return next(r for r in result["records"] if r["argv"][:3] == ["render", "--format", fmt])["stdout"]  # type: ignore[union-attr,index]


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_hostile_corpus_rendered_pages_carry_no_injected_markup(corpus_results, name):
    result = corpus_results[name]
    assert result["problem"] is None, result["problem"]
    assert_no_injected_markup(*(_rendered(result, f) for f in ("html", "md", "ics")))


def assert_no_injected_markup(html: str, md: str, ics: str) -> None:
    """No script, no dangerous link, no raw HTML, no Markdown or calendar structure forged by the plan's text."""
    assert "<script" not in html.lower() and "<iframe" not in html.lower()
    assert not re.search(r"""href\s*=\s*["']?\s*(javascript|data|vbscript):""", html, re.I), "a dangerous link in HTML"
    assert "<img" not in html.lower(), "raw HTML from the plan in HTML"
    assert '" onmouseover="' not in html, "a quote in the plan closed an HTML attribute"
    # A backslash before `<` is Markdown's own escape: `\<script\>` is text.
    assert not re.search(r"(?<!\\)<(script|iframe|img)", md, re.I), "raw HTML in Markdown"
    # `\](` is an escaped bracket, text; only an unescaped `](` closes a link.
    assert not re.search(r"(?<!\\)\]\(\s*(javascript|data|vbscript):", md, re.I), "a dangerous link in Markdown"
    for line in md.splitlines():
        assert not re.match(r"^\s{0,3}(#+|[-*+]|\d+[.)]|>)?\s*FAKE-", line), f"Markdown forged by text: {line!r}"
        assert not re.match(r"^\s{0,3}(```|~~~)", line), f"a code fence forged by text: {line!r}"
    if ics:
        assert "\n" not in ics.replace("\r\n", ""), "a bare line feed in the calendar"
        assert "SUMMARY:FAKE-EVENT" not in ics.split("\r\n"), "a calendar line forged by text"
        assert ics.count("BEGIN:VEVENT") == ics.count("END:VEVENT")
        for line in ics.split("\r\n"):
            assert len(line.encode()) <= 75, f"a calendar line longer than 75 octets: {line[:100]!r}"


@pytest.mark.slow
@pytest.mark.parametrize("name", SUBPROCESS_SAMPLE)
@pytest.mark.parametrize("command", [["validate"], ["fmt", "--check"], ["render", "--format", "html"]])
def test_hostile_corpus_console_script(tmp_path, name, command):
    """The real console script, one process per command, so a crash shows as it would to a user."""
    path = materialize(name, tmp_path)
    try:
        proc = _run([str(WORKPLAN), *command, str(path)], TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(command)} {name}: no answer in {TIMEOUT} s")
    stdout = proc.stdout.decode("utf-8", errors="replace")
    stderr = proc.stderr.decode("utf-8", errors="replace")
    record = {"argv": [*command, str(path)], "exit": proc.returncode, "stdout": stdout, "stderr": stderr}
    found = problems_in({**record, "exception": None}, (str(path),))
    assert proc.returncode >= 0, f"killed by signal {-proc.returncode} (memory limit: {MEMORY_LIMIT} bytes)"
    assert b"\xed\xa0" not in proc.stdout + proc.stderr, "a lone surrogate written as bytes"
    assert not found, "\n".join(found)


# --- the default run: the same corpus in this process ----------------------------------------


@pytest.fixture(scope="module")
def in_process_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile-in-process")


@pytest.mark.parametrize("name", sweep(NAMES, default=CLASS_SAMPLE))
def test_hostile_corpus_in_process(in_process_folder, name):
    """Every corpus file through validate, fmt --check and render, by the functions the commands call.

    In seconds, what the slow tier proves in child processes for these commands: no exception;
    validate's expected result, in one-line located diagnostics without control characters or
    forged lines; fmt --check refuses exactly the files validate cannot load, with the same
    diagnostics; and the pages of every plan without errors carry no injected markup.
    """
    path = materialize(name, in_process_folder / re.sub(r"[^a-z0-9.-]", "_", name))
    report = validate_paths([path])
    stdout, stderr = report_text(report), "".join(f"workplan: error: {e}\n" for e in report.io_errors)
    code = 2 if report.io_errors else 1 if report.failed() else 0
    record = {"argv": ["validate", str(path)], "exit": code, "stdout": stdout, "stderr": stderr, "exception": None}
    found = problems_in(record, (str(path),))
    assert not found, "\n".join(found)
    if name in EXACT:
        expected, codes = EXACT[name]
        assert code == expected, stdout[-3000:]
        assert codes <= _codes(stdout), stdout[-3000:]

    [checked] = format_paths([path], write=False)
    assert checked.io_error is None, checked.io_error
    printed = "".join(f"{diag}\n" for diag in checked.diagnostics)
    assert _loader_diagnostics(printed, str(path)) == _loader_diagnostics(stdout, str(path)), (stdout, printed)

    plan = report.files[0].plan
    if code == 0 and plan is not None:
        assert_no_injected_markup(*(render(plan, fmt) for fmt in ("html", "md", "ics")))
