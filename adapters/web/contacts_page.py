"""The dashboard's contact log: list, edit, delete (confirmed) and undo, with each contact's
history of who changed what and when.

The same services as the chat commands ("edit contact 42 topic ethnicity", "delete contact
42", "history of contact 42"), behind the dashboard's session. Every change is a POST from
this site's own page (checked by its Origin, on top of the session cookie's SameSite=Strict)
and answers with a redirect, so a reload never repeats it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from html import escape
from urllib.parse import urlencode, urlsplit

from aiohttp import web

from adapters.web.bridge import off_loop
from adapters.web.config import CONFIG, HEADERS
from adapters.web.page import refuse
from adapters.web.sessions import signed_in
from bot.commands.contact_words import find_day
from bot.views.contacts import FIELD_LABELS
from commplan.contacts import ChangeKind, Contact, ContactChange
from commplan.errors import InvalidInput, NotFound
from commplan.people import Person
from commplan.ranking import StandardsIndex
from commplan.services.contact_edits import (
    contact_history,
    delete_contact,
    edit_contact,
    restore_contact,
)
from commplan.services.contacts import contacts_between
from commplan.services.signin import team_member


@dataclass(frozen=True, kw_only=True)
class ContactPages:
    """What the contact pages need beyond the dashboard's configuration."""

    standards: Callable[[], StandardsIndex]


PAGES = web.AppKey("contact_pages", ContactPages)
#: The period the list shows when none is asked for.
DEFAULT_DAYS = 31
_EDITABLE = tuple(FIELD_LABELS)


def mount_contacts(app: web.Application, *, standards: Callable[[], StandardsIndex]) -> None:
    """Add the contact log's pages to the dashboard (after ``mount_dashboard``)."""
    app[PAGES] = ContactPages(standards=standards)
    app.router.add_get("/dashboard/contacts", contact_list)
    app.router.add_get("/dashboard/contacts/{number:\\d+}", contact_page)
    app.router.add_post("/dashboard/contacts/{number:\\d+}/edit", edit)
    app.router.add_post("/dashboard/contacts/{number:\\d+}/delete", delete)
    app.router.add_post("/dashboard/contacts/{number:\\d+}/restore", restore)


async def _member(request: web.Request) -> Person | None:
    name = await signed_in(request)
    if name is None:
        return None
    return await off_loop(team_member, request.app[CONFIG].uow(), name)


def _not_signed_in() -> web.Response:
    return refuse(403, "Sign in with the personal link the bot gives you ('dashboard').")


async def contact_list(request: web.Request) -> web.Response:
    """``GET /dashboard/contacts?from=D&to=D``: the contacts of a period, with their numbers."""
    person = await _member(request)
    if person is None:
        return _not_signed_in()
    config = request.app[CONFIG]
    today = config.clock.now().astimezone(config.timezone).date()
    try:
        last = _day(request.query.get("to"), today)
        first = _day(request.query.get("from"), last - timedelta(days=DEFAULT_DAYS - 1))
    except ValueError:
        return refuse(400, "Dates are written YYYY-MM-DD.")
    found = await off_loop(contacts_between, config.uow(), first, last, person=person)
    rows = "".join(_row(c) for c in found) or "<tr><td colspan='7'>No contacts.</td></tr>"
    body = (
        f"<h1>Contacts from {first:%-d %B %Y} to {last:%-d %B %Y}</h1>"
        f"<form method='get' action='/dashboard/contacts'><label>From <input type='date' "
        f"name='from' value='{first.isoformat()}'></label> <label>To <input type='date' "
        f"name='to' value='{last.isoformat()}'></label> <button>Show</button></form>"
        "<table id='contacts'><thead><tr><th scope='col'>number</th><th scope='col'>date</th>"
        "<th scope='col'>who</th><th scope='col'>organisation</th><th scope='col'>channel</th>"
        "<th scope='col'>direction</th><th scope='col'>topic</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    return _page(f"{len(found)} contacts", body, person)


def _row(contact: Contact) -> str:
    cells = (
        contact.on.isoformat(),
        contact.name or contact.email or "someone",
        contact.organisation or "not known",
        contact.channel.value,
        contact.direction.value,
        contact.standard or "none",
    )
    return (
        f"<tr><th scope='row'><a href='/dashboard/contacts/{contact.id}'>{contact.id}</a></th>"
        + "".join(f"<td>{escape(cell)}</td>" for cell in cells)
        + "</tr>"
    )


async def contact_page(request: web.Request) -> web.Response:
    """``GET /dashboard/contacts/N``: one contact, its edit form, delete or undo, history."""
    person = await _member(request)
    if person is None:
        return _not_signed_in()
    number = int(request.match_info["number"])
    try:
        found = await off_loop(contact_history, request.app[CONFIG].uow(), number, person=person)
    except NotFound:
        return refuse(404, f"There is no contact {number}.")
    notice = request.query.get("error", "")
    parts = [f"<p role='alert' class='error'>{escape(notice)}</p>"] if notice else []
    if found.contact is not None:
        parts += [_fields(found.contact), _edit_form(number), _delete_form(number)]
    else:
        parts.append(
            f"<p>Contact {number} is deleted.</p><form method='post' "
            f"action='/dashboard/contacts/{number}/restore'><button>Undo the deletion"
            "</button></form>"
        )
    parts.append(_history(found.changes, request.app[CONFIG].timezone))
    return _page(f"Contact {number}", "".join(parts), person)


def _fields(contact: Contact) -> str:
    rows = "".join(
        f"<tr><th scope='row'>{escape(label)}</th><td>{escape(_text(contact, name))}</td></tr>"
        for name, label in FIELD_LABELS.items()
    )
    return f"<table id='contact'><tbody>{rows}</tbody></table>"


def _text(contact: Contact, name: str) -> str:
    value = getattr(contact, name)
    if value is None or value == "":
        return "none"
    return value.isoformat() if isinstance(value, date) else str(value)


def _edit_form(number: int) -> str:
    options = "".join(
        f"<option value='{name}'>{escape(label)}</option>" for name, label in FIELD_LABELS.items()
    )
    return (
        f"<form method='post' action='/dashboard/contacts/{number}/edit' id='edit'>"
        f"<label>Field <select name='field'>{options}</select></label> "
        "<label>New value <input name='value' required></label> <button>Change</button>"
        "<p class='hint'>A topic of 'none' clears it; a date may be '12 November'.</p></form>"
    )


def _delete_form(number: int) -> str:
    return (
        f"<form method='post' action='/dashboard/contacts/{number}/delete' id='delete'>"
        "<label><input type='checkbox' name='confirm' value='yes' required> Yes, delete "
        f"contact {number} from the baseline</label> <button>Delete</button></form>"
    )


def _history(changes: tuple[ContactChange, ...], zone: tzinfo) -> str:
    items = "".join(f"<li>{escape(_change(c, zone))}</li>" for c in changes)
    return f"<h2>History</h2><ul id='history'>{items or '<li>No changes.</li>'}</ul>"


def _change(change: ContactChange, zone: tzinfo) -> str:
    when = f"{change.at.astimezone(zone):%-d %b %Y %H:%M}"
    if change.kind is ChangeKind.DELETED:
        return f"{when} {change.by} deleted it"
    if change.kind is ChangeKind.RESTORED:
        return f"{when} {change.by} undid its deletion"
    label = FIELD_LABELS.get(change.field, change.field)
    return f"{when} {change.by} changed {label} from {change.before or 'none'} to " + (
        change.after or "none"
    )


async def edit(request: web.Request) -> web.StreamResponse:
    """``POST /dashboard/contacts/N/edit`` (field, value): change one field."""
    person, number, form = await _change_request(request)
    field, value = form.get("field", ""), form.get("value", "").strip()
    config = request.app[CONFIG]
    try:
        if field not in _EDITABLE:
            raise InvalidInput(f"A contact has no field \u201c{field}\u201d.")
        if field == "on":
            dated = find_day(value, now=config.clock.now().astimezone(config.timezone))
            if dated.on is None or dated.text:
                raise InvalidInput(f"\u201c{value}\u201d is not a day I can read.")
            value = dated.on.isoformat()
        await off_loop(
            edit_contact,
            config.uow(),
            number,
            field=field,
            value=value,
            person=person,
            at=config.clock.now(),
            standards=request.app[PAGES].standards(),
        )
    except InvalidInput as error:
        raise _back(number, str(error)) from None
    raise _back(number)


async def delete(request: web.Request) -> web.StreamResponse:
    """``POST /dashboard/contacts/N/delete`` (confirm=yes): delete, keeping it for undo."""
    person, number, form = await _change_request(request)
    if form.get("confirm") != "yes":
        raise _back(number, "Tick the box to confirm the deletion.")
    config = request.app[CONFIG]
    await off_loop(delete_contact, config.uow(), number, person=person, at=config.clock.now())
    raise _back(number)


async def restore(request: web.Request) -> web.StreamResponse:
    """``POST /dashboard/contacts/N/restore``: undo a deletion."""
    person, number, _ = await _change_request(request)
    config = request.app[CONFIG]
    try:
        await off_loop(restore_contact, config.uow(), number, person=person, at=config.clock.now())
    except InvalidInput as error:
        raise _back(number, str(error)) from None
    raise _back(number)


async def _change_request(request: web.Request) -> tuple[Person, int, Mapping[str, str]]:
    """The signed-in member, the contact's number and the form of a change, or a refusal."""
    origin = request.headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
        raise web.HTTPForbidden(text="changes are accepted only from the dashboard itself")
    person = await _member(request)
    if person is None:
        raise web.HTTPForbidden(text="sign in first")
    form = await request.post()
    number = int(request.match_info["number"])
    return person, number, {k: str(v) for k, v in form.items()}


def _back(number: int, error: str = "") -> web.HTTPSeeOther:
    location = f"/dashboard/contacts/{number}"
    if error:
        location += "?" + urlencode({"error": error[:300]})
    return web.HTTPSeeOther(location)


def _day(text: str | None, default: date) -> date:
    return date.fromisoformat(text) if text else default


def _page(title: str, body: str, person: Person) -> web.Response:
    html = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)} - harmonibot</title>"
        "<link rel='stylesheet' href='/dashboard/dashboard.css'></head><body><main>"
        f"<p><a href='/dashboard'>Dashboard</a> · <a href='/dashboard/contacts'>Contacts</a> "
        f"· Signed in as {escape(person.name)}</p>{body}</main></body></html>"
    )
    return web.Response(text=html, content_type="text/html", headers=HEADERS)
