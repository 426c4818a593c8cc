"""Pure domain: doses, day entries, validation, symptoms, planner and insights.

Nothing in this package does I/O or imports Textual; every other layer builds on it.
"""
