"""Sender classification: the directory, the rules, and the shipped organisation directory."""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commplan.organisations import (
    Organisation,
    OrgType,
    UserGroup,
    parse_org_type,
    parse_user_group,
)
from commplan.senders import SenderDirectory, classify_sender, domain_of

ONS = Organisation(
    name="Office for National Statistics",
    org_type=OrgType.CENTRAL_GOVERNMENT,
    user_group=UserGroup.OTHER_GOVERNMENT,
    domains=("ons.gov.uk",),
)
CABINET_OFFICE = Organisation(
    name="Cabinet Office",
    org_type=OrgType.CENTRAL_GOVERNMENT,
    user_group=UserGroup.MAJOR_POLICY,
    domains=("cabinetoffice.gov.uk", "cabinet-office.gov.uk"),
)
MANCHESTER = Organisation(
    name="University of Manchester",
    org_type=OrgType.EDUCATION,
    user_group=UserGroup.ACADEMIC,
    domains=("manchester.ac.uk",),
)
NHS_ENGLAND = Organisation(
    name="NHS England",
    org_type=OrgType.NHS,
    user_group=UserGroup.OTHER_GOVERNMENT,
    domains=("england.nhs.uk",),
)
NHS = Organisation(
    name="NHS",
    org_type=OrgType.NHS,
    user_group=UserGroup.OTHER_GOVERNMENT,
    domains=("nhs.uk",),
)
DIRECTORY = SenderDirectory([ONS, CABINET_OFFICE, MANCHESTER, NHS_ENGLAND, NHS])

Expected = tuple[str, OrgType | None, UserGroup | None]
ONS_CLASS: Expected = (ONS.name, OrgType.CENTRAL_GOVERNMENT, UserGroup.OTHER_GOVERNMENT)
CO_CLASS: Expected = ("Cabinet Office", OrgType.CENTRAL_GOVERNMENT, UserGroup.MAJOR_POLICY)
CITIZEN: Expected = ("", OrgType.OTHER, UserGroup.CITIZEN)


def uni(name: str) -> Expected:
    return (name, OrgType.EDUCATION, UserGroup.ACADEMIC)


def nhs(name: str) -> Expected:
    return (name, OrgType.NHS, UserGroup.OTHER_GOVERNMENT)


def police(name: str) -> Expected:
    return (name, OrgType.GOVERNMENT_AGENCY, UserGroup.SUB_NATIONAL)


def council(name: str) -> Expected:
    return (name, OrgType.LOCAL_GOVERNMENT, UserGroup.SUB_NATIONAL)


def unknown(name: str) -> Expected:
    return (name, None, None)


def company(name: str) -> Expected:
    return (name, OrgType.PRIVATE, UserGroup.PRIVATE_SECTOR)


def charity(name: str) -> Expected:
    return (name, OrgType.CHARITY, UserGroup.VOLUNTARY)


@pytest.mark.parametrize(
    ("address", "expected", "domain", "rule"),
    [
        # directory: exact, parent domain, display name and case
        ("jane@ons.gov.uk", ONS_CLASS, "ons.gov.uk", "directory"),
        ("a@stats.ons.gov.uk", ONS_CLASS, "stats.ons.gov.uk", "directory"),
        ("Jane Doe <Jane@ONS.GOV.UK>", ONS_CLASS, "ons.gov.uk", "directory"),
        ("a@manchester.ac.uk", uni(MANCHESTER.name), "manchester.ac.uk", "directory"),
        # the longest listed suffix wins over a shorter listed parent
        ("a@england.nhs.uk", nhs("NHS England"), "england.nhs.uk", "directory"),
        ("a@leedsth.nhs.uk", nhs("NHS"), "leedsth.nhs.uk", "directory"),
        # the old government network belongs to the body's .gov.uk domain
        ("a@ons.gsi.gov.uk", ONS_CLASS, "ons.gsi.gov.uk", "gsi"),
        ("a@ons.gsx.gov.uk", ONS_CLASS, "ons.gsx.gov.uk", "gsi"),
        ("a@cabinet-office.x.gsi.gov.uk", CO_CLASS, "cabinet-office.x.gsi.gov.uk", "gsi"),
        ("a@leeds.gcsx.gov.uk", council("leeds.gov.uk"), "leeds.gcsx.gov.uk", "local-government"),
        # universities and colleges, here and abroad
        ("a@maths.leeds.ac.uk", uni("leeds.ac.uk"), "maths.leeds.ac.uk", "academic"),
        ("a@open.ac.uk", uni("open.ac.uk"), "open.ac.uk", "academic"),
        ("a@cs.stanford.edu", uni("stanford.edu"), "cs.stanford.edu", "academic"),
        ("a@unimelb.edu.au", uni("unimelb.edu.au"), "unimelb.edu.au", "academic"),
        # the NHS without a directory entry
        ("a@nhs.net", nhs("NHS"), "nhs.net", "nhs"),
        ("a@hscni.net", nhs("NHS"), "hscni.net", "nhs"),
        ("a@ggc.nhs.scot", nhs("ggc.nhs.scot"), "ggc.nhs.scot", "nhs"),
        # police forces, on and off the police national network
        ("a@met.police.uk", police("met.police.uk"), "met.police.uk", "police"),
        ("a@met.pnn.police.uk", police("met.police.uk"), "met.pnn.police.uk", "police"),
        # any other .gov.uk is a local authority until the team says otherwise
        ("a@leeds.gov.uk", council("leeds.gov.uk"), "leeds.gov.uk", "local-government"),
        ("a@x.leeds.gov.uk", council("leeds.gov.uk"), "x.leeds.gov.uk", "local-government"),
        # free mail: a private individual
        ("Jo <jo.bloggs@GMAIL.com>", CITIZEN, "gmail.com", "free-mail"),
        ("a@hotmail.co.uk", CITIZEN, "hotmail.co.uk", "free-mail"),
        ("a@proton.me", CITIZEN, "proton.me", "free-mail"),
        # unknown: the domain stands in for the organisation
        ("a@mail.acme.io", unknown("mail.acme.io"), "mail.acme.io", "unknown"),
        # ... and its registry says what it presumably is
        ("a@mail.acme.co.uk", company("mail.acme.co.uk"), "mail.acme.co.uk", "company-domain"),
        ("a@acme.com", company("acme.com"), "acme.com", "company-domain"),
        (
            "a@tenantsvoice.org.uk",
            charity("tenantsvoice.org.uk"),
            "tenantsvoice.org.uk",
            "charity-domain",
        ),
        ("a@gov.uk", unknown("gov.uk"), "gov.uk", "unknown"),
    ],
)
def test_rules(address: str, expected: Expected, domain: str, rule: str) -> None:
    found = DIRECTORY.classify(address)

    assert (found.organisation, found.org_type, found.user_group) == expected
    assert (found.domain, found.rule) == (domain, rule)


@pytest.mark.parametrize(
    "address",
    [
        "",
        "   ",
        "not an address",
        "jane@",
        "@ons.gov.uk",
        "jane@localhost",
        "jane@[127.0.0.1]",
        "jane@10.0.0.1",
        "jane@-bad-.com",
        "jane@ons..gov.uk",
        "jane@ons gov.uk",
        "<>",
        "\x00@\x00.uk",
    ],
)
def test_malformed_addresses_are_invalid_not_errors(address: str) -> None:
    found = DIRECTORY.classify(address)

    assert found.rule == "invalid"
    assert (found.organisation, found.org_type, found.user_group, found.domain) == (
        "",
        None,
        None,
        "",
    )


@pytest.mark.parametrize(
    ("address", "domain"),
    [
        ("jane@ons.gov.uk", "ons.gov.uk"),
        ("Jane <JANE@ONS.GOV.UK>", "ons.gov.uk"),
        ("jane@ons.gov.uk.", "ons.gov.uk"),
        ("jane.doe@ons.gov.uk (Jane Doe)", "ons.gov.uk"),
        ("jane@bücher.example", "xn--bcher-kva.example"),
        ("jane", ""),
        ("", ""),
    ],
)
def test_domain_of(address: str, domain: str) -> None:
    assert domain_of(address) == domain


def test_classify_sender_is_the_directory_in_one_call() -> None:
    found = classify_sender("a@ons.gsi.gov.uk", [ONS])

    assert (found.organisation, found.rule) == (ONS.name, "gsi")


def test_directory_domains_are_normalised() -> None:
    messy = Organisation(name="Messy", domains=(" @Example.ORG. ", "", "*.sub.example.net"))
    directory = SenderDirectory([messy])

    assert len(directory) == 2
    assert directory.classify("a@example.org").organisation == "Messy"
    assert directory.classify("a@deep.sub.example.net").organisation == "Messy"


def test_first_organisation_keeps_a_contested_domain() -> None:
    first = Organisation(name="First", domains=("shared.org",))
    second = Organisation(name="Second", domains=("shared.org", "second.org"))
    directory = SenderDirectory([first, second])

    assert directory.classify("a@shared.org").organisation == "First"
    assert directory.classify("a@second.org").organisation == "Second"


def test_directory_overrides_the_rules() -> None:
    niesr = Organisation(
        name="NIESR",
        org_type=OrgType.CHARITY,
        user_group=UserGroup.ACADEMIC,
        domains=("niesr.ac.uk",),
    )

    found = SenderDirectory([niesr]).classify("a@niesr.ac.uk")

    assert (found.organisation, found.org_type, found.rule) == (
        "NIESR",
        OrgType.CHARITY,
        "directory",
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_classify_never_raises(address: str) -> None:
    found = DIRECTORY.classify(address)

    assert found.rule in {
        "directory",
        "gsi",
        "academic",
        "nhs",
        "police",
        "local-government",
        "free-mail",
        "unknown",
        "invalid",
    }


# --- the shipped organisation directory ----------------------------------------------------


def _shipped_rows() -> list[dict[str, str]]:
    text = resources.files("commplan.sample").joinpath("organisations.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _shipped_directory() -> SenderDirectory:
    return SenderDirectory(
        Organisation(
            name=row["name"],
            org_type=parse_org_type(row["org_type"]),
            user_group=parse_user_group(row["user_group"]),
            domains=tuple(d.strip() for d in row["domains"].split(";") if d.strip()),
        )
        for row in _shipped_rows()
    )


def test_shipped_directory_parses() -> None:
    rows = _shipped_rows()
    text = resources.files("commplan.sample").joinpath("organisations.csv").read_text("utf-8")

    assert text.splitlines()[0] == "name,org_type,user_group,domains"
    assert 120 <= len(rows) <= 250
    for row in rows:
        assert row["name"].strip() == row["name"] != ""
        # the exact enum strings, not merely something the forgiving parser accepts
        assert parse_org_type(row["org_type"]) == row["org_type"]
        assert parse_user_group(row["user_group"]) == row["user_group"]
    names = [row["name"] for row in rows]
    assert len(names) == len(set(names))


def test_shipped_domains_are_unique_lower_case_and_valid() -> None:
    domains = [
        domain.strip()
        for row in _shipped_rows()
        for domain in row["domains"].split(";")
        if domain.strip()
    ]

    assert len(domains) == len(set(domains))
    for domain in domains:
        assert domain_of(f"someone@{domain}") == domain


@pytest.mark.parametrize(
    ("address", "organisation", "user_group", "rule"),
    [
        ("a@ons.gov.uk", "Office for National Statistics", UserGroup.OTHER_GOVERNMENT, "directory"),
        ("a@ons.gsi.gov.uk", "Office for National Statistics", UserGroup.OTHER_GOVERNMENT, "gsi"),
        ("a@hm-treasury.gov.uk", "HM Treasury (HMT)", UserGroup.MAJOR_POLICY, "directory"),
        ("a@hmtreasury.gsi.gov.uk", "HM Treasury (HMT)", UserGroup.MAJOR_POLICY, "gsi"),
        ("a@gov.scot", "The Scottish Government", UserGroup.MAJOR_POLICY, "directory"),
        ("a@scotland.gsi.gov.uk", "The Scottish Government", UserGroup.MAJOR_POLICY, "directory"),
        (
            "a@nisra.gov.uk",
            "Northern Ireland Statistics and Research Agency (NISRA)",
            UserGroup.MAJOR_POLICY,
            "directory",
        ),
        (
            "a@statistics.gsi.gov.uk",
            "UK Statistics Authority (including the Office for Statistics Regulation)",
            UserGroup.OTHER_GOVERNMENT,
            "directory",
        ),
        ("a@nhs.net", "NHS", UserGroup.OTHER_GOVERNMENT, "directory"),
        ("a@bbc.co.uk", "BBC", UserGroup.MEDIA, "directory"),
        ("a@sky.uk", "Sky News", UserGroup.MEDIA, "directory"),
        ("a@sky.com", "", UserGroup.CITIZEN, "free-mail"),
        ("a@ec.europa.eu", "Eurostat (European Commission)", UserGroup.MAJOR_POLICY, "directory"),
        (
            "a@esrc.ukri.org",
            "Economic and Social Research Council (ESRC)",
            UserGroup.ACADEMIC,
            "directory",
        ),
        (
            "a@london.gov.uk",
            "Greater London Authority (GLA Intelligence Unit)",
            UserGroup.SUB_NATIONAL,
            "directory",
        ),
        (
            "a@ncvo.org.uk",
            "National Council for Voluntary Organisations (NCVO)",
            UserGroup.VOLUNTARY,
            "directory",
        ),
        ("a@experian.com", "Experian UK", UserGroup.PRIVATE_SECTOR, "directory"),
        (
            "a@hesa.ac.uk",
            "Higher Education Statistics Agency (HESA)",
            UserGroup.ACADEMIC,
            "directory",
        ),
        ("a@leeds.ac.uk", "leeds.ac.uk", UserGroup.ACADEMIC, "academic"),
        ("a@birmingham.gov.uk", "birmingham.gov.uk", UserGroup.SUB_NATIONAL, "local-government"),
    ],
)
def test_shipped_directory_classifies(
    address: str, organisation: str, user_group: UserGroup, rule: str
) -> None:
    found = _shipped_directory().classify(address)

    assert (found.organisation, found.user_group, found.rule) == (organisation, user_group, rule)
