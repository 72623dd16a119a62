"""Questions about the communication plan and its people, in the many ways people ask them.

"who owns what?", "anything overdue on the plan?", "what's Becki got on?", "actions for
Jacqui", "find tactics about the webinar", "what's coming up next week?". Each kind maps to one
command the bot already has (or a listing of the plan filtered by its arguments); the caller
resolves names against the directory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz.distance import OSA

from commplan.understanding.plan_kinds import MONTH as _MONTH
from commplan.understanding.plan_kinds import PlanKind
from commplan.understanding.plan_rules import RULES as _RULES
from commplan.understanding.reading import Reading, read
from commplan.understanding.references import resolved
from commplan.understanding.tactic_rules import EVERYTHING
from commplan.understanding.words import REFERENCES


@dataclass(frozen=True, kw_only=True)
class PlanQuestion:
    """A recognised plan question; arguments are as written, trimmed (names unresolved)."""

    kind: PlanKind
    name: str = ""
    term: str = ""
    period: str = ""
    number: int | None = None
    text: str = ""  # the sentence it was read from


_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTHS = _MONTH_NAMES.split()
_PERIOD = re.compile(
    r"\b(?:(?:this|next|the\s+next|coming|the\s+coming)\s+(?:week|fortnight|month|quarter)"
    r"|today|tomorrow|(?:in|for|during|by|before|over)\s+(?:the\s+(?:next\s+)?)?(?:"
    + _MONTH
    + r"|q[1-4]|quarter\s+[1-4]|(?:\d+|seven)\s+days)|"
    + _MONTH
    + r")\b",
    re.I,
)
# What a topic question can look like even with plan words in it: "who owns their home",
# "which standard covers overdue rent", "when is the ethnicity standard due for review".
_TOPIC_FRAMING = re.compile(
    r"\b(?:standards?|harmoni[sz]ed|harmoni[sz]ation\s+guidance|guidance\s+(?:on|for|about)|"
    r"survey\s+questions?|questionnaire|respondents?|due\s+(?:for|a)\s+review|"
    r"their\s+(?:home|house|flat|property|car)|the\s+(?:home|house|flat|property)\b|household|"
    r"tenure|mortgage|rent\b|arrears|bills?\b|debts?\b|payments?\b|"
    r"how\s+(?:do|should|would|can|could|might)\s+(?:i|we|you|surveys?)\s+(?:ask|measure|record|"
    r"collect|capture|word|phrase)|ask(?:ing)?\s+(?:people|residents|respondents)|"
    r"\bquestions?\s+(?:on|about|for|covering)\b|\bis\s+there\s+(?:a|an|any)\s+(?:harmoni[sz]ed\s+)?"
    r"(?:standard|question|guidance|measure|definition|classification)\b)",
    re.I,
)
_NOT_NAMES = """
i me my mine you your we us our they them their he she his her it its this that these those who
what which someone somebody anyone anybody everyone everybody people person persons household
households family families respondent respondents resident residents the a an home house flat
property car van children child parents carers carer they've everything anything nothing plan
tactic tactics actions action tasks task week month today tomorrow overdue due late list
show give tell get find see
"""
_NOT_A_NAME = frozenset(_NOT_NAMES.split())
_DAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))


def plan_question(reading_or_text: Reading | str) -> PlanQuestion | None:
    """The plan or people question a message asks, or None when it asks none."""
    reading = read(reading_or_text) if isinstance(reading_or_text, str) else reading_or_text
    asked = [(sentence, _normal(sentence)) for sentence in reading.requests]
    # Scene-setting ("my tasks this week include a disability question") is read only when
    # no request plainly asks about a topic ("which standard should I follow?").
    scene = [] if any(_topical(text) for _, text in asked) else reading.context[:1]
    said = [s.text for s in reading.sentences]
    for sentence, text in (*asked, *((c, _normal(c)) for c in scene)):
        if not text:
            continue
        before = said[: said.index(sentence) + 1] if sentence in said else []
        text = resolved(text, before)
        for part in _parts(text):
            found = _asked(part)
            if found is not None:
                found = _everything_mine(_person_not_words(found, sentence), reading)
                return replace(found, text=sentence)
    if reading.quoted and _POINTS_DOWN.search(reading.text):
        # "Can you do what Jacqui asks below?": the forwarded message holds the question.
        quoted = read(reading.quoted)
        if quoted.sentences and not quoted.quoted:
            return plan_question(quoted)
    return None


def _everything_mine(found: PlanQuestion, reading: Reading) -> PlanQuestion:
    """ "what's on my plate? overdue + upcoming, tactics and actions, the lot": my tactics,
    asked for with everything else, are all my reminders."""
    if found.kind is PlanKind.MY_TACTICS and EVERYTHING.match(_normal(reading.text)):
        return PlanQuestion(kind=PlanKind.MY_REMINDERS)
    if found.kind is PlanKind.MY_TACTICS and _ONLY_ACTIONS.search(_normal(reading.text)):
        return PlanQuestion(kind=PlanKind.MY_ACTIONS)  # "... just the meeting actions please"
    return found


_ONLY_ACTIONS = re.compile(
    r"\b(?:just|only)\s+(?:the\s+|my\s+)?(?:meeting\s+|steering\s+group\s+)?actions\b"
)


def _person_not_words(found: PlanQuestion, sentence: str) -> PlanQuestion:
    """ "list tactics for Steve Ellerd-Elliott": tactics for a person written as a name (two or
    three capitalised words) are the ones they own, not the ones mentioning them."""
    if found.kind is not PlanKind.SEARCH or not found.term:
        return found
    written = re.search(
        r"\bfor\s+(" + re.escape(found.term) + r")\b", sentence.replace("\u2019", "'"), re.I
    )
    if written and _PERSON.fullmatch(written.group(1)):
        return PlanQuestion(kind=PlanKind.OWNED_BY, name=written.group(1))
    return found


_PERSON = re.compile(r"(?-i:[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+(?:-[A-Z][a-z'-]+)?){1,2})")


# Kinds that are about the questions people ask, so may sound like a topic question.
_ABOUT_QUESTIONS = frozenset(
    (PlanKind.STANDARDS_REVIEW, PlanKind.TOPICS_RISING, PlanKind.UNANSWERED)
)


def _asked(text: str) -> PlanQuestion | None:
    topical = _topical(text)
    for kind, patterns in _RULES:
        if topical and kind not in _ABOUT_QUESTIONS:
            continue
        for pattern in patterns:
            found = _first(kind, pattern, text)
            if found is not None:
                return found
    return None


# "how is the plan going and is anything overdue": the first thing asked is the question.
_SECOND_ASK = re.compile(
    r"\s(?:and|also|plus|or|but)\s+(?=(?:is|are|does|do|did|can|could|should|would|has|have"
    r"|when|what|which|how|where|whether|who|any|anything)\s)"
)
# "... so I know what I'm picking up": why they ask, after what they ask.
_WHY = re.compile(
    r"\s(?:so\s+(?:that\s+)?(?:i|we)|because|as\s+(?:i|we)|before\s+(?:i|we|the)|since"
    r"|in\s+order\s+to|to\s+(?:help|make\s+sure|see\s+if|check|send|share|pass)|ahead\s+of"
    r"|for\s+(?:the|my|our)\s+(?:steering|meeting|papers|report|slides|update)|if\s+possible"
    r"|when\s+you\s+(?:get|have)|i\s+(?:want|need|would\s+like)\s+to)\s"
)
_POINTS_DOWN = re.compile(
    r"\b(?:below|forwarded|fwd|see\s+(?:her|his|their)\s+(?:note|message|email)|as\s+(?:she|he"
    r"|they)\s+asks?|what\s+(?:she|he|they)\s+(?:asks?|wants?|needs?))\b",
    re.I,
)


def _parts(text: str) -> tuple[str, ...]:
    """The sentence's first ask, the whole of it, then what it asks without why it asks."""
    first = _SECOND_ASK.split(text, maxsplit=1)[0]
    why = _WHY.search(f"{text} ")
    head = text[: why.start()] if why else text
    return tuple(dict.fromkeys(p.strip() for p in (first, text, head) if p.strip()))


def _topical(text: str) -> bool:
    return bool(_TOPIC_FRAMING.search(text)) and not _PLAN_WORDS.search(text)


_PLAN_WORDS = re.compile(
    r"\b(?:tactics?|comms?\s+plan|communications?\s+plan|the\s+plan|meeting\s+actions?|"
    r"steering\s+group|actions?\s+(?:log|list))\b",
    re.I,
)


def _first(kind: PlanKind, pattern: re.Pattern[str], text: str) -> PlanQuestion | None:
    """The question the first fitting match asks. A match whose name is no name ("can you
    show me Jacqui's tactics" first reads "you show me jacqui") is tried again a word later."""
    start = 0
    for _ in range(_NAME_RETRIES):
        match = pattern.search(text, start)
        if match is None:
            return None
        found = _build(kind, match, text)
        if found is not None or "name" not in pattern.groupindex:
            return found
        space = text.find(" ", match.start() + 1)
        if space < 0:
            return None
        start = space + 1
    return None


_NAME_RETRIES = 6


_HEDGES = re.compile(
    r"\b(?:personally|actually|currently|directly|really|exactly|collectively|definitely|genuinely"
    r"|still)\b"
)


def _normal(sentence: str) -> str:
    text = sentence.lower().replace("\u2019", "'")
    text = re.sub(r"\b(?:what|wht|wat|wot)'?s\b", "what is", text)
    text = re.sub(r"\b(he|she|it|that|there)'s\b", r"\1 is", text)
    text = re.sub(r"\bwho'?s\b", "who is", text)
    text = re.sub(r"\bwhat've\b", "what have", text)
    text = re.sub(r"\bhow'?s\b", "how is", text)
    text = re.sub(r"\bi'm\b", "i am", text)
    text = re.sub(r"\b(i|we|you|they)'ve\b", r"\1 have", text)
    text = re.sub(
        r"\b(?:have|has|is|are|did|do|does)n'?t\b",
        lambda m: m.group(0)[:-3].rstrip("n'") + " not",
        text,
    )
    text = re.sub(r"[?!.,;:()\[\]]+", " ", text)
    # "which tactics is she personally accountable for": adverbs that change no question.
    text = _HEDGES.sub(" ", text)
    text = _SHORTHAND.sub(lambda m: _LONGHAND[m.group(0)], text)
    return " ".join(_spelt(word) for word in text.split())


# The plan's own words, typed in a hurry ("what tatics are overdeu?"): one slip is forgiven.
_PLAN_WORDS_SPELT = frozenset(
    (
        *("tactics", "tactic", "tactical", "overdue", "actions", "action", "actioned"),
        *("summary", "summaries", "deadline", "deadlines", "baseline", "baselines"),
        *("schedule", "schedules", "scheduled", "assign", "assigns", "assigned"),
        *("responsible", "steering", "outstanding", "reminders"),
        *("january", "february", "august", "september", "october", "november", "december"),
    )
)


def _spelt(word: str) -> str:
    if len(word) < 5 or word in _PLAN_WORDS_SPELT or not word.isalpha():
        return word
    near = [w for w in _PLAN_WORDS_SPELT if OSA.distance(word, w, score_cutoff=1) <= 1]
    return near[0] if len(near) == 1 else word


# Slack shorthand spelt out, so the rules need only the long forms.
_LONGHAND = {
    "tacs": "tactics",
    "tac": "tactic",
    "wk": "week",
    "wks": "weeks",
    "sg": "steering group",
    "orgs": "organisations",
    "org": "organisation",
    "pls": "",
    "plz": "",
    "please": "",
    "comms": "comms",
    "comm": "comms",
    "tmrw": "tomorrow",
    "tmw": "tomorrow",
    "atm": "at the moment",
    "asap": "",
    "u": "you",
    "r": "are",
    "wht": "what",
    "whats": "what is",
    "thx": "",
}
_SHORTHAND = re.compile(r"\b(?:" + "|".join(_LONGHAND) + r")\b")


def _clean_name(raw: str) -> str | None:
    name = re.sub(r"^(?:the\s+)?(?=\w+\s+(?:team|group)\b)", "the ", raw.strip())
    name = re.sub(
        r"\s+(?:got|have|has|own|owns|on|at\s+the\s+moment|currently|now|please|pls"
        r"|this\s+week|right\s+now)$",
        "",
        name,
    ).strip()
    words = name.split()
    if not words or len(words) > 4 or any(w.split("'")[0] in _DAYS for w in words):
        return None
    if words[-1] in ("team", "group", "members"):
        return name
    if name in ("i", "me", "my", "myself"):
        return name
    if any(w in _NOT_A_NAME for w in words) or not all(
        re.fullmatch(r"@?[a-z][a-z'.-]*", w) for w in words
    ):
        return None
    return re.sub(r"(^|[\s'-])([a-z])", lambda m: m.group(1) + m.group(2).upper(), name)


def _clean_term(raw: str) -> str:
    term = re.sub(r"^(?:the|a|an|our|this|that)\s+", "", raw.strip())
    term = re.sub(
        r"\s+(?:please|pls|at\s+the\s+moment|currently|now|in\s+the\s+plan|on\s+the\s+"
        r"plan|this\s+year)$",
        "",
        term,
    )
    return term.strip()


def _period(raw: str | None) -> str:
    if not raw:
        return "this week"
    text = re.sub(r"^(?:in|for|during|by|before|over)\s+(?:the\s+)?", "", raw.strip())
    text = re.sub(r"^(?:the\s+)?(?:coming|next)\s+(?:7|seven)\s+days$", "this week", text)
    text = re.sub(r"^(?:the\s+)?coming\s+", "next ", text)
    text = re.sub(r"^the\s+next\s+", "next ", text)
    quarter = re.fullmatch(r"(?:q|quarter\s+)([1-4])", text)
    if quarter:
        return f"Q{quarter.group(1)}"
    for month in _MONTHS:
        if re.fullmatch(_MONTH, text) and month.startswith(text[:3]):
            return month.capitalize()
    return text


def _build(kind: PlanKind, match: re.Match[str], sentence: str) -> PlanQuestion | None:
    groups = match.groupdict()
    if "name" in groups:
        name = _clean_name(groups["name"] or "")
        if name is None:
            return None
        if name in ("i", "me", "my", "myself"):
            mine = PlanKind.MY_ACTIONS if kind is PlanKind.ACTIONS_FOR else PlanKind.MY_TACTICS
            return PlanQuestion(kind=mine)
        return PlanQuestion(kind=kind, name=name)
    if "term" in groups:
        term = _clean_term(groups["term"] or "")
        if kind is PlanKind.WHO_OWNS and (_topic_like(term) or _topic_like(groups["term"] or "")):
            return None
        if kind is PlanKind.SEARCH and not term:
            return None
        if kind is PlanKind.SEARCH and _PERIOD.fullmatch(term):
            # "anything in the plan for December?" asks what is due then, not for the word.
            return PlanQuestion(kind=PlanKind.DUE, period=_period(term))
        return PlanQuestion(kind=kind, term=term)
    if kind is PlanKind.PHASE:
        quarter = groups["quarter"]
        return PlanQuestion(kind=kind, period=f"Q{_ORDINAL.get(quarter, quarter)}")
    if "number" in groups:
        return PlanQuestion(kind=kind, number=int(groups["number"]))
    if kind is PlanKind.CONTACTS:
        found = re.search(r"\b(?:this|last)\s+(?:week|month)\b", sentence)
        return PlanQuestion(kind=kind, period=found.group(0) if found else "this month")
    if kind is PlanKind.BASELINE:
        found = re.search(r"\bby\s+(.+)$", sentence)
        return PlanQuestion(kind=kind, term=_clean_term(found.group(1)) if found else "")
    if kind is PlanKind.DUE:
        found = _PERIOD.search(sentence)
        return PlanQuestion(kind=kind, period=_period(found.group(0) if found else None))
    return PlanQuestion(kind=kind)


_ORDINAL = {
    "first": "1",
    "opening": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "last": "4",
    "final": "4",
}


def _topic_like(term: str) -> bool:
    # "who owns their home", "who is responsible for paying the rent": a topic, not a tactic.
    # "who looks after it?": a word that only points back names no tactic.
    return bool(
        all(word in REFERENCES for word in term.split())
        or _TOPIC_FRAMING.search(term)
        or re.match(
            r"(?:them|their|him|her|someone|children|kids|a\s|an\s|paying|caring|"
            r"looking)\b",
            term,
        )
    )
