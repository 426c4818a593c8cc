"""The export formats by name, without loading the modules that render them."""

FORMAT_EXTENSIONS: dict[str, str] = {
    "json": "json",
    "csv": "csv",
    "report": "md",
    "text": "txt",
    "html": "html",
    "ics": "ics",
}
"""Export formats and the file extension each is usually saved with."""

WHAT_CHOICES = ("days", "steps")
"""What a CSV export lists: one row per logged day, or per step of the plan."""
