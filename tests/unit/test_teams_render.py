"""Adaptive Cards from neutral replies: every block kind, escaping, and splitting to fit Teams."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from adapters.teams.render import (
    CARD_CONTENT_TYPE,
    CARD_VERSION,
    MAX_CARD_BYTES,
    escape_markdown,
    render_activities,
    render_cards,
)
from bot.messages import (
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

# Teams refuses an activity over about 28 KB, the card's JSON and the envelope together.
TEAMS_LIMIT = 28 * 1024
_SPECIAL = "\\`*_[]<>~"


def unescape(text: str) -> str:
    """What a CommonMark renderer shows for backslash-escaped text."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def only_card(reply: Reply) -> dict[str, Any]:
    cards = render_cards(reply)
    assert len(cards) == 1
    return cards[0]


def body(reply: Reply) -> list[dict[str, Any]]:
    return list(only_card(reply)["body"])


def texts(card: dict[str, Any]) -> list[str]:
    return [e["text"] for e in card["body"] if e["type"] == "TextBlock"]


def test_a_card_is_a_conservative_adaptive_card_with_a_fallback() -> None:
    card = only_card(Reply(text="Hello there", blocks=(Text(text="Hello there"),)))
    assert card["type"] == "AdaptiveCard"
    assert card["version"] == CARD_VERSION and float(CARD_VERSION) <= 1.4
    assert card["fallbackText"] == "Hello there"


def test_a_reply_without_blocks_is_its_text_one_block_a_line() -> None:
    assert body(Reply(text="First line\nSecond line")) == [
        {"type": "TextBlock", "text": "First line", "wrap": True},
        {"type": "TextBlock", "text": "Second line", "wrap": True, "spacing": "None"},
    ]


def test_a_header_is_large_and_bold() -> None:
    assert body(Reply(text="x", blocks=(Header(text="Ethnicity harmonised standard"),))) == [
        {
            "type": "TextBlock",
            "text": "Ethnicity harmonised standard",
            "wrap": True,
            "size": "Large",
            "weight": "Bolder",
        }
    ]


def test_context_is_small_and_subtle() -> None:
    [element] = body(Reply(text="x", blocks=(Context(text="Say 'help'"),)))
    assert element["size"] == "Small" and element["isSubtle"] is True and element["wrap"]


def test_fields_are_a_fact_set() -> None:
    fields = Fields(pairs=(("Status", "Published"), ("Last review", "19 September 2025")))
    assert body(Reply(text="x", blocks=(fields,))) == [
        {
            "type": "FactSet",
            "facts": [
                {"title": "Status", "value": "Published"},
                {"title": "Last review", "value": "19 September 2025"},
            ],
        }
    ]


def test_bullets_are_one_text_block_an_item() -> None:
    elements = body(Reply(text="x", blocks=(Bullets(items=("Tactic 10", "Tactic 14")),)))
    assert [e["text"] for e in elements] == ["\u2022 Tactic 10", "\u2022 Tactic 14"]


def test_a_divider_separates_the_next_element() -> None:
    blocks = (Text(text="above"), Divider(), Text(text="below"), Divider())
    elements = body(Reply(text="x", blocks=blocks))
    assert [e["text"] for e in elements] == ["above", "below"]
    assert "separator" not in elements[0] and elements[1]["separator"] is True


def test_a_link_is_an_open_url_action() -> None:
    url = "https://analysisfunction.civilservice.gov.uk/policy-store/ethnicity"
    [element] = body(Reply(text="x", blocks=(Link(label="Read the standard", url=url),)))
    assert element == {
        "type": "ActionSet",
        "actions": [{"type": "Action.OpenUrl", "title": "Read the standard", "url": url}],
    }


def test_a_link_that_is_not_http_is_shown_and_never_linked() -> None:
    link = Link(label="Click", url="javascript:alert(1)")
    [element] = body(Reply(text="x", blocks=(link,)))
    assert element["type"] == "TextBlock"
    assert unescape(element["text"]) == "Click: javascript:alert(1)"
    assert "Action.OpenUrl" not in json.dumps(element)


def test_an_image_needs_an_http_address() -> None:
    chart = Image(url="https://example.org/chart.png", alt="Contacts per week")
    assert body(Reply(text="x", blocks=(chart,))) == [
        {"type": "Image", "url": "https://example.org/chart.png", "altText": "Contacts per week"}
    ]
    for url in ("/dashboard/chart.png", "data:image/png;base64,AAAA", "file:///etc/passwd"):
        [element] = body(Reply(text="x", blocks=(Image(url=url, alt="A chart"),)))
        assert element["type"] == "TextBlock" and unescape(element["text"]) == "[A chart]"


def test_buttons_submit_their_action_id_and_value() -> None:
    buttons = Buttons(
        buttons=(
            Button(label="Done", action_id="tactic_done", value="24", style="primary"),
            Button(label="Delete", action_id="tactic_delete", value="24", style="danger"),
            Button(label="Open", action_id="tactic_open", value="24"),
        )
    )
    [element] = body(Reply(text="x", blocks=(buttons,)))
    assert element == {
        "type": "ActionSet",
        "actions": [
            {
                "type": "Action.Submit",
                "title": "Done",
                "data": {"action_id": "tactic_done", "value": "24"},
                "style": "positive",
            },
            {
                "type": "Action.Submit",
                "title": "Delete",
                "data": {"action_id": "tactic_delete", "value": "24"},
                "style": "destructive",
            },
            {
                "type": "Action.Submit",
                "title": "Open",
                "data": {"action_id": "tactic_open", "value": "24"},
            },
        ],
    }


def test_blocks_keep_their_order() -> None:
    blocks = (
        Header(text="H"),
        Text(text="T"),
        Fields(pairs=(("a", "b"),)),
        Bullets(items=("i",)),
        Context(text="C"),
        Link(label="L", url="https://example.org"),
        Buttons(buttons=(Button(label="B", action_id="b"),)),
    )
    kinds = [e["type"] for e in body(Reply(text="x", blocks=blocks))]
    assert kinds == [
        "TextBlock",
        "TextBlock",
        "FactSet",
        "TextBlock",
        "TextBlock",
        "ActionSet",
        "ActionSet",
    ]


def test_an_activity_carries_the_card_and_a_summary() -> None:
    reply = Reply(text="Tactic 24: Present\nmore", blocks=(Header(text="Tactic 24"),))
    [activity] = render_activities(reply)
    assert activity["type"] == "message"
    assert activity["summary"] == "Tactic 24: Present"
    [attachment] = activity["attachments"]
    assert attachment["contentType"] == CARD_CONTENT_TYPE
    assert attachment["content"]["body"][0]["text"] == "Tactic 24"


INJECTIONS = [
    "<at>Everyone</at> look",
    "[Sign in here](https://evil.example/login)",
    "**urgent** and __bold__ and *it* and _it_",
    "<b>bold</b><script>alert(1)</script><img src=x onerror=alert(1)>",
    "`code` and ~~struck~~",
    "# Heading\n- list\n+ plus\n1. one\n2) two\n> quote\n---\n===",
    "back\\slash \\*still escaped\\*",
]


def _unescaped(text: str) -> list[str]:
    """Special characters not preceded by an odd number of backslashes."""
    return [
        match.group(2)
        for match in re.finditer(r"(\\*)([\\`*_\[\]<>~])", text)
        if len(match.group(1)) % 2 == 0 and match.group(2) != "\\"
    ]


def test_user_text_cannot_mention_link_format_or_inject_html() -> None:
    for attack in INJECTIONS:
        reply = Reply(
            text=attack,
            blocks=(
                Header(text=attack),
                Text(text=attack),
                Fields(pairs=((attack, attack),)),
                Bullets(items=(attack,)),
                Context(text=attack),
            ),
        )
        card = only_card(reply)
        shown = [*texts(card), card["fallbackText"]]
        facts = [f for e in card["body"] if e["type"] == "FactSet" for f in e["facts"]]
        shown += [value for fact in facts for value in fact.values()]
        for text in shown:
            assert not _unescaped(text), (attack, text)
            assert "<at>" not in text and "](" not in text.replace("\\](", "")


def test_line_starts_that_would_format_are_escaped() -> None:
    escaped = escape_markdown("# Heading\n- list\n+ plus\n1. one\n2) two\n  3. three")
    assert escaped == "\\# Heading\n\\- list\n\\+ plus\n1\\. one\n2\\) two\n  3\\. three"


def test_ordinary_text_reads_as_it_is() -> None:
    plain = "Tactic 24: Present to ONS Directors Group (July - September 2026). Owner: Pete."
    assert escape_markdown(plain) == plain


@given(st.text())
def test_escaping_shows_exactly_the_text(text: str) -> None:
    escaped = escape_markdown(text)
    assert unescape(escaped) == text.replace("\r\n", "\n").replace("\r", "\n")
    assert not _unescaped(escaped)
    for line in escaped.split("\n"):
        assert not re.match(r"\s*([#+=-]|\d{1,9}[.)])", line), line


def _size(card: dict[str, Any]) -> int:
    # The Bot Framework serialises with ASCII escapes, the largest form.
    return len(json.dumps(card).encode())


def test_a_long_digest_is_split_into_cards_that_each_fit() -> None:
    items = tuple(f"Tactic {n}: {'a rather long tactic name ' * 4}(due 1 Sep)" for n in range(400))
    reply = Reply(
        text="Weekly digest",
        blocks=(
            Header(text="Weekly digest"),
            Bullets(items=items),
            Divider(),
            Text(text="Contacts this week: 12"),
            Buttons(buttons=(Button(label="Open", action_id="digest_open"),)),
        ),
    )
    cards = render_cards(reply)
    assert len(cards) > 1
    assert all(_size(card) <= MAX_CARD_BYTES < TEAMS_LIMIT for card in cards)
    shown = [text for card in cards for text in texts(card)]
    assert shown[0] == "Weekly digest"
    assert [unescape(t) for t in shown[1:401]] == [f"\u2022 {item}" for item in items]
    assert cards[-1]["body"][-1]["type"] == "ActionSet"
    assert all("separator" not in card["body"][0] for card in cards)
    assert len(render_activities(reply)) == len(cards)


def test_a_huge_paragraph_or_non_latin_text_still_fits() -> None:
    for text in ("word " * 20_000, "\u8a9e" * 30_000, "*" * 30_000, "\U0001f600" * 20_000):
        cards = render_cards(Reply(text=text, blocks=(Text(text=text),)))
        assert all(_size(card) <= TEAMS_LIMIT for card in cards)
        joined = "".join(unescape(t) for card in cards for t in texts(card))
        assert joined.replace(" ", "") == text.replace(" ", "")


def test_an_empty_reply_is_still_a_card_with_a_body() -> None:
    card = only_card(Reply(text=""))
    assert card["body"] and card["body"][0]["type"] == "TextBlock"


def _chart() -> bytes:
    from datetime import date, timedelta

    from adapters.charts import weekly_contacts_png

    kinds = ("nhs", "local_government", "academia", "media", "public", "")
    first = date(2026, 6, 15)
    weeks = [
        (first + timedelta(weeks=n), {k: (n * 7 + i * 3) % 19 for i, k in enumerate(kinds)})
        for n in range(12)
    ]
    return weekly_contacts_png(weeks)


def test_a_chart_we_drew_rides_in_the_card_as_a_data_uri() -> None:
    png = _chart()
    reply = Reply(
        text="Weekly digest",
        blocks=(Header(text="Weekly digest"), Image(data=png, alt="Contacts per week")),
    )
    [card] = render_cards(reply)
    image = card["body"][1]
    assert image["type"] == "Image" and image["altText"] == "Contacts per week"
    assert image["url"] == "data:image/png;base64," + base64.b64encode(png).decode()
    assert _size(card) <= MAX_CARD_BYTES


def test_a_chart_too_big_for_a_card_is_its_alt_text() -> None:
    too_big = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 80  # 20 KB, 27 KB as base64
    not_png = b"<svg onload=alert(1)>"
    for data in (too_big, not_png):
        [element] = body(Reply(text="x", blocks=(Image(data=data, alt="A chart"),)))
        assert element["type"] == "TextBlock" and unescape(element["text"]) == "[A chart]"
