"""Drafts of unsaved forms, the exit signals and the crash path of the taper-tui app.

Rule: a form's unsaved state is never lost — it is written as a draft shortly after each key, on
every way out (a key, SIGHUP/SIGTERM/SIGINT, a crash) and offered at the next start. These three
concerns share one reason (keeping what was typed when the app ends) and one state (whether
drafts may be written yet), so they live together here, apart from layout and navigation.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import App
from textual.timer import Timer
from textual.widgets import Input, Select

from tui.store.crash_log import write_crash_log
from tui.store.drafts import discard_draft, read_draft, remove_draft, write_draft
from tui.store.errors import StoreError
from tui.ui.session import Change, Origin
from tui.ui.shown_text import widget_text

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tui.store.journal import Journal
    from tui.ui.screens.plan_editor import PlanEditorScreen
    from tui.ui.session import Session
    from tui.ui.views.journal_view import JournalView

DRAFT_DELAY_SECONDS = 0.5
"""A form's draft is written this long after the last key (so within a second of it)."""
EXIT_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
"""Signals that end the app the clean way: drafts written, terminal restored, exit status 128 + signal."""


class DraftKeeper(App[None]):
    """Drafts, exit signals and crashes for :class:`~tui.ui.app.TaperApp`.

    A mixin rather than a helper object because Textual finds ``@on`` handlers, ``_on_exit_app``
    and ``_handle_exception`` on the app's own class hierarchy: as a base class of the app they
    keep working unchanged, while the app module keeps only layout and navigation.
    """

    if TYPE_CHECKING:
        session: Session

        @property
        def journal(self) -> Journal: ...

        def built_view(self, view_id: str) -> JournalView | None: ...

        def show_view(self, view_id: str, then: Callable[[JournalView], None] | None = None) -> None: ...

    def __init__(self) -> None:
        super().__init__()
        self._drafts_ready = False
        """Drafts are written only once any draft left by the last run was offered (never over it)."""
        self._draft_timer: Timer | None = None
        """The pending debounced draft write, restarted by each key."""
        self._saved_forms: set[str] = set()
        """Forms saved since the last draft write: their discarded drafts go with their drafts then."""
        self._leaving_on_purpose = False
        """Set when the person chose to quit without saving: the drafts are not written again."""
        self.crash_log: Path | None = None
        """The crash log written for an unexpected exception (its path is printed on exit)."""

    def _plan_editor(self) -> PlanEditorScreen | None:
        """The plan editor on the screen stack, if one is open."""
        if len(self.screen_stack) < 2:
            return None  # only the views: no editor (and its module need not be loaded to know)
        from tui.ui.screens.plan_editor import PlanEditorScreen

        return next((s for s in self.screen_stack if isinstance(s, PlanEditorScreen)), None)

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
        from tui.ui.screens.draft_prompt import DraftChoice, DraftPrompt  # only when a draft was left

        title = f"An unsaved entry for {day:%a} {day.day} {day:%b} from {log_draft.written_at:%H:%M}"

        def answered(choice: DraftChoice | None) -> None:
            if choice == "discard":
                self._discard_draft("log")
            else:
                from tui.ui.views.log import LogView

                def restore(log: JournalView) -> None:
                    assert isinstance(log, LogView)
                    log.restore_draft(log_draft.state)
                    self.notify("Unsaved entry restored: check it, then ctrl+s to save.", timeout=6)

                self.show_view("log", restore)
            self._offer_plan_draft()

        self.push_screen(DraftPrompt(title, draft_text(log_draft.state)), answered)

    def _offer_plan_draft(self) -> None:
        plan_draft = read_draft(self.journal.path, "plan")
        if plan_draft is None or not isinstance(plan_draft.state.get("values"), dict):
            self._drafts_ready = True
            return
        title = f"Unsaved changes to a plan from {plan_draft.written_at:%a} {plan_draft.written_at:%H:%M}"
        from tui.ui.screens.draft_prompt import DraftChoice, DraftPrompt  # only when a draft was left

        def answered(choice: DraftChoice | None) -> None:
            self._drafts_ready = True
            if choice == "discard":
                self._discard_draft("plan")
                return
            from tui.ui.views.schedule import ScheduleView

            def reopen(schedule: JournalView) -> None:
                assert isinstance(schedule, ScheduleView)
                if plan_draft.state.get("replan") and self.session.plan is not None:
                    schedule.action_replan()
                else:
                    schedule.action_new_plan()
                editor = self._plan_editor()
                if editor is not None:
                    self.call_after_refresh(editor.restore_draft, plan_draft.state)

            self.show_view("schedule", reopen)

        self.push_screen(DraftPrompt(title, draft_text(plan_draft.state.get("values", {}))), answered)

    # The Log's own widgets' changes are handled by name: importing their classes (TextArea among
    # them, ~11 ms) for these decorators loaded them at start-up, before anyone opened the Log.
    def on_text_area_changed(self) -> None:
        self._form_edited()

    def on_symptom_list_changed(self) -> None:
        self._form_edited()

    def on_intake_list_changed(self) -> None:
        self._form_edited()

    @on(Input.Changed)
    @on(Select.Changed)
    def _form_edited(self) -> None:
        # A key in any form: write its draft once the keys stop for a moment (debounced).
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY_SECONDS, self.write_drafts)

    def _journal_changed(self, change: Change) -> None:
        form = {Origin.LOG: "log", Origin.PLAN: "plan"}.get(change.origin)
        if form is not None:
            # A saved form removes its draft and a discarded one (after the form has taken in what
            # it saved); a write with nothing unsaved otherwise leaves a discarded draft alone.
            self._saved_forms.add(form)
            if form == "log":
                self.call_after_refresh(self.write_drafts)

    def write_drafts(self) -> None:
        """Write each form's unsaved state to its draft, or remove the draft when nothing is unsaved.

        A read-only copy never writes drafts (the writer's would be overwritten), nor does the app
        before the last run's draft was offered, nor once it stopped running: its screens are being
        closed then, a form may have lost its fields, and the way out wrote the drafts already
        (a debounced write could still come due there under ``run_test``). A failure is said once,
        never a crash.
        """
        if self.journal.read_only or not self._drafts_ready or not self.screen_stack or not self.is_running:
            return
        saved, self._saved_forms = self._saved_forms, set()
        editor = self._plan_editor()
        forms: dict[str, dict[str, Any] | None] = {
            "log": self._log_draft_state(),
            "plan": editor.draft_state() if editor is not None else None,
        }
        try:
            for form, state in forms.items():
                if state is None:
                    remove_draft(self.journal.path, form, saved=form in saved)
                else:
                    write_draft(self.journal.path, form, state, self.session.now())
        except (StoreError, OSError) as error:
            self.notify(
                widget_text(f"Could not keep a draft of the unsaved form: {error}"), severity="warning", timeout=8
            )

    def _log_draft_state(self) -> dict[str, Any] | None:
        """The Log form's unsaved state, or ``None`` (nothing unsaved, or the Log never opened)."""
        log = self.built_view("log")
        if log is None:
            return None
        from tui.ui.views.log import LogView  # loaded already: the Log was built

        assert isinstance(log, LogView)
        return log.draft_state()

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


def draft_text(state: dict[str, Any]) -> str:
    """A draft's content, one ``name: value`` line each, for the offer's Show."""
    return "\n".join(f"{key}: {value}" for key, value in state.items())
