"""A second chance for plan questions the rules miss: a word-statistics model of how the team asks.

The rules in :mod:`commplan.understanding.plan_rules` are precise but only know the phrasings
someone thought of. People also write "Is anything slipping on the comms side that I should
flag before Thursday?" or "can u pull together what's gone past its deadline". This model
learns from worded examples (``plan_examples.tsv``: kind, then text) which plan question a
sentence most resembles, or that it resembles none ("other": topic questions, chatter).

It is a multinomial naive Bayes over stemmed words and word pairs: small, fast, and easy to
inspect. A scikit-learn pipeline would do the same with numpy and scipy behind it, about 100 MB
for a few hundred examples and a few dozen lines here. The caller asks it only when no rule
matched and no standard was found with confidence, and takes its answer only when the
posterior is high (:data:`SURE`): a guess that is wrong sends a member to the wrong list.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass
from importlib.resources import files

from commplan.ranking.text import stem, words
from commplan.understanding.plan import PlanQuestion
from commplan.understanding.plan_kinds import MONTH, PlanKind
from commplan.understanding.reading import Reading

#: A guess is taken at this posterior or more (fitted on tuning data: see bench/tune_plan.py).
SURE = 0.95
#: Additive smoothing of word counts.
_ALPHA = 0.1
OTHER = "other"
_NUMBER = re.compile(r"\b(tactic|action)s?\s*(?:no\.?|number|#)?\s*(\d{1,4})\b", re.I)
_QUARTER = re.compile(r"\b(?:q|quarter\s*)([1-4])\b", re.I)
# A month after a preposition: "may" alone is more often asking leave than naming May.
_MONTH_NAMED = re.compile(
    r"\b(?:in|for|during|by|before|of|until|over|through|end)\s+(" + MONTH + r")\b", re.I
)
_NEXT_WEEK = re.compile(r"\bnext\s+week\b", re.I)
_PERSON = re.compile(r"\b(?-i:[A-Z][a-z'-]+\s+[A-Z][a-z'-]+(?:-[A-Z][a-z'-]+)?)\b")
_FULL_MONTHS = (
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
)


@dataclass(frozen=True, kw_only=True)
class Guess:
    kind: PlanKind
    probability: float
    text: str  # the sentence it was read from


@dataclass(frozen=True, kw_only=True)
class _Model:
    log_prior: dict[str, float]
    log_likelihood: dict[str, dict[str, float]]
    log_unseen: dict[str, float]
    vocabulary: frozenset[str]

    def posterior(self, text: str) -> tuple[str, float]:
        """The likeliest label of ``text`` and its posterior probability."""
        # A word no example used says nothing about any label.
        seen = [f for f in features(text) if f in self.vocabulary]
        scores = {
            label: prior
            + sum(self.log_likelihood[label].get(f, self.log_unseen[label]) for f in seen)
            for label, prior in self.log_prior.items()
        }
        best = max(scores, key=scores.__getitem__)
        top = scores[best]
        total = sum(math.exp(s - top) for s in scores.values())
        return best, 1.0 / total


def features(text: str) -> list[str]:
    """Stemmed words and adjacent word pairs: "what's overdue" and "over due" alike."""
    stems = [stem(w) for w in words(text)]
    return stems + [f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False)]


def train(examples: list[tuple[str, str]]) -> _Model:
    """A model from (label, text) pairs."""
    counts: dict[str, Counter[str]] = {}
    labels: Counter[str] = Counter()
    vocabulary: set[str] = set()
    for label, text in examples:
        found = features(text)
        counts.setdefault(label, Counter()).update(found)
        labels[label] += 1
        vocabulary.update(found)
    size = len(vocabulary)
    n = sum(labels.values())
    log_likelihood, log_unseen = {}, {}
    for label, table in counts.items():
        denominator = math.log(sum(table.values()) + _ALPHA * size)
        log_likelihood[label] = {f: math.log(c + _ALPHA) - denominator for f, c in table.items()}
        log_unseen[label] = math.log(_ALPHA) - denominator
    return _Model(
        log_prior={label: math.log(c / n) for label, c in labels.items()},
        log_likelihood=log_likelihood,
        log_unseen=log_unseen,
        vocabulary=frozenset(vocabulary),
    )


def examples() -> list[tuple[str, str]]:
    """The shipped worded examples, as (label, text)."""
    text = files("commplan.understanding").joinpath("plan_examples.tsv").read_text("utf-8")
    rows = (line.split("\t", 1) for line in text.splitlines() if "\t" in line)
    return [(label.strip(), body.strip()) for label, body in rows]


@functools.cache
def _shipped() -> _Model:
    return train(examples())


def guess(reading: Reading, *, sure: float = SURE) -> Guess | None:
    """The plan question the reading's requests most resemble, when the model is ``sure``.

    The requests are tried in order, then the whole message (a post whose question is spread
    over two sentences), and the first sure guess wins.
    """
    model = _shipped()
    for text in (*reading.requests, reading.text):
        label, probability = model.posterior(text)
        if label != OTHER and probability >= sure:
            return Guess(kind=PlanKind(label), probability=probability, text=text)
    return None


def period_of(text: str) -> str:
    """The period a due-date question names: a month, a quarter, next week; else this week."""
    if found := _QUARTER.search(text):
        return f"Q{found.group(1)}"
    if found := _MONTH_NAMED.search(text):
        start = found.group(1).lower()[:3]
        return next(m for m in _FULL_MONTHS if m.startswith(start)).capitalize()
    if _NEXT_WEEK.search(text):
        return "next week"
    return "this week"


def number_of(text: str, thing: str) -> int | None:
    """The tactic or action number written in ``text`` ("tactic 12", "action no. 5")."""
    for found in _NUMBER.finditer(text):
        if found.group(1).lower() == thing:
            return int(found.group(2))
    return None


def guessed_question(reading: Reading, *, sure: float = SURE) -> PlanQuestion | None:
    """The plan question :func:`guess` finds, with the arguments its sentence gives.

    A kind that needs an argument the sentence does not give plainly (a tactic's number, a
    person's full name) is no guess: asking back beats listing the wrong thing.
    """
    found = guess(reading, sure=sure)
    if found is None:
        return None
    kind, text = found.kind, found.text
    if kind in (PlanKind.DUE, PlanKind.PHASE):
        period = period_of(text)
        if kind is PlanKind.PHASE and not period.startswith("Q"):
            return None
        return PlanQuestion(kind=kind, period=period, text=text)
    if kind in (PlanKind.SHOW_TACTIC, PlanKind.SHOW_ACTION, PlanKind.IMPACT):
        number = number_of(text, "action" if kind is PlanKind.SHOW_ACTION else "tactic")
        return None if number is None else PlanQuestion(kind=kind, number=number, text=text)
    if kind is PlanKind.OWNED_BY:
        name = _PERSON.search(text)
        return None if name is None else PlanQuestion(kind=kind, name=name.group(0), text=text)
    if kind in (PlanKind.SEARCH, PlanKind.ACTIONS_FOR):
        return None  # what to search for, or whose actions, needs the rules' reading
    return PlanQuestion(kind=kind, text=text)
