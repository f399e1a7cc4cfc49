"""The exported schemas as an editor sees them: the real YAML language server over real plans.

`yaml-language-server` is what VS Code's YAML extension and Neovim run.  These
tests start it (from `.ci/node`, where `.ci/run` installs the pinned version,
or from $WORKPLAN_YAML_LANGUAGE_SERVER), speak the Language Server Protocol
to it over stdio, open the bundled plans and broken copies of them, and
check the diagnostics it publishes, its hover text and its completions.
They are in the clients tier (`pytest --all` runs them); without Node or the
server they are skipped, or fail under WORKPLAN_REQUIRE_CLIENTS=1.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import clients
from conftest import DATA, ROOT, line_of
from workplan_cli.loader import load_plan

pytestmark = pytest.mark.clients

SERVER_PACKAGE = ROOT / ".ci" / "node" / "node_modules" / "yaml-language-server"
TIMEOUT = 60
LABEL_TYPE_MESSAGE = (
    "expected a paragraph label such as '38' or '47.b'; "
    "write a label with a dot in quotes (e.g. '86.10') so it is not read as a number"
)


def _server_command() -> list[str]:
    __tracebackhide__ = True
    node = clients.node()
    override = os.environ.get("WORKPLAN_YAML_LANGUAGE_SERVER")
    script = Path(override) if override else SERVER_PACKAGE / "bin" / "yaml-language-server"
    clients.require_client(
        f"yaml-language-server at {script}" if override else "yaml-language-server in .ci/node",
        script.is_file(),
        f"npm install --no-save --prefix .ci/node yaml-language-server@{_pinned_version()}",
    )
    return [node, str(script), "--stdio"]


def _pinned_version() -> str:
    match = re.search(r"yaml-language-server@(\S+)", (ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert match, ".ci/run does not install yaml-language-server"
    return match.group(1)


class LanguageServer:
    """A minimal LSP client: Content-Length framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self, command: list[str], settings: dict[str, Any]) -> None:
        self.settings = settings
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.next_id = 0
        # Diagnostics can arrive while we wait for something else; keep every one.
        self.published: dict[str, list[list[dict[str, Any]]]] = {}
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            assert length is not None, "a message without Content-Length"
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        number = self.next_id
        self._send({"id": number, "method": method, "params": params})
        reply = self._wait(lambda m: m.get("id") == number and "method" not in m)
        assert "error" not in reply, reply
        return reply["result"]

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        """The next diagnostics the server publishes for ``uri``."""
        self.published.pop(uri, None)
        self._wait(lambda m: bool(self.published.get(uri)))
        return self.published[uri][0]

    def _wait(self, done: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                message = self.messages.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no answer from yaml-language-server within {TIMEOUT} s") from None
            if message is None:
                raise AssertionError(f"yaml-language-server exited: {self._stderr()}")
            if message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self.published.setdefault(params["uri"], []).append(params["diagnostics"])
            elif "method" in message and "id" in message:
                self._answer(message)
            if done(message):
                return message

    def _answer(self, message: dict[str, Any]) -> None:
        # The server asks for its settings and registers capabilities; answer every request.
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [self.settings.get(item.get("section", ""), None) for item in message["params"]["items"]]
        self._send({"id": message["id"], "result": result})

    def _stderr(self) -> str:
        assert self.process.stderr is not None
        return self.process.stderr.read().decode("utf-8", "replace")

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageServer]:
    settings = {
        "yaml": {
            "validate": True,
            "hover": True,
            "completion": True,
            # Only the modelines say which schema applies: no catalogue from the network.
            "schemaStore": {"enable": False},
        }
    }
    client = LanguageServer(_server_command(), settings)
    try:
        client.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": ROOT.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown"]},
                        "completion": {"completionItem": {"snippetSupport": True}},
                    },
                },
            },
        )
        client.notify("initialized", {})
        client.notify("workspace/didChangeConfiguration", {"settings": settings})
        yield client
    finally:
        client.close()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder laid out like this repository: schemas/ beside data/, so the plans' modelines resolve."""
    root = tmp_path_factory.mktemp("editor")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    (root / "data").mkdir()
    return root


_versions = iter(range(1, 1_000_000))


def open_document(server: LanguageServer, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8") if text is None else text
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": next(_versions), "text": text}},
    )
    return uri


def problems(server: LanguageServer, path: Path) -> list[tuple[int, int, str]]:
    """The server's diagnostics for ``path`` as (line, column, message), 1-based like the CLI's."""
    uri = open_document(server, path)
    found = server.diagnostics(uri)
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return sorted((d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1, d["message"]) for d in found)


CSH = (DATA / "csh-2022-2023.yaml").read_text(encoding="utf-8")
CICTE = (DATA / "cicte-2022-2023.yaml").read_text(encoding="utf-8")


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


# --- the bundled plans ----------------------------------------------------------


@pytest.mark.parametrize("name", ["csh-2022-2023.yaml", "cicte-2022-2023.yaml"])
def test_language_server_accepts_bundled_plans(server, name):
    path = DATA / name
    uri = open_document(server, path)
    assert server.diagnostics(uri) == []
    # The modeline did bring the schema in: hovering `kind` shows its description and source.
    kind = "committee-plan" if name.startswith("csh") else "program-plan"
    line = line_of(path.read_text(encoding="utf-8"), "\nkind: ")
    hover = server.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": 1}}
    )
    schema_uri = (ROOT / "schemas" / f"{kind}.schema.json").as_uri()
    assert (
        hover["contents"]["value"]
        == f"#### Kind\n\nThe kind of plan file.\n\nSource: [{kind}.schema.json]({schema_uri})"
    )
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})


# --- broken copies: what the editor says, and what the CLI says -----------------------

# (case, plan text, the edit, needle locating the line, editor's diagnostics as
# (line, column, message), the CLI's as (line, column, code, message)); a line
# of HERE is the needle's line in the edited plan.
HERE = 0
TIME = "not a valid time; write it as HH:MM in 24-hour form, like '14:30'"
ID = "not a valid id: use lowercase letters, digits, '-' and '.', starting with a letter or digit (e.g. 'meeting-5')"
CASES = [
    (
        "unknown-key",
        CSH,
        ("  acronym: CSH\n", "  acronym: CSH\n  acronim: CSH\n"),
        "  acronim:",
        [(HERE, 3, "Property acronim is not allowed.")],
        [(HERE, 3, "WP011", "unknown key 'acronim' in committee; did you mean 'acronym'?")],
    ),
    (
        "wrong-enum",
        CSH,
        # A meeting's kind is an open vocabulary (lint's WP108); its status is not.
        ("    within: meeting-2\n", "    within: meeting-2\n    status: postponned\n"),
        "    status: postponned",
        [
            (
                HERE,
                13,
                'Value is not accepted. Valid values: "scheduled", "postponed", "cancelled", "held".',
            )
        ],
        [
            (
                HERE,
                13,
                "WP015",
                "meetings[2].status: input should be 'scheduled', 'postponed', 'cancelled' or 'held'",
            )
        ],
    ),
    (
        "time-25-99",
        CSH,
        ('start_time: "10:00"', 'start_time: "25:99"'),
        '"25:99"',
        [(HERE, 17, TIME)],
        [(HERE, 17, "WP014", f"meetings[0].start_time: '25:99' is {TIME}")],
    ),
    (
        "time-24-00",
        CSH,
        ('end_time: "13:00"', 'end_time: "24:00"'),
        '"24:00"',
        [(HERE, 15, TIME)],
        [(HERE, 15, "WP014", f"meetings[0].end_time: '24:00' is {TIME}")],
    ),
    (
        "time-as-number",
        CSH,
        ('start_time: "10:00"', "start_time: 1000"),
        "start_time: 1000",
        [(HERE, 17, "expected a time like '14:30' (in quotes)")],
        [(HERE, 17, "WP014", "meetings[0].start_time: expected a time like '14:30' (in quotes), got int 1000")],
    ),
    ("time-one-digit-hour", CSH, ('start_time: "10:00"', 'start_time: "9:30"'), '"9:30"', [], []),
    (
        "date-not-on-calendar",
        CSH,
        ("adopted: 2022-12-15", "adopted: 2023-02-29"),
        "adopted:",
        [(HERE, 10, "not a valid date; write it as YYYY-MM-DD, like 2023-03-16")],
        [(HERE, 10, "WP013", "adopted: '2023-02-29' is not a valid date; write it as YYYY-MM-DD, like 2023-03-16")],
    ),
    ("date-leap-day", CSH, ("adopted: 2022-12-15", "adopted: 2024-02-29"), "adopted:", [], []),
    (
        "bad-id",
        CSH,
        ("  - id: meeting-5\n", "  - id: Meeting_5\n"),
        "Meeting_5",
        [(HERE, 9, ID)],
        [(HERE, 9, "WP015", f"meetings[7].id: 'Meeting_5' is {ID}")],
    ),
    (
        "bad-id-reference",
        CSH,
        ("within: meeting-2", "within: Meeting-2"),
        "within: Meeting-2",
        [(HERE, 13, ID)],
        [(HERE, 13, "WP015", f"meetings[2].within: 'Meeting-2' is {ID}")],
    ),
    (
        "optional-left-empty",
        CSH,
        ("    within: meeting-2\n", "    within:\n    heading:\n"),
        "    within:",
        [],
        [],
    ),
    (
        "float-paragraph-label",
        CSH,
        ('label: "38"', "label: 86.10"),
        "label: 86.10",
        [(HERE, 16, LABEL_TYPE_MESSAGE)],
        [
            (
                HERE,
                16,
                "WP015",
                "resolutions[0].paragraphs[23].label: write the paragraph label 86.1 in quotes (e.g. '86.10') "
                "so it is not read as a number",
            )
        ],
    ),
    (
        "boolean-paragraph-reference",
        CSH,
        ('paragraphs: ["39", "40"]', 'paragraphs: ["39", true]'),
        'paragraphs: ["39", true]',
        [(HERE, 36, LABEL_TYPE_MESSAGE)],
        [
            (
                HERE,
                36,
                "WP015",
                "meetings[7].agenda[0].topics[0].items[0].paragraphs[1]: "
                "expected a paragraph label such as '38' or '47.b', got True",
            )
        ],
    ),
    ("bare-integer-label", CSH, ('label: "38"', "label: 38"), "label: 38", [], []),
    (
        "missing-required-key",
        CSH,
        ("id: csh-2022-2023\n", ""),
        "kind: committee-plan",
        # The editor marks the mapping's first key; the CLI, the file's first line.
        [(HERE, 1, 'Missing property "id".')],
        [(1, 1, "WP010", "missing required key 'id' at the top level")],
    ),
    (
        "program-plan-unknown-key",
        CICTE,
        ("  acronym: CICTE\n", "  acronym: CICTE\n  acronim: CICTE\n"),
        "  acronim:",
        [(HERE, 3, "Property acronim is not allowed.")],
        [(HERE, 3, "WP011", "unknown key 'acronim' in organization; did you mean 'acronym'?")],
    ),
]


@pytest.mark.parametrize(("case", "plan", "edit", "needle", "editor", "cli"), CASES, ids=[c[0] for c in CASES])
def test_language_server_flags_what_the_cli_flags(server, workspace, case, plan, edit, needle, editor, cli):
    text = plan.replace(*edit, 1)
    assert text != plan, f"{case}: the edit found nothing to change"
    path = workspace / "data" / f"{case}.yaml"
    path.write_text(text, encoding="utf-8")
    here = line_of(text, needle)
    assert problems(server, path) == [(line or here, column, message) for line, column, message in editor]
    found = [(d.line, d.column, d.code, d.message) for d in load_plan(path).diagnostics]
    assert found == [(line or here, column, code, message) for line, column, code, message in cli]


# --- hover and completion ---------------------------------------------------------


def _schema_descriptions(kind: str) -> set[str]:
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    found = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("description"), str):
                found.add(node["description"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return found


KEY = re.compile(r"^(?P<indent>[ -]*)(?P<key>[a-z_]+):(?: |$)")


@pytest.mark.parametrize(
    ("name", "kind"), [("csh-2022-2023.yaml", "committee-plan"), ("cicte-2022-2023.yaml", "program-plan")]
)
def test_language_server_hover_shows_each_key_once(server, name, kind):
    """Every key of the bundled plans hovers as one title and one description of the schema, never "A || B"."""
    path = DATA / name
    uri = open_document(server, path)
    server.diagnostics(uri)
    descriptions = _schema_descriptions(kind)
    source = f"Source: [{kind}.schema.json]({(ROOT / 'schemas' / f'{kind}.schema.json').as_uri()})"
    shown = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        match = KEY.match(line)
        if not match:
            continue
        # Inside the key: at its first character the end of a block scalar above may be hit.
        position = {"line": number, "character": len(match["indent"]) + 1}
        hover = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
        assert hover is not None, f"{name}:{number + 1}: no hover on {match['key']!r}"
        text = hover["contents"]["value"]
        title, description, *_ = text.split("\n\n")
        description = re.sub(r"\\(.)", r"\1", description)  # the server escapes Markdown
        assert "||" not in text, f"{name}:{number + 1}: {text!r}"
        assert title.startswith("#### "), f"{name}:{number + 1}: {text!r}"
        assert description in descriptions, f"{name}:{number + 1}: {text!r}"
        assert text.endswith(source)
        shown[match["key"]] = (title, description)
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    if kind == "committee-plan":
        # The fields that used to hover as "Title || Title" or with the slug's description.
        assert shown["title"] != shown["within"]
        assert shown["within"] == (
            "#### Within",
            "Id of the meeting this one is held within (same day, inside its hours).",
        )
        assert shown["area"] == ("#### Area", "Id of the thematic area, if the section has one.")
        assert shown["committee"] == ("#### Committee", "The committee whose plan this is.")


def test_language_server_completion_inserts_no_null(server, workspace):
    # A blank line inside an informal meeting that has no number, heading, status, summary, agenda or footnotes.
    anchor = '    end_time: "13:00"\n    within: meeting-2\n'
    text = CSH.replace(anchor, anchor + "    \n", 1)
    path = workspace / "data" / "completion.yaml"
    path.write_text(text, encoding="utf-8")
    uri = open_document(server, path)
    server.diagnostics(uri)
    line = line_of(text, anchor) + 1
    result = server.request(
        "textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line, "character": 4}}
    )
    items = result["items"] if isinstance(result, dict) else result
    assert [(item["label"], item["insertText"], item["documentation"]) for item in items] == [
        ("number", "number: ${1:0}", "The regular meeting's number, if it has one."),
        ("heading", "heading: ", "The heading as printed, when it is not the usual 'NTH MEETING'."),
        (
            "end_date",
            "end_date: ${1:2023-03-16}",
            "Its last day, for a meeting of several days (held at the same hours each day).",
        ),
        (
            "status",
            "status: ",
            "Whether it still takes place: scheduled (the default when absent), postponed (to a date not yet known), "
            "cancelled, or held.",
        ),
        (
            "status_note",
            "status_note: ",
            "Why or how the status changed, e.g. 'Postponed at the request of the Chair'.",
        ),
        (
            "summary",
            "summary: ",
            "The line the summary of meetings gives it, where it differs from the meeting's title "
            "(default: the title, or what sort of meeting it is).",
        ),
        (
            "documents",
            "documents: []",
            "Symbols of the meeting's own documents, as cited: its order of business and others.",
        ),
        ("links", "links: []", "Web addresses of the meeting, e.g. its audio recording."),
        ("agenda", "agenda: []", "The order of business, by section."),
        ("footnotes", "footnotes: []", "Footnotes on the meeting."),
    ]


def test_language_server_is_the_pinned_version():
    script = Path(_server_command()[1])
    installed = json.loads((script.resolve().parent.parent / "package.json").read_text(encoding="utf-8"))
    assert (installed["name"], installed["version"]) == ("yaml-language-server", _pinned_version())
