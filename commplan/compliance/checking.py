"""A draft question checked against the standard it should follow.

The standard is the catalogue entry with a recommended question whose options, wording and
concept the draft is most like, helped by what the catalogue's ranking makes of the words.
Each difference that matters is named: categories missing, added, renamed or merged; single
against multiple response; "prefer not to say" added or left out; who is asked; wording that
asks about something else ("nationality" is not national identity).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from commplan.compliance.drafts import DraftQuestion, response_of
from commplan.compliance.matching import (
    Pairing,
    asks_concept,
    pair_options,
    prefers_not_to_say,
    same,
    wording_likeness,
)
from commplan.ranking import StandardsIndex
from commplan.standards import Standard


class DifferenceKind(enum.StrEnum):
    MISSING_CATEGORY = "missing_category"
    EXTRA_CATEGORY = "extra_category"
    RENAMED_CATEGORY = "renamed_category"
    RESPONSE_TYPE = "response_type"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"
    AGE_BASE = "age_base"
    WORDING = "wording"


@dataclass(frozen=True, kw_only=True)
class Difference:
    kind: DifferenceKind
    detail: str


@dataclass(frozen=True, kw_only=True)
class QuestionCheck:
    """``standard`` is None when no entry with a recommended question fits the draft."""

    draft: DraftQuestion
    standard: Standard | None
    closeness: float
    differences: tuple[Difference, ...] = ()

    @property
    def compliant(self) -> bool:
        return self.standard is not None and not self.differences

    def as_json(self) -> dict[str, object]:
        """The check as ``harmonibot check questionnaire --json`` prints it."""
        return {
            "question": self.draft.question,
            "standard": self.standard.name if self.standard else None,
            "closeness": self.closeness,
            "differences": [{"kind": str(d.kind), "detail": d.detail} for d in self.differences],
        }


#: Below this a draft is like no standard's question (options, wording and concept together).
FITS_AT = 0.3
_RANK_WEIGHT = 0.35


def check_question(draft: DraftQuestion, index: StandardsIndex) -> QuestionCheck:
    standard = _standard_for(draft, index)
    if standard is None:
        return QuestionCheck(draft=draft, standard=None, closeness=0.0)
    options = [o for o in draft.options if not prefers_not_to_say(o)]
    pairing = pair_options(options, standard.options)
    differences = (
        *_category_differences(pairing),
        *_response_difference(draft, standard),
        *_prefer_not_difference(draft, standard),
        *_base_difference(draft, standard),
        *_wording_difference(draft, standard),
    )
    return QuestionCheck(
        draft=draft,
        standard=standard,
        closeness=_closeness(draft, standard, pairing, differences),
        differences=differences,
    )


def _standard_for(draft: DraftQuestion, index: StandardsIndex) -> Standard | None:
    candidates = [s for s in index.standards if s.has_question]
    if not candidates:
        return None
    hint = _ranking_hint(draft, index)
    options = [o for o in draft.options if not prefers_not_to_say(o)]

    def fit(standard: Standard) -> float:
        agreement = pair_options(options, standard.options).agreement if options else 0.0
        # "Yes / No" fits every yes-or-no question: it says little about which one it is.
        telling = 0.3 if {o.lower() for o in standard.options} <= _GENERIC else 1.0
        return (
            0.45 * agreement * telling
            + 0.35 * wording_likeness(draft.question, standard.question)
            + 0.2 * asks_concept(draft.question, standard.concept)
            + _RANK_WEIGHT * hint.get(standard.name, 0.0)
        )

    best = max(candidates, key=fit)
    return best if fit(best) >= FITS_AT else None


_GENERIC = frozenset({"yes", "no"})


def _ranking_hint(draft: DraftQuestion, index: StandardsIndex) -> dict[str, float]:
    """What the catalogue's ranking makes of the draft's words, by standard. Guidance with
    no question of its own ("measuring disability") passes most of its weight to the
    standards it relates to, whose questions it uses."""
    # The question alone first: "Yes / No / Prefer not to say" would only blur it.
    ranked = [
        *index.lookup(draft.question, limit=3).matches,
        *index.lookup(f"{draft.question} {' '.join(draft.options)}", limit=3).matches,
    ]
    hint: dict[str, float] = {}
    for match in ranked:
        hint[match.standard.name] = max(hint.get(match.standard.name, 0.0), match.score)
        if not match.standard.has_question:
            for name in match.standard.related:
                hint[name] = max(hint.get(name, 0.0), 0.8 * match.score)
    return hint


def _category_differences(pairing: Pairing) -> list[Difference]:
    found = [
        Difference(
            kind=DifferenceKind.RENAMED_CATEGORY,
            detail=f"\u201c{draft}\u201d should read \u201c{standard}\u201d",
        )
        for draft, standard in pairing.pairs
        if not same(draft, standard)
    ]
    found.extend(
        Difference(
            kind=DifferenceKind.RENAMED_CATEGORY,
            detail=f"\u201c{draft}\u201d merges " + " and ".join(f"\u201c{p}\u201d" for p in parts),
        )
        for draft, parts in pairing.merged
    )
    found.extend(
        Difference(
            kind=DifferenceKind.EXTRA_CATEGORY,
            detail=f"\u201c{extra}\u201d is not one of the standard's categories",
        )
        for extra in pairing.extra
    )
    found.extend(
        Difference(kind=DifferenceKind.MISSING_CATEGORY, detail=f"\u201c{m}\u201d is missing")
        for m in pairing.missing
    )
    return found


def _response_difference(draft: DraftQuestion, standard: Standard) -> list[Difference]:
    said = draft.response or response_of(draft.question)
    if not said or not standard.response or said == standard.response:
        return []
    wanted = "one answer" if standard.response == "single" else "every answer that applies"
    return [
        Difference(
            kind=DifferenceKind.RESPONSE_TYPE,
            detail=f"the draft takes a {said} response; the standard takes {wanted}",
        )
    ]


def _prefer_not_difference(draft: DraftQuestion, standard: Standard) -> list[Difference]:
    draft_has = any(prefers_not_to_say(o) for o in draft.options)
    standard_has = any(prefers_not_to_say(o) for o in standard.options)
    if draft_has == standard_has:
        return []
    detail = (
        "adds \u201cPrefer not to say\u201d, which the standard does not offer"
        if draft_has
        else "leaves out the standard's \u201cPrefer not to say\u201d"
    )
    return [Difference(kind=DifferenceKind.PREFER_NOT_TO_SAY, detail=detail)]


def _base_difference(draft: DraftQuestion, standard: Standard) -> list[Difference]:
    if not draft.base or not standard.base or _age(draft.base) == _age(standard.base):
        return []
    return [
        Difference(
            kind=DifferenceKind.AGE_BASE,
            detail=f"asked of {draft.base}; the standard asks people aged {standard.base}",
        )
    ]


def _age(base: str) -> str:
    found = re.search(r"\d+", base)
    return found.group(0) if found else base.strip().lower()


_EXACT_WORDING = re.compile(r"\bexact\s+wording\b", re.I)


def _wording_difference(draft: DraftQuestion, standard: Standard) -> list[Difference]:
    likeness_ = wording_likeness(draft.question, standard.question)
    changes_concept = not asks_concept(draft.question, standard.concept)
    loosely = bool(_EXACT_WORDING.search(standard.rules)) and likeness_ < 0.7
    if not (changes_concept or loosely):
        return []
    why = "asks about something else" if changes_concept else "is not the exact wording"
    return [
        Difference(
            kind=DifferenceKind.WORDING,
            detail=f"\u201c{draft.question}\u201d {why}; the standard asks "
            f"\u201c{standard.question}\u201d",
        )
    ]


def _closeness(
    draft: DraftQuestion,
    standard: Standard,
    pairing: Pairing,
    differences: tuple[Difference, ...],
) -> float:
    options = pairing.agreement if draft.options else 0.0
    wording = wording_likeness(draft.question, standard.question)
    score = 0.6 * options + 0.4 * max(wording, 1.0 if not differences else 0.0)
    penalties = {
        DifferenceKind.RESPONSE_TYPE: 0.1,
        DifferenceKind.PREFER_NOT_TO_SAY: 0.05,
        DifferenceKind.AGE_BASE: 0.05,
        DifferenceKind.WORDING: 0.15,
    }
    score -= sum(penalties.get(d.kind, 0.0) for d in differences)
    return round(min(1.0, max(0.0, score)), 2)
