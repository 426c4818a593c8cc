"""The taper-tui Textual app and :func:`build_app`, the factory shared by CLI, tests and screenshots.

The app lays out the views and routes requests; the :class:`~tui.ui.session.Session` under the
views owns the journal, the clock, the plan and every write, and announces each change on the
app's ``changed`` signal (state down, requests up: views post :class:`JournalView.OpenDay` and
:class:`JournalView.ShowView`). The clock is checked every minute and on every view switch, so
the day rolls over while the app is open. Navigation: F1–F6 from anywhere, digits 1–6 when no
text field has focus (a focused Input would otherwise swallow them), ``?`` for Help. Only Today
is built at start-up (composed with the tabs, so the first frame shows it); every other view,
and every dialog's module, the first time it is used (:mod:`tui.ui.view_switching`). Every day
of the file is checked just after the first screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.signal import Signal
from textual.widgets import Static

from tui.store.errors import StoreError
from tui.store.journal import Journal
from tui.ui.draft_keeper import DraftKeeper
from tui.ui.file_watch import FILE_CHECK_SECONDS, FileWatch
from tui.ui.session import Change, Clock, DaysChecked, Session, system_clock
from tui.ui.shown_text import widget_text
from tui.ui.view_switching import VIEWS, ViewSwitching
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.view_tabs import ViewTabs

if TYPE_CHECKING:
    from tui.core.plan_model import Plan
    from tui.exchange.json_import import ImportPlan
    from tui.ui.screens.onboarding import OnboardingAnswers

MIN_WIDTH = 80
MIN_HEIGHT = 24
CLOCK_CHECK_SECONDS = 60
"""How often the clock is checked for a new date while the app is open (and at each view switch)."""


class TaperApp(ViewSwitching, DraftKeeper, FileWatch):
    """The taper-tui app on one open journal (views: :class:`ViewSwitching`; drafts and signals:
    :class:`DraftKeeper`; the file: :class:`FileWatch`)."""

    TITLE = "taper-tui"
    CSS_PATH = ["app.tcss", "views.tcss", "dialogs.tcss"]
    ENABLE_COMMAND_PALETTE = True
    CSS = """
    #file-banner { dock: top; height: auto; background: $error; color: $text; text-style: bold; padding: 0 1; }
    """

    BINDINGS = [
        Binding("q", "quit_app", "Quit", show=False),
        Binding("ctrl+q", "quit_app", "Quit", priority=True),
        Binding("question_mark", "show_view('help')", "Help", show=False),
        # Priority: the Log opens in a text field, whose own ctrl+e (end of line; End does the
        # same) would otherwise swallow the export from the view a person is most often in.
        Binding("ctrl+e", "export", "Export", show=False, priority=True),
        Binding("ctrl+o", "import", "Import", show=False),
        Binding("ctrl+r", "reload_file", "Reload file", show=False),
        Binding("ctrl+w", "become_writer", "Write here", show=False),
    ]

    def __init__(self, journal: Journal, clock: Clock) -> None:
        super().__init__()
        self.changed: Signal[Change] = Signal(self, "journal-changed")
        """Published by the session once after every write and when the date rolls over."""
        self.session = Session(journal, clock, self.changed)
        """The journal, the clock, the plan and every write, shared by the views."""
        for number, (view_id, title, _cls) in enumerate(VIEWS, start=1):
            self._bindings.bind(f"f{number}", f"show_view('{view_id}')", title, show=False, priority=True)
            self._bindings.bind(str(number), f"show_view('{view_id}')", title, show=False)

    @property
    def journal(self) -> Journal:
        """The open data file."""
        return self.session.journal

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        journal = self.journal
        if journal.read_only:
            who = f"process {journal.locked_by}" if journal.locked_by else "another taper-tui"
            reason = f"{who} is writing to this file" if journal.locked_by else "opened with --read-only"
            yield Static(
                f"READ-ONLY — {reason}; nothing can be saved here. ({journal.path})",
                id="read-only-banner",
                markup=False,
            )
        yield Static("", id="file-banner", markup=False)
        yield ViewTabs(
            [(view_id, f"{n} {title}") for n, (view_id, title, _cls) in enumerate(VIEWS, start=1)],
            self.first_view(),
            id="views",
        )
        yield Static(
            f"The terminal is too small for taper-tui: it needs at least {MIN_WIDTH}×{MIN_HEIGHT}. "
            "Make the window larger (or the font smaller); nothing is lost meanwhile.",
            id="too-small",
        )
        yield KeyBar()

    def on_mount(self) -> None:
        # Warnings and errors name paths and values from the file: never read as markup.
        for warning in self.journal.warnings:
            self.notify(widget_text(warning), severity="warning", timeout=10)
        if self.session.plan is None and self.session.plan_error:
            self.notify(widget_text(self.session.plan_error), severity="error")
        self.query_one("#file-banner").display = False
        self.set_interval(CLOCK_CHECK_SECONDS, self.session.check_clock)
        self.set_interval(FILE_CHECK_SECONDS, self.check_file)
        self.changed.subscribe(self, self._journal_changed)
        self._install_signal_handlers()
        self.action_show_view(VIEWS[0][0])  # composed with the tabs: filled now, before the first frame
        # Every day is checked after the first screen (writes refuse until then): see Session.
        self.session.start_day_check(self.post_message, self.call_after_refresh)
        if self.session.needs_onboarding():
            from tui.ui.screens.onboarding import OnboardingScreen  # a first run only: loaded then

            self._drafts_ready = True
            self.push_screen(OnboardingScreen(), self._onboarded)
        else:
            self.call_after_refresh(self._offer_draft)

    def needs_onboarding(self) -> bool:
        """First run: nothing logged, no plan, and the welcome not yet seen."""
        return self.session.needs_onboarding()

    def _onboarded(self, answers: OnboardingAnswers | None) -> None:
        changes: dict[str, object] = {"onboarded": True}
        if answers is not None:
            changes.update(
                drug=answers.drug,
                intakes_per_day=answers.intakes_per_day,
                intake_times=list(answers.intake_times),
                region=answers.region,
                **answers.own_lines_setting(),
            )
        try:
            self.session.update_settings(**changes)
        except StoreError as error:
            self.notify(widget_text(str(error)), severity="error")
        if answers is not None and answers.build_plan:
            from tui.ui.screens.plan_editor import PlanEditorScreen  # loaded on first use (start-up time)

            editor = PlanEditorScreen(
                self.session.today, drug=answers.drug, dose_mg=answers.dose_mg, intakes=answers.intakes_per_day
            )
            self.push_screen(editor, self._first_plan_saved)
        else:
            self.open_day(self.session.today)

    def _first_plan_saved(self, plan: Plan | None) -> None:
        if plan is not None:
            # Any built view saves it the one way views do; Today is built from the start.
            self.view("today").adopt_plan(plan)
        self.action_show_view("today")

    @on(DaysChecked)
    def _days_checked(self, result: DaysChecked) -> None:
        if not self.session.finish_day_check(result) or not result.invalid:
            return
        days = sorted(result.invalid)
        which = (
            f"the entry for {days[0].isoformat()} is not valid: {result.invalid[days[0]]}"
            if len(days) == 1
            else f"{len(days)} entries are not valid ({', '.join(d.isoformat() for d in days[:5])}"
            f"{' …' if len(days) > 5 else ''}); the first: {result.invalid[days[0]]}"
        )
        text = widget_text(
            f"The data file holds days that cannot be read — {which}. They are not shown, and nothing can "
            "be saved until the file is fixed (correct them in the file, or `taper-tui restore` lists its backups)."
        )
        self._show_file_trouble(text)
        self.notify(text, title="Nothing can be saved", severity="error", timeout=20)

    @on(Resize)
    def _check_size(self, event: Resize) -> None:
        too_small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        self.screen.set_class(too_small, "-too-small")

    # -- export and import ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The priority export key acts on the views only: in a dialog its key is the field's own."""
        if action == "export":
            return self.screen is self.screen_stack[0]
        return True

    def action_export(self) -> None:
        """Export in any format to a 0600 file chosen in a dialog (not before every day was checked)."""
        refusal = self.session.write_refusal()
        if refusal is not None:
            # An export skipping a day that cannot be read would be a copy missing that day.
            self.notify(widget_text(str(refusal)), title="Not exported", severity="error", timeout=10)
            return
        # Imported on first use: the exporters (icalendar, the report) add ~50 ms to start-up.
        from tui.ui.screens.export_dialog import ExportDialog

        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Exported to {widget_text(str(path))} (readable by you only).")

        self.push_screen(ExportDialog(self.journal, self.session.today, self.session.now()), written)

    def action_import(self) -> None:
        """Import a JSON export after a preview of what would change and a confirmation."""
        if self.journal.read_only:
            self.notify("Read-only: another taper-tui is writing to this file.", severity="warning")
            return
        refusal = self.session.write_refusal()
        if refusal is not None:
            self.notify(widget_text(str(refusal)), title="Not imported", severity="error", timeout=10)
            return
        # Imported on first use: jsonschema and the import checks add ~35 ms to start-up.
        from tui.ui.screens.import_dialog import ImportDialog

        self.push_screen(ImportDialog(self.journal), self._import_chosen)

    def _import_chosen(self, chosen: tuple[ImportPlan, str] | None) -> None:
        if chosen is None:
            return
        plan, source_name = chosen
        try:
            self.session.import_journal(plan, source_name)
        except StoreError as error:
            self.notify(widget_text(str(error)), title="Not imported", severity="error", timeout=15)
            return
        self.notify(
            f"Imported {widget_text(source_name)}: {len(plan.new_days)} new and {len(plan.changed_days)} changed days. "
            "The file as it was is kept as the newest backup (taper-tui restore).",
            timeout=10,
        )

    # -- quitting -------------------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        """True when the Log form or an open plan editor holds changes not saved yet."""
        return bool(self._unsaved_forms())

    def _unsaved_forms(self) -> list[str]:
        """Each form holding changes not saved yet, named for a sentence (the Log names its day)."""
        forms = []
        log = self.built_view("log")
        if log is not None:
            from tui.ui.views.log import LogView  # loaded already: the Log was built

            if isinstance(log, LogView) and log.has_unsaved_changes:
                forms.append(log.unsaved_summary)
        editor = self._plan_editor()
        if editor is not None and editor.has_unsaved_changes:
            forms.append("The plan editor" if not forms else "the plan editor")
        return forms

    def action_quit_app(self) -> None:
        """Quit, asking first when the Log form holds unsaved changes (Enter keeps editing)."""
        if self.quit_after_compose():
            return
        unsaved = self._unsaved_forms()
        if not unsaved:
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                # Losing the form was chosen: its draft is set aside (….discarded), not offered again.
                self._leaving_on_purpose = True
                self._discard_drafts()
                self.exit()

        from tui.ui.screens.confirm_dialog import ConfirmDialog  # loaded on first use (start-up time)

        self.push_screen(
            ConfirmDialog(
                "Quit without saving?",
                f"{' and '.join(unsaved)} {'has' if len(unsaved) == 1 else 'have'} changes that are not saved yet. "
                "Quit anyway and lose them? (Keep editing, then ctrl+s, to keep them.)",
                "Quit",
                "Keep editing",
            ),
            answered,
        )

    # -- command palette ------------------------------------------------------------------------

    def _open_plan_history(self) -> None:
        from tui.ui.screens.plan_history import PlanHistoryScreen  # loaded on first use (start-up time)

        self.push_screen(PlanHistoryScreen(self.session))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for number, (view_id, title, _cls) in enumerate(VIEWS, start=1):
            yield SystemCommand(
                f"Go to {title}",
                f"Show the {title} view (F{number} or {number})",
                lambda v=view_id: self.action_show_view(v),
            )
        yield SystemCommand(
            "Log today", "Open today's entry in the Log view", lambda: self.open_day(self.session.today)
        )
        yield SystemCommand(
            "Export…", "JSON, CSV, the prescriber report or a calendar, to a file (ctrl+e)", self.action_export
        )
        yield SystemCommand("Import…", "Bring a JSON export back in, with a preview first (ctrl+o)", self.action_import)
        # The Chart's modes need the Chart itself: it is built (hidden, not yet drawn) when the
        # palette opens, as the palette lists them.
        from tui.ui.chart.commands import palette_commands
        from tui.ui.chart.view import ChartView

        chart = self.view("chart")
        assert isinstance(chart, ChartView)
        for title, help_text, run in palette_commands(chart):
            yield SystemCommand(title, help_text, run)
        yield SystemCommand(
            "Plan history",
            "Every change to the plan, newest first; undo the last one (H in Schedule)",
            self._open_plan_history,
        )
        yield SystemCommand(
            "Log yesterday", "Open yesterday's entry in the Log view", lambda: self.open_day(self.session.yesterday)
        )


def fixed_clock(day: date) -> Clock:
    """A clock stopped at noon (local time) on ``day``: for ``--today``, tests and screenshots."""
    moment = datetime.combine(day, time(12)).astimezone()
    return lambda: moment


def build_app(journal: Journal, today: date | None = None, clock: Clock | None = None) -> TaperApp:
    """The app on an open journal. "Today" is the clock's date, read afresh each time.

    ``clock`` defaults to the machine's; ``today`` alone stops the clock at noon on that day;
    given both, they must agree (the clock's date is ``today``).
    """
    if clock is None:
        clock = system_clock if today is None else fixed_clock(today)
    elif today is not None and clock().date() != today:
        raise ValueError(f"the clock says {clock().date().isoformat()}, not today={today.isoformat()}")
    return TaperApp(journal, clock)
