"""``taper-tui plan --help`` names what each crossover and second-form option takes: every one
showed ``X``."""

from __future__ import annotations

import re


def test_every_option_names_its_value(taper) -> None:
    result = taper("plan", "--help")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert not re.search(r"--[a-z-]+ \[?X\b", text), text
    for shown in (
        "--crossover-to DRUG",
        "--crossover-stages N",
        "--crossover-every DAYS",
        "--crossover-first N",
        "--to-tablet MG",
        "--to-split N",
        "--to-liquid MG_PER_ML",
        "--to-resolution ML",
        "--then-liquid MG_PER_ML",
        "--then-tablet-weight MG",
    ):
        assert shown in text, shown
