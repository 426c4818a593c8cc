"""First run: the safety notice, then drug, daily dose and intakes; then plan or just log.

Nothing here is required: Escape starts logging straight away. What is entered is saved as
settings (drug, intakes per day and their usual times) and pre-fills the plan editor. The
answers are read by :mod:`tui.core.plan_input`, with the editor's and the CLI's bounds (1 to 6
intakes) and messages; the usual times follow the number of intakes until the person types
their own. The region chooses the crisis lines shown from then on (Help's ``r`` changes it);
choosing "My own lines" opens the list to add them (:class:`OwnLinesDialog`), kept with the answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from tui.core import plan_input as pi
from tui.core.crisis_lines import DEFAULT_REGION, OWN, OWN_LINES_SETTING, CrisisLine, own_lines_record, region_choices
from tui.core.drugs import DRUGS
from tui.core.safety import SAFETY_NOTICE
from tui.core.settings import parse_times, proposed_times
from tui.ui.screens.dialog import Dialog
from tui.ui.screens.own_lines_dialog import OwnLinesDialog


@dataclass(frozen=True)
class OnboardingAnswers:
    """What the person told us on first run, and what they want to do next."""

    drug: str
    dose_mg: Decimal | None
    intakes_per_day: int
    intake_times: tuple[str, ...]
    build_plan: bool
    region: str = DEFAULT_REGION
    """The region whose crisis lines are shown (a code from :func:`region_choices`)."""
    own_lines: tuple[CrisisLine, ...] = ()
    """The person's own crisis lines, added when they chose "My own lines"."""

    def own_lines_setting(self) -> dict[str, object]:
        """The settings that store :attr:`own_lines` (none when no line was added)."""
        return {OWN_LINES_SETTING: own_lines_record(self.own_lines)} if self.own_lines else {}


class OnboardingScreen(Dialog[OnboardingAnswers | None]):
    """The first-run screen; dismisses with the answers, or ``None`` when skipped."""

    DEFAULT_CSS = """
    OnboardingScreen > Vertical { width: 78; }
    OnboardingScreen #welcome { text-style: bold; color: $primary; }
    OnboardingScreen #notice { border-left: thick $warning; padding: 0 1; margin: 1 0; }
    OnboardingScreen .row { height: 1; margin-bottom: 1; }
    OnboardingScreen .row Label { width: 24; }
    OnboardingScreen .row Input { width: 1fr; }
    OnboardingScreen .row Select { width: 1fr; }
    OnboardingScreen #choices { height: auto; margin-top: 1; }
    OnboardingScreen #choices Button { margin-right: 2; }
    """

    BINDINGS = [Binding("escape", "skip", "Skip: start logging")]

    def __init__(self) -> None:
        super().__init__()
        self.own_lines: tuple[CrisisLine, ...] = ()
        """The own crisis lines added so far (when "My own lines" was chosen)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Welcome to taper-tui", id="welcome")
            yield Static(SAFETY_NOTICE, id="notice", markup=False)
            yield Static("A few questions (all optional; you can change them later):", markup=False)
            yield Horizontal(
                Label(pi.DRUG.label),
                Input("clonazepam", id="drug", compact=True, placeholder=", ".join(sorted(DRUGS))),
                classes="row",
            )
            yield Horizontal(
                Label(pi.DOSE.label), Input("", id="dose", compact=True, placeholder="e.g. 1"), classes="row"
            )
            yield Horizontal(
                Label(pi.INTAKES.label),
                Input("2", id="intakes", compact=True, placeholder=f"1 to {pi.MAX_INTAKES}"),
                classes="row",
            )
            yield Horizontal(
                Label(pi.TIMES.label), Input(", ".join(proposed_times(2)), id="times", compact=True), classes="row"
            )
            yield Horizontal(
                Label("Crisis lines for"),
                Select(
                    [(name, code) for code, name in region_choices()],
                    value=DEFAULT_REGION,
                    allow_blank=False,
                    id="region",
                    compact=True,
                ),
                classes="row",
            )
            yield Static("", id="problem", markup=False)
            with Horizontal(id="choices"):
                yield Button("Build a plan", id="plan", variant="primary", compact=True)
                yield Button("Just start logging", id="log", compact=True)

    def on_mount(self) -> None:
        self.query_one("#dose", Input).focus()

    def _text(self) -> dict[str, str]:
        """The answers as the plan fields :mod:`tui.core.plan_input` reads."""
        value = lambda widget_id: self.query_one(f"#{widget_id}", Input).value  # noqa: E731
        return {
            pi.DRUG.key: value("drug"),
            pi.DOSE.key: value("dose"),
            pi.INTAKES.key: value("intakes"),
            pi.TIMES.key: value("times"),
        }

    def _answers(self, build_plan: bool) -> OnboardingAnswers:
        text = self._text()
        dose = pi.parse_mg_field(text, pi.DOSE, positive=True) if text[pi.DOSE.key].strip() else None
        intakes = pi.parse_int_field(text, pi.INTAKES, 1, pi.MAX_INTAKES) if text[pi.INTAKES.key].strip() else 1
        region = self.query_one("#region", Select).value
        return OnboardingAnswers(
            pi.parse_drug(text),
            dose,
            intakes,
            parse_times(text, intakes),
            build_plan,
            region if isinstance(region, str) else DEFAULT_REGION,
            self.own_lines,
        )

    def _finish(self, build_plan: bool) -> None:
        try:
            answers = self._answers(build_plan)
        except pi.PlanInputError as error:
            self.query_one("#problem", Static).update(f"⚠ {error.text(pi.Surface.APP)}")
            return
        self.dismiss(answers)

    @on(Input.Changed, "#intakes")
    def _intakes_changed(self, event: Input.Changed) -> None:
        """Propose usual times for the new number of intakes, unless the person typed their own."""
        times = self.query_one("#times", Input)
        proposals = {", ".join(proposed_times(n)) for n in range(1, pi.MAX_INTAKES + 1)}
        if times.value.strip() and times.value not in proposals:
            return
        try:
            count = pi.parse_int_field(self._text(), pi.INTAKES, 1, pi.MAX_INTAKES)
        except pi.PlanInputError:
            return  # shown when the answers are read; the times stay as they are meanwhile
        times.value = ", ".join(proposed_times(count))

    @on(Select.Changed, "#region")
    def _region_changed(self, event: Select.Changed) -> None:
        """Choosing "My own lines" opens the list to add them; they are saved with the answers."""
        if event.value != OWN:
            return

        def edited(lines: tuple[CrisisLine, ...] | None) -> None:
            if lines is not None:
                self.own_lines = lines
            count = len(self.own_lines)
            self.notify(f"{count} own line{'s' if count != 1 else ''} — saved with your answers.", timeout=4)

        self.app.push_screen(OwnLinesDialog(self.own_lines), edited)

    @on(Button.Pressed, "#plan")
    def _build_plan(self) -> None:
        self._finish(True)

    @on(Button.Pressed, "#log")
    def _start_logging(self) -> None:
        self._finish(False)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.focus_next()

    def action_skip(self) -> None:
        self.dismiss(None)
