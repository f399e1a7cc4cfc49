"""scalarstyle.py: each scalar written as ruamel.yaml's emitter, set up as `fmt`'s dumper, writes it, or not certain."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from restyled import TRICKY
from workplan_cli import scalarstyle as c
from workplan_cli.models.scalars import MonthDate, YearDate


def _written(value: str, style: str, action: int, field: object, flow: bool) -> str | None:
    try:
        return c.scalar(value, style, action, field, flow, c.shared_styles())
    except c.NotCertain:
        return None


@pytest.mark.parametrize(
    ("value", "style", "action", "field", "flow", "expected"),
    [
        # a text as read (no field `_canonical` rewrites): plain, or quoted by the emitter's rules
        ("Plain text", "", c.AS_IS, None, False, "Plain text"),
        ("Plain text", '"', c.AS_IS, None, False, "Plain text"),
        ("it's", "'", c.AS_IS, None, False, "it's"),
        ("x, y", "", c.AS_IS, None, False, "x, y"),
        ("x, y", "'", c.AS_IS, None, True, "'x, y'"),
        ("a: b", '"', c.AS_IS, None, False, "'a: b'"),
        ("12", '"', c.AS_IS, None, False, "'12'"),
        ("yes", "", c.AS_IS, None, False, "yes"),  # text in YAML 1.2
        # numbers and booleans as read; other plain values are left to the round trip
        ("12", "", c.AS_IS, None, False, "12"),
        ("true", "", c.AS_IS, None, False, "true"),
        ("1.5", "", c.AS_IS, None, False, None),
        ("0o17", "", c.AS_IS, None, False, None),
        ("null", "", c.AS_IS, None, False, None),
        ("a", "|", c.AS_IS, None, False, None),
        ("tab\there", '"', c.AS_IS, None, False, None),  # a character fmt writes as an escape
        ("a\u2028b", '"', c.AS_IS, None, False, None),
        ("x" * 1001, "", c.AS_IS, None, False, None),
        # times and paragraph labels in double quotes, from the plan's value
        ("10:00", "'", c.TIME, dt.time(10, 0), False, '"10:00"'),
        ("9:05", "", c.TIME, dt.time(9, 5), False, '"09:05"'),
        ("47.b", "", c.DOUBLE, "47.b", False, '"47.b"'),
        # dates: as read when read as the plan's date, else from the plan's date and its precision
        ("2023-03-16", "", c.DATE_VALUE, dt.date(2023, 3, 16), False, "2023-03-16"),
        ("2023-03-16", "'", c.DATE_VALUE, dt.date(2023, 3, 16), False, "2023-03-16"),
        ("2023-3-16", "", c.DATE_VALUE, dt.date(2023, 3, 16), False, "2023-03-16"),
        ("2023-03-17", "", c.DATE_VALUE, dt.date(2023, 3, 16), False, None),
        ("2002", "", c.DATE_VALUE, YearDate(2002, 1, 1), False, "2002"),
        ("2002-08", "'", c.DATE_VALUE, MonthDate(2002, 8, 1), False, "2002-08"),
    ],
    ids=lambda v: repr(v)[:24] if isinstance(v, str) else None,
)
def test_scalar_writes_what_fmt_writes_or_is_not_certain(value, style, action, field, flow, expected):
    assert _written(value, style, action, field, flow) == expected


@pytest.mark.parametrize(
    ("value", "block", "flow_value", "flow_key"),
    [
        ("Plain text", "Plain text", "Plain text", "Plain text"),
        ("x, y", "x, y", "'x, y'", "'x, y'"),
        ("it's, here", "it's, here", '"it\'s, here"', '"it\'s, here"'),
        ("a: b", "'a: b'", "'a: b'", "'a: b'"),
        ("2023-01-01", "'2023-01-01'", "'2023-01-01'", "'2023-01-01'"),
        ("~", "'~'", "'~'", "'~'"),
        ("x ", "'x '", "'x '", "'x '"),
        ("-x", "-x", "-x", "-x"),
        ("a\u00a0b", "a\u00a0b", "a\u00a0b", "a\u00a0b"),
    ],
)
def test_text_is_quoted_as_the_emitter_quotes_it_in_each_context(value, block, flow_value, flow_key):
    styles = c.Styles()
    assert [styles.text(value, False, False), styles.text(value, True, False), styles.text(value, True, True)] == [
        block,
        flow_value,
        flow_key,
    ]
    assert styles.cache == {
        (value, False, False): block,
        (value, True, False): flow_value,
        (value, True, True): flow_key,
    }


@pytest.mark.parametrize("value", ["", "x" * 1001, "a\\b", 'say "hi"', "tab\there", "a\u2028b"])
def test_double_quotes_only_what_needs_no_escape(value):
    with pytest.raises(c.NotCertain):
        c.double(value)


def test_double_quotes_text_as_it_is():
    assert [c.double("10:00"), c.double("é ü"), c.double("it's")] == ['"10:00"', '"é ü"', '"it\'s"']


def test_shortcuts_for_plain_text_agree_with_ruamel_yaml():
    """What canonical_text takes for plain text without asking ruamel.yaml is what ruamel.yaml's emitter says."""
    styles = c.shared_styles()
    rng = random.Random(7)
    alphabet = "Aaz09 .,;:#?()/&+=_%-'\"[]{}!*|>@`~\\\u00a0\u2019\u2013\u00e9\u00d7\u017f\u0180"
    samples = [*TRICKY, *c.NOT_TEXT, "yes", "No", "Yes", "on", "off", "y", "n", "NaN", "inf"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(60000)]
    checked = 0
    for value in samples:
        for flow in (False, True) if len(value) <= c.MAX_SCALAR else ():
            if (c.PLAIN_IN_FLOW if flow else c.PLAIN_IN_BLOCK).match(value) and value not in c.NOT_TEXT:
                checked += 1
                assert styles._choose(value, flow, False) == value
                assert styles._choose(value, flow, True) == value
                assert styles.resolve(value) == c._STR
    # Plain in block context but for a comma, in flow context: quoted without asking ruamel.yaml.
    commas = 0
    words = "Aaz09 .,;()/'&+=_%-\u2019\u2013\u00e9"
    for value in samples + ["A" + "".join(rng.choice(words) for _ in range(rng.randint(1, 12))) for _ in range(3000)]:
        if "," in value and c.PLAIN_IN_BLOCK.match(value) and value not in c.NOT_TEXT:
            commas += 1
            assert styles.text(value, True, False) == styles._choose(value, True, False)
    assert checked > 1500 and commas > 100, (checked, commas)
    for value in ["0", "7", "10", "150", "2023", "123456789012345678"]:
        assert c._INT.match(value) and styles.resolve(value) == c._INT_TAG
    assert styles.resolve("true") == styles.resolve("false") == c._BOOL_TAG
