"""A short soak in every test run: the same checks as ``make soak``, with small counts.

``make soak`` (scripts/soak.py) runs them at full size: 1,000 kills, thousands of racing saves,
10,000 malformed imports, hundreds of random texts in the Log form.
"""

from __future__ import annotations

from pathlib import Path

from tests.soak.soak_runs import fuzz_imports, fuzz_log_form, race_writers


def test_two_writers_racing_never_overlap_or_lose_a_save(tmp_path: Path) -> None:
    result = race_writers(tmp_path, rounds=60)
    assert result.tried >= 120
    assert result.failures == []


def test_malformed_imports_are_refused_and_leave_the_store_as_it_was(tmp_path: Path) -> None:
    result = fuzz_imports(tmp_path, count=300)
    assert result.tried == 300
    assert result.notes.get("refused", 0) > 200
    assert result.failures == []


async def test_random_text_in_every_log_field_saves_only_valid_days(tmp_path: Path) -> None:
    result = await fuzz_log_form(tmp_path, count=14)
    assert result.tried == 14
    assert result.notes.get("refused", 0) > 0
    assert result.failures == []
