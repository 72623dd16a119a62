"""The writer's own words in an e-mail: the body without the thread, signature and small print.

Two passes. Where the quoted thread begins is found by ``mail-parser-reply``, which knows the
reply headers of the common mail clients in a dozen languages ("On ... wrote:", "Am ...
schrieb:", "Le ... a écrit :", Outlook's "From: / Sent: / To:" block in its English, German,
French... forms, bold or wrapped). What comes before it is then cut by hand rules: sign-offs
(English, Welsh and the main European languages), signature delimiters, phones' footers,
disclaimers, forwarded-message separators and the reply headers the library misses (Welsh,
Spanish, Dutch and Polish Gmail). The library's own signature rules are not used: they cut a
line starting "Thanks, ..." or "- item" and everything after it, question included.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from mailparser_reply.parser import EmailMessage

#: The languages whose reply headers the library looks for.
REPLY_LANGUAGES = ("en", "de", "fr", "nl", "it", "es", "pl", "sv", "da", "cs")
# The library's header patterns backtrack on long lines (a 3,000-character line starting "On"
# takes a fifth of a second); headers are short and near the top, so it sees only this much.
_SCAN_CHARS = 8_000
_SCAN_LINE_CHARS = 200
#: What of the lines below the own words is read as a signature.
_SIGNATURE_LINES = 8
_SIGNATURE_LINE_CHARS = 100

# Where the writer's own words stop. The thread: a reply header, a forwarded or original
# message, a separator.
_THREAD_LINE = re.compile(
    r"""^(?:
        on\s.{0,200}\swrote:?
      | (?=.{0,300}[\d@]).{0,300}\s(?:wrote|schrieb|a\s+écrit|escribió|schreef|ha\s+scritto
          |napisał(?:\(a\))?|skrev|ysgrifennodd)(?:\s.{0,150})?\s*:
      | -{5,}\s*[^-]{2,60}?\s*-{5,}
      | -{2,}\s*(?:original|forwarded)\s+message\s*-{2,}
      | begin\s+forwarded\s+message:?
      | _{10,}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# The signature: a sign-off (English, Welsh, the main European languages), the "-- "
# delimiter, a phone's footer.
_SIGN_OFF = re.compile(
    r"""^(?:
        -{2}\s*
      | (?:kind|best|warm|warmest|many|with\s+best)?\s*(?:regards|wishes|thanks|thank\s+you)
        (?:\s+(?:again|in\s+advance))?\s*[,.!]?
      | (?:cheers|yours(?:\s+(?:sincerely|faithfully))?|sincerely|thanks|many\s+thanks|ta
          |best|all\s+the\s+best|take\s+care)\s*[,.!]?
      | (?:cofion(?:\s+(?:cynnes|gorau))?|diolch(?:\s+yn\s+fawr)?(?:\s+iawn)?|yn\s+gywir)\s*[,.!]?
      | (?:mit\s+freundlichen\s+gr(?:ü|ue)(?:ß|ss)en|(?:viele|beste|liebe)\s+gr(?:ü|ue)(?:ß|ss)e
          |cordialement|bien\s+(?:à\s+vous|cordialement)|met\s+vriendelijke\s+groet(?:en)?
          |(?:un\s+)?saludos?(?:\s+cordiales)?|atentamente|(?:cordiali|distinti)\s+saluti
          |pozdrawiam|med\s+v(?:ä|a)nlig\s+h(?:ä|a)lsning|med\s+venlig\s+hilsen|s\s+pozdravem)
        \s*[,.!]?
      | sent\s+from\s+my\s.+
      | get\s+outlook\s+for\s.+
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# The small print: a legal disclaimer or an environmental plea.
_SMALL_PRINT = re.compile(
    r"""^(?:
        (?:this|the\s+information\s+in\s+this)\s+e-?mail\s+(?:and|is|may|contains|message).*
      | (?:confidentiality\s+notice|disclaimer|important|privacy\s+notice)\s*[:\-].*
      | if\s+you\s+are\s+not\s+the\s+intended\s+recipient.*
      | please\s+consider\s+the\s+environment.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A warning the mail server puts above the message ("CAUTION: This email originated from
# outside the organisation..."): passed over, where the same words further down end it.
_BANNER = re.compile(
    r"^\[?external\b"
    r"|^(?:caution|warning|attention|important|notice)\b.{0,200}"
    r"\b(?:outside|external|sender|links|attachments|phishing)\b"
    r"|^this\s+(?:e-?mail|message)\s+(?:originated|came|was\s+sent)\s+from\s+outside",
    re.IGNORECASE,
)
# Stop lines that may also open a message ("Thanks for your help...", "Important: ...").
_OPENING = re.compile(r"^(?:thank|important)", re.IGNORECASE)
# "From: ..." opening a quoted Outlook header block (the next lines say Sent:, To:, Subject:).
_HEADER_BLOCK = re.compile(r"^(?:from|de|von):\s", re.IGNORECASE)
_HEADER_FOLLOW = re.compile(r"^(?:sent|date|to|subject|cc):\s", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class Cut:
    """A body cut in two: the writer's own words, and the short lines of the signature below
    them, before any small print or thread (their name, role and organisation: "Housing
    Strategy Officer, Liverpool City Council"); () when the words end some other way."""

    own_words: str
    signature: tuple[str, ...]


def own_words(text: str) -> str:
    """The body with quoted replies, forwarded mail, signatures and disclaimers cut off."""
    return "\n".join(_split(text)[0]).strip()


def cut(text: str) -> Cut:
    """The writer's own words and their signature, in one reading of the body."""
    kept, below = _split(text)
    found: list[str] = []
    for line in below[1:]:
        stripped = line.strip()
        if _THREAD_LINE.match(stripped) or _SMALL_PRINT.match(stripped):
            break
        if stripped and len(stripped) <= _SIGNATURE_LINE_CHARS:
            found.append(stripped)
    return Cut(own_words="\n".join(kept).strip(), signature=tuple(found[:_SIGNATURE_LINES]))


def _split(text: str) -> tuple[list[str], list[str]]:
    """The writer's own lines, and the signature's lines below them (from its sign-off)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = lines[: _thread_start(lines)]
    kept: list[str] = []
    in_banner = False
    for number, line in enumerate(lines):
        stripped = line.strip()
        if in_banner:
            in_banner = bool(stripped)
            continue
        if not kept and _BANNER.match(stripped):
            in_banner = True
            continue
        if stripped.startswith(">"):
            continue
        opening = not kept and _OPENING.match(stripped)
        if _THREAD_LINE.match(stripped) or (_SMALL_PRINT.match(stripped) and not opening):
            return kept, []
        if _SIGN_OFF.match(stripped) and not opening:
            return kept, lines[number:]
        following = lines[number + 1].strip() if number + 1 < len(lines) else ""
        if _HEADER_BLOCK.match(stripped) and _HEADER_FOLLOW.match(following):
            return kept, []
        kept.append(line)
    return kept, []


def _thread_start(lines: list[str]) -> int:
    """The number of lines before the first reply header the library finds (all if none)."""
    scanned: list[str] = []
    size = 0
    for line in lines:
        if size > _SCAN_CHARS:
            break
        scanned.append(line.strip()[:_SCAN_LINE_CHARS])
        size += len(scanned[-1]) + 1
    skeleton = "\n".join(scanned)
    # Every header the library adds to the hand rules has a colon ("wrote:", "From:"); most
    # short messages have none, and the search is the dearest step.
    found = _reply_headers().search(skeleton) if ":" in skeleton else None
    if found is None:
        return len(lines)
    before = skeleton[: found.start()].count("\n")
    # An Outlook block's match begins with the newline that ends the line before it.
    return before + 1 if skeleton[found.start() : found.start() + 1] == "\n" else before


@functools.cache
def _reply_headers() -> re.Pattern[str]:
    """The library's pattern for reply headers in :data:`REPLY_LANGUAGES` (built on first use)."""
    pattern = EmailMessage(text="", languages=list(REPLY_LANGUAGES)).HEADER_REGEX
    assert isinstance(pattern, re.Pattern)
    return pattern
