"""ViewTabs: the app's tabbed views, switched by keys and tab clicks only, never by focus.

Textual's ``TabbedContent`` shows the pane of any widget that gets focus. Focus arrives
asynchronously, so a focus given to the old view just before a view switch (at start-up, or a
key typed ahead) would switch back to the old view after the new one was shown. Here a pane is
shown only when asked for: the app already focuses the view it shows.
"""

from __future__ import annotations

from textual.widgets import TabbedContent, TabPane


class ViewTabs(TabbedContent):
    """A ``TabbedContent`` whose panes are not activated by focus (see the module docstring)."""

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        # Textual calls the handler of every class in the chain: prevent_default keeps
        # TabbedContent's own (which would show the focused pane) from running after this one.
        event.prevent_default()
        event.stop()
