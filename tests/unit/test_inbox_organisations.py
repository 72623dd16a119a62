"""Organisations typed by the team, in the inbox's Correct dialogue and in "log contact", are read
as a person would: the directory's entry by any everyday name, a question when several fit, and
a new name classified by its pattern and reported as new, never silently left blank."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from commplan.contacts import Channel
from commplan.errors import InvalidInput
from commplan.inbox import InboundEmail
from commplan.organisations import OrgType, UserGroup
from commplan.people import Person, Role
from commplan.ranking import StandardsIndex
from commplan.records.standards import standards_from_table
from commplan.sample import load_sample, standards_table
from commplan.services.contacts import ReportedContact, log_chat_contact, log_reported_contact
from commplan.services.inbox import correct, correct_query
from commplan.services.intake import Arrival, Intake, ingest
from commplan.services.seeding import seed
from tests.conftest import LONDON
from tests.fakes import FakeDatabase

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)
TEAM = "harmonisation@ons.gov.uk"
INDEX = StandardsIndex.build(standards_from_table(standards_table()))
PALVI = Person(name="Palvi Shah", role=Role.TEAM)
KEY = "q1@parish.example.org"


@pytest.fixture
def database() -> FakeDatabase:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    email = InboundEmail(
        message_id=KEY,
        sender_name="Sam",
        sender_email="sam@parish.example.org",
        subject="Renting",
        text="Do people own or rent their home?",
        sent_at=NOW,
    )
    intake = Intake(standards=INDEX, team_addresses=frozenset({TEAM}), now=lambda: NOW)
    list(ingest(database, [Arrival(source="m", email=email)], intake))
    return database


def fix(database: FakeDatabase, value: str) -> tuple[str, OrgType | None, UserGroup | None, bool]:
    fixed = correct_query(database(), KEY, "organisation", value, person=PALVI, standards=INDEX)
    query = fixed.query
    return query.organisation, query.org_type, query.user_group, fixed.new_organisation


@pytest.mark.parametrize("typed", ["DfE", "Dept for Education", "Departmnet for Education"])
def test_a_correction_finds_the_directory_entry_however_it_is_typed(
    database: FakeDatabase, typed: str
) -> None:
    assert fix(database, typed) == (
        "Department for Education",
        OrgType.CENTRAL_GOVERNMENT,
        UserGroup.OTHER_GOVERNMENT,
        False,
    )
    contact = database.store.contacts[f"mail:{KEY}"]
    assert (contact.organisation, contact.org_type) == (
        "Department for Education",
        OrgType.CENTRAL_GOVERNMENT,
    )
    # one query corrected: the directory is taught a domain only when told to, separately
    with database() as repos:
        entry = repos.organisations.get("Department for Education")
        assert repos.organisations.by_domain("parish.example.org") is None
        # the placeholder the mail was filed under names nobody now: it is gone
        assert repos.organisations.get("parish.example.org") is None
    assert entry is not None and "parish.example.org" not in entry.domains


def test_a_new_organisation_takes_its_patterns_type_and_is_reported_new(
    database: FakeDatabase,
) -> None:
    assert fix(database, "Little Snoring Parish Council") == (
        "Little Snoring Parish Council",
        OrgType.LOCAL_GOVERNMENT,
        UserGroup.SUB_NATIONAL,
        True,
    )
    with database() as repos:
        entry = repos.organisations.get("Little Snoring Parish Council")
    assert entry is not None
    assert (entry.org_type, entry.domains) == (OrgType.LOCAL_GOVERNMENT, ())
    # a second correction to the same name finds it in the directory: no longer new
    assert fix(database, "little snoring parish council")[3] is False


def test_a_name_several_entries_fit_is_asked_about_and_nothing_changes(
    database: FakeDatabase,
) -> None:
    with pytest.raises(InvalidInput) as raised:
        fix(database, "Nuffield")
    assert str(raised.value) in (
        "Which do you mean: Nuffield Trust or Nuffield Foundation?",
        "Which do you mean: Nuffield Foundation or Nuffield Trust?",
    )
    with database() as repos:
        query = repos.queries.get(KEY)
    assert query is not None and query.organisation == "parish.example.org"


def test_correct_still_answers_with_the_query(database: FakeDatabase) -> None:
    query = correct(database(), KEY, "organisation", "DfE", person=PALVI, standards=INDEX)
    assert query.organisation == "Department for Education"


def report(organisation: str, ref: str = "chat:1") -> ReportedContact:
    return ReportedContact(
        on=date(2026, 3, 2),
        name="Jane Smith",
        organisation=organisation,
        summary="asked about ethnicity",
        channel=Channel.PHONE,
        topic="ethnicity",
        source_ref=ref,
    )


@pytest.mark.parametrize(
    ("typed", "name", "org_type", "new"),
    [
        ("Manchester Uni", "University of Manchester", OrgType.EDUCATION, False),
        ("DfE", "Department for Education", OrgType.CENTRAL_GOVERNMENT, False),
        ("Friends of Roundhay Park", "Friends of Roundhay Park", OrgType.CHARITY, True),
        ("Zebra Widgets", "Zebra Widgets", None, True),
    ],
)
def test_log_contact_resolves_the_typed_organisation(
    database: FakeDatabase, typed: str, name: str, org_type: OrgType | None, new: bool
) -> None:
    logged = log_reported_contact(database(), report(typed), person=PALVI, standards=INDEX)
    assert (logged.contact.organisation, logged.contact.org_type, logged.new_organisation) == (
        name,
        org_type,
        new,
    )
    assert logged.contact.standard == "Ethnicity harmonised standard"
    with database() as repos:
        entry = repos.organisations.get(name)
    assert entry is not None and entry.org_type == org_type


def test_log_contact_asks_which_of_several_and_logs_nothing(database: FakeDatabase) -> None:
    with pytest.raises(InvalidInput) as raised:
        log_chat_contact(database(), report("Department of Health"), person=PALVI, standards=INDEX)
    question = str(raised.value)
    assert question.startswith("Which do you mean: ") and question.endswith("?")
    assert "Department of Health and Social Care" in question
    assert "Department of Health (Northern Ireland)" in question
    assert "chat:1" not in database.store.contacts


def test_mail_from_an_organisation_met_for_the_first_time_is_flagged_new(
    database: FakeDatabase,
) -> None:
    intake = Intake(standards=INDEX, team_addresses=frozenset({TEAM}), now=lambda: NOW)

    def arrive(key: str, sender: str) -> tuple[str, str, bool]:
        email = InboundEmail(
            message_id=key,
            sender_name="Maggie",
            sender_email=sender,
            subject="Own/rent question",
            text="We want the official question on whether people own or rent their home.",
            sent_at=NOW,
        )
        [outcome] = ingest(database, [Arrival(source=key, email=email)], intake)
        return outcome.organisation, outcome.org_type, outcome.new_organisation

    first = arrive("a@tenantsvoice.org.uk", "info@tenantsvoice.org.uk")
    assert first == ("tenantsvoice.org.uk", "Charity", True)
    assert arrive("b@tenantsvoice.org.uk", "maggie@tenantsvoice.org.uk")[2] is False
    # a body the directory lists is not new
    assert arrive("c@ons.gov.uk", "jane@ons.gov.uk")[2] is False
