"""Reading a chat post or an e-mail's own words: what is asked, and what is only context.

People write "Hi team, hope you're well. We're redesigning our residents' survey and want to
ask about caring. Which standard should we use? Is it still under review? Many thanks, Jo".
:func:`read` drops the markup, the greeting, the pleasantries and the sign-off, splits the
rest into sentences and says which ones ask something (the requests), which ask about a
standard's version or status (the follow-ups) and which only set the scene (the context).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from commplan.understanding.markup import plain
from commplan.understanding.pleasantries import (
    SIGN_OFF_LINE,
    announcement,
    small_talk,
    strip_greeting,
    strip_thanks,
)

#: Messages longer than this are read only up to it: a question is stated early.
MAX_CHARS = 4_000


class Role(enum.StrEnum):
    REQUEST = "request"
    CONTEXT = "context"


class FollowUp(enum.StrEnum):
    """A question about a standard rather than a topic: is it current, which version."""

    STATUS = "status"  # published? still under review or development? still in use?
    VERSION = "version"  # which version is current or latest?
    REVIEW = "review"  # when was it last reviewed or updated?
    SCOPE = "scope"  # who and where it is for: ages, nations, modes, proxies


@dataclass(frozen=True, kw_only=True)
class Sentence:
    text: str
    role: Role
    follow_ups: tuple[FollowUp, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Reading:
    """One message, read.

    ``text`` is the message without markup, greeting, pleasantries and sign-off; ``sentences``
    its sentences in order; ``requests`` and ``context`` their texts by role; ``follow_ups``
    the version or status questions asked about a standard; ``quoted`` what the writer quoted
    or forwarded (somebody else's words). ``chatter`` is True when nothing but greetings,
    thanks or acknowledgements was said.
    """

    original: str
    text: str
    sentences: tuple[Sentence, ...]
    follow_ups: tuple[FollowUp, ...] = ()
    quoted: str = ""
    mentions: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    greeted: bool = False
    signed_off: bool = False
    asked: bool = False  # some sentence was phrased as a question or request
    sociable: bool = False  # thanks or small talk was said ("lovely to meet you all")

    @property
    def requests(self) -> tuple[str, ...]:
        return tuple(s.text for s in self.sentences if s.role is Role.REQUEST)

    @property
    def context(self) -> tuple[str, ...]:
        return tuple(s.text for s in self.sentences if s.role is Role.CONTEXT)

    @property
    def chatter(self) -> bool:
        return not self.sentences

    def commands(self) -> tuple[str, ...]:
        """Texts worth offering to the command router, most likely first (see :meth:`asks`)."""
        found = [self.text] if self.text else []
        found += [text for _, texts in self.asks() for text in texts]
        return tuple(dict.fromkeys(found))

    def asks(self) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """Each sentence's texts worth offering to the command router, with its place.

        Requests come first, in the order written, then the context. A sentence offers its
        first ask before the whole of it ("how is the plan going, and is anything overdue?"
        asks first how the plan is going), each as written and without its polite wrapper
        ("could you show me what's overdue please?" gives "what's overdue"), so a command
        inside a longer post is still found, and the first one asked wins.
        """
        # A plea that names nothing ("Can you help?") comes last: what to help with is in the
        # sentences around it ("...need to know who we haven't heard from in a while").
        ordered = sorted(
            enumerate(self.sentences),
            key=lambda item: (
                bool(_BARE_PLEA.match(item[1].text)),
                item[1].role is not Role.REQUEST,
            ),
        )
        found = []
        for place, sentence in ordered:
            first = _SECOND_ASK.split(sentence.text, maxsplit=1)[0].strip(" ,")
            # "I'm on leave next week so can you snooze tactic 20": the ask after the reason.
            later = _LATER_ASK.split(sentence.text, maxsplit=1)[1:]
            texts = []
            for text in dict.fromkeys((first, sentence.text, *later)):
                texts.append(text)
                bare = _POLITE.sub("", text).strip(" ?!.,")
                bare = _TRAILING_PLEASE.sub("", bare).strip(" ?!.,")
                if bare:
                    texts.append(bare)
            found.append((place, tuple(dict.fromkeys(t for t in texts if t))))
        return tuple(found)


# Where a sentence asks a second thing: "..., and is that the latest version?"
_SECOND_ASK = re.compile(
    r"(?:,\s*|\s+)(?:and|also|plus|or|but)\s+(?=(?:is|are|does|do|did|can|could|should|would"
    r"|has|have|when|what|which|how|where|whether|who|any|anything)\b)|,\s*(?=(?:is|are|does"
    r"|do|did|has|have|when|what|which|how|where|who|any|anything)\s)",
    re.I,
)
_BARE_PLEA = re.compile(
    r"^(?:(?:so|and|please|pls)\W+)*(?:(?:can|could|would|will)\s+(?:you|u|anyone|someone|somebody)"
    r"(?:\s+(?:please|possibly|kindly))?\s+help|(?:are|is)\s+(?:you|anyone|someone)\s+able\s+to\s+help"
    r"|any\s+help\s+(?:would\s+be\s+|is\s+)?(?:much\s+|greatly\s+|very\s+much\s+)?appreciated"
    r"|(?:hope|hoping)\s+you\s+can\s+help)(?:\s+(?:me|us|with\s+(?:this|that)|at\s+all|please"
    r"|out|here))*\W*$",
    re.I,
)
# Where a sentence turns from its reason to its ask: "..., so could you ...", "... - can you ...".
_LATER_ASK = re.compile(
    r"(?:[,;:]|\s[\u2013\u2014-]+)?\s+(?:so|and|but)?\s*(?=(?:can|could|would|will)\s+(?:you|u)"
    r"\s|(?:please|pls|plz)\s)",
    re.I,
)
_POLITE = re.compile(
    r"^(?:(?:and|also|so|ok(?:ay)?|right|now|then|oh)[, ]+)*"
    r"(?:(?:please|pls|plz|kindly)[, ]+)?"
    r"(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|kindly\s+|just\s+)?"
    r"(?:(?:tell|show|give|let)\s+me(?:\s+know)?\s+|remind\s+me\s+)?"
    r"|i'?d\s+like\s+to\s+(?:see|know)\s+|i\s+would\s+like\s+to\s+(?:see|know)\s+"
    r"|(?:please\s+)?(?:tell|show|give)\s+me\s+|let\s+me\s+(?:know|see)\s+)?",
    re.I,
)
_TRAILING_PLEASE = re.compile(
    r"(?:[, ]+(?:please|pls|plz|thanks|thank\s+you|cheers|ta|now|today|already|for\s+me"
    r"|if\s+you\s+can|if\s+possible))+$",
    re.I,
)

_SIGNATURE_LINE = re.compile(
    r"\b(?:tel|phone|mobile|mob|fax|email|e-mail|web|www|pronouns)\b\s*[:.]"
    r"|\+?\d[\d ()-]{8,}\d|@[\w-]+\.[\w.-]+|\s\|\s",
    re.I,
)
# A line that is only a name: "Jo", "Dr A Smith", "- Sam".
_NAME_LINE = re.compile(
    r"^[-~\u2013]?\s*(?:(?:dr|mr|mrs|ms|miss|prof)\.?\s+)?[A-Z][\w'.-]*"
    r"(?:\s+[A-Z][\w'.-]*){0,3}\.?$"
)
_MAX_SIGNATURE_LINES = 12

# --- sentences --------------------------------------------------------------------------------

_ABBREVIATIONS = re.compile(
    r"\b(?:e\.g|i\.e|etc|vs|dr|mr|mrs|ms|prof|no|approx|incl|esp|cf|ref|st|dept|govt)\.\s*$",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|(?<=[?!])(?=[A-Za-z])|\s*;\s+|\s+[\u2013\u2014-]+\s+")
_CONTINUES = re.compile(r"^[a-z(,&]|^(?:and|or|but|which|that|who)\b")

_QUESTION_START = re.compile(
    # "When we started the survey, ..." tells; "when was it last updated" asks.
    r"^(?:what|what's|whats|which|who|who's|whose|whom|how|how's|why|is|are|was|"
    r"(?:where|when)(?=\s+(?:is|are|was|were|do|does|did|will|would|should|can|could|has|have"
    r"|shall|might|may|must)\b)|"
    r"were|do|does|did|can|could|would|will|should|shall|may|might|have|has|any|anything|"
    r"anyone|does\s+anyone|is\s+there|are\s+there)\b",
    re.I,
)
_REQUEST_CUE = re.compile(
    r"\b(?:i'?d\s+(?:like|love)|i\s+would\s+(?:like|love)|we'?d\s+(?:like|love)"
    r"|we\s+would\s+(?:like|love)|(?:i|we)\s+(?:want|wanted|need|needed)\s+to\s+"
    r"(?:know|find|check|understand|ask|see|confirm|get|use|include|collect|capture|measure|"
    r"record|add|align|follow|make\s+sure)"
    r"|(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:looking|searching|hunting|after|seeking|trying\s+to"
    r"\s+(?:find|work\s+out|figure\s+out|understand)|wondering|not\s+sure|unsure|keen\s+to)"
    r"|(?:i|we)\s+(?:was|were)\s+wondering|wondering\s+(?:if|whether|what|which|how)"
    r"|(?:can|could|would)\s+(?:you|someone|anyone|u)|please\s+(?:advise|confirm|send|tell|let"
    r"|point|share|help|recommend|suggest|check|could|can|list|show)"
    r"|let\s+me\s+know|point\s+me|(?:any|some)\s+(?:guidance|advice|pointers|steer|help|ideas?"
    r"|recommendations?|suggestions?)|need\s+(?:guidance|advice|help|a\s+steer)"
    r"|looking\s+for|in\s+search\s+of|(?:is|are)\s+there|do\s+you\s+(?:have|know|hold)"
    r"|does\s+(?:one|a\s+standard|anything)\s+exist|(?:not\s+sure|unsure)\s+(?:which|what|how|"
    r"whether|if))\b",
    re.I,
)
_IMPERATIVE = re.compile(
    r"^(?:please\s+)?(?:show|list|tell|give|find|search|point|send|share|check|confirm|explain"
    r"|recommend|suggest|help|advise|remind|mark|snooze|assign|add|close|take|log|correct|open"
    r"|view|describe|summarise|summarize)\b",
    re.I,
)
FOLLOW_UP_PATTERNS: tuple[tuple[FollowUp, re.Pattern[str]], ...] = (
    (
        FollowUp.STATUS,
        re.compile(
            r"\b(?:(?:under|in)\s+(?:review|development|revision|consultation)|being\s+(?:revised"
            r"|reviewed|updated|replaced|developed|changed)|still\s+(?:current|valid|in\s+(?:use|"
            r"force|date)|used|live|active|the\s+(?:one|standard)|recommended|ok|okay|applies|"
            r"apply)|(?:is|are)\s+(?:it|that|this|they|those|these)\s+(?:current|up\s+to\s+date|"
            r"final|published|official|interim|a\s+draft|draft|valid|approved)|status|superseded"
            r"|out\s+of\s+date|outdated|withdrawn|(?:been\s+)?published\s+yet|interim|"
            r"(?:changing|change)\s+soon)\b",
            re.I,
        ),
    ),
    (
        FollowUp.VERSION,
        re.compile(
            r"\b(?:(?:which|what|latest|newest|current|most\s+recent|new|old|previous|older)\s+"
            r"(?:version|edition|revision|release|iteration)s?|version\s+(?:number|\d)|"
            r"up[- ]to[- ]date\s+version|(?:is|are)\s+there\s+(?:a\s+)?(?:newer|updated|new)\s+"
            r"(?:version|one))\b",
            re.I,
        ),
    ),
    (
        FollowUp.REVIEW,
        re.compile(
            # Only the asking words: "when was [the gender identity guidance] last updated"
            # keeps the standard's name for the topic.
            r"\bwhen\s+(?:was|is|were|will)\b(?=.{0,60}\b(?:reviewed|updated|revised|changed|"
            r"published|due)\b)|\b(?:(?:last|recently|next)\s+)?(?:reviewed|updated|revised|"
            r"refreshed)\b(?!\s+\w)|\b(?:last|recently)\s+(?:reviewed|updated|revised|changed|"
            r"refreshed)\b|\breview\s+date\b|\bnext\s+review\b",
            re.I,
        ),
    ),
    (
        FollowUp.SCOPE,
        re.compile(
            r"\b(?:what|which|minimum|maximum|lower|upper)\s+ages?\b(?:\s+(?:is\s+it|it|range|"
            r"limit|group|groups|does\s+it|is\s+it\s+(?:for|meant\s+for)))?"
            r"|\bthe\s+ages?\s+(?:it|that\s+it|this|they)\s+(?:applies|apply|is\s+meant|covers?)"
            r"(?:\s+(?:to|for))?|\bage\s+(?:range|limit)s?\b|\bunder[- ]?1[0-9]s?\b"
            r"|\b(?:version|variant|one)\s+for\s+(?:children|kids|young\s+people|adults)\b"
            r"|\b(?:online|telephone|phone|paper|web|cati|capi|f2f|face[- ]to[- ]face|"
            r"self[- ]completion|proxy)\s+(?:version|mode|survey|variant|interview|completion)s?\b"
            r"|\bon\s+(?:someone'?s|somebody'?s|their|his|her)\s+behalf\b|\bby\s+proxy\b"
            r"|\b(?:the\s+same|different)\s+(?:in|for|across)\s+(?:scotland|wales|northern\s+"
            r"ireland|ni|england|the\s+uk|each\s+nation|the\s+four\s+nations)\b"
            r"|\b(?:scottish|welsh|ni|northern\s+irish|english)(?:\s*(?:/|or|and)\s*(?:scottish|welsh"
            r"|ni|northern\s+irish|english))*\s+(?:version|equivalent)s?\b",
            re.I,
        ),
    ),
)


def read(text: str) -> Reading:
    """Read one message (any length; only its first :data:`MAX_CHARS` count)."""
    marked = plain(text[:MAX_CHARS])
    lines = [line.strip() for line in marked.text.split("\n")]
    lines, signed_off = _cut_signature(lines)
    greeted = sociable = False
    sentences: list[Sentence] = []
    for piece in _sentences(lines):
        piece, hello = strip_greeting(piece) if not sentences else (piece, False)
        greeted = greeted or hello
        piece = piece.strip(" ,;:-")
        if not any(ch.isalnum() for ch in piece) or small_talk(piece):
            greeted = greeted or bool(piece)
            sociable = sociable or bool(piece)
            continue
        thanked, rest = strip_thanks(piece)
        if thanked:
            signed_off = sociable = True
            if not rest:
                continue
            piece = rest
        sociable = sociable or announcement(piece)
        sentences.append(_classify(piece))
    asked = any(s.role is Role.REQUEST for s in sentences)
    if sentences and not asked:
        sentences = _promote_last(sentences)
    follow_ups = tuple(dict.fromkeys(f for s in sentences for f in s.follow_ups))
    return Reading(
        original=text,
        text=" ".join(s.text for s in sentences),
        sentences=tuple(sentences),
        follow_ups=follow_ups,
        quoted=marked.quoted,
        mentions=marked.mentions,
        links=marked.links,
        greeted=greeted,
        signed_off=signed_off,
        asked=asked,
        sociable=sociable,
    )


def _cut_signature(lines: list[str]) -> tuple[list[str], bool]:
    """Lines without the sign-off and signature block at the end, and whether there was one."""
    while lines and not lines[-1]:
        lines.pop()
    start = max(0, len(lines) - _MAX_SIGNATURE_LINES)
    for i in range(start, len(lines)):
        if SIGN_OFF_LINE.match(lines[i]) and all(_signature_like(x) for x in lines[i + 1 :]):
            return lines[:i], True
    # No sign-off: a trailing block of contact details still goes.
    cut = len(lines)
    while cut > 1 and lines[cut - 1] and _SIGNATURE_LINE.search(lines[cut - 1]):
        cut -= 1
    if cut < len(lines) and cut > 1 and _NAME_LINE.match(lines[cut - 1]):
        cut -= 1
    return lines[:cut], False


def _signature_like(line: str) -> bool:
    return not line or ("?" not in line and len(line) <= 90 and not _QUESTION_START.match(line))


def _sentences(lines: list[str]) -> list[str]:
    """Sentences of the text; a line break ends one unless the next line plainly continues it."""
    joined: list[str] = []
    for line in lines:
        if not line:
            joined.append("")
            continue
        if (
            joined
            and joined[-1]
            and not joined[-1].endswith((".", "?", "!", ":", ","))
            and _CONTINUES.match(line)
        ):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    found: list[str] = []
    for block in joined:
        parts = _SENTENCE_END.split(block) if block else []
        buffer = ""
        for part in parts:
            buffer = f"{buffer} {part}".strip() if buffer else part.strip()
            if _ABBREVIATIONS.search(buffer):
                continue
            if buffer:
                found.append(buffer)
            buffer = ""
        if buffer:
            found.append(buffer)
    return found


def _classify(text: str) -> Sentence:
    follow_ups = tuple(kind for kind, pattern in FOLLOW_UP_PATTERNS if pattern.search(text))
    asks = (
        text.rstrip().endswith("?")
        or bool(_QUESTION_START.match(text))
        or bool(_REQUEST_CUE.search(text))
        or bool(_IMPERATIVE.match(text))
    )
    return Sentence(text=text, role=Role.REQUEST if asks else Role.CONTEXT, follow_ups=follow_ups)


def _promote_last(sentences: list[Sentence]) -> list[Sentence]:
    """With nothing phrased as a question, the last sentence is what the writer wants."""
    last = sentences[-1]
    return [
        *sentences[:-1],
        Sentence(text=last.text, role=Role.REQUEST, follow_ups=last.follow_ups),
    ]
