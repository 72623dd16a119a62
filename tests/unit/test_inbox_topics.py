"""The topic of an inbox message: found from the subject and the writer's own first paragraph,
never from signatures, disclaimers or the quoted thread below."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

from adapters.email.parse import parse_message
from commplan.inbox import InboundEmail, own_words
from commplan.ranking import StandardsIndex
from commplan.services.intake import topic_of
from tests.eval.catalogue import load_sample_standards

ETHNICITY = "Ethnicity harmonised standard"
CARE = "Unpaid care harmonised standard"
SEXUAL_ORIENTATION = "Sexual orientation harmonised standard"
FORCES = "Harmonised standard for previous UK armed forces service"
INTERNET = "Internet access harmonised standard"
RELIGION = "Religion harmonised standard"
WELLBEING = "Personal wellbeing harmonised standard"
LLTI = "Long lasting health conditions and illness harmonised standard"
QUALIFICATIONS = "Qualifications harmonised standard"
TENURE = "Tenure harmonised standard"

COUNCIL_SIGNATURE = """
Kind regards,

Jane Smith
Senior Research Officer | Housing and Tenure Analysis Team
Leeds City Council, Merrion House, 110 Merrion Centre, Leeds LS2 8BB
Tel: 0113 222 4444 | www.leeds.gov.uk
Follow us on Twitter for updates on ethnicity, religion and wellbeing in Leeds.

This e-mail and any attachments are confidential and intended solely for the addressee. If
you have received it in error please tell the sender and delete it. Leeds City Council may
monitor e-mail for the purposes of security, staff wellbeing and the prevention of crime.
"""

MESSAGES = [
    pytest.param(
        "Residents survey 2026",
        "Dear Harmonisation Team,\n\nWhich ethnic group categories should we use in our "
        "residents survey this autumn?\n" + COUNCIL_SIGNATURE,
        ETHNICITY,
        id="long-signature-and-disclaimer",
    ),
    pytest.param(
        "Re: Ethnic group question",
        "Thanks, that helps. One more: is there a standard question on unpaid care for "
        "family members?\n\nSam\n\nOn Mon, 7 Sep 2026 at 10:15, Harmonisation Team "
        "<harmonisation@ons.gov.uk> wrote:\n> Use the ethnic group harmonised standard.\n"
        "> It covers England, Wales, Scotland and Northern Ireland.\n",
        CARE,
        id="top-posted-reply-quoting-another-topic",
    ),
    pytest.param(
        "Survey wording",
        "Hello,\n\nWe would like to ask about sexual orientation in our staff survey.\n\n"
        "________________________________\nFrom: Priya Patel <priya@example.ac.uk>\n"
        "Sent: 03 September 2026 09:12\nTo: Harmonisation\nSubject: Religion question\n\n"
        "Which religion categories are harmonised?\n",
        SEXUAL_ORIENTATION,
        id="outlook-quoted-header-block",
    ),
    pytest.param(
        "Query",
        "Hi there,\n\nHow should we ask respondents whether they served in the UK armed "
        "forces?\n\nThanks\nEwan",
        FORCES,
        id="vague-subject-question-in-body",
    ),
    pytest.param(
        "Our household survey, for review",
        "Good morning,\n\nPlease could you check our internet access questions against "
        "the harmonised standard?\n\nMany thanks,\nDana\n-- \nDana Fox, Analyst\nOffice "
        "for Students",
        INTERNET,
        id="signature-delimiter",
    ),
    pytest.param(
        "Fwd: question from a resident",
        "Could you help with the question below about long-term illness?\n\n"
        "---------- Forwarded message ---------\nFrom: A Resident <r@example.com>\n"
        "Subject: Census\n\nWhy do you ask about my religion and my home?\n",
        LLTI,
        id="forwarded-message-below",
    ),
    pytest.param(
        "Religion question",
        "Hello\n\nIs the religion question the same in Scotland?\n\nSent from my iPhone",
        RELIGION,
        id="phone-footer",
    ),
    pytest.param(
        "Quick question",
        "Is there a harmonised standard for personal wellbeing questions?\n\n"
        "CONFIDENTIALITY NOTICE: this message may contain information about tenure, "
        "qualifications and ethnicity that is privileged.",
        WELLBEING,
        id="confidentiality-notice",
    ),
    pytest.param(
        "Qualifications question",
        "Please see the attached.\n\nRegards,\nKim",
        QUALIFICATIONS,
        id="subject-only",
    ),
    pytest.param(
        "RE: RE: Tenure categories",
        "Does 'owned outright' remain a separate tenure category?\n\n> Earlier: which "
        "ethnicity question?\n",
        TENURE,
        id="reply-prefixes-stripped",
    ),
    pytest.param(
        "Re: Tenure",
        "Hallo,\n\nIs there a harmonised question on unpaid care?\n\nMit freundlichen Grüßen\n"
        "Hans Müller\nReferat Ethnie und Religion\n\nAm Mo., 12. Jan. 2026 um 09:41 Uhr schrieb "
        "Harmonisation <harmonisation@ons.gov.uk>:\nUse the tenure standard.\n",
        CARE,
        id="german-client-reply-and-sign-off",
    ),
    pytest.param(
        "RE: Tenure",
        "Could you point us to the qualifications question?\n\nDiolch yn fawr,\nCarys\n"
        "Ystadegydd / Statistician: ethnicity and religion\n\n*From:* Harmonisation "
        "<harmonisation@ons.gov.uk>\n*Sent:* 12 January 2026 09:41\n*To:* Carys\n"
        "*Subject:* RE: Tenure\n\nUse the tenure standard.\n",
        QUALIFICATIONS,
        id="welsh-sign-off-and-bold-outlook-thread",
    ),
    pytest.param(
        "Question",
        "CAUTION: This email originated from outside of the organisation. Do not click links "
        "or open attachments\nunless you recognise the sender.\n\nHi,\n\nWhich religion "
        "categories should a staff survey use?\n\nThanks,\nLee",
        RELIGION,
        id="server-banner-above",
    ),
    pytest.param(
        "Speaker request",
        "Dear team,\n\nWould someone present the harmonisation programme at our spring "
        "conference in Cardiff?\n" + COUNCIL_SIGNATURE,
        "",
        id="no-standard-despite-signature-topics",
    ),
    pytest.param(
        "Smoking prevalence definitions",
        "Hi,\n\nWhich smoking questions are harmonised?\n\nThanks,\nLee",
        "",
        id="no-standard-covers-it",
    ),
    pytest.param(
        "Thank you!",
        "Thanks so much for your help last week.\n\n> Use the ethnic group harmonised "
        "standard for England.\n",
        "",
        id="thanks-only-quoting-a-topic",
    ),
]


def raw_message(subject: str, body: str) -> bytes:
    mail = EmailMessage()
    mail["From"] = "Jane Smith <jane.smith@leeds.gov.uk>"
    mail["To"] = "harmonisation@ons.gov.uk"
    mail["Subject"] = subject
    mail["Date"] = "Mon, 07 Sep 2026 10:15:00 +0100"
    mail["Message-ID"] = "<q@leeds.gov.uk>"
    mail.set_content(body)
    return mail.as_bytes(policy=SMTP)


@pytest.fixture(scope="module")
def index() -> StandardsIndex:
    return StandardsIndex.build(load_sample_standards())


@pytest.mark.parametrize(("subject", "body", "expected"), MESSAGES)
def test_the_topic_is_the_writers_own_question(
    index: StandardsIndex, subject: str, body: str, expected: str
) -> None:
    assert topic_of(parse_message(raw_message(subject, body)), index) == expected


def test_own_words_stop_at_the_quoted_thread_and_the_signature() -> None:
    body = (
        "Dear team,\n\nIs tenure harmonised?\n\nKind regards,\nJane\n\nOn 1 Sep 2026, "
        "Sam wrote:\n> ethnicity\n"
    )
    assert own_words(body) == "Dear team,\n\nIs tenure harmonised?"


def test_a_message_of_greetings_and_quotes_has_no_topic(index: StandardsIndex) -> None:
    assert own_words("Hi,\n\n> quoted only\n> tenure\n") == "Hi,"
    email = InboundEmail(
        message_id="q@x.org", subject="Hello", text="Hi,\n\n> Is tenure harmonised?"
    )
    assert topic_of(email, index) == ""


FIXTURES = {
    "01-plain.eml": ETHNICITY,
    "03-alternative.eml": SEXUAL_ORIENTATION,
    "04-latin1.eml": "",  # smoking: no standard covers it
    "05-windows-1252.eml": "Income for analysis and income as a variable harmonised principle",
    "06-wrong-charset.eml": TENURE,
    "08-no-message-id.eml": "Geography harmonisation guidance",
    "09-no-date.eml": "",  # a speaker request
    "17-large-attachment.eml": QUALIFICATIONS,
    # "Household composition" names two entries and the body names neither: no guess.
    "19-unknown-charset.eml": "",
}


@pytest.mark.parametrize(("name", "expected"), FIXTURES.items())
def test_the_logged_fixtures_get_their_topic(
    index: StandardsIndex, name: str, expected: str
) -> None:
    raw = (Path(__file__).parents[1] / "fixtures" / "email" / name).read_bytes()
    assert topic_of(parse_message(raw), index) == expected
