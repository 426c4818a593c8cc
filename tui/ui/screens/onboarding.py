"""First run: the safety notice, then drug, daily dose and intakes; then plan or just log.

Nothing here is required: Escape starts logging straight away. What is entered is saved as
settings (drug, intakes per day and their usual times) and pre-fills the plan editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from tui.core.drugs import DRUGS
from tui.core.safety import SAFETY_NOTICE
from tui.core.validation import ValidationError, parse_int, parse_mg, parse_time
from tui.ui.screens.dialog import Dialog


@dataclass(frozen=True)
class OnboardingAnswers:
    """What the person told us on first run, and what they want to do next."""

    drug: str
    dose_mg: Decimal | None
    intakes_per_day: int
    intake_times: tuple[str, ...]
    build_plan: bool


class OnboardingScreen(Dialog[OnboardingAnswers | None]):
    """The first-run screen; dismisses with the answers, or ``None`` when skipped."""

    DEFAULT_CSS = """
    OnboardingScreen > Vertical { width: 78; }
    OnboardingScreen #welcome { text-style: bold; color: $primary; }
    OnboardingScreen #notice { border-left: thick $warning; padding: 0 1; margin: 1 0; }
    OnboardingScreen .row { height: 1; margin-bottom: 1; }
    OnboardingScreen .row Label { width: 24; }
    OnboardingScreen .row Input { width: 1fr; }
    OnboardingScreen #choices { height: auto; margin-top: 1; }
    OnboardingScreen #choices Button { margin-right: 2; }
    """

    BINDINGS = [Binding("escape", "skip", "Skip: start logging")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Welcome to taper-tui", id="welcome")
            yield Static(SAFETY_NOTICE, id="notice", markup=False)
            yield Static("A few questions (all optional; you can change them later):", markup=False)
            yield Horizontal(Label("Medicine"), Input("clonazepam", id="drug", compact=True,
                             placeholder=", ".join(sorted(DRUGS))), classes="row")
            yield Horizontal(Label("Daily dose now (mg)"), Input("", id="dose", compact=True, placeholder="e.g. 1"), classes="row")
            yield Horizontal(Label("Doses per day"), Input("2", id="intakes", compact=True), classes="row")
            yield Horizontal(Label("Usual times (optional)"), Input("08:00, 20:00", id="times", compact=True), classes="row")
            yield Static("", id="problem", markup=False)
            with Horizontal(id="choices"):
                yield Button("Build a plan", id="plan", variant="primary", compact=True)
                yield Button("Just start logging", id="log", compact=True)

    def on_mount(self) -> None:
        self.query_one("#dose", Input).focus()

    def _answers(self, build_plan: bool) -> OnboardingAnswers:
        value = lambda widget_id: self.query_one(f"#{widget_id}", Input).value.strip()  # noqa: E731
        dose = parse_mg(value("dose"), "daily dose") if value("dose") else None
        intakes = parse_int("doses per day", value("intakes") or "1", 1, 6)
        times = tuple(parse_time(t, "usual times") for t in value("times").replace(";", ",").split(",") if t.strip())
        if times and len(times) != intakes:
            raise ValidationError("usual times", value("times"), f"give one time per dose ({intakes}), or leave it empty")
        return OnboardingAnswers(value("drug") or "clonazepam", dose, intakes, times, build_plan)

    def _finish(self, build_plan: bool) -> None:
        try:
            answers = self._answers(build_plan)
        except ValidationError as error:
            self.query_one("#problem", Static).update(f"⚠ {error}")
            return
        self.dismiss(answers)

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
