"""The demo data set: a generated, realistic journal for trying the app, screenshots and benchmarks.

It lives outside ``tui.core`` because it is not a domain rule: it *uses* the planner, the plan
changes and the entry model to tell one person's story, the way a person using the app would.
"""
