"""Regenerate screenshots/*.svg: every view on the demo data, at 100×30 and 80×24.

Run with ``make screenshots``. "Today" and the clock are fixed, animations are off and no cursor
blinks, so the pictures only change when the app does: a second run leaves them byte-identical
(the tab underline used to be caught mid-slide).
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import date, datetime
from pathlib import Path

from textual.widgets import Input, TextArea

from tui.commands.demo import write_demo
from tui.store.journal import open_journal
from tui.ui.app import VIEWS, build_app

TODAY = date(2027, 3, 15)
SIZES = ((100, 30), (80, 24))
OUT = Path(__file__).resolve().parent.parent / "screenshots"


async def capture(data_path: Path, view_id: str, size: tuple[int, int]) -> str:
    """The SVG of one view at one terminal size."""
    journal = open_journal(data_path)
    try:
        app = build_app(journal, today=TODAY, clock=lambda: datetime(2027, 3, 15, 9, 0))
        app.animation_level = "none"  # the tab underline jumps instead of sliding
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            app.action_show_view(view_id)
            await pilot.pause()
            for field in [*app.screen.query(Input), *app.screen.query(TextArea)]:
                field.cursor_blink = False  # a steady cursor, whenever the picture is taken
            await pilot.pause(0.2)
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            return app.export_screenshot(title=f"taper-tui — {view_id}")
    finally:
        journal.close()


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        data_path = Path(folder) / "taper.json"
        write_demo(data_path, end=TODAY)
        for view_id, _title, _cls in VIEWS:
            for width, height in SIZES:
                target = OUT / f"{view_id}-{width}x{height}.svg"
                target.write_text(await capture(data_path, view_id, (width, height)), encoding="utf-8")
                print(f"wrote {target.relative_to(OUT.parent)}")


if __name__ == "__main__":
    asyncio.run(main())
