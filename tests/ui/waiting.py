"""Waiting in Pilot tests for what actually happened, never for a while.

``pilot.pause()`` is not a barrier: it waits one turn of the queues that exist when it starts,
then until the process *looks* idle (CPU time against wall time). On a loaded machine the process
is often not scheduled at all, so it looks idle while a chain of messages is still on its way
(a button's ``Pressed`` bubbling up to its screen, the screen dismissing, the callback pushing
the next screen, that screen composing). A test that reads the app after one pause then reads
it half-way through, and fails now and then.

So a test waits for the condition it is about to rely on (a screen shown *and mounted*, a view
switched, a value stored), or for every queued message to be handled (:func:`settled`) before
asserting that something did *not* change. Each wait is bounded and names what never happened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

PAUSES = 200
"""How many pauses a wait allows before failing (each is at least one turn of every queue)."""

ScreenType = TypeVar("ScreenType", bound=Screen[Any])


async def wait_until(pilot: Pilot[Any], condition: Callable[[], object], what: str) -> None:
    """Pause until ``condition()`` holds; fail naming ``what`` when it never does."""
    for _ in range(PAUSES):
        if condition():
            return
        await pilot.pause()
    if not condition():
        raise AssertionError(f"{what}: not so after {PAUSES} pauses")


async def wait_for_screen(pilot: Pilot[Any], kind: type[ScreenType]) -> ScreenType:
    """The active screen once it is a ``kind`` and mounted (composed, children mounted, its
    ``on_mount`` run): a pushed screen is on the stack before any of that has happened."""
    app = pilot.app
    await wait_until(
        pilot,
        lambda: isinstance(app.screen, kind) and app.screen.is_mounted,
        f"{kind.__name__} shown (the screen is {app.screen!r})",
    )
    screen = app.screen
    assert isinstance(screen, kind)
    return screen


def _queued(app: App[Any]) -> int:
    """Messages waiting in the app's queue and in those of every node of every screen on the stack."""
    nodes = [app, *(node for screen in app.screen_stack for node in screen.walk_children(with_self=True))]
    return sum(node.message_queue_size for node in nodes)


async def settled(pilot: Pilot[Any]) -> None:
    """Pause until every message posted so far has been handled (no queue holds one): the
    barrier before asserting that a change had *no* effect, where there is nothing to wait for."""
    await wait_until(pilot, lambda: _queued(pilot.app) == 0, "all messages handled")
