"""What a plan question points back to in the sentences before it.

"Emma is on leave next week. Which tactics does she own?", "September is busy. What have we
planned for that month?", "The webinars (tactic 15) took a lot of time. Did they bring in any
more contact?": :func:`resolved` writes the person, the month or the tactic into the question,
so the rules in :mod:`commplan.understanding.plan_rules` read it as if it had been said there.
Sentences arrive normalised (lower case, "what's" spelt out); the ones before are as written.
"""

from __future__ import annotations

import re

from commplan.understanding.plan_kinds import MONTH as _MONTH
from commplan.understanding.tactic_rules import EFFECT_ASKED


def resolved(text: str, before: list[str]) -> str:
    """``text`` with the person, month or tactic it points back to written in."""
    return _resolve_tactic(_resolve_month(_resolve_pronouns(text, before), before), before)


# "Emma is on leave next week. Which tactics does she own?": the person a pronoun points
# back to, named before it as the subject of a sentence or with a possessive, or after a
# preposition ("I'm drafting the update for Jacqui. Which tactics is she accountable for?").
_ANTECEDENT = re.compile(
    r"\b(?-i:([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?))(?='s\b|\u2019s\b|\s+(?:is|has|was|will|had"
    r"|isn't|hasn't|won't|starts?|started|joined|leaves|left|goes|went|needs|wants|asked|said"
    r"|mentioned|would)\b)"
    r"|\b(?i:for|to|from|with|about|covering|seeing|meeting|see|meet|told|asked)\s+"
    r"(?-i:([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?))\b"
)
_NOT_ANTECEDENTS = """
i hi hello hey the this that it we they she he there here what who which thanks bot monday
tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december today tomorrow everyone everything nobody somebody
someone team plan i've i'll i'd i'm
"""
_NOT_ANTECEDENT = frozenset(_NOT_ANTECEDENTS.split())
_SUBJECT = re.compile(r"\b(?:she|he)\b")
# "Which plan items sit with her?": the person after a preposition.
_OBJECT = re.compile(r"\b(with|to|for|on|by)\s+(?:her|him)\b")
_POSSESSIVE = re.compile(
    r"\b(?:her|his)\b(?=\s+(?:\w+\s+)?(?:tactics?|tasks?|items?|actions?|work"
    r"|plate|list|bits|stuff|jobs|name)\b)"
)


def _resolve_pronouns(text: str, before: list[str]) -> str:
    """The sentence with "she", "he", "her tactics" naming the person meant, when one was named."""
    if not (_SUBJECT.search(text) or _POSSESSIVE.search(text) or _OBJECT.search(text)):
        return text
    found = (
        m.group(1) or m.group(2) for sentence in before for m in _ANTECEDENT.finditer(sentence)
    )
    names = [name for name in found if name.split()[0].lower() not in _NOT_ANTECEDENT]
    if not names:
        return text
    name = names[-1].lower()
    text = _OBJECT.sub(rf"\1 {name}", text)
    return _POSSESSIVE.sub(f"{name}'s", _SUBJECT.sub(name, text))


_THAT_MONTH = re.compile(r"\b(?:in\s+|for\s+|during\s+)?(?:that|the)\s+month\b|\bthen$")
_MONTH_WORD = re.compile(r"\b(" + _MONTH + r")\b", re.I)


def _resolve_month(text: str, before: list[str]) -> str:
    """ "September always gets busy. What have we planned for that month?": the month meant.
    A month said on its own before the question ("feb - what have we got on the plan?") is the
    month it asks about."""
    if _MONTH_WORD.search(text):
        return text
    alone = [b for b in before if _MONTH_WORD.fullmatch(b.strip(" ?!.,:-").lower())]
    if alone:
        return f"{text} in {alone[-1].strip(' ?!.,:-').lower()}"
    if not _THAT_MONTH.search(text):
        return text
    named = [
        m.group(1)
        for sentence in before
        for m in _MONTH_WORD.finditer(sentence)
        # "may" is more often a verb; "a busy May" is the month
        if m.group(1).lower() != "may" or (m.group(1) == "May" and m.start() > 0)
    ]
    return _THAT_MONTH.sub(f" in {named[-1].lower()}", text) if named else text


_TACTIC_NAMED = re.compile(r"\btactic[,\s]+(?:no\.?\s+|number\s+|#)?(\d+)\b", re.I)


def _resolve_tactic(text: str, before: list[str]) -> str:
    """ "The webinars (tactic 15) took a lot of time. Did they bring in any more contact?":
    the effect asked of the tactic named before."""
    if _TACTIC_NAMED.search(text) or not EFFECT_ASKED.search(text):
        return text
    named = [m.group(1) for sentence in before for m in _TACTIC_NAMED.finditer(sentence)]
    return f"{text} tactic {named[-1]}" if named else text
