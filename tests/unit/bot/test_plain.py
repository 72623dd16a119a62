"""A reply's plain text comes from its blocks unless written by hand."""

from __future__ import annotations

from adapters.console.render import render
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

CARD = (
    Header(text="Tactic 12: Newsletter"),
    Fields(pairs=(("When", "March"), ("Accountable", "Becki Aquilina"))),
    Text(text="Tell the GSS what changed."),
    Bullets(items=("first", "second")),
    Context(text="Confidence 80%"),
    Link(label="Read the standard", url="https://example.org/s"),
    Image(alt="Contacts per week", url="https://example.org/c.png"),
    Divider(),
    Buttons(buttons=(Button(label="Done", action_id="tactic_done", value="12"),)),
)


def test_the_text_is_derived_from_the_blocks_one_fact_a_line() -> None:
    assert Reply(blocks=CARD).text == "\n".join(
        [
            "Tactic 12: Newsletter",
            "When: March",
            "Accountable: Becki Aquilina",
            "Tell the GSS what changed.",
            "- first",
            "- second",
            "Confidence 80%",
            "Read the standard: https://example.org/s",
            "Contacts per week",
            "",
        ]
    )


def test_written_text_wins_and_extending_derives_it_again() -> None:
    preview = Reply(text="Tactic 12 is due", blocks=CARD[:1])
    assert preview.text == "Tactic 12 is due"
    assert preview.extended(Text(text="More.")).text == "Tactic 12: Newsletter\nMore."
    assert Reply(text="Plain.").extended(Context(text="Aside.")).text == "Plain.\nAside."
    assert Reply().text == ""


def test_the_console_draws_the_same_walk_its_own_way() -> None:
    shown, buttons = render(Reply(blocks=CARD))
    assert shown.splitlines()[:4] == [
        "Tactic 12: Newsletter",
        "=" * len("Tactic 12: Newsletter"),
        "When         March",
        "Accountable  Becki Aquilina",
    ]
    assert "  • first" in shown and "  (Confidence 80%)" in shown and "[Contacts per week]" in shown
    assert shown.endswith("-" * 40 + "\n   [1] Done")
    assert [b.label for b in buttons] == ["Done"]
