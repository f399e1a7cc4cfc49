"""canonical.py: the event pass (`canonical_text`) writes exactly what ruamel.yaml's round trip writes, or leaves the file to it."""

from __future__ import annotations

import random
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, FIXTURES, examples, write
from restyled import GENERATE, canonical_texts, fast, restyled, restyled_with_comments, round_trip, text_variant
from workplan_cli.canonical import canonical_text
from workplan_cli.cli import app
from workplan_cli.fmt import _reads_back, format_text
from workplan_cli.loader import parse_plan

FMT = FIXTURES.parent / "fmt-fixtures"
HOSTILE = FIXTURES.parent / "robustness" / "hostile"


def _loading(paths: list) -> list:
    return [p for p in paths if parse_plan(p.read_text(encoding="utf-8", errors="replace"), p.name).plan is not None]


@pytest.mark.parametrize(
    "path",
    [
        *sorted(DATA.glob("*.yaml")),
        *sorted(FMT.glob("*.yaml")),
        *sorted(FIXTURES.glob("*.yaml")),
        *sorted((DATA.parent / "examples").glob("*.yaml")),
        *_loading(sorted(HOSTILE.glob("*.yaml"))),
    ],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_canonical_text_is_the_round_trip_on_every_fixture(path):
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    written = fast(text)
    if path.parent in (DATA, FMT):
        assert written is not None


def test_canonical_text_writes_the_generated_plans():
    """The benchmark's plan needs rewriting (area names in quotes, ``by`` before ``documents``): written without the round trip."""
    generated = subprocess.run([sys.executable, str(GENERATE), "40"], capture_output=True, text=True, check=True).stdout
    written = fast(generated)
    assert written is not None and written != generated
    assert "  - {id: toc, number: 5, name: Transnational organized crime}\n" in written


def test_canonical_text_is_the_round_trip_on_restyled_plans():
    """Plans with their comments, keys moved, quoting, list styles and indentation changed, then edited as text:
    the event pass writes what the round trip writes, or leaves the file to it; it writes most of them."""
    texts = canonical_texts()
    rng = random.Random(20261205)
    count = examples(200)
    seen: Counter[str] = Counter()
    for _ in range(count):
        text = restyled_with_comments(rng.choice(texts), rng)
        if rng.random() < 0.5:
            text = text_variant(text, rng)
        if parse_plan(text, "plan.yaml").plan is None:
            seen["does not load"] += 1
            continue
        written = fast(text)
        seen["round trip" if written is None else "unchanged" if written == text else "rewritten"] += 1
    assert seen["rewritten"] >= count // 4, seen


def test_comment_lines_after_a_folded_text_moved_to_another_indentation_are_left_to_the_round_trip():
    """ruamel.yaml moves them with the text's lines (two columns left here); found by restyled plans."""
    text = (FMT / "comments.yaml").read_text(encoding="utf-8")
    folded = "  - >-\n    A folded paragraph that\n    spans two lines.\n"
    assert folded + "partners:" in text
    moved = text.replace(folded, folded.replace("    ", "      ") + "     # c20 after the text\n", 1)
    assert canonical_text(moved, parse_plan(moved, "plan.yaml")) is None
    assert folded + "   # c20 after the text\npartners:" in round_trip(moved)
    kept = text.replace(folded, folded + "   # c20 after the text\n", 1)
    assert fast(kept) == kept
    blank = text.replace(folded, folded.replace("    ", "      ") + "\n", 1)
    assert fast(blank) == text.replace(folded, folded + "\n", 1)


def test_a_text_the_event_pass_wrote_must_read_back_as_the_same_plan_with_its_comments():
    text = (FMT / "comments.yaml").read_text(encoding="utf-8")
    plan = parse_plan(text, "plan.yaml").plan
    assert _reads_back(text, text, plan, "plan.yaml")
    assert not _reads_back(text, text.replace("  # c05 eol id", "", 1), plan, "plan.yaml")
    assert not _reads_back(text, text.replace("title: Test program plan", "title: Test program", 1), plan, "plan.yaml")
    swallowed = text.replace("  # c05 eol id", "", 1).replace(
        "title: Test program plan", 'title: "Test # c05 eol id"', 1
    )
    assert swallowed.count("#") == text.count("#")
    assert not _reads_back(text, swallowed, plan, "plan.yaml")


def _fast_verdict_is_sound(text: str) -> bool:
    """Whether the event pass finds ``text`` canonical, after asserting that the round trip keeps it whenever it does."""
    verdict = canonical_text(text, parse_plan(text, "plan.yaml")) == text
    if verdict:
        assert round_trip(text) == text
    return verdict


def test_canonical_plans_take_the_fast_verdict():
    """The bundled plans (comments, blank lines, folded texts) and a generated one: no round trip."""
    for text in canonical_texts():
        assert _fast_verdict_is_sound(text) is True


def test_fast_verdict_is_never_wrong_on_edited_plans():
    texts = canonical_texts()
    rng = random.Random(20261201)
    count = examples(150)
    verdicts = Counter(_fast_verdict_is_sound(text_variant(rng.choice(texts), rng)) for _ in range(count))
    # Both answers are really exercised: in the full run at least 20 and 40 of the 150.
    assert verdicts[True] >= count * 2 // 15 and verdicts[False] >= count * 4 // 15, verdicts


@settings(max_examples=examples(25), suppress_health_check=list(HealthCheck))
@given(which=st.sampled_from(sorted(DATA.glob("*.yaml"))), seed=st.integers(0, 2**32 - 1))
def test_fast_verdict_is_never_wrong_on_restyled_plans(which, seed):
    rng = random.Random(seed)
    _fast_verdict_is_sound(text_variant(restyled(which.read_text(encoding="utf-8"), rng), rng))


def test_fast_verdict_leaves_to_the_round_trip_what_ruamel_yaml_does_not_keep():
    """A blank line before the first line is dropped by ruamel.yaml; spaces at the end of a value's line, or on a blank line, too."""
    text = (DATA / "csh-2022-2023.yaml").read_text(encoding="utf-8")
    with_spaces = text.replace("\nkind: committee-plan\n", "\nkind: committee-plan  \n", 1)
    for changed in ["\n" + text, with_spaces, text.replace("\n\n", "\n   \n", 1)]:
        assert changed != text
        assert not _fast_verdict_is_sound(changed)
        assert format_text(changed, "plan.yaml")[0] == text


def test_fmt_check_of_a_commented_canonical_plan(runner, tmp_path):
    text = canonical_texts()[-1].replace("\nmeetings:\n", "\n\n# The meetings, in order.\nmeetings:\n", 1)
    assert _fast_verdict_is_sound(text)
    plan = write(tmp_path, "plan.yaml", text)
    result = runner.invoke(app, ["fmt", "--check", str(plan)])
    assert (result.exit_code, result.stderr) == (0, "1 file already formatted.\n")
    plan.write_text(text.replace('start_time: "10:00"', "start_time: '10:00'", 1), encoding="utf-8")
    result = runner.invoke(app, ["fmt", "--check", str(plan)])
    assert (result.exit_code, result.stderr) == (1, f"would reformat {plan}\n")
