"""linediff, the unified diff of `fmt --diff`: exact hunks, and the new text exactly when applied (patch, git apply)."""

from __future__ import annotations

import re
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import clients
from conftest import examples
from workplan_cli.linediff import unified_diff

TEN = "".join(f"line {n}\n" for n in range(1, 11))


def diff(before: str, after: str, window: int = 2000) -> str:
    return "".join(unified_diff(before, after, "f.yaml\t(before)", "f.yaml\t(formatted)", window=window))


def test_one_line_changed_among_ten():
    assert diff(TEN, TEN.replace("line 5\n", "line five\n")) == (
        "--- f.yaml\t(before)\n"
        "+++ f.yaml\t(formatted)\n"
        "@@ -2,7 +2,7 @@\n"
        " line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n"
    )


def test_changes_far_apart_make_two_hunks_and_near_ones_one():
    far = TEN.replace("line 1\n", "line one\n").replace("line 10\n", "line ten\n")
    assert diff(TEN, far) == (
        "--- f.yaml\t(before)\n+++ f.yaml\t(formatted)\n"
        "@@ -1,4 +1,4 @@\n-line 1\n+line one\n line 2\n line 3\n line 4\n"
        "@@ -7,4 +7,4 @@\n line 7\n line 8\n line 9\n-line 10\n+line ten\n"
    )
    near = TEN.replace("line 3\n", "line three\n").replace("line 8\n", "line eight\n")
    assert diff(TEN, near) == (
        "--- f.yaml\t(before)\n+++ f.yaml\t(formatted)\n"
        "@@ -1,10 +1,10 @@\n line 1\n line 2\n-line 3\n+line three\n line 4\n line 5\n line 6\n line 7\n"
        "-line 8\n+line eight\n line 9\n line 10\n"
    )


def test_lines_added_and_removed_at_either_end():
    assert diff(TEN, "line 0\n" + TEN[: -len("line 10\n")]) == (
        "--- f.yaml\t(before)\n+++ f.yaml\t(formatted)\n"
        "@@ -1,3 +1,4 @@\n+line 0\n line 1\n line 2\n line 3\n"
        "@@ -7,4 +8,3 @@\n line 7\n line 8\n line 9\n-line 10\n"
    )


def test_equal_texts_give_no_diff():
    assert diff(TEN, TEN) == ""
    assert diff("", "") == ""


def test_a_text_without_a_final_line_break_says_so():
    assert diff("a\nb", "a\nc\n") == (
        "--- f.yaml\t(before)\n+++ f.yaml\t(formatted)\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"
    )
    assert diff("a\n", "a\nb") == (
        "--- f.yaml\t(before)\n+++ f.yaml\t(formatted)\n@@ -1 +1,2 @@\n a\n+b\n\\ No newline at end of file\n"
    )


def test_a_moved_block_is_shown_once_removed_and_once_added():
    moved = "".join(f"line {n}\n" for n in (1, 2, 6, 7, 8, 3, 4, 5, 9, 10))
    assert diff(TEN, moved) == (
        "--- f.yaml\t(before)\n+++ f.yaml\t(formatted)\n"
        "@@ -1,10 +1,10 @@\n line 1\n line 2\n-line 3\n-line 4\n-line 5\n line 6\n line 7\n line 8\n"
        "+line 3\n+line 4\n+line 5\n line 9\n line 10\n"
    )


_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n")


def applied(before: str, patch: str) -> str:
    """``patch`` applied to ``before`` by the rules of unified diffs, every context and removed line checked."""
    old = before.splitlines(keepends=True)
    lines = patch.splitlines(keepends=True)
    assert lines[:2] == ["--- f.yaml\t(before)\n", "+++ f.yaml\t(formatted)\n"]
    new: list[str] = []
    done = 0  # lines of ``old`` copied or consumed
    at = 2
    while at < len(lines):
        match = _HUNK.fullmatch(lines[at])
        assert match, lines[at]
        start, length = int(match.group(1)), int(match.group(2) or 1)
        first = start - 1 if length else start  # an empty range names the line before it
        assert first >= done
        new.extend(old[done:first])
        done = first
        at += 1
        while at < len(lines) and not lines[at].startswith("@@"):
            sign, text = lines[at][0], lines[at][1:]
            at += 1
            if at < len(lines) and lines[at] == "\\ No newline at end of file\n":
                text = text[:-1]
                at += 1
            if sign in " -":
                assert old[done] == text
                done += 1
            if sign in " +":
                new.append(text)
        assert done == first + length
    new.extend(old[done:])
    return "".join(new)


line = st.one_of(
    st.sampled_from(["a\n", "b\n", "  - id: x\n", "key: value\n", "\n", "# note\n"]),
    st.builds("u{}\n".format, st.integers(0, 60)),
)
texts = st.lists(line, max_size=40)
edits = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 4), st.lists(line, max_size=4)), max_size=6)


def edited(before: list[str], changes: list[tuple[int, int, list[str]]]) -> list[str]:
    after = list(before)
    for at, removed, added in changes:
        at = min(at, len(after))
        after[at : at + removed] = added
    return after


@settings(max_examples=examples(400), suppress_health_check=list(HealthCheck))
@given(
    before=texts,
    changes=edits,
    window=st.sampled_from([1, 2, 3, 5, 8, 2000]),
    ends=st.tuples(st.sampled_from(["", "x"]), st.sampled_from(["", "x", "y"])),
)
def test_the_diff_applied_gives_the_new_text(before, changes, window, ends):
    old, new = "".join(before) + ends[0], "".join(edited(before, changes)) + ends[1]
    patch = diff(old, new, window)
    if old == new:
        assert patch == ""
    else:
        assert applied(old, patch) == new


@pytest.mark.parametrize("tool", ["patch", "git"])
@settings(max_examples=examples(40), suppress_health_check=list(HealthCheck))
@given(before=texts, changes=edits, window=st.sampled_from([1, 3, 2000]))
def test_patch_and_git_apply_accept_the_diff(tmp_path_factory, tool, before, changes, window):
    program = clients.patch() if tool == "patch" else clients.git()
    old, new = "".join(before), "".join(edited(before, changes))
    folder = tmp_path_factory.mktemp("apply")
    (folder / "f.yaml").write_text(old, encoding="utf-8")
    argv = [program, "-p0", "--quiet"] if tool == "patch" else [program, "apply", "-p0", "-"]
    if old != new:
        subprocess.run(argv, input=diff(old, new, window), text=True, cwd=folder, check=True, capture_output=True)
    assert (folder / "f.yaml").read_text(encoding="utf-8") == new
