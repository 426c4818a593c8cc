"""Safety wording shown on first run, in Help, the report and the calendar.

The crisis lines, by region and situation, are in :mod:`tui.core.crisis_lines`.
"""

from __future__ import annotations

SAFETY_NOTICE = (
    "taper-tui is a tracking and arithmetic aid, not medical advice. Plan and change your taper "
    "only with your prescriber. Stopping a benzodiazepine suddenly can cause seizures."
)
