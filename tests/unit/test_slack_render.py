"""Block Kit from neutral replies: goldens for each block kind, and what comes in from Slack.

Slack's limits and injection are in ``test_slack_render_limits``.
"""

from __future__ import annotations

from typing import Any

from adapters.slack.render import original_action_id, render_blocks, render_messages, uploads
from adapters.slack.text import plain_text
from bot.messages import (
    Block,
    Bullets,
    Button,
    Buttons,
    Context,
    Divider,
    Fields,
    Header,
    Image,
    Link,
    Reply,
    Text,
)


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def one(block: Block) -> list[dict[str, Any]]:
    return render_blocks(Reply(text="fallback", blocks=(block,)))


# -- goldens, one per block kind -------------------------------------------------------------


def test_header_is_plain_text() -> None:
    assert one(Header(text="Tactic 24: Present to ONS Directors Group")) == [
        {
            "type": "header",
            "text": {
                "type": "plain_text",
                "text": "Tactic 24: Present to ONS Directors Group",
                "emoji": True,
            },
        }
    ]


def test_a_long_header_is_cut_to_150_characters() -> None:
    [block] = one(Header(text="x" * 200))
    assert block["text"]["text"] == "x" * 149 + "\u2026"


def test_text_is_an_escaped_verbatim_mrkdwn_section() -> None:
    assert one(Text(text="Income & wealth: <2 years>")) == [
        {"type": "section", "text": mrkdwn("Income &amp; wealth: &lt;2 years&gt;")}
    ]


def test_fields_are_section_fields_with_bold_labels() -> None:
    assert one(Fields(pairs=(("Status", "Published"), ("Last review", "19 September 2025")))) == [
        {
            "type": "section",
            "fields": [
                mrkdwn("*Status*\nPublished"),
                mrkdwn("*Last review*\n19 September 2025"),
            ],
        }
    ]


def test_more_than_ten_fields_take_two_sections() -> None:
    blocks = one(Fields(pairs=tuple((f"L{n}", f"v{n}") for n in range(13))))
    assert [len(b["fields"]) for b in blocks] == [10, 3]
    assert blocks[1]["fields"][0] == mrkdwn("*L10*\nv10")


def test_bullets_are_one_section_of_lines() -> None:
    assert one(Bullets(items=("#12 Webinar", "#24 Present <today>"))) == [
        {"type": "section", "text": mrkdwn("\u2022 #12 Webinar\n\u2022 #24 Present &lt;today&gt;")}
    ]


def test_divider() -> None:
    assert one(Divider()) == [{"type": "divider"}]


def test_context_is_small_escaped_mrkdwn() -> None:
    assert one(Context(text="Confidence 98% <high>")) == [
        {"type": "context", "elements": [mrkdwn("Confidence 98% &lt;high&gt;")]}
    ]


def test_a_web_link_is_a_mrkdwn_link() -> None:
    link = Link(label="Read <the> standard", url="https://example.org/a?b=1&c=2")
    assert one(link) == [
        {
            "type": "section",
            "text": mrkdwn("<https://example.org/a?b=1&amp;c=2|Read &lt;the&gt; standard>"),
        }
    ]


def test_a_pipe_in_a_link_address_cannot_end_it_early() -> None:
    [block] = one(Link(label="x", url="https://example.org/a|<!channel>"))
    assert block["text"]["text"] == "<https://example.org/a%7C&lt;!channel&gt;|x>"


def test_a_link_that_is_not_a_web_address_is_shown_not_linked() -> None:
    assert one(Link(label="Open", url="javascript:alert(1)")) == [
        {"type": "section", "text": mrkdwn("Open: javascript:alert(1)")}
    ]


def test_buttons_are_an_actions_block_with_unique_action_ids() -> None:
    blocks = one(
        Buttons(
            buttons=(
                Button(label="Done", action_id="tactic_done", value="24", style="primary"),
                Button(label="Snooze a week", action_id="tactic_snooze", value="24"),
                Button(label="Open", action_id="tactic_open", value="24", style="secondary"),
                Button(label="Bye", action_id="tactic_open", style="danger"),
            )
        )
    )
    assert blocks == [
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Done", "emoji": True},
                    "action_id": "tactic_done#0",
                    "value": "24",
                    "style": "primary",
                },
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Snooze a week", "emoji": True},
                    "action_id": "tactic_snooze#1",
                    "value": "24",
                },
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Open", "emoji": True},
                    "action_id": "tactic_open#2",
                    "value": "24",
                },
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Bye", "emoji": True},
                    "action_id": "tactic_open#3",
                    "style": "danger",
                },
            ],
        }
    ]


def test_action_ids_are_unique_across_a_reply_and_translate_back() -> None:
    blocks = render_blocks(
        Reply(
            text="t",
            blocks=tuple(
                Buttons(buttons=(Button(label="Done", action_id="tactic_done", value=str(n)),))
                for n in range(3)
            ),
        )
    )
    ids = [b["elements"][0]["action_id"] for b in blocks]
    assert len(set(ids)) == 3
    assert {original_action_id(i) for i in ids} == {"tactic_done"}
    assert original_action_id("plain_id") == "plain_id"
    assert original_action_id("odd#id") == "odd#id"


def test_an_image_needs_a_web_address() -> None:
    assert one(Image(url="https://example.org/chart.png", alt="Contacts by week")) == [
        {
            "type": "image",
            "image_url": "https://example.org/chart.png",
            "alt_text": "Contacts by week",
        }
    ]
    assert one(Image(url="/dashboard/chart.png", alt="Contacts <by> week")) == [
        {"type": "context", "elements": [mrkdwn("[Contacts &lt;by&gt; week]")]}
    ]


def test_a_reply_without_blocks_is_its_text() -> None:
    assert render_messages(Reply(text="Thanks, noted as helpful.")) == [
        {
            "text": "Thanks, noted as helpful.",
            "blocks": [{"type": "section", "text": mrkdwn("Thanks, noted as helpful.")}],
        }
    ]


def test_a_standards_answer_keeps_the_order_of_its_blocks() -> None:
    reply = Reply(
        text="Ethnicity harmonised standard",
        blocks=(
            Header(text="Ethnicity harmonised standard"),
            Text(text="How to ask people which ethnic group they identify with."),
            Fields(pairs=(("Status", "Published"),)),
            Link(label="Read the standard", url="https://example.org/ethnicity"),
            Context(text="Confidence 98%"),
            Buttons(buttons=(Button(label="Helpful", action_id="answer_helpful", value="k"),)),
        ),
    )
    [message] = render_messages(reply)
    assert [b["type"] for b in message["blocks"]] == [
        "header",
        "section",
        "section",
        "section",
        "context",
        "actions",
    ]
    assert message["text"] == "Ethnicity harmonised standard"


# -- what comes in ---------------------------------------------------------------------------


def test_incoming_text_loses_the_bot_mention_and_slack_markup() -> None:
    text = "<@UBOT> which standard covers <https://x.org/eth|ethnicity> &amp; <#C1|general>?"
    assert plain_text(text, "UBOT") == "which standard covers ethnicity & #general?"
    assert plain_text("ask <@U2|pete> about &lt;income&gt;", "UBOT") == "ask @pete about <income>"
    assert (
        plain_text("<!here> <mailto:a@b.org|a@b.org> <https://x.org>")
        == "@here a@b.org https://x.org"
    )
    assert plain_text("&amp;lt;") == "&lt;"


def test_an_image_with_bytes_is_an_upload_not_a_block() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    chart = Image(data=png, alt="Contacts per week")
    reply = Reply(text="Weekly digest", blocks=(Text(text="Weekly digest"), chart), intent="digest")
    [message] = render_messages(reply)
    assert [b["type"] for b in message["blocks"]] == ["section"]
    assert uploads(reply) == [chart]
    # An address Slack can fetch wins: then it is a block and nothing is uploaded.
    fetched = Image(url="https://example.org/chart.png", data=png, alt="Contacts per week")
    assert one(fetched)[0]["type"] == "image"
    assert uploads(Reply(text="x", blocks=(fetched,))) == []
