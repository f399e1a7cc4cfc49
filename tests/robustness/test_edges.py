"""The promises at the edges: no traceback, fmt never changes meaning or drops a comment, outputs go where
the user pointed and cannot be steered, bounded work on hostile input.

One test (or one parametrized family) per class of input that broke a promise; tests/robustness/test_hostile_corpus.py
runs the same classes, and more variants, through every command.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import icalendar
import pytest

from conftest import DATA, FIXTURES, as_nobody, write
from workplan_cli.cli import app
from workplan_cli.fmt import _refusal, format_text
from workplan_cli.loader import parse_plan

COMMITTEE = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")
WORKPLAN = Path(sys.executable).with_name("workplan")


def triples(text: str) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.line, d.column, d.message) for d in parse_plan(text, "p.yaml").diagnostics]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


# --- 1. what used to escape as a Python error ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!int abc", "!!int"),
        ("!!float abc", "!!float"),
        ("!!bool maybe", "!!bool"),
        ("!!null x", "!!null"),
        ("!!str [1]", "!!str"),
        ("!!binary AAAA", "!!binary"),
        ("!custom x", "!custom"),
    ],
)
def test_every_explicit_tag_is_refused_where_it_is(value, tag):
    text = COMMITTEE.replace("title: Test plan", f"title: {value}", 1)
    assert triples(text) == [
        ("WP008", 4, 8, f"YAML tag {tag!r} is not allowed in a plan; remove it (quote a value to make it text)")
    ]


def test_merge_key_into_its_own_mapping_is_a_loop():
    assert triples(COMMITTEE + "x: &a {<<: *a}\n") == [
        (
            "WP009",
            COMMITTEE.count("\n") + 1,
            12,
            "a YAML alias refers to the block that contains it (a loop); remove the alias",
        )
    ]


def test_escape_beyond_unicode_names_both_ends_of_the_string():
    text = COMMITTEE.replace("functions: To test.", 'functions: "\\U00110000"')
    line = line_of(text, "functions:")
    assert triples(text) == [
        (
            "WP002",
            line,
            15,
            f"invalid YAML: found invalid Unicode character escape code (parsing a quoted scalar that starts at line {line}, column 12)",
        )
    ]


@pytest.mark.parametrize("number", ["9" * 5000, "0x" + "f" * 5000, "-" + "1" * 1001])
def test_numbers_too_long_to_print_are_refused_where_they_are(number):
    text = COMMITTEE.replace("  - id: testing\n    number: 1", f"  - id: testing\n    number: {number}")
    line = line_of(text, f"number: {number}")
    assert triples(text) == [
        (
            "WP002",
            line,
            13,
            f"invalid YAML: a number {len(number):,} characters long; numbers in a plan are short (quote it if it is text)",
        )
    ]


@pytest.mark.parametrize("zone", ["America", "A" * 100_000, "../etc/passwd", "America//New_York"])
def test_time_zones_that_are_folders_or_absurd_are_invalid_values(zone):
    text = COMMITTEE.replace("adopted: 2023-01-05", f'adopted: 2023-01-05\ntimezone: "{zone}"')
    [(code, line, column, message)] = triples(text)
    shown = zone if len(zone) <= 40 else zone[:39] + "…"
    assert (code, line, column) == ("WP015", line_of(text, "timezone:"), 11)
    assert message == f"timezone: {shown!r} is not an IANA time zone name (e.g. 'America/New_York')"


def test_a_tab_after_a_colon_is_refused_by_validate_and_fmt_alike(runner, tmp_path):
    plan = write(tmp_path, "tab.yaml", COMMITTEE.replace("title: Test plan", "title:\tTest plan", 1))
    expected = (
        f"{plan}:4:7: error WP002 invalid YAML: a tab character separates values here; "
        "use spaces (YAML tools read tabs differently)\n"
    )
    validated = runner.invoke(app, ["validate", str(plan)])
    checked = runner.invoke(app, ["fmt", "--check", str(plan)])
    assert (validated.exit_code, validated.stdout.splitlines(True)[0]) == (1, expected)
    assert (checked.exit_code, checked.stdout) == (1, expected)
    # A tab inside quotes or a comment is text, not a separator.
    fine = COMMITTEE.replace("title: Test plan", 'title: "Test\tplan"  #\tnote', 1)
    assert triples(fine) == []


def test_a_multi_line_title_is_escaped_in_the_calendar(runner, tmp_path):
    plan = write(tmp_path, "p.yaml", COMMITTEE.replace("title: Test plan", 'title: "Line one\\nLine two; a, b"', 1))
    result = runner.invoke(app, ["render", "--format", "ics", str(plan)])
    assert result.exit_code == 0
    assert "X-WR-CALNAME:Line one\\nLine two\\; a\\, b\r\n" in result.stdout.replace("\n", "\r\n").replace(
        "\r\r\n", "\r\n"
    )
    icalendar.Calendar.from_ical(result.stdout)  # a calendar parser reads it


def test_dates_at_the_end_of_the_calendar(runner, tmp_path):
    result = runner.invoke(app, ["upcoming", "--as-of", "9999-12-31", "--days", "2", str(DATA / "csh-2022-2023.yaml")])
    assert result.exit_code == 0
    assert result.stdout.startswith("Nothing scheduled from Fri, Dec 31, 9999 to Fri, Dec 31, 9999.\n")
    text = COMMITTEE.replace("  end: 2023-06-30", "  end: 9999-12-31").replace(
        "procedure:",
        "activities:\n  - id: last\n    title: The last days\n    date: 9999-12-29\n    end_date: 9999-12-31\nprocedure:",
    )
    plan = write(tmp_path, "p.yaml", text)
    ics = runner.invoke(app, ["render", "--format", "ics", str(plan)])
    assert ics.exit_code == 0, ics.output
    [last] = [e for e in icalendar.Calendar.from_ical(ics.stdout).walk("VEVENT") if str(e["uid"]).startswith("last@")]
    assert (last.decoded("dtstart").isoformat(), str(last["duration"].to_ical(), "ascii")) == ("9999-12-29", "P3D")


def _as_nobody(args: list[str]) -> tuple[int, str]:
    """The CLI's exit code and output when run by a user who cannot search 0644 folders."""
    from typer.testing import CliRunner

    CliRunner().invoke(app, ["validate", str(DATA)])  # import everything while the files are readable

    def work() -> str:
        result = CliRunner().invoke(app, args)
        return f"{result.exit_code}\n{result.output}"

    code, _, output = as_nobody(work).partition("\n")
    return int(code), output


def test_a_folder_that_cannot_be_searched_is_a_one_line_error(runner, tmp_path):
    # pytest's own folders are private to root; this one is open to the user the test drops to.
    top = Path(tempfile.mkdtemp(prefix="workplan-"))
    top.chmod(0o755)
    folder = top / "plans"
    folder.mkdir()
    (folder / "p.yaml").write_text(COMMITTEE, encoding="utf-8")
    folder.chmod(0o644)
    for args in (["validate", str(folder)], ["validate", str(folder / "p.yaml")], ["fmt", "--check", str(folder)]):
        if os.geteuid() == 0:  # root searches any folder: drop to nobody, as a user would be
            outcome = _as_nobody(args)
        else:
            result = runner.invoke(app, args)
            outcome = (result.exit_code, result.output)
        assert outcome == (2, f"workplan: error: {folder}/p.yaml: cannot open: Permission denied\n")
    folder.chmod(0o755)
    shutil.rmtree(top)


def test_a_file_name_that_is_not_utf8_on_a_strict_utf8_terminal(tmp_path):
    folder = os.fsencode(tmp_path)
    path = folder + b"/plan-\xff.yaml"
    with open(path, "wb") as stream:
        stream.write(COMMITTEE.replace("title: Test plan", "title: [Test plan]", 1).encode())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "COLUMNS": "120"}
    result = subprocess.run([WORKPLAN, "validate", path], capture_output=True, env=env, timeout=120)
    assert (result.returncode, result.stderr) == (1, b"")
    assert result.stdout.decode().splitlines()[0] == (
        f"{tmp_path}/plan-\\xff.yaml:4:8: error WP012 title: expected text, got a list"
    )


def test_a_template_that_includes_itself_is_a_one_line_error(runner, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "committee.html.j2").write_text('<p>\n{% include "committee.html.j2" %}\n', encoding="utf-8")
    result = runner.invoke(app, ["render", str(DATA / "csh-2022-2023.yaml"), "--template-dir", str(templates)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"workplan: error: {templates / 'committee.html.j2'}:2: the template includes, extends or calls itself without end\n"
    )


# --- 2. fmt never changes what a plan means, nor drops a comment ---------------------------------


@pytest.mark.parametrize("directive", ["%YAML 1.1", "%YAML 1.2", "%TAG !e! tag:example.com,2000:"])
def test_directives_are_refused_by_every_command(runner, tmp_path, directive):
    plan = write(tmp_path, "d.yaml", f"{directive}\n---\n" + COMMITTEE.replace("default: true", "default: yes"))
    before = plan.read_bytes()
    which = directive.split()[0]
    expected = (
        f"{plan}:1:1: error WP002 invalid YAML: the {which} directive is not allowed in a plan; "
        "plans are read by the rules of YAML 1.2, remove the directive\n"
    )
    for args in (["validate"], ["fmt"], ["fmt", "--check"]):
        result = runner.invoke(app, [*args, str(plan)])
        assert (result.exit_code, result.stdout.splitlines(True)[0]) == (1, expected)
    assert plan.read_bytes() == before


def _commented_everywhere(text: str) -> str:
    """``text`` with a whole-line comment before, and an end-of-line comment after, every line where one fits."""
    import yaml

    inside: set[int] = set()  # offsets strictly inside a scalar (text, not structure)
    for token in yaml.scan(text, Loader=yaml.CSafeLoader):
        if isinstance(token, yaml.ScalarToken):
            inside.update(range(token.start_mark.index + 1, token.end_mark.index))
    out, offset, number = [], 0, 0
    for line in text.splitlines(True):
        body = line.rstrip("\n")
        indent = body[: len(body) - len(body.lstrip(" "))]
        if body.strip() and offset not in inside:
            number += 1
            out.append(f"{indent}# c{number:04d} whole line\n")
        if body.strip() and offset + len(body) not in inside and "#" not in body:
            number += 1
            body += f"  # c{number:04d} end of line"
        out.append(body + "\n")
        offset += len(line)
    return "".join(out)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.name)
def test_fmt_keeps_a_comment_at_every_place_one_can_go(path):
    text = _commented_everywhere(path.read_text(encoding="utf-8"))
    assert parse_plan(text, "a").plan == parse_plan(path.read_text(encoding="utf-8"), "b").plan
    formatted, problems = format_text(text, path.name)
    assert problems == []
    comments = re.findall(r"# c\d{4}[^\n]*", text)
    assert len(comments) > 300
    assert sorted(re.findall(r"# c\d{4}[^\n]*", formatted)) == sorted(comments)


def test_comments_inside_brackets_are_kept_by_writing_the_list_in_block_style():
    text = COMMITTEE.replace(
        '    paragraphs: ["2.a"]\nareas',
        '    paragraphs: [\n      # the only one\n      "2.a",  # shared with meeting 1\n    ]\nareas',
    )
    formatted, problems = format_text(text, "p.yaml")
    assert problems == []
    assert "    # the only one\n" in formatted and "# shared with meeting 1" in formatted
    assert '      - "2.a"\n' in formatted
    assert format_text(formatted, "p.yaml") == (formatted, [])


def test_fmt_refuses_a_rewrite_that_would_lose_a_comment():
    before = COMMITTEE.replace("functions: To test.", "functions: To test.  # keep me")
    plan = parse_plan(before, "p.yaml").plan
    [refusal] = [_refusal(before, COMMITTEE, plan, "p.yaml")]
    assert refusal is not None
    assert (refusal.code, refusal.line, refusal.message) == (
        "WP017",
        line_of(before, "functions:"),
        "fmt cannot keep the comment '# keep me' here, so the file was left as it is; move it to a line of its own outside brackets",
    )
    other = COMMITTEE.replace("functions: To test.", "functions: To test more.")
    assert _refusal(COMMITTEE, other, parse_plan(COMMITTEE, "p.yaml").plan, "p.yaml").message.startswith(
        "fmt would change what this plan means"
    )


def test_fmt_keeps_crlf_line_endings(runner, tmp_path):
    canonical = (DATA / "cicte-2022-2023.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "crlf.yaml"
    plan.write_bytes(canonical.replace("\n", "\r\n").encode())
    result = runner.invoke(app, ["fmt", "--check", str(plan)])
    assert (result.exit_code, result.stderr) == (0, "1 file already formatted.\n")
    messy = (FIXTURES.parent / "fmt-fixtures" / "messy.yaml").read_text(encoding="utf-8")
    plan.write_bytes(messy.replace("\n", "\r\n").encode())
    assert runner.invoke(app, ["fmt", str(plan)]).exit_code == 0
    expected = (FIXTURES.parent / "fmt-fixtures" / "messy.expected.yaml").read_text(encoding="utf-8")
    assert plan.read_bytes() == expected.replace("\n", "\r\n").encode()


# --- 3. writing where the user pointed, and nowhere else -----------------------------------------


def test_output_onto_a_symlink_writes_its_target_and_keeps_the_link(runner, tmp_path):
    target = write(tmp_path, "real.json", "old\n")
    link = tmp_path / "link.json"
    link.symlink_to(target.name)
    assert runner.invoke(app, ["schema", "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == "real.json"
    assert target.read_text(encoding="utf-8").startswith('{\n  "$schema"')


def test_output_to_a_device_writes_to_it_and_leaves_it_a_device(runner):
    assert runner.invoke(app, ["schema", "-o", "/dev/null"]).exit_code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_to_a_fifo_is_written_through(runner, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(app, ["render", "--format", "md", str(DATA / "cicte-2022-2023.yaml"), "-o", str(fifo)])
    reader.join(timeout=60)
    assert result.exit_code == 0 and stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received[0] == (FIXTURES.parent / "golden" / "cicte-2022-2023.md").read_bytes()


def test_output_dash_is_standard_output(runner):
    result = runner.invoke(app, ["render", "--format", "md", str(DATA / "cicte-2022-2023.yaml"), "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout == (FIXTURES.parent / "golden" / "cicte-2022-2023.md").read_text(encoding="utf-8")


def test_fmt_formats_a_symlinked_plan_through_the_link(runner, tmp_path):
    messy = (FIXTURES.parent / "fmt-fixtures" / "messy.yaml").read_text(encoding="utf-8")
    expected = (FIXTURES.parent / "fmt-fixtures" / "messy.expected.yaml").read_text(encoding="utf-8")
    (tmp_path / "real").mkdir()
    real = write(tmp_path / "real", "plan.yaml", messy)
    link = tmp_path / "plan.yaml"
    link.symlink_to(real)
    assert runner.invoke(app, ["fmt", str(link)]).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8") == expected


def test_fmt_keeps_hard_links_mode_and_owner(runner, tmp_path):
    messy = (FIXTURES.parent / "fmt-fixtures" / "messy.yaml").read_text(encoding="utf-8")
    expected = (FIXTURES.parent / "fmt-fixtures" / "messy.expected.yaml").read_text(encoding="utf-8")
    plan = write(tmp_path, "plan.yaml", messy)
    other = tmp_path / "other-name.yaml"
    os.link(plan, other)
    plan.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(plan, 65534, 65534)
    before = os.stat(plan)
    assert runner.invoke(app, ["fmt", str(plan)]).exit_code == 0
    after = os.stat(plan)
    assert other.read_text(encoding="utf-8") == expected == plan.read_text(encoding="utf-8")
    assert (after.st_ino, after.st_nlink, stat.S_IMODE(after.st_mode)) == (before.st_ino, 2, 0o640)
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-name.yaml", "plan.yaml"]
    # A plain file formatted by rename keeps mode and owner too.
    single = write(tmp_path, "single.yaml", messy)
    single.chmod(0o600)
    if os.geteuid() == 0:
        os.chown(single, 65534, 65534)
    assert runner.invoke(app, ["fmt", str(single)]).exit_code == 0
    info = os.stat(single)
    assert (stat.S_IMODE(info.st_mode), info.st_uid) == (0o600, 65534 if os.geteuid() == 0 else os.geteuid())


# --- 4. injection ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rev", "message"),
    [
        (
            "--output=/tmp/workplan-injected",
            "--rev '--output=/tmp/workplan-injected': a revision cannot start with '-'",
        ),
        ("-p", "--rev '-p': a revision cannot start with '-'"),
        ("", "--rev needs a revision (a commit, branch or tag such as origin/main)"),
        ("  ", "--rev needs a revision (a commit, branch or tag such as origin/main)"),
    ],
)
def test_diff_rev_cannot_inject_options(runner, rev, message):
    Path("/tmp/workplan-injected").unlink(missing_ok=True)
    result = runner.invoke(app, ["diff", str(DATA / "csh-2022-2023.yaml"), "--rev", rev])
    assert (result.exit_code, result.stderr) == (2, f"workplan: error: {message}\n")
    assert not Path("/tmp/workplan-injected").exists()


def test_plan_text_in_a_diagnostic_cannot_forge_a_line_or_steer_the_terminal(runner, tmp_path):
    forged = "AG/RES. 1\\nx.yaml:1:1: error WP999 forged\\e]0;pwned\\a"
    text = COMMITTEE.replace("symbol: AG/RES. 1 (I-O/23)", f'symbol: "{forged}"').replace(
        'paragraphs: ["2.a"]\n                by', 'paragraphs: ["9"]\n                by'
    )
    plan = write(tmp_path, "p.yaml", text)
    result = runner.invoke(app, ["validate", str(plan)])
    lines = result.stdout.splitlines()
    line = line_of(text, 'paragraphs: ["9"]')
    assert lines[0] == (
        f"{plan}:{line}:30: error WP101 paragraph '9' of "
        "AG/RES. 1\\nx.yaml:1:1: error WP999 forged\\x1b]0;pwned\\x07 is not declared in `resolutions`; did you mean '1'?"
    )
    assert not any(line.startswith("x.yaml") for line in lines)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


# --- 5. bounded work ----------------------------------------------------------------------------


def test_a_huge_text_repeated_by_aliases_is_refused():
    big = "x" * 1_000_000
    text = (
        COMMITTEE.replace("functions: To test.", f'functions: &big "{big}"')
        + "notes: ["
        + ", ".join(["*big"] * 500)
        + "]\n"
    )
    assert triples(text) == [
        (
            "WP009",
            text.count("\n"),
            8,
            "YAML aliases expand this block to 501 values and 500,000,000 characters, over 10 times the file; "
            "write the data out instead of repeating aliases",
        )
    ]
