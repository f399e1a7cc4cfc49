"""The Jinja side of publishing: where templates are found, what they can call, how they print, what their errors say.

`render` builds what a page shows (the views) and calls `render_template_pieces`;
everything about Jinja itself is here:

- the bundled templates and ``--template-dir`` folders (`bundled_template_dir`);
- the environment: its settings, filters and gettext functions
  (workplan's own words in the language in force);
- how a printed value becomes page text (`page_text`: control characters shown
  as escapes, plan text shown untranslated marked with its language, then
  HTML-escaped), compiled into each template by `PageCodeGenerator`;
- a template's exceptions as `TemplateError` naming file and line.

Templates stream: `render_template_pieces` yields the page in pieces as Jinja makes it.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from . import dates, i18n
from .catalogs import SourceText
from .errors import PathError, WorkplanError
from .models.scalars import hh_mm
from .text import byte_position, isolated, md_escape, printable, safe_url
from .wording import ordinal


class TemplateError(WorkplanError):
    """A template is broken: a syntax error or an undefined variable."""

    exit_code = 1


def bundled_template_dir() -> Path:
    """The bundled templates: inside the installed package, else the checkout's folder."""
    packaged = Path(__file__).resolve().parent / "templates"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if checkout.is_dir():
        return checkout
    raise PathError(f"the bundled templates are missing (looked in {packaged} and {checkout}); reinstall workplan")


# --- filters ---------------------------------------------------------------------------------


def long_day(day: dt.date) -> str:
    """``Thursday, December 1, 2022``: the house format (`dates.long_day`)."""
    return dates.long_day(day)


def short_day(day: dt.date) -> str:
    """``December 1``: the pages give the year in their headings (`dates.month_day`)."""
    return dates.month_day(day)


def clock(t: dt.time) -> str:
    """``10:00 a.m.``, ``2:30 p.m.``: the house format (`dates.clock`)."""
    return dates.clock(t)


def nav_day(day: dt.date) -> str:
    """``01 Dec``; ``1 dic``, ``1er déc.``: the day and month of a contents entry (`dates.nav_day`)."""
    return dates.nav_day(day)


def in_sentence(title: Any, meeting: Any) -> Any:
    """A meeting's name inside a sentence: workplan's own "Cinquième réunion" as "cinquième réunion".

    A numbered meeting without a title or heading of the plan's is named by
    workplan, capitalised as a title; inside a sentence the other languages
    write its ordinal in lower case ("dans le cadre de la deuxième réunion").
    English keeps the published documents' capital.
    """
    if i18n.current() == "en" or meeting.number is None or meeting.title or meeting.heading:
        return title
    return type(title)(title[:1].lower() + title[1:]) if isinstance(title, str) else title


def mid_sentence(text: Any) -> Any:
    """A name the plan writes as a heading, inside a sentence: its first letter in lower case
    ("Third plenary session" as "third plenary session"), the rest as written ("regular meeting of the
    Permanent Council"); a first word in capitals (an acronym: "CICTE plenary") stays as it is.
    The plan's text keeps its language mark (`SourceText`)."""
    if not isinstance(text, str) or not text[:1].isupper() or text[1:2].isupper():
        return text
    lowered: Any = type(text)(text[:1].lower() + text[1:])
    if hasattr(text, "lang"):
        lowered.lang = text.lang
    return lowered


def _names(eval_ctx: Any, names: Any, who: Callable[[str], Any] | None = None, md: bool = False) -> Any:
    """Names joined as the page's language joins a list ("SSM y SEDI"), each printed as any value is.

    ``who`` names each (an organizer's id); ``md`` escapes each for Markdown.
    """
    from markupsafe import Markup, escape

    from .typography import join_names

    shown = [who(name) if who else name for name in names]
    if eval_ctx.autoescape:
        return Markup(join_names([str(escape(_printable(eval_ctx, name))) for name in shown], i18n.current()))
    return join_names(
        [md_escape(str(_printable(eval_ctx, name))) if md else str(_printable(eval_ctx, name)) for name in shown],
        i18n.current(),
    )


def css_string(text: Any) -> Any:
    """``text`` inside a CSS string ("…" in a style sheet): workplan's words in the page's language, punctuated as it writes.

    A backslash, a quote, a line break or ``<`` (which could close the style
    element) is written as a CSS escape; the result is markup, printed as it is.
    """
    from markupsafe import Markup

    from .typography import punctuate

    said = punctuate(str(text), i18n.current())
    return Markup(re.sub(r'[\\"<>\n\r]', lambda m: f"\\{ord(m.group(0)):x} ", said))


def md_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", str(heading).strip().lower()).replace(" ", "-")


# --- the environment ---------------------------------------------------------------------------


def environment(template_dir: Path | None, lang: str = "en") -> Any:
    """The templates' environment: ``template_dir``'s templates before the bundled ones, workplan's words in ``lang``."""
    import jinja2

    folders = [str(template_dir)] if template_dir else []
    folders.append(str(bundled_template_dir()))
    env: Any = _environment_class(sandboxed=template_dir is not None)(
        loader=_loader_class()(folders),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Every value a template prints: control characters from a plan
        # (an escape sequence, NUL, a lone CR) are shown as escapes, never
        # written into a page or a file.  The page environment compiles
        # this and the escaping into one call (`page_text`, `plain_text`).
        finalize=jinja2.pass_eval_context(_printable),
        extensions=["jinja2.ext.i18n"],
    )
    env.context_class = _context_class()
    # `_`, `gettext`, `ngettext` and `pgettext` in the templates: workplan's own words in `lang`.
    translations = i18n.translations(lang)
    env.install_gettext_translations(translations, newstyle=True)
    env.globals.update(_gettext_functions(translations))
    env.globals["range_parts"] = dates.range_parts
    env.filters.update(
        long_day=long_day,
        short_day=short_day,
        clock=clock,
        # A time as a plan file writes it (14:30), for `<time datetime>`.
        hh_mm=hh_mm,
        ordinal=ordinal,
        month_year=dates.month_year,
        nav_day=nav_day,
        plain_day=dates.plain_day,
        caption=dates.caption,
        in_sentence=in_sentence,
        mid_sentence=mid_sentence,
        css_string=css_string,
        names=jinja2.pass_eval_context(_names),
        # Plan text passed into a translated sentence keeps its own language mark.
        own=jinja2.pass_eval_context(_printable),
        plain=str,
        anchor=md_anchor,
        md=md_escape,
        safe_url=safe_url,
    )
    return env


def _gettext_functions(translations: Any) -> dict[str, Any]:
    """Jinja's newstyle gettext functions (jinja2.ext), giving the same results for less.

    Jinja's own take the whole template context to read one flag (whether the
    template escapes), and its `_` looks `gettext` up again on every call;
    on the 1,500-meeting page these calls were the heaviest lines of the
    templates (Paragraph:/Paragraphs: per entry, a date per day of the term).
    These read the evaluation context only (`pass_eval_context`, which the
    template context below passes straight away), and `_` is `gettext`
    itself (so a template cannot swap `gettext` for `_` by setting a
    variable of that name).  Each returns what Jinja's does: the
    translation, as Markup where the template escapes, formatted with the
    variables (and `num`, `context`); a text with no `%` is left as it is,
    which is what formatting it would give.  `_` and `ngettext` keep what
    they gave for a call with no variables of its own.  A Hypothesis test
    (tests/unit/test_templating.py) holds them to Jinja's.
    """
    import jinja2
    from markupsafe import Markup

    def done(autoescape: bool, text: str, variables: dict[str, Any]) -> Any:
        if autoescape:
            text = Markup(text)
        return text % variables if "%" in text else text

    # A page asks for the same few words thousands of times ("Paragraph:" per
    # agenda entry, the names of its lanes...).  Asked with no variables of
    # its own, each function gives the same answer every time: it is kept.
    def remembered(function: Callable[..., Any]) -> Callable[..., Any]:
        kept = functools.lru_cache(maxsize=4096, typed=True)(function)

        def ask(*args: Any) -> Any:
            try:
                return kept(*args)
            except TypeError:  # an argument that cannot be kept (a list): asked each time
                return function(*args)

        return ask

    @remembered
    def gettext_alone(autoescape: bool, message: str) -> Any:
        return done(autoescape, translations.gettext(message), {})

    @remembered
    def ngettext_alone(autoescape: bool, singular: str, plural: str, num: int) -> Any:
        return done(autoescape, translations.ngettext(singular, plural, num), {"num": num})

    @jinja2.pass_eval_context
    def gettext(eval_ctx: Any, message: str, /, **variables: Any) -> Any:
        if not variables:
            return gettext_alone(eval_ctx.autoescape, message)
        return done(eval_ctx.autoescape, translations.gettext(message), variables)

    @jinja2.pass_eval_context
    def ngettext(eval_ctx: Any, singular: str, plural: str, num: int, /, **variables: Any) -> Any:
        if not variables:
            return ngettext_alone(eval_ctx.autoescape, singular, plural, num)
        variables.setdefault("num", num)
        return done(eval_ctx.autoescape, translations.ngettext(singular, plural, num), variables)

    @jinja2.pass_eval_context
    def pgettext(eval_ctx: Any, context: str, message: str, /, **variables: Any) -> Any:
        variables.setdefault("context", context)
        return done(eval_ctx.autoescape, translations.pgettext(context, message), variables)

    @jinja2.pass_eval_context
    def npgettext(eval_ctx: Any, context: str, singular: str, plural: str, num: int, /, **variables: Any) -> Any:
        variables.setdefault("context", context)
        variables.setdefault("num", num)
        return done(eval_ctx.autoescape, translations.npgettext(context, singular, plural, num), variables)

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext, "pgettext": pgettext, "npgettext": npgettext}


@functools.cache
def _loader_class() -> type:
    """Jinja's loader of template files, where a template that cannot be read, or is not UTF-8, is an error
    naming the file (`PathError`; `TemplateError` with the line of the first byte that is not UTF-8)."""
    import posixpath

    import jinja2
    from jinja2.loaders import split_template_path

    class TemplateLoader(jinja2.FileSystemLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            try:
                return super().get_source(environment, template)
            except jinja2.TemplateNotFound:  # an OSError too, said as such by `_template_problem`
                raise
            except (OSError, UnicodeDecodeError) as exc:
                paths = (posixpath.join(folder, *split_template_path(template)) for folder in self.searchpath)
                where = next((path for path in paths if os.path.isfile(path)), template)
                if isinstance(exc, OSError):
                    raise PathError(f"{where}: cannot read the template: {exc.strerror or exc}") from None
                raise _not_utf8(where) from None

    return TemplateLoader


def _not_utf8(path: str) -> TemplateError:
    """`TemplateError` at the line and column of the first byte of ``path`` that is not UTF-8."""
    data = Path(path).read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = byte_position(data, exc.start)
        return TemplateError(f"{path}:{line}:{column}: template is not UTF-8 text (byte 0x{data[exc.start]:02x})")
    return TemplateError(f"{path}: template is not UTF-8 text")


@functools.cache
def _environment_class(sandboxed: bool = False) -> type:
    """Jinja's environment, printing each value with one call: `page_text` where the template escapes, else `plain_text`.

    ``sandboxed`` for templates that did not come with workplan (``--template-dir``): Jinja's sandbox
    lets a template reach the values it is given, their public attributes and methods, and nothing
    behind them (``cycler.__init__.__globals__``…), so a template folder a repository ships is text that
    fills pages, never code that runs; what it tries is a `SecurityError`, reported as the template's
    error.  The bundled templates are part of workplan, like its code, and run without the sandbox's
    checks on every attribute and call (a third of the time of a large page).

    Jinja compiles ``{{ value }}`` to ``escape(environment.finalize(context.eval_ctx, value))``:
    four calls in Python and a `Markup` made per value, 200,000 times on the
    1,500-meeting page.  This environment's code generator writes one call
    instead, giving the same text (`_printable`, then escaped).  Where a
    template's escaping is known only as it runs (``{% autoescape flag %}``
    with a variable), Jinja's own code is kept.
    """
    import jinja2
    import markupsafe
    from jinja2.compiler import CodeGenerator
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup, escape

    def escaped_slowly(text: str) -> str:
        return str(escape(text))

    # markupsafe's C escaping, without the Markup that `escape` makes of its result.
    escaped: Callable[[str], str] = getattr(markupsafe, "_escape_inner", escaped_slowly)

    class PageCodeGenerator(CodeGenerator):
        def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
            if frame.eval_ctx.volatile:
                super()._output_child_pre(node, frame, finalize)
            else:
                kind = "page_text" if frame.eval_ctx.autoescape else "plain_text"
                self.write(f"environment.{kind}(context.eval_ctx, ")

        def _output_child_post(self, node: Any, frame: Any, finalize: Any) -> None:
            if frame.eval_ctx.volatile:
                super()._output_child_post(node, frame, finalize)
            else:
                self.write(")")

    def _page_text(eval_ctx: Any, value: Any) -> Any:
        """``escape(_printable(eval_ctx, value))``, where the template escapes: the text of a Markup, or a Markup."""
        kind = type(value)
        if kind is str:
            return escaped(value if value.isprintable() else isolated(value))
        if kind is Markup:  # what a macro or block made: escaped as it was made
            return value
        if kind is int or kind is dt.date:  # a number, a day (ISO 8601): nothing in them to escape
            return str(value)
        return escape(_printable(eval_ctx, value))

    def _plain_text(eval_ctx: Any, value: Any) -> str:
        """``str(_printable(eval_ctx, value))``, where the template does not escape (Markdown)."""
        if type(value) is str:
            return printable(value)
        return str(_printable(eval_ctx, value))

    class PageEnvironment(jinja2.Environment):
        code_generator_class = PageCodeGenerator
        page_text = staticmethod(_page_text)
        plain_text = staticmethod(_plain_text)

    if not sandboxed:
        return PageEnvironment

    class SandboxedPageEnvironment(SandboxedEnvironment, PageEnvironment):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.safe_attributes: dict[tuple[type, str], bool] = {}

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            # The sandbox's answer depends on the kind of object and the name only (a name with `_`, a
            # function's, frame's or generator's internals), so it is worked out once per kind and name:
            # a page reads some 300,000 attributes of a few dozen kinds.
            key = (type(obj), attr)
            safe = self.safe_attributes.get(key)
            if safe is None:
                safe = self.safe_attributes[key] = super().is_safe_attribute(obj, attr, value)
            return safe

    return SandboxedPageEnvironment


@functools.cache
def _context_class() -> type:
    """Jinja's template context, calling macros and plain methods (`view.refs`, `view.who`…) straight away.

    A page calls the view's methods and the templates' macros some 100,000
    times (a 1,500-meeting plan); Jinja's `Context.call` first asks each
    whether it wants the context passed (`pass_context` and its kin), which
    costs more than most of the calls, and a macro then sorts its arguments
    out again.  A macro, a built-in function or method (which cannot be so
    marked), a Python function or bound method that is not so marked, or a
    Python function marked `pass_eval_context` (the gettext functions) is
    called here and gives exactly what `Context.call` would give (a
    StopIteration included); anything else (`pass_context`, a callable
    object) goes through `Context.call`.  tests/unit/test_templating.py holds
    the two to the same output.
    """
    import types

    import jinja2
    from jinja2.runtime import Context, Macro
    from markupsafe import Markup

    def probe(eval_ctx: Any) -> None: ...

    eval_context = vars(jinja2.pass_eval_context(probe))["jinja_pass_arg"]  # Jinja's mark for pass_eval_context

    # A macro called with its arguments by position and nothing else (the
    # usual call) runs straight away; any other call goes through the
    # macro's own argument handling.  Jinja keeps a macro's function and its
    # number of arguments in these attributes (it has since 2.0); were they
    # gone, every macro call would take the long way.
    direct_macros = {"_func", "_argument_count"} <= set(Macro.__init__.__code__.co_names)

    macro = object()  # a mark of our own, for Jinja's macros

    class TemplateContext(Context):
        def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            kind = type(__obj)
            if kind is Macro:
                mark: Any = macro
            elif kind is types.BuiltinFunctionType:
                mark = None
            elif kind is types.FunctionType:
                mark = getattr(__obj, "jinja_pass_arg", None)
            elif kind is types.MethodType:
                mark = getattr(__obj.__func__, "jinja_pass_arg", None)
            else:
                mark = "ask Jinja"  # a callable object or a class: Context.call knows what it wants
            if not (mark is None or mark is macro or mark is eval_context):
                return Context.call(__self, __obj, *args, **kwargs)
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                if mark is None:
                    return __obj(*args, **kwargs)
                if (
                    mark is macro
                    and direct_macros
                    and not kwargs
                    and len(args) == __obj._argument_count
                    and not (__obj.caller or __obj.catch_kwargs or __obj.catch_varargs)
                ):
                    made = __obj._func(*args)
                    return Markup(made) if __self.eval_ctx.autoescape else made
                # A macro's own call is marked pass_eval_context too: it escapes as its caller does.
                return __obj(__self.eval_ctx, *args, **kwargs)
            except StopIteration:
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception"
                )

    return TemplateContext


def _printable(eval_ctx: Any, value: Any) -> Any:
    # Markup is what a macro or block built: each value in it was made
    # printable as it was printed, so it is not scanned again.
    if type(value) is str:
        return isolated(value) if eval_ctx.autoescape else printable(value)
    if isinstance(value, SourceText):
        # Plan text the catalog does not translate: in a page, marked with its
        # own language so that a screen reader switches voice.
        return own_html(value) if eval_ctx.autoescape else printable(str(value))
    return value


def own_html(value: str) -> Any:
    """Text for a page: plan text shown untranslated (`SourceText`) in a span with its language."""
    if isinstance(value, SourceText):
        from markupsafe import Markup, escape

        # What Markup('<span lang="{}">{}</span>').format(...) gives, for a third of its cost
        # (a page in another language than its plan's holds tens of thousands).
        return Markup(f'<span lang="{escape(value.lang)}">{escape(isolated(str(value)))}</span>')
    return isolated(value)


def _template_position(exc: BaseException) -> tuple[str, int | None]:
    """The template file and line an exception was raised from: Jinja's own say so, any other is read off its
    traceback (its ``name``, which Python gives an AttributeError or an ImportError, is no template's)."""
    import jinja2

    if isinstance(exc, jinja2.TemplateError):
        name = getattr(exc, "filename", None) or getattr(exc, "name", None)
        if name:
            return str(name), getattr(exc, "lineno", None)
    tb = exc.__traceback__
    found: tuple[str, int | None] = ("template", None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_template_pieces(name: str, template_dir: Path | None, **context: Any) -> Iterator[str]:
    """Render one template piece by piece (Jinja's ``generate``), for writing as it renders.

    A missing or unreadable template fails here, before any piece; whatever
    the template raises later fails the iteration, as `TemplateError` (or
    `PathError`) naming file and line.
    """
    if template_dir is not None and not template_dir.is_dir():
        raise PathError(f"{template_dir}: template folder not found")
    if template_dir is not None and not os.access(template_dir, os.R_OK | os.X_OK):
        # Jinja would take each of its templates for missing, and the bundled ones would be used instead.
        raise PathError(f"{template_dir}: cannot read the template folder: Permission denied")
    env = environment(template_dir, i18n.current())
    context.setdefault("lang", i18n.current())
    try:
        template = env.get_template(name)
    except Exception as exc:
        raise _template_problem(exc, env, name) from None
    return _guarded(template.generate(**context), env, name)


def _guarded(pieces: Iterator[str], env: Any, name: str) -> Iterator[str]:
    # Jinja yields a piece per text or value printed (280,000 for a
    # 1,500-meeting page); they go on joined by the thousand, so what writes
    # them is called a few hundred times, not once a piece.
    while True:
        try:
            batch = list(islice(pieces, 1000))
        except Exception as exc:
            raise _template_problem(exc, env, name) from None
        if not batch:
            return
        yield "".join(batch)


def _template_problem(exc: Exception, env: Any, name: str) -> WorkplanError:
    """What a template's exception means to the user: `PathError` for a missing template, else `TemplateError`."""
    import jinja2

    if isinstance(exc, WorkplanError):  # a template file that cannot be read (`_loader_class`)
        return exc
    if isinstance(exc, jinja2.TemplateNotFound):
        return PathError(f"template {exc.name!r} not found in {', '.join(env.loader.searchpath)}")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = exc.filename or exc.name or name
        return TemplateError(f"{where}:{exc.lineno}: template syntax error: {exc.message}")
    if isinstance(exc, jinja2.UndefinedError):
        where, line = _template_position(exc)
        return TemplateError(f"{where}:{line or '?'}: undefined in template: {exc.message}")
    if isinstance(exc, RecursionError):
        where, line = _template_position(exc)
        return TemplateError(f"{where}:{line or '?'}: the template includes, extends or calls itself without end")
    # A template is a program of its own: whatever it raises is its error.
    where, line = _template_position(exc)
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return TemplateError(f"{where}:{line or '?'}: template error: {message}")
