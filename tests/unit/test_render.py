"""render: templates, overrides, broken templates, inert output, calendars."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import clients
from conftest import DATA, FIXTURES, examples, write
from workplan_cli.cli import app
from workplan_cli.loader import parse_plan
from workplan_cli.render import render

COMMITTEE = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")

HOSTILE = COMMITTEE.replace(
    "          - title: Testing in the Americas",
    '          - title: "<script>alert(1)</script> & [click](javascript:alert(2))"',
).replace(
    "  - id: testing\n    number: 1\n    name: Testing",
    '  - id: testing\n    number: 1\n    name: "<img src=x onerror=alert(3)>"',
) + (
    "reports:\n"
    "  - id: evil\n    title: Evil link\n    frequency: voluntary\n"
    "    links: ['javascript:alert(4)', 'data:text/html,<b>x</b>', 'https://www.oas.org/?a=1&b=\"2\"', 'https://www.oas.org/?a=1&b=2', "
    "'https://www.oas.org/a b', 'https:///x', 'mailto:csh@oas.org', 'mailto:nobody']\n"
)


def plan(text: str = COMMITTEE):
    loaded = parse_plan(text, "p.yaml")
    assert loaded.diagnostics == []
    return loaded.plan


def test_html_escapes_text_and_links_only_safe_urls():
    html = render(plan(HOSTILE), "html")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; [click](javascript:alert(2))" in html
    assert "&lt;img src=x onerror=alert(3)&gt;" in html
    assert 'href="javascript:' not in html and 'href="data:' not in html
    assert "<p>javascript:alert(4)</p>" in html
    # A quote, a space, no host or no address: shown as text, never as a link.
    assert "<p>https://www.oas.org/?a=1&amp;b=&#34;2&#34;</p>" in html
    assert "<p>https://www.oas.org/a b</p><p>https:///x</p>" in html
    assert "<p>mailto:nobody</p>" in html
    assert '<a href="https://www.oas.org/?a=1&amp;b=2">' in html
    assert '<a href="mailto:csh@oas.org">' in html


def test_markdown_escapes_markup_and_links_only_safe_urls():
    md = render(plan(HOSTILE), "md")
    assert r"\<script\>alert(1)\</script\> & \[click\](javascript:alert(2))" in md
    assert "<https://www.oas.org/?a=1&b=2>" in md and "<mailto:csh@oas.org>" in md
    assert (
        '\nhttps://www.oas.org/?a=1&b="2"\n<https://www.oas.org/?a=1&b=2>\nhttps://www.oas.org/a b\nhttps:///x\n'
        "<mailto:csh@oas.org>\nmailto:nobody\n"
    ) in md
    assert md.count("<http") == 1
    assert "<javascript:" not in md and "<data:" not in md
    assert r"javascript:alert(4)" in md


def test_ics_text_is_escaped_not_interpreted():
    ics = render(plan(HOSTILE), "ics")
    cal = icalendar.Calendar.from_ical(ics)
    [meeting] = [e for e in cal.walk("VEVENT") if str(e["uid"]).startswith("meeting-1@")]
    assert "- <script>alert(1)</script> & [click](javascript:alert(2))" in str(meeting["description"])
    assert "URL" not in meeting


def test_ics_events_times_uids_and_reproducible():
    text = COMMITTEE + (
        "activities:\n  - id: workshop\n    title: Workshop\n    date: 2023-03-08\n    end_date: 2023-03-10\n"
        "reports:\n  - id: mines\n    title: Register of mines\n    frequency: yearly\n    due:\n      - {month: 4, day: 15}\n"
    )
    first, second = render(plan(text), "ics"), render(plan(text), "ics")
    assert first == second
    cal = icalendar.Calendar.from_ical(first)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert sorted(events) == [
        "first-version@test-2023.workplan",
        "meeting-1@test-2023.workplan",
        "meeting-2@test-2023.workplan",
        "mines-0415@test-2023.workplan",
        "workshop@test-2023.workplan",
    ]
    m1 = events["meeting-1@test-2023.workplan"]
    assert m1["dtstart"].params["TZID"] == "America/New_York"
    assert m1["dtstart"].dt.isoformat() == "2023-03-02T10:00:00-05:00"
    assert m1["dtend"].dt.isoformat() == "2023-03-02T13:00:00-05:00"
    assert str(m1["summary"]) == "CT: First meeting"
    workshop = events["workshop@test-2023.workplan"]
    assert (workshop["dtstart"].dt, workshop["dtend"].dt) == (dt.date(2023, 3, 8), dt.date(2023, 3, 11))
    mines = events["mines-0415@test-2023.workplan"]
    assert mines["dtstart"].dt == dt.date(2023, 4, 15)
    assert mines["rrule"] == {"FREQ": ["YEARLY"], "BYMONTH": [4], "BYMONTHDAY": [15]}
    assert all(e["dtstamp"].dt == dt.datetime(2023, 1, 5, tzinfo=dt.UTC) for e in events.values())
    [tz] = cal.walk("VTIMEZONE")
    assert str(tz["tzid"]) == "America/New_York"
    assert "TZID=America/New_York:20230302T100000" in first


def test_ics_cancelled_and_postponed_events_say_so_with_their_note():
    text = (
        COMMITTEE.replace(
            "    date: 2023-03-16\n", "    date: 2023-03-16\n    status: cancelled\n    status_note: No quorum\n", 1
        )
        + "activities:\n  - id: workshop\n    title: Workshop\n    date: 2023-03-08\n    status: postponed\n"
    )
    cal = icalendar.Calendar.from_ical(render(plan(text), "ics"))
    events = {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    m2, workshop, m1 = events["meeting-2"], events["workshop"], events["meeting-1"]
    assert str(m2["summary"]) == "Cancelled: CT: Second meeting"
    assert str(m2["description"]).split("\n")[0] == "Cancelled: No quorum"
    assert (str(m2["status"]), m2["sequence"]) == ("CANCELLED", 1)
    assert (str(workshop["summary"]), str(workshop["description"])) == ("Postponed: Workshop", "Postponed")
    assert (str(m1["summary"]), m1["sequence"]) == ("CT: First meeting", 0)
    assert m1["last-modified"].dt == m1["dtstamp"].dt == dt.datetime(2023, 1, 5, tzinfo=dt.UTC)
    spanish = icalendar.Calendar.from_ical(render(plan(text), "ics", lang="es"))
    [m2_es] = [e for e in spanish.walk("VEVENT") if str(e["uid"]).startswith("meeting-2@")]
    assert str(m2_es["summary"]).startswith("Cancelada: CT: ")


def test_ics_reimported_after_a_move_updates_the_event(runner, tmp_path):
    import subprocess

    clients.git()
    repo = tmp_path / "plans"
    repo.mkdir()
    path = write(repo, "plan.yaml", COMMITTEE)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "plan.yaml"], check=True)
    env = {"GIT_COMMITTER_DATE": "2023-01-10T12:00:00Z", "GIT_AUTHOR_DATE": "2023-01-10T12:00:00Z"}
    subprocess.run([*git, "commit", "-qm", "plan"], check=True, env={**os.environ, **env})

    def meeting_2() -> tuple[Any, str]:
        result = runner.invoke(app, ["render", str(path), "-f", "ics"])
        assert result.exit_code == 0, result.output
        cal = icalendar.Calendar.from_ical(result.stdout)
        [event] = [e for e in cal.walk("VEVENT") if str(e["uid"]) == "meeting-2@test-2023.workplan"]
        return event, result.stdout

    before, first = meeting_2()
    assert meeting_2()[1] == first  # the same revision gives the same file
    assert (before["sequence"], before["dtstamp"].dt) == (2, dt.datetime(2023, 1, 10, 12, tzinfo=dt.UTC))
    assert before["last-modified"].dt == before["dtstamp"].dt
    moved = runner.invoke(app, ["move", "meeting-2", "2023-03-23", str(path)])
    assert moved.exit_code == 0, moved.output
    uncommitted, _ = meeting_2()
    assert (uncommitted["sequence"], uncommitted["dtstart"].dt.date()) == (4, dt.date(2023, 3, 23))
    env = {"GIT_COMMITTER_DATE": "2023-02-01T09:00:00Z", "GIT_AUTHOR_DATE": "2023-02-01T09:00:00Z"}
    subprocess.run([*git, "commit", "-qam", "move"], check=True, env={**os.environ, **env})
    after, _ = meeting_2()
    assert (after["sequence"], after["dtstamp"].dt) == (4, dt.datetime(2023, 2, 1, 9, tzinfo=dt.UTC))
    cancelled = runner.invoke(app, ["cancel", "meeting-2", str(path), "--note", "No quorum"])
    assert cancelled.exit_code == 0, cancelled.output
    subprocess.run([*git, "commit", "-qam", "cancel"], check=True, env={**os.environ, **env})
    last, _ = meeting_2()
    assert (last["sequence"], str(last["summary"])) == (7, "Cancelled: CT: Second meeting")


def test_ics_of_a_plan_with_nothing_dated_says_so_on_stderr(runner):
    result = runner.invoke(app, ["render", str(DATA / "cicte-2022-2023.yaml"), "-f", "ics"])
    assert result.exit_code == 0
    assert result.stdout.startswith("BEGIN:VCALENDAR") and "VEVENT" not in result.stdout
    assert result.stderr == (
        "workplan: note: cicte-2022-2023: nothing is dated in this plan yet; its calendar has no events\n"
    )
    html = runner.invoke(app, ["render", str(DATA / "cicte-2022-2023.yaml"), "-f", "html"])
    assert html.exit_code == 0 and html.stderr == ""


def test_template_dir_overrides_one_template(tmp_path, runner):
    (tmp_path / "tpl").mkdir()
    write(tmp_path / "tpl", "committee.md.j2", "# {{ plan.committee.acronym }} custom\n")
    path = write(tmp_path, "p.yaml", COMMITTEE)
    md = runner.invoke(app, ["render", str(path), "-f", "md", "--template-dir", str(tmp_path / "tpl")])
    assert (md.exit_code, md.stdout) == (0, "# CT custom\n")
    html = runner.invoke(app, ["render", str(path), "-f", "html", "--template-dir", str(tmp_path / "tpl")])
    assert html.exit_code == 0 and html.stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "line one\n{{ plan.committee.nickname }}\n",
            ":2: undefined in template: 'workplan_cli.models.Committee object' has no attribute 'nickname'",
        ),
        (
            "line one\nline two\n{% for x in %}\n",
            ":3: template syntax error: Expected an expression, got 'end of statement block'",
        ),
    ],
)
def test_broken_template_names_file_and_line(tmp_path, runner, template, message):
    (tmp_path / "tpl").mkdir()
    broken = write(tmp_path / "tpl", "committee.md.j2", template)
    path = write(tmp_path, "p.yaml", COMMITTEE)
    result = runner.invoke(app, ["render", str(path), "-f", "md", "--template-dir", str(tmp_path / "tpl")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"workplan: error: {broken}{message}\n"


def test_missing_template_dir_exit_2(tmp_path, runner):
    path = write(tmp_path, "p.yaml", COMMITTEE)
    result = runner.invoke(app, ["render", str(path), "--template-dir", str(tmp_path / "nope")])
    assert (result.exit_code, result.stderr) == (
        2,
        f"workplan: error: {tmp_path / 'nope'}: template folder not found\n",
    )


def test_render_to_folder_one_file_per_plan_and_atomic(tmp_path, runner):
    site = tmp_path / "site"
    result = runner.invoke(app, ["render", str(FIXTURES), "-f", "md", "-o", str(site)])
    assert result.exit_code == 0
    assert sorted(p.name for p in site.iterdir()) == ["prog-2023.md", "test-2023.md"]
    assert (site / "test-2023.md").read_text(encoding="utf-8") == render(plan(), "md")


def test_render_several_plans_to_stdout_is_usage_error(runner):
    result = runner.invoke(app, ["render", str(FIXTURES)])
    assert (result.exit_code, result.stderr) == (
        2,
        "workplan: error: 2 plans to render: give --output FOLDER to write one file per plan\n",
    )


def test_render_failure_keeps_existing_output(tmp_path, runner):
    target = write(tmp_path, "plan.md", "precious earlier version\n")
    (tmp_path / "tpl").mkdir()
    write(tmp_path / "tpl", "committee.md.j2", "{{ nope }}")
    path = write(tmp_path, "p.yaml", COMMITTEE)
    result = runner.invoke(
        app, ["render", str(path), "-f", "md", "-o", str(target), "--template-dir", str(tmp_path / "tpl")]
    )
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "precious earlier version\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml", "plan.md", "tpl"]


def test_render_unwritable_output_exit_2(tmp_path, runner):
    path = write(tmp_path, "p.yaml", COMMITTEE)
    result = runner.invoke(app, ["render", str(path), "-f", "md", "-o", str(tmp_path / "no" / "such" / "x.md")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"workplan: error: {tmp_path / 'no' / 'such' / 'x.md'}: cannot write: ")


def test_atomic_write_failure_midway_leaves_original_and_no_temporary(tmp_path, monkeypatch):
    import os

    from workplan_cli.errors import PathError
    from workplan_cli.fsutil import write_atomic

    target = write(tmp_path, "site.html", "the published page\n")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(PathError, match="No space left on device"):
        write_atomic(target, "x" * 1_000_000)
    assert target.read_text(encoding="utf-8") == "the published page\n"
    assert [p.name for p in tmp_path.iterdir()] == ["site.html"]


def test_atomic_write_interrupted_leaves_original(tmp_path, monkeypatch):
    import os

    from workplan_cli.fsutil import write_atomic

    target = write(tmp_path, "plan.yaml", "kind: committee-plan\n")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "half")
    assert target.read_text(encoding="utf-8") == "kind: committee-plan\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_upcoming_and_query_markdown_escape_titles(runner, tmp_path):
    path = write(tmp_path, "p.yaml", HOSTILE)
    up = runner.invoke(app, ["upcoming", str(path), "--as-of", "2023-03-02", "--days", "1", "-f", "md"])
    assert "**First meeting**" in up.stdout
    found = runner.invoke(app, ["query", "meetings", str(path), "--text", "script", "-f", "md"])
    assert found.stdout.splitlines()[1] == r"  - 1. \<script\>alert(1)\</script\> & \[click\](javascript:alert(2))"


# A template that has written a good deal when it fails: streaming must not leak any of it.
LATE_FAILURE = "{% for i in range(20000) %}line {{ i }}\n{% endfor %}{{ plan.committee.nickname }}\n"


@pytest.mark.parametrize("kind", ["file", "symlink", "hardlink"])
def test_render_template_failing_midway_keeps_existing_output(tmp_path, runner, kind):
    import os

    real = write(tmp_path, "real.md", "precious earlier version\n")
    target = real
    if kind == "symlink":
        target = tmp_path / "link.md"
        target.symlink_to(real)
    elif kind == "hardlink":
        target = tmp_path / "other-name.md"
        os.link(real, target)
    (tmp_path / "tpl").mkdir()
    broken = write(tmp_path / "tpl", "committee.md.j2", LATE_FAILURE)
    path = write(tmp_path, "p.yaml", COMMITTEE)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = runner.invoke(
        app, ["render", str(path), "-f", "md", "-o", str(target), "--template-dir", str(tmp_path / "tpl")]
    )
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"workplan: error: {broken}:2: undefined in template: "
        "'workplan_cli.models.Committee object' has no attribute 'nickname'\n"
    )
    assert real.read_text(encoding="utf-8") == "precious earlier version\n"
    assert target.read_text(encoding="utf-8") == "precious earlier version\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_render_template_failing_midway_writes_nothing_to_stdout(tmp_path, runner):
    (tmp_path / "tpl").mkdir()
    write(tmp_path / "tpl", "committee.md.j2", LATE_FAILURE)
    path = write(tmp_path, "p.yaml", COMMITTEE)
    result = runner.invoke(app, ["render", str(path), "-f", "md", "--template-dir", str(tmp_path / "tpl")])
    assert (result.exit_code, result.stdout) == (1, "")


def test_render_to_folder_writes_nothing_when_the_last_plan_fails(tmp_path, runner):
    site = tmp_path / "site"
    site.mkdir()
    earlier = write(site, "test-2023.md", "earlier committee page\n")
    (tmp_path / "tpl").mkdir()
    write(tmp_path / "tpl", "program.md.j2", LATE_FAILURE.replace("plan.committee", "plan.secretariat"))
    result = runner.invoke(
        app, ["render", str(FIXTURES), "-f", "md", "-o", str(site), "--template-dir", str(tmp_path / "tpl")]
    )
    assert result.exit_code == 1 and "program.md.j2:2: undefined in template" in result.stderr
    assert earlier.read_text(encoding="utf-8") == "earlier committee page\n"
    assert sorted(p.name for p in site.iterdir()) == ["test-2023.md"]


@pytest.mark.parametrize("fmt", ["html", "md", "ics"])
def test_render_streamed_to_file_and_stdout_equals_render(tmp_path, runner, fmt):
    from conftest import DATA

    source = DATA / "csh-2022-2023.yaml"
    # The file's git history dates the calendar's events (SEQUENCE, DTSTAMP): render reads it through plan_path.
    expected = render(parse_plan(source.read_text(encoding="utf-8"), "csh").plan, fmt, plan_path=source)
    out = tmp_path / f"csh.{fmt}"
    to_file = runner.invoke(app, ["render", str(source), "-f", fmt, "-o", str(out)])
    assert to_file.exit_code == 0
    assert out.read_bytes() == expected.encode("utf-8")
    to_stdout = runner.invoke(app, ["render", str(source), "-f", fmt])
    assert (to_stdout.exit_code, to_stdout.stdout_bytes) == (0, expected.encode("utf-8"))


def _stop():
    raise StopIteration


def test_template_context_calls_methods_as_jinja_does():
    """The page's context calls a plain method straight away and leaves everything else to Jinja."""
    import jinja2

    from workplan_cli.templating import environment

    class View:
        def twice(self, text, sep="-"):
            return text + sep + text

        @jinja2.pass_context
        def lang(self, context):  # a method that asks for the context gets it
            return context["lang"]

        def empty(self):
            raise StopIteration

        @staticmethod
        def thrice(text):  # a plain function, reached through the view
            return text * 3

    @jinja2.pass_context
    def greeting(context, name):  # a function that asks for the context gets it
        return f"{context['lang']}:{name}"

    @jinja2.pass_eval_context
    def auto(eval_ctx, text):
        return f"{text}={eval_ctx.autoescape}"

    env = environment(None)
    template = env.from_string(
        "{{ view.twice('a') }} {{ view.twice('b', sep='+') }} {{ view.lang() }} "
        "{% for x in 'xy' %}{{ view.twice(x) }}{% endfor %} {{ view.thrice('c') }} {{ greeting('d') }} "
        "{{ auto('e') }} {{ '%s'.upper() }} {{ sorted('cab') | join }} {{ loop_free(x='f') }}"
    )
    rendered = template.render(
        view=View(), lang="fr", greeting=greeting, auto=auto, sorted=sorted, loop_free=lambda x: x * 2
    )
    assert rendered == "a-a b+b fr x-xy-y ccc fr:d e=False %S abc ff"
    # A StopIteration is an undefined value, as Jinja makes it for a function (`stop`), so strict pages fail.
    for call in ("view.empty()", "stop()"):
        with pytest.raises(
            jinja2.UndefinedError, match=r"^value was undefined because a callable raised a StopIteration"
        ):
            env.from_string("{{ " + call + " }}").render(view=View(), stop=_stop)


def _gettext_outcome(env, source, **values):
    try:
        return "ok", env.from_string(source).render(**values)
    except Exception as exc:  # the same error, whichever gettext formats the text
        return "error", type(exc).__name__


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("autoescape", [True, False])
def test_page_gettext_functions_give_what_jinjas_own_give(lang, autoescape):
    """`_`, gettext, ngettext, pgettext, npgettext and {% trans %}: as Jinja's newstyle functions, text for text."""
    import jinja2
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from workplan_cli import i18n
    from workplan_cli.templating import environment

    ours = environment(None, lang)
    ours.autoescape = autoescape
    jinjas = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape)
    jinjas.install_gettext_translations(i18n.translations(lang), newstyle=True)
    assert ours.globals["ngettext"] is not jinjas.globals["ngettext"]
    # Messages of the catalogs (translated in fr) and made-up ones, with and without placeholders.
    known = ["Contents", "Paragraph:", "Paragraphs:", "%(month)s %(day)s, %(year)s", "Meeting %(number)s"]
    texts = st.text(alphabet="ab %()sd<&>'\"", max_size=12)
    values = st.one_of(st.text(alphabet="x<&>'\"%", max_size=6), st.integers(-3, 3))
    sources = [
        "{{ _(m) }}|{{ gettext(m, number=v, month=v, day=v, year=v) }}",
        "{{ ngettext(m, m2, n) }}|{{ ngettext(m, m2, n, number=v) }}",
        "{{ pgettext('menu', m) }}|{{ npgettext('menu', m, m2, n, number=v) }}",
        "{% trans %}Plain {{ v }} text{% endtrans %}|{% trans count=n %}one {{ v }}{% pluralize %}{{ count }} {{ v }}{% endtrans %}",
    ]

    @settings(max_examples=examples(150))
    @given(
        st.one_of(st.sampled_from(known), texts), st.one_of(st.sampled_from(known), texts), st.integers(0, 3), values
    )
    def check(m, m2, n, v):
        for source in sources:
            assert _gettext_outcome(ours, source, m=m, m2=m2, n=n, v=v) == _gettext_outcome(
                jinjas, source, m=m, m2=m2, n=n, v=v
            )

    check()


@settings(max_examples=examples(300))
@given(st.text(alphabet=st.sampled_from(["a", "\\", "^", ";", "é", "€", " ", "𝄞"]), max_size=400))
def test_calendar_folding_is_icalendars(line):
    """The fast fold of calendar lines gives icalendar's bytes, whatever the line."""
    from icalendar.parser import content_line

    from workplan_cli import render as render_module

    render_module._fast_folding()
    original = render_module._ICALENDAR_FOLD
    assert original
    assert render_module._fold(line) == original(line)
    assert content_line._foldline is render_module._fold
