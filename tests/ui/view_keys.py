"""The key that shows each view, read from the app's own list of views, and showing one.

Written once, so that a view added, moved or renamed changes the tests' keys in one place.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.pilot import Pilot
from textual.widget import Widget

from tui.ui.app import VIEWS

ViewType = TypeVar("ViewType", bound=Widget)


def view_number(view_id: str) -> int:
    """The view's place in the app's list, from 1: its number key and its F-key's number."""
    return [v for v, _title, _cls in VIEWS].index(view_id) + 1


def f_key(view_id: str) -> str:
    """The function key that shows the view (``f3``)."""
    return f"f{view_number(view_id)}"


async def show_view(pilot: Pilot[Any], view_id: str, kind: type[ViewType]) -> ViewType:
    """Press the view's F-key and return the view once the key is handled."""
    await pilot.press(f_key(view_id))
    await pilot.pause()
    view = pilot.app.view(view_id)
    assert isinstance(view, kind)
    return view
