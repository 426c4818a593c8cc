"""The summary a person hands their prescriber: Markdown, plain text (80 columns) or HTML.

Split along its seam: :mod:`.build` works out every figure and word as plain data (a
:class:`~.model.Report`), :mod:`.render` lays that data out in each format. Callers import
both halves from here.
"""

from tui.exchange.report.build import HEALTH_DATA_NOTICE, build_report
from tui.exchange.report.figures import MAX_LISTED
from tui.exchange.report.journal_sections import question_lines
from tui.exchange.report.model import Bullets, Preformatted, Report, Section, Table
from tui.exchange.report.render import render_html, render_markdown, render_text

__all__ = [
    "HEALTH_DATA_NOTICE",
    "MAX_LISTED",
    "Bullets",
    "Preformatted",
    "Report",
    "Section",
    "Table",
    "build_report",
    "question_lines",
    "render_html",
    "render_markdown",
    "render_text",
]
