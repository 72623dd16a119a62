"""What a team member's report of a contact says, wherever they say it: the day it happened,
who went to whom, how, and what it was about.

"log contact: Jane Smith, Leeds City Council, asked about ethnicity at a meeting yesterday"
and "log contact on 12 November: Sam Patel, ONS, we presented at their event" both carry a
day, a direction and a channel in free words. Dates are read by :mod:`commplan.when`, the
topic by the understanding layer; this module only finds where they sit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from commplan.contacts import Channel, Direction
from commplan.errors import InvalidInput
from commplan.ranking import StandardsIndex
from commplan.understanding import Outcome, decide_topic, read
from commplan.when import parse_when
from commplan.when_rules import DATE_WORDS, NAME_LIKE_DATE_WORDS

_CHANNEL_WORDS = (
    (r"\be-?mail|\binbox", Channel.INBOX),
    (r"\bphone|\bcall(?:ed)?\b|\btelephone|\brang\b", Channel.PHONE),
    (r"\bwebinar", Channel.WEBINAR),
    (r"\bevent|\bconference|\bworkshop|\bpresent(?:ed|ation)", Channel.EVENT),
    (r"\bmeeting|\bmet\b", Channel.MEETING),
    (r"\bchat|\bslack|\bteams\b", Channel.CHAT),
)
_STATED = re.compile(r"\b(?P<out>outbound|outgoing)\b|\b(?:inbound|incoming)\b", re.I)
_WE_WENT = re.compile(
    r"\bwe (?:presented|called|phoned|rang|e-?mailed|wrote|met|contacted|visited|spoke|gave|"
    r"ran|hosted|sent|reached out|delivered|went|invited)\b",
    re.I,
)
_THEY_CAME = re.compile(
    r"\bthey (?:\w+ed|rang|wrote|came|got in touch)\b|\b(?:asked|enquired|wanted)\b", re.I
)
# Words that start a date phrase in a report; other words are not tried, which keeps the
# search to a handful of reads.
_STARTS = DATE_WORDS | {"on", "last", "this", "earlier", "yesterday", "today"}
_TOKEN = re.compile(r"[^\s,;:()]+")
_MAX_DATE_WORDS = 6
# A weekday said without "last" ("on Monday") means the one just gone, not the next.
_A_WEEK = timedelta(days=7)


@dataclass(frozen=True, kw_only=True)
class DatedText:
    """The words of a report less the date phrase found in them, and that day."""

    text: str
    on: date | None
    said: str = ""


def find_day(text: str, *, now: datetime) -> DatedText:
    """The day a report names anywhere in ``text`` ("yesterday", "on 12 November"), as a day
    that has happened, and the text without it.

    The longest date phrase wins ("on 12 November", not "12"). A day named without a year
    that is still to come this year is last year's; a weekday still to come this week is
    last week's.

    Raises:
        InvalidInput: the phrase names a day still to come, which no contact can have.
    """
    tokens = list(_TOKEN.finditer(text))
    for index, token in enumerate(tokens):
        if not _may_start(token.group()):
            continue
        for last in range(min(index + _MAX_DATE_WORDS, len(tokens)) - 1, index - 1, -1):
            phrase = text[token.start() : tokens[last].end()]
            if _name_like(phrase):
                continue
            when = parse_when(phrase, now=now)
            if when is None or not when.is_day:
                continue
            # The longest phrase finds the day; the shortest that names the same day is what
            # was said ("on Monday", not "on Monday about").
            for end in range(index, last):
                if any(c.isdigit() for t in tokens[end + 1 : last + 1] for c in t.group()):
                    continue  # a dropped number ("2026") says something: keep it
                shorter = text[token.start() : tokens[end].end()]
                same = parse_when(shorter, now=now) if not _name_like(shorter) else None
                if same is not None and (same.start, same.end) == (when.start, when.end):
                    last, phrase = end, shorter
                    break
            rest = f"{text[: token.start()]} {text[tokens[last].end() :]}"
            rest = re.sub(r"\s+", " ", rest).strip(" ,;:")
            return DatedText(
                text=rest, on=_in_the_past(when.start, now.date(), phrase), said=phrase
            )
    return DatedText(text=text.strip(), on=None)


def _may_start(word: str) -> bool:
    lowered = word.lower().strip(".")
    return lowered in _STARTS or lowered[:1].isdigit()


def _name_like(phrase: str) -> bool:
    """ "May", "June" or "Jan" alone is as likely a name as a date."""
    words = phrase.lower().split()
    return len(words) == 1 and words[0] in NAME_LIKE_DATE_WORDS


def _in_the_past(day: date, today: date, phrase: str) -> date:
    if day <= today:
        return day
    if day - today <= _A_WEEK and not re.search(r"\d", phrase):
        return day - _A_WEEK
    if not re.search(r"\b\d{4}\b", phrase):
        try:
            earlier = day.replace(year=day.year - 1)
        except ValueError:  # 29 February of a leap year
            earlier = day.replace(year=day.year - 1, day=28)
        if earlier <= today:
            return earlier
    raise InvalidInput(
        f"\u201c{phrase}\u201d is {day:%-d %B %Y}, which hasn't happened yet: "
        "a contact is logged on the day it took place."
    )


def channel_of(text: str) -> Channel:
    """How the contact happened, from the words that say so; "other" when none do."""
    for pattern, channel in _CHANNEL_WORDS:
        if re.search(pattern, text, re.I):
            return channel
    return Channel.OTHER


def direction_of(text: str) -> Direction:
    """Inbound or outbound as the report says it ("outbound"), else as its first clause tells
    who went to whom: "we presented at their event" is outbound, "they emailed us" and
    "asked about ..." inbound; inbound when nothing says."""
    stated = _STATED.search(text)
    if stated:
        return Direction.OUTBOUND if stated.group("out") else Direction.INBOUND
    went, came = _WE_WENT.search(text), _THEY_CAME.search(text)
    if went and (came is None or went.start() < came.start()):
        return Direction.OUTBOUND
    return Direction.INBOUND


def topic_of(text: str, standards: StandardsIndex) -> str:
    """The catalogue entry the report is about, wherever it sits in the sentence ("asked
    about ethnicity at a meeting"); "" when nothing in it is confidently a topic. A tie
    between two entries the words fit alike records the first: the team can correct it, and
    a person asking would be offered both."""
    if not text.strip():
        return ""
    decision = decide_topic(read(text), standards)
    if (decision.outcome is Outcome.CONFIDENT or decision.tied) and decision.matches:
        return decision.matches[0].standard.name
    named = standards.resolve(text)
    return named.name if named else ""
