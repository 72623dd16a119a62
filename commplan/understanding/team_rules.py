"""The ways the team asks about the people side: who got in touch, who went quiet, what is
asked about more, the baseline, the inbox and standards due for review.

Patterns run on the same normalised sentence as :mod:`commplan.understanding.plan_rules`.
"""

from __future__ import annotations

import re

from commplan.understanding.plan_kinds import PlanKind
from commplan.understanding.plan_kinds import patterns as _r

_TEAM = r"(?:the\s+)?(?:harmoni[sz]ation\s+)?team\b"

TEAM_RULES: tuple[tuple[PlanKind, tuple[re.Pattern[str], ...]], ...] = (
    (
        PlanKind.UNANSWERED,
        _r(
            r"\b(?:questions?|qs|queries)\b.{0,30}\b(?:nobody|no\s+one|noone|we|you|the\s+bot|it)"
            r"\s+(?:could\s+not|couldnt|can\s+not|cannot|cant|did\s+not|didnt|wasnt\s+able\s+to|"
            r"were\s+not\s+able\s+to|could|can|has|have)\s+(?:yet\s+)?(?:answer|help)",
            r"\b(?:questions?|qs)\b.{0,20}\b(?:without|with\s+no|that\s+got\s+no)\s+(?:an\s+)?"
            r"(?:answer|standard)\b",
            r"\bwhat\s+(?:could|can|did|have)\s+(?:not\s+)?(?:you|the\s+bot|it)\s+(?:not\s+)?answer",
            r"\bunanswered\s+(?:standards?\s+)?(?:questions|qs)\b",
            r"\b(?:questions?|qs|queries)\b.{0,40}\b(?:unanswered|without\s+an?\s+answer)\b",
            r"\b(?:nobody|no\s+one|the\s+bot|it|you)\b.{0,30}\b(?:couldn'?t|could\s+not|can'?t|cannot|"
            r"didn'?t|did\s+not|wasn'?t\s+able\s+to|never)\s+(?:managed?\s+to\s+)?answer",
            r"\b(?:nobody|no\s+one)\b.{0,30}\b(?:managed|able)\s+to\s+answer\b",
            r"\bquestions\b.{0,30}\b(?:couldn'?t|could\s+not|can'?t|cannot|weren'?t|were\s+not)\s+(?:be\s+)?"
            r"answered\b",
        ),
    ),
    (
        PlanKind.TEAM_MEMBERS,
        _r(
            rf"\bwho\s+(?:else\s+)?(?:is|are)\s+(?:actually\s+|currently\s+|now\s+)?(?:in|on)\s+{_TEAM}",
            rf"\bwho\s+(?:works?|is\s+working)\s+(?:in|on|for)\s+{_TEAM}",
            rf"\bwho\s+(?:is|are)\s+{_TEAM}",
            rf"\b(?:members|people)\s+(?:of|in|on)\s+{_TEAM}",
            rf"\bmembership\s+of\s+{_TEAM}",
            r"^(?:the\s+)?(?:harmoni[sz]ation\s+)?team\s+(?:members|membership)\b",
            r"\bwho\s+(?:are|is)\s+the\s+(?:admins?|administrators?|members)\s+(?:of|for|in|on)\s+"
            r"(?:the\s+)?(?:harmoni[sz]ation\s+)?team\b",
        ),
    ),
    (
        PlanKind.STANDARDS_REVIEW,
        _r(
            r"\bstandards\b.{0,40}\b(?:due|overdue)\s+(?:for\s+)?(?:a\s+)?review\b",
            r"\bstandards\b.{0,40}\b(?:haven'?t|have\s+not|hasn'?t|not)\s+(?:been\s+)?(?:reviewed|"
            r"updated)\b",
            r"\b(?:old|stale|out\s+of\s+date)\s+standards\b",
            r"\bstandards\b.{0,40}\b(?:coming\s+up|up|due|scheduled|next)\s+for\s+(?:a\s+|their\s+)?"
            r"review\b",
            r"\bstandards\s+(?:are|is)\s+(?:now\s+)?(?:out\s+of\s+date|stale|outdated)\b",
            r"\bstandards\b.{0,30}\b(?:past|overdue|beyond|due)\s+(?:their|the|a)\s+review\b",
            # Tactics are never "due a review".
            r"\b(?:overdue|due)\s+(?:a|for\s+a)\s+review\b",
            r"\bstandards\b.{0,30}\b(?:getting|going|become|becoming)\s+(?:stale|old|out\s+of\s+date|"
            r"outdated)\b",
            r"\bstandards\b.{0,30}\b(?:need(?:s|ing)?|want(?:s|ing)?|overdue|due)\s+(?:a\s+)?"
            r"(?:review(?:ing)?|updat(?:e|ing)|refresh(?:ing)?)\b",
        ),
    ),
    (
        PlanKind.GONE_QUIET,
        _r(
            r"\b(?:gone|been|went|going)\s+(?:quiet|silent|dark|awol)\b",
            r"\b(?:dropped|fallen|gone)\s+off\s+(?:the|our)\s+radar\b|\bused\s+to\s+hear\s+from\b",
            r"\b(?:organisations?|users?|groups?|who)\b.{0,30}\b(?:haven'?t|have\s+not|not)\s+"
            r"(?:contacted|been\s+in\s+touch|heard|got\s+in\s+touch)",
            r"^(?:show\s+(?:me\s+)?)?(?:the\s+)?gaps\b",
            r"\b(?:not|stopped|stop)\s+(?:heard|hearing|been\s+in\s+touch|got\s+in\s+touch|getting"
            r"\s+in\s+touch|contacted|contacting)\b.{0,30}\b(?:while|ages|long\s+time|months?|"
            r"lately|recently|since)\b",
            r"\b(?:have|has)\s+(?:not\s+we|we\s+not)\s+(?:heard|had\s+(?:any\s+)?contact)\b",
            r"\bstopped\s+(?:contacting|emailing|getting\s+in\s+touch\s+with|writing\s+to|asking)\s+us\b",
        ),
    ),
    (
        PlanKind.CONTACTS,
        _r(
            r"\bwho\s+(?:has\s+|is\s+|have\s+)?(?:contacted|got\s+in\s+touch\s+with|emailed|"
            r"written\s+to|been\s+in\s+touch\s+with)\s+(?:us|the\s+(?:harmoni[sz]ation\s+)?team)\b",
            r"\bcontacts\s+(?:this|last)\s+(?:week|month)\b",
            r"\b(?:who|which\s+(?:organisations?|users?|teams?|departments?|people|bodies))\s+"
            r"(?:has\s+|have\s+|is\s+)?(?:been\s+|got\s+|get\s+)?(?:contacted|emailed|in\s+touch|written|"
            r"reached\s+out|asked\s+us)\b(?!\s+(?:with|to)\s+(?!us\b))",
            r"\bwho\s+(?:have|has|did)\s+we\s+(?:heard|hear)\s+from\b",
            r"\bwho\s+(?:we\s+have|we)\s+(?:heard|had\s+(?:contact|queries|emails))\s+from\b",
        ),
    ),
    (
        PlanKind.TOPICS_RISING,
        _r(
            r"\btopics?\b.{0,40}\b(?:more\s+(?:lately|recently|and\s+more|often|than)|rising|"
            r"on\s+the\s+rise|trending|increasing|growing|popular)\b",
            r"\brising\s+topics\b",
            r"\btopics?\b.{0,30}\b(?:getting|attracting|drawing|receiving|generating)\s+more\b",
            r"\b(?:hot|trending|top|popular|rising)\s+topics\b",
            r"\btopics?\b.{0,40}\b(?:more|most)$",
            r"\b(?:people|users|they|organisations)\s+(?:are\s+|have\s+been\s+)?asking\s+(?:us\s+)?"
            r"(?:about\s+)?(?:most|more)\b",
            r"\b(?:most|more)\s+(?:asked|popular|common)\s+(?:about\s+)?(?:topics?|questions)\b",
            r"\btrending\b",
            r"\b(?:subjects?|themes?)\b.{0,50}\b(?:more|rising|increasing|growing)\b",
            r"\b(?:asking|asked)\s+(?:us\s+)?about\b.{0,20}\b(?:more|lately|recently)\b",
        ),
    ),
    (
        PlanKind.BASELINE,
        _r(
            r"\bbaseline\b",
        ),
    ),
    (
        PlanKind.INBOX,
        _r(
            # The inbox asked about, not a remark ("before I wade into the inbox, ...").
            r"^(?:the\s+|my\s+|our\s+)?(?:shared\s+|harmoni[sz]ation\s+)?inbox\b",
            r"\b(?:show|check|list|see|open|look\s+at|in|is\s+in|sitting\s+in|anything\s+in)\s+(?:me\s+)?"
            r"(?:the\s+|our\s+)?(?:team\s+|shared\s+|harmoni[sz]ation\s+)?(?:inbox|mailbox)\b",
            r"\b(?:inbox|mailbox|e-?mail)\s+(?:queries|enquiries|emails|messages)\b",
            r"\b(?:new|open|unanswered|outstanding)\s+(?:inbox\s+)?(?:queries|enquiries|emails)\b",
            r"\b(?:emails?|queries|enquiries|messages)\b.{0,20}\b(?:waiting|awaiting|needing|need|"
            r"without)\s+(?:for\s+)?(?:a\s+|an\s+)?(?:reply|response|answer)\b",
        ),
    ),
)
