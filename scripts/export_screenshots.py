"""Regenerate screenshots/*.svg: every view on the demo data, and the newer modes and screens,
at 100×30 and 80×24.

Run with ``make screenshots``. "Today" and the clock are fixed, animations are off and no cursor
blinks, so the pictures only change when the app does: a second run leaves them byte-identical
(the tab underline used to be caught mid-slide).

Besides one picture per view, each :data:`SCENES` entry opens a view, presses its keys and takes
the picture: the Chart's days-since-cut mode (``a``) and estimated level (``L``), the plan
history (``H`` in Schedule), Today with the supply line (a bottle that ends within 14 days is
entered first), and the own crisis lines list (Help ``r`` then ``o``). A scene that changes the
settings works on its own copy of the demo file.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from textual.widgets import Input, TextArea

from tui.commands.demo import write_demo
from tui.core.crisis_lines import OWN_LINES_SETTING
from tui.core.plan_model import Plan
from tui.core.supply import SUPPLY_SETTING, Bottle, need_between, supply_form_on
from tui.store.journal import Journal, open_journal
from tui.ui.app import VIEWS, build_app

TODAY = date(2027, 3, 15)
NOW = datetime(2027, 3, 15, 9, 0)
SIZES = ((100, 30), (80, 24))
OUT = Path(__file__).resolve().parent.parent / "screenshots"


def enter_bottle(journal: Journal) -> None:
    """A bottle opened three weeks ago that runs out in ten days (so Today shows the supply line)."""
    stored = journal.get_plan()
    assert stored is not None, "the demo has a plan"
    plan = Plan.from_record(stored)
    opened = TODAY - timedelta(days=21)
    logged = {e.day: e.total_mg for e in journal.days(opened, TODAY) if e.intakes}
    need = need_between(plan, opened, TODAY + timedelta(days=9), logged)
    # The bottle is of the form today is measured in (a plan may switch form partway).
    today_form = supply_form_on(plan, TODAY)
    part = next(part for part in need.parts if part.formulation == today_form)
    bottle = Bottle.create(part.amount, part.unit, opened, TODAY + timedelta(days=39))
    journal.update_settings(**{SUPPLY_SETTING: bottle.to_record()})


def enter_own_lines(journal: Journal) -> None:
    """The UK region and one line of the person's own (shown with the region's)."""
    own = [{"name": "Dr Lee out of hours", "number": "0161 555 0101", "purpose": "my prescriber, evenings"}]
    journal.update_settings(region="UK", **{OWN_LINES_SETTING: own})


@dataclass(frozen=True)
class Scene:
    """One picture: a view, the keys pressed in it, and what is entered in the file first."""

    name: str
    """The file name's first part (``chart-since-cut`` → ``chart-since-cut-80x24.svg``)."""
    view_id: str
    keys: tuple[str, ...] = ()
    prepare: Callable[[Journal], None] | None = None
    """Run on a copy of the demo file before the app opens (None: the demo file as it is)."""


SCENES = (
    *(Scene(view_id, view_id) for view_id, _title, _cls in VIEWS),
    Scene("chart-since-cut", "chart", ("a",)),
    Scene("chart-level", "chart", ("L",)),
    Scene("plan-history", "schedule", ("H",)),
    Scene("today-supply", "today", prepare=enter_bottle),
    Scene("own-lines", "help", ("r", "o"), prepare=enter_own_lines),
)
"""Every picture taken, in order."""


async def capture(data_path: Path, scene: Scene, size: tuple[int, int]) -> str:
    """The SVG of one scene at one terminal size."""
    journal = open_journal(data_path)
    try:
        app = build_app(journal, today=TODAY, clock=lambda: NOW)
        app.animation_level = "none"  # the tab underline jumps instead of sliding
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            app.action_show_view(scene.view_id)
            view = app.view(scene.view_id)
            for _ in range(100):  # keys go to the view once it has the focus
                await pilot.pause()
                focused = app.focused
                if focused is not None and (focused is view or view in focused.ancestors):
                    break
            for key in scene.keys:
                await pilot.press(key)
                await pilot.pause()
            for field_widget in [*app.screen.query(Input), *app.screen.query(TextArea)]:
                field_widget.cursor_blink = False  # a steady cursor, whenever the picture is taken
            await pilot.pause(0.2)
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            return app.export_screenshot(title=f"taper-tui — {scene.name}")
    finally:
        journal.close()


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        demo_path = Path(folder) / "taper.json"
        write_demo(demo_path, end=TODAY)
        for scene in SCENES:
            data_path = demo_path
            if scene.prepare is not None:
                data_path = Path(folder) / scene.name / "taper.json"
                data_path.parent.mkdir()
                shutil.copyfile(demo_path, data_path)
                with open_journal(data_path) as journal:
                    scene.prepare(journal)
            for width, height in SIZES:
                target = OUT / f"{scene.name}-{width}x{height}.svg"
                target.write_text(await capture(data_path, scene, (width, height)), encoding="utf-8")
                print(f"wrote {target.relative_to(OUT.parent)}")


if __name__ == "__main__":
    asyncio.run(main())
