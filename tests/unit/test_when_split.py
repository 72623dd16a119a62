"""Where a name or an action's text ends and a date or a clause begins."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from commplan.when import split_name, split_trailing_when

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))  # a Thursday
DEC_11 = date(2026, 12, 11)


@pytest.mark.parametrize(
    ("text", "head", "phrase", "start", "end"),
    [
        ("Pete Brodie by 18 December", "Pete Brodie", "by 18 December", date(2026, 12, 18), None),
        ("Jacqui Jones next Friday", "Jacqui Jones", "next Friday", date(2026, 12, 11), None),
        ("Pete Brodie 18 December", "Pete Brodie", "18 December", date(2026, 12, 18), None),
        ("Sam Jones, by Friday.", "Sam Jones", "by Friday", date(2026, 12, 4), None),
        ("Emma by May", "Emma", "by May", date(2027, 5, 1), date(2027, 5, 31)),
        ("Emma Wright w/c 7 Dec", "Emma Wright", "w/c 7 Dec", date(2026, 12, 7), DEC_11),
        (
            "send the March figures to Pete by the end of March",
            "send the March figures to Pete",
            "by the end of March",
            date(2027, 3, 31),
            None,
        ),
        (
            "Jacqui Jones and harmonisation team in two weeks",
            "Jacqui Jones and harmonisation team",
            "in two weeks",
            date(2026, 12, 17),
            None,
        ),
        ("Pete away until Q1", "Pete away", "until Q1", date(2027, 1, 1), date(2027, 3, 31)),
        ("tomorrow", "", "tomorrow", date(2026, 12, 4), None),
    ],
)
def test_a_trailing_date_is_split_off(
    text: str, head: str, phrase: str, start: date, end: date | None
) -> None:
    rest, when = split_trailing_when(text, now=NOW)
    assert when is not None
    assert (rest, when.text, when.start, when.end) == (head, phrase, start, end or start)


@pytest.mark.parametrize(
    "text",
    [
        "Emma May",
        "June Whitfield",
        "Wei Sun",
        "Pete Fri",
        "circulate the paper for Emma Wright",
        "check the Q1 returns with Sam",
        "Pete Brodie by soonish",
        "Team 2",
    ],
)
def test_text_without_a_trailing_date_is_left_whole(text: str) -> None:
    assert split_trailing_when(text, now=NOW) == (text, None)


@pytest.mark.parametrize(
    ("text", "name", "rest"),
    [
        ("Pete Brodie by 18 December", "Pete Brodie", "by 18 December"),
        ("Jacqui Jones next Friday", "Jacqui Jones", "next Friday"),
        ("Pete Brodie 18 December", "Pete Brodie", "18 December"),
        ("Sam Jones who will check the figures", "Sam Jones", "who will check the figures"),
        ("Sam Jones, please", "Sam Jones", "please"),
        ("Sam Jones; thanks", "Sam Jones", "thanks"),
        ("Sam Jones to review the paper", "Sam Jones", "to review the paper"),
        ("Sam Jones before the meeting", "Sam Jones", "before the meeting"),
        ("Sam Jones on Friday", "Sam Jones", "on Friday"),
        ("Mary-Jane O'Neil due end of March", "Mary-Jane O'Neil", "due end of March"),
        ("Sam Jones (ONS)", "Sam Jones", "(ONS)"),
        ("Sam Jones - urgent", "Sam Jones", "- urgent"),
        ("Sam Jones tomorrow", "Sam Jones", "tomorrow"),
        ("Sam Jones the 3rd", "Sam Jones", "the 3rd"),
        ("Sam Jones in two weeks", "Sam Jones", "in two weeks"),
        ("Sam Jones w/c 7 Dec", "Sam Jones", "w/c 7 Dec"),
        ("Sam Jones Q1", "Sam Jones", "Q1"),
        ("Emma May", "Emma May", ""),
        ("Wei Sun by Friday", "Wei Sun", "by Friday"),
        ("Jan Kowalski by Friday", "Jan Kowalski", "by Friday"),
        ("Will Smith will send it", "Will Smith", "will send it"),
        ("sam will check", "sam", "will check"),
        ("April Jones by March", "April Jones", "by March"),
        ("Jacqui Jones and harmonisation team", "Jacqui Jones and harmonisation team", ""),
        ("Ludwig van Beethoven", "Ludwig van Beethoven", ""),
        ("Pete the analyst", "Pete the analyst", ""),
        ("by Friday", "", "by Friday"),
        ("  Sam Jones  ", "Sam Jones", ""),
    ],
)
def test_a_name_ends_where_a_date_or_clause_starts(text: str, name: str, rest: str) -> None:
    assert split_name(text) == (name, rest)
