"""The session under the views: the open journal, the clock, the parsed plan, and every write.

Views read from the session and change the journal only through it. Each write returns its
result, then announces once what it changed (a :class:`Change` on the ``changed`` signal the app
owns); every view subscribed to it refreshes what it shows, or marks itself stale while hidden.
"Today" is read from a clock each time it is asked for, so an app left open past midnight moves
to the new day; :meth:`Session.check_clock` announces that roll-over.

Every day of the file is checked once, after the app's first screen (:meth:`Session.start_day_check`):
ten years of days cost ~100 ms to validate, which the first screen should not wait for. Until
the check has finished every write refuses with :class:`~tui.store.errors.DataStillChecking`; a
day that does not validate is left out of what the views show, named by date, and every write
then refuses with the error naming it, so nothing is ever saved over a day that could not be read.

The session never shows anything: errors from the store (:class:`StoreError`) reach the caller,
which says in its own words what was not done, and nothing here pushes a screen — the crisis
panel follows *logging* a red flag in the Log view, never a restore or an import.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.signal import Signal

from tui.core.entry import DayEntry, Intake
from tui.core.plan_model import Plan
from tui.core.settings import Settings, planned_intakes
from tui.core.validation import ValidationError
from tui.store.errors import DataStillChecking, StoreError
from tui.store.journal import Journal
from tui.store.parsed_days import invalid_day_error

if TYPE_CHECKING:
    from tui.exchange.json_import import ImportPlan

CHECK_AT_ONCE_DAYS = 400
"""A file of up to this many days is checked before the first screen (~10 ms: no save is ever
refused for it); a larger one on a thread after the first screen."""

Clock = Callable[[], datetime]
"""A callable returning the current time, timezone-aware; "today" is its date."""


def system_clock() -> datetime:
    """The machine's local time (the ``TZ`` of the process decides the day)."""
    return datetime.now().astimezone()


class Origin(Enum):
    """What made a change: views use it to decide what follows (only a logged day warns)."""

    LOG = "log"
    """A day saved from the Log form."""
    DELETE = "delete"
    """A day deleted (History)."""
    RESTORE = "restore"
    """A deleted day put back (History undo)."""
    PLAN = "plan"
    """A new plan, or a change to the active one."""
    SETTINGS = "settings"
    """The person's settings (symptom list, intake times, first-run answers)."""
    IMPORT = "import"
    """A JSON export brought in: any day, the plan and the settings may have changed."""
    CLOCK = "clock"
    """The date rolled over while the app was open."""
    FILE = "file"
    """The data file was read again (it changed on disk, or this copy became the writer)."""


@dataclass(frozen=True)
class Change:
    """One announcement: what changed, so each view re-reads only when it shows any of it."""

    origin: Origin
    """What made the change."""
    days: frozenset[date] = field(default_factory=frozenset)
    """The days written (saved, deleted or restored)."""
    every_day: bool = False
    """Any day may have changed (an import)."""
    plan: bool = False
    """The active plan changed."""
    settings: bool = False
    """The settings changed."""
    today: bool = False
    """"Today" is a new date."""

    def touches_day(self, day: date) -> bool:
        """Whether ``day``'s entry may have changed."""
        return self.every_day or day in self.days

    @property
    def touches_days(self) -> bool:
        """Whether any logged day may have changed."""
        return self.every_day or bool(self.days)


@dataclass(frozen=True)
class DaySaved:
    """The result of :meth:`Session.save_day`."""

    entry: DayEntry
    """What was saved (an empty entry removed the day)."""
    previous: DayEntry | None
    """What the day held before, or ``None`` if it was not logged."""


class DaysChecked(Message):
    """Posted from the checking thread to the app when every day of the file has been checked."""

    def __init__(self, generation: int, invalid: dict[date, str]) -> None:
        super().__init__()
        self.generation = generation
        """Which check this answers (a reload starts another; an older answer is dropped)."""
        self.invalid = invalid
        """The days that do not validate, by date, with what is wrong."""


class Session:
    """The open journal, the clock and the parsed plan, shared by every view (see the module)."""

    def __init__(self, journal: Journal, clock: Clock, changed: Signal[Change]) -> None:
        self.journal = journal
        """The open data file (views read days from it; they never write to it)."""
        # The views read while the check runs: a day that does not validate is left out, by date.
        journal.parsed_days.skip_invalid = True
        self.checking = True
        """The check of every day has not finished (or not started): every write refuses meanwhile."""
        self.invalid_days: dict[date, str] = {}
        """Days of the file that do not validate (by date, with why): every write refuses."""
        self._check_generation = 0
        self._post_check: Callable[[DaysChecked], object] | None = None
        self.changed = changed
        """Published once after every write and when the date rolls over."""
        self._clock = clock
        self._last_today = clock().date()
        self.plan_error: str | None = None
        """Why the stored plan cannot be read (it is then kept in the file as it is), or ``None``."""

    # -- time -----------------------------------------------------------------------------------

    def now(self) -> datetime:
        """The current time, stamped on audit events (fixed in tests)."""
        return self._clock()

    @property
    def today(self) -> date:
        """Today's date, read from the clock each time (never frozen at start-up)."""
        return self._clock().date()

    @property
    def yesterday(self) -> date:
        """The day before :attr:`today`."""
        return self.today - timedelta(days=1)

    def check_clock(self) -> bool:
        """Announce a new date if the day rolled over since the last check; True if it did."""
        today = self.today
        if today == self._last_today:
            return False
        self._last_today = today
        self.changed.publish(Change(Origin.CLOCK, today=True))
        return True

    # -- reading --------------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """Whether nothing can be saved (another taper-tui writes to the file, or --read-only)."""
        return self.journal.read_only

    @property
    def plan(self) -> Plan | None:
        """The active plan (parsed once per stored version by the journal); ``None`` without one or if damaged."""
        self.plan_error = None
        try:
            return self.journal.plan()
        except ValidationError as error:
            self.plan_error = f"The stored plan cannot be read ({error}); it is kept as it is in the file."
            return None

    @property
    def settings(self) -> Settings:
        """The person's settings, typed (defaults for what the file does not hold)."""
        return self.journal.settings()

    def planned_intakes(self, day: date) -> tuple[Intake, ...]:
        """The intakes the plan sets for ``day`` (times from the settings, if the person set them)."""
        return planned_intakes(self.plan, self.settings, day)

    def needs_onboarding(self) -> bool:
        """First run: nothing logged, no plan, and the welcome not yet seen."""
        journal = self.journal
        return (
            not journal.read_only
            and not self.settings.onboarded
            and journal.day_count() == 0
            and journal.get_plan() is None
        )

    # -- the check of every day -----------------------------------------------------------------

    def start_day_check(
        self, post: Callable[[DaysChecked], object], later: Callable[[Callable[[], None]], object]
    ) -> None:
        """Check every day of the file; ``post`` receives the :class:`DaysChecked` result.

        A small file is checked now; a larger one on a daemon thread (a Textual thread worker
        would make quitting wait for it) started through ``later`` (after the first screen),
        which calls ``post`` from that thread: give a thread-safe one (``App.post_message``).
        Writes refuse until :meth:`finish_day_check` has the result.
        """
        self._post_check = post
        if self.journal.day_count() <= CHECK_AT_ONCE_DAYS:
            self._run_day_check()
        else:
            later(self._run_day_check)

    def _run_day_check(self) -> None:
        post = self._post_check
        if post is None:
            return  # no check was asked for (a session without an app)
        self._check_generation += 1
        generation = self._check_generation
        journal = self.journal
        self.checking = True
        if journal.day_count() <= CHECK_AT_ONCE_DAYS:
            self.finish_day_check(DaysChecked(generation, journal.check_days()))
            post(DaysChecked(generation, self.invalid_days))
            return

        def check() -> None:
            invalid = journal.check_days()
            # RuntimeError: the app closed meanwhile (its event loop is gone), nobody to tell.
            with contextlib.suppress(RuntimeError):
                post(DaysChecked(generation, invalid))

        threading.Thread(target=check, name="taper-tui day check", daemon=True).start()

    def finish_day_check(self, result: DaysChecked) -> bool:
        """Take in a check's result (on the UI thread); False for an outdated one, which is dropped."""
        if result.generation != self._check_generation:
            return False
        self.checking = False
        self.invalid_days = dict(result.invalid)
        return True

    def write_refusal(self) -> StoreError | None:
        """Why nothing may be written now (the check still runs, or a day does not validate), or ``None``."""
        if self.checking:
            return DataStillChecking(self.journal.path, self.journal.day_count())
        if self.invalid_days:
            day = min(self.invalid_days)
            return invalid_day_error(self.journal.path, day, self.invalid_days[day])
        return None

    def _check_writable(self) -> None:
        refusal = self.write_refusal()
        if refusal is not None:
            raise refusal

    # -- writing (each raises StoreError when nothing was written) -------------------------------

    def _announce(self, change: Change) -> None:
        # A write is a moment the person acts: if the date rolled over meanwhile, say so too.
        self.check_clock()
        self.changed.publish(change)

    def save_day(self, entry: DayEntry) -> DaySaved:
        """Save a day logged in the Log form (an empty entry removes the day)."""
        self._check_writable()
        previous = self.journal.get_day(entry.day)
        self.journal.save_day(entry)
        self._announce(Change(Origin.LOG, days=frozenset({entry.day})))
        return DaySaved(entry, previous)

    def delete_day(self, day: date) -> DayEntry | None:
        """Delete a day; return what it held (to offer undo), or ``None`` if nothing was logged."""
        self._check_writable()
        removed = self.journal.delete_day(day)
        self._announce(Change(Origin.DELETE, days=frozenset({day})))
        return removed

    def restore_day(self, entry: DayEntry) -> None:
        """Put back a deleted day exactly as it was (an undo: nothing is announced as logged)."""
        self._check_writable()
        self.journal.save_day(entry)
        self._announce(Change(Origin.RESTORE, days=frozenset({entry.day})))

    def save_plan(self, plan: Plan | None, event: dict[str, Any]) -> None:
        """Store a new active plan (``None`` removes it) with its audit event, in one write."""
        self._check_writable()
        self.journal.save_plan(None if plan is None else plan.to_record(), event)
        self._announce(Change(Origin.PLAN, plan=True))

    def adopt_plan(self, plan: Plan) -> None:
        """Make a newly built plan the active one, recording its creation in the audit trail."""
        from tui.core.plan_changes import creation_event  # with the planner: loaded on first use

        self.save_plan(plan, creation_event(plan, self.now()))

    def change_plan(self, plan: Plan, event: dict[str, Any]) -> None:
        """Apply a change to the active plan (hold, slow down, return, re-plan) with its event."""
        self.save_plan(plan, event)

    def update_settings(self, **changes: Any) -> None:
        """Change some settings, keeping the others."""
        self._check_writable()
        self.journal.update_settings(**changes)
        self._announce(Change(Origin.SETTINGS, settings=True))

    def reload(self) -> None:
        """Read the data file again as it is now and announce that anything may have changed.

        Raises :class:`~tui.store.errors.StoreError` (damaged, gone) and announces nothing then.
        """
        self.journal.reload()
        self._run_day_check()  # what was read again is checked again
        self._announce(Change(Origin.FILE, every_day=True, plan=True, settings=True))

    def become_writer(self) -> bool:
        """A read-only copy takes the writer lock once it is free; True (and announced) when it did."""
        if not self.journal.try_become_writer():
            return False
        self._run_day_check()  # the file was read again
        self._announce(Change(Origin.FILE, every_day=True, plan=True, settings=True))
        return True

    def import_journal(self, plan: ImportPlan, source_name: str) -> dict[str, Any]:
        """Apply a previewed import in one atomic write; return its audit event."""
        from tui.exchange.json_import import apply_import  # loaded on first use (start-up time)

        self._check_writable()
        event = apply_import(self.journal, plan, self.now(), source_name)
        self._announce(Change(Origin.IMPORT, every_day=True, plan=True, settings=True))
        return event
