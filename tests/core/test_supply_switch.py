"""Supply for a plan that switches form partway (docs/DOMAIN.md §3.11): each day is counted in the
form it is measured in — tablets before the switch, mL after — and a bottle only against the days
of its own form."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.exchange.helpers import switching_plan
from tui.core.formulations import Liquid, Tablet
from tui.core.plan_model import Plan
from tui.core.supply import Bottle, need_between, outlook
from tui.core.validation import ValidationError

PLAN = Plan.from_record(switching_plan())
LAST_TABLETS = date(2027, 3, 28)
"""The last tablet day: 1.25 mg = 2 ½ tab a day (from 2027-03-15); the liquid's 1.13 mg = 11.3 mL
a day starts on 2027-03-29."""


def test_a_span_before_the_switch_counts_tablets_only() -> None:
    need = need_between(PLAN, date(2027, 3, 27), LAST_TABLETS)
    assert [part.unit for part in need.parts] == ["tablets"]
    assert need.describe() == "5 tablets (20 quarters = 5 tablets; 2.5 mg)"


def test_a_span_after_the_switch_counts_millilitres_only() -> None:
    need = need_between(PLAN, date(2027, 3, 29), date(2027, 3, 30))
    assert [(part.amount, part.unit) for part in need.parts] == [(Decimal("22.6"), "mL")]
    assert need.describe() == "22.6 mL (2.26 mg)"


def test_a_span_across_the_switch_counts_each_day_in_its_form_and_says_both() -> None:
    need = need_between(PLAN, date(2027, 3, 27), date(2027, 3, 30))
    tablets, liquid = need.parts
    assert (tablets.formulation, tablets.start, tablets.end) == (
        Tablet.create("0.5", 4),
        date(2027, 3, 27),
        LAST_TABLETS,
    )
    assert (tablets.whole_tablets, tablets.pieces, tablets.drug_mg) == (5, 20, Decimal("2.5"))
    assert (liquid.formulation, liquid.start, liquid.end) == (
        Liquid.create("0.1", "0.1"),
        date(2027, 3, 29),
        date(2027, 3, 30),
    )
    assert (liquid.amount, liquid.unit, liquid.drug_mg) == (Decimal("22.6"), "mL", Decimal("2.26"))
    assert need.drug_mg == Decimal("4.76")
    text = need.describe()
    assert text.startswith("5 tablets (20 quarters = 5 tablets; 2.5 mg) of 0.5 mg tablet, split in 4")
    assert "(0.125 mg steps) from 2027-03-27 to 2027-03-28, then" in text
    assert "then 22.6 mL (2.26 mg) of liquid 0.1 mg/mL measured to 0.1 mL" in text
    assert text.endswith("(0.01 mg steps) from 2027-03-29 to 2027-03-30")


def test_a_liquid_bottle_opened_before_the_switch_counts_only_the_liquid_days() -> None:
    """Bought ahead, 100 mL opened on 2027-03-20: the tablet days until 2027-03-28 take nothing from it,
    then 11.3 mL a day: 54.8 mL left after 2027-04-01, and on 2027-04-06 only 9.6 mL is left."""
    bottle = Bottle.create("100", "mL", date(2027, 3, 20), date(2027, 6, 30))
    seen = outlook(PLAN, bottle, date(2027, 4, 1))
    assert seen.left_after == Decimal("54.8")
    assert seen.runs_out_on == date(2027, 4, 6)


def test_a_tablet_pack_is_not_counted_against_the_liquid_days() -> None:
    """40 tablets opened on 2027-03-15 at 2 ½ a day: 25 left after 2027-03-20, 5 after the last
    tablet day (2027-03-28); they are not needed after the switch, so they do not run out."""
    pack = Bottle.create("40", "tablets", date(2027, 3, 15), date(2027, 6, 30))
    seen = outlook(PLAN, pack, date(2027, 3, 20))
    assert seen.left_after == Decimal(25)
    assert seen.runs_out_on is None
    # it ends with the tablet days, not on its use-by date three months on
    assert (seen.not_needed_after, seen.ends_on, seen.reason) == (LAST_TABLETS, date(2027, 3, 29), "not needed")
    assert seen.describe(date(2027, 3, 20)) == (
        "is not needed after Sun 28 Mar 2027 (in 9 d): the plan is measured in another form from then on"
    )


def test_a_bottle_in_neither_forms_unit_must_be_entered_again() -> None:
    with pytest.raises(ValidationError, match="tablets or mL"):
        outlook(PLAN, Bottle.create("30", "drops", date(2027, 3, 15), date(2027, 6, 30)), date(2027, 3, 20))
