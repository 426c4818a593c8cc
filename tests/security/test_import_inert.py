"""An import reads data and nothing else: nothing in the file is opened, fetched, run or followed.

Paths, URLs, ``$ref``s and code-like strings in an export are inert text: either the file is
refused, or they are stored exactly as written. Audit hooks prove that validating such a file
opens no file but the bundled JSON Schema, touches no socket and starts nothing.
"""

from __future__ import annotations

import copy
from pathlib import Path

import orjson
import pytest

import tui.exchange
from tests.security.conftest import audit_events
from tests.soak.soak_runs import base_export
from tui.exchange.json_export import export_schema
from tui.exchange.json_import import ImportRefused, parse_import_bytes

HOSTILE = (
    "/etc/passwd",
    "../../../../etc/shadow",
    "file:///etc/passwd",
    "http://example.invalid/payload.json",
    "__import__('os').system('touch /tmp/taper-pwned')",
    "${HOME} $(id) `id`",
    "{{ 7*7 }}",
)
PACKAGE = Path(tui.exchange.__file__).parent

FORBIDDEN_EVENTS = (
    "socket.",
    "urllib.",
    "http.",
    "subprocess.",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "exec",
    "compile",
    "import",
    "ctypes.",
    "pickle.",
    "shutil.",
)


def check_inert(raw: bytes):
    """Parse ``raw`` as an import while recording audit events; return the document or ``None``."""
    with audit_events() as events:
        try:
            document = parse_import_bytes(raw)
        except ImportRefused:
            document = None
    for name, args in events:
        if name == "open":
            opened = Path(str(args[0])) if args and isinstance(args[0], (str, Path)) else None
            assert opened is not None and PACKAGE in opened.parents, f"the import opened {args!r}"
        else:
            assert not name.startswith(FORBIDDEN_EVENTS), f"the import raised the audit event {name} {args!r}"
    return document


def test_paths_urls_and_code_in_notes_are_stored_as_plain_text() -> None:
    document = base_export()
    for entry, text in zip(document["entries"], HOSTILE, strict=False):
        entry["note"] = text
    parsed = check_inert(orjson.dumps(document))
    assert parsed is not None
    notes = {entry.note for entry in parsed.entries}
    assert set(HOSTILE) <= notes
    assert not Path("/tmp/taper-pwned").exists()


@pytest.mark.parametrize("where", ["root", "entry", "plan", "settings", "event"])
@pytest.mark.parametrize(
    "value",
    [
        {"$ref": "http://example.invalid/schema.json"},
        {"$ref": "file:///etc/passwd"},
        {"$schema": "http://example.invalid/s", "$id": "http://example.invalid/id"},
        "/etc/passwd",
        "../x",
        "__import__('os')",
    ],
)
def test_refs_and_paths_anywhere_are_refused_or_kept_inert(where: str, value) -> None:
    document = copy.deepcopy(base_export())
    target = {
        "root": document,
        "entry": document["entries"][0],
        "plan": document["plan"],
        "settings": document["settings"],
        "event": document["events"][0],
    }[where]
    key = "$ref" if isinstance(value, str) else "extra"
    target[key] = value
    check_inert(orjson.dumps(document))
    if isinstance(value, dict):
        target.pop(key)
        target.update(value)
        check_inert(orjson.dumps(document))


def test_the_schema_refers_only_to_itself() -> None:
    # jsonschema resolves a remote $ref only if the schema names one: ours names none.
    refs = []

    def walk(node) -> None:
        if isinstance(node, dict):
            refs.extend(v for k, v in node.items() if k in ("$ref", "$dynamicRef"))
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(export_schema())
    assert refs and all(ref.startswith("#") for ref in refs)


def test_very_deep_nesting_is_refused_before_anything_is_written() -> None:
    document = base_export()
    document["events"][0]["detail"] = "@deep@"
    # Written as text: orjson itself refuses to write (and the store to save) 254+ levels.
    raw = orjson.dumps(document).replace(b'"@deep@"', b"[" * 300 + b"]" * 300)
    with pytest.raises(ImportRefused, match="levels deep"):
        parse_import_bytes(raw)


def test_a_plan_field_the_model_cannot_read_is_refused_not_a_crash() -> None:
    document = base_export()
    document["plan"]["dose_before_mg"] = "${HOME}"
    with pytest.raises(ImportRefused, match="plan"):
        parse_import_bytes(orjson.dumps(document))


def test_nesting_the_fast_reader_allows_is_refused_before_the_key_check_reads_it():
    """The duplicate-key check reads the file a second time; deep nesting must never reach it."""
    raw = b'{"format": "taper-tui", "schema_version": 1, "x": ' + b"[" * 1000 + b"]" * 1000 + b"}"
    with pytest.raises(ImportRefused, match="levels deep"):
        parse_import_bytes(raw)
    assert check_inert(raw) is None


def test_a_key_written_twice_is_refused_not_resolved():
    """Two values for one key: neither is chosen for the person; the file is refused."""
    data = base_export()
    raw = orjson.dumps(data).replace(b'"settings":', b'"settings":{"drug":"/etc/passwd"},"settings":', 1)
    assert check_inert(raw) is None
