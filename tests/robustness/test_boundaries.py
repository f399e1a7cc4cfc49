"""What the command line meets outside the plan: paths it cannot even look at, the environment it runs in,
a reader that goes away, templates and catalogs that are not what they should be, the signal that ends it.

Each test is one class of input that gave a traceback, a wrong exit code or a damaged file; the message
and the exit code are the README's.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, FIXTURES, cli_runner, examples
from workplan_cli.cli import app
from workplan_cli.text import visible

WORKPLAN = str(Path(sys.executable).parent / "workplan")
CSH = DATA / "csh-2022-2023.yaml"
LONG = "a" * 300  # longer than a file name may be (255 bytes on Linux and macOS)


def invoke(runner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_bytes(CSH.read_bytes())
    return path


# --- a path that cannot even be looked at -------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["upcoming", "-p", LONG], LONG),
        (["show", "meeting-5", "-p", LONG], LONG),
        (["move", "meeting-7", "2023-03-23", "-p", LONG], LONG),
        (["render", str(CSH), "-o", LONG + ".html"], LONG + ".html"),
        (["render", str(CSH), "--template-dir", LONG], LONG),
        (["init", "--from", str(CSH), "--start", "2023-11-10", "-o", LONG], LONG),
        (["diff", LONG, str(CSH)], f"{LONG}: cannot open"),
        (["i18n", "extract", LONG], LONG),
        (["i18n", "status", LONG, "--lang", "es"], LONG),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else None,
)
def test_a_name_too_long_to_look_at_is_one_line_and_exit_2(runner, args, named):
    assert invoke(runner, *args) == (2, "", f"workplan: error: {named}: File name too long\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root searches any folder")
@pytest.mark.parametrize(
    "args",
    [
        ["render", str(CSH), "-o", "{locked}/page.html"],
        ["init", "--from", str(CSH), "--start", "2023-11-10", "-o", "{locked}/next.yaml"],
        ["i18n", "status", "{locked}/plan.yaml", "--lang", "es"],
        ["upcoming", "-p", "{locked}/plan.yaml"],
    ],
    ids=lambda args: args[0],
)
def test_a_path_in_a_folder_that_cannot_be_searched_is_one_line_and_exit_2(runner, tmp_path, args):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0)
    try:
        code, out, err = invoke(runner, *[arg.format(locked=locked) for arg in args])
    finally:
        locked.chmod(0o700)
    assert (code, out) == (2, "")
    assert err.startswith(f"workplan: error: {locked}/") and err.endswith(": Permission denied\n"), err


# --- catalogs and the environment ----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["i18n", "status", "{plan}", "--lang", "es"],
        ["render", "{plan}", "--lang", "es"],
        ["upcoming", "{plan}", "--lang", "es"],
    ],
    ids=lambda args: args[0],
)
def test_a_catalog_that_is_a_folder_is_refused_like_a_fifo(runner, plan, tmp_path, args):
    (tmp_path / "plan.es.po").mkdir()
    assert invoke(runner, *[arg.format(plan=plan) for arg in args]) == (
        1,
        "",
        f"workplan: error: {tmp_path / 'plan.es.po'}: a translation catalog must be a regular file\n",
    )


def _script(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    done = subprocess.run(
        [WORKPLAN, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1", **(env or {})},
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("zone", ["folder", ":not-a-zone-file", "/dev/null"])
def test_tz_naming_a_file_that_is_no_zone_is_the_machine_in_utc(tmp_path, zone):
    # babel reads TZ's file when first imported; the C library takes such a TZ as UTC, and so does workplan.
    if zone == "folder":
        zone = str(tmp_path)
    elif zone.startswith(":"):
        (tmp_path / zone[1:]).write_text("not a zone\n", encoding="utf-8")
        zone = f":{tmp_path / zone[1:]}"
    args = ("show", "meeting-5", "--lang", "es", str(CSH))
    in_utc = _script(*args, env={"TZ": "UTC"})
    assert in_utc[0] == 0
    assert _script(*args, env={"TZ": zone}) == in_utc


# --- a reader that goes away ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["render", str(CSH), "--format", "html"], 0),
        (["schema"], 0),
        (["upcoming", str(CSH), "--as-of", "2022-11-01", "--days", "3000", "--format", "json"], 0),
        (["validate", str(FIXTURES.parent / "robustness" / "hostile"), "--jobs", "1"], 1),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else None,
)
def test_a_reader_that_stops_early_leaves_the_commands_own_exit_code(args, code):
    # `workplan ... | head -c 1` under `set -o pipefail`: the output is larger than the pipe holds.
    process = subprocess.Popen(
        [WORKPLAN, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"}
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.read(1)
    process.stdout.close()
    errors = process.stderr.read()
    assert (first != b"", process.wait(timeout=120), errors) == (True, code, b"")


# --- what render reads it never writes over ---------------------------------------------------------


@pytest.mark.parametrize(("fmt", "lang"), [("html", "es"), ("md", "fr"), ("ics", "pt")])
def test_render_never_writes_over_a_catalog_beside_its_plan(runner, plan, tmp_path, fmt, lang):
    catalog = tmp_path / f"plan.{lang}.po"
    catalog.write_bytes((DATA / f"csh-2022-2023.{lang}.po").read_bytes())
    assert invoke(runner, "render", str(plan), "--format", fmt, "--lang", lang, "-o", str(catalog)) == (
        2,
        "",
        f"workplan: error: {catalog}: is an input of this command ({catalog}); write the output somewhere else "
        "(nothing written)\n",
    )
    assert catalog.read_bytes() == (DATA / f"csh-2022-2023.{lang}.po").read_bytes()


def test_render_never_writes_over_a_template_it_reads(runner, plan, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    template = templates / "committee.md.j2"
    template.write_text("# {{ plan.id }}\n", encoding="utf-8")
    assert invoke(runner, "render", str(plan), "-f", "md", "--template-dir", str(templates), "-o", str(template)) == (
        2,
        "",
        f"workplan: error: {template}: is an input of this command ({template}); write the output somewhere else "
        "(nothing written)\n",
    )
    assert template.read_text(encoding="utf-8") == "# {{ plan.id }}\n"
    page = templates / "page.md"
    assert invoke(runner, "render", str(plan), "-f", "md", "--template-dir", str(templates), "-o", str(page)) == (
        0,
        "",
        f"wrote {page}\n",
    )
    assert page.read_text(encoding="utf-8") == "# csh-2022-2023\n"


# --- templates that are not text ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"committee.md.j2": b"# {{ plan.id }}\nab\xffc\n"},
            "committee.md.j2:2:3: template is not UTF-8 text (byte 0xff)",
        ),
        (
            {"committee.md.j2": b'{% include "part.j2" %}\n', "part.j2": b"fine\n\xe9t\xe9\n"},
            "part.j2:2:1: template is not UTF-8 text (byte 0xe9)",
        ),
    ],
    ids=["the template", "one it includes"],
)
def test_a_template_that_is_not_utf8_names_file_line_and_column_exit_1(runner, plan, tmp_path, files, message):
    templates = tmp_path / "templates"
    templates.mkdir()
    for name, data in files.items():
        (templates / name).write_bytes(data)
    page = tmp_path / "page.md"
    assert invoke(runner, "render", str(plan), "-f", "md", "--template-dir", str(templates), "-o", str(page)) == (
        1,
        "",
        f"workplan: error: {templates}/{message}\n",
    )
    assert sorted(os.listdir(tmp_path)) == ["plan.yaml", "templates"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_template_that_cannot_be_read_is_an_io_error_exit_2(runner, plan, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "committee.md.j2").write_text("# {{ plan.id }}\n", encoding="utf-8")
    (templates / "committee.md.j2").chmod(0)
    assert invoke(runner, "render", str(plan), "-f", "md", "--template-dir", str(templates)) == (
        2,
        "",
        f"workplan: error: {templates}/committee.md.j2: cannot read the template: Permission denied\n",
    )


# --- the signal that ends a run ------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_run_ended_while_it_writes_leaves_no_temporary_file_and_the_old_output(plan, tmp_path, sig):
    templates = tmp_path / "templates"
    templates.mkdir()
    # A long page (the sandbox's `range` stops at 100,000 items, so two of them).
    (templates / "committee.md.j2").write_text(
        "{% for a in range(100000) %}{% for n in range(100000) %}{{ n }}\n{% endfor %}{% endfor %}", encoding="utf-8"
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "page.md").write_text("the old page\n", encoding="utf-8")
    run = subprocess.Popen(
        [WORKPLAN, "render", str(plan), "-f", "md", "--template-dir", str(templates), "-o", str(out / "page.md")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while len(os.listdir(out)) < 2 and time.monotonic() < deadline:  # the temporary file, being written
        time.sleep(0.02)
    assert len(os.listdir(out)) == 2
    run.send_signal(sig)
    _, err = run.communicate(timeout=60)
    assert (run.returncode, err, os.listdir(out)) == (-sig, b"", ["page.md"])
    assert (out / "page.md").read_text(encoding="utf-8") == "the old page\n"


# --- text from the command line into a plan ------------------------------------------------------------


def test_a_text_that_is_not_utf8_is_a_usage_error_naming_its_option(runner, plan):
    # What Python makes of `--note $'\xff\xfe'` (surrogateescape); YAML cannot hold it.
    assert invoke(runner, "cancel", "meeting-7", "--note", "a\udcff\udcfeb", str(plan)) == (
        2,
        "",
        "workplan: error: --note 'a\\xff\\xfeb' is not UTF-8 text: give it in UTF-8\n",
    )
    assert invoke(
        runner, "add", "activity", "--date", "2023-06-15", "--title", "x", "--place", "\udce9", str(plan)
    ) == (
        2,
        "",
        "workplan: error: --place '\\xe9' is not UTF-8 text: give it in UTF-8\n",
    )
    assert plan.read_bytes() == CSH.read_bytes()


# Any character, and the lone surrogates that stand for bytes that are not UTF-8 (st.text never makes those).
COMMAND_LINE_TEXT = st.lists(
    st.one_of(
        st.characters(codec=None, exclude_categories=()),
        st.sampled_from([chr(code) for code in range(0xDC80, 0xDD00)]),
    ),
    min_size=1,
    max_size=40,
).map("".join)


@settings(max_examples=examples(60))
@given(note=COMMAND_LINE_TEXT)
def test_any_note_is_kept_exactly_or_refused_as_usage(note):
    # Every text a command line can carry: kept exactly as given (stripped), or one line and exit 2.
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.yaml"
        plan.write_bytes((FIXTURES / "committee-minimal.yaml").read_bytes())
        code, _out, err = invoke(cli_runner(), "cancel", "meeting-1", "--note", note, str(plan))
        stripped = note.strip()
        if not stripped:
            assert (code, err) == (2, "workplan: error: --note needs some text\n")
        elif any("\ud800" <= c <= "\udfff" for c in stripped):
            assert (code, err) == (
                2,
                f"workplan: error: --note '{visible(stripped)}' is not UTF-8 text: give it in UTF-8\n",
            )
        else:
            held_there = (
                "workplan: warning: milestone 'first-version' is held at 'meeting-1': give it another meeting "
                "(its `meeting:` and `date:` keys)\n"
            )
            assert (code, err) == (0, f"{held_there}wrote {plan}\n")
            from workplan_cli import load_plan

            meeting = next(m for m in load_plan(plan).plan.meetings if m.id == "meeting-1")
            assert (meeting.status, meeting.status_note) == ("cancelled", stripped)


# --- an empty name ----------------------------------------------------------------------------------------

EMPTY = "an empty name is no file or folder; give . for the current folder"


@pytest.mark.parametrize(
    ("args", "param"),
    [
        (["validate", ""], "'[PATH]...'"),
        (["fmt", "--check", ""], "'[PATH]...'"),
        (["upcoming", "", str(CSH)], "'[PATH]...'"),
        (["upcoming", "-p", ""], "'--plan' / '-p'"),
        (["query", "meetings", ""], "'[PATH]...'"),
        (["show", "meeting-5", ""], "'[PATH]...'"),
        (["render", str(CSH), "-o", ""], "'--output' / '-o'"),
        (["render", str(CSH), "--template-dir", ""], "'--template-dir'"),
        (["schema", "-o", ""], "'--output' / '-o'"),
        (["diff", "", str(CSH)], "'OLD'"),
        (["diff", str(CSH), ""], "'[NEW]'"),
        (["move", "meeting-7", "2023-03-23", "--dry-run", ""], "'[PLAN]...'"),
        (["cancel", "meeting-7", "--dry-run", "-p", ""], "'--plan' / '-p'"),
        (["init", "--from", "", "--start", "2023-11-10"], "'--from'"),
        (["init", "--from", str(CSH), "--start", "2023-11-10", "-o", ""], "'--output' / '-o'"),
        (["i18n", "extract", ""], "'PLAN'"),
        (["i18n", "status", "", "--lang", "es"], "'PLAN'"),
    ],
    ids=lambda value: " ".join(value[:2]) if isinstance(value, list) else None,
)
def test_an_empty_path_is_refused_not_taken_for_the_current_folder(runner, monkeypatch, tmp_path, args, param):
    # `workplan render "$PLAN" -o "$OUT"` with OUT unset wrote into the current folder; `validate ""` read
    # every YAML file under it (a virtual environment's too).  The current folder here is a copy of data/.
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "csh-2022-2023.yaml").write_bytes(CSH.read_bytes())
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke(runner, *args)
    assert (code, out, err.splitlines()[-1]) == (2, "", f"Error: Invalid value for {param}: {EMPTY}")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_a_template_folder_that_cannot_be_read_is_refused_not_passed_over(runner, plan, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir(mode=0)
    try:
        assert invoke(runner, "render", str(plan), "--template-dir", str(templates)) == (
            2,
            "",
            f"workplan: error: {templates}: cannot read the template folder: Permission denied\n",
        )
    finally:
        templates.chmod(0o700)


# --- a plan that is a FIFO ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["move", "meeting-7", "2023-03-23", "{fifo}"],
        ["cancel", "meeting-7", "{fifo}"],
        ["add", "meeting", "--date", "2023-06-15", "-t", "10:00-13:00", "{fifo}"],
        ["init", "--from", "{fifo}", "--start", "2023-11-10"],
    ],
    ids=lambda args: args[0],
)
def test_an_edit_of_a_plan_that_is_a_fifo_is_refused_not_waited_on(tmp_path, args):
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    # In a process of its own: a run that waits for a writer would hang the tests.
    assert _script(*[arg.format(fifo=fifo) for arg in args]) == (
        2,
        "",
        f"workplan: error: {fifo}: not a regular file\n",
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{% extends 5 %}", "template error: 'int' object has no attribute 'split'"),
        # (A folder's templates run in the sandbox, which refuses the attribute before it is called.)
        (
            "{{ plan.id.__setattr__('x', 1) }}",
            "template error: access to attribute '__setattr__' of 'str' object is unsafe.",
        ),
    ],
)
def test_an_error_raised_in_a_template_names_that_template_and_line(runner, plan, tmp_path, body, message):
    # An AttributeError's `name` is the attribute's ("split"): it was taken for the template's.
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "committee.md.j2").write_text(f"# {{{{ plan.id }}}}\n{body}\n", encoding="utf-8")
    page = tmp_path / "page.md"
    assert invoke(runner, "render", str(plan), "-f", "md", "--template-dir", str(templates), "-o", str(page)) == (
        1,
        "",
        f"workplan: error: {templates}/committee.md.j2:2: {message}\n",
    )
    assert sorted(os.listdir(tmp_path)) == ["plan.yaml", "templates"]


# --- a file its mode says is read-only --------------------------------------------------------------------


def _read_only(path: Path, text: bytes) -> bytes:
    path.write_bytes(text)
    path.chmod(0o444)
    return text


@pytest.mark.parametrize(
    "args",
    [
        ["fmt", "{target}"],
        ["render", "{plan}", "-f", "md", "-o", "{target}"],
        ["schema", "-o", "{target}"],
        ["init", "--from", "{plan}", "--start", "2023-11-10", "-o", "{target}", "--force"],
    ],
    ids=lambda args: args[0],
)
def test_a_read_only_file_is_never_replaced(runner, plan, tmp_path, args):
    # Even by root, as the edits refuse a read-only plan: a rename would replace it regardless of its mode.
    target = tmp_path / "kept.yaml"
    before = _read_only(target, (FIXTURES / "committee-minimal.yaml").read_bytes().replace(b"kind: ", b"kind:   ", 1))
    assert invoke(runner, *[arg.format(target=target, plan=plan) for arg in args]) == (
        2,
        "",
        f"workplan: error: {target}: the file is read-only; make it writable (chmod u+w) to write it (nothing written)\n",
    )
    assert (target.read_bytes(), sorted(os.listdir(tmp_path))) == (before, ["kept.yaml", "plan.yaml"])


# --- any command line ---------------------------------------------------------------------------------

# For each kind of value: one that works, then values at and past their limits.  Paths stay inside the
# example's folder (or are devices).
VALUES = {
    "day": ["2023-03-01", "0001-01-01", "9999-12-31", "2024-02-29", "2023-02-29", "", "2023-3-1", "0000-01-01"],
    "text": ["meeting-5", "", " ", "38", "47.b", "\x00", "\udcff", "a" * 300, "-", "--x", "%s", "{{x}}", "\u202e"],
    "path": [
        "data/",
        "data/csh-2022-2023.yaml",
        "data/cicte-2022-2023.yaml",
        "data/csh-2022-2023.es.po",
        "",
        ".",
        "-",
        "/dev/null",
        "/dev/full",
        "missing/x.yaml",
        "a" * 300,
        "out/",
        "out/x.html",
    ],
    "out": ["out/x", "", ".", "-", "/dev/full", "a" * 300, "out/x.html", "data/csh-2022-2023.yaml", "missing/x/"],
    "fmt": ["json", "text", "md", "html", "ics", "github", "sarif", "auto", ""],
    "lang": ["es", "en", "fr", "pt", "", "xx"],
    "num": ["1", "0", "-1", "3660", "3661", "99999999999999999999", "", "1.5"],
    "time": ["10:00-13:00", "", "24:00-25:00", "10:00-09:00", "00:00-23:59", "10:00"],
}
OPTIONS: dict[tuple[str, ...], dict[str, str | None]] = {
    ("validate",): {"-f": "fmt", "--select": "text", "--ignore": "text", "--strict": None, "-j": "num"},
    ("rules",): {"-f": "fmt"},
    ("upcoming",): {
        "-d": "num",
        "--as-of": "day",
        "-k": "text",
        "--include-tbd": None,
        "-p": "path",
        "-f": "fmt",
        "--lang": "lang",
    },
    ("show",): {"-p": "path", "-f": "fmt", "--lang": "lang"},
    ("render",): {"-f": "fmt", "-o": "out", "--template-dir": "path", "--as-of": "day", "-p": "path", "--lang": "lang"},
    ("fmt",): {"--check": None, "--diff": None},
    ("diff",): {"-f": "fmt"},
    ("schema",): {"--kind": "text", "-o": "out"},
    ("move",): {"-t": "time", "-p": "path", "-n": None, "--allow-warnings": None, "-f": "fmt"},
    ("cancel",): {"--note": "text", "-p": "path", "-n": None, "-f": "fmt"},
    ("init",): {
        "--from": "path",
        "--start": "day",
        "--end": "day",
        "--general-assembly": "day",
        "-o": "out",
        "--force": None,
    },
    ("query", "meetings"): {
        "--paragraph": "text",
        "--area": "text",
        "--presenter": "text",
        "--text": "text",
        "--from": "day",
        "-p": "path",
        "-f": "fmt",
        "--lang": "lang",
    },
    ("query", "references"): {"--resolution": "text", "-p": "path", "-f": "fmt", "--lang": "lang"},
    ("query", "coverage"): {"-p": "path", "--uncovered": None, "-f": "fmt", "--lang": "lang"},
    ("query", "activities"): {"--program": "text", "--partner": "text", "-p": "path", "-f": "fmt", "--lang": "lang"},
    ("add", "meeting"): {
        "--date": "day",
        "-t": "time",
        "--number": "num",
        "--title": "text",
        "--id": "text",
        "-p": "path",
        "-n": None,
    },
    ("add", "activity"): {
        "--date": "day",
        "--title": "text",
        "--end-date": "day",
        "--organizer": "text",
        "--place": "text",
        "-p": "path",
        "-n": None,
    },
    ("i18n", "extract"): {},
    ("i18n", "status"): {"--lang": "lang", "-f": "fmt"},
}
POSITIONAL = {
    ("show",): ["text"],
    ("move",): ["text", "day"],
    ("cancel",): ["text"],
    ("query", "references"): ["text"],
    ("diff",): ["path"],
    ("rules",): ["text"],
    ("i18n", "extract"): ["path"],
    ("i18n", "status"): ["path"],
}


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A command with some of its options, every value one that works but one, drawn from all of its kind."""
    command = draw(st.sampled_from(sorted(OPTIONS)))
    options = draw(st.lists(st.sampled_from(sorted(OPTIONS[command]) or ["-h"]), max_size=4, unique=True))
    slots: list[tuple[str | None, str | None]] = [(None, kind) for kind in POSITIONAL.get(command, [])]
    slots += [(option, OPTIONS[command].get(option)) for option in options]
    slots += [(None, "path")] * draw(st.integers(0, 2))
    odd = draw(st.integers(0, max(0, len(slots) - 1)))
    args = list(command)
    for n, (option, kind) in enumerate(slots):
        args += [option] if option else []
        if kind is not None:
            args.append(draw(st.sampled_from(VALUES[kind])) if n == odd else VALUES[kind][0])
    return args


@settings(max_examples=examples(300))
@given(args=command_lines())
def test_any_command_line_ends_in_a_documented_exit_code_and_says_why(args):
    # Every command, its options at and past their limits, in a copy of data/: exit 0, 1 or 2, never an
    # exception, and a command that fails says something.
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "data").mkdir()
        (Path(folder) / "out").mkdir()
        for source in DATA.iterdir():
            (Path(folder) / "data" / source.name).write_bytes(source.read_bytes())
        here = os.getcwd()
        os.chdir(folder)
        try:
            result = cli_runner().invoke(app, args)
        finally:
            os.chdir(here)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert "Traceback" not in result.stderr
    assert result.exit_code == 0 or result.stderr or result.stdout, args


# --- a catalog's plural forms ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", ["abc", "", "1.5", "-1", "0x2"])
def test_a_plural_forms_header_that_is_no_number_is_named_at_its_line(runner, plan, tmp_path, count):
    # It was Python's "invalid literal for int() with base 10: 'abc'", with no line.
    (tmp_path / "plan.es.po").write_text(
        f'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals={count}; plural=n;\\n"\n', encoding="utf-8"
    )
    assert invoke(runner, "i18n", "status", str(plan), "--lang", "es") == (
        1,
        "",
        f"workplan: error: {tmp_path / 'plan.es.po'}:3: broken translation catalog: nplurals={count}; nplurals is a "
        "number of plural forms, like nplurals=2\n",
    )


def test_a_translation_that_says_nplurals_is_only_text(runner, plan, tmp_path):
    (tmp_path / "plan.es.po").write_text(
        'msgid ""\nmsgstr ""\n\nmsgctxt "meeting-7.title"\nmsgid "x"\nmsgstr "nplurals=99"\n',
        encoding="utf-8",
    )
    code, out, err = invoke(runner, "i18n", "status", str(plan), "--lang", "es", "--format", "json")
    counts = {key: json.loads(out)[key] for key in ("total", "translated", "untranslated", "stale")}
    assert (code, err, counts) == (0, "", {"total": 369, "translated": 22, "untranslated": 347, "stale": 0})


# --- memory -------------------------------------------------------------------------------------------


def test_reading_a_catalog_takes_about_its_size_not_the_limit():
    # read(MAX_CATALOG_BYTES + 1) asked for 64 MiB for every catalog: under a memory limit of 100 MB,
    # `upcoming --lang es` died of a MemoryError while reading the 94 KB catalog of the interface.
    import tracemalloc

    from workplan_cli import i18n

    catalog = DATA / "csh-2022-2023.es.po"
    tracemalloc.start()
    try:
        data = i18n._catalog_bytes(catalog)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (data == catalog.read_bytes(), peak < 4 * len(data)) == (True, True), peak


def test_running_out_of_memory_in_any_command_is_one_line_exit_2(monkeypatch, runner, plan):
    from workplan_cli import timeline

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(timeline, "build_timeline", exhausted)
    assert invoke(runner, "upcoming", str(plan), "--as-of", "2023-03-01") == (
        2,
        "",
        "workplan: error: ran out of memory; nothing was written\n",
    )


def test_diff_of_a_link_in_a_loop_says_so(runner, plan, tmp_path):
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    assert invoke(runner, "diff", str(tmp_path / "a.yaml"), str(plan)) == (
        2,
        "",
        f"workplan: error: {tmp_path / 'a.yaml'}: cannot open: Too many levels of symbolic links\n",
    )


# --- where -o points -------------------------------------------------------------------------------------


def test_an_output_name_ending_in_a_slash_is_a_folder_whatever_its_name(runner, plan, tmp_path):
    # `-o site.v2/` said "2 plans do not go into one file", and `-o page.html/` wrote the file page.html.
    assert invoke(runner, "render", str(plan), "-f", "md", "-o", f"{tmp_path}/page.md/") == (
        0,
        "",
        f"wrote {tmp_path}/page.md/csh-2022-2023.md\n",
    )
    other = tmp_path / "other.yaml"
    other.write_bytes((FIXTURES / "committee-minimal.yaml").read_bytes())
    assert invoke(runner, "render", str(plan), str(other), "-f", "ics", "-o", f"{tmp_path}/cal.v2/") == (
        0,
        "",
        f"wrote {tmp_path}/cal.v2/csh-2022-2023.ics\nwrote {tmp_path}/cal.v2/test-2023.ics\n",
    )
    assert sorted(os.listdir(tmp_path)) == ["cal.v2", "other.yaml", "page.md", "plan.yaml"]
