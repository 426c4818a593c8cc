"""The prescriber report rendered: Markdown, plain text (80 columns) or one HTML page.

Rendering only: every word and figure comes from :mod:`tui.exchange.report.build`, as plain
text. Much of it came from the person or from a file (notes and questions, the drug as typed,
symptom names, plan-change reasons), so each renderer treats *every* piece of text as data and
neutralises it for its medium, the report's own words included (they pass unchanged):

* all three formats first show every control character a terminal would obey (ESC sequences,
  C0/C1 controls, DEL, bidi overrides) as a visible escape (:func:`~tui.core.terminal_text.terminal_safe`):
  the text report is printed to terminals, and a Markdown or HTML file is ``cat`` too;
* Markdown then escapes what CommonMark or GitHub would act on — raw HTML and autolinks
  (``<`` becomes ``&lt;``, so no tag is even spelled out in the file), images and links (``[``,
  ``]``: without them ``![`` is just text), code, emphasis and tables (`````, ``*``, ``_``,
  ``~``, ``|``), entities (``&``), bare-URL autolinks (``://``, ``www.``) and, where text starts
  a block, a heading, quote or list marker — so a note reads literally and nothing is fetched
  when the file is previewed;
* HTML escapes with :func:`html.escape`, loads nothing (no remote image, stylesheet or font) and
  says so in a Content-Security-Policy that forbids every fetch and script.
"""

from __future__ import annotations

import html
import re
import textwrap

from tui.core.terminal_text import terminal_safe, terminal_safe_line
from tui.exchange.report.model import Bullets, Preformatted, Report, Table

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
"""The HTML page may use its own inline style and nothing else: no script, image, font or frame."""

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~&])")
_MD_AUTOLINK = re.compile(r"(?<=[A-Za-z]):(?=//)|(?<=\b[wW]{3})\.")
_MD_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)](?=\s|$))")


def _md_inline(text: str) -> str:
    """``text`` as Markdown that shows it literally on one line (see the module docstring)."""
    safe = terminal_safe(text).replace("\n", " ")
    safe = _MD_SPECIAL.sub(r"\\\1", safe).replace("<", "&lt;")
    return _MD_AUTOLINK.sub(lambda m: "\\" + m.group(), safe)


def _md_block(text: str) -> str:
    """Like :func:`_md_inline`, for text that starts a block (a paragraph, a list item): a
    leading ``#``, ``>``, ``-``, ``+``, ``=`` or ``1.`` would make a heading, quote or list."""
    return _MD_BLOCK_START.sub(
        lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], _md_inline(text), count=1
    )


def _fence(lines: tuple[str, ...]) -> str:
    """A code fence longer than any run of backticks in ``lines``, so none can close it early."""
    longest = max((len(run) for line in lines for run in re.findall("`+", line)), default=0)
    return "`" * max(3, longest + 1)


def render_markdown(report: Report) -> str:
    """The report as Markdown (GitHub-flavoured tables)."""
    out = [f"# {_md_inline(report.title)}", ""]
    out += [f"**{_md_inline(report.preamble[0])}**", ""] + [_md_block(line) for line in report.preamble[1:]] + [""]
    for section in report.sections:
        out += [f"## {_md_inline(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, str):
                out += [_md_block(block), ""]
            elif isinstance(block, Bullets):
                out += [f"- {_md_block(item)}" for item in block.items] + [""]
            elif isinstance(block, Preformatted):
                lines = tuple(terminal_safe_line(line) for line in block.lines)
                out += [_fence(lines), *lines, _fence(lines), ""]
            else:
                if not any(block.headers):  # a two-column fact list: bold labels read better
                    out += [f"- **{_md_inline(label)}:** {_md_inline(value)}" for label, value in block.rows] + [""]
                    continue
                out.append("| " + " | ".join(_md_inline(h) for h in block.headers) + " |")
                out.append(
                    "|" + "|".join("---:" if i in block.numeric else "---" for i in range(len(block.headers))) + "|"
                )
                out += ["| " + " | ".join(_md_inline(c) for c in row) + " |" for row in block.rows] + [""]
    return "\n".join(out).rstrip() + "\n"


def _text_table(table: Table, width: int) -> list[str]:
    table = Table(
        tuple(terminal_safe_line(h) for h in table.headers),
        tuple(tuple(terminal_safe_line(c) for c in row) for row in table.rows),
        table.numeric,
    )
    columns = len(table.headers)
    widths = [max(len(str(r[i])) for r in (table.headers, *table.rows)) for i in range(columns)]
    # The last column takes what is left and wraps, so the table never passes ``width``.
    widths[-1] = max(10, min(widths[-1], width - sum(widths[:-1]) - 2 * (columns - 1)))
    lines = []
    rows = table.rows if not any(table.headers) else (table.headers, *table.rows)
    for row in rows:
        wrapped_last = textwrap.wrap(str(row[-1]), widths[-1]) or [""]
        cells = [
            str(c).rjust(widths[i]) if i in table.numeric else str(c).ljust(widths[i]) for i, c in enumerate(row[:-1])
        ]
        lines.append("  ".join([*cells, wrapped_last[0]]).rstrip())
        indent = sum(widths[:-1]) + 2 * (columns - 1)
        lines += [" " * indent + more for more in wrapped_last[1:]]
        if row is table.headers:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def render_text(report: Report, width: int = 80) -> str:
    """The report as plain text no wider than ``width`` columns, safe to print to a terminal."""
    title = terminal_safe_line(report.title)
    # Upper-case before escaping: an upper-cased escape (\X1B) would no longer read as one.
    out = [terminal_safe_line(report.title.upper()) if len(title) <= width else title, ""]
    for line in report.preamble:
        out += textwrap.wrap(terminal_safe(line), width)
    for section in report.sections:
        heading = terminal_safe_line(section.title)
        out += ["", heading, "=" * min(width, len(heading))]
        for block in section.blocks:
            if isinstance(block, str):
                out += textwrap.wrap(terminal_safe(block), width)
            elif isinstance(block, Bullets):
                for item in block.items:
                    out += textwrap.wrap(terminal_safe(item), width, initial_indent="- ", subsequent_indent="  ")
            elif isinstance(block, Preformatted):
                out += [terminal_safe_line(line)[:width] for line in block.lines]
            else:
                out += _text_table(block, width)
    return "\n".join(out).rstrip() + "\n"


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (no scripts, no external files, nothing fetched)."""

    def e(text: str) -> str:
        return html.escape(terminal_safe(text))

    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(CONTENT_SECURITY_POLICY)}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{e(report.title)}</title>",
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:2px 6px}td.n{text-align:right}</style></head><body>",
        f"<h1>{e(report.title)}</h1>",
        f"<p><strong>{e(report.preamble[0])}</strong></p>",
    ]
    out += [f"<p>{e(line)}</p>" for line in report.preamble[1:]]
    for section in report.sections:
        out.append(f"<h2>{e(section.title)}</h2>")
        for block in section.blocks:
            if isinstance(block, str):
                out.append(f"<p>{e(block)}</p>")
            elif isinstance(block, Bullets):
                out.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in block.items) + "</ul>")
            elif isinstance(block, Preformatted):
                out.append("<pre>" + e("\n".join(block.lines)) + "</pre>")
            else:
                out.append("<table>")
                if any(block.headers):
                    out.append("<tr>" + "".join(f"<th>{e(h)}</th>" for h in block.headers) + "</tr>")
                for row in block.rows:
                    cells = "".join(
                        f'<td class="n">{e(c)}</td>' if i in block.numeric else f"<td>{e(c)}</td>"
                        for i, c in enumerate(row)
                    )
                    out.append(f"<tr>{cells}</tr>")
                out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
