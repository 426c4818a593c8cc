"""Browser mode: textual-serve behind a per-run key and a Host/Origin check (see ``access``)."""
