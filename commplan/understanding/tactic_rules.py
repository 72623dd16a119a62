"""Questions about one numbered tactic or action, and about everything with my name on it.

Patterns run on the same normalised sentence as :mod:`commplan.understanding.plan_rules`.
"""

from __future__ import annotations

import re

from commplan.understanding.plan_kinds import PlanKind
from commplan.understanding.plan_kinds import patterns as _r

_TACTIC = r"tactic\s+(?:no\s+|number\s+|#)?(?P<number>\d+)\b"
# What a tactic's impact is asked in: did it work, bring people in, make a difference.
_EFFECT = (
    r"(?:impact|effect|difference|worth\s+it|pay\s+off|paid\s+off|bring\s+in|brought\s+in|"
    r"le[ad]d?\s+to|result(?:ed)?\s+in|any\s+good|work(?:ed)?\s+out|made\s+a\s+dent|"
    r"generated?|produced?|measurable|move[sd]?\s+the\s+needle)"
)
#: "Did they actually bring in any more contact?": an effect asked of a tactic named before.
EFFECT_ASKED = re.compile(
    rf"\b(?:did|has|have|was|were|is)\b.{{0,40}}\b{_EFFECT}\b.{{0,40}}\b(?:contacts?|users?|people"
    r"|queries|enquiries|getting\s+in\s+touch|in\s+touch|interest|response)\b"
)

#: Everything at once: overdue and coming up, or tactics and actions, "the lot" (a question
#: about "my tactics" that says this is one about all my reminders).
EVERYTHING = re.compile(
    r"(?=.*\b(?:overdue|late)\b)(?=.*\b(?:upcoming|coming\s+up|due\s+soon|no\s+date|undated)\b)"
    r"|(?=.*\btactics\b)(?=.*\bactions\b)(?=.*\b(?:the\s+lot|everything|all\s+of\s+it)\b)"
)

NUMBERED_RULES: tuple[tuple[PlanKind, tuple[re.Pattern[str], ...]], ...] = (
    (
        PlanKind.IMPACT,
        _r(
            rf"\b{_EFFECT}\b.{{0,80}}\b{_TACTIC}",
            rf"\b{_TACTIC}.{{0,80}}\b{_EFFECT}\b",
        ),
    ),
    (
        PlanKind.SHOW_TACTIC,
        _r(
            r"^(?:(?:show|open|view|describe|details\s+of|about|tell\s+me\s+about|what\s+is|what\s+"
            r"does)\s+(?:me\s+)?)?tactic\s+(?:no\s+|number\s+|#)?(?P<number>\d+)(?:\s+(?:say|about|"
            r"details))?$",
            r"\b(?:show|open|view|describe|details\s+of|tell\s+me\s+about)\s+(?:me\s+)?tactic\s+"
            r"(?:no\s+|number\s+|#)?(?P<number>\d+)\b",
            r"\b(?:more\s+(?:about|on)|(?:a\s+)?bit\s+(?:more\s+)?about|explain|what\s+is)\s+tactic\s+"
            r"(?:no\s+|number\s+|#)?(?P<number>\d+)\b",
            # "where are we with tactic 12?", "any update on tactic 12", "how is tactic 12 going"
            r"\b(?:where\s+(?:are\s+we|is|did\s+we\s+get)|how\s+(?:is|are\s+we)|any\s+(?:news|update|"
            r"progress)|(?:the\s+)?(?:status|progress|latest)|update)\s+(?:with|on|of|about|for|to)?\s*"
            r"tactic\s+(?:no\s+|number\s+|#)?(?P<number>\d+)\b",
            r"\btactic\s+(?:no\s+|number\s+|#)?(?P<number>\d+)\s+(?:going|getting\s+on|progressing|"
            r"status|up\s+to\s+date|on\s+track|stuck)\b",
        ),
    ),
    (
        PlanKind.SHOW_ACTION,
        _r(
            r"^(?:(?:show|open|view|describe|details\s+of|about|tell\s+me\s+about|what\s+is|what\s+"
            r"does)\s+(?:me\s+)?)?action\s+(?:no\s+|number\s+|#)?(?P<number>\d+)(?:\s+(?:say|about|"
            r"details))?$",
            r"\b(?:show|open|view|describe|details\s+of|tell\s+me\s+about)\s+(?:me\s+)?action\s+"
            r"(?:no\s+|number\s+|#)?(?P<number>\d+)\b",
        ),
    ),
)

MINE_RULES: tuple[tuple[PlanKind, tuple[re.Pattern[str], ...]], ...] = (
    (
        PlanKind.MY_REMINDERS,
        _r(
            r"\b(?:my|mine)\s+(?:open\s+|current\s+|outstanding\s+)?reminders\b",
            r"\bnudge\s+me\b",
            r"\beverything\b.{0,30}\b(?:open|outstanding)\b.{0,20}\b(?:against|on|with|for)\s+me\b",
            r"\b(?:what|which|any)\s+reminders\s+(?:have|do|did|am|are|will)\s+(?:i|you)\b",
            r"\breminders\s+(?:for|to|on|with)\s+me\b",
            r"\b(?:everything|all)\b.{0,30}\bmy\s+name\s+(?:on|against|next\s+to)\b",
            rf"^(?=.*\b(?:i|me|my)\b){EVERYTHING.pattern}",
        ),
    ),
)

# A sentence that names a tactic or action by number and asks nothing the rules know ("can you
# pull up tactic 21 in full?", "what's the latest on action 15?"): show it.
LAST_RESORT_RULES: tuple[tuple[PlanKind, tuple[re.Pattern[str], ...]], ...] = (
    (
        PlanKind.SHOW_TACTIC,
        _r(
            rf"\b{_TACTIC}",
            r"\b(?:number|no|#)\s*(?P<number>\d+)\s+(?:on|in)\s+the\s+(?:comms\s+)?plan\b",
            r"\b(?:story|latest|update|news|status)\s+(?:with|on|of)\s+(?:number|no|#)\s*(?P<number>\d+)\b",
        ),
    ),
    (PlanKind.SHOW_ACTION, _r(r"\baction\s+(?:no\s+|number\s+|#)?(?P<number>\d+)\b")),
)
