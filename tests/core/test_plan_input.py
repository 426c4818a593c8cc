"""One way in for a plan: the text fields of the CLI, the editor and onboarding read the same way.

Each disagreement between the surfaces that existed before (cut bound, drug case, intake count,
split separators, a bad custom date, empty-field wording, a 3-intake split) is pinned here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core import plan_input as pi
from tui.core.drugs import diazepam_equivalents
from tui.core.formulations import Drops, Liquid, RawIncrement, Tablet
from tui.core.planner import even_split, split_remainder_note
from tui.core.settings import parse_times, proposed_times

TODAY = date(2027, 3, 15)


def fields(**given: str) -> dict[str, str]:
    """The editor's defaults with some fields changed."""
    base = {"dose": "1", "cut": "10", "every": "14", "method": "proportional", "increment": "0.01"}
    return {**base, **given}


def problem(text: dict[str, str], kind: str | None = "increment") -> pi.PlanInputError:
    with pytest.raises(pi.PlanInputError) as caught:
        pi.plan_from_text(text, TODAY, kind)
    return caught.value


def test_one_cut_bound_for_every_surface():
    error = problem(fields(cut="0.05"))
    assert error.field is pi.CUT
    assert error.text(pi.Surface.CLI).startswith('--cut: "0.05" is not allowed — use a number from 0.1 to 99.9')
    assert error.text(pi.Surface.APP).startswith('Cut %: "0.05" is not allowed — use a number from 0.1 to 99.9')
    assert problem(fields(cut="0")).field is pi.CUT
    assert problem(fields(cut="100")).field is pi.CUT
    assert pi.params_from_text(fields(cut="0.1"), TODAY, "increment").cut_pct == Decimal("0.1")


def test_a_brand_is_stored_as_its_drug_with_the_name_as_typed_beside_it():
    params = pi.params_from_text(fields(drug="  Klonopin "), TODAY, "increment")
    assert (params.drug, params.drug_as_typed, params.drug_label) == ("clonazepam", "Klonopin", "clonazepam (Klonopin)")
    assert pi.params_from_text(fields(drug="LORAZEPAM"), TODAY, "increment").drug_as_typed == ""
    assert pi.params_from_text(fields(drug=" Buspirone "), TODAY, "increment").drug == "Buspirone"  # unknown: as typed
    assert diazepam_equivalents(params.drug, params.dose_mg)  # look-ups ignore case
    assert pi.params_from_text(fields(drug=""), TODAY, "increment").drug == "clonazepam"
    assert problem(fields(drug="x\x1b[2J")).field is pi.DRUG


@pytest.mark.parametrize("count", ["1", "2", "3", "4", "5", "6"])
def test_one_to_six_intakes(count):
    params = pi.params_from_text(fields(intakes=count), TODAY, "increment")
    assert len(params.weights) == int(count)
    assert sum(params.weights) == Decimal(1)


@pytest.mark.parametrize("count", ["0", "7", "12", "two"])
def test_intakes_outside_one_to_six_are_refused(count):
    error = problem(fields(intakes=count))
    assert error.field is pi.INTAKES
    assert "from 1 to 6" in error.text(pi.Surface.APP)


@pytest.mark.parametrize("text", ["0.5+0.25+0.25", "0.5,0.25,0.25", "0.5 + 0.25 , 0.25"])
def test_split_separators_are_the_same_everywhere(text):
    params = pi.params_from_text(fields(split=text), TODAY, "increment")
    assert params.split == (Decimal("0.5"), Decimal("0.25"), Decimal("0.25"))


def test_split_count_must_match_the_intakes():
    error = problem(fields(intakes="3", split="0.5+0.5"))
    assert error.field is pi.SPLIT and "give 3 amounts" in error.allowed


@pytest.mark.parametrize("field", [pi.START, pi.CUSTOM])
def test_an_impossible_date_is_a_message_not_a_crash(field):
    text = fields(**{field.key: "2027-13-01"}) if field is pi.START else fields(method="custom", custom="2027-13-01=1")
    error = problem(text)
    assert error.field is field
    assert "real date" in error.allowed
    assert error.text(pi.Surface.CLI).startswith(f'{field.flag}: "')


def test_dates_far_out_are_refused_before_the_planner_overflows():
    assert problem(fields(start="9999-12-31")).field is pi.START
    assert problem(fields(start="+99999")).field is pi.START
    assert pi.params_from_text(fields(start="+7"), TODAY, "increment").start == date(2027, 3, 22)


def test_empty_fields_say_so_in_words():
    error = problem(fields(dose=""))
    assert error.text(pi.Surface.APP) == "Daily dose mg is empty — give the current daily dose in mg, e.g. 1"
    assert error.text(pi.Surface.CLI) == "--dose is empty — give the current daily dose in mg, e.g. 1"
    assert '""' not in problem(fields(cut="")).text(pi.Surface.APP)
    assert "None" not in problem(fields(method="occupancy")).text(pi.Surface.APP)


def test_planner_rules_come_back_naming_the_field():
    error = problem(fields(target="2"))
    assert error.field is pi.TARGET and error.value == "2"
    assert problem(fields(split="0.5+0.25")).field is pi.SPLIT
    assert problem(fields(tablet="0.5", pieces="3"), "tablet").field is pi.PIECES


def test_three_intakes_of_one_mg_split_in_measurable_amounts():
    plan = pi.plan_from_text(fields(intakes="3"), TODAY, "increment")
    assert plan.params.split == (Decimal("0.33"), Decimal("0.34"), Decimal("0.33"))
    for step in plan.steps:
        assert sum(step.intake_mg) == step.dose_mg
        assert len(step.intake_mg) == 3


def test_the_remainder_note_says_where_the_extra_went():
    split = even_split(Decimal(1), 3, RawIncrement.create("0.01"), cut_first=0)
    assert (
        split_remainder_note(split, 0)
        == "0.01 mg does not divide evenly: intake 2 gets one step more (intake 1, cut first, gets it last)."
    )
    assert split_remainder_note((Decimal("0.5"), Decimal("0.5"))) == ""


def test_the_intake_cut_first_gets_the_extra_last():
    form = RawIncrement.create("0.01")
    assert even_split(Decimal("0.05"), 3, form, cut_first=0) == (Decimal("0.01"), Decimal("0.02"), Decimal("0.02"))
    assert even_split(Decimal("0.05"), 3, form, cut_first=2) == (Decimal("0.02"), Decimal("0.02"), Decimal("0.01"))


FORMS = st.sampled_from(
    [
        RawIncrement.create("0.01"),
        RawIncrement.create("0.0001"),
        Tablet.create("0.5", 4),
        Liquid.create("0.1", "0.1"),
        Drops.create("0.1"),
        Tablet.create("2", 2),
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    form=FORMS,
    units=st.integers(min_value=1, max_value=5000),
    count=st.integers(min_value=1, max_value=6),
    cut_first=st.integers(min_value=0, max_value=5),
)
def test_even_split_is_exact_measurable_and_never_above_the_dose(form, units, count, cut_first):
    cut_first %= count
    dose = form.mg(units)
    split = even_split(dose, count, form, cut_first)
    amounts = split or (dose,)
    assert len(amounts) == count
    assert sum(amounts) == dose  # exact, so never above the planned dose
    assert all(form.is_measurable(mg) and mg >= 0 for mg in amounts)
    assert max(amounts) - min(amounts) <= form.increment_mg  # as even as the form allows
    if count > 1 and len(set(amounts)) > 1:
        assert amounts[cut_first] == min(amounts)  # the intake cut first never carries the extra


def test_proposed_times_follow_the_count():
    assert proposed_times(1) == ("08:00",)
    assert proposed_times(2) == ("08:00", "20:00")
    assert proposed_times(3) == ("08:00", "14:00", "20:00")
    assert proposed_times(4) == ("08:00", "12:00", "16:00", "20:00")
    assert proposed_times(5) == ("08:00", "11:00", "14:00", "17:00", "20:00")
    assert len(set(proposed_times(6))) == 6


def test_usual_times_one_per_intake():
    assert parse_times({"times": "8:00; 20:00"}, 2) == ("08:00", "20:00")
    assert parse_times({"times": ""}, 3) == ()
    with pytest.raises(pi.PlanInputError) as raised:
        parse_times({"times": "08:00, 20:00"}, 3)
    assert raised.value.field is pi.TIMES and "one time per intake (3)" in raised.value.allowed
    with pytest.raises(pi.PlanInputError) as raised:
        parse_times({"times": "25:00"}, 1)
    assert raised.value.field is pi.TIMES


TEXT_FIELDS = [f for f in pi.FIELDS if f not in (pi.METHOD, pi.FORM)]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(TEXT_FIELDS), st.text(max_size=30)), min_size=1, max_size=6),
    st.sampled_from([k.key for k in pi.FORM_KINDS]),
    st.sampled_from(["proportional", "linear", "occupancy", "custom"]),
)
def test_any_text_gives_a_plan_or_a_named_problem(changes, kind, method):
    text = fields(method=method, tablet="0.5", pieces="4", liquid="0.1", drops="0.1", scale="1", tablet_weight="100")
    for field, value in changes:
        text[field.key] = value
    try:
        plan = pi.plan_from_text(text, TODAY, kind)
    except pi.PlanInputError as error:
        assert error.field in pi.FIELDS
        assert error.text(pi.Surface.APP).startswith(error.field.label)
        assert error.text(pi.Surface.CLI).startswith(error.field.flag)
    else:
        assert plan.steps


@settings(max_examples=150, deadline=None)
@given(
    increment=st.sampled_from(["0.01", "0.05", "0.0001"]),
    units=st.integers(min_value=20, max_value=3000),
    count=st.integers(min_value=2, max_value=6),
    cut_first=st.integers(min_value=1, max_value=6),
)
def test_an_even_split_stays_even_at_every_step(increment, units, count, cut_first):
    cut_first = min(cut_first, count)
    step_mg = Decimal(increment)
    text = {
        "dose": str(units * step_mg),
        "cut": "10",
        "every": "14",
        "method": "proportional",
        "increment": increment,
        "intakes": str(count),
        "cut_first": str(cut_first),
        "jump_off": str(2 * step_mg),
    }
    plan = pi.plan_from_text(text, TODAY, "increment")
    for step in plan.steps:
        assert sum(step.intake_mg) == step.dose_mg  # exact: never above the day's planned dose
        assert max(step.intake_units) - min(step.intake_units) <= 1  # even, as far as the form measures
        if len(set(step.intake_units)) > 1:
            assert step.intake_units[cut_first - 1] == min(step.intake_units)  # the extra never goes there first
