"""Reading a JSON export back in: validate everything, then work out what an import would change.

Three steps, each a module usable on its own (the CLI and the app share them):

1. :mod:`.validate` — :func:`read_import_file` / :func:`parse_import_bytes` check the whole file
   and return an :class:`ImportDocument`, or refuse it with :class:`ImportRefused`.
2. :mod:`.preview` — :func:`plan_import` works out the complete new content and a readable
   change set (:class:`ImportPlan`) without writing anything.
3. :mod:`.apply` — :func:`apply_import` writes the planned content through any
   :class:`ImportTarget` (the journal) in one atomic save, with an ``import`` event.
"""

from tui.exchange.json_import.apply import IMPORT_EVENT_KIND, ImportTarget, apply_import, import_event
from tui.exchange.json_import.preview import ImportMode, ImportPlan, plan_import
from tui.exchange.json_import.validate import (
    MAX_IMPORT_BYTES,
    MAX_NAMED_PROBLEMS,
    MAX_NESTING,
    ImportDocument,
    ImportRefused,
    parse_import_bytes,
    read_import_file,
    validate_import_data,
)

__all__ = [
    "IMPORT_EVENT_KIND",
    "MAX_IMPORT_BYTES",
    "MAX_NAMED_PROBLEMS",
    "MAX_NESTING",
    "ImportDocument",
    "ImportMode",
    "ImportPlan",
    "ImportRefused",
    "ImportTarget",
    "apply_import",
    "import_event",
    "parse_import_bytes",
    "plan_import",
    "read_import_file",
    "validate_import_data",
]
