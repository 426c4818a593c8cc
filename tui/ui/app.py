"""The taper-tui Textual app and :func:`build_app`, the factory shared by CLI, tests and screenshots.

The app owns the open journal and "today"; views read from it and ask the app to change it
(state down, requests up). Navigation: F1–F6 from anywhere, digits 1–6 when no text field has
focus (a focused Input would otherwise swallow them), ``?`` for Help.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable, Iterable

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from tui.core.entry import DayEntry, Intake
from tui.core.plan_changes import creation_event
from tui.core.plan_model import Plan
from tui.core.symptoms import red_flags_in
from tui.core.validation import ValidationError
from tui.store.errors import StoreError
from tui.store.journal import Journal
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.screens.crisis_panel import CrisisPanel
from tui.ui.screens.onboarding import OnboardingAnswers, OnboardingScreen
from tui.ui.screens.plan_editor import PlanEditorScreen
from tui.ui.chart.view import ChartView
from tui.ui.views.help import HelpView
from tui.ui.views.history import HistoryView
from tui.ui.views.journal_view import JournalView
from tui.ui.views.log import LogView
from tui.ui.views.schedule import ScheduleView
from tui.ui.views.today import TodayView
from tui.ui.widgets.key_bar import KeyBar

MIN_WIDTH = 80
MIN_HEIGHT = 24

VIEWS: tuple[tuple[str, str, type[JournalView]], ...] = (
    ("today", "Today", TodayView),
    ("schedule", "Schedule", ScheduleView),
    ("log", "Log", LogView),
    ("history", "History", HistoryView),
    ("chart", "Chart", ChartView),
    ("help", "Help", HelpView),
)
"""(id, title, class) of each view, in tab order; F-key and digit n open the n-th."""


class TaperApp(App[None]):
    """The taper-tui app on one open journal."""

    TITLE = "taper-tui"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("q", "quit_app", "Quit", show=False),
        Binding("ctrl+q", "quit_app", "Quit", priority=True),
        Binding("question_mark", "show_view('help')", "Help", show=False),
        Binding("ctrl+e", "export", "Export", show=False),
        Binding("ctrl+o", "import", "Import", show=False),
    ]

    def __init__(self, journal: Journal, today: date, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.journal = journal
        self.today = today
        self._clock = clock or (lambda: datetime.now().astimezone())
        self._plan_cache: tuple[object, Plan | None] = (None, None)
        for number, (view_id, title, _cls) in enumerate(VIEWS, start=1):
            self._bindings.bind(f"f{number}", f"show_view('{view_id}')", title, show=False, priority=True)
            self._bindings.bind(str(number), f"show_view('{view_id}')", title, show=False)

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.journal.read_only:
            who = f"process {self.journal.locked_by}" if self.journal.locked_by else "another taper-tui"
            reason = f"{who} is writing to this file" if self.journal.locked_by else "opened with --read-only"
            yield Static(f"READ-ONLY — {reason}; nothing can be saved here. ({self.journal.path})", id="read-only-banner", markup=False)
        with TabbedContent(id="views"):
            for number, (view_id, title, view_class) in enumerate(VIEWS, start=1):
                with TabPane(f"{number} {title}", id=view_id):
                    yield view_class(id=f"{view_id}-view")
        yield Static(
            f"The terminal is too small for taper-tui: it needs at least {MIN_WIDTH}×{MIN_HEIGHT}. "
            "Make the window larger (or the font smaller); nothing is lost meanwhile.",
            id="too-small",
        )
        yield KeyBar()

    def on_mount(self) -> None:
        for warning in self.journal.warnings:
            self.notify(warning, severity="warning", timeout=10)
        self.call_after_refresh(self._focus_active_view)
        if self.needs_onboarding():
            self.push_screen(OnboardingScreen(), self._onboarded)

    def needs_onboarding(self) -> bool:
        """First run: nothing logged, no plan, and the welcome not yet seen."""
        journal = self.journal
        return (not journal.read_only and not journal.settings().get("onboarded")
                and journal.day_count() == 0 and journal.get_plan() is None)

    def _onboarded(self, answers: OnboardingAnswers | None) -> None:
        changes: dict[str, object] = {"onboarded": True}
        if answers is not None:
            changes.update(drug=answers.drug, intakes_per_day=answers.intakes_per_day, intake_times=list(answers.intake_times))
        try:
            self.journal.update_settings(**changes)
        except StoreError as error:
            self.notify(str(error), severity="error")
        if answers is not None and answers.build_plan:
            editor = PlanEditorScreen(self.today, drug=answers.drug, dose_mg=answers.dose_mg, intakes=answers.intakes_per_day)
            self.push_screen(editor, self._first_plan_saved)
        else:
            self.open_day(self.today)

    def _first_plan_saved(self, plan: Plan | None) -> None:
        if plan is not None:
            self.adopt_plan(plan)
        self.action_show_view("today")

    @on(Resize)
    def _check_size(self, event: Resize) -> None:
        too_small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        self.screen.set_class(too_small, "-too-small")

    # -- views ----------------------------------------------------------------------------------

    def view(self, view_id: str) -> JournalView:
        """The view widget with this id (``today``, ``log`` …), even while a dialog is on top."""
        return self.screen_stack[0].query_one(f"#{view_id}-view", JournalView)

    def action_show_view(self, view_id: str) -> None:
        """Switch to a view and focus its content (clearing focus first: see ENGINEERING.md §4)."""
        if not isinstance(self.screen, Screen) or self.screen is not self.screen_stack[0]:
            return
        tabs = self.screen.query_one("#views", TabbedContent)
        self.set_focus(None)
        tabs.active = view_id
        # Focus at once, so a key pressed right after the switch reaches the new view; focus
        # again after the refresh in case the pane was not focusable until it was shown.
        self._focus_active_view()
        self.call_after_refresh(self._focus_active_view)

    def _focus_active_view(self) -> None:
        tabs = self.screen_stack[0].query_one("#views", TabbedContent)
        if tabs.active:
            self.view(tabs.active).focus_content()

    @property
    def active_view_id(self) -> str:
        """The id of the view on screen (``""`` before the first one is shown)."""
        return self.screen_stack[0].query_one("#views", TabbedContent).active

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if self.active_view_id:
            self.view(self.active_view_id).view_shown()
        self.call_after_refresh(self._focus_active_view)

    def refresh_views(self) -> None:
        """Tell every view that the journal changed (hidden costly views catch up when shown)."""
        for view_id, _title, _cls in VIEWS:
            self.view(view_id).request_refresh()

    def open_day(self, day: date) -> None:
        """Open ``day`` in the Log view (asks first if the form has unsaved changes)."""
        log = self.view("log")
        assert isinstance(log, LogView)
        self.action_show_view("log")
        log.go_to_day(day)

    def now(self) -> datetime:
        """The time stamped on audit events (fixed in tests)."""
        return self._clock()

    # -- the plan -------------------------------------------------------------------------------

    @property
    def plan(self) -> Plan | None:
        """The active plan, parsed once per stored version; ``None`` without one (or if damaged)."""
        record = self.journal.get_plan()
        if record is not None and record == self._plan_cache[0]:
            return self._plan_cache[1]
        plan = None
        if record is not None:
            try:
                plan = Plan.from_record(record)
            except ValidationError as error:
                self.notify(f"The stored plan cannot be read ({error}); it is kept as it is in the file.", severity="error")
        self._plan_cache = (record, plan)
        return plan

    def planned_intakes(self, day: date) -> tuple[Intake, ...]:
        """The intakes the plan sets for ``day`` (times from the settings, if the person set them)."""
        plan = self.plan
        step = plan.step_on(day) if plan else None
        if step is None:
            return ()
        times = list(self.journal.settings().get("intake_times") or [])
        amounts = step.intake_mg
        return tuple(Intake(mg, times[i] if i < len(times) else None) for i, mg in enumerate(amounts))

    def adopt_plan(self, plan: Plan) -> bool:
        """Make a newly built plan the active one, recording its creation in the audit trail."""
        if self.save_plan(plan, creation_event(plan, self.now())):
            self.notify(f"Plan saved: {len(plan.steps)} steps, ends {plan.end_date.isoformat()}.")
            return True
        return False

    def save_plan(self, plan: Plan | None, event: dict) -> bool:
        """Store a new active plan with its audit event; on failure say why and return False."""
        try:
            self.journal.save_plan(None if plan is None else plan.to_record(), event)
        except StoreError as error:
            self.notify(str(error), title="Plan not saved", severity="error", timeout=15)
            return False
        self.refresh_views()
        return True

    # -- changing the journal -------------------------------------------------------------------

    def save_day(self, entry: DayEntry) -> bool:
        """Save a day; on failure say why and return False (the caller keeps what was typed)."""
        try:
            self.journal.save_day(entry)
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=15)
            return False
        self.refresh_views()
        flagged = red_flags_in(entry.symptoms)
        if flagged:
            names = [symptom.label.lower() for symptom in flagged]
            self.push_screen(CrisisPanel(names, self.journal.settings().get("region")))
        return True

    def delete_day(self, day: date) -> DayEntry | None:
        """Delete a day and return what it held (for undo), or None if that failed."""
        try:
            removed = self.journal.delete_day(day)
        except StoreError as error:
            self.notify(str(error), title="Not deleted", severity="error", timeout=15)
            return None
        self.refresh_views()
        return removed

    # -- export and import ----------------------------------------------------------------------

    def action_export(self) -> None:
        """Export in any format to a 0600 file chosen in a dialog."""
        # Imported on first use: the exporters (icalendar, the report) add ~50 ms to start-up.
        from tui.ui.screens.export_dialog import ExportDialog

        def written(path) -> None:
            if path is not None:
                self.notify(f"Exported to {path} (readable by you only).")

        self.push_screen(ExportDialog(self.journal, self.today, self.now()), written)

    def action_import(self) -> None:
        """Import a JSON export after a preview of what would change and a confirmation."""
        if self.journal.read_only:
            self.notify("Read-only: another taper-tui is writing to this file.", severity="warning")
            return
        # Imported on first use: jsonschema and the import checks add ~35 ms to start-up.
        from tui.ui.screens.import_dialog import ImportDialog

        self.push_screen(ImportDialog(self.journal), self._import_chosen)

    def _import_chosen(self, chosen) -> None:
        if chosen is None:
            return
        from tui.exchange.json_import import apply_import

        plan, source_name = chosen
        try:
            apply_import(self.journal, plan, self.now(), source_name)
        except StoreError as error:
            self.notify(str(error), title="Not imported", severity="error", timeout=15)
            return
        self.refresh_views()
        self.notify(f"Imported {source_name}: {len(plan.new_days)} new and {len(plan.changed_days)} changed days. "
                    "The file as it was is kept as the newest backup (taper-tui restore).", timeout=10)

    # -- quitting -------------------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        log = self.view("log")
        return isinstance(log, LogView) and log.has_unsaved_changes

    def action_quit_app(self) -> None:
        """Quit, asking first when the Log form holds unsaved changes."""
        if not self.has_unsaved_changes():
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmDialog("Quit without saving?", "The Log form has changes that are not saved yet. "
                          "Quit anyway and lose them? (Cancel, then ctrl+s, to keep them.)", "Quit", "Keep editing"),
            answered,
        )

    # -- command palette ------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for number, (view_id, title, _cls) in enumerate(VIEWS, start=1):
            yield SystemCommand(f"Go to {title}", f"Show the {title} view (F{number} or {number})", lambda v=view_id: self.action_show_view(v))
        yield SystemCommand("Log today", "Open today's entry in the Log view", lambda: self.open_day(self.today))
        yield SystemCommand("Export…", "JSON, CSV, the prescriber report or a calendar, to a file (ctrl+e)", self.action_export)
        yield SystemCommand("Import…", "Bring a JSON export back in, with a preview first (ctrl+o)", self.action_import)
        yield SystemCommand("Log yesterday", "Open yesterday's entry in the Log view", lambda: self.open_day(self.today.fromordinal(self.today.toordinal() - 1)))


def build_app(journal: Journal, today: date, clock: Callable[[], datetime] | None = None) -> TaperApp:
    """The app on an open journal, with "today" (and the event clock) given: tests fix both."""
    return TaperApp(journal, today, clock)
