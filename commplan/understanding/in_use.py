"""What a writer already has in place, said around a question about something else.

"Our staff survey asks sex using the harmonisation guidance and gender identity using the GSS
standard. Is there also a harmonised question for sexual orientation?": the first sentence
names neighbours of the topic, not the topic. :mod:`commplan.understanding.phrases` weighs
such context down.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

# "we already use your ethnicity standard": what the writer has, not what they ask for now.
ALREADY = re.compile(
    r"\b(?:already|currently|have\s+been)\s+(?:use|uses|using|follow|follows|following|adopted|"
    r"have|has|ask|asks|asking|switched|moved)|\b(?:we'?ve|we\s+have|i'?ve)\s+(?:adopted|"
    r"switched|moved|used)|\bthanks?\s+(?:you\s+)?for\b|\bwe\s+know\s+there'?s\b",
    re.I,
)
# Context about what is already in place ("our staff survey asks sex using the harmonisation
# guidance"): once the request names its own topic, these neighbours are not what is asked.
IN_USE = re.compile(
    r"\b(?:use[sd]?|using|follow(?:s|ed|ing)?|adopted|done\s+to|based\s+on|in\s+line\s+with"
    r"|know\s+about|already)\b.{0,60}\b(?:standards?|guidance|principles?|questions?|codes|"
    r"categories|approach|measures?|wording|definitions?|classification)\b"
    r"|\b(?:standards?|guidance|principles?|questions?|codes|categories)\b.{0,40}\b(?:already|"
    r"for\s+(?:years|a\s+while|ages|some\s+time))\b",
    re.I,
)
# Where a sentence's parts end: "(the PAS already uses the codes)" is a part of its own.
SEGMENT = re.compile(
    r"[();]|\s[-\u2013\u2014]+\s|(?<![\w'-])(?:but|so|while|whilst|however)(?![\w'-])"
)


def all_in_use(text: str, topical: Callable[[str], bool]) -> bool:
    """Whether every part of a sentence that names anything is about what is already in use
    ("(the PAS already uses the data dictionary codes)" leaves the rest of its sentence)."""
    parts = [p for p in SEGMENT.split(text) if topical(p)]
    return bool(parts) and all(IN_USE.search(p) or ALREADY.search(p) for p in parts)


def points_past(
    texts: Sequence[str],
    requests: Collection[int],
    in_use: Collection[int],
    topical: Callable[[str], bool],
) -> bool:
    """Whether a request that points back ("which principle covers that?") has, before it,
    context other than what is already in use to point at."""
    first = min(requests, default=len(texts))
    return bool(in_use) and any(
        i not in in_use and topical(texts[i]) for i in range(first) if i not in requests
    )
