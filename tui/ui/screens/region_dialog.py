"""Choosing the region whose crisis lines are shown, and the person's own lines (Help's ``r``).

The choices are :func:`tui.core.crisis_lines.region_choices` (the regions with checked lines,
then "my own lines"). Choosing "my own lines" opens :class:`OwnLinesDialog` to add them; ``o``
opens it for any region, since the person's own lines are shown with the region's. What is
chosen is stored through the session, which announces the change (Help and the crisis panel
read it from the settings); the dialog dismisses with a sentence saying what changed, or
``None`` when nothing did. A store error is shown here, and nothing typed is dropped silently.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.core.crisis_lines import OWN, OWN_LINES_SETTING, CrisisLine, own_lines_record, parse_own_lines, region_choices
from tui.core.validation import ValidationError
from tui.store.errors import StoreError
from tui.ui.screens.dialog import Dialog
from tui.ui.screens.own_lines_dialog import OwnLinesDialog
from tui.ui.session import Session


class RegionDialog(Dialog[str]):
    """A list of regions; Enter picks the highlighted one, ``o`` edits the own lines, Escape
    keeps everything as it is."""

    DEFAULT_CSS = """
    RegionDialog > Vertical { width: 56; }
    RegionDialog OptionList { height: auto; max-height: 10; }
    """

    BINDINGS = [Binding("o", "own_lines", "My own lines")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        """Where the choice is stored (and announced)."""
        self.current = session.journal.settings().region.upper()
        """The region stored when the dialog opened (highlighted)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Crisis lines for which region?", classes="title")
            yield OptionList(
                *(Option(f"{name} ({code})" if code != OWN else name, id=code) for code, name in region_choices()),
                id="regions",
            )
            yield Static("enter: choose · o: add or remove my own lines · esc: keep the current region", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        options = self.query_one("#regions", OptionList)
        codes = [code for code, _name in region_choices()]
        options.highlighted = codes.index(self.current) if self.current in codes else 0
        options.focus()

    def _own_lines(self) -> tuple[CrisisLine, ...]:
        """The own lines stored now; a damaged list is named and edited from empty, never lost:
        it is replaced only when the person saves a new list."""
        try:
            return parse_own_lines(self.session.journal.settings().extra.get(OWN_LINES_SETTING))
        except ValidationError as error:
            self.notify(f"{error} (starting from an empty list)", title="Own lines not read", severity="warning")
            return ()

    def _store(self, **changes: Any) -> bool:
        """Store ``changes`` through the session; False (with the error shown) when it failed."""
        try:
            self.session.update_settings(**changes)
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=15)
            return False
        return True

    def _edit_own_lines(self, choose_own: bool) -> None:
        """Open the own-lines list; store the new list (and, when ``choose_own``, the region)."""

        def edited(lines: tuple[CrisisLine, ...] | None) -> None:
            changes: dict[str, Any] = {}
            if lines is not None:
                changes[OWN_LINES_SETTING] = own_lines_record(lines)
            if choose_own and self.current != OWN:
                changes["region"] = OWN
            if not changes or not self._store(**changes):
                return
            count = len(lines) if lines is not None else len(self._own_lines())
            saved = f"{count} own line{'s' if count != 1 else ''} saved"
            self.dismiss(f"Crisis lines: my own lines ({saved})." if choose_own else f"Crisis lines: {saved}.")

        self.app.push_screen(OwnLinesDialog(self._own_lines()), edited)

    def action_own_lines(self) -> None:
        """Add or remove the person's own lines, keeping the region (``o``)."""
        self._edit_own_lines(choose_own=False)

    @on(OptionList.OptionSelected, "#regions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        code = event.option.id
        if code == OWN:
            self._edit_own_lines(choose_own=True)
            return
        if code is None or code == self.current:
            self.dismiss(None)
            return
        if self._store(region=code):
            self.dismiss(f"Crisis lines: {dict(region_choices())[code]}.")
