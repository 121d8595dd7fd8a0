"""Hypothesis-generated bad input: every entry point either works or raises
a documented TicketryError (bad input also a ValueError or TypeError); no
other exception, no Rust panic."""

import datetime as dt
import math
from typing import Any, Callable, Dict, List

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ticketry
from ticketry import Archive, Calendar, Policy, Ticket, command
from helpers import ANNA, at, new, paperwork_steps, ticket, worked_steps

SETTINGS = settings(max_examples=int(__import__("os").environ.get("TICKETRY_FUZZ_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

texts = st.text(alphabet=st.characters(codec=None), max_size=20) | st.sampled_from(
    ["", " ", "T-1", "\ud800", "closed", "close", "not_applied", "2025-03-03T09:00:00Z", "ru", "x" * 200]
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | texts
)
json_like = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)
times = st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)) | st.datetimes(
    timezones=st.timezones(), min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)
)
oddities = st.sampled_from([object(), b"bytes", math.nan, dt.date(2025, 1, 1), 10**30, (1, 2), {1, 2}, ticketry])
anything = json_like | times | oddities

COMMAND_KINDS = [k.value for k in ticketry.CommandKind]
VALID: List[Dict[str, Any]] = worked_steps() + paperwork_steps()


def documented(call: Callable[[], object]) -> None:
    """Runs ``call``; only the documented exceptions may come out."""
    try:
        call()
    except ticketry.InvalidTypeError as e:
        assert isinstance(e, TypeError) and isinstance(e, ValueError) and e.code == "invalid_input"
    except (ticketry.InvalidInputError, ticketry.LogError, ticketry.PolicyError, ticketry.CalendarError) as e:
        assert isinstance(e, ValueError), e
    except ticketry.TicketryError as e:
        assert e.code in {
            "refused",
            "version_conflict",
            "already_opened",
            "duplicate_ticket",
            "unknown_ticket",
            "template_value_missing",
        }, e
        assert e.code != "internal"


@SETTINGS
@given(kind=st.sampled_from(COMMAND_KINDS) | texts, fields=st.dictionaries(texts, anything, max_size=5))
def test_random_commands(kind: str, fields: Dict[str, Any]) -> None:
    t = ticket()
    before = t.copy()

    def apply() -> None:
        try:
            t.apply({**fields, "type": kind}, at=at(4, 8), actor=ANNA)
        except ticketry.TicketryError:
            assert t == before, "a failed command changed the ticket"
            raise

    documented(apply)
    documented(lambda: command(kind, **{k: v for k, v in fields.items() if k != "type"}))


@SETTINGS
@given(index=st.integers(0, len(VALID) - 1), key=texts, value=anything)
def test_valid_commands_with_one_field_changed(index: int, key: str, value: Any) -> None:
    t = ticket()
    cmd = dict(VALID[index])
    field = key if key not in cmd or not cmd else sorted(cmd)[hash(key) % len(cmd)]
    cmd[field] = value
    documented(lambda: t.apply(cmd, at=at(4, 8), actor=ANNA))
    documented(lambda: t.can(cmd, at=at(4, 8), actor=ANNA))
    documented(lambda: t.check(cmd, at=at(4, 8), actor=ANNA))


@SETTINGS
@given(at_=anything, actor=anything, version=anything, name=anything)
def test_random_times_actors_versions_and_names(at_: Any, actor: Any, version: Any, name: Any) -> None:
    t = ticket()
    log = command("log_work", minutes=5, note="x")
    documented(lambda: t.apply(log, at=at_, actor=ANNA))
    documented(lambda: t.apply(log, at=at(4, 8), actor=actor))
    documented(lambda: t.apply(log, at=at(4, 8), actor=ANNA, expected_version=version))
    documented(lambda: t.why_blocked(name, at=at(4, 8)))
    documented(lambda: t.can(name, at=at_))
    documented(lambda: t.available_commands(at=at_))
    documented(lambda: t.final_notification(name))
    documented(lambda: t.repeat_reply(name))
    documented(lambda: t.solution_documentation(at_))
    documented(lambda: t.confirmation_request(name))
    documented(lambda: Ticket.open(new(), at=at_, actor=actor))
    documented(lambda: ticketry.recommended_action(name))
    documented(lambda: ticketry.format_duration(at_, name))


@SETTINGS
@given(fields=st.dictionaries(texts, anything, max_size=6), values=anything)
def test_random_new_tickets_and_policies(fields: Dict[str, Any], values: Any) -> None:
    documented(lambda: Ticket.open({**new(), **fields}, at=at(3, 6), actor=ANNA))
    documented(lambda: ticketry.new_ticket(**fields))
    documented(lambda: Policy(values))
    documented(lambda: Policy(fields))
    documented(lambda: ticket().apply(command("log_work", minutes=5, note="x"), at=at(4, 8), actor=ANNA, policy=values))


@SETTINGS
@given(doc=anything, text=texts)
def test_random_logs_archives_and_calendars(doc: Any, text: str) -> None:
    documented(lambda: Ticket.from_dict(doc))
    documented(lambda: Ticket.from_json(text))
    documented(lambda: Ticket.from_events(doc))
    documented(lambda: Archive.from_json_lines(text))
    documented(lambda: Archive.from_dicts(doc))
    documented(lambda: Archive(doc))
    documented(lambda: Calendar.from_dict(doc))
    documented(lambda: Calendar.from_json(text))
    documented(lambda: Calendar.from_xmlcalendar(text))


@SETTINGS
@given(index=st.integers(0, 40), key=texts, value=anything)
def test_stored_logs_with_one_value_changed(index: int, key: str, value: Any) -> None:
    log = ticket(paperwork=True).to_dict()
    events = log["events"]
    event = events[index % len(events)]
    target = event["command"] if index % 2 else event
    field = sorted(target)[hash(key) % len(target)]
    target[field] = value
    documented(lambda: Ticket.from_dict(log))


@SETTINGS
@given(day=anything | st.dates(), n=anything | st.integers(0, 2**32), zone=anything)
def test_random_calendar_arguments(day: Any, n: Any, zone: Any) -> None:
    c = Calendar.russia()
    documented(lambda: c.day_kind(day))
    documented(lambda: c.is_working_day(day))
    documented(lambda: c.next_working_day(day))
    documented(lambda: c.add_business_days(dt.date(2025, 1, 1), n))
    documented(lambda: c.add_business_days(day, n))
    documented(lambda: c.business_deadline(at(3, 9), n, "Europe/Moscow"))
    documented(lambda: c.business_days_between(day, dt.date(2025, 1, 1)))
    documented(lambda: c.business_deadline(at(3, 9), 2, zone))
    documented(lambda: c.covers(n))


@SETTINGS
@given(ticket_id=anything, cmd=st.dictionaries(texts, anything, max_size=3))
def test_random_archive_calls(ticket_id: Any, cmd: Dict[str, Any]) -> None:
    archive = Archive([ticket("T-1")])
    documented(lambda: archive.apply(ticket_id, cmd, at=at(4, 8), actor=ANNA))
    documented(lambda: archive.get(ticket_id))
    documented(lambda: archive[ticket_id])
    documented(lambda: archive.repeat_chain(ticket_id))
    documented(lambda: archive.linked_from(ticket_id))
    documented(lambda: archive.earlier_client_tickets(ticket_id))
    documented(lambda: archive.client_history(ticket_id))
    documented(lambda: archive.chronic_problem_of(ticket_id, at=at(4, 8)))
    documented(lambda: archive.insert(ticket_id))
    assert (ticket_id in archive) in (True, False)


def test_every_documented_error_is_a_ticketry_error() -> None:
    for name in dir(ticketry):
        value = getattr(ticketry, name)
        if isinstance(value, type) and issubclass(value, BaseException):
            assert issubclass(value, ticketry.TicketryError), name


def test_documented_lets_anything_else_through() -> None:
    """The fuzz checks can fail: an undocumented exception comes out."""
    import pytest

    empty: Dict[str, int] = {}
    with pytest.raises(KeyError):
        documented(lambda: empty["x"])
    with pytest.raises(AssertionError):
        documented(lambda: (_ for _ in ()).throw(ticketry.InternalError("x", {"code": "internal"})))


@SETTINGS
@given(fields=st.dictionaries(texts, anything, max_size=6), at_=anything, actor=anything, kind=anything)
def test_random_detection_queries_display_names_and_blocked_commands(fields: Dict[str, Any], at_: Any, actor: Any, kind: Any) -> None:
    documented(lambda: ticketry.detection_query({**new(), **fields}, at=at_))
    documented(lambda: ticketry.detection_query(fields, at=at(3, 9)))
    documented(lambda: ticketry.Actor.from_dict(actor).display_name)
    t = ticket()
    documented(lambda: t.why_blocked(kind, at=at_))
    documented(lambda: t.available_commands(at=at_))
