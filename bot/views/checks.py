"""How a question check reads in chat: per question, the standard, how close, what differs,
and the standard's own wording to copy."""

from __future__ import annotations

from collections.abc import Sequence

from bot.messages import Block, Bullets, Context, Header, Intent, Link, Reply, Text
from commplan.compliance import QuestionCheck

_KIND_LABEL = {
    "missing_category": "Missing category",
    "extra_category": "Extra category",
    "renamed_category": "Category changed",
    "response_type": "Response type",
    "prefer_not_to_say": "Prefer not to say",
    "age_base": "Who is asked",
    "wording": "Wording",
}


def checked(checks: Sequence[QuestionCheck]) -> Reply:
    blocks: list[Block] = []
    for number, check in enumerate(checks, start=1):
        title = check.draft.question if len(checks) == 1 else f"{number}. {check.draft.question}"
        blocks.append(Header(text=title[:150]))
        standard = check.standard
        if standard is None:
            blocks.append(
                Text(
                    text="No harmonised standard with a recommended question fits this one. "
                    "Ask 'which standard covers …' to search the whole catalogue."
                )
            )
            continue
        if check.compliant:
            blocks.append(Text(text=f"\u2705 This follows the *{standard.name}*."))
        else:
            blocks.append(
                Text(
                    text=f"This should follow the *{standard.name}* "
                    f"(closeness {check.closeness:.0%}). What differs:"
                )
            )
            blocks.append(
                Bullets(
                    items=tuple(
                        f"{_KIND_LABEL[str(d.kind)]}: {d.detail}" for d in check.differences
                    )
                )
            )
            blocks.append(
                Text(
                    text=f"The standard asks: \u201c{standard.question}\u201d "
                    + " / ".join(standard.options)
                )
            )
        if standard.rules:
            blocks.append(Context(text=standard.rules))
        if standard.url:
            blocks.append(Link(label=f"Read the {standard.name}", url=standard.url))
    return Reply(
        blocks=tuple(blocks),
        intent=Intent.QUESTION_CHECK,
        data={"checks": [check.as_json() for check in checks]},
    )


def ask_for_the_question() -> Reply:
    return Reply(
        blocks=(
            Text(
                text="Paste the question and its options after 'check my question', for "
                "example: check my question: What is your ethnic group? White / Mixed / "
                "Asian / Black / Other"
            ),
        ),
        intent=Intent.QUESTION_CHECK,
        data={"checks": []},
    )
