"""loader/events.py: the parser, the stream around the document, and the frame every event loop shares."""

from __future__ import annotations

import pytest

from workplan_cli.loader import events


class _Refused(Exception):
    pass


def _kinds(text: str) -> list[str]:
    parser = events.parser(text)
    try:
        found = [type(parser.get_event()).__name__]
        while found[-1] != "StreamEndEvent":
            found.append(type(parser.get_event()).__name__)
        return found
    finally:
        parser.dispose()


def test_the_parser_gives_libyamls_events_one_by_one():
    assert _kinds("a: [1]\n") == [
        "StreamStartEvent",
        "DocumentStartEvent",
        "MappingStartEvent",
        "ScalarEvent",
        "SequenceStartEvent",
        "ScalarEvent",
        "SequenceEndEvent",
        "MappingEndEvent",
        "DocumentEndEvent",
        "StreamEndEvent",
    ]
    parser = events.parser("a: 1\n")
    assert type(parser).__module__ == "yaml._yaml"  # libyaml's, wherever PyYAML has it
    parser.dispose()


def _opened(text: str, **asked: bool) -> tuple[object, str]:
    """What `open_document` returns for ``text`` (the class name of the event), or why it refuses."""
    parser = events.parser(text)
    try:
        return type(events.open_document(parser.get_event, _Refused, **asked)).__name__, ""
    except _Refused as exc:
        return None, str(exc)
    finally:
        parser.dispose()


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        ("a: 1\n", {}, ("DocumentStartEvent", "")),
        ("", {}, ("NoneType", "")),
        ("# only a comment\n", {"directives": False, "marker": False}, ("NoneType", "")),
        ("%YAML 1.2\n---\na: 1\n", {}, ("DocumentStartEvent", "")),
        ("%YAML 1.2\n---\na: 1\n", {"directives": False}, (None, "a directive")),
        ("%TAG !e! tag:example.com,2000:\n---\na: 1\n", {"directives": False}, (None, "a directive")),
        ("---\na: 1\n", {"directives": False}, ("DocumentStartEvent", "")),
        ("---\na: 1\n", {"marker": False}, (None, "a document marker")),
    ],
)
def test_open_document_reads_the_stream_and_document_start_and_refuses_what_it_is_asked_to(text, asked, expected):
    assert _opened(text, **asked) == expected


def test_open_document_refuses_a_parser_past_the_streams_start():
    parser = events.parser("a: 1\n")
    try:
        assert type(events.open_document(parser.get_event, _Refused)) is events.DocumentStartEvent
        with pytest.raises(_Refused, match=r"^no stream\Z"):
            events.open_document(parser.get_event, _Refused)
    finally:
        parser.dispose()


@pytest.mark.parametrize(
    ("text", "marker", "expected"),
    [
        ("a: 1\n", False, ""),
        ("a: 1\n...\n", True, ""),
        ("a: 1\n...\n", False, "a document marker"),
        ("a: 1\n---\nb: 2\n", True, "several documents"),
    ],
)
def test_close_document_reads_the_document_and_stream_end(text, marker, expected):
    parser = events.parser(text)
    get = parser.get_event
    try:
        events.open_document(get, _Refused)
        assert [type(get()).__name__ for _ in range(4)] == [
            "MappingStartEvent",
            "ScalarEvent",
            "ScalarEvent",
            "MappingEndEvent",
        ]
        try:
            events.close_document(get, _Refused, marker=marker)
            refused = ""
        except _Refused as exc:
            refused = str(exc)
        assert refused == expected
    finally:
        parser.dispose()


def test_close_document_refuses_a_document_whose_root_is_not_read():
    parser = events.parser("a: 1\n")
    try:
        events.open_document(parser.get_event, _Refused)
        with pytest.raises(_Refused, match=r"^no document end\Z"):
            events.close_document(parser.get_event, _Refused)
    finally:
        parser.dispose()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a: 1\n", None), ("%YAML 1.2\n---\na: 1\n", "%YAML"), ("%TAG !e! tag:example.com,2000:\n---\na: 1\n", "%TAG")],
)
def test_directive_names_the_directive_a_document_starts_with(text, expected):
    parser = events.parser(text)
    try:
        assert events.directive(events.open_document(parser.get_event, _Refused)) == expected
    finally:
        parser.dispose()


def test_a_frame_starts_at_a_mappings_first_key_or_a_sequences_first_item():
    mapping, sequence = events.Frame(True), events.Frame(False, ("meetings",))
    assert (mapping.is_map, mapping.key_next, mapping.key, mapping.index, mapping.path) == (True, True, None, 0, None)
    assert (sequence.is_map, sequence.key_next, sequence.key, sequence.index, sequence.path) == (
        False,
        False,
        None,
        0,
        ("meetings",),
    )
    with pytest.raises(AttributeError):
        sequence.other = 1  # slots only
