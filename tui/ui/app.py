"""The taper-tui Textual app and :func:`build_app`, the factory shared by CLI, tests and screenshots.

The app lays out the views and routes requests; the :class:`~tui.ui.session.Session` under the
views owns the journal, the clock, the plan and every write, and announces each change on the
app's ``changed`` signal (state down, requests up: views post :class:`JournalView.OpenDay` and
:class:`JournalView.ShowView`). The clock is checked every minute and on every view switch, so
the day rolls over while the app is open. Navigation: F1–F6 from anywhere, digits 1–6 when no
text field has focus (a focused Input would otherwise swallow them), ``?`` for Help.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.signal import Signal
from textual.timer import Timer
from textual.widgets import Input, Select, Static, TabbedContent, TabPane, TextArea

from tui.core.plan_model import Plan
from tui.store.atomic_storage import parse_data_file, read_data_bytes
from tui.store.crash_log import write_crash_log
from tui.store.drafts import discard_draft, read_draft, remove_draft, write_draft
from tui.store.errors import StoreError
from tui.store.journal import Journal
from tui.store.lock import WriterLock
from tui.ui.chart.commands import palette_commands
from tui.ui.chart.view import ChartView
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.screens.draft_prompt import DraftChoice, DraftPrompt
from tui.ui.screens.onboarding import OnboardingAnswers, OnboardingScreen
from tui.ui.screens.plan_editor import PlanEditorScreen
from tui.ui.screens.plan_history import PlanHistoryScreen
from tui.ui.session import Change, Clock, Origin, Session, system_clock
from tui.ui.shown_text import widget_text
from tui.ui.views.help import HelpView
from tui.ui.views.history import HistoryView
from tui.ui.views.journal_view import JournalView
from tui.ui.views.log import LogView
from tui.ui.views.schedule import ScheduleView
from tui.ui.views.today import TodayView
from tui.ui.widgets.intake_list import IntakeList
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.symptom_rating import SymptomRating
from tui.ui.widgets.view_tabs import ViewTabs

if TYPE_CHECKING:
    from tui.exchange.json_import import ImportPlan

MIN_WIDTH = 80
MIN_HEIGHT = 24
CLOCK_CHECK_SECONDS = 60
"""How often the clock is checked for a new date while the app is open (and at each view switch)."""
DRAFT_DELAY_SECONDS = 0.5
"""A form's draft is written this long after the last key (so within a second of it)."""
FILE_CHECK_SECONDS = 2
"""How often the data file is checked for a change underneath (deleted, replaced, damaged)."""
EXIT_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
"""Signals that end the app the clean way: drafts written, terminal restored, exit status 128 + signal."""

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
    CSS_PATH = ["app.tcss", "views.tcss", "dialogs.tcss"]
    ENABLE_COMMAND_PALETTE = True
    CSS = """
    #file-banner { dock: top; height: auto; background: $error; color: $text; text-style: bold; padding: 0 1; }
    """

    BINDINGS = [
        Binding("q", "quit_app", "Quit", show=False),
        Binding("ctrl+q", "quit_app", "Quit", priority=True),
        Binding("question_mark", "show_view('help')", "Help", show=False),
        Binding("ctrl+e", "export", "Export", show=False),
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
        self._pending_view = ""
        """A view asked for before the tabs were ready, shown as soon as they are."""
        self._drafts_ready = False
        """Drafts are written only once any draft left by the last run was offered (never over it)."""
        self._draft_timer: Timer | None = None
        self._leaving_on_purpose = False
        """Set when the person chose to quit without saving: the drafts are not written again."""
        self._file_trouble = ""
        """What is wrong with the data file on disk (shown in the banner), or ``""``."""
        self.crash_log: Path | None = None
        """The crash log written for an unexpected exception (its path is printed on exit)."""
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
        with ViewTabs(id="views"):
            for number, (view_id, title, view_class) in enumerate(VIEWS, start=1):
                with TabPane(f"{number} {title}", id=view_id):
                    yield view_class(self.session, id=f"{view_id}-view")
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
        self.call_after_refresh(self._sync_shown)
        self.call_after_refresh(self._focus_active_view)
        if self.session.needs_onboarding():
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
            )
        try:
            self.session.update_settings(**changes)
        except StoreError as error:
            self.notify(widget_text(str(error)), severity="error")
        if answers is not None and answers.build_plan:
            editor = PlanEditorScreen(
                self.session.today, drug=answers.drug, dose_mg=answers.dose_mg, intakes=answers.intakes_per_day
            )
            self.push_screen(editor, self._first_plan_saved)
        else:
            self.open_day(self.session.today)

    def _first_plan_saved(self, plan: Plan | None) -> None:
        if plan is not None:
            self.view("schedule").adopt_plan(plan)
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
        """Switch to a view and focus its content (clearing focus first, so no field of the old view keeps the keys)."""
        if not isinstance(self.screen, Screen) or self.screen is not self.screen_stack[0]:
            return
        self.session.check_clock()
        tabs = self.screen.query_one("#views", TabbedContent)
        if not tabs.active:
            # A key pressed at start-up, before the tabs showed their first view: that first
            # activation would undo this switch, so the switch waits for it.
            self._pending_view = view_id
            return
        self.set_focus(None)
        tabs.active = view_id
        self._sync_shown()
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

    def _sync_shown(self) -> None:
        """Tell each view whether it is the one on screen (a stale view shown catches up)."""
        active = self.active_view_id
        for view_id, _title, _cls in VIEWS:
            view = self.view(view_id)
            if view.is_mounted and view.shown != (view_id == active):
                view.set_shown(view_id == active)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self) -> None:
        if self._pending_view:
            view_id, self._pending_view = self._pending_view, ""
            self.action_show_view(view_id)
            return
        self.session.check_clock()
        self._sync_shown()
        self.call_after_refresh(self._focus_active_view)

    @on(JournalView.OpenDay)
    def _open_day_requested(self, event: JournalView.OpenDay) -> None:
        self.open_day(event.day)

    @on(JournalView.ShowView)
    def _show_view_requested(self, event: JournalView.ShowView) -> None:
        self.action_show_view(event.view_id)

    def open_day(self, day: date) -> None:
        """Open ``day`` in the Log view (asks first if the form has unsaved changes)."""
        log = self.view("log")
        assert isinstance(log, LogView)
        self.action_show_view("log")
        log.go_to_day(day)

    # -- export and import ----------------------------------------------------------------------

    def action_export(self) -> None:
        """Export in any format to a 0600 file chosen in a dialog."""
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
        log = self.view("log")
        editor = self._plan_editor()
        return (isinstance(log, LogView) and log.has_unsaved_changes) or (
            editor is not None and editor.has_unsaved_changes
        )

    def _plan_editor(self) -> PlanEditorScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, PlanEditorScreen)), None)

    def action_quit_app(self) -> None:
        """Quit, asking first when the Log form holds unsaved changes (Enter keeps editing)."""
        if not self.has_unsaved_changes():
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                # Losing the form was chosen: its draft is set aside (….discarded), not offered again.
                self._leaving_on_purpose = True
                self._discard_drafts()
                self.exit()

        self.push_screen(
            ConfirmDialog(
                "Quit without saving?",
                "A form (the Log or the plan editor) has changes that are not saved yet. "
                "Quit anyway and lose them? (Keep editing, then ctrl+s, to keep them.)",
                "Quit",
                "Keep editing",
            ),
            answered,
        )

    # -- drafts ---------------------------------------------------------------------------------

    def _offer_draft(self) -> None:
        """Offer the drafts the last run left, the Log's then the plan editor's (Restore focused).

        No draft is written before both were answered, so a form loading meanwhile cannot
        overwrite one not yet offered.
        """
        if self.journal.read_only:
            self._drafts_ready = True
            return
        log_draft = read_draft(self.journal.path, "log")
        day = None
        if log_draft is not None:
            with contextlib.suppress(KeyError, TypeError, ValueError):
                day = date.fromisoformat(log_draft.state["day"])
        if log_draft is None or day is None:
            self._offer_plan_draft()
            return
        title = f"An unsaved entry for {day:%a} {day.day} {day:%b} from {log_draft.written_at:%H:%M}"

        def answered(choice: DraftChoice | None) -> None:
            if choice == "discard":
                self._discard_draft("log")
            else:
                log = self.view("log")
                assert isinstance(log, LogView)
                self.action_show_view("log")
                log.restore_draft(log_draft.state)
                self.notify("Unsaved entry restored: check it, then ctrl+s to save.", timeout=6)
            self._offer_plan_draft()

        self.push_screen(DraftPrompt(title, _draft_text(log_draft.state)), answered)

    def _offer_plan_draft(self) -> None:
        plan_draft = read_draft(self.journal.path, "plan")
        if plan_draft is None or not isinstance(plan_draft.state.get("values"), dict):
            self._drafts_ready = True
            return
        title = f"Unsaved changes to a plan from {plan_draft.written_at:%a} {plan_draft.written_at:%H:%M}"

        def answered(choice: DraftChoice | None) -> None:
            self._drafts_ready = True
            if choice == "discard":
                self._discard_draft("plan")
                return
            schedule = self.view("schedule")
            assert isinstance(schedule, ScheduleView)
            self.action_show_view("schedule")
            if plan_draft.state.get("replan") and self.session.plan is not None:
                schedule.action_replan()
            else:
                schedule.action_new_plan()
            editor = self._plan_editor()
            if editor is not None:
                self.call_after_refresh(editor.restore_draft, plan_draft.state)

        self.push_screen(DraftPrompt(title, _draft_text(plan_draft.state.get("values", {}))), answered)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SymptomRating.Changed)
    @on(IntakeList.Changed)
    def _form_edited(self) -> None:
        # A key in any form: write its draft once the keys stop for a moment (debounced).
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY_SECONDS, self.write_drafts)

    def _journal_changed(self, change: Change) -> None:
        if change.origin is Origin.LOG:
            # A saved day removes its draft (after the form has taken in what it saved).
            self.call_after_refresh(self.write_drafts)

    def write_drafts(self) -> None:
        """Write each form's unsaved state to its draft, or remove the draft when nothing is unsaved.

        A read-only copy never writes drafts (the writer's would be overwritten), nor does the app
        before the last run's draft was offered. A failure is said once, never a crash.
        """
        if self.journal.read_only or not self._drafts_ready or not self.screen_stack:
            return
        editor = self._plan_editor()
        log = self.view("log")
        forms: dict[str, dict[str, Any] | None] = {
            "log": log.draft_state() if isinstance(log, LogView) else None,
            "plan": editor.draft_state() if editor is not None else None,
        }
        try:
            for form, state in forms.items():
                if state is None:
                    remove_draft(self.journal.path, form)
                else:
                    write_draft(self.journal.path, form, state, self.session.now())
        except (StoreError, OSError) as error:
            self.notify(
                widget_text(f"Could not keep a draft of the unsaved form: {error}"), severity="warning", timeout=8
            )

    def _discard_drafts(self) -> None:
        for form in ("log", "plan"):
            self._discard_draft(form)

    def _discard_draft(self, form: str) -> None:
        try:
            discard_draft(self.journal.path, form)
        except StoreError as error:
            self.notify(widget_text(str(error)), severity="warning", timeout=8)

    # -- signals and crashes --------------------------------------------------------------------

    def _install_signal_handlers(self) -> None:
        """SIGHUP (a dropped SSH link), SIGTERM and SIGINT end the app through its exit path.

        The handlers run on the event loop, so the drafts are written and the driver restores the
        terminal (alternate screen left, mouse tracking off) before the process ends. Not under
        tests (headless), where the loop belongs to the test runner.
        """
        if self.is_headless:
            return
        loop = asyncio.get_running_loop()
        for signum in EXIT_SIGNALS:
            loop.add_signal_handler(signum, self.exit_on_signal, signum)

    def exit_on_signal(self, signum: int) -> None:
        """Exit with status 128 + ``signum`` (the shell's convention); the drafts are written on the way out."""
        self.exit(return_code=128 + signum)

    async def _on_exit_app(self) -> None:
        # Every way out passes here — a key, a signal, a browser tab closed (the served app's
        # input ends): the forms' drafts are brought up to date first, unless the person chose to
        # quit without them. Textual then runs App's own handler for the same message (it calls
        # the handler of each class in the MRO), which shuts the app down.
        if not self._leaving_on_purpose:
            with contextlib.suppress(Exception):  # the way out must stay open whatever failed
                self.write_drafts()

    def _handle_exception(self, error: Exception) -> None:
        # Textual's own crash screen prints every frame's local variables: whole days, notes and
        # doses. Here the form is kept as a draft, the traceback goes to a private crash log
        # without locals, and the terminal shows only where that log is. The exit status is 1.
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        # Anything at all may be broken now: a draft that cannot be written must not stop the log.
        with contextlib.suppress(Exception):
            self.write_drafts()
        try:
            self.crash_log = write_crash_log(self.journal.path, error)
            where = f"A report without your data was written to (readable by you only):\n{self.crash_log}"
        except OSError:
            where = "No crash report could be written."
        message = (
            f"taper-tui stopped on an unexpected error ({type(error).__name__}). Nothing saved was lost;\n"
            f"a form that was not saved is kept as a draft and offered at the next start.\n{where}"
        )
        # Not wrapped by Rich, so the path stays one piece for copying (the terminal wraps it).
        self._exit_renderables.append(Text(message, no_wrap=True, overflow="ignore"))
        self._close_messages_no_wait()

    # -- the file underneath --------------------------------------------------------------------

    def _file_problem(self) -> str:
        """What is wrong with the data file on disk now, or ``""`` when it can be read."""
        try:
            raw, _identity = read_data_bytes(self.journal.real_path)
            parse_data_file(self.journal.real_path, raw)
        except FileNotFoundError:
            return "was deleted or moved away"
        except (StoreError, OSError):
            return "is damaged or is not a taper-tui file any more"
        return ""

    def check_file(self) -> None:
        """Every few seconds: follow the file (read-only) or notice a change underneath (writer)."""
        journal = self.journal
        if journal.read_only:
            if journal.changed_on_disk():
                problem = self._file_problem()
                if problem:
                    self._show_file_trouble(
                        f"The data file {problem}. Showing what was last read; nothing is written here."
                    )
                else:
                    self.session.reload()
                    self._show_file_trouble("")
            if not self._file_trouble and journal.locked_by is not None and not self._writer_running():
                self._show_file_trouble(
                    "The taper-tui that was writing to this file has closed: ctrl+w to write here.", kind="writer"
                )
            return
        if journal.changed_on_disk():
            problem = self._file_problem() or "was changed by another program"
            self._show_file_trouble(
                f"The data file {problem} while taper-tui was open. Nothing is saved over it; what you type is "
                "kept. ctrl+r reloads the file as it is now (or `taper-tui restore` lists its backups)."
            )

    def _writer_running(self) -> bool:
        holder = WriterLock(self.journal.path).holder()
        if holder is None:
            return False
        try:
            os.kill(holder, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def _show_file_trouble(self, text: str, kind: str = "file") -> None:
        self._file_trouble = text
        banner = self.query_one("#file-banner", Static)
        banner.update(text)
        banner.display = bool(text)
        banner.set_class(kind == "writer", "-writer")

    def action_reload_file(self) -> None:
        """Read the data file again as it is now (ctrl+r); the Log form keeps unsaved changes."""
        problem = self._file_problem()
        if problem:
            self.notify(
                widget_text(f"The data file {problem}: it cannot be read, so nothing was reloaded."),
                severity="error",
                timeout=10,
            )
            return
        try:
            self.session.reload()
        except StoreError as error:
            self.notify(widget_text(str(error)), severity="error", timeout=10)
            return
        self._show_file_trouble("")
        self.notify("Reloaded the data file.", timeout=4)

    def action_become_writer(self) -> None:
        """A read-only copy takes over as the writer once the other taper-tui has closed (ctrl+w)."""
        if not self.journal.read_only:
            return
        try:
            became = self.session.become_writer()
        except StoreError as error:
            self.notify(widget_text(str(error)), severity="error", timeout=10)
            return
        if not became:
            self.notify("Another taper-tui still writes to this file.", severity="warning", timeout=6)
            return
        self._show_file_trouble("")
        for banner in self.query("#read-only-banner"):
            banner.remove()
        self.notify("This copy now writes to the file.", timeout=5)

    # -- command palette ------------------------------------------------------------------------

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
        chart = self.view("chart")
        assert isinstance(chart, ChartView)
        for title, help_text, run in palette_commands(chart):
            yield SystemCommand(title, help_text, run)
        yield SystemCommand(
            "Plan history",
            "Every change to the plan, newest first; undo the last one (H in Schedule)",
            lambda: self.push_screen(PlanHistoryScreen(self.session)),
        )
        yield SystemCommand(
            "Log yesterday", "Open yesterday's entry in the Log view", lambda: self.open_day(self.session.yesterday)
        )


def _draft_text(state: dict[str, Any]) -> str:
    """A draft's content, one ``name: value`` line each, for the offer's Show."""
    return "\n".join(f"{key}: {value}" for key, value in state.items())


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
