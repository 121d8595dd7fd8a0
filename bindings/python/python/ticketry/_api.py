"""Tickets, the archive, the policy and the calendar: the core's types,
wrapped. Every rule, default and threshold is the core's."""

import datetime as _dt
import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from ticketry import _ticketry
from ticketry._convert import (
    U32,
    U64,
    date_in,
    date_out,
    dumps,
    integer,
    loads,
    mapping_out,
    opt_time_in,
    text,
    time_in,
    time_out,
)
from ticketry._enums import CommandKind, DayKind, Locale, RepeatAction, RecurrenceCause, Status, TypicalError
from ticketry._errors import InvalidInputError, UnknownTicketError, invalid
from ticketry._types import (
    Actor,
    Availability,
    ChecklistItem,
    ChronicProblem,
    ClientNotApplying,
    Event,
    SpecialDay,
    Unmet,
    actor_json,
)

ActorLike = Union[Actor, Mapping[str, Any]]
CommandLike = Mapping[str, Any]
Directory = Mapping[str, _dt.datetime]



if TYPE_CHECKING:
    from ticketry._detection import Detection, Detector


class Calendar:
    """The production calendar: weekends, holidays, transferred days off and
    working weekends (the core's ``Calendar``)."""

    __slots__ = ("_raw",)

    def __init__(self, raw: "_ticketry.RawCalendar") -> None:
        if not isinstance(raw, _ticketry.RawCalendar):
            raise invalid("calendar", "use Calendar.russia(), Calendar.from_json(...) or Calendar.from_dict(...)", wrong_type=True)
        self._raw = raw

    @classmethod
    def russia(cls) -> "Calendar":
        """The Russian production calendar bundled in the core."""
        return cls(_ticketry.RawCalendar.russia())

    @classmethod
    def weekends_only(cls) -> "Calendar":
        """Saturdays and Sundays off, nothing else."""
        return cls(_ticketry.RawCalendar.weekends_only())

    @classmethod
    def from_json(cls, json_text: str) -> "Calendar":
        """A calendar from the core's JSON format."""
        return cls(_ticketry.RawCalendar.from_json(text(json_text, "calendar")))

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> "Calendar":
        """A calendar from the core's JSON format, as a dict."""
        return cls(_ticketry.RawCalendar.from_json(mapping_out(value, "calendar")))

    @classmethod
    def from_xmlcalendar(cls, xml: str) -> "Calendar":
        """A calendar from the xmlcalendar XML format."""
        return cls(_ticketry.RawCalendar.from_xmlcalendar(text(xml, "xml")))

    def to_json(self) -> str:
        return self._raw.to_json()

    def to_dict(self) -> Dict[str, Any]:
        out: Dict[str, Any] = loads(self._raw.to_json())
        return out

    def merged(self, other: "Calendar") -> "Calendar":
        """A new calendar: this one with ``other``'s days (``Calendar::merge``)."""
        return Calendar(self._raw.merged(_calendar(other)._raw))

    @property
    def years(self) -> List[int]:
        """The years it covers."""
        return self._raw.years()

    def covers(self, year: int) -> bool:
        return self._raw.covers(integer(year, "year", -(2**31), 2**31 - 1))

    def days(self) -> List[SpecialDay]:
        """The special days, in date order."""
        return [SpecialDay.from_dict(d) for d in loads(self._raw.days_json())]

    def day_kind(self, day: _dt.date) -> DayKind:
        return DayKind(self._raw.day_kind(date_out(day, "date")))

    def holiday_name(self, day: _dt.date) -> Optional[str]:
        return self._raw.holiday_name(date_out(day, "date"))

    def is_working_day(self, day: _dt.date) -> bool:
        return self._raw.is_working_day(date_out(day, "date"))

    def next_working_day(self, day: _dt.date) -> _dt.date:
        """The day itself when it is a working day, else the next one."""
        return date_in(self._raw.next_working_day(date_out(day, "date")), "date")

    def add_business_days(self, day: _dt.date, n: int) -> _dt.date:
        return date_in(self._raw.add_business_days(date_out(day, "date"), integer(n, "n", 0, U32)), "n")

    def business_days_between(self, start: _dt.date, end: _dt.date) -> int:
        return self._raw.business_days_between(date_out(start, "start"), date_out(end, "end"))

    def business_deadline(self, start: _dt.datetime, n: int, time_zone: str) -> _dt.datetime:
        """The same local time on the n-th business day after ``start``, in an IANA time zone."""
        at = self._raw.business_deadline(
            time_out(start, "from"), integer(n, "n", 0, U32), text(time_zone, "time_zone")
        )
        return time_in(at, "n")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Calendar) and self._raw.equals(other._raw)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Calendar(years={self.years!r}, special_days={len(self.days())})"

    def __reduce__(self) -> Tuple[Any, Tuple[str]]:
        return (Calendar.from_json, (self.to_json(),))


def _calendar(value: Any) -> Calendar:
    if not isinstance(value, Calendar):
        raise invalid("calendar", f"must be a Calendar, not {type(value).__name__}", wrong_type=True)
    return value


class Policy:
    """The values the regulation leaves to the team (the core's ``Policy``):
    every field optional, defaults from the core, validated by the core.

    ``Policy()`` is the regulation's defaults; ``Policy({"confirmation_wait_business_days": 1})``
    or ``Policy(confirmation_wait_business_days=1)`` overrides some."""

    __slots__ = ("_raw",)

    def __init__(self, values: Optional[Mapping[str, Any]] = None, **overrides: Any) -> None:
        if values is not None and not isinstance(values, Mapping):
            raise invalid("policy", f"must be a dict, not {type(values).__name__}", wrong_type=True)
        merged = {**dict(values or {}), **overrides}
        self._raw = _ticketry.RawPolicy.from_json(dumps(merged, "policy"))

    @classmethod
    def default(cls) -> "Policy":
        """The regulation's defaults."""
        return _DEFAULT

    @classmethod
    def from_json(cls, json_text: str) -> "Policy":
        return cls._wrap(_ticketry.RawPolicy.from_json(text(json_text, "policy")))

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> "Policy":
        return cls(value)

    @classmethod
    def _wrap(cls, raw: "_ticketry.RawPolicy") -> "Policy":
        policy = cls.__new__(cls)
        policy._raw = raw
        return policy

    def to_json(self) -> str:
        return self._raw.to_json()

    def to_dict(self) -> Dict[str, Any]:
        out: Dict[str, Any] = loads(self._raw.to_json())
        return out

    @property
    def confirmation_wait_business_days(self) -> int:
        return int(self.to_dict()["confirmation_wait_business_days"])

    @property
    def locale(self) -> Locale:
        return Locale(self.to_dict()["locale"])

    @property
    def time_zone(self) -> str:
        return str(self.to_dict()["time_zone"])

    @property
    def team_signature(self) -> Dict[str, str]:
        return dict(self.to_dict()["team_signature"])

    @property
    def repeat(self) -> Dict[str, Any]:
        """The repeat regulation's thresholds (REP-S1, REP-S2) and switches."""
        return dict(self.to_dict()["repeat"])

    @property
    def detection(self) -> Dict[str, Any]:
        """Repeat detection's weights and thresholds (REP-1), the core's ``DetectionPolicy``."""
        return dict(self.to_dict()["detection"])

    @property
    def calendar(self) -> Calendar:
        return Calendar(self._raw.calendar())

    def with_calendar(self, calendar: Calendar) -> "Policy":
        """The same policy with another calendar."""
        return Policy._wrap(self._raw.with_calendar(_calendar(calendar)._raw))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Policy) and self._raw.equals(other._raw)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        d = self.to_dict()
        d.pop("calendar", None)
        fields = ", ".join(f"{k}={v!r}" for k, v in d.items())
        return f"Policy({fields}, calendar=<years {self.calendar.years}>)"

    def __reduce__(self) -> Tuple[Any, Tuple[str]]:
        return (Policy.from_json, (self.to_json(),))


_DEFAULT = Policy._wrap(_ticketry.RawPolicy.defaults())


def _policy(value: Any) -> "_ticketry.RawPolicy":
    if value is None:
        return _DEFAULT._raw
    if not isinstance(value, Policy):
        raise invalid("policy", f"must be a Policy or None, not {type(value).__name__}", wrong_type=True)
    return value._raw


def _kind(value: Any) -> str:
    name = text(value, "command")
    return name


def _directory(value: Any) -> Optional[str]:
    """``{ticket id: opening time}`` as JSON, or None."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise invalid("directory", f"must be a dict of ids to datetimes, not {type(value).__name__}", wrong_type=True)
    return dumps({text(k, "directory"): time_out(v, f"directory.{k}") for k, v in value.items()}, "directory")


def _expected(value: Any) -> Optional[int]:
    return None if value is None else integer(value, "expected_version", 0, U64)


class Ticket:
    """A support ticket: the fold of its event log (the core's ``Ticket``).

    Commands are dicts with a ``type`` (a :class:`CommandKind`) and the
    command's fields, as in the core's JSON (see :func:`command`). Every
    command needs the time (an aware :class:`datetime.datetime`) and the
    actor; the policy defaults to the regulation's."""

    __slots__ = ("_raw",)

    def __init__(self, raw: "_ticketry.RawTicket") -> None:
        if not isinstance(raw, _ticketry.RawTicket):
            raise invalid("ticket", "use Ticket.open(...), Ticket.from_json(...) or Ticket.from_dict(...)", wrong_type=True)
        self._raw = raw

    @classmethod
    def open(cls, new_ticket: Mapping[str, Any], *, at: _dt.datetime, actor: ActorLike) -> "Ticket":
        """Opens a ticket: ``new_ticket`` has ``id``, ``client_id``, ``contact_name``,
        ``product``, ``subject``, ``description`` and an optional ``priority``."""
        return cls(_ticketry.RawTicket.open(mapping_out(new_ticket, "new_ticket"), actor_json(actor), time_out(at, "at")))

    @classmethod
    def from_json(cls, json_text: str) -> "Ticket":
        """A ticket from its event log's JSON text; every event is checked."""
        return cls(_ticketry.RawTicket.from_json(text(json_text, "log")))

    @classmethod
    def from_dict(cls, log: Mapping[str, Any]) -> "Ticket":
        """A ticket from its event log (``{"schema_version", "events"}``) as a dict."""
        return cls(_ticketry.RawTicket.from_json(mapping_out(log, "log")))

    @classmethod
    def from_events(cls, events: Sequence[Union[Event, Mapping[str, Any]]]) -> "Ticket":
        """A ticket from its events (:class:`Event` values or dicts), replayed and checked."""
        if isinstance(events, (str, bytes, Mapping)) or not isinstance(events, Sequence):
            raise invalid("events", "must be a list of events", wrong_type=True)
        return cls(_ticketry.RawTicket.from_events(dumps(list(events), "events")))

    # ---------------------------------------------------------------- commands
    def apply(
        self,
        command: CommandLike,
        *,
        at: _dt.datetime,
        actor: ActorLike,
        policy: Optional["Policy"] = None,
        expected_version: Optional[int] = None,
        directory: Optional[Directory] = None,
    ) -> Event:
        """Applies a command; returns the event. Raises :class:`RefusedError`
        with every unmet rule when the regulation forbids it (the ticket is
        unchanged), :class:`VersionConflictError` when ``expected_version``
        is not the ticket's version. A lone ticket knows no other tickets:
        to link to one, pass ``directory``, the ids and opening times of the
        tickets it may name (or use an :class:`Archive`)."""
        event = self._raw.apply(
            mapping_out(command, "command"),
            actor_json(actor),
            time_out(at, "at"),
            _policy(policy),
            _expected(expected_version),
            _directory(directory),
        )
        return Event.from_dict(loads(event))

    def check(
        self,
        command: CommandLike,
        *,
        at: _dt.datetime,
        actor: ActorLike,
        policy: Optional["Policy"] = None,
        directory: Optional[Directory] = None,
    ) -> None:
        """Raises what :meth:`apply` would raise, without applying."""
        self._raw.check(
            mapping_out(command, "command"), actor_json(actor), time_out(at, "at"), _policy(policy), _directory(directory)
        )

    def can(
        self,
        command: Union[CommandLike, CommandKind, str],
        *,
        at: _dt.datetime,
        actor: Optional[ActorLike] = None,
        policy: Optional["Policy"] = None,
    ) -> bool:
        """Whether a command (a dict, with ``actor``) or a command kind would be accepted now."""
        if isinstance(command, str):
            return self._raw.can_kind(_kind(command), time_out(at, "at"), _policy(policy))
        if actor is None:
            raise invalid("actor", "a command dict needs the actor", wrong_type=True)
        return self._raw.can(mapping_out(command, "command"), actor_json(actor), time_out(at, "at"), _policy(policy))

    def why_blocked(self, command: Union[CommandKind, str], *, at: _dt.datetime, policy: Optional["Policy"] = None) -> List[Unmet]:
        """Every unmet rule that blocks the command now (empty when it is possible)."""
        rows = self._raw.why_blocked_rows(_kind(command), time_out(at, "at"), _policy(policy))
        return [Unmet._from_row(r) for r in rows]

    def available_commands(self, *, at: _dt.datetime, policy: Optional["Policy"] = None) -> List[Availability]:
        """Every command of the status, allowed or not, in table order."""
        rows = self._raw.available_rows(time_out(at, "at"), _policy(policy))
        return [Availability(CommandKind(c), allowed, tuple(Unmet._from_row(r) for r in unmet)) for c, allowed, unmet in rows]

    def mark_close_possible_from(self, policy: Optional["Policy"] = None) -> Optional[_dt.datetime]:
        """When closing without confirmation (CLS-S1) becomes possible, if a reminder was sent."""
        return opt_time_in(self._raw.mark_close_possible_from(_policy(policy)))

    # ---------------------------------------------------------------- state
    @property
    def id(self) -> str:
        return self._raw.id()

    @property
    def status(self) -> Status:
        return Status(self._raw.status())

    @property
    def version(self) -> int:
        """The number of events applied."""
        return self._raw.version()

    @property
    def state(self) -> Dict[str, Any]:
        """The state, as the core's JSON (a fresh dict)."""
        out: Dict[str, Any] = loads(self._raw.state_json())
        return out

    @property
    def client_id(self) -> str:
        return str(self.state["client_id"])

    @property
    def created_at(self) -> _dt.datetime:
        return time_in(self.state["created_at"])

    @property
    def updated_at(self) -> _dt.datetime:
        return time_in(self.state["updated_at"])

    @property
    def handling_minutes(self) -> int:
        """The minutes of work logged."""
        return self._raw.handling_minutes()

    @property
    def reopen_count(self) -> int:
        return self._raw.reopen_count()

    @property
    def time_to_resolve(self) -> Optional[_dt.timedelta]:
        """From opening to the verified solution, once verified."""
        seconds = self._raw.time_to_resolve_seconds()
        return None if seconds is None else _dt.timedelta(seconds=seconds)

    @property
    def is_repeat(self) -> bool:
        """Whether the ticket is a repeat (decided so, or linked as a repeat)."""
        return self._raw.is_repeat()

    @property
    def has_communication(self) -> bool:
        """Whether anything was written to the client."""
        return self._raw.has_communication()

    @property
    def unanswered_questions(self) -> List[Dict[str, Any]]:
        """The client's questions without an answer (the core's JSON)."""
        return list(loads(self._raw.unanswered_questions_json()))

    @property
    def history(self) -> List[Event]:
        """Every event, oldest first."""
        return [Event.from_dict(e) for e in loads(self._raw.history_json())]

    def to_json(self) -> str:
        """The event log as JSON text (what to store)."""
        return self._raw.to_json()

    def to_dict(self) -> Dict[str, Any]:
        """The event log as a dict."""
        out: Dict[str, Any] = loads(self._raw.to_json())
        return out

    # ---------------------------------------------------------------- checklists, templates
    def closing_checklist(self, policy: Optional["Policy"] = None) -> List[ChecklistItem]:
        """CLS-CHK, the closing checklist."""
        return [ChecklistItem.from_dict(i) for i in loads(self._raw.checklist("closing", _policy(policy)))]

    def repeat_checklist(self, policy: Optional["Policy"] = None) -> List[ChecklistItem]:
        """REP-CHK, the repeat checklist."""
        return [ChecklistItem.from_dict(i) for i in loads(self._raw.checklist("repeat", _policy(policy)))]

    def final_notification(self, specialist_name: str, policy: Optional["Policy"] = None) -> str:
        """CLS-TPL-N, the final notification, in the policy's locale."""
        return self._raw.final_notification(text(specialist_name, "specialist_name"), _policy(policy))

    def repeat_reply(self, specialist_name: str, policy: Optional["Policy"] = None) -> str:
        """REP-TPL, the reply to a repeat ticket."""
        return self._raw.repeat_reply(text(specialist_name, "specialist_name"), _policy(policy))

    def solution_documentation(self, closing_time: _dt.datetime, policy: Optional["Policy"] = None) -> str:
        """CLS-TPL-D, the solution documentation."""
        return self._raw.solution_documentation(time_out(closing_time, "closing_time"), _policy(policy))

    def confirmation_request(self, reminder: bool = False, policy: Optional["Policy"] = None) -> str:
        """The confirmation request (CLS-2), or the repeated one (CLS-S1)."""
        if not isinstance(reminder, bool):
            raise invalid("reminder", "must be a bool", wrong_type=True)
        return self._raw.confirmation_request(reminder, _policy(policy))

    def detection_doc(self) -> Dict[str, Any]:
        """This ticket as a detection document for a :class:`Detector` (the
        core's ``DetectionDoc::from_ticket``: opening data and outcome);
        ``opened_at`` is an aware datetime."""
        return _detection_dict(self._raw.detection_doc_json())

    def detection_query(self) -> Dict[str, Any]:
        """The detection query for this ticket (the core's
        ``DetectionQuery::from_ticket``: only earlier tickets are candidates)."""
        return _detection_dict(self._raw.detection_query_json())

    def repeat_analysis(self) -> Dict[str, Any]:
        """The ``record_repeat_analysis`` command for a later ticket repeating
        this one, pre-filled from this ticket's documentation (REP-2)."""
        out: Dict[str, Any] = loads(self._raw.analysis_from())
        return out

    # ---------------------------------------------------------------- Python protocol
    def copy(self) -> "Ticket":
        return Ticket(self._raw.copy())

    __copy__ = copy

    def __deepcopy__(self, memo: Any) -> "Ticket":
        return self.copy()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ticket) and self._raw.equals(other._raw)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Ticket(id={self.id!r}, status={self.status.value!r}, version={self.version})"

    def __reduce__(self) -> Tuple[Any, Tuple[str]]:
        return (Ticket.from_json, (self.to_json(),))


def _ticket_id(value: Any) -> str:
    return text(value, "id")


class Archive:
    """Many tickets, indexed by id, by client and by link (the core's ``Archive``).

    Commands applied through the archive see every ticket in it, so links are
    checked (REP-3). Lookups return ticket ids or copies of tickets; change a
    ticket through :meth:`apply`."""

    __slots__ = ("_raw",)

    def __init__(self, tickets: Iterable[Ticket] = ()) -> None:
        self._raw = _ticketry.RawArchive()
        if isinstance(tickets, (str, bytes, Mapping)):
            raise invalid("tickets", "must be an iterable of Ticket", wrong_type=True)
        try:
            items = list(tickets)
        except TypeError:
            raise invalid("tickets", "must be an iterable of Ticket", wrong_type=True) from None
        for ticket in items:
            self.insert(ticket)

    @classmethod
    def _wrap(cls, raw: "_ticketry.RawArchive") -> "Archive":
        archive = cls.__new__(cls)
        archive._raw = raw
        return archive

    # ---------------------------------------------------------------- batch loading
    @classmethod
    def from_json_lines(cls, json_lines: str) -> "Archive":
        """An archive from JSON Lines (one event log a line; blank lines skipped).
        The parsing and replay run without the GIL. A bad line raises
        :class:`LogError` with ``line``."""
        return cls._wrap(_ticketry.RawArchive.from_json_lines(text(json_lines, "json_lines")))

    @classmethod
    def read_json_lines(cls, path: "Union[str, os.PathLike[str]]") -> "Archive":
        """:meth:`from_json_lines` of a UTF-8 file."""
        with open(path, encoding="utf-8") as f:
            return cls.from_json_lines(f.read())

    @classmethod
    def from_dicts(cls, logs: Iterable[Mapping[str, Any]]) -> "Archive":
        """An archive from event logs as dicts (e.g. rows of a document store).
        The replay runs without the GIL; a bad log raises :class:`LogError`
        with ``line``, its position from 1."""
        if isinstance(logs, (str, bytes, Mapping)):
            raise invalid("logs", "must be an iterable of dicts", wrong_type=True)
        try:
            texts = [mapping_out(log, f"logs[{i}]") for i, log in enumerate(logs)]
        except TypeError:
            raise invalid("logs", "must be an iterable of dicts", wrong_type=True) from None
        return cls._wrap(_ticketry.RawArchive.from_logs(texts))

    def to_json_lines(self) -> str:
        """One event log a line, in insertion order (written without the GIL)."""
        return self._raw.to_json_lines()

    def write_json_lines(self, path: "Union[str, os.PathLike[str]]") -> None:
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.to_json_lines())

    def to_dicts(self) -> List[Dict[str, Any]]:
        """Every ticket's event log as a dict, in insertion order."""
        return [loads(line) for line in self.to_json_lines().splitlines() if line]

    # ---------------------------------------------------------------- tickets
    def __len__(self) -> int:
        return self._raw.len()

    def __contains__(self, ticket_id: object) -> bool:
        if not isinstance(ticket_id, str):
            return False
        try:
            return self._raw.contains(text(ticket_id, "id"))
        except InvalidInputError:
            return False

    def __iter__(self) -> Iterator[Ticket]:
        for ticket_id in self._raw.ids():
            yield self[ticket_id]

    def ids(self) -> List[str]:
        """The tickets' ids, in insertion order."""
        return self._raw.ids()

    def __getitem__(self, ticket_id: str) -> Ticket:
        found = self._raw.get(_ticket_id(ticket_id))
        if found is None:
            raise UnknownTicketError(
                f"the archive holds no ticket {ticket_id}", {"code": "unknown_ticket", "id": ticket_id}
            )
        return Ticket(found)

    def get(self, ticket_id: str) -> Optional[Ticket]:
        """A copy of the ticket, or None."""
        found = self._raw.get(_ticket_id(ticket_id))
        return None if found is None else Ticket(found)

    def insert(self, ticket: Ticket) -> None:
        """Adds a copy of a ticket; :class:`DuplicateTicketError` if its id is taken."""
        if not isinstance(ticket, Ticket):
            raise invalid("ticket", f"must be a Ticket, not {type(ticket).__name__}", wrong_type=True)
        self._raw.insert(ticket._raw)

    def open(self, new_ticket: Mapping[str, Any], *, at: _dt.datetime, actor: ActorLike) -> Ticket:
        """Opens a ticket in the archive; returns a copy of it."""
        new_json = mapping_out(new_ticket, "new_ticket")
        self._raw.open(new_json, actor_json(actor), time_out(at, "at"))
        return self[str(loads(_ticketry.normalize_new_ticket(new_json))["id"])]

    def apply(
        self,
        ticket_id: str,
        command: CommandLike,
        *,
        at: _dt.datetime,
        actor: ActorLike,
        policy: Optional[Policy] = None,
        expected_version: Optional[int] = None,
    ) -> Event:
        """Applies a command to a ticket of the archive (links checked against it)."""
        event = self._raw.apply(
            _ticket_id(ticket_id),
            mapping_out(command, "command"),
            actor_json(actor),
            time_out(at, "at"),
            _policy(policy),
            _expected(expected_version),
        )
        return Event.from_dict(loads(event))

    # ---------------------------------------------------------------- history (REP)
    def client_history(self, client_id: str) -> List[str]:
        """The client's tickets, oldest first."""
        return self._raw.client_history(text(client_id, "client_id"))

    def earlier_client_tickets(self, ticket_id: str) -> List[str]:
        """The client's tickets opened before this one, newest first (REP-1)."""
        return self._raw.earlier_client_tickets(_ticket_id(ticket_id))

    def linked_from(self, ticket_id: str) -> List[str]:
        """The tickets that link to this one, oldest first."""
        return self._raw.linked_from(_ticket_id(ticket_id))

    def repeat_chain(self, ticket_id: str) -> List[str]:
        """The chain of repeats this ticket belongs to, oldest first."""
        return self._raw.repeat_chain(_ticket_id(ticket_id))

    def dangling_links(self) -> List[Tuple[str, str]]:
        """Links to tickets the archive does not hold: (ticket, target)."""
        return self._raw.dangling_links()

    def detect(self, query: Mapping[str, Any], policy: Optional[Policy] = None) -> "Detection":
        """REP-1: the earlier tickets a new one may repeat, with how each was
        solved (``Candidate.solution``); the query is a ``DetectionQuery`` dict
        (see :class:`ticketry.Detector`). Runs without the GIL."""
        from ticketry._detection import Detection, doc_json

        return Detection._from_json(self._raw.detect(doc_json(query, "query"), _policy(policy)))

    def detector(self) -> "Detector":
        """A copy of the archive's detection index."""
        from ticketry._detection import Detector

        return Detector._wrap(self._raw.detector())

    def chronic_problems(self, *, at: _dt.datetime, policy: Optional[Policy] = None) -> List[ChronicProblem]:
        """REP-S1: problems that recurred often within the policy's window (computed without the GIL)."""
        found = self._raw.chronic_problems(time_out(at, "at"), _policy(policy))
        return [ChronicProblem.from_dict(p) for p in loads(found)]

    def chronic_problem_of(self, ticket_id: str, *, at: _dt.datetime, policy: Optional[Policy] = None) -> Optional[ChronicProblem]:
        """REP-S1: the chronic problem this ticket belongs to, if any."""
        found = loads(self._raw.chronic_problem_of(_ticket_id(ticket_id), time_out(at, "at"), _policy(policy)))
        return None if found is None else ChronicProblem.from_dict(found)

    def clients_not_applying_solutions(self, *, at: _dt.datetime, policy: Optional[Policy] = None) -> List[ClientNotApplying]:
        """REP-S2: clients who keep not applying solutions (computed without the GIL)."""
        found = self._raw.clients_not_applying(time_out(at, "at"), _policy(policy))
        return [ClientNotApplying.from_dict(c) for c in loads(found)]

    # ---------------------------------------------------------------- Python protocol
    def copy(self) -> "Archive":
        return Archive._wrap(self._raw.copy())

    __copy__ = copy

    def __deepcopy__(self, memo: Any) -> "Archive":
        return self.copy()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Archive) and self.to_json_lines() == other.to_json_lines()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Archive(tickets={len(self)})"

    def __reduce__(self) -> Tuple[Any, Tuple[str]]:
        return (Archive.from_json_lines, (self.to_json_lines(),))


# -------------------------------------------------------------------- functions
def command(type_: Union[CommandKind, str], /, **fields: Any) -> Dict[str, Any]:
    """A command dict, checked and normalised by the core:
    ``command("log_work", minutes=40, note="...")``."""
    return dict(loads(_ticketry.normalize_command(dumps({**fields, "type": text(type_, "type")}, "command"))))


def new_ticket(**fields: Any) -> Dict[str, Any]:
    """A new-ticket dict for :meth:`Ticket.open`, checked and normalised by the core."""
    return dict(loads(_ticketry.normalize_new_ticket(dumps(fields, "new_ticket"))))


def _detection_dict(json_text: str) -> Dict[str, Any]:
    out: Dict[str, Any] = dict(loads(json_text))
    out["opened_at"] = time_in(out["opened_at"], "opened_at")
    return out


def detection_query(new_ticket: Mapping[str, Any], *, at: _dt.datetime) -> Dict[str, Any]:
    """The detection query for a ticket being opened at ``at`` (the core's
    ``DetectionQuery::from_new``), for :meth:`Detector.detect` before the ticket exists."""
    return _detection_dict(_ticketry.detection_query_from_new(mapping_out(new_ticket, "new_ticket"), time_out(at, "at")))


def transitions() -> List[Dict[str, Any]]:
    """The transition table, one row per command (the core's JSON)."""
    return list(loads(_ticketry.transitions_json()))


def mermaid_diagram() -> str:
    """The Mermaid state diagram of the closure process."""
    return _ticketry.mermaid_diagram()


def recommended_action(cause: Union[RecurrenceCause, str]) -> Optional[RepeatAction]:
    """REP-5: the action a cause calls for (None for ``not_yet_known``)."""
    return RepeatAction.for_cause(cause)


def typical_error(unmet: Unmet) -> Optional[TypicalError]:
    """REP-ERR: the typical error an unmet rule amounts to, if any."""
    if not isinstance(unmet, Unmet):
        raise invalid("unmet", f"must be an Unmet, not {type(unmet).__name__}", wrong_type=True)
    return unmet.typical_error


def is_placeholder(value: str) -> bool:
    """Whether a text is a placeholder rather than content (``-``, ``TBD``, ``…``)."""
    return _ticketry.is_placeholder(text(value, "text"))


def contains_template_placeholder(value: str) -> bool:
    """Whether a text still holds a template placeholder."""
    return _ticketry.contains_template_placeholder(text(value, "text"))


def format_duration(duration: _dt.timedelta, locale: Union[Locale, str]) -> str:
    """A duration as the templates write it (``1 д 2 ч 5 мин``)."""
    if not isinstance(duration, _dt.timedelta):
        raise invalid("duration", f"must be a timedelta, not {type(duration).__name__}", wrong_type=True)
    minutes = int(duration.total_seconds() // 60)
    return _ticketry.format_duration(integer(minutes, "duration", -(2**53), 2**53), text(locale, "locale"))
