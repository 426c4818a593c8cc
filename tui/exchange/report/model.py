"""The prescriber report as a document: sections of text, tables, bullets and preformatted lines.

Built once by :mod:`tui.exchange.report.build` and rendered by :mod:`tui.exchange.report.render`,
so Markdown, plain text and HTML always say the same thing. Plain data only: no figures are
worked out here and nothing is formatted for a medium.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    """Rows of cells under a header; ``numeric`` columns are right-aligned in plain text."""

    headers: tuple[str, ...]
    """Column titles (all empty for a two-column list of facts)."""
    rows: tuple[tuple[str, ...], ...]
    """The cells, already worded."""
    numeric: frozenset[int] = frozenset()
    """Indexes of the columns that hold numbers."""


@dataclass(frozen=True)
class Preformatted:
    """Lines shown as they are (the text chart)."""

    lines: tuple[str, ...]
    """The lines, each at most 80 characters."""


@dataclass(frozen=True)
class Bullets:
    """A list of short items."""

    items: tuple[str, ...]
    """The items, in order."""


Block = str | Table | Preformatted | Bullets
"""A paragraph (a plain string) or one of the block types above."""


@dataclass(frozen=True)
class Section:
    """A titled part of the report."""

    title: str
    """The heading."""
    blocks: tuple[Block, ...]
    """Its content, in order."""


@dataclass(frozen=True)
class Report:
    """The whole summary as data: a title, lines under it, and sections in order."""

    title: str
    """The document title (names the drug when known)."""
    preamble: tuple[str, ...]
    """The health-data notice first, then when and from what it was prepared."""
    sections: tuple[Section, ...] = field(default=())
    """The sections, in reading order."""
