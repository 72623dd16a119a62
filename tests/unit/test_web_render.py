"""The web chat's HTML: every block kind, and nothing from a reply ever becomes markup."""

from __future__ import annotations

import re

import pytest

from adapters.web.render import is_web_address, render_html
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

NASTY = "<script>alert(\"x\")</script> & 'quoted' <!channel>"
ESCAPED = (
    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quoted&#x27; &lt;!channel&gt;"
)


def html_of(*blocks: Block) -> str:
    return render_html(Reply(text="plain", blocks=blocks))


def test_a_reply_without_blocks_is_its_text_in_paragraphs() -> None:
    assert render_html(Reply(text="One\nline two\n\nSecond")) == (
        "<p>One<br>line two</p><p>Second</p>"
    )


def test_header_is_a_heading() -> None:
    assert html_of(Header(text="Tactic 24")) == '<h3 class="hb-header">Tactic 24</h3>'


def test_text_is_a_paragraph_keeping_line_breaks() -> None:
    assert html_of(Text(text="a\nb")) == '<p class="hb-text">a<br>b</p>'


def test_fields_are_a_description_list() -> None:
    html = html_of(Fields(pairs=(("Status", "complete"), ("Phase", "Q3"))))
    assert html == (
        '<dl class="hb-fields"><div><dt>Status</dt><dd>complete</dd></div>'
        "<div><dt>Phase</dt><dd>Q3</dd></div></dl>"
    )


def test_bullets_are_a_list() -> None:
    assert html_of(Bullets(items=("one", "two"))) == (
        '<ul class="hb-bullets"><li>one</li><li>two</li></ul>'
    )


def test_divider_and_context() -> None:
    assert html_of(Divider(), Context(text="Confidence 98%")) == (
        '<hr class="hb-divider"><p class="hb-context"><small>Confidence 98%</small></p>'
    )


def test_an_https_link_opens_safely_and_says_so() -> None:
    html = html_of(Link(label="Read the standard", url="https://example.org/a?b=1&c=2"))
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html
    assert 'rel="noopener noreferrer"' in html
    assert "Read the standard" in html and "opens in a new tab" in html


def test_an_image_has_its_alternative_text() -> None:
    html = html_of(Image(url="https://example.org/chart.png", alt="Contacts by month"))
    assert html == (
        '<figure class="hb-image"><img src="https://example.org/chart.png" '
        'alt="Contacts by month" loading="lazy"></figure>'
    )
    assert 'src="/dashboard/chart.png"' in html_of(Image(url="/dashboard/chart.png", alt="c"))


def test_buttons_carry_their_action_and_value() -> None:
    html = html_of(
        Buttons(
            buttons=(
                Button(label="Done", action_id="tactic_done", value="24", style="primary"),
                Button(label="Open", action_id="tactic_open", value="24"),
            )
        )
    )
    assert html == (
        '<div class="hb-buttons" role="group" aria-label="Actions">'
        '<button type="button" class="hb-button hb-primary" data-action-id="tactic_done" '
        'data-value="24">Done</button>'
        '<button type="button" class="hb-button" data-action-id="tactic_open" '
        'data-value="24">Open</button></div>'
    )


def test_an_unknown_button_style_adds_no_class() -> None:
    html = html_of(Buttons(buttons=(Button(label="x", action_id="a", style='"><em'),)))
    assert 'class="hb-button"' in html and "<em" not in html


@pytest.mark.parametrize(
    "block",
    [
        Header(text=NASTY),
        Text(text=NASTY),
        Context(text=NASTY),
        Bullets(items=(NASTY,)),
        Fields(pairs=((NASTY, NASTY),)),
        Link(label=NASTY, url="https://example.org/"),
        Image(url="https://example.org/i.png", alt=NASTY),
        Buttons(buttons=(Button(label=NASTY, action_id=NASTY, value=NASTY),)),
    ],
    ids=lambda block: type(block).__name__,
)
def test_every_piece_of_text_is_escaped(block: Block) -> None:
    html = html_of(block)
    assert "<script" not in html and "<!channel" not in html
    assert ESCAPED in html
    # Every attribute value is still one quoted string: no quote broke out of it.
    assert all(value.count('"') == 0 for value in re.findall(r'="([^"]*)"', html))


def test_plain_text_of_a_reply_without_blocks_is_escaped() -> None:
    assert render_html(Reply(text=NASTY)) == f"<p>{ESCAPED}</p>"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "https://",
        "mailto:someone@example.org",
        "",
    ],
)
def test_only_http_addresses_are_linked(url: str) -> None:
    html = html_of(Link(label="Click me", url=url))
    assert "<a " not in html and "href" not in html
    assert "Click me" in html
    assert "<script" not in html
    assert not is_web_address(url)


def test_a_javascript_image_is_shown_as_its_text() -> None:
    html = html_of(Image(url="javascript:alert(1)", alt="a chart"))
    assert "<img" not in html and "[a chart]" in html


@pytest.mark.parametrize("url", ["http://example.org", "HTTPS://example.org/x#y"])
def test_http_and_https_are_web_addresses(url: str) -> None:
    assert is_web_address(url)


def test_a_chart_we_drew_is_an_inline_png() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(8)
    html = html_of(Image(data=png, alt="Contacts <per> week"))
    assert html == (
        '<figure class="hb-image"><img src="data:image/png;base64,iVBORw0KGgoAAAAAAAAAAA==" '
        'alt="Contacts &lt;per&gt; week" loading="lazy"></figure>'
    )
    # Bytes that are not a PNG are never inlined.
    assert html_of(Image(data=b"<svg onload=alert(1)>", alt="c")) == (
        '<p class="hb-image-alt">[c]</p>'
    )
