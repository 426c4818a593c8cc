"""The README's key table and command list stay in step with the app and the CLI."""

from __future__ import annotations

from pathlib import Path

from tui.cli import SUBCOMMANDS, build_parser
from tui.ui.views.help import KEY_GROUPS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_help_key_is_in_the_readme():
    missing = [
        key
        for _group, keys in KEY_GROUPS
        for key, _meaning in keys
        if key.replace("[ / ]", "`[` / `]`").replace("?", "`?`") not in README
    ]
    assert not missing, f"README lacks these keys from Help: {missing}"


def test_every_subcommand_is_in_the_readme():
    parser = build_parser()
    names = [action for action in parser._subparsers._group_actions[0].choices]
    assert len(names) == len(SUBCOMMANDS)
    for name in names:
        assert f"taper-tui {name}" in README


def test_quick_start_is_exactly_two_commands():
    quick = README.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [line.split("#")[0].strip() for line in quick.strip().splitlines()]
    assert commands == ["make run", "make test"]


def test_every_plan_flag_is_explained_in_the_readme():
    """The README's sign list is the same vocabulary as the Schedule, Help and the CLI."""
    from tui.core.plan_flags import PlanFlag

    missing = [flag.marked for flag in PlanFlag if flag.marked not in README.replace("\n", " ")]
    assert not missing, f"README lacks these plan flags: {missing}"
