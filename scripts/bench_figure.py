"""One row of ``make bench``: a figure, its reference from the same run, its target, the table.

Every speed figure is the wall-clock median of several runs; where the CPU time of the same runs
is known, its 10th percentile is shown beside it. On a shared machine the wall time includes
waiting for a core, the CPU time does not, and its low percentile is what the code costs when
nothing else gets in the way; the two together tell a slow program from a busy machine. The
targets are judged on the wall median (what a person waits), as the figures were set.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field


def median(values: list[float]) -> float:
    """The median of ``values``."""
    return statistics.median(values)


def p10(values: list[float]) -> float | None:
    """The 10th percentile of ``values`` (inclusive: never below the smallest); None when empty."""
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[0]


@dataclass
class Figure:
    """One row of the table: our median, the reference's, and the target it is held to.

    Attributes:
        key: A short stable name (the JSON's and the ``--strict`` report's).
        what: What was measured, as the table's first column says it.
        ours: Our wall-clock median (or the size, for memory); None when it could not be measured.
        reference: The reference's median in the same unit; None when there is none.
        unit: ``ms`` or ``MB``.
        reference_what: What the reference is.
        target: The target in words (from the performance issue's table, or our own).
        met: Whether the target is met; None when the row has no target.
        note: Anything more, printed under the table.
        cpu_p10: The 10th percentile of our CPU time over the same runs, in ``unit``.
        reference_cpu_p10: The same for the reference.
    """

    key: str
    what: str
    ours: float | None
    reference: float | None
    unit: str
    reference_what: str
    target: str
    met: bool | None
    note: str = ""
    cpu_p10: float | None = field(default=None)
    reference_cpu_p10: float | None = field(default=None)

    @property
    def ratio(self) -> float | None:
        """Ours over the reference (wall medians)."""
        if self.ours is None or not self.reference:
            return None
        return self.ours / self.reference


def not_measured(key: str, what: str, target: str, why: str) -> Figure:
    """A row for a figure that could not be taken (the reason printed in its place)."""
    return Figure(key, what, None, None, "ms", "", target, None, why)


def _amount(value: float | None, unit: str) -> str:
    return "" if value is None else f"{value:.1f} {unit}"


def table(figures: list[Figure]) -> str:
    """The figures as an aligned text table, references and notes listed under it."""
    rows = [("figure", "taper-tui", "p10 CPU", "reference", "ref CPU", "ratio", "target", "result")]
    for f in figures:
        if f.ours is None:
            rows.append((f.what, f.note, "", "", "", "", f.target, "—"))
            continue
        ratio = "" if f.ratio is None else f"{f.ratio:.2f}"
        result = {True: "PASS", False: "MISS", None: ""}[f.met]
        rows.append(
            (
                f.what,
                _amount(f.ours, f.unit),
                _amount(f.cpu_p10, f.unit),
                _amount(f.reference, f.unit) if f.reference else "",
                _amount(f.reference_cpu_p10, f.unit),
                ratio,
                f.target,
                result,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.append("references:")
    lines += sorted({f"  {f.key}: {f.reference_what}" for f in figures if f.reference_what})
    notes = [f"  {f.key}: {f.note}" for f in figures if f.note and f.ours is not None]
    if notes:
        lines += ["notes:", *notes]
    return "\n".join(lines)
