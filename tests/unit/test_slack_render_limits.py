"""Block Kit within Slack's limits (50 blocks, 3,000 characters), and no markup from text."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from adapters.slack.render import MAX_BLOCKS, MAX_TEXT, escape, render_messages, unescape
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
from tests.unit.test_slack_render import mrkdwn, one

INJECTION = "<!channel> see <@U123> or <http://evil.example|click here> & <#C1|secret>"
INJECTION_ESCAPED = (
    "&lt;!channel&gt; see &lt;@U123&gt; or &lt;http://evil.example|click here&gt; &amp; "
    "&lt;#C1|secret&gt;"
)


def mrkdwn_texts(payload: object) -> list[str]:
    """Every mrkdwn string anywhere in a rendered payload."""
    found: list[str] = []
    if isinstance(payload, dict):
        if payload.get("type") == "mrkdwn":
            found.append(payload["text"])
        for value in payload.values():
            found.extend(mrkdwn_texts(value))
    elif isinstance(payload, list):
        for item in payload:
            found.extend(mrkdwn_texts(item))
    return found


# -- Slack's limits: 50 blocks, 3,000 characters ---------------------------------------------


def test_more_than_50_blocks_are_split_into_messages_in_order() -> None:
    reply = Reply(
        text="long",
        blocks=tuple(Text(text=f"paragraph {n}") for n in range(120)),
    )
    messages = render_messages(reply)
    assert [len(m["blocks"]) for m in messages] == [MAX_BLOCKS, MAX_BLOCKS, 20]
    texts = [b["text"]["text"] for m in messages for b in m["blocks"]]
    assert texts == [f"paragraph {n}" for n in range(120)]
    # Each message carries its own fallback: what its own blocks say.
    assert messages[0]["text"].startswith("paragraph 0\nparagraph 1")
    assert messages[2]["text"].startswith("paragraph 100")


def test_buttons_stay_unique_when_a_reply_is_split() -> None:
    blocks: list[Block] = []
    for n in range(60):
        blocks.append(Text(text=f"tactic {n}"))
        blocks.append(Buttons(buttons=(Button(label="Done", action_id="tactic_done", value="1"),)))
    messages = render_messages(Reply(text="t", blocks=tuple(blocks)))
    ids = [
        e["action_id"]
        for m in messages
        for b in m["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert len(ids) == len(set(ids)) == 60


def test_text_over_3000_characters_is_split_at_line_ends() -> None:
    lines = [f"line {n:04d} " + "word " * 20 for n in range(100)]  # about 11,000 characters
    [message] = render_messages(Reply(text="t", blocks=(Text(text="\n".join(lines)),)))
    sections = [b["text"]["text"] for b in message["blocks"]]
    assert len(sections) >= 4
    assert all(len(s) <= MAX_TEXT for s in sections)
    assert "\n".join(sections).split("\n") == lines


def test_a_single_long_line_is_split_at_spaces_then_anywhere() -> None:
    words = " ".join(["harmonisation"] * 500)
    pieces = [b["text"]["text"] for b in one(Text(text=words))]
    assert all(len(p) <= MAX_TEXT for p in pieces)
    assert " ".join(pieces) == words
    solid = "x" * 7000
    pieces = [b["text"]["text"] for b in one(Text(text=solid))]
    assert [len(p) for p in pieces] == [3000, 3000, 1000]


def test_a_split_never_cuts_an_entity_in_half() -> None:
    text = "a" * 2998 + "&&&" + "b" * 10
    pieces = [b["text"]["text"] for b in one(Text(text=text))]
    assert all(len(p) <= MAX_TEXT for p in pieces)
    assert "".join(pieces) == escape(text)
    for piece in pieces:
        assert re.fullmatch(r"(?:[^&]|&amp;|&lt;|&gt;)*", piece), piece[-10:]


def test_a_long_bullet_list_is_split_between_items() -> None:
    items = tuple(f"#{n} " + "a tactic with a long name " * 4 for n in range(100))
    sections = [b["text"]["text"] for b in one(Bullets(items=items))]
    assert len(sections) > 1
    assert all(len(s) <= MAX_TEXT for s in sections)
    assert all(s.startswith("\u2022 ") for s in sections)


def test_a_long_field_value_is_cut_to_2000_characters() -> None:
    [block] = one(Fields(pairs=(("Purpose", "p" * 5000),)))
    assert len(block["fields"][0]["text"]) == 2000


# -- injection ---------------------------------------------------------------------------------


def test_text_cannot_mention_the_channel_a_user_or_link() -> None:
    assert one(Text(text=INJECTION)) == [{"type": "section", "text": mrkdwn(INJECTION_ESCAPED)}]


def test_no_block_kind_lets_markup_through() -> None:
    reply = Reply(
        text=INJECTION,
        blocks=(
            Header(text=INJECTION),
            Text(text=INJECTION),
            Fields(pairs=((INJECTION, INJECTION),)),
            Bullets(items=(INJECTION,)),
            Context(text=INJECTION),
            Link(label=INJECTION, url="https://example.org/"),
            Link(label=INJECTION, url="<!channel>"),
            Image(url="<!here>", alt=INJECTION),
            Buttons(buttons=(Button(label=INJECTION, action_id="x", value=INJECTION),)),
        ),
    )
    [message] = render_messages(reply)
    texts = mrkdwn_texts(message["blocks"])
    assert len(texts) == 7
    for text in texts:
        # The one "<" allowed is the renderer's own link to https://example.org/.
        assert re.sub(r"^<https://example\.org/\|", "", text).count("<") == 0, text
        assert ">" not in text.removesuffix(">"), text
    assert "<" not in message["text"] and ">" not in message["text"]
    assert INJECTION_ESCAPED in message["text"]


def test_the_fallback_text_is_escaped_too() -> None:
    [message] = render_messages(Reply(text="<!here> look", blocks=(Divider(),)))
    assert message["text"] == "&lt;!here&gt; look"


@given(st.text(min_size=1, max_size=4000))
def test_any_text_renders_inert_and_round_trips(text: str) -> None:
    blocks = one(Text(text=text))
    pieces = [b["text"]["text"] for b in blocks]
    assert all(0 < len(p) <= MAX_TEXT for p in pieces)
    assert all("<" not in p and ">" not in p for p in pieces)
    joined = unescape("".join(pieces))
    # Only the line ends and spaces the split broke at, and blank pieces, are gone.
    assert "".join(joined.split()) == "".join(text.split())
    assert json.loads(json.dumps(blocks)) == blocks
