"""Choosing the region whose crisis lines are shown (Help, the crisis panel, onboarding's default).

The choices are :func:`tui.core.crisis_lines.region_choices` (the regions with checked lines,
then "my own lines"); the dialog returns the region code, or ``None`` when cancelled, and
changes nothing itself: the caller stores it through the session.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.core.crisis_lines import region_choices
from tui.ui.screens.dialog import Dialog


class RegionDialog(Dialog[str]):
    """A list of regions; Enter picks the highlighted one, Escape keeps the current one."""

    DEFAULT_CSS = """
    RegionDialog > Vertical { width: 50; }
    RegionDialog OptionList { height: auto; max-height: 10; }
    """

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current.upper()
        """The region stored now (highlighted when the dialog opens)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Crisis lines for which region?", classes="title")
            yield OptionList(
                *(Option(f"{name} ({code})" if code != "OWN" else name, id=code) for code, name in region_choices()),
                id="regions",
            )
            yield Static("enter: choose · esc: keep the current region", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        options = self.query_one("#regions", OptionList)
        codes = [code for code, _name in region_choices()]
        options.highlighted = codes.index(self.current) if self.current in codes else 0
        options.focus()

    @on(OptionList.OptionSelected, "#regions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
