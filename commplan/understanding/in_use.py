"""What a writer already has in place, said around a question about something else.

"Our staff survey asks sex using the harmonisation guidance and gender identity using the GSS
standard. Is there also a harmonised question for sexual orientation?": the first sentence
names neighbours of the topic, not the topic. :mod:`commplan.understanding.phrases` weighs
such context down.
"""

from __future__ import annotations

import re

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
