"""Table tests of the standards ranking against the shipped sample catalogue."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from commplan.ranking import (
    Calibration,
    Lookup,
    Match,
    PlainBM25Index,
    StandardsIndex,
)
from commplan.ranking.bm25 import BM25FIndex
from commplan.ranking.spelling import Speller
from commplan.ranking.text import stem, terms
from commplan.standards import Standard
from tests.eval.catalogue import load_sample_standards

ETHNICITY = "Ethnicity harmonised standard"
TENURE = "Tenure harmonised standard"
SEXUAL_ORIENTATION = "Sexual orientation harmonised standard"
ECONOMIC = (
    "Economic activity status, National Statistics Socio-economic Classification (NS-SEC) "
    "and employment related questions harmonised standard"
)
LLTI = "Long lasting health conditions and illness harmonised standard"
CARE = "Unpaid care harmonised standard"
FORCES = "Harmonised standard for previous UK armed forces service"
ACCOMMODATION = "Accommodation and household information harmonised principle"
INTERNET = "Internet access harmonised standard"
RELIGION = "Religion harmonised standard"
WELLBEING = "Personal wellbeing harmonised standard"


@pytest.fixture(scope="module")
def catalogue() -> list[Standard]:
    return load_sample_standards()


@pytest.fixture(scope="module")
def index(catalogue: list[Standard]) -> StandardsIndex:
    return StandardsIndex.build(catalogue)


def top_name(result: Lookup) -> str | None:
    return result.matches[0].standard.name if result.matches else None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # typos
        ("ethnisity", ETHNICITY),
        ("religon", RELIGION),
        ("tenuer", TENURE),
        ("personal welbeing", WELLBEING),
        ("previous armed forses service", FORCES),
        # abbreviations
        ("LGB", SEXUAL_ORIENTATION),
        ("ns-sec", ECONOMIC),
        ("NSSEC", ECONOMIC),
        ("SOC", ECONOMIC),
        ("llti", LLTI),
        # entry synonyms and everyday words
        ("own or rent", TENURE),
        ("veterans", FORCES),
        ("vets", FORCES),
        ("carers", CARE),
        ("sexuality", SEXUAL_ORIENTATION),
        ("racial group", ETHNICITY),
        ("car or van availability", ACCOMMODATION),
        ("home internet", INTERNET),
        # the canonical name itself
        (ECONOMIC, ECONOMIC),
    ],
)
def test_finds_the_right_entry(index: StandardsIndex, query: str, expected: str) -> None:
    result = index.lookup(query)
    assert result.answered, result
    assert top_name(result) == expected


@pytest.mark.parametrize(
    "framed",
    [
        "which standard covers tenure?",
        "Is there a standard for tenure",
        "how do I ask about tenure",
        "Which harmonised standard covers tenure, please?",
    ],
)
def test_question_framing_is_ignored(index: StandardsIndex, framed: str) -> None:
    plain = index.lookup("tenure")
    result = index.lookup(framed)
    assert top_name(result) == TENURE
    assert result.matches[0].score == pytest.approx(plain.matches[0].score)


@pytest.mark.parametrize("query", ["", "   ", "?!", "which standard covers", "is there a"])
def test_empty_question_is_not_answered(index: StandardsIndex, query: str) -> None:
    result = index.lookup(query)
    assert result == Lookup(query=query, answered=False, matches=())


@pytest.mark.parametrize("query", ["alcohol", "weather forecasts", "GDP growth", "asylum seekers"])
def test_uncovered_topic_is_not_answered(index: StandardsIndex, query: str) -> None:
    assert not index.lookup(query).answered


@pytest.mark.parametrize(
    "query",
    ["health", "income", "benefits", "housing", "gender", "ethnicity", "job", "mobility problems"],
)
def test_scores_lie_in_unit_interval_best_first(index: StandardsIndex, query: str) -> None:
    result = index.lookup(query, limit=10)
    scores = [m.score for m in result.matches]
    assert scores, query
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)
    assert len({m.standard.name for m in result.matches}) == len(scores)


def test_limit_caps_matches(index: StandardsIndex) -> None:
    assert len(index.lookup("health", limit=2).matches) == 2
    assert index.lookup("health", limit=0).matches == ()


def test_unanswered_lookup_keeps_weak_candidates(index: StandardsIndex) -> None:
    result = index.lookup("mobility problems")
    assert not result.answered
    assert top_name(result) == "Impairment harmonised standard"


def test_typo_gives_did_you_mean(index: StandardsIndex) -> None:
    assert index.lookup("relgion question").did_you_mean == "religion question"
    assert index.lookup("religion").did_you_mean is None


def test_folding_is_unicode_safe(index: StandardsIndex) -> None:
    assert top_name(index.lookup("ÉTHNICITY")) == ETHNICITY
    assert top_name(index.lookup("someone\u2019s religion")) == RELIGION


def test_related_resolves_names(index: StandardsIndex) -> None:
    ethnicity = index.get(ETHNICITY)
    assert ethnicity is not None
    assert [s.name for s in index.related(ethnicity)] == [
        "National identity harmonised standard",
        RELIGION,
        "Standards for ethnicity data (Equality Hub)",
    ]


def test_related_skips_unknown_names(index: StandardsIndex) -> None:
    orphan = Standard(name="Orphan", topic="t", covers="c", related=("Nowhere", TENURE))
    assert [s.name for s in index.related(orphan)] == [TENURE]


def test_get_by_name(index: StandardsIndex) -> None:
    assert index.get(TENURE) is not None
    assert index.get("  tenure HARMONISED standard ") == index.get(TENURE)
    assert index.get("No such standard") is None


def test_standards_keeps_catalogue_order(index: StandardsIndex, catalogue: list[Standard]) -> None:
    assert index.standards == tuple(catalogue)


def test_lookup_does_not_rebuild(index: StandardsIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("index rebuilt during lookup")

    for owner in (StandardsIndex, BM25FIndex, Speller):
        monkeypatch.setattr(owner, "build", refuse)
    for query in ("tenure", "ethnisity", "LGB", "smoking"):
        index.lookup(query)


def test_results_are_frozen(index: StandardsIndex) -> None:
    result = index.lookup("tenure")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.answered = False  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.matches[0].score = 0.0  # type: ignore[misc]
    assert isinstance(result.matches[0], Match)


def test_plain_baseline_has_the_same_shape(catalogue: list[Standard]) -> None:
    plain = PlainBM25Index.build(catalogue)
    result = plain.lookup("tenure")
    assert top_name(result) == TENURE
    assert all(0.0 <= m.score <= 1.0 for m in result.matches)
    assert plain.lookup("") == Lookup(query="", answered=False, matches=())


def test_calibration_rejects_bad_shapes() -> None:
    with pytest.raises(ValueError):
        Calibration(intercept=0.0, weights=(1.0,), threshold=0.5)
    with pytest.raises(ValueError):
        Calibration(intercept=0.0, weights=(0.0,) * 6, threshold=1.5)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("caring", "care"),
        ("cars", "car"),
        ("renting", "rent"),
        ("activities", "activity"),
        ("worried", "worry"),
        ("status", "status"),
        ("speed", "speed"),
        ("soc2020", "soc2020"),
    ],
)
def test_stemming_is_light(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_terms_drop_framing_words() -> None:
    assert terms("Which standard covers NS-SEC? How do I ask about it") == ["ns", "sec"]


def test_sample_catalogue_is_consistent(catalogue: list[Standard]) -> None:
    names = [s.name for s in catalogue]
    assert len(names) == len(set(names)) == 38
    for standard in catalogue:
        assert standard.topic and standard.covers and standard.group and standard.url
        assert standard.owner
        assert set(standard.related) <= set(names), standard.name
        assert standard.name not in standard.related
        assert standard.last_review is None or date(2000, 1, 1) < standard.last_review
