"""Reference facts about benzodiazepines: approximate diazepam equivalents and half-lives.

From docs/DOMAIN.md §4: the Ashton Manual (2002) and, where it gives a figure, the VA/DoD 2021
table (as set beside Ashton's in the 2025 joint guideline). Equivalences are approximate and
sources disagree, so every "≈ diazepam" figure carries the name of its source, and nothing here
is ever used to switch a person from one drug to another by itself. A brand name (Klonopin,
Xanax…) finds its drug: a plan stores the drug, with the name as typed beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tui.core.doses import format_decimal

ASHTON = "Ashton Manual (2002)"
VA_DOD = "VA/DoD guideline (2021)"
DIAZEPAM_REFERENCE_MG = Decimal(10)
"""Equivalents are stated as the dose of each drug that matches 10 mg of diazepam."""


@dataclass(frozen=True)
class Drug:
    """One drug: names, the dose matching 10 mg diazepam per source, and its half-life."""

    key: str
    name: str
    brands: tuple[str, ...]
    equivalent_to_diazepam_10mg: tuple[tuple[str, Decimal], ...]
    """(source, mg of this drug ≈ diazepam 10 mg), the preferred source first."""
    half_life_hours: str
    """As printed by the source, e.g. ``18–50`` or ``20–100 [36–200]`` ([active metabolite])."""

    def half_life_text(self) -> str:
        """``half-life in hours: 6–12 (Ashton Manual (2002))``, as printed by the source
        (``[…]``: its active metabolite)."""
        metabolite = "; [ ] = active metabolite" if "[" in self.half_life_hours else ""
        return f"half-life in hours: {self.half_life_hours} ({ASHTON}{metabolite})"

    def label(self) -> str:
        """``clonazepam (Klonopin, Rivotril)``."""
        return f"{self.name} ({', '.join(self.brands)})" if self.brands else self.name


@dataclass(frozen=True)
class DiazepamEquivalent:
    """An approximate diazepam dose, always with the source it comes from."""

    diazepam_mg: Decimal
    source: str

    def describe(self) -> str:
        """``≈ 20 mg diazepam (Ashton Manual (2002); approximate, for information only)``."""
        return f"≈ {format_decimal(self.diazepam_mg)} mg diazepam ({self.source}; approximate, for information only)"


def _drug(key: str, brands: tuple[str, ...], ashton_mg: str, half_life: str, *others: tuple[str, str]) -> Drug:
    equivalents = ((ASHTON, Decimal(ashton_mg)), *((source, Decimal(mg)) for source, mg in others))
    return Drug(key, key, brands, equivalents, half_life)


DRUGS: dict[str, Drug] = {
    drug.key: drug
    for drug in (
        _drug(
            "clonazepam", ("Klonopin", "Rivotril"), "0.5", "18–50 (US label 30–40; UK 20–60, mean 30)", (VA_DOD, "1")
        ),
        _drug("alprazolam", ("Xanax",), "0.5", "6–12", (VA_DOD, "1")),
        _drug("lorazepam", ("Ativan",), "1", "10–20", (VA_DOD, "2")),
        _drug("diazepam", ("Valium", "Stesolid"), "10", "20–100 [36–200]"),
        _drug("chlordiazepoxide", ("Librium",), "25", "5–30 [36–200]"),
        _drug("oxazepam", ("Serax",), "20", "4–15", (VA_DOD, "30")),
        _drug("temazepam", ("Restoril",), "20", "8–22", (VA_DOD, "15")),
        _drug("nitrazepam", ("Mogadon",), "10", "15–38"),
    )
}
"""Known drugs by lower-case key. Any other name may still be planned (as a custom drug)."""


@dataclass(frozen=True)
class LabelledMaximum:
    """The highest daily dose a drug's official label allows, with where that figure comes from."""

    mg: Decimal
    """The maximum total per day, in mg."""
    source: str
    """The label and the indication the maximum is stated for, e.g. ``US label, seizure disorders``."""


LABELLED_MAXIMA: dict[str, LabelledMaximum] = {
    # Klonopin (clonazepam) US prescribing information: seizure disorders, "should not exceed
    # 20 mg" a day; for panic disorder the label's maximum is 4 mg a day. The higher figure is
    # used: this catches typos, it does not judge a prescription.
    "clonazepam": LabelledMaximum(Decimal(20), "US label, seizure disorders"),
    # Xanax (alprazolam) US prescribing information, panic disorder: "occasionally ... up to 10 mg a day".
    "alprazolam": LabelledMaximum(Decimal(10), "US label, panic disorder"),
    # Ativan (lorazepam) tablets US prescribing information: "1 to 10 mg/day".
    "lorazepam": LabelledMaximum(Decimal(10), "US label"),
    # Valium (diazepam) US prescribing information, anxiety: "2 mg to 10 mg, 2 to 4 times daily".
    "diazepam": LabelledMaximum(Decimal(40), "US label, anxiety"),
}
"""Labelled daily maxima by drug key; a drug not listed has none on file (nothing is guessed)."""

_BRAND_KEYS = {brand.lower(): drug.key for drug in DRUGS.values() for brand in drug.brands}


def find_drug(name: str) -> Drug | None:
    """The drug for a generic or brand name (any case), or None for a drug not in the table."""
    key = name.strip().lower()
    return DRUGS.get(key) or DRUGS.get(_BRAND_KEYS.get(key, ""))


EQUIVALENCE_SOURCES: dict[str, str] = {"ashton": ASHTON, "va-dod": VA_DOD}
"""The equivalence tables a crossover may be computed from (``--equivalence``), by key."""


def equivalence_key(typed: str) -> str | None:
    """``ashton`` or ``va-dod`` for a table typed any way (``VA/DoD``, ``vadod``), else None."""
    cleaned = typed.strip().lower().replace("/", "-")
    cleaned = "va-dod" if cleaned == "vadod" else cleaned
    return cleaned if cleaned in EQUIVALENCE_SOURCES else None


def equivalence_source(typed: str) -> str | None:
    """The source named by ``ashton`` or ``va-dod`` (``vadod``, ``VA/DoD`` too), else None."""
    key = equivalence_key(typed)
    return None if key is None else EQUIVALENCE_SOURCES[key]


def equivalent_mg(drug_name: str, source: str) -> Decimal | None:
    """The mg of ``drug_name`` that ``source`` matches with diazepam 10 mg (None when the source
    gives no figure): diazepam itself is the reference, 10 mg in every table."""
    drug = find_drug(drug_name)
    if drug is None:
        return None
    if drug.key == "diazepam":
        return DIAZEPAM_REFERENCE_MG
    return dict(drug.equivalent_to_diazepam_10mg).get(source)


def diazepam_equivalents(drug_name: str, daily_mg: Decimal) -> list[DiazepamEquivalent]:
    """≈ diazepam for ``daily_mg`` of ``drug_name``, one figure per source (empty if unknown).

    For information only: never used to plan a switch.
    """
    drug = find_drug(drug_name)
    if drug is None:
        return []
    return [
        DiazepamEquivalent(diazepam_mg=daily_mg * DIAZEPAM_REFERENCE_MG / mg, source=source)
        for source, mg in drug.equivalent_to_diazepam_10mg
    ]


def drug_names(typed: str) -> tuple[str, str]:
    """(the name a plan stores, the name as typed when it differs): ``Klonopin`` →
    ``("clonazepam", "Klonopin")``, ``Clonazepam`` → ``("clonazepam", "")``; a drug not in the
    table is stored as typed (stripped), ``("buspirone", "")``."""
    name = typed.strip()
    drug = find_drug(name)
    if drug is None:
        return name, ""
    return drug.key, ("" if name.lower() == drug.key else name)
