"""The evidence for one topic decision, and the calibrated models that weigh it.

Each phrase of the pool is ranked; the phrase whose best entry scores highest is the topic.
What the decision rests on is then measured: how sure the ranking is of that entry and by how
much it beats the runner-up, how much of the phrase and of the whole request the entry
explains, whether words were unknown or typo-corrected (and how far), whether other phrases
agree, and whether the topic came from the request itself or from the context it points to.
Two logistic models turn that into probabilities: that the best entry is right, and that the
catalogue covers the topic at all. Their coefficients are fitted by
``bench/bench_understanding.py --fit`` on tuning data only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields

#: Logits beyond this carry no more information and would let one feature swamp the rest.
_LOGIT_CLIP = 6.0


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1.0 - 1e-6)
    return max(-_LOGIT_CLIP, min(_LOGIT_CLIP, math.log(p / (1.0 - p))))


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """Signals behind one decision, each in [0, 1] except ``score_logit``.

    - ``support``: the entry's share of the message's weighted phrase scores, plus half its
      score when the whole message is ranked as one query (what chose it);
    - ``dominance``: how far it leads the runner-up, as a share of its own support;
    - ``whole_top``: 1 when the entry also ranks first for the whole message;
    - ``score_logit``: the ranking's score of the entry on its best phrase, as a logit;
    - ``margin``: that score minus the best other entry's on the same phrase;
    - ``coverage``: idf share of that phrase's words the entry explains;
    - ``named_coverage``: the same for the topic the message names ("a question on X"), the
      best over its named topics; 1 when it names none;
    - ``named``: 1 when the message names its topic;
    - ``request_coverage``: the same over every topic word of the requests; 1 when none;
    - ``unknown``: share of the best phrase's words the catalogue does not know at all;
    - ``corrected``: share of them that were typo-corrected;
    - ``far_correction``: 1 when a correction needed two edits ("flooding" -> "looking");
    - ``single``: 1 when the best phrase is a single word;
    - ``weight``: how much the best phrase's place in the message counts;
    - ``strength``: the entry's best score on a phrase times that phrase's weight;
    - ``rival``: the same for the strongest other entry;
    - ``share``: the entry's share of all entries' support;
    - ``votes``: the weighted share of phrases whose best entry it is;
    - ``request_unknown``: share of the requests' topic words the catalogue does not know;
    - ``named_unknown``: the same for the named topic (0 when none is named);
    - ``related_rival``: 1 when the runner-up is an entry the catalogue lists as related;
    - ``alias``: how closely the best phrase reads like the entry's name, topic or a synonym
      as a whole ("speaker" is only part of "Welsh speakers").
    """

    support: float
    dominance: float
    whole_top: float
    score_logit: float
    margin: float
    coverage: float
    named_coverage: float
    named: float
    request_coverage: float
    unknown: float
    corrected: float
    far_correction: float
    single: float
    weight: float
    strength: float
    rival: float
    share: float
    votes: float
    request_unknown: float
    named_unknown: float
    related_rival: float
    alias: float

    def vector(self) -> tuple[float, ...]:
        return tuple(float(getattr(self, f.name)) for f in fields(self))


EVIDENCE_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Evidence))


@dataclass(frozen=True, kw_only=True)
class Model:
    """A logistic model over :class:`Evidence`: one weight per field, by name."""

    intercept: float
    weights: Mapping[str, float]

    def __post_init__(self) -> None:
        if set(self.weights) != set(EVIDENCE_NAMES):
            raise ValueError(f"expected weights for exactly {', '.join(EVIDENCE_NAMES)}")

    def probability(self, evidence: Evidence) -> float:
        z = self.intercept + sum(
            self.weights[name] * x
            for name, x in zip(EVIDENCE_NAMES, evidence.vector(), strict=True)
        )
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        ez = math.exp(z)
        return ez / (1.0 + ez)


@dataclass(frozen=True, kw_only=True)
class Calibration:
    """``right``: P(the best entry is the right one); ``covered``: P(some entry covers it).

    A decision is confident at ``confident`` or more; below it, "none" when ``covered`` is
    under ``none_below``, otherwise "unsure".

    The bar is 0.8, not 0.9: cross-validated on the tuning data, answers between 0.8 and 0.9
    were right 86% of the time (the confidence shown says so), all confident answers together
    98%, and a further 3% of members got their answer instead of a choice of three.
    """

    right: Model
    covered: Model
    confident: float = 0.8
    none_below: float = 0.5


# Fitted by `bench/tune_understanding.py --fit --write` on tuning data only (the tune split of
# standards_questions.csv, understanding_dev.jsonl and the tune rows of the evaluation sets);
# L2-regularised logistic regression, Newton's method. Everything between the markers is
# rewritten by that command.
# --- fitted: begin
DEFAULT_CALIBRATION = Calibration(
    right=Model(
        intercept=-8.330,
        weights={
            "support": 1.952,
            "dominance": 2.647,
            "whole_top": 2.443,
            "score_logit": 0.421,
            "margin": -0.332,
            "coverage": 0.157,
            "named_coverage": 2.578,
            "named": -0.669,
            "request_coverage": 1.611,
            "unknown": -2.125,
            "corrected": -0.254,
            "far_correction": -0.000,
            "single": -1.017,
            "weight": -0.546,
            "strength": 1.131,
            "rival": 1.953,
            "share": 0.427,
            "votes": 0.423,
            "request_unknown": -1.957,
            "named_unknown": 0.598,
            "related_rival": 0.281,
            "alias": 0.551,
        },
    ),
    covered=Model(
        intercept=-3.713,
        weights={
            "support": 2.078,
            "dominance": 1.977,
            "whole_top": -0.573,
            "score_logit": 0.768,
            "margin": -0.448,
            "coverage": -0.200,
            "named_coverage": 2.468,
            "named": -0.585,
            "request_coverage": 1.458,
            "unknown": -1.257,
            "corrected": -1.083,
            "far_correction": -0.001,
            "single": -1.692,
            "weight": -0.733,
            "strength": 0.552,
            "rival": 4.860,
            "share": 0.843,
            "votes": 0.503,
            "request_unknown": -2.833,
            "named_unknown": -0.627,
            "related_rival": 0.847,
            "alias": -0.329,
        },
    ),
)
# --- fitted: end
