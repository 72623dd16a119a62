"""The topic decision: a confident answer, "not sure, one of these", or "no standard covers X".

The same decision serves chat and mail: an e-mail's subject is one more place to look when the
writer's own words only point back at it.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace

from rapidfuzz.distance import OSA

from commplan.ranking import Assessment, Match, StandardsIndex
from commplan.understanding.evidence import DEFAULT_CALIBRATION, Calibration, Evidence, logit
from commplan.understanding.phrases import Phrase, Pool, Source, named_topics, pool, topic_words
from commplan.understanding.reading import Reading, Role, read

#: The longest topic quoted back in a reply ("no standard covers X").
MAX_TOPIC_CHARS = 80
#: Entries offered with an unsure or a "none" decision.
MAX_OFFERED = 3
#: A best entry at least this probable is recorded as a message's likely topic.
LIKELY = 0.5
#: How much an e-mail's subject counts as a place for its topic (see phrases.py weights).
SUBJECT_WEIGHT = 0.95
REPLY_SUBJECT_WEIGHT = 0.8
#: An entry with less support than this is not worth offering as "nearest".
NEAREST_FLOOR = 0.02
#: BM25 leaders scored for each phrase (a lookup scores 20; a phrase needs only its best few).
PHRASE_LEADERS = 5
#: Candidates taken from each phrase, and from the whole message ranked as one query.
PHRASE_DEPTH = 3
WHOLE_DEPTH = 5
#: Entries scoring this share of the best on a request's words are what it may mean.
NEAR = 0.8
#: Support (and name fit) within this share of the best entry's is a tie.
TIE = 0.1
#: How much the whole-message ranking adds to an entry's support.
WHOLE_SHARE = 0.5
_ANOTHER = re.compile(
    r"\W*(?:and|also|plus|separately|additionally|secondly|another|one\s+more|what\s+about"
    r"|how\s+about|while\s+i'?m\s+(?:here|at\s+it)|on\s+(?:a|an)\s+(?:separate|different|"
    r"unrelated)\s+note)\b",
    re.I,
)
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|fw|fwd|aw|sv|tr)\s*(?:\[\d+\])?\s*:\s*)+", re.I)


class Outcome(enum.StrEnum):
    CONFIDENT = "confident"
    UNSURE = "unsure"
    NONE = "none"


@dataclass(frozen=True, kw_only=True)
class TopicDecision:
    """What the message asks about, and how sure the answer is.

    ``matches`` are best first: the answer and up to two runners-up (confident), the two or
    three candidates (unsure) or the nearest entries (none; may be empty). Their ``score`` is
    the entry's support in this message, in [0, 1] and comparable only within one decision;
    ``confidence`` is the calibrated probability that ``matches[0]`` is the right answer, and
    ``covered`` that some entry covers the topic at all. ``topic_text`` is the topic in the
    writer's words ("caring responsibilities"), "" when nothing in the message could name
    one. ``source`` says where it was found; ``evidence`` what the decision rested on (for logs
    and tuning); ``tied`` that only a tie with the runner-up kept it from being confident.
    """

    outcome: Outcome
    matches: tuple[Match, ...]
    confidence: float
    covered: float
    topic_text: str
    source: Source = Source.REQUEST
    evidence: Evidence | None = None
    tied: bool = False  # sure enough, but the words fit the runner-up as well

    @property
    def standard(self) -> str:
        """The confident answer's name, "" otherwise (what to tell a person)."""
        return self.matches[0].standard.name if self.outcome is Outcome.CONFIDENT else ""

    @property
    def likely(self) -> str:
        """The best entry's name when it is more likely right than not, else "".

        For records rather than replies (an inbox message's topic in the baseline): a best
        guess the team can correct beats an empty field half the time.
        """
        if self.outcome is Outcome.NONE or not self.matches or self.confidence < LIKELY:
            return ""
        return self.matches[0].standard.name


def decide_topic(
    reading: Reading | str,
    index: StandardsIndex,
    *,
    subject: str = "",
    subject_weight: float = 0.0,
    calibration: Calibration = DEFAULT_CALIBRATION,
) -> TopicDecision:
    """Decide which standard, if any, a message asks about.

    ``subject`` is an e-mail's subject, weighed at ``subject_weight`` (by default like the
    context a request points back at).
    """
    reading = _first_topic(read(reading) if isinstance(reading, str) else reading, index)
    found = pool(reading, index.knows, subject=subject, subject_weight=subject_weight)
    whole_text = _whole(found)
    texts = [p.text for p in found.phrases] + ([whole_text] if whole_text else [])
    assessments = index.assess_many(texts, PHRASE_LEADERS)
    ranked = [(p, a) for p, a in zip(found.phrases, assessments, strict=False) if a.ranked]
    whole = assessments[-1] if whole_text else None
    support = _support(ranked, whole)
    if not support:
        return TopicDecision(
            outcome=Outcome.NONE,
            matches=(),
            confidence=0.0,
            covered=0.0,
            topic_text=_short(found.shown),
            source=_source(found.phrases[0]) if found.phrases else Source.REQUEST,
        )
    order = sorted(support.items(), key=lambda item: -item[1])
    name = order[0][0]
    phrase, best = _best_phrase(name, ranked, whole)
    evidence = _evidence(found, phrase, best, name, order, whole, ranked, index)
    confidence = calibration.right.probability(evidence)
    covered = max(confidence, calibration.covered.probability(evidence))
    matches = _offered(order, index, best)
    # "housing", "identity": words that fit two entries alike leave the choice to the asker,
    # however sure the model is that one of them is meant.
    tied = confidence >= calibration.confident and _tied(order, best, evidence.alias)
    if confidence >= calibration.confident and not tied:
        outcome = Outcome.CONFIDENT
        topic = phrase.shown
    else:
        outcome = Outcome.NONE if covered < calibration.none_below else Outcome.UNSURE
        topic = found.shown if outcome is Outcome.NONE else phrase.shown
    return TopicDecision(
        outcome=outcome,
        matches=matches,
        confidence=confidence,
        covered=covered,
        topic_text=_short(topic or found.shown),
        source=_source(phrase),
        evidence=evidence,
        tied=tied,
    )


def decide_mail_topic(
    subject: str,
    own_words: str,
    index: StandardsIndex,
    *,
    calibration: Calibration = DEFAULT_CALIBRATION,
) -> TopicDecision:
    """The same decision for an e-mail: its own words first, its subject when they point back.

    ``own_words`` is the body without quoted replies, forwarded mail and signature (the caller
    cuts those); "Re:" and "Fwd:" prefixes are dropped from the subject here.
    """
    bare = _REPLY_PREFIX.sub("", subject).strip()
    # A new message's subject usually names its topic; a reply's names the thread's old one.
    weight = REPLY_SUBJECT_WEIGHT if bare != subject.strip() else SUBJECT_WEIGHT
    reading = read(own_words)
    if reading.chatter and bare:
        return decide_topic(read(bare), index, calibration=calibration)
    return decide_topic(
        reading, index, subject=bare, subject_weight=weight, calibration=calibration
    )


def _first_topic(reading: Reading, index: StandardsIndex) -> Reading:
    """The reading without later requests that say they are another question and lead to
    another entry: "Do you have a question on whether people own or rent? Also, anything on
    housing costs?" asks first about tenure, as a plan question asked second waits for the
    first. "... household income in bands. Is there an income question for this?" asks the
    same thing twice, and keeps both."""
    asks = [
        (i, named_topics(s.text, index.knows) or topic_words(s.text, index.knows))
        for i, s in enumerate(reading.sentences)
        if s.role is Role.REQUEST
    ]
    asks = [(i, words) for i, words in asks if words]
    others = [(i, words) for i, words in asks[1:] if _ANOTHER.match(reading.sentences[i].text)]
    if not others:
        return reading
    first, *rest = index.assess_many([" ".join(w) for _, w in (asks[0], *others)], PHRASE_LEADERS)
    if not first.ranked:
        return reading
    best = first.ranked[0][1]
    # Entries the first request's words could mean as well as its best.
    meant = {c.standard.name for c, score in first.ranked if score >= NEAR * best}
    later = {
        i
        for (i, _), assessment in zip(others, rest, strict=True)
        if assessment.ranked and assessment.ranked[0][0].standard.name not in meant
    }
    kept = tuple(s for i, s in enumerate(reading.sentences) if i not in later)
    return replace(reading, sentences=kept) if later else reading


def _short(text: str) -> str:
    """The topic as a reply can quote it: at most :data:`MAX_TOPIC_CHARS`, whole words."""
    if len(text) <= MAX_TOPIC_CHARS:
        return text
    return text[:MAX_TOPIC_CHARS].rsplit(" ", 1)[0]


def _whole(found: Pool) -> str:
    """The message as one query: its whole sentences, without the subject when the body
    names its own topic (a reply's subject names the thread's old one)."""
    sentences = [p for p in found.phrases if p.span == 0]
    own = [p for p in sentences if found.pointing or p.source is not Source.SUBJECT]
    return " ".join(p.text for p in own or sentences)


def _source(phrase: Phrase) -> Source:
    return Source.REQUEST if phrase.source is Source.NAMED else phrase.source


def _support(ranked: list[tuple[Phrase, Assessment]], whole: Assessment | None) -> dict[str, float]:
    """Each entry's support: its phrase scores weighted by the square of their places'
    weights, and half its score when the whole message is one query."""
    norm = sum(p.weight**2 for p, _ in ranked) or 1.0
    support: dict[str, float] = {}
    for phrase, assessment in ranked:
        for candidate, score in assessment.ranked[:PHRASE_DEPTH]:
            name = candidate.standard.name
            support[name] = support.get(name, 0.0) + phrase.weight**2 * score / norm
    if whole is not None:
        for candidate, score in whole.ranked[:WHOLE_DEPTH]:
            name = candidate.standard.name
            support[name] = support.get(name, 0.0) + WHOLE_SHARE * score
    return support


def _best_phrase(
    name: str, ranked: list[tuple[Phrase, Assessment]], whole: Assessment | None
) -> tuple[Phrase, Assessment]:
    """The phrase that speaks most strongly for entry ``name``."""
    best: tuple[float, Phrase, Assessment] | None = None
    for phrase, assessment in ranked:
        for candidate, score in assessment.ranked[:PHRASE_DEPTH]:
            if candidate.standard.name == name and (
                best is None or score * phrase.weight > best[0]
            ):
                best = (score * phrase.weight, phrase, assessment)
    if best is not None:
        return best[1], best[2]
    assert whole is not None  # support came from the whole message alone
    return Phrase(text=whole.query, shown="", source=Source.CONTEXT, weight=1.0, span=0), whole


def _score_of(name: str, assessment: Assessment | None) -> tuple[float, float, int]:
    """The entry's score on an assessment, the best other entry's, and its rank (0 = first)."""
    if assessment is None:
        return 0.0, 0.0, -1
    mine, other, rank = 0.0, 0.0, -1
    for position, (candidate, score) in enumerate(assessment.ranked):
        if candidate.standard.name == name:
            mine, rank = score, position
        else:
            other = max(other, score)
    return mine, other, rank


def _coverage(text: str, name: str, index: StandardsIndex) -> float:
    return index.explains(text, name)


def _evidence(
    found: Pool,
    phrase: Phrase,
    best: Assessment,
    name: str,
    order: list[tuple[str, float]],
    whole: Assessment | None,
    ranked: list[tuple[Phrase, Assessment]],
    index: StandardsIndex,
) -> Evidence:
    score, other, _ = _score_of(name, best)
    features = next(c.features for c, _ in best.ranked if c.standard.name == name)
    slots = best.parsed.slots
    far = any(
        slot.correction is not None and OSA.distance(slot.word, slot.correction) >= 2
        for slot in slots
    )
    _, _, whole_rank = _score_of(name, whole)
    rival = max(
        (s * p.weight for p, a in ranked for c, s in a.ranked[:1] if c.standard.name != name),
        default=0.0,
    )
    named = [_coverage(t, name, index) for t in found.named]
    # A request that only points back ("is there a standard?") asks about what it points at.
    asked = found.request or _pointed_at(found)
    total = sum(support for _, support in order) or 1.0
    weights = sum(p.weight for p, _ in ranked) or 1.0
    votes = sum(p.weight for p, a in ranked if a.ranked[0][0].standard.name == name)
    return Evidence(
        support=order[0][1],
        dominance=1.0 - (order[1][1] / order[0][1] if len(order) > 1 and order[0][1] else 0.0),
        whole_top=float(whole_rank == 0),
        score_logit=logit(score),
        margin=score - other,
        coverage=features.coverage,
        named_coverage=max(named, default=1.0),
        named=float(bool(found.named)),
        request_coverage=_coverage(asked, name, index) if asked else 1.0,
        unknown=features.unknown,
        corrected=features.corrected,
        far_correction=float(far),
        single=float(len(slots) == 1),
        weight=phrase.weight,
        strength=score * phrase.weight,
        rival=rival,
        share=order[0][1] / total,
        votes=votes / weights,
        request_unknown=_unknown(asked, index),
        named_unknown=_unknown(found.named[0], index) if found.named else 0.0,
        related_rival=float(len(order) > 1 and _related(index, name, order[1][0])),
        alias=features.alias,
    )


def _tied(order: list[tuple[str, float]], best: Assessment, alias: float) -> bool:
    """Whether the runner-up has nearly the best entry's support and the words fit its name
    as well: nothing in the message tells the two apart."""
    if len(order) < 2 or order[1][1] < (1.0 - TIE) * order[0][1]:
        return False
    rival = next((c.features.alias for c, _ in best.ranked if c.standard.name == order[1][0]), 0.0)
    return alias - rival < TIE


def _pointed_at(found: Pool) -> str:
    """The sentence a request that names nothing points back at, when it points."""
    if not found.pointing:
        return ""
    context = [p for p in found.phrases if p.source is Source.CONTEXT and p.span == 0]
    return max(context, key=lambda p: p.weight).text if context else ""


def _related(index: StandardsIndex, one: str, other: str) -> bool:
    first, second = index.get(one), index.get(other)
    if first is None or second is None:
        return False
    return other in first.related or one in second.related


def _unknown(text: str, index: StandardsIndex) -> float:
    """Share of ``text``'s words that nothing in the catalogue explains."""
    slots = index.parse(text).slots if text else ()
    return sum(slot.unknown for slot in slots) / len(slots) if slots else 0.0


def _offered(
    order: list[tuple[str, float]], index: StandardsIndex, best: Assessment
) -> tuple[Match, ...]:
    """The best supported entries; with fewer than two, the best phrase's runners-up join
    them, so "one of these" always has a choice when the catalogue offers one."""
    found = []
    for name, support in order[:MAX_OFFERED]:
        standard = index.get(name)
        if standard is not None and support >= NEAREST_FLOOR:
            found.append(Match(standard=standard, score=min(1.0, support)))
    names = {m.standard.name for m in found}
    for candidate, score in best.ranked:
        if len(found) >= 2:
            break
        if candidate.standard.name not in names and score > 0.0:
            found.append(Match(standard=candidate.standard, score=score))
            names.add(candidate.standard.name)
    return tuple(found)
