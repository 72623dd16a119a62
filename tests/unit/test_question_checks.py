"""Draft survey questions checked against the standards (issue 20), on our own questionnaire.

tests/eval/questionnaire.csv holds 30 drafts written from the standards' facts: some follow
their standard, the others carry planted differences listed in questionnaire_expected.csv.
Rows 1 to 20 were used to shape the checker; rows 21 to 30 were written at the same time and
held out. Run this file as a script to print both splits' figures.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from commplan.compliance import DraftQuestion, check_question, read_draft
from commplan.compliance.matching import pair_options
from commplan.compliance.records import drafts_from_table
from commplan.ranking import StandardsIndex
from commplan.records.table import table_from_csv
from tests.eval.catalogue import load_sample_standards

EVAL = Path(__file__).resolve().parents[1] / "eval"
ETHNICITY = "Ethnicity harmonised standard"


@pytest.fixture(scope="module")
def index() -> StandardsIndex:
    return StandardsIndex.build(load_sample_standards())


def _questionnaire() -> list[DraftQuestion]:
    text = (EVAL / "questionnaire.csv").read_text(encoding="utf-8")
    return drafts_from_table(table_from_csv(text, source="questionnaire.csv"))


def _expected() -> list[dict[str, str]]:
    with (EVAL / "questionnaire_expected.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def figures(index: StandardsIndex, split: str) -> dict[str, float]:
    """Standard named right, planted differences found, compliant rows with no difference."""
    rows = [
        (draft, row)
        for draft, row in zip(_questionnaire(), _expected(), strict=True)
        if split in ("all", row["split"])
    ]
    right = found = planted = clean = compliant = extra_kinds = 0
    for draft, row in rows:
        check = check_question(draft, index)
        right += check.standard is not None and check.standard.name == row["standard"]
        wanted = {k for k in row["differences"].split(";") if k}
        got = {str(d.kind) for d in check.differences}
        planted += len(wanted)
        found += len(wanted & got)
        extra_kinds += len(got - wanted)
        if not wanted:
            compliant += 1
            clean += not got
    return {
        "rows": len(rows),
        "standard_right": right / len(rows),
        "differences_found": found / planted,
        "compliant_clean": clean / compliant,
        "unplanted_kinds": extra_kinds,
    }


def test_the_questionnaire_is_big_and_covers_every_kind_of_difference() -> None:
    expected = _expected()
    assert len(_questionnaire()) == len(expected) >= 20
    kinds = {k for row in expected for k in row["differences"].split(";") if k}
    assert kinds == {
        "missing_category",
        "extra_category",
        "renamed_category",
        "response_type",
        "prefer_not_to_say",
        "age_base",
        "wording",
    }
    assert sum(1 for row in expected if not row["differences"]) >= 8


def test_each_draft_is_checked_against_the_right_standard(index: StandardsIndex) -> None:
    assert figures(index, "all")["standard_right"] >= 0.95


def test_every_planted_difference_is_reported(index: StandardsIndex) -> None:
    assert figures(index, "all")["differences_found"] == 1.0


def test_a_compliant_question_gets_no_difference(index: StandardsIndex) -> None:
    assert figures(index, "all")["compliant_clean"] == 1.0


def test_a_pasted_question_is_split_into_wording_options_and_response() -> None:
    draft = read_draft(
        "What is your national identity? (tick all that apply)\n- English\n- Welsh\n- Scottish"
    )
    assert draft.question == "What is your national identity?"
    assert draft.options == ("English", "Welsh", "Scottish")
    assert draft.response == "multiple"
    inline = read_draft("Is the gender you identify with the same as your sex? Yes / No")
    assert inline.options == ("Yes", "No")


def test_an_option_that_joins_two_categories_is_a_merge_not_a_rename(
    index: StandardsIndex,
) -> None:
    check = check_question(
        read_draft("What is your ethnic group? White / Black or Asian / Mixed / Other"), index
    )
    details = [d.detail for d in check.differences if d.kind == "renamed_category"]
    assert any("merges" in d and "Asian or Asian British" in d for d in details)
    assert not [d for d in check.differences if d.kind == "missing_category"]


def test_options_that_differ_only_in_form_pair_up_unchanged() -> None:
    pairing = pair_options(
        ["straight/heterosexual", "Gay & lesbian", "0 - not at all"],
        ["Straight or heterosexual", "Gay or lesbian", "0"],
    )
    assert pairing.extra == () and pairing.missing == () and pairing.merged == ()
    assert pairing.agreement == pytest.approx(2 / 3 * 1 + 1 / 3 * 0.7, abs=0.2)


def test_a_question_like_no_standard_names_none(index: StandardsIndex) -> None:
    check = check_question(read_draft("How many pets do you have? 0 / 1 / 2 / 3 or more"), index)
    assert check.standard is None and check.as_json()["standard"] is None


if __name__ == "__main__":
    built = StandardsIndex.build(load_sample_standards())
    for name in ("tune", "holdout"):
        sys.stdout.write(f"{name}: {figures(built, name)}\n")
