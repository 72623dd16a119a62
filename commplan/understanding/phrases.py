"""Where the topic of a message is: which sentences, and which phrases of them, to rank.

A request that names its topic ("is there a harmonised question on smoking?") says exactly
what is asked; that *named topic* is the strongest place to look, and the strongest evidence
when no entry explains it. A request that only points back ("which standard should we use for
this?") leaves the topic to the sentences before it, an e-mail's subject or a quoted message.
Every sentence is also cut at clause boundaries, and every run of up to three neighbouring
clauses is a phrase to rank, so "benefits and tax credits" survives as one phrase while "our
residents' survey in Leeds" and "caring responsibilities" become separate ones. Each phrase
carries a weight for how likely its place in the message is to hold the topic.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from commplan.ranking.lexicon import EXPANSIONS
from commplan.ranking.text import STOP_WORDS, words
from commplan.understanding.in_use import ALREADY as _ALREADY
from commplan.understanding.in_use import SEGMENT as _SEGMENT
from commplan.understanding.in_use import all_in_use, points_past
from commplan.understanding.reading import FOLLOW_UP_PATTERNS, Reading, Role, Sentence
from commplan.understanding.words import FILLER, NOISE, REFERENCES


class Source(enum.StrEnum):
    NAMED = "named"  # "a question on X" in a request
    REQUEST = "request"
    CONTEXT = "context"
    SUBJECT = "subject"
    QUOTED = "quoted"


@dataclass(frozen=True, kw_only=True)
class Phrase:
    """Words to rank (``text``), the same without edge stop words (``shown``), and where
    they came from; ``weight`` in (0, 1] is how much their place counts."""

    text: str
    shown: str
    source: Source
    weight: float
    span: int  # clauses it joins; 0 for a whole sentence or a named topic


@dataclass(frozen=True, kw_only=True)
class Pool:
    """The phrases to rank; ``named`` the named topics and ``request`` the words of the
    requests (both "" when there are none); ``shown`` the topic to name in a reply."""

    phrases: tuple[Phrase, ...]
    named: tuple[str, ...]  # named by a request (context's named topics are only phrases)
    request: str
    shown: str
    pointing: bool  # a request only pointed back at the context


#: Runs of up to this many neighbouring clauses are ranked as one phrase.
MAX_SPAN = 2
#: Phrases whose place counts less than this are too far from the question to rank.
MIN_WEIGHT = 0.6
#: The most phrases ranked for one message, so a long post costs a bounded amount.
MAX_PHRASES = 24
# Weights of the places a topic can be (see the module docstring).
NAMED_WEIGHT = 1.0
CONTEXT_NAMED_WEIGHT = 0.9  # "we want a consistent question on problem debt" as context
FRAMED_WEIGHT = 0.95  # a request that mentions a standard, question or guidance
DETAIL_WEIGHT = 0.85  # any other request ("are 'don't know' options shown?")
POINTED_WEIGHT = 0.95  # context a request points back at
BACKGROUND_WEIGHT = 0.75  # context when the request names its own topic
DISTANCE_DECAY = 0.93  # per sentence between the context and the request
ALREADY_FACTOR = 0.6  # "we already use your ethnicity standard": not what is asked now
NAMED_BODY = 0.75  # the subject's weight when the body names its own topic

_CLAUSE_BREAK = re.compile(
    r"[,;:()\"/]|(?<!\w)'|'(?!\w)|\s[-\u2013\u2014]+\s|(?<![\w'-])(?:and|or|but|because|whether|so|as\s+well\s+as"
    r"|in|on|for|about|at|with|to|from|regarding|re|around|into|covering|including|within"
    r"|which|that|when|if|where|how|what|while|whilst|like|such\s+as|e\.?g|i\.?e)(?![\w'-])",
    re.I,
)
_WHOSE = re.compile(
    r"\b(?:scottish|welsh|irish|english|british|northern\s+irish|ni|uk|gb)(?=(?:\s*(?:/|or|and)\s*"
    r"(?:scottish|welsh|irish|english|northern\s+irish|ni))*\s+(?:government|"
    r"version|versions|household|surveys?|councils?|county|ministers?|parliament|assembly|"
    r"office|census|censuses|equivalents?|lists?|ones?|questions?|standards?|guidance|teams?|"
    r"figures|statistics|data|crime|health|nhs|local|authorit|variant|categories|options|list|"
    r"wording|form|forms|people|public|residents|nations?)\b)",
    re.I,
)
# Who the writer works for, not what they ask about: "an NHS trust" is no question of trust.
_EMPLOYER = re.compile(
    r"\b(?:nhs|foundation|hospital|ambulance|health(?:\s+and\s+(?:social\s+)?care)?|mental\s+"
    r"health|acute|community|partnership|university\s+hospitals?)\s+(?:foundation\s+)?trusts?\b",
    re.I,
)
# Where a request sentence asks two things: "which standard is that, and is it the same in NI?"
_ASKS = re.compile(
    r",\s*(?:and|but|or|also)\s+|\s+and\s+(?=(?:is|are|does|do|can|could|should|would|has|have|"
    r"when|what|which|how|where|whether)\b)|;\s*|\s[-\u2013\u2014]+\s",
    re.I,
)
# A request about a standard, question or guidance (not merely "the harmonisation programme").
_FRAMED = re.compile(
    r"\b(?:standards?|guidance|guide|questions?|q|principles?|definitions?|measures?|wording"
    r"|categories|variables?|modules?|code\s+set|classification|harmoni[sz]ed\s+(?:one|set|"
    r"version|approach|way))\b",
    re.I,
)
_TOPIC_NOUN = (
    r"(?:standards?|questions?|q|guidance|measures?|definitions?|principles?|modules?|variables?"
    r"|categories|wording|items?|approach|classification|list|set|tool|policy|one|anything"
    r"|something|advice|data)"
)
_PEOPLE = r"(?:people|respondents|residents|staff|someone|them|customers|patients|pupils|users)"
_NAMED = tuple(
    re.compile(p, re.I)
    for p in (
        (
            rf"\b{_TOPIC_NOUN}\s+(?:on|for|about|covering|around|regarding|re|of|to\s+(?:capture|"
            r"measure|ask\s+about|record|collect|identify|use\s+for))\s+(?P<t>.+)"
        ),
        (
            rf"\b(?:ask(?:ing)?|measur(?:e|ing)|record(?:ing)?|collect(?:ing)?|captur(?:e|ing)|"
            rf"monitor(?:ing)?)\s+(?:{_PEOPLE}(?:'s)?\s+)?(?:about\s+|on\s+)?(?P<t>.+)"
        ),
        (
            r"\bharmoni[sz]ed\s+(?P<t>.+?)\s+(?:questions?|standards?|measures?|definitions?|guidance"
            r"|principles?|q|categories|wording|set)\b"
        ),
        (
            r"\b(?:the|a|an|any|your|official|standard|gss|ons)\s+(?P<t>(?:(?!(?:in|on|for|to|with|from"
            r"|at|by|is|are|was|be|the|a|an)\b)[\w'/-]+\s+){1,5}?)(?:questions?|standards?|measures?|q"
            r"|guidance|principles?|categories|wording)\b"
        ),
        r"^(?P<t>(?:[\w'/-]+\s+){1,5}?)(?:harmoni[sz]ed|standards?|questions?|q|guidance)\b",
        # "which question should we use for religion?" (a request only)
        (
            r"\b(?:use|follow|adopt|recommend)\s+(?:for|to\s+(?:ask\s+about|measure|capture"
            r"|record))\s+(?P<t>.+)"
        ),
    )
)
_NAMED_END = re.compile(
    r"[,.;:?!()\"]|(?<!\w)'|'(?!\w)|\s[-\u2013\u2014/]+\s|\s(?:and|or)\s+(?:is|are|does|do|can|could"
    r"|should|would|also)\b|\s(?:how|what|when|whether|if|where|which|why|who|that|so|because|since"
    r"|rather|instead|like|e\.?g|i\.?e|we|i|you|they|please|pls|thanks|in\s+(?:our|the|a|an|my|"
    r"their|line)|for\s+(?:our|the|a|an|my|their|use|residents|staff)|from\s+(?:the|our)|with\s+"
    r"(?:the|our)|to\s+(?:use|make|be|go|add|include)|for)\b",
    re.I,
)


@lru_cache(maxsize=4096)
def _follow_up_free(text: str) -> str:
    """The text without what only asks about a standard's state, without nationality
    adjectives that only say whose survey it is ("the Scottish version"), and without the
    writer's employer ("an NHS trust")."""
    for _, pattern in FOLLOW_UP_PATTERNS:
        text = pattern.sub(" ", text)
    return _EMPLOYER.sub(" ", _WHOSE.sub(" ", text))


Knows = Callable[[str], bool]


def _keep(found: list[str], knows: Knows) -> list[tuple[str, bool] | None]:
    """Each word worth ranking with whether it can name a topic; None for the others.

    Noise goes, and so does filler the catalogue does not use; filler it does use stays to
    help the ranking but names nothing by itself. A word that starts or ends a two-word
    phrase of the lexicon ("looking after") always stays, as a topic word.
    """
    kept: list[tuple[str, bool] | None] = []
    for i, w in enumerate(found):
        before = f"{found[i - 1]} {w}" if i else ""
        after = f"{w} {found[i + 1]}" if i + 1 < len(found) else ""
        if before in EXPANSIONS or after in EXPANSIONS:
            kept.append((w, w not in STOP_WORDS))
        elif w in NOISE or w in REFERENCES or (w in FILLER and not knows(w)):
            kept.append(None)
        else:
            kept.append((w, w not in STOP_WORDS and w not in FILLER and len(w) > 1))
    return kept


def _kept(text: str, knows: Knows) -> list[tuple[str, bool]]:
    return [k for k in _keep(words(text), knows) if k is not None]


def _content(kept: list[tuple[str, bool]]) -> list[str]:
    return [w for w, topical in kept if topical]


def _joined(kept: list[tuple[str, bool]]) -> str:
    return " ".join(w for w, _ in kept)


def topic_words(text: str, knows: Knows) -> list[str]:
    """The words of ``text`` that could name a topic."""
    return _content(_kept(_follow_up_free(text), knows))


def _trimmed(kept: list[tuple[str, bool]]) -> str:
    start, end = 0, len(kept)
    while start < end and kept[start][0] in STOP_WORDS:
        start += 1
    while end > start and kept[end - 1][0] in STOP_WORDS:
        end -= 1
    return _joined(kept[start:end])


def named_topics(sentence: str, knows: Knows, *, asked: bool = True) -> list[str]:
    """What a sentence names as its topic: "a harmonised question on *smoking*".

    In context (``asked`` False) only a topic framed by a noun counts ("a consistent question
    on problem debt"), not whatever follows a verb ("we collect names and ages").
    """
    found = []
    text = _follow_up_free(sentence)
    for pattern in _NAMED if asked else _NAMED[:1] + _NAMED[2:-1]:
        for match in pattern.finditer(text):
            raw = match.group("t")
            end = _NAMED_END.search(raw)
            raw = raw[: end.start()] if end else raw
            kept = _kept(raw, knows)
            if _content(kept):
                found.append(_trimmed(kept))
    return list(dict.fromkeys(found))


def _phrases(
    sentence: str, source: Source, weight: float, knows: Knows, *, aside: bool = True
) -> list[Phrase]:
    """The whole sentence and every run of up to :data:`MAX_SPAN` neighbouring clauses."""
    sentence = _follow_up_free(sentence)
    # "(we already use the ethnicity codes)" only lowers the part of the sentence it is in.
    marks = [0, *(m.end() for m in _SEGMENT.finditer(sentence)), len(sentence)]
    already = [
        (a, b) for a, b in zip(marks, marks[1:], strict=False) if _ALREADY.search(sentence[a:b])
    ]
    # The sentence is tokenised once; clauses are runs of its tokens between the breaks.
    pieces: list[tuple[int, int, bool]] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        pieces += [(start, match.start(), True), (match.start(), match.end(), False)]
        start = match.end()
    pieces.append((start, len(sentence), True))
    tokens: list[str] = []
    clauses: list[tuple[int, int, int, int]] = []  # token range and character range
    for a, b, is_clause in pieces:
        first = len(tokens)
        tokens.extend(words(sentence[a:b]))
        if is_clause and len(tokens) > first:
            clauses.append((first, len(tokens), a, b))
    kept = _keep(tokens, knows)
    spans = [(0, len(tokens), 0, len(sentence), 0)]
    for i in range(len(clauses)):
        for j in range(i, min(i + MAX_SPAN, len(clauses))):
            first, _, a, _ = clauses[i]
            _, last, _, b = clauses[j]
            spans.append((first, last, a, b, j - i + 1))
    found = []
    for first, last, a, b, span in spans:
        chosen = [k for k in kept[first:last] if k is not None]
        if _content(chosen):
            used = aside and any(a < y and x < b for x, y in already)
            factor = ALREADY_FACTOR if used else 1.0
            found.append(
                Phrase(
                    text=_joined(chosen),
                    shown=_trimmed(chosen),
                    source=source,
                    weight=weight * factor,
                    span=span,
                )
            )
    return found


def pool(reading: Reading, knows: Knows, *, subject: str = "", subject_weight: float = 0.0) -> Pool:
    """Every phrase worth ranking for the message's topic, weighted by where it stands."""
    sentences = list(reading.sentences)
    requests = [i for i, s in enumerate(sentences) if s.role is Role.REQUEST]
    named: list[str] = []
    request_words: list[str] = []
    pointed_at: list[int] = []
    context_named: list[str] = []
    for i, sentence in enumerate(sentences):
        if i not in requests and not _ALREADY.search(sentence.text):
            context_named.extend(named_topics(sentence.text, knows, asked=False))
    for i in requests:
        text = sentences[i].text
        named.extend(named_topics(text, knows))
        content = topic_words(text, knows)
        request_words.extend(content)
        if any(_FRAMED.search(part) and not topic_words(part, knows) for part in _ASKS.split(text)):
            pointed_at.append(i)
    pointing = bool(pointed_at) or not request_words

    def topical(text: str) -> bool:
        return bool(topic_words(text, knows))

    texts = [s.text for s in sentences]
    in_use = {i for i, t in enumerate(texts) if i not in requests and all_in_use(t, topical)}
    everything_in_use = False
    if named:
        # A request names its own topic: context about what is already in use is aside.
        context_named = [
            t
            for i, s in enumerate(sentences)
            if i not in requests and i not in in_use and not _ALREADY.search(s.text)
            for t in named_topics(s.text, knows, asked=False)
        ]
    elif not points_past(texts, requests, in_use, topical):
        # What is in use is all a request can point back at ("We already use your ethnicity
        # standard. Is it still current?"): then it is what is asked about.
        everything_in_use = pointing and bool(in_use)
        in_use = set()
    found: list[Phrase] = [
        Phrase(text=t, shown=t, source=Source.NAMED, weight=NAMED_WEIGHT, span=0) for t in named
    ]
    found.extend(
        Phrase(text=t, shown=t, source=Source.NAMED, weight=CONTEXT_NAMED_WEIGHT, span=0)
        for t in context_named
    )
    for i, sentence in enumerate(sentences):
        weight = _weight(i, sentences, pointed_at) * (ALREADY_FACTOR if i in in_use else 1.0)
        found.extend(
            _phrases(
                sentence.text, _SOURCE[sentence.role], weight, knows, aside=not everything_in_use
            )
        )
    aside = POINTED_WEIGHT if pointing else BACKGROUND_WEIGHT
    if subject:
        # A body that names its own topic outweighs the subject ("Re: ethnicity" asking about
        # care); one that points back leaves the subject in charge.
        weight = (subject_weight or aside * DISTANCE_DECAY) * (1.0 if pointing else NAMED_BODY)
        found.extend(_phrases(subject, Source.SUBJECT, weight, knows))
    for line in reading.quoted.split("\n")[:8]:
        found.extend(_phrases(line, Source.QUOTED, aside * DISTANCE_DECAY, knows))
    # Phrases that differ only in stop words rank the same: keep the best-placed one.
    unique: dict[tuple[str, ...], Phrase] = {}
    for phrase in found:
        key = tuple(w for w in phrase.text.split() if w not in STOP_WORDS)
        known = unique.get(key)
        if known is None or known.weight < phrase.weight:
            unique[key] = phrase
    ordered = sorted(
        (p for p in unique.values() if p.weight >= MIN_WEIGHT), key=lambda p: (-p.weight, p.span)
    )[:MAX_PHRASES]
    return Pool(
        phrases=tuple(ordered),
        named=tuple(named),
        request=" ".join(dict.fromkeys(request_words)),
        shown=_shown(named, found),
        pointing=pointing,
    )


_SOURCE = {Role.REQUEST: Source.REQUEST, Role.CONTEXT: Source.CONTEXT}


def _weight(i: int, sentences: list[Sentence], pointed_at: list[int]) -> float:
    """How much sentence ``i``'s place counts: a framed request most, then what a request
    points back at (less the further back it is), other requests, then the rest."""
    sentence = sentences[i]
    if sentence.role is Role.REQUEST:
        weight = FRAMED_WEIGHT if _FRAMED.search(sentence.text) else DETAIL_WEIGHT
    else:
        weight = BACKGROUND_WEIGHT
    if not pointed_at and not any(s.role is Role.REQUEST for s in sentences[i + 1 :]):
        # nothing asked after it: context that follows the question
        weight *= DISTANCE_DECAY if sentence.role is Role.CONTEXT else 1.0
    later = [j for j in pointed_at if j > i]
    if later:
        weight = max(weight, POINTED_WEIGHT * DISTANCE_DECAY ** (min(later) - i - 1))
    elif not any(s.role is Role.REQUEST and s is not sentence for s in sentences):
        weight = max(weight, POINTED_WEIGHT * DISTANCE_DECAY ** (len(sentences) - i - 1))
    return weight


def _shown(named: list[str], found: list[Phrase]) -> str:
    if named:
        return named[0]
    whole = [p for p in found if p.span == 0]
    best = max(whole, key=lambda p: p.weight, default=None)
    return best.shown if best else ""
