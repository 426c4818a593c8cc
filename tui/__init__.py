"""taper-tui: plan, log and see a supervised benzodiazepine micro-taper in the terminal."""

__version__ = "0.1.0"
