"""The page environment (templating.py) against Jinja's own: the same text for every template.

`templating` compiles each printed value into one call (`page_text`,
`plain_text`) and calls macros and Python functions without Jinja's
`Context.call`.  These tests render the same sources through an environment
built with Jinja's own `Environment` and `Context` classes (everything else
alike: settings, filters, gettext functions) and compare what comes out:
the published pages, and generated templates covering printing, escaping,
macros called every way, autoescape blocks (fixed and decided as the
template runs), set and filter blocks, loops and translated sentences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from conftest import FIXTURES, ROOT, examples, sweep, write
from workplan_cli import templating
from workplan_cli.catalogs import SourceText
from workplan_cli.cli import app
from workplan_cli.loader import load_plan
from workplan_cli.render import render

COMMITTEE = (FIXTURES / "committee-minimal.yaml").read_text(encoding="utf-8")


@contextmanager
def jinjas_own_classes() -> Iterator[None]:
    """`templating.environment` builds Jinja's own Environment and Context, and keeps no compiled templates."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            templating,
            "_environment_class",
            lambda sandboxed=False: SandboxedEnvironment if sandboxed else jinja2.Environment,
        )
        patch.setattr(templating, "_context_class", lambda: Context)
        patch.setenv("WORKPLAN_CACHE_DIR", "")
        yield


def test_the_page_environment_is_workplans_own():
    """The comparisons below compare something: the page environment has its own classes and code."""
    env = templating.environment(None)
    assert type(env) is not jinja2.Environment and env.context_class is not Context
    code = env.compile("{{ v }}{% macro m(a) %}{{ a }}{% endmacro %}", raw=True)
    assert "environment.plain_text(context.eval_ctx, " in code and "escape(" not in code
    env.autoescape = True
    assert "environment.page_text(context.eval_ctx, " in env.compile("{{ v }}", raw=True)
    with jinjas_own_classes():
        stock = templating.environment(None)
    assert type(stock) is jinja2.Environment
    stock.autoescape = True
    assert "escape(environment.finalize(context.eval_ctx, " in stock.compile("{{ v }}", raw=True)


@pytest.mark.parametrize(
    ("plan", "fmt", "lang"),
    sweep(
        [
            ("csh-2022-2023.yaml", "html", "en"),
            ("csh-2022-2023.yaml", "md", "pt"),
            ("cicte-2022-2023.yaml", "html", "es"),
            ("csh-2022-2023.yaml", "html", "es"),
            ("csh-2022-2023.yaml", "html", "fr"),
            ("csh-2022-2023.yaml", "md", "en"),
            ("cicte-2022-2023.yaml", "md", "en"),
        ],
        default=3,  # each plan, each format, a page in English and one translated
    ),
)
def test_pages_are_what_jinjas_own_classes_make(plan, fmt, lang):
    """The bundled pages, translated or not, byte for byte as Jinja's own environment and context make them."""
    path = ROOT / "data" / plan
    loaded = load_plan(path).plan
    ours = render(loaded, fmt, lang=lang, plan_path=path, as_of=dt.date(2023, 1, 15))
    with jinjas_own_classes():
        stock = render(loaded, fmt, lang=lang, plan_path=path, as_of=dt.date(2023, 1, 15))
    assert len(ours) > 10_000
    assert ours == stock


# --- generated templates ---------------------------------------------------------------------

MACROS = (
    '{% macro pair(a, b="-") %}[{{ a }}|{{ b }}]{% endmacro %}'
    "{% macro loose() %}<{{ varargs|join(',') }}{{ kwargs|dictsort|join(',') }}>{% endmacro %}"
    "{% macro wrap(x) %}({{ caller(x) }}){% endmacro %}"
    "{% macro bare() %}&{% endmacro %}"
)

SNIPPETS = [
    "{{ v }}",
    "{{ v|own }}",
    "{{ v|plain }}",
    "{{ v ~ '<&>' }}",
    "{{ [v, v]|join('; ') }}",
    "{{ pair(v) }}",
    "{{ pair(v, v) }}",
    "{{ pair(b=v, a='x') }}",
    "{{ pair(v, b=v) }}",
    "{{ pair() }}",
    "{{ pair(v, v, v) }}",
    "{{ pair(v, c=v) }}",
    "{{ loose(v, k=v) }}",
    "{{ loose() }}",
    "{{ bare() }}",
    "{{ bare(v) }}",
    "{{ pair }}",
    "{% call(y) wrap(v) %}{{ y }}!{% endcall %}",
    "{% call pair(v) %}never{% endcall %}",
    "{% autoescape false %}{{ v }}{{ pair(v) }}{{ bare() }}{% endautoescape %}",
    "{% autoescape false %}{{ pair(v)|e }}{{ bare()|e }}{% endautoescape %}",
    "{% autoescape true %}{{ v }}{{ pair(v) }}{{ bare()|e }}{% endautoescape %}",
    "{% autoescape flag %}{{ v }}{{ pair(v) }}{{ v|own }}{% endautoescape %}",
    "{% set x %}{{ v }}<b>{% endset %}{{ x }}{{ x|length }}",
    "{% filter upper %}{{ v }}{{ pair(v) }}{% endfilter %}",
    "{% for i in [v, 'a<b'] %}{{ loop.index }}{{ i }}{% if not loop.last %},{% endif %}{% endfor %}",
    "{{ _('%(x)s of %(y)s', x=v, y=v|own) }}",
    "{{ ngettext('one %(num)s', 'many %(num)s', 2) }}{{ _('Contents') }}",
    "{{ f(v) }}",
    "{{ stop() }}",
    "{% macro halt() %}a{{ v|halt }}{% endmacro %}{{ halt() }}",
    "{{ v.upper() }}",
    "{{ missing }}",
]


def _value(kind: str, text: str) -> object:
    """A value of ``kind`` made from ``text`` (made here, not by Hypothesis: it would take a str subclass for one of its own)."""
    if kind == "source":  # plan text a catalog left untranslated, as `catalogs.translate` marks it
        shown = SourceText(text)
        shown.lang = "es"
        return shown
    return {
        "text": text,
        "markup": Markup(text),
        "number": len(text) - 3,
        "yes or no": len(text) % 2 == 0,
        "none": None,
        "day": dt.date(2023, 1, 15),
        "decimal": 1.5,
        "list": [text, "a<"],
    }[kind]


KINDS = st.sampled_from(["text", "source", "markup", "number", "yes or no", "none", "day", "decimal", "list"])
TEXTS = st.text(alphabet="ab <&>\"'\x00\x1b\r\n\t\u2028%", max_size=8)


def _stop(*args: object) -> None:
    raise StopIteration


def _outcome(env: jinja2.Environment, source: str, **values: object) -> tuple[str, str]:
    try:
        return "ok", env.from_string(source).render(**values)
    except Exception as exc:  # the same error, whichever environment runs the template
        return "error", type(exc).__name__


@pytest.mark.parametrize("autoescape", [True, False])
def test_generated_templates_print_what_jinjas_own_classes_print(autoescape):
    """Any mix of the snippets, with any of the values, gives the same text or the same error."""
    ours = templating.environment(None, "fr")
    with jinjas_own_classes():
        stock = templating.environment(None, "fr")
    for env in (ours, stock):
        env.autoescape = autoescape
        env.filters["halt"] = _stop

    @settings(max_examples=examples(300))
    @given(st.lists(st.sampled_from(SNIPPETS), min_size=1, max_size=4), KINDS, TEXTS, st.booleans())
    def check(snippets, kind, text, flag):
        source = MACROS + "".join(snippets)
        values = {"v": _value(kind, text), "flag": flag, "f": lambda x: f"f<{x}>", "stop": _stop}
        assert _outcome(ours, source, **values) == _outcome(stock, source, **values)

    check()


def test_a_time_is_written_as_a_plan_file_writes_it_for_a_time_element():
    """The ``hh_mm`` filter is `models.scalars.hh_mm`: the pages' ``<time datetime>`` and the plan files agree."""
    template = templating.environment(None).from_string('<time datetime="{{ d }}T{{ t|hh_mm }}">')
    assert [template.render(d=dt.date(2023, 3, 16), t=t) for t in (dt.time(9, 5), dt.time(23, 59, 59))] == [
        '<time datetime="2023-03-16T09:05">',
        '<time datetime="2023-03-16T23:59">',
    ]


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
            ":2: undefined in template: 'workplan_cli.models.common.Committee object' has no attribute 'nickname'",
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


# Ways out of a template into Python, as a template folder a repository ships might try them.
ESCAPES = [
    ("{{ cycler.__init__.__globals__.os.getpid() }}", "access to attribute '__init__' of 'type' object is unsafe."),
    ("{{ plan.__class__ }}", "access to attribute '__class__' of 'CommitteePlan' object is unsafe."),
    ("{{ view.refs.__func__ }}", "access to attribute '__func__' of 'method' object is unsafe."),
    ("{{ lipsum.__globals__['os'] }}", "access to attribute '__globals__' of 'function' object is unsafe."),
    ("{{ ''.__class__.__mro__ }}", "access to attribute '__class__' of 'str' object is unsafe."),
    ("{{ '{0.__class__}'.format(plan) }}", "access to attribute '__class__' of 'CommitteePlan' object is unsafe."),
    ("{{ plan.committee.model_dump.__globals__ }}", "access to attribute '__globals__' of 'method' object is unsafe."),
    (
        "{% for c in dict.__base__.__subclasses__() %}{% endfor %}",
        "access to attribute '__base__' of 'type' object is unsafe.",
    ),
]


@pytest.mark.parametrize(("template", "message"), ESCAPES)
def test_a_template_from_a_folder_reaches_no_python_behind_its_values(tmp_path, runner, template, message):
    (tmp_path / "tpl").mkdir()
    planted = write(tmp_path / "tpl", "committee.md.j2", f"line one\n{template}\n")
    path = write(tmp_path, "p.yaml", COMMITTEE)
    result = runner.invoke(app, ["render", str(path), "-f", "md", "--template-dir", str(tmp_path / "tpl")])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"workplan: error: {planted}:2: template error: {message}\n"


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("plan", ["csh-2022-2023", "cicte-2022-2023"])
def test_the_bundled_templates_make_the_same_pages_in_the_sandbox(tmp_path, plan, fmt):
    """A folder of templates puts every template, the bundled ones too, in the sandbox: they need nothing it refuses."""
    loaded = load_plan(ROOT / "data" / f"{plan}.yaml").plan
    assert render(loaded, fmt, template_dir=tmp_path) == render(loaded, fmt)
    assert type(templating.environment(tmp_path)).sandboxed and not type(templating.environment(None)).sandboxed


def _gen():
    yield 1


def _frame():
    import sys

    return sys._getframe()


# Objects of the kinds the sandbox tells apart, and names it refuses or allows on them.
_OBJECTS = [len, _gen, _gen(), _frame(), _frame().f_code, str, "text", dt.date(2023, 1, 1), _stop, SourceText("x")]
_NAMES = ["mro", "gi_frame", "gi_code", "f_globals", "co_code", "func_globals", "im_func", "title", "year", "upper"]
_NAMES += ["__globals__", "__class__", "_private", "__init__", "__func__", "cr_frame", "ag_code", "__self__"]


@settings(max_examples=300, deadline=None)
@given(
    obj=st.sampled_from(_OBJECTS + [method for method in (_OBJECTS[2].send, "x".upper)]), name=st.sampled_from(_NAMES)
)
def test_the_sandbox_answers_as_jinjas_own_whatever_it_has_seen_before(obj, name):
    """The page sandbox keeps its answer per kind of object and name: the same answers as Jinja's own sandbox,
    asked first about any other object of the same kind."""
    env = templating.environment(FIXTURES)
    stock = SandboxedEnvironment()
    for other in _OBJECTS:  # answers kept from other objects first
        env.is_safe_attribute(other, name, None)
    assert env.is_safe_attribute(obj, name, None) is stock.is_safe_attribute(obj, name, None)


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


def _gettext_outcome(env, source, **values):
    try:
        return "ok", env.from_string(source).render(**values)
    except Exception as exc:  # the same error, whichever gettext formats the text
        return "error", type(exc).__name__
