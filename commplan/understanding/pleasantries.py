"""What people say around a request: greetings, pleasantries, thanks, sign-offs and small talk.

None of it asks anything, so :func:`commplan.understanding.reading.read` drops it before it
looks for the request. Small talk is the longer kind: "Lovely to meet you all at the
conference", "I'll pass it on to the team", "Just testing whether this works".
"""

from __future__ import annotations

import re

from commplan.understanding.words import ACKNOWLEDGEMENT

_ADDRESSEE = (
    r"(?:there|all|everyone|everybody|team|folks|guys|colleagues|y'?all|both|again|friends"
    r"|harmoni[sz]ation(?:\s+team)?|harmonibot|bot|@[\w.-]+|the\s+\w+(?:\s+\w+)?\s+team"
    r"|(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)(?=\s*(?:[,!.:;\n-]|$)))"
)
GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|hiya|howdy|heya|hallo|greetings|dear|good\s+(?:morning|afternoon|"
    r"evening|day)|morning|afternoon|evening)\b(?:\s+" + _ADDRESSEE + r")*"
    r"|@[\w.-]+)\s*[,!.:;?-]*\s*",
    re.I,
)
PLEASANTRY = re.compile(
    r"^(?:i\s+)?hope\s+(?:you(?:'re|\s+are)|all\s+is|this\s+(?:finds|email)|everyone|you\s+all"
    r"|you\s+had|you've|your)\b.*"
    r"|^how\s+are\s+(?:you|things)\b.*|^how'?s\s+(?:it\s+going|things)\b.*"
    r"|^happy\s+(?:monday|tuesday|wednesday|thursday|friday|new\s+year|holidays)\b.*"
    r"|^(?:sorry|apologies)\s+(?:to\s+bother|for\s+(?:the\s+)?(?:bother|long|delay|disturb)"
    r"|if\s+(?:this|i'?m|i\s+am|this\s+is|it'?s))\b.*"
    r"|^(?:(?:just\s+)?(?:a\s+)?quick\s+(?:question|one|query|q))\W*$"
    r"|^hopefully\s+(?:an?\s+)?(?:easy|quick|simple)\s+one\b.*"
    r"|^(?:i'?m|i\s+am)\s+new\s+(?:here|to\s+this)\b.*"
    r"|^(?:long\s+time\s+no\s+see|nice\s+to\s+meet\s+you|good\s+to\s+(?:see|hear))\b.*"
    r"|^(?!.*\?)(?:sorry|apologies|oops)\b.{0,25}\b(?:wrong|meant\s+for|not\s+for\s+you)\b.*"
    r"|^(?:lol|haha+|hehe|lmao)\b.*"
    r"|^(?:is\s+)?(?:any\s*one|any\s*body|someone)\s+(?:there|about|around|here|home)\W*$"
    r"|^(?:are\s+you|r\s+u)\s+(?:a\s+)?(?:bot|robot|real|human|there|awake|working)\W*$"
    r"|^(?:hello|hi|hey)\W*\?+\W*$"
    r"|^(?:nvm|never\s*mind|ignore\s+(?:me|that)|found\s+it|all\s+sorted|sorted\s+now)\b.*"
    r"|^(?!.*\?)(?:(?:sorry|apologies|oops)\W+)?(?:please\s+)?ignore\s+(?:that|this|my|the)\s+"
    r"(?:last\s+|previous\s+)?(?:message|msg|post|one)\b.*"
    r"|^(?:(?:this\s+is\s+)?(?:just\s+)?(?:a\s+)?test(?:ing)?(?:\s+(?:message|msg|post))?\W*)?"
    r"(?:please\s+|pls\s+)?ignore(?:\s+(?:me|this|it))?\W*$"
    r"|^(?!.*\?)(?:sorry|apologies)\s+(?:i|we)\s+(?:missed|couldn'?t\s+make|could\s+not\s+make|"
    r"wasn'?t\s+able\s+to\s+(?:make|join)|had\s+to\s+(?:leave|drop))\b.*",
    re.I,
)
THANKS = re.compile(
    r"^(?:(?:many|much|massive|big|huge)\s+)?(?:thanks|thank\s+you|thankyou|thx|ty|ta|tia"
    r"|cheers|merci|diolch)\b.*"
    r"|^(?:much|greatly|really)?\s*appreciated?\b.*|^(?:i|we)\s+(?:would\s+)?appreciate\b.*"
    r"|^(?:any|all)\s+(?:help|advice|pointers|thoughts|guidance)\s+(?:would\s+be|is|are|much|"
    r"greatly|gratefully)\b.*"
    r"|^(?:i'?d|i\s+would|we'?d|we\s+would)\s+be\s+(?:very\s+|really\s+)?grateful\b.*"
    r"|^grateful\s+for\b.*"
    r"|^(?:kind|best|warm|warmest|many)?\s*(?:regards|wishes)\b.*"
    r"|^(?:best|all\s+the\s+(?:very\s+)?best|speak\s+soon|take\s+care|bye|see\s+you|talk\s+soon)\W*"
    r"(?-i:(?:[A-Z][\w'-]*\W*){0,3})$"
    r"|^have\s+a\s+(?:good|nice|great|lovely|restful|relaxing|merry|happy)\s+(?:day|weekend|week"
    r"|one|evening|christmas|xmas|break|holiday|summer|new\s+year|time)\b.*"
    r"|^(?:(?:" + ACKNOWLEDGEMENT + r")\b\W*){1,6}$",
    re.I,
)
SIGN_OFF_LINE = re.compile(
    r"^(?:(?:kind|best|warm|warmest|many|with\s+(?:best|kind|many))\s+)?(?:regards|wishes|"
    r"thanks|thank\s+you)(?:\s+(?:again|in\s+advance|so\s+much|very\s+much))?\s*[,.!]?\s*$"
    r"|^(?:cheers|thanks|thx|ta|best|yours(?:\s+(?:sincerely|faithfully|truly))?|sincerely"
    r"|all\s+the\s+(?:very\s+)?best|speak\s+soon|take\s+care|diolch(?:\s+yn\s+fawr)?|cofion(?:\s+gorau)?"
    r"|many\s+thanks(?:\s+again)?|thanks\s+(?:so|very)\s+much)\s*[,.!]*\s*$|^--\s*$"
    r"|^sent\s+from\s+my\s.+$|^get\s+outlook\s+for\s.+$",
    re.I,
)
_GRATEFUL_IF = re.compile(
    r"^(?:i'?d|i\s+would|we'?d|we\s+would)\s+(?:be\s+(?:very\s+|really\s+|most\s+|so\s+)?grateful"
    r"|(?:really\s+|much\s+)?appreciate\s+it)\s+if\s+(?:you|someone|somebody|anyone|the\s+bot)"
    r"\s+(?:could|would|can|might)\s+(?:please\s+)?(?P<rest>\S.*)",
    re.I,
)
# "I'd be grateful for a steer on whether tactic 2 made any difference": a request too.
_GRATEFUL_FOR = re.compile(
    r"^(?:i'?d|i\s+would|we'?d|we\s+would)\s+be\s+(?:very\s+|really\s+|most\s+|so\s+)?grateful"
    r"\s+for\s+(?!(?:a|an|some|any|the|your)\s+(?:help|advice|assistance|pointers?|thoughts|"
    r"guidance|support|input|steer|reply|response)\b(?:\s+(?:you|anyone)\s+(?:can|could)\s+\w+)?\W*$)"
    r"(?P<rest>(?:a|an|some|any|the|your)\s+\S.*)",
    re.I,
)
_AFTERTHANKS = re.compile(r"[,!.;:]\s*|\s[\u2013\u2014-]+\s")


def strip_greeting(sentence: str) -> tuple[str, bool]:
    match = GREETING.match(sentence)
    if not match or not match.group(0).strip():
        return sentence, False
    return sentence[match.end() :], True


def strip_thanks(sentence: str) -> tuple[bool, str]:
    """Whether the sentence opens with thanks; what follows a thanks that asks something."""
    if not THANKS.match(sentence):
        return False, sentence
    grateful = _GRATEFUL_IF.match(sentence)
    if grateful:
        # "I would be grateful if you could provide the list of overdue tactics": a request.
        return True, f"could you {grateful.group('rest')}"
    grateful = _GRATEFUL_FOR.match(sentence)
    if grateful:
        return True, f"could you give me {grateful.group('rest')}"
    if "?" not in sentence:
        return True, ""
    # "Thanks for that, and what about religion?": the question after the thanks stands.
    split = _AFTERTHANKS.search(sentence)
    tail = sentence[split.end() :] if split else ""
    tail = re.sub(r"^\s*(?:and|but|also|so|now)\b\s*", "", tail, flags=re.I).strip()
    return True, tail


# Statements that carry no request and name nothing to look up. Kept narrow: a statement
# that could be scene-setting for a question ("we're redoing our survey") must not match.
_SMALL_TALK = re.compile(
    r"^(?:(?:just|only|and|also|so|oh|ok(?:ay)?|right|brilliant|perfect|great|lovely|super"
    r"|fab(?:ulous)?|excellent|amazing|ace|wonderful)\W+)*(?:"
    r"(?:i\s+)?(?:just\s+)?wanted\s+to\s+say\s+(?:a\s+)?(?:(?:big|huge|massive|quick)\s+)?"
    r"(?:thank|thanks|hello|hi|well\s+done|congratulations|congrats)\b"
    r"|(?:it\s+was\s+|it'?s\s+been\s+|so\s+|really\s+)?(?:lovely|nice|great|good|a\s+pleasure)"
    r"\s+to\s+(?:meet|see|catch\s+up\s+with|chat\s+(?:to|with)|hear\s+from|work\s+with)\b"
    r"|(?:i'?m|i\s+am|we'?re|we\s+are|really)\s+(?:really\s+)?looking\s+forward\s+to\b"
    r"|looking\s+forward\s+to\b|safe\s+travels\b|welcome\s+(?:aboard|to\s+the)\b"
    r"|(?:i'?ll|i\s+will|we'?ll|we\s+will|will)\s+(?:(?:just|then|now|probably)\s+)?(?:pass\s+(?:it|this"
    r"|that|them)\s+on|catch\s+up|come\s+back|get\s+back|let\s+(?:you|them|the\s+team)\s+know"
    r"|wait|be\s+in\s+touch|have\s+a\s+(?:look|read|think)|take\s+a\s+look|follow\s+up"
    r"|update\s+(?:the|my|our)\s+(?:spreadsheet|tracker|notes|doc|document|sheet|log)"
    r"|share\s+(?:it|this|that|them)|read\s+(?:it|this|through)|go\s+through|look\s+(?:at|into"
    r"|through)\s+(?:it|this|that|them|everything)|digest)\b"
    r"|that\s+(?:makes\s+(?:sense|things\s+clearer)|(?:is|was|'s)\s+(?:all|exactly|really|very"
    r"|super|so|just|perfect|great|brilliant|lovely|helpful|useful|fine|fab))\b"
    r"|that'?s\s+(?:all|exactly|really|very|super|so|just|perfect|great|brilliant|lovely|helpful"
    r"|useful|fine|fab)\b"
    r"|(?:you'?ve|you\s+have)\s+(?:saved|made|been)\b|(?:you'?re|you\s+are)\s+(?:a\s+)?(?:very\s+"
    r"|so\s+|really\s+)?(?:clever|brilliant|great|amazing|star|legend|life\s*saver|helpful)\b"
    r"|(?:just\s+)?testing\b|(?:just\s+)?saying\s+(?:hi|hello)\b"
    r"|(?:i'?ve|i\s+have)\s+(?:just\s+)?joined\b|(?:i'?m|i\s+am)\s+new\s+(?:here|to\s+the\s+"
    r"(?:team|channel))\b"
    r"|(?:sorry|apologies)\s+for\s+(?:the\s+)?(?:radio\s+silence|slow\s+(?:reply|response)"
    r"|late\s+(?:reply|response)|delay(?:ed)?)\b"
    r"|(?:it'?s|it\s+has)\s+been\s+(?:a\s+)?(?:mad|crazy|busy|hectic|manic|mental)\b"
    r"|no\s+(?:worries|problem|rush)\b|(?:all\s+)?sorted\b|noted\b"
    r"|(?:hope|hoping)\s+(?:everyone|you\s+all|all\s+of\s+you|you|the\s+team)\b"
    r"|see\s+you\s+(?:all\s+)?(?:on|at|in|next|tomorrow|soon|then|there|later)\b"
    r"|(?:really\s+|such\s+a\s+|what\s+a\s+)?(?:great|lovely|fab|brilliant|excellent|fantastic"
    r"|good|useful|interesting|inspiring)\s+(?:session|meeting|workshop|webinar|talk|presentation"
    r"|event|call|discussion|conference|day)\b"
    r"|(?:just\s+)?(?:shout|give\s+(?:me|us)\s+a\s+shout|ping\s+me|let\s+me\s+know)\s+if\s+(?:you"
    r"|anyone)\s+(?:can'?t|cannot|have\s+(?:any\s+)?(?:trouble|problems|issues|questions)|need"
    r"\s+anything)\b"
    r"|(?:merry|happy)\s+(?:christmas|xmas|new\s+year|holidays|easter|diwali|eid|hanukkah)\b"
    r"|(?:it'?s|it\s+has|it\s+was|it\s+have)\s+(?:been\s+)?(?:\w+\s+)?(?:great|lovely|fab|brilliant"
    r"|wonderful|nice|(?:a\s+)?(?:real\s+|great\s+|absolute\s+)?(?:pleasure|joy|privilege))\s+"
    r"(?:working|meeting|chatting|talking)\b"
    r"|enjoy\s+(?:the|your)\s+(?:weekend|break|holiday|evening)\b"
    r"|(?:huge\s+|big\s+|many\s+)?(?:congrat(?:s|ulations)|well\s+done|kudos|hats\s+off|great\s+"
    r"(?:work|job|stuff)|nice\s+(?:work|job)|good\s+(?:work|job))\b"
    # An out-of-office reply: "I'm out of the office until Monday. For urgent queries..."
    r"|(?:i'?m|i\s+am)\s+(?:currently\s+)?(?:out\s+of\s+(?:the\s+)?office|on\s+(?:annual\s+)?"
    r"leave|away\s+from\s+(?:my\s+desk|the\s+office))\b.*\b(?:until|till|returning|back)\b"
    r"|(?:for|if\s+your\s+query\s+is)\s+urgent\b|for\s+urgent\s+(?:queries|matters|enquiries)\b"
    r")",
    re.I,
)


# News that asks for nothing: "just a heads up that...", "just to say I'm moving on". Such a
# sentence stays (it may set the scene for a question) but makes a post that asks nothing
# sociable, so it is not taken for a query.
_ANNOUNCEMENT = re.compile(
    r"^(?:just\s+)?(?:a\s+)?(?:quick\s+)?(?:heads[\s-]*up|fyi|for\s+(?:info|your\s+information)"
    r"|to\s+(?:say|let\s+you\s+(?:all\s+)?know)|letting\s+you\s+(?:all\s+)?know)\b"
    r"|^(?:just\s+)?to\s+(?:say|let\s+you\s+(?:all\s+)?know)\b"
    r"|^(?:just\s+)?(?:a\s+)?(?:quick\s+|friendly\s+|gentle\s+)?reminder\s+(?:that|about|to)\b"
    r"|^(?:there'?s\s+)?(?:nothing|no\s+action)\s+(?:for\s+you\s+to\s+do|needed|required)\b",
    re.I,
)


def announcement(sentence: str) -> bool:
    """News or a heads-up that asks for nothing."""
    return "?" not in sentence and bool(_ANNOUNCEMENT.match(sentence))


def small_talk(sentence: str) -> bool:
    """A pleasantry or small talk: said to be friendly, asking nothing."""
    if PLEASANTRY.match(sentence):
        return True
    return "?" not in sentence and bool(_SMALL_TALK.match(sentence))
