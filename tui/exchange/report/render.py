"""The prescriber report rendered: Markdown, plain text (80 columns) or one HTML page.

Rendering only: every word and figure comes from :mod:`tui.exchange.report.build`. Text from
the person (notes, symptom names) is data: escaped for Markdown tables and HTML, never markup.
"""

from __future__ import annotations

import html
import textwrap

from tui.exchange.report.model import Bullets, Preformatted, Report, Table


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
    """The report as Markdown (GitHub-flavoured tables)."""
    out = [f"# {report.title}", ""]
    out += [f"**{report.preamble[0]}**", ""] + [line for line in report.preamble[1:]] + [""]
    for section in report.sections:
        out += [f"## {section.title}", ""]
        for block in section.blocks:
            if isinstance(block, str):
                out += [block, ""]
            elif isinstance(block, Bullets):
                out += [f"- {_md_cell(item)}" for item in block.items] + [""]
            elif isinstance(block, Preformatted):
                out += ["```", *block.lines, "```", ""]
            else:
                if not any(block.headers):  # a two-column fact list: bold labels read better
                    out += [f"- **{label}:** {_md_cell(value)}" for label, value in block.rows] + [""]
                    continue
                out.append("| " + " | ".join(block.headers) + " |")
                out.append(
                    "|" + "|".join("---:" if i in block.numeric else "---" for i in range(len(block.headers))) + "|"
                )
                out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows] + [""]
    return "\n".join(out).rstrip() + "\n"


def _text_table(table: Table, width: int) -> list[str]:
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
    """The report as plain text no wider than ``width`` columns."""
    out = [report.title.upper() if len(report.title) <= width else report.title, ""]
    for line in report.preamble:
        out += textwrap.wrap(line, width)
    for section in report.sections:
        out += ["", section.title, "=" * min(width, len(section.title))]
        for block in section.blocks:
            if isinstance(block, str):
                out += textwrap.wrap(block, width)
            elif isinstance(block, Bullets):
                for item in block.items:
                    out += textwrap.wrap(item, width, initial_indent="- ", subsequent_indent="  ")
            elif isinstance(block, Preformatted):
                out += [line[:width] for line in block.lines]
            else:
                out += _text_table(block, width)
    return "\n".join(out).rstrip() + "\n"


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (no scripts, no external files)."""
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
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
