"""loader/scalars.py: plain scalars read by YAML 1.2's rules, as ruamel.yaml reads them."""

from __future__ import annotations

TRICKY = """a: 10:30
b: yes
c: no
d: on
e: 2023-02-30
f: 1e3
g: 0o17
h: .5
i: 017
j: 1_000
k: 0x1F
l: ~
m: 2023-03-16
n: 86.10
o: True
p: -.inf
q: "38"
r: 47.b
s: 0b101
t: +12
"""


def test_fast_and_round_trip_paths_read_tricky_scalars_alike():
    from workplan_cli.loader import _yaml, fast_load

    fast = fast_load(TRICKY)
    slow = _yaml().load(TRICKY)
    assert fast == slow
    assert [type(fast[k]).__name__ for k in "abcdefgijo"] == [
        "str",
        "str",
        "str",
        "str",
        "str",
        "float",
        "int",
        "int",
        "int",
        "bool",
    ]
    assert (fast["a"], fast["e"], fast["g"], fast["i"], fast["j"]) == ("10:30", "2023-02-30", 15, 17, 1000)


def test_fast_path_resolvers_are_ruamel_yamls_yaml_1_2_table():
    import re

    from ruamel.yaml.resolver import implicit_resolvers

    from workplan_cli.loader import _yaml12_resolvers

    def squeeze(pattern: str) -> str:
        return re.sub(r"\s+", "", pattern)

    ours = [(tag, squeeze(regexp.pattern), sorted(first)) for tag, regexp, first in _yaml12_resolvers()]
    theirs = [
        (tag.rsplit(":", 1)[1], squeeze(regexp.pattern), sorted(first))
        for versions, tag, regexp, first in implicit_resolvers
        if (1, 2) in versions
    ]
    assert ours == theirs
