"""Replies survive the trip to plain JSON and back, every block type included."""

from __future__ import annotations

import json
from typing import get_args

import pytest

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
    Intent,
    Link,
    Reply,
    Text,
)
from bot.reply_codec import BadReplyDocument, decode_reply, encode_reply

EVERY_BLOCK: tuple[Block, ...] = (
    Header(text="Tactic 24 is due in 7 days"),
    Text(text="Line one\nline two <script>"),
    Fields(pairs=(("Owner", "Pete Brodie"), ("Due", "1 March 2026"))),
    Bullets(items=("first", "second")),
    Divider(),
    Context(text="Sent by the clock"),
    Link(label="Open the standard", url="https://example.org/ethnicity"),
    Buttons(
        buttons=(
            Button(label="Done", action_id="tactic_done", value="24", style="primary"),
            Button(label="Snooze a week", action_id="tactic_snooze", value="24"),
        )
    ),
    Image(url="/dashboard/chart.svg", alt="Contacts per week"),
    Image(alt="Contacts per week", data=b"\x89PNG\r\n\x1a\n\x00\xff"),
)


def test_every_block_type_is_in_the_sample() -> None:
    # A block type added to bot.messages without a codec entry fails here first.
    assert {type(b) for b in EVERY_BLOCK} == set(get_args(Block))


def test_a_reply_with_every_block_comes_back_equal_through_json_text() -> None:
    reply = Reply(text="Tactic 24 is due", blocks=EVERY_BLOCK, intent="nudge", data={"tactic": 24})
    stored = json.loads(json.dumps(encode_reply(reply)))  # as a JSON column gives it back
    back = decode_reply(stored)
    assert back == reply
    assert back.blocks == EVERY_BLOCK
    assert back.data == {"tactic": 24}
    assert back.buttons[0].style == "primary"
    png = back.blocks[-1]
    assert isinstance(png, Image) and png.data.startswith(b"\x89PNG") and png.url == ""


def test_a_plain_reply_and_data_that_is_not_json() -> None:
    reply = Reply(text="hello", data={"when": object()})
    document = encode_reply(reply)
    assert "data" not in document
    assert decode_reply(document) == Reply(text="hello")


def test_a_derived_text_and_an_intent_are_stored_as_plain_strings() -> None:
    reply = Reply(blocks=EVERY_BLOCK[:2], intent=Intent.STANDARD_ANSWER)
    text = json.dumps(encode_reply(reply))
    assert '"intent": "standard_answer"' in text
    assert '"text": "Tactic 24 is due in 7 days\\nLine one\\nline two <script>"' in text
    assert decode_reply(json.loads(text)) == reply


@pytest.mark.parametrize(
    "document",
    [
        {"text": "no version"},
        {"v": 1, "text": "x", "blocks": [{"type": "video", "url": "x"}]},
        {"v": 1, "text": "x", "blocks": [{"type": "fields", "pairs": [["only one"]]}]},
        {"v": 1, "text": 42},
        {"v": 1, "text": "x", "blocks": "header"},
        {"v": 1, "text": "x", "blocks": [{"type": "image", "alt": "a", "data": "not base64!"}]},
    ],
)
def test_a_document_it_did_not_write_is_refused(document: dict[str, object]) -> None:
    with pytest.raises(BadReplyDocument):
        decode_reply(document)
