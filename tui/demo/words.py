"""What the demo person writes: questions for the prescriber, notes on bad, good and plain days,
and the reasons given for each change of plan.

Fixed texts, chosen by the story's seeded dice (:mod:`tui.demo.story`), so a seed always gives
the same notes. Questions start with ``Q:``, as the report collects them.
"""

from __future__ import annotations

QUESTIONS = (
    "Q: Is it normal that the tinnitus gets louder about a week after a cut?",
    "Q: Should I hold longer when sleep stays under 5 hours for a week?",
    "Q: Could I move the evening dose to 21:00 so it lasts through the night?",
    "Q: How accurate is my scale really at these weights? Should I re-check it?",
    "Q: Is a 5 % cut reasonable for the next steps, or too slow?",
    "Q: Can I take magnesium for the muscle tension?",
    "Q: The morning before the dose is the worst part of the day — inter-dose withdrawal?",
    "Q: How long should I stay at a dose after a wave before cutting again?",
    "Q: Is the brain fog likely to lift after the taper ends?",
    "Q: Would splitting into three doses a day smooth things out?",
)
BAD_DAY_NOTES = (
    "Rough day. Stayed in most of the afternoon.",
    "Head full of cotton, could not read more than a page.",
    "Woke at 3 and never got back to sleep.",
    "Wave hit mid-morning. Walked it off slowly.",
    "Everything too loud and too bright today.",
    "Heart racing on and off all day, checked my pulse too often.",
)
GOOD_DAY_NOTES = (
    "Window today — felt almost like myself. Cooked a proper dinner.",
    "Good day. Long walk by the river.",
    "Slept through the night for once.",
    "Clear head this morning, got real work done.",
)
PLAIN_NOTES = (
    "Busy day at work, tired in the evening.",
    "Short walk, some reading.",
    "Visited my sister.",
    "Rainy, stayed in and watched a film.",
)
RETURN_REASON = "Confusion episode and a bad wave after this cut; agreed with the prescriber to go back up."
HOLD_REASONS = (
    "Symptoms still well above my pre-cut level; holding two more weeks.",
    "Sleep fell apart after this cut; agreed to hold.",
)
LONG_HOLD_REASONS = (
    "Moving house this month: holding until things settle.",
    "Exam period at work; no cuts until it is over.",
    "Winter blues; holding for a couple of months.",
    "Family illness; holding until life is calmer.",
)
