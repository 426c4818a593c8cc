"""The History view: every logged day, newest first; open, delete (asked first) and undo."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from textual import events

from tui.core.entry import DayEntry, Intake
from tui.store.journal import open_journal
from tui.ui.app import VIEWS, build_app
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.views.history import HistoryView, history_row
from tui.ui.views.log import LogView

TODAY = date(2027, 3, 15)
SIZE = (80, 24)


def f_key(view_id: str) -> str:
    return f"f{[v for v, _t, _c in VIEWS].index(view_id) + 1}"


def history(app) -> HistoryView:
    return app.screen_stack[0].query_one("#history-view", HistoryView)


def sample_days() -> list[DayEntry]:
    return [
        DayEntry(
            day=TODAY - timedelta(days=2),
            intakes=(Intake(Decimal("0.25"), "08:00"),),
            anxiety=3,
            mood=6,
            sleep_hours=Decimal("7"),
            sleep_quality=4,
            phase="window",
        ),
        DayEntry(
            day=TODAY - timedelta(days=1),
            intakes=(Intake(Decimal("0.125"), "08:00"), Intake(Decimal("0.1"), "20:00")),
            anxiety=6,
            mood=3,
            sleep_hours=Decimal("5.5"),
            symptoms={"insomnia": 3, "headache": 1},
            phase="wave",
            note="rough night",
        ),
        DayEntry(day=TODAY, intakes=(Intake(Decimal("0.225"), None),), mood=5, symptoms={"confusion": 1}),
    ]


def seed(journal) -> None:
    for entry in sample_days():
        journal.save_day(entry)


async def open_history(pilot) -> HistoryView:
    await pilot.press(f_key("history"))
    await pilot.pause()
    return history(pilot.app)


def test_rows_use_words_and_glyphs_not_colour_alone():
    window_day, wave_day, flagged_day = sample_days()
    assert str(history_row(window_day)[6]) == "☼ window"
    assert str(history_row(wave_day)[6]) == "∿ wave"
    assert str(history_row(wave_day)[1]) == "0.125+0.1"  # each intake, never only the day's sum
    assert str(history_row(wave_day)[7]) == "✎"
    assert str(history_row(flagged_day)[7]) == "⚠"
    # the symptom total is Metric.TOTAL: the sum of what was rated on a day whose form was filled
    assert str(history_row(window_day)[5]) == "0"
    assert str(history_row(DayEntry(day=TODAY, intakes=(Intake(Decimal("0.5"), None),)))[5]) == "–"


async def test_days_are_listed_newest_first_and_j_k_move(app_factory, journal):
    seed(journal)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_history(pilot)
        assert view.table.row_count == 3
        assert view.cursor_day() == TODAY
        await pilot.press("j", "j")
        assert view.cursor_day() == TODAY - timedelta(days=2)
        await pilot.press("k")
        assert view.cursor_day() == TODAY - timedelta(days=1)
        await pilot.press("up")
        assert view.cursor_day() == TODAY


async def test_enter_opens_the_day_in_log(app_factory, journal):
    seed(journal)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.active_view_id == "log"
        log = app.screen.query_one("#log-view", LogView)
        assert log.day == TODAY - timedelta(days=1)
        assert log.intakes.raw == (("08:00", "0.125"), ("20:00", "0.1"))


async def test_delete_asks_first_showing_the_day_and_u_undoes_it(app_factory, journal):
    seed(journal)
    wave_day = sample_days()[1]
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_history(pilot)
        await pilot.press("j", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "08:00 0.125 mg · 20:00 0.1 mg" in app.screen.body_text and "rough night" in app.screen.body_text
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert journal.get_day(wave_day.day) == wave_day

        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert journal.get_day(wave_day.day) is None
        assert view.table.row_count == 2
        assert any("press u to undo" in n.message for n in app._notifications)

        await pilot.press("u")
        await pilot.pause()
        assert journal.get_day(wave_day.day) == wave_day
        assert view.table.row_count == 3
        assert view.cursor_day() == wave_day.day


async def test_the_table_follows_changes_made_in_log(app_factory, journal):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_history(pilot)
        assert view.table.row_count == 0
        assert "Nothing logged yet" in str(view.query_one("#history-summary").render())
        app.session.save_day(DayEntry(day=TODAY, mood=5))
        await pilot.pause()
        assert view.table.row_count == 1


async def test_ten_years_of_days_fill_the_table_and_rebuild(tmp_path):
    # How long the rebuild takes is measured by `make bench` ("history"), not asserted here.
    journal = open_journal(tmp_path / "taper.json")
    journal.update_settings(onboarded=True)
    start = TODAY - timedelta(days=3649)
    entries = [
        DayEntry(
            day=start + timedelta(days=n),
            intakes=(Intake(Decimal("0.25"), "08:00"),),
            anxiety=n % 11,
            mood=10 - n % 11,
            symptoms={"headache": n % 5},
        )
        for n in range(3650)
    ]
    with journal.batch():
        for entry in entries:
            journal.save_day(entry)
    try:
        app = build_app(journal, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            view = await open_history(pilot)
            assert view.table.row_count == 3650
            view.refresh_data()
            assert view.table.row_count == 3650
    finally:
        journal.close()


def test_history_view_snapshot_at_80x24(snap_compare, tmp_path: Path):
    journal = open_journal(tmp_path / "taper.json")
    journal.update_settings(onboarded=True)
    seed(journal)

    async def run_before(pilot) -> None:
        await pilot.press(f_key("history"))
        await pilot.pause()

    try:
        assert snap_compare(build_app(journal, today=TODAY), terminal_size=SIZE, run_before=run_before)
    finally:
        journal.close()


async def test_the_highlighted_day_is_described_under_the_table_with_names_as_typed_and_the_note_as_text(
    app_factory, journal
):
    journal.update_settings(custom_symptoms=["Jaw clenching"])
    journal.save_day(
        DayEntry(
            day=TODAY,
            intakes=(Intake(Decimal("0.25"), "08:00"), Intake(Decimal("0.2"), "20:00")),
            symptoms={"jaw_clenching": 2},
            note="[/b] closed? [@click=app.quit]q[/] \x1b[2J",
        )
    )
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        detail = str(app.screen.query_one("#history-detail").render())
        assert "Taken: 08:00 0.25 mg · 20:00 0.2 mg (daily total 0.45 mg)" in detail
        assert "Jaw clenching 2" in detail
        assert "[/b] closed? [@click=app.quit]q[/] \\x1b[2J" in detail
        assert "\x1b" not in detail
        legend = " ".join(str(app.screen.query_one("#history-legend").render()).split())
        assert "symptoms: sum of 0–4 ratings" in legend and "☼ window" in legend and "∿ wave" in legend


def seed_days(journal, count: int) -> None:
    with journal.batch():
        for n in range(count):
            journal.save_day(DayEntry(day=TODAY - timedelta(days=n), mood=n % 11))


async def test_page_keys_home_and_end_move_the_cursor_and_keep_it_in_view(app_factory, journal):
    seed_days(journal, 60)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_history(pilot)
        table = view.table
        page = table.scrollable_content_region.height - 1  # rows under the header
        await pilot.press("pagedown")
        assert view.cursor_day() == TODAY - timedelta(days=page)
        assert table.scroll_y > 0
        await pilot.press("pageup")
        assert view.cursor_day() == TODAY and table.scroll_y == 0
        for key, day in (("end", 59), ("home", 0), ("G", 59), ("g", 0), ("ctrl+end", 59), ("ctrl+home", 0)):
            await pilot.press(key)
            await pilot.pause()
            assert view.cursor_day() == TODAY - timedelta(days=day), key
            row_line = table.row_line(table.cursor_row)
            assert table.scroll_y <= row_line < table.scroll_y + page, key


async def test_a_click_selects_a_row_a_second_click_opens_it_and_the_wheel_scrolls(app_factory, journal):
    seed_days(journal, 60)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_history(pilot)
        table = view.table
        await pilot.click(table, offset=(3, 0))  # the header: nothing happens
        assert view.cursor_day() == TODAY
        await pilot.click(table, offset=(3, 3))  # the header line, then rows 0, 1, 2
        await pilot.pause()
        assert view.cursor_day() == TODAY - timedelta(days=2)
        assert (TODAY - timedelta(days=2)).isoformat() not in str(view.query_one("#history-detail").render())
        assert "Mood 2" in str(view.query_one("#history-detail").render())
        # Pilot has no wheel helper: the same private path its clicks take
        await pilot._post_mouse_events([events.MouseScrollDown], widget=table, offset=(3, 3))
        await pilot.pause()
        assert table.scroll_y > 0 and view.cursor_day() == TODAY - timedelta(days=2)  # the wheel moves no cursor
        await pilot._post_mouse_events([events.MouseScrollUp], widget=table, offset=(3, 3))
        await pilot.pause()
        assert table.scroll_y == 0
        await pilot.click(table, offset=(3, 3))
        await pilot.pause()
        assert app.active_view_id == "log"
        assert app.screen.query_one("#log-view", LogView).day == TODAY - timedelta(days=2)


async def test_row_texts_from_the_file_are_drawn_as_data(app_factory, journal):
    # History's own cells are dates, numbers and checked words; a cell of markup and an escape is
    # drawn through the same table: never read as markup, the escape shown, not obeyed.
    from tui.ui.widgets.line_table import LineTable, TableColumn

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_history(pilot)
        table = view.table
        assert isinstance(table, LineTable)
        table.set_columns([TableColumn("Note", 60)])
        table.set_rows(["x"], lambda _row: ("[b]bold[/b] [@click=app.quit]q[/] \x1b[2J",))
        await pilot.pause()
        line = table.render_line(1)
        assert line.text.rstrip().startswith(" [b]bold[/b] [@click=app.quit]q[/]")
        assert "\x1b" not in line.text and "\\x1b[2J" in line.text
