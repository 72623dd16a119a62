"""The ways people ask about the plan and its people, as patterns per kind of question.

Patterns run against a sentence that is lower-cased, with "what's" and "who's" spelt out and
punctuation dropped (see :func:`commplan.understanding.plan.plan_question`). Order matters:
the specific (catalogue admin, a numbered tactic, mine, a named person, a term) before the
general.
"""

from __future__ import annotations

import enum
import re


class PlanKind(enum.StrEnum):
    MY_TACTICS = "my_tactics"  # what do I own / my tasks
    MY_ACTIONS = "my_actions"  # my meeting actions
    DUE = "due"  # period: "this week", "next week", "today", "March", "Q2"...
    OVERDUE = "overdue"
    OWNED_BY = "owned_by"  # name: the tactics a person or group is accountable for
    WHO_OWNS = "who_owns"  # term: who is accountable for it; "" for the whole plan
    SEARCH = "search"  # term: tactics mentioning it
    OPEN_ACTIONS = "open_actions"
    ACTIONS_FOR = "actions_for"  # name
    PHASE = "phase"  # period: "Q1".."Q4"
    SUMMARY = "summary"
    SHOW_TACTIC = "show_tactic"  # number
    SHOW_ACTION = "show_action"  # number
    # The people side: who the team hears from (team members only, like the commands).
    CONTACTS = "contacts"  # period: "this month", "this week", "last month"
    GONE_QUIET = "gone_quiet"
    TOPICS_RISING = "topics_rising"
    BASELINE = "baseline"  # term: the field to break it down by, as written ("user group")
    INBOX = "inbox"
    STANDARDS_REVIEW = "standards_review"  # standards whose last review is old


MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_PLAN_NOUN = r"(?:tactics?|tasks?|items?|activities|activity|jobs|deliverables|work|things|stuff)"


def _r(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.I) for p in patterns)


_NAME = r"(?P<name>@[\w.-]+|(?:the\s+)?[a-z][a-z'.-]*(?:\s+[a-z][a-z'.-]*){0,3}?)"
_RESPONSIBLE = (
    r"(?:responsible|accountable|in\s+charge|working\s+on|doing|down\s+for|on\s+the\s+hook"
    r"|looking\s+after|leading)"
)

# Order matters: the specific (mine, a named person, a term) before the general.
RULES: tuple[tuple[PlanKind, tuple[re.Pattern[str], ...]], ...] = (
    (
        PlanKind.STANDARDS_REVIEW,
        _r(
            r"\bstandards\b.{0,40}\b(?:due|overdue)\s+(?:for\s+)?(?:a\s+)?review\b",
            r"\bstandards\b.{0,40}\b(?:haven'?t|have\s+not|hasn'?t|not)\s+(?:been\s+)?(?:reviewed|"
            r"updated)\b",
            r"\b(?:old|stale|out\s+of\s+date)\s+standards\b",
            r"\bstandards\s+(?:are|is)\s+(?:now\s+)?(?:out\s+of\s+date|stale|outdated)\b",
            r"\bstandards\b.{0,30}\b(?:need(?:s|ing)?|want(?:s|ing)?|overdue|due)\s+(?:a\s+)?"
            r"(?:review(?:ing)?|updat(?:e|ing)|refresh(?:ing)?)\b",
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
    (
        PlanKind.GONE_QUIET,
        _r(
            r"\b(?:gone|been|went|going)\s+(?:quiet|silent|dark|awol)\b",
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
            r"written\s+to|been\s+in\s+touch\s+with)\s+us\b",
            r"\bcontacts\s+(?:this|last)\s+(?:week|month)\b",
            r"\b(?:who|which\s+(?:organisations?|users?|teams?|departments?|people|bodies))\s+"
            r"(?:has\s+|have\s+|is\s+)?(?:been\s+|got\s+|get\s+)?(?:contacted|emailed|in\s+touch|written|"
            r"reached\s+out|asked\s+us)\b(?!\s+(?:with|to)\s+(?!us\b))",
            r"\bwho\s+(?:have|has|did)\s+we\s+(?:heard|hear)\s+from\b",
        ),
    ),
    (
        PlanKind.TOPICS_RISING,
        _r(
            r"\btopics?\b.{0,40}\b(?:more\s+(?:lately|recently|and\s+more|often|than)|rising|"
            r"on\s+the\s+rise|trending|increasing|growing|popular)\b",
            r"\brising\s+topics\b",
            r"\b(?:hot|trending|top|popular|rising)\s+topics\b",
            r"\btopics?\b.{0,40}\b(?:more|most)$",
            r"\b(?:people|users|they|organisations)\s+(?:are\s+|have\s+been\s+)?asking\s+(?:us\s+)?"
            r"(?:about\s+)?(?:most|more)\b",
            r"\b(?:most|more)\s+(?:asked|popular|common)\s+(?:about\s+)?(?:topics?|questions)\b",
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
            r"\binbox\b",
            r"\b(?:new|open|unanswered|outstanding)\s+(?:inbox\s+)?(?:queries|enquiries|emails)\b",
            r"\b(?:emails?|queries|enquiries|messages)\b.{0,20}\b(?:waiting|awaiting|needing|need|"
            r"without)\s+(?:for\s+)?(?:a\s+|an\s+)?(?:reply|response|answer)\b",
        ),
    ),
    (
        PlanKind.MY_ACTIONS,
        _r(
            r"\b(?:my|mine)\s+(?:open\s+|outstanding\s+)?(?:meeting\s+)?actions\b",
            r"\bactions\s+(?:for|assigned\s+to|on)\s+me\b",
            r"\bwhat\s+actions\s+(?:do|have)\s+i\b",
            r"\bdo\s+i\s+have\s+any\s+(?:open\s+|outstanding\s+)?actions\b",
            r"\bactions\s+(?:are\s+|were\s+)?(?:assigned\s+to|on|for|with|given\s+to)\s+me\b",
            r"\b(?:did|have|was)\s+i\b.{0,40}\bactions?\b",
            r"\bwhat\s+did\s+i\s+(?:agree|sign\s+up|volunteer|promise|say\s+i\s+would)\b",
            r"\bactions\s+(?:do|did|have|am)\s+i\b",
            r"\bactions\b.{0,30}\bmy\s+name\b",
        ),
    ),
    (
        PlanKind.MY_TACTICS,
        _r(
            rf"\bmy\s+(?:open\s+|current\s+|outstanding\s+)?{_PLAN_NOUN}\b",
            r"\bwhat\s+(?:do|did)\s+i\s+(?:own|have\s+to\s+do|need\s+to\s+do|have\s+on)\b",
            r"\bwhat\s+(?:am|was)\s+i\s+(?:responsible|accountable|down|on\s+the\s+hook)\b",
            r"\bwhat\s+is\s+(?:on\s+my\s+(?:plate|list)|mine|assigned\s+to\s+me)\b",
            r"\bwhat\s+have\s+i\s+got\s+(?:on|to\s+do|due)\b",
            rf"\b{_PLAN_NOUN}\s+(?:for|assigned\s+to|owned\s+by)\s+me\b",
            r"\bwhat\s+(?:tactics|tasks)\s+(?:do\s+i|am\s+i)\b",
            r"\banything\s+(?:for|on)\s+me\b",
            r"\bwith\s+my\s+name\s+(?:on|against)\b",
            r"\bwhat\s+(?:is|are)\s+(?:still\s+)?(?:open|outstanding)\s+(?:for|against)\s+me\b",
            r"(?:\b(?:what|which)\b.{0,30}\b(?:am\s+i|i\s+am)|^(?:so\s+|and\s+)?am\s+i)\b.{0,30}\b"
            r"(?:responsible|accountable|on\s+the\s+hook|down\s+for|"
            r"leading|lead|looking\s+after|assigned|working\s+on|in\s+charge|meant\s+to\s+be|"
            r"supposed\s+to\s+be|owner)\b",
            r"\b(?:what|which|anything|everything|stuff|things)\b.{0,30}\b(?:do|did|should)\s+i\s+"
            r"(?:own|lead|look\s+after|need\s+to|have\s+to)\b",
            rf"\b(?:what|which|anything|everything|stuff|things|{_PLAN_NOUN})\b.{{0,20}}\bi\s+"
            r"(?:own|lead|look\s+after|am\s+(?:doing|leading|on))\b",
            rf"\b(?:which|what|any)\s+(?:of\s+the\s+)?{_PLAN_NOUN}\s+(?:are|is)\s+mine\b",
            r"\bhave\s+i\s+(?:been\s+)?(?:assigned|given|allocated|got\s+(?:on|outstanding|open|left"
            r"|to\s+do|due))\b",
            r"\bwhat\s+(?:have|has)\s+i\s+got\b",
            r"\b(?:on|in)\s+my\s+(?:plate|list|name|desk|to[\s-]*do)\b",
            rf"\bmy\s+(?:bits|parts?|share|{_PLAN_NOUN})\b",
            r"\b(?:left|remaining|outstanding|open|to\s+do)\s+for\s+me\b",
            r"\bdo\s+i\s+(?:own|have|lead|look\s+after)\s+(?:any|many)\b",
            r"\b(?:what|which)\b.{0,30}\b(?:should|do|must|shall)\s+i\s+(?:be\s+)?(?:working\s+on|"
            r"doing|leading|looking\s+after|picking\s+up|focus(?:ing)?\s+on)\b",
            r"\bhave\s+i\s+got\s+(?:anything|any\s+\w+|much|stuff|things)\b",
        ),
    ),
    (
        PlanKind.WHO_OWNS,
        _r(
            r"\bwho\s+(?:owns|is\s+responsible\s+for|is\s+accountable\s+for|does|is\s+doing|has\s+got"
            r"|is\s+got|has|got|leads|is\s+leading)\s+what\b",
            r"\bowners\s+of\s+(?:the\s+|all\s+the\s+|each\s+)?(?:tactics?|plan)\b",
            r"\bwho\s+(?:owns|leads)\s+(?:the\s+|each\s+|all\s+the\s+)?(?:tactics?|plan|comms\s+plan"
            r"|communications?\s+plan)$",
            r"\beach\s+tactic'?s\s+owners?\b",
            r"\bwho\s+(?:is\s+)?(?:responsible\s+for|accountable\s+for|in\s+charge\s+of|owns|leads)"
            r"\s+which\b",
            r"\bwho\s+(?:is\s+|are\s+)?(?:responsible|accountable|in\s+charge|owns?|leads?|the\s+"
            r"owners?)\s+(?:for\s+|of\s+)?(?:each|every|all(?:\s+the)?)\s+(?:tactics?|parts?|items?|"
            r"bits?)\b",
            r"\b(?:who\s+owns|owners\s+of)\s+(?:all\s+)?(?:the\s+)?(?:tactics|comms\s+plan|plan)$",
        ),
    ),
    (
        PlanKind.WHO_OWNS,
        _r(
            r"\bwho\s+(?:is\s+|are\s+)?(?:the\s+)?(?:owns?|owner\s+of|owners\s+of|leads?|leading|runs?"
            r"|running|handles?|handling|doing|working\s+on|assigned\s+to|accountable\s+for"
            r"|responsible\s+for|in\s+charge\s+of|looks?\s+after|looking\s+after|on|covering"
            r"|sorting|organising|delivering|managing|owning)\s+(?P<term>(?!what\b).+)",
            r"\bwhose\s+(?:is|are)\s+(?P<term>.+)",
            r"\bwho\s+(?:should|do|can|could|would)\s+i\s+(?:speak|talk|ask|go|chat)\s+(?:to\s+|with\s+)?"
            r"about\s+(?P<term>.+)",
            r"\bwho\s+has\s+(?:got\s+)?(?P<term>tactic.+)",
        ),
    ),
    (
        PlanKind.SEARCH,
        _r(
            r"\b(?:search|find|look\s+up|look\s+for)\s+(?:the\s+)?(?:tactics|plan|comms\s+plan)"
            r"\s+(?:for|about|on|mentioning|with)\s+(?P<term>.+)",
            r"\b(?:any|are\s+there(?:\s+any)?|is\s+there\s+a|show\s+me|list)\s+(?:tactics?|activities)"
            r"\s+(?:about|on|for|mentioning|involving|related\s+to|to\s+do\s+with|around)\s+(?P<term>.+)",
            r"\btactics?\s+(?:about|mentioning|involving|related\s+to)\s+(?P<term>.+)",
            r"\banything\s+(?:in|on)\s+the\s+(?:comms\s+)?plan\s+(?:about|on|for|mentioning)\s+"
            r"(?P<term>.+)",
            r"\bwhere\s+(?:is|are)\s+(?P<term>.+?)\s+in\s+the\s+plan\b",
        ),
    ),
    (
        PlanKind.ACTIONS_FOR,
        _r(
            rf"\bactions\s+(?:for|owned\s+by|assigned\s+to|on|of)\s+{_NAME}$",
            rf"\bwhat\s+actions\s+(?:does|has|is)\s+{_NAME}\s+(?:have|got|own|on|doing|responsible)",
            rf"\b{_NAME}'s\s+(?:open\s+|outstanding\s+)?(?:meeting\s+)?actions\b",
        ),
    ),
    (
        PlanKind.OWNED_BY,
        _r(
            rf"\b(?:tactics|tasks|items)\s+(?:owned\s+by|for|assigned\s+to|belonging\s+to|of)\s+{_NAME}$",
            rf"\bwhat\s+(?:does|did)\s+{_NAME}\s+(?:own|have\s+on|look\s+after)\b",
            rf"\bwhat\s+(?:is|are)\s+{_NAME}\s+{_RESPONSIBLE}\b",
            rf"\bwhat\s+(?:has|is)\s+{_NAME}\s+got\s+(?:on|to\s+do)\b",
            rf"\b{_NAME}'s\s+(?:open\s+)?(?:tactics|tasks|items)\b",
            rf"\bwhat\s+(?:tactics|tasks)\s+(?:does|is)\s+{_NAME}\s+(?:own|have|responsible|doing)",
            rf"\b(?:tactics|tasks)\s+{_NAME}\s+(?:is|are)\s+(?:accountable|responsible)\s+for\b",
            rf"\b(?:which|what)\s+{_PLAN_NOUN}\s+(?:does|is|has)\s+{_NAME}\s+(?:own|have|got|"
            r"responsible|accountable|doing|leading|lead|on|running|working)",
            rf"\b(?:which|what)\s+(?:does|is|has)\s+{_NAME}\s+(?:leading|lead|running|working\s+on|"
            r"looking\s+after|handling|in\s+charge\s+of|got)\b",
            rf"\bon\s+{_NAME}'s\s+(?:plate|list|desk)\b",
            rf"\b{_NAME}'s\s+(?:open\s+|outstanding\s+|current\s+)?{_PLAN_NOUN}\b",
            rf"\b(?:everything|anything|what|stuff|things|{_PLAN_NOUN})\s+(?:that\s+)?(?:is\s+|are\s+)?"
            rf"(?:owned\s+by|assigned\s+to|belonging\s+to|led\s+by|with)\s+{_NAME}$",
        ),
    ),
    (
        PlanKind.OPEN_ACTIONS,
        _r(
            r"\b(?:open|outstanding|unfinished|pending|current|all(?:\s+the)?)\s+(?:meeting\s+|"
            r"steering\s+group\s+)?actions\b",
            r"\bwhat\s+actions\s+(?:are|remain|were)\b",
            r"\bwhat\s+(?:is|are)\s+the\s+(?:open\s+)?actions\b",
            r"\bactions\s+(?:from|of|came\s+out\s+of|come\s+out\s+of|out\s+of)\s+(?:the\s+)?"
            r"(?:last\s+|latest\s+|previous\s+)?(?:meeting|steering\s+group|sg\b)",
            r"\bmeeting\s+actions\b",
            r"\b(?:any|which)\s+actions\s+(?:still\s+)?(?:open|outstanding|left)\b",
            r"^(?:the\s+)?actions$",
            r"\b(?:outstanding|open)\b.{0,40}\baction\s+(?:log|list)\b",
            r"\bactions\b.{0,30}\b(?:haven'?t|have\s+not|not)\s+(?:been\s+)?(?:completed|done|"
            r"closed|finished)\b",
            r"\b(?:steering\s+group|meeting|we)\b.{0,20}\b(?:agree|agreed|decide|decided|commit|"
            r"committed)\b(?!\s+(?:definition|standard|question))",
            r"\b(?:agreed|decided)\s+(?:at|in)\s+(?:the\s+)?(?:last\s+)?(?:steering\s+group|"
            r"meeting)\b",
            r"\baction\s+(?:log|list|points|tracker)\b",
            r"\bsteering\s+group'?s?\s+(?:to[\s-]*do|list|actions)\b",
            r"\bactions\s+(?:from|of|out\s+of)\b.{0,25}\b(?:steering\s+group|meeting)\b",
            r"\b(?:came|come|coming)\s+out\s+of\s+(?:the\s+)?(?:last\s+|latest\s+|previous\s+)?"
            r"(?:steering\s+group|meeting)\b",
            r"\bactions\s+(?:are\s+|were\s+)?(?:still\s+)?(?:open|outstanding|left|pending|"
            r"remaining|live)\b",
            r"\b(?:open|outstanding|left|pending|remaining)\s+(?:from|after)\s+(?:the\s+)?(?:last\s+|"
            r"latest\s+|previous\s+)?(?:steering\s+group|meeting)\b",
        ),
    ),
    (
        PlanKind.PHASE,
        _r(
            r"\b(?:in|for|during)\s+the\s+(?P<quarter>first|second|third|fourth|last)\s+quarter\b",
            r"\b(?:tactics|plan|activities|planned|happening)\s+(?:for\s+|in\s+|during\s+)?(?:the\s+)?"
            r"(?:q|phase\s*|quarter\s*)(?P<quarter>[1-4])\b",
            r"\b(?:q|quarter\s*)(?P<quarter>[1-4])\s+(?:tactics|plan|activities)\b",
            rf"\b(?:q|phase\s*|quarter\s*)(?P<quarter>[1-4])\s+{_PLAN_NOUN}\b",
            rf"\b(?:{_PLAN_NOUN}|plan|fall|falls|planned|happening|doing|due|scheduled)\b.{{0,20}}"
            r"\b(?:in|for|during)\s+(?:the\s+)?(?:q|phase\s*|quarter\s*)(?P<quarter>[1-4])\b",
            r"\bwhat\s+is\b.{0,30}\b(?:for|in|during)\s+(?:the\s+)?(?:q|phase\s*|quarter\s*)"
            r"(?P<quarter>[1-4])\b",
            r"\bwhat\s+is\s+(?:planned\s+|happening\s+)?(?:in|for|during)\s+(?:the\s+)?"
            r"(?:q|phase\s*|quarter\s*)(?P<quarter>[1-4])\b",
        ),
    ),
    (
        PlanKind.OVERDUE,
        _r(
            rf"\b(?:what|anything|which\s+{_PLAN_NOUN}|any\s+{_PLAN_NOUN}|show\s+me|list|is\s+anything"
            rf"|are\s+any|have\s+we|did\s+we)\b.{{0,30}}\b(?:overdue|late|behind(?:\s+schedule)?|past"
            rf"\s+(?:due|(?:its|their|the)\s+deadlines?)|slipped|missed)\b",
            rf"\boverdue\s+{_PLAN_NOUN}\b",
            r"^(?:anything\s+)?overdue\b",
            r"\bmissed\s+deadlines\b",
            r"\bdeadlines?\b.{0,20}\b(?:missed|slipped|passed|blown)\b",
            r"\b(?:slipping|slipped|slippage|running\s+late|running\s+behind|fallen\s+behind|"
            r"falling\s+behind|overdue)\b",
            r"\b(?:are|is)\s+(?:we|the\s+plan|anything|any\s+\w+)\s+(?:running\s+)?(?:behind|late)\b",
            r"\bnot\s+(?:yet\s+)?(?:done|finished|complete|completed|delivered)\b.{0,20}\bshould\b",
            r"\bshould\s+(?:already\s+)?have\s+been\s+(?:done|finished|completed|delivered)\b",
            r"\bnot\s+(?:been\s+)?(?:done|finished|completed|delivered)\s+(?:by|before|on)\s+(?:its|"
            r"their|the)\s+(?:due\s+)?(?:dates?|deadlines?)\b",
            r"\b(?:dropped\s+the\s+ball|fallen\s+through\s+the\s+cracks|off\s+track)\b",
            r"\bpast\s+(?:its|their|the)?\s*(?:due\s+)?(?:dates?|deadlines?)\b",
            r"\bwhat\s+(?:is|are|have)\s+(?:we\s+)?(?:late|missed|behind)\b",
            rf"\b{_PLAN_NOUN}\b.{{0,50}}\b(?:past\s+(?:its|their|the)\s+(?:deadlines?|dates?|due\s+"
            rf"dates?)|overdue|slipped|behind\s+schedule)\b",
        ),
    ),
    (
        PlanKind.DUE,
        _r(
            rf"\b(?:what|anything|which\s+{_PLAN_NOUN}|any\s+{_PLAN_NOUN}|is\s+anything|what\s+have\s+"
            rf"we\s+got|what\s+do\s+we\s+have|show\s+me|list)\b.{{0,30}}\b(?:due|coming\s+up|deadlines?"
            rf"|scheduled)\b(?!\s+(?:for|a)\s+review)",
            r"\b(?:due|deadlines?)\s+(?:this|next|the\s+next|the\s+coming|coming)\s+(?:week|fortnight"
            r"|month|quarter|\d+\s+days)\b",
            rf"\b(?:due|deadlines?)\s+(?:in|for|during|by|before)\s+{MONTH}\b",
            rf"\bupcoming\s+(?:deadlines|{_PLAN_NOUN})\b",
            r"^(?:due|deadlines?)\b",
            rf"\b(?:planned|scheduled|happening|coming\s+up|in\s+the\s+(?:comms\s+)?plan|on\s+the\s+"
            rf"plan|the\s+plan\s+have|due)\b.{{0,20}}\b(?:for|in|during)\s+{MONTH}\b",
            r"\b(?:fall|falls|falling)\s+due\b",
            r"\b(?:chas(?:e|ing)|needs?\s+doing|looming|approaching|on\s+the\s+horizon|coming\s+"
            r"up|to\s+do)\b.{0,40}\b(?:this|next|coming)\s+(?:week|fortnight|month)\b",
            r"\b(?:what|anything|any)\b.{0,40}\b(?:chas(?:e|ing)|needs?\s+doing|on\s+the\s+horizon)\b"
            r".{0,40}\b(?:week|month|fortnight|plan|tomorrow|today)\b",
            r"\bdeadlines?\s+(?:looming|approaching|coming)\b",
            r"^what\s+is\s+(?:on|happening|going\s+on)\s+(?:this|next)\s+(?:week|month|fortnight)$",
            r"\b(?:needs?\s+(?:to\s+be\s+)?(?:doing|done|finished|delivered)|due)\s+(?:by|before)\s+"
            r"(?:the\s+end\s+of\s+)?(?:mon|tues|wednes|thurs|fri)day\b",
        ),
    ),
    (
        PlanKind.SUMMARY,
        _r(
            r"\b(?:plan|tactics)\s+(?:summary|overview|status|progress|update|report|round\s*up)\b",
            r"\bon\s+track\b.{0,30}\bplan\b|\bplan\b.{0,20}\bon\s+track\b",
            r"\b(?:summary|overview)\s+of\s+(?:the\s+)?(?:comms\s+|communications?\s+)?plan\b",
            r"\bhow\s+is\s+the\s+(?:comms\s+|communications?\s+)?plan\s+(?:going|looking|doing)\b",
            r"\bwhere\s+are\s+we\s+(?:with|on)\s+the\s+(?:comms\s+|communications?\s+)?plan\b",
            r"\bprogress\s+(?:on|against)\s+the\s+plan\b",
            r"\bhow\s+(?:are\s+we|is\s+it)\s+(?:doing|getting\s+on|going|tracking|performing)\s+(?:against|with|on)\s+"
            r"(?:the|our)\s+(?:comms\s+|communications?\s+)?plan\b",
            r"\b(?:summary|progress|overview)\b.{0,50}\b(?:comms|communications?)?\s*plan\b",
            r"\bsummary\s+(?:by|per|for\s+each)\s+(?:phase|quarter)\b",
            r"\b(?:status|state|health)\s+of\s+(?:the\s+|our\s+)?(?:comms\s+|communications?\s+)?"
            r"plan\b",
            r"\bhow\s+(?:far\s+(?:along|through)|advanced|on\s+track)\b.{0,30}\bplan\b",
            r"\b(?:is|are)\s+(?:the\s+|our\s+)?(?:comms\s+|communications?\s+)?plan\s+(?:on\s+track|"
            r"going\s+(?:well|ok))\b",
            r"\bhow\s+is\s+(?:the\s+|our\s+)?(?:comms\s+|communications?\s+)?plan\b",
            r"\bhow\s+(?:the\s+|our\s+)(?:comms\s+|communications?\s+)?plan\s+is\s+(?:going|doing|"
            r"looking|progressing|getting\s+on)\b",
            r"\b(?:picture|position|state\s+of\s+play|headlines?)\b.{0,20}\b(?:comms|communications?|"
            r"the|our)\s+plan\b",
        ),
    ),
)
