"""Plan flags: why a step is marked, as stored and as shown.

A step carries :class:`Flag` records (a code and a sentence with the step's own figures). The
code is a :class:`PlanFlag`, which also carries the glyph, the short word and the plain-language
explanation every surface shows (Schedule, Help, README, report, Chart), so a sign is defined
once and means one thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class PlanFlag(StrEnum):
    """Why a step is marked: the stored code (the value, never changed on disk), a glyph, a
    short word and a plain-language explanation.

    The Schedule legend, Help, the README, the report and the Chart read these, so a glyph
    means one thing everywhere: no flag glyph is used for a window/wave day
    (:class:`tui.core.scales.Phase`), a red-flag symptom (``⚠``) or a dose taken above/below
    the plan in the Chart (``▲``/``▼``). ``!`` is a warning, ``‼`` needs the person's confirmation,
    ``‖`` a dose held (planned or asked for).
    """

    HOLD = "hold"
    HELD = "held"
    ABOVE_PLANNED = "above_planned"
    ONE_INCREMENT = "one_increment"
    OVER_10 = "over_10"
    OVER_25_IN_14 = "over_25_in_14"
    TOO_COARSE = "too_coarse"
    LINEAR = "linear"
    STOP = "stop"
    STOP_ABOVE_JUMP_OFF = "stop_above_jump_off"
    LENGTHENED = "lengthened"
    SCALE_UNRELIABLE = "scale_unreliable"
    INCREASE = "increase"
    TARGET = "target"
    SHORT_LAST = "short_last"
    FAST_START = "fast_start"

    @property
    def glyph(self) -> str:
        """One character shown before the word in tables."""
        return _FLAG_SIGNS[self][0]

    @property
    def word(self) -> str:
        """A short word for narrow columns (``>10%``, ``1 step``)."""
        return _FLAG_SIGNS[self][1]

    @property
    def explanation(self) -> str:
        """What the flag means, in plain words, for a legend or Help."""
        return _FLAG_SIGNS[self][2]

    @property
    def marked(self) -> str:
        """``! >10%``: glyph and word, so meaning never rests on colour or a glyph alone."""
        return f"{self.glyph} {self.word}"

    @property
    def needs_confirmation(self) -> bool:
        """True for the flags the person must confirm before the plan is saved."""
        return self in (PlanFlag.OVER_25_IN_14, PlanFlag.STOP_ABOVE_JUMP_OFF)

    @classmethod
    def of(cls, code: str) -> PlanFlag | None:
        """The flag stored as ``code`` (``None`` for a code this version does not know)."""
        try:
            return cls(code)
        except ValueError:
            return None


_FLAG_SIGNS: dict[PlanFlag, tuple[str, str, str]] = {
    PlanFlag.HOLD: ("‖", "hold", "stabilisation hold at the current dose before the first cut"),
    PlanFlag.HELD: ("‖", "held", "you held this dose longer than planned"),
    PlanFlag.ABOVE_PLANNED: ("»", "cut>plan", "the measurable cut is larger than the planned %"),
    PlanFlag.ONE_INCREMENT: ("¹", "1 step", "rounding gave the same dose, so one measurable step was cut"),
    PlanFlag.OVER_10: ("!", ">10%", "cut above 10 % of the dose"),
    PlanFlag.OVER_25_IN_14: ("‼", ">25%/14d", "more than 25 % below the highest dose of the 14 days before: confirm"),
    PlanFlag.TOO_COARSE: ("◇", "coarse", "the form cannot make the planned % cut at this dose"),
    PlanFlag.LINEAR: ("╱", "linear", "linear taper: a fixed mg cut, a growing % of the dose"),
    PlanFlag.STOP: ("■", "stop", "the last step: 0 mg"),
    PlanFlag.STOP_ABOVE_JUMP_OFF: ("‼", "stop>jump", "stops from above the jump-off dose: confirm"),
    PlanFlag.LENGTHENED: ("↔", "longer", "step lengthened so a one-step cut keeps the average pace"),
    PlanFlag.SCALE_UNRELIABLE: ("±", "scale", "cut under 10 readings of the scale: weighing is unreliable"),
    PlanFlag.INCREASE: ("↑", "up", "the dose goes up (a return to stable or a re-plan)"),
    PlanFlag.TARGET: ("◎", "target", "the final target dose is reached"),
    PlanFlag.SHORT_LAST: ("◔", "short end", "the last dose before the stop is held shorter than the step before it"),
    PlanFlag.FAST_START: (
        "≫",
        "fast start",
        "faster at the start than the guideline's initial 5–10 % every 2–4 weeks (information)",
    ),
}


def flag_summary(codes: Iterable[str]) -> str:
    """``! >10% » cut>plan`` for a step's flag codes (an unknown code is shown as stored)."""
    return " ".join(flag.marked if (flag := PlanFlag.of(c)) is not None else c for c in codes)


def flag_legend(codes: Iterable[str], separator: str = " · ") -> str:
    """A legend for the flags present (in :class:`PlanFlag` order, each once):
    ``! >10%: cut above 10 % of the dose · ◇ coarse: …``; empty when there are none."""
    present = {flag for c in codes if (flag := PlanFlag.of(c)) is not None}
    return separator.join(f"{f.marked}: {f.explanation}" for f in PlanFlag if f in present)


def too_coarse_text(where: str, cut: str, advice: str) -> str:
    """``This form is too coarse below 2 mg for a 0.5 % cut — dilute to 0.5 mg/mL, or lengthen the
    steps.``: ``where`` is the doses the form cannot cut as planned (``below 2 mg``, the smallest
    measurable dose of the form, a figure the person can actually draw up or weigh; or ``from 5 mg
    down`` for a band's whole range), ``cut`` the cut that applies there (``10 %``, a band's
    ``0.5 mg``) and ``advice`` the useful change for the form in use (``Formulation.finer_advice``,
    docs/DOMAIN.md §3.5). (Words, not the params: this module sits below the plan model, which
    imports it.)"""
    return f"This form is too coarse {where} for a {cut} cut — {advice}, or lengthen the steps."


@dataclass(frozen=True)
class Flag:
    """A step's flag as stored: the machine-readable code and the sentence shown to the person."""

    code: str
    """The :class:`PlanFlag` value (kept as a string so a newer file's unknown code survives)."""
    text: str
    """The sentence for this step, with its own figures."""

    @property
    def flag(self) -> PlanFlag | None:
        """The :class:`PlanFlag` of :attr:`code` (``None`` when this version does not know it)."""
        return PlanFlag.of(self.code)

    def to_record(self) -> dict[str, str]:
        return {"code": str(self.code), "text": self.text}
