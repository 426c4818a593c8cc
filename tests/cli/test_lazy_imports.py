"""The command line imports only what the named subcommand needs.

``taper-tui status`` runs in shell prompts and ``taper-tui log`` from cron and aliases: neither
may load Textual, plotext, the exports, the demo generator or the other subcommands, and only
``--version`` needs ``importlib.metadata``. Opening the app imports no subcommand at all.

Each run is a real process running the console script's ``main``, which then writes the names in
``sys.modules`` to a file (``python -X importtime`` would not do: it does not see modules loaded
with ``importlib.import_module``, which is how the subcommands are loaded). Nothing here is timed
(``make bench`` times the commands).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from tests.cli.conftest import TODAY
from tui.core.entry import DayEntry, Intake
from tui.core.formulations import Tablet
from tui.core.plan_model import PlanParams
from tui.core.planner import build_plan
from tui.store.journal import open_journal

NEVER_FOR_A_SUBCOMMAND = ("textual", "plotext", "textual_plotext", "rich", "importlib.metadata", "tui.ui", "tui.demo")
"""Top-level packages (and their submodules) that ``log`` and ``status`` must not load."""


PROBE = """
import sys
from tui.cli import main
try:
    code = main(sys.argv[2:])
except SystemExit as done:  # --help and --version end in parser.exit()
    code = done.code
with open(sys.argv[1], "w", encoding="utf-8") as listing:
    listing.write("\\n".join(sorted(sys.modules)))
sys.exit(code)
"""
"""``python -c PROBE LISTING ARGS``: ``taper-tui ARGS``, then every loaded module's name into LISTING."""


def imported_modules(*args: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run ``taper-tui ARGS`` in a new Python; the result and the name of every module it loaded."""
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "modules.txt"
        result = subprocess.run(
            [sys.executable, "-c", PROBE, str(listing), "--today", TODAY, *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        modules = set(listing.read_text(encoding="utf-8").split("\n"))
    assert "tui.cli" in modules, result.stderr[-2000:]
    return result, modules


def loaded_from(modules: set[str], packages: tuple[str, ...]) -> set[str]:
    return {m for m in modules if any(m == p or m.startswith(p + ".") for p in packages)}


def subcommand_modules(modules: set[str]) -> set[str]:
    return {m for m in modules if m.startswith("tui.commands.") and m != "tui.commands.common"}


def a_journal_with_a_plan(data_path: Path) -> None:
    """A plan started three weeks before TODAY and yesterday logged: what a prompt reads."""
    today = date.fromisoformat(TODAY)
    plan = build_plan(
        PlanParams(
            drug="clonazepam",
            start=today - timedelta(days=21),
            dose_mg=Decimal("1"),
            formulation=Tablet.create("0.5", "4"),
            cut_pct=Decimal(10),
            step_days=14,
            split=(Decimal("1"),),
        )
    )
    with open_journal(data_path) as journal:
        journal.save_plan(plan.to_record())
        journal.save_day(DayEntry(day=today - timedelta(days=1), intakes=(Intake(Decimal("0.875"), "08:00"),)))


def test_log_loads_neither_textual_nor_the_other_subcommands(data_path: Path) -> None:
    a_journal_with_a_plan(data_path)
    result, modules = imported_modules("--data", str(data_path), "log", "--anxiety", "3", "--dose", "0.875@08:00")
    assert result.returncode == 0, result.stderr[-2000:]
    assert loaded_from(modules, NEVER_FOR_A_SUBCOMMAND) == set()
    assert subcommand_modules(modules) == {"tui.commands.log"}
    assert loaded_from(modules, ("tui.exchange",)) == set()


def test_status_loads_neither_textual_nor_the_other_subcommands(data_path: Path) -> None:
    a_journal_with_a_plan(data_path)
    result, modules = imported_modules("--data", str(data_path), "status")
    assert result.returncode in (0, 1), result.stderr[-2000:]  # logged today / not yet
    assert result.stdout.strip()  # the line was printed: the whole command ran
    assert loaded_from(modules, NEVER_FOR_A_SUBCOMMAND) == set()
    assert subcommand_modules(modules) == {"tui.commands.status"}
    assert loaded_from(modules, ("tui.exchange",)) == set()


def test_version_is_what_loads_importlib_metadata(data_path: Path) -> None:
    # The check above would pass vacuously if importtime named modules differently.
    result, modules = imported_modules("--data", str(data_path), "--version")
    assert result.returncode == 0
    assert "importlib.metadata" in modules
    assert subcommand_modules(modules) == set()
    assert loaded_from(modules, ("textual", "tui.ui")) == set()


def test_parsing_the_command_line_of_the_app_imports_no_subcommand(tmp_path: Path) -> None:
    # What `taper-tui` does before it opens the app; the app itself then imports Textual.
    probe = (
        "import sys; from tui.cli import build_parser; "
        f"build_parser(['--data', {str(tmp_path / 't.json')!r}]).parse_args(['--data', 'x']); "
        "print(sorted(m for m in sys.modules if m.startswith(('tui.commands.', 'tui.demo', 'textual'))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['tui.commands.common']"


def test_top_level_help_still_lists_every_subcommand(data_path: Path) -> None:
    result, modules = imported_modules("--help")
    assert "tui.commands.log" in modules  # the listing sees modules loaded by import_module
    assert result.returncode == 0
    for name in ("plan", "log", "status", "supply", "export", "import", "restore", "serve", "demo"):
        assert f"    {name} " in result.stdout
    assert {"tui.commands.log", "tui.commands.status", "tui.commands.demo"} <= subcommand_modules(modules)
