"""The symptom catalogue as a column of ratings, grouped by domain, red flags last."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Static

from tui.core.symptoms import Symptom
from tui.ui.widgets.symptom_rating import RED_FLAG_GLYPH, SymptomRating

DOMAIN_TITLES = {"red flag": f"{RED_FLAG_GLYPH} Red flags — any rating shows the crisis lines when you save"}


class SymptomList(Vertical):
    """All symptoms to rate, one :class:`SymptomRating` each, plus a way to show hidden ones.

    The list keeps its ratings in a dict of its own, so values can be read and set right after
    a rebuild, before Textual has finished mounting the new rows.
    """

    DEFAULT_CSS = """
    SymptomList {
        height: auto;
    }
    SymptomList > .symptom-domain {
        color: $text-muted;
        text-style: italic;
        padding: 0 1;
    }
    SymptomList > .symptom-hint {
        color: $text-muted;
        padding: 0 1;
    }
    SymptomList > #show-hidden {
        margin: 1 1 0 1;
    }
    """

    def __init__(self, symptoms: list[Symptom], hidden_count: int = 0, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._symptoms = symptoms
        self._hidden_count = hidden_count
        self._ratings: dict[str, SymptomRating] = {}

    def compose(self) -> ComposeResult:
        yield from self._rows()

    def _rows(self) -> list[Widget]:
        rows: list[Widget] = [
            Static(
                f"0–4 rate and move on · {RED_FLAG_GLYPH} needs the digit twice · ← → adjust · "
                "backspace: not rated · ctrl+d hides · n: no symptoms today · F1–F6 views",
                classes="symptom-hint",
                markup=False,
            ),
        ]
        self._ratings = {}
        domain = None
        for symptom in self._symptoms:
            if symptom.domain != domain:
                domain = symptom.domain
                rows.append(
                    Static(DOMAIN_TITLES.get(domain, domain.capitalize()), classes="symptom-domain", markup=False)
                )
            rating = SymptomRating(symptom)
            self._ratings[symptom.key] = rating
            rows.append(rating)
        if self._hidden_count:
            plural = "symptom" if self._hidden_count == 1 else "symptoms"
            rows.append(Button(f"Show {self._hidden_count} hidden {plural} again", id="show-hidden", compact=True))
        return rows

    def rebuild(self, symptoms: list[Symptom], hidden_count: int) -> None:
        """Show another catalogue (after adding or hiding a symptom); ratings are kept by key."""
        keep = self.values()
        self._symptoms = symptoms
        self._hidden_count = hidden_count
        self.remove_children()
        self.mount_all(self._rows())
        self.set_values(keep)

    @property
    def keys(self) -> set[str]:
        """Keys of the symptoms on show."""
        return set(self._ratings)

    def rating(self, key: str) -> SymptomRating | None:
        return self._ratings.get(key)

    def values(self) -> dict[str, int]:
        """The rated symptoms (``not rated`` ones are left out, never stored as 0)."""
        return {key: r.level for key, r in self._ratings.items() if r.level is not None}

    def set_values(self, levels: dict[str, int]) -> None:
        """Show these ratings (others become "not rated"); keys not on show are ignored."""
        for key, rating in self._ratings.items():
            rating.set_level_quietly(levels.get(key))

    def rate_unrated(self, level: int) -> list[str]:
        """Give every symptom on show that is not rated ``level`` (rated ones stay); the keys changed."""
        changed = [key for key, rating in self._ratings.items() if rating.level is None]
        for key in changed:
            self._ratings[key].level = level
        return changed

    def first_rating(self) -> SymptomRating | None:
        return next(iter(self._ratings.values()), None)
