"""The writer's own words: the reply above the thread, whichever client and language wrote the
thread's header, without the sign-off, signature, server banner or small print."""

from __future__ import annotations

import time
from email.message import EmailMessage
from email.policy import SMTP

import pytest

from adapters.email.parse import parse_message
from commplan.inbox import own_words

QUESTION = "Is there a harmonised question on tenure for our survey?"
THREAD = "Use the ethnicity standard."

REPLY_HEADERS = [
    pytest.param(
        "On Mon, 12 Jan 2026 at 09:41, Harmonisation <harmonisation@ons.gov.uk> wrote:",
        id="gmail",
    ),
    pytest.param(
        "On Mon, 12 Jan 2026 at 09:41, Harmonisation Team <\nharmonisation@ons.gov.uk> wrote:",
        id="gmail-wrapped",
    ),
    pytest.param(
        "On 12 Jan 2026, at 09:41, Palvi Shah <palvi.shah@ons.gov.uk> wrote:", id="apple-mail"
    ),
    pytest.param(
        "From: Harmonisation <harmonisation@ons.gov.uk>\nSent: 12 January 2026 09:41\n"
        "To: Sam Lee\nSubject: RE: Tenure",
        id="outlook",
    ),
    pytest.param(
        "________________________________\n*From:* Harmonisation <harmonisation@ons.gov.uk>\n"
        "*Sent:* 12 January 2026 09:41\n*To:* Sam Lee\n*Subject:* RE: Tenure",
        id="outlook-bold",
    ),
    pytest.param("-----Original Message-----\nFrom: Harmonisation", id="original-message"),
    pytest.param(
        "Von: Harmonisation <harmonisation@ons.gov.uk>\nGesendet: Montag, 12. Januar 2026\n"
        "An: Sam Lee\nBetreff: AW: Tenure",
        id="outlook-german",
    ),
    pytest.param(
        "De : Harmonisation <harmonisation@ons.gov.uk>\nEnvoyé : lundi 12 janvier 2026\n"
        "À : Sam Lee\nObjet : RE: Tenure",
        id="outlook-french",
    ),
    pytest.param(
        "Am Mo., 12. Jan. 2026 um 09:41 Uhr schrieb Harmonisation <harmonisation@ons.gov.uk>:",
        id="gmail-german",
    ),
    pytest.param(
        "Le lun. 12 janv. 2026 à 09:41, Harmonisation <harmonisation@ons.gov.uk> a écrit :",
        id="gmail-french",
    ),
    pytest.param(
        "El lun, 12 ene 2026 a las 9:41, Harmonisation (<harmonisation@ons.gov.uk>) escribió:",
        id="gmail-spanish",
    ),
    pytest.param(
        "Op ma 12 jan. 2026 om 09:41 schreef Harmonisation <harmonisation@ons.gov.uk>:",
        id="gmail-dutch",
    ),
    pytest.param(
        "Ar Llun, 12 Ion 2026 am 09:41, Harmonisation <harmonisation@ons.gov.uk> ysgrifennodd:",
        id="gmail-welsh",
    ),
    pytest.param(
        "---------- Forwarded message ---------\nFrom: A Resident <r@example.com>",
        id="gmail-forward",
    ),
    pytest.param(
        "Begin forwarded message:\n\nFrom: A Resident <r@example.com>", id="apple-forward"
    ),
    pytest.param(
        "-------- Weitergeleitete Nachricht --------\nVon: A Resident <r@example.com>",
        id="forward-german",
    ),
]


@pytest.mark.parametrize("header", REPLY_HEADERS)
def test_the_thread_below_a_reply_header_is_not_the_writers(header: str) -> None:
    body = f"Hi,\n\n{QUESTION}\n\n{header}\n\n{THREAD}\n"
    assert own_words(body) == f"Hi,\n\n{QUESTION}"


@pytest.mark.parametrize("header", REPLY_HEADERS)
def test_a_message_that_only_quotes_says_nothing_of_its_own(header: str) -> None:
    assert own_words(f"{header}\n\n{THREAD}\n") == ""


SIGN_OFFS = [
    "Kind regards,\nJane",
    "Best,\nAbena\nRunnymede Trust",
    "Best wishes\nMartin",
    "Diolch yn fawr,\nCarys\nLlywodraeth Cymru / Welsh Government",
    "Cofion cynnes,\nDafydd",
    "Mit freundlichen Grüßen\nHans Müller\nStatistisches Bundesamt",
    "Cordialement,\nMarie",
    "Met vriendelijke groet,\nJan",
    "-- \nSam Lee, Analyst",
    "Sent from my iPhone",
    "Get Outlook for iOS",
]


@pytest.mark.parametrize("sign_off", SIGN_OFFS)
def test_the_sign_off_and_signature_are_cut(sign_off: str) -> None:
    assert own_words(f"{QUESTION}\n\n{sign_off}\nEthnicity and religion team") == QUESTION


def test_a_server_banner_above_the_message_is_passed_over() -> None:
    body = (
        "CAUTION: This email originated from outside of the organisation. Do not click links\n"
        "or open attachments unless you recognise the sender.\n\n"
        f"Dear team,\n\n{QUESTION}\n\nThanks,\nSam"
    )
    assert own_words(body) == f"Dear team,\n\n{QUESTION}"


def test_an_opening_that_only_looks_like_a_banner_is_the_writers() -> None:
    body = f"Important: we go to print on Friday.\n\n{QUESTION}"
    assert own_words(body) == body


def test_a_list_and_a_thanks_that_opens_a_sentence_are_kept() -> None:
    body = (
        f"Hi Palvi,\n\nThanks, that helps. We also ask about:\n- tenure\n- ethnicity\n\n{QUESTION}"
        "\n\nRegards,\nSam"
    )
    assert own_words(body) == body.rsplit("\n\nRegards", 1)[0]


def test_a_disclaimer_ends_the_writers_words() -> None:
    body = (
        f"{QUESTION}\n\nThis e-mail is confidential and may be privileged. If you are not the "
        "intended recipient please tell us. Ethnicity, religion and sexual orientation."
    )
    assert own_words(body) == QUESTION


def test_hostile_long_lines_cost_little() -> None:
    body = "\n".join(["On " + "a" * 5_000, "Am " + "b " * 2_500, QUESTION] * 4)
    started = time.perf_counter()
    own_words(body)
    assert time.perf_counter() - started < 1.0


def auto_reply(subject: str) -> bytes:
    mail = EmailMessage()
    mail["From"] = "Dafydd Jones <dafydd.jones@gov.wales>"
    mail["To"] = "harmonisation@ons.gov.uk"
    mail["Subject"] = subject
    mail["Message-ID"] = "<ooo@gov.wales>"
    mail.set_content("Rwyf allan o'r swyddfa tan 8 Ebrill. I am out of the office until 8 April.")
    return mail.as_bytes(policy=SMTP)


@pytest.mark.parametrize(
    "subject",
    [
        "Ymateb awtomatig / Automatic reply: Welsh language standard",
        "Allan o'r swyddfa: Welsh language standard",
        "Automatische Antwort: Ethnie",
        "Réponse automatique : question",
        "Out of Office: Tenure",
    ],
)
def test_auto_replies_in_welsh_and_other_languages_are_skipped(subject: str) -> None:
    assert parse_message(auto_reply(subject)).skip_reason == "auto-reply (subject)"


def test_a_subject_that_mentions_an_auto_reply_is_a_query() -> None:
    assert parse_message(auto_reply("Question about auto-reply wording")).skip_reason == ""
