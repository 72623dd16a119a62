"""A draft survey question as a member writes it: the question, its options, who is asked.

In chat people paste it in one go: "What is your ethnic group? White / Black / Asian / Mixed /
Other", or the question on one line and the options as a list below it. A questionnaire file
gives the same parts as columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class DraftQuestion:
    """``response`` is "single", "multiple" or "" when the draft does not say; ``base`` who is
    asked, as written ("16+", "all adults"), "" when not said."""

    question: str
    options: tuple[str, ...] = ()
    response: str = ""
    base: str = ""


_MULTIPLE = re.compile(
    r"\b(?:tick|select|choose|mark|check)\s+(?:all|any|as\s+many)\b|\ball\s+that\s+apply\b"
    r"|\bmultiple\s+(?:choice|answers?|responses?)\b",
    re.I,
)
_SINGLE = re.compile(
    r"\b(?:tick|select|choose|mark|check)\s+(?:one|only\s+one|a\s+single)\b|\bone\s+(?:answer|"
    r"option)\s+only\b|\bsingle\s+(?:choice|answer|response)\b",
    re.I,
)
_BASE = re.compile(
    r"\b(?:asked\s+of\s+|for\s+|base:?\s*)?(?:(?:people|adults|those|respondents|everyone)\s+)?"
    r"(?:aged\s+)?(?P<age>\d{1,2})\s*(?:\+|plus\b|and\s+over\b|or\s+over\b|and\s+older\b|or\s+older\b)"
    r"|\b(?P<all>all\s+ages|all\s+respondents|everyone|all\s+adults)\b",
    re.I,
)
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25a1\u2610\u25cb\u25ef]|\[\s?\]|\(\s?\)|\d{1,2}[.)])\s+")
_LABEL = re.compile(r"^\s*(?:options?|answers?|responses?|categories|choices)\s*[:\-]\s*", re.I)
_HINT = re.compile(r"\(\s*(?:tick|select|choose|mark|please)[^)]*\)", re.I)


def read_draft(text: str) -> DraftQuestion:
    """The question and options in a pasted draft; options after the question mark (or the
    first line), separated by new lines, semicolons, slashes or, failing those, commas."""
    text = text.strip().strip("\"'\u201c\u201d")
    response = _response(text)
    base = age_base(text)
    lines = [line for line in text.splitlines() if line.strip()]
    mark = text.find("?")
    if mark >= 0:
        question, rest = text[: mark + 1], text[mark + 1 :]
    elif len(lines) > 1:
        question, rest = lines[0], "\n".join(lines[1:])
    else:
        question, _, rest = text.partition(":")
    question = _HINT.sub("", " ".join(question.split())).strip()
    return DraftQuestion(
        question=question, options=split_options(rest), response=response, base=base
    )


def split_options(text: str) -> tuple[str, ...]:
    """Options written in one cell or after a question, in order, without bullets and labels."""
    text = _HINT.sub("", text).strip().strip("()[]")
    text = _LABEL.sub("", text)
    lines = [_BULLET.sub("", line).strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1:
        parts = lines
    else:
        one = lines[0] if lines else ""
        for separator in (";", "|", " / ", "/"):
            if separator in one:
                parts = one.split(separator)
                break
        else:
            parts = one.split(",") if "," in one else [one]
    cleaned = (_LABEL.sub("", p).strip(" .\t\"'\u201c\u201d") for p in parts)
    return tuple(p for p in cleaned if p and not _HINT.fullmatch(p))


def age_base(text: str) -> str:
    """Who a draft says is asked: "16+" for "aged 16 and over", "all ages" for everyone."""
    found = _BASE.search(text)
    if found is None:
        return ""
    return f"{int(found.group('age'))}+" if found.group("age") else "all ages"


def response_of(text: str) -> str:
    return _response(text)


def _response(text: str) -> str:
    if _MULTIPLE.search(text):
        return "multiple"
    if _SINGLE.search(text):
        return "single"
    return ""
