"""A plan change in words, shown before it is saved (the Schedule's hold, slow down, return to
stable and re-plan) and before it is undone (plan history): the end date before and after, and
the next steps with each intake in the unit the person measures, so a change is never silent."""

from __future__ import annotations

from datetime import date

from tui.core.plan_flags import flag_legend, flag_summary
from tui.core.plan_model import Plan
from tui.ui.widgets.step_table import daily_total_text, planned_intake_texts


def describe_change(old: Plan | None, new: Plan, today: date) -> str:
    """What a change does, in words: the end date before and after, and the next steps."""

    lines = []
    if old is not None:
        shift = (new.end_date - old.end_date).days
        moved = f"{abs(shift)} days {'later' if shift > 0 else 'earlier'}" if shift else "unchanged"
        lines.append(f"End: {old.end_date.isoformat()} → {new.end_date.isoformat()} ({moved})")
    lines.append("Steps from today:")
    index = new.step_index_on(today) or 0
    for step in new.steps[index : index + 5]:
        flags = f"  {flag_summary(step.flag_codes)}" if step.flags else ""
        intakes = " · ".join(planned_intake_texts(new, step))
        lines.append(
            f"  {step.start.isoformat()} – {step.end.isoformat()}  {intakes} ({daily_total_text(new, step)}){flags}"
        )
    if len(new.steps) > index + 5:
        lines.append(f"  … {len(new.steps) - index - 5} more")
    shown = new.steps[index : index + 5]
    legend = flag_legend(code for step in shown for code in step.flag_codes)
    if legend:
        lines.append(legend)
    return "\n".join(lines)
