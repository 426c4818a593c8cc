"""The default withdrawal-symptom catalogue and its red flags.

Domains follow the withdrawal-symptom table of the 2025 joint clinical practice guideline on
benzodiazepine tapering. Each symptom is rated 0–4 (none, mild, moderate, severe, extreme) on
taper-tui's own scale; no licensed questionnaire wording (CIWA-B, BWSQ) is embedded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Symptom:
    """One symptom a person can rate.

    Attributes:
        key: Stable identifier stored in the data file (lower case, underscores).
        label: What the person reads.
        domain: The guideline's domain, used to group the form.
        red_flag: Any rating above 0 shows the crisis panel; never scored away.
    """

    key: str
    label: str
    domain: str
    red_flag: bool = False


DEFAULT_SYMPTOMS: tuple[Symptom, ...] = (
    Symptom("headache", "Headache", "general"),
    Symptom("sweating", "Sweating / night sweats", "general"),
    Symptom("anxiety_panic", "Anxiety / panic", "affective"),
    Symptom("low_mood", "Low mood", "affective"),
    Symptom("irritability", "Irritability", "affective"),
    Symptom("palpitations", "Palpitations", "cardiovascular"),
    Symptom("chest_pain", "Chest pain", "cardiovascular"),
    Symptom("nausea", "Nausea", "gastrointestinal"),
    Symptom("cramps", "Stomach cramps", "gastrointestinal"),
    Symptom("diarrhoea", "Diarrhoea", "gastrointestinal"),
    Symptom("brain_fog", "Poor concentration / brain fog", "neurological"),
    Symptom("sensory_hypersensitivity", "Sensory hypersensitivity", "neurological"),
    Symptom("tingling", "Tingling / numbness", "neurological"),
    Symptom("tinnitus", "Tinnitus", "neurological"),
    Symptom("perceptual_disturbance", "Perceptual disturbance", "neurological"),
    Symptom("muscle_tension", "Muscle pain / tension", "neuromuscular"),
    Symptom("twitches", "Twitches", "neuromuscular"),
    Symptom("tremor", "Tremor", "neuromuscular"),
    Symptom("balance", "Balance problems", "neuromuscular"),
    Symptom("restlessness", "Akathisia / restlessness", "neuropsychiatric"),
    Symptom("depersonalisation", "Depersonalisation / derealisation", "neuropsychiatric"),
    Symptom("insomnia", "Insomnia", "sleep"),
    Symptom("nightmares", "Nightmares", "sleep"),
    Symptom("seizure", "Seizure", "red flag", red_flag=True),
    Symptom("confusion", "Confusion / delirium", "red flag", red_flag=True),
    Symptom("hallucinations", "Hallucinations / psychosis", "red flag", red_flag=True),
    Symptom("suicidal_thoughts", "Suicidal thoughts or self-harm", "red flag", red_flag=True),
)

RED_FLAG_KEYS: frozenset[str] = frozenset(s.key for s in DEFAULT_SYMPTOMS if s.red_flag)

_BY_KEY = {s.key: s for s in DEFAULT_SYMPTOMS}


@cache
def symptom_key(name: str) -> str:
    """Normalise a typed symptom name to its stored key (``"Brain fog"`` → ``"brain_fog"``).

    Memoised (a pure function of the text): every stored rating's name passes through here."""
    return "_".join(name.strip().lower().replace("-", " ").replace("/", " ").split())


def default_symptom(key: str) -> Symptom | None:
    """The catalogue entry for ``key``, or ``None`` for a person's own symptom."""
    return _BY_KEY.get(key)


def symptom_label(key: str, custom: Iterable[str] = ()) -> str:
    """What a person reads for the symptom stored as ``key``: the catalogue's label, else the
    person's own name for it exactly as typed ("Jaw clenching" stays capitalised), else the
    key with spaces (a symptom rated once and since removed from the custom list)."""
    known = _BY_KEY.get(key)
    if known is not None:
        return known.label
    for name in custom:
        if symptom_key(name) == key:
            return name.strip()
    return key.replace("_", " ")


def catalogue(
    custom: list[str] | tuple[str, ...] = (), hidden: frozenset[str] | set[str] = frozenset()
) -> list[Symptom]:
    """The symptoms to offer: defaults (red flags always kept) minus hidden, plus custom ones."""
    shown = [s for s in DEFAULT_SYMPTOMS if s.red_flag or s.key not in hidden]
    known = {s.key for s in shown}
    for name in custom:
        key = symptom_key(name)
        if key and key not in known and key not in hidden:
            shown.insert(len(shown) - len(RED_FLAG_KEYS), Symptom(key, name.strip(), "my symptoms"))
            known.add(key)
    return shown


def red_flags_in(symptoms: dict[str, int]) -> list[Symptom]:
    """The red-flag symptoms rated above 0 in a day's symptom ratings."""
    return [_BY_KEY[key] for key, level in symptoms.items() if key in RED_FLAG_KEYS and level > 0]
