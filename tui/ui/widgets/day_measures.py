"""The Log's ratings of the day — anxiety, mood, sleep hours, sleep quality — and its phase.

Each field parses with the core validator of its scale (:mod:`tui.core.scales`), so a range and
its words are written once; the phase choices come from :class:`~tui.core.scales.Phase`. What is
typed is kept as typed: a wrong value stays in its field, marked, with its message under it.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select

from tui.core.doses import format_decimal
from tui.core.entry import DayEntry
from tui.core.scales import ANXIETY, MOOD, SLEEP_QUALITY, Phase, Scale
from tui.core.validation import ValidationError, parse_int, parse_sleep_hours
from tui.ui.widgets.value_field import ValueField

PHASE_OPTIONS = [(phase.explained, phase.value) for phase in Phase]
"""``☼ window — a better stretch`` … from the one phase vocabulary."""
FIELD_IDS = ("anxiety", "mood", "sleep-hours", "sleep-quality")
"""The ids of the value fields, in form order (also the keys of :meth:`DayMeasures.parse`)."""


def _scale_field(label: str, scale: Scale, field_id: str) -> ValueField[int]:
    return ValueField(
        label,
        lambda text: parse_int(scale.name, text, scale.low, scale.high),
        f"{scale.span}: {scale.meaning}",
        width=4,
        id=field_id,
    )


class DayMeasures(Vertical):
    """Anxiety, mood, sleep hours and quality as :class:`ValueField` s, then the phase choice."""

    DEFAULT_CSS = """
    DayMeasures { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield _scale_field("Anxiety", ANXIETY, "anxiety")
        yield _scale_field("Mood", MOOD, "mood")
        yield ValueField(
            "Sleep hours",
            lambda t: parse_sleep_hours(t, "sleep hours"),
            "hours slept, e.g. 6.5",
            width=6,
            id="sleep-hours",
        )
        yield _scale_field("Sleep quality", SLEEP_QUALITY, "sleep-quality")
        with Horizontal(id="phase-row"):
            yield Label("Phase")
            yield Select(PHASE_OPTIONS, prompt="neither", compact=True, id="phase")

    @property
    def fields(self) -> list[ValueField[Any]]:
        """The value fields in form order."""
        return [self.query_one(f"#{field_id}", ValueField) for field_id in FIELD_IDS]

    @property
    def phase(self) -> Select[str]:
        return self.query_one("#phase", Select)

    @property
    def raw(self) -> tuple[Any, ...]:
        """Everything typed or chosen, as is (for spotting unsaved changes)."""
        return (*(field.raw for field in self.fields), self.phase.value)

    def load(self, entry: DayEntry) -> None:
        """Show ``entry``'s values, with no error marks."""
        values = (entry.anxiety, entry.mood, entry.sleep_hours, entry.sleep_quality)
        for field_id, field, value in zip(FIELD_IDS, self.fields, values, strict=True):
            if value is None:
                field.raw = ""
            else:
                field.raw = format_decimal(value) if field_id == "sleep-hours" else str(value)  # type: ignore[arg-type]
            field.show_error(None)
        self.phase.value = entry.phase if entry.phase else Select.NULL

    def parse(self) -> tuple[dict[str, Any], list[tuple[Input, ValidationError]]]:
        """The values by field id, and every (input, error) that is wrong (each field marked)."""
        values: dict[str, Any] = {}
        problems: list[tuple[Input, ValidationError]] = []
        for field in self.fields:
            try:
                values[field.id or ""] = field.parse()
            except ValidationError as error:
                problems.append((field.input, error))
        return values, problems

    @property
    def phase_value(self) -> str | None:
        """The chosen phase, or ``None`` for neither."""
        value = self.phase.value
        return value if isinstance(value, str) else None

    def check_left(self, left: Input) -> bool:
        """Mark the field ``left`` belongs to if it is wrong; False when it is not one of these."""
        for field in self.fields:
            if field.input is left:
                with suppress(ValidationError):
                    field.parse()  # marks the field; the message is shown under it
                return True
        return False
