"""Value types: frozen dataclasses with a readable repr, equality, hashing
and pickling; ``from_dict`` reads the core's JSON, ``to_dict`` writes it."""

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Tuple

from ticketry import _ticketry
from ticketry._convert import date_in, dumps, plain, time_in, time_out
from ticketry._enums import (
    CommandKind,
    DayKind,
    EscalationTask,
    ItemStatus,
    Role,
    SupportAction,
    TypicalError,
    UnmetCode,
)
from ticketry._errors import invalid


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise invalid(what, f"must be a dict, not {type(value).__name__}", wrong_type=True)
    return value


@dataclass(frozen=True)
class Actor:
    """Who does something: ``id``, ``role`` and an optional display ``name``."""

    id: str
    role: Role
    name: Optional[str] = None

    @classmethod
    def specialist(cls, id: str, name: str) -> "Actor":
        """A support specialist."""
        return cls(id, Role.SPECIALIST, name)

    @classmethod
    def system(cls, id: str) -> "Actor":
        """An automated system."""
        return cls(id, Role.SYSTEM)

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> "Actor":
        """An actor from the core's JSON (``{"id", "role", "name"?}``)."""
        value = _mapping(value, "actor")
        try:
            return cls(str(value["id"]), Role(value["role"]), value.get("name"))
        except (KeyError, ValueError) as e:
            raise invalid("actor", f"not an actor: {e}") from None

    @property
    def display_name(self) -> str:
        """The name to show: the display name when there is one, else the id (the core's ``display_name``)."""
        return _ticketry.actor_display_name(actor_json(self))

    def to_dict(self) -> Dict[str, Any]:
        """The core's JSON."""
        out: Dict[str, Any] = {"id": self.id, "role": Role(self.role).value}
        if self.name is not None:
            out["name"] = self.name
        return out


def actor_json(value: Any) -> str:
    """An :class:`Actor` or a dict, as JSON text."""
    if isinstance(value, Actor):
        return dumps(value.to_dict(), "actor")
    if isinstance(value, Mapping):
        return dumps(dict(value), "actor")
    raise invalid("actor", f"must be an Actor or a dict, not {type(value).__name__}", wrong_type=True)


@dataclass(frozen=True)
class Unmet:
    """An unmet rule: the rule ID, a stable code, the field at fault (if any)
    and what is missing in English and Russian."""

    rule: str
    code: UnmetCode
    field: Optional[str]
    message_en: str
    message_ru: str

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> "Unmet":
        return cls(
            str(value["rule"]),
            UnmetCode(value["code"]),
            value.get("field"),
            str(value["message_en"]),
            str(value["message_ru"]),
        )

    def to_dict(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"rule": self.rule, "code": UnmetCode(self.code).value}
        if self.field is not None:
            out["field"] = self.field
        out["message_en"] = self.message_en
        out["message_ru"] = self.message_ru
        return out

    @property
    def typical_error(self) -> Optional[TypicalError]:
        """REP-ERR: the typical error this unmet rule amounts to, if any (the core's table)."""
        found = _ticketry.typical_error(dumps(self.to_dict(), "unmet"))
        return None if found is None else TypicalError(found[0])

    def __str__(self) -> str:
        return f"{self.rule}: {self.message_en}"

    @classmethod
    def _from_row(cls, row: Tuple[str, str, Optional[str], str, str]) -> "Unmet":
        """An unmet rule from the native module's tuple ``(rule, code, field, en, ru)``.

        The values are the core's (checked there), so the instance is filled
        in directly rather than through the frozen dataclass's ``__init__``
        (half the cost; ``why_blocked`` builds several per call)."""
        u = object.__new__(cls)
        d = u.__dict__
        d["rule"] = row[0]
        d["code"] = _UNMET_CODES[row[1]]
        d["field"] = row[2]
        d["message_en"] = row[3]
        d["message_ru"] = row[4]
        return u


_UNMET_CODES: Dict[str, UnmetCode] = {m.value: m for m in UnmetCode}


@dataclass(frozen=True)
class Event:
    """One applied command: its number, time, actor and the command (the core's JSON)."""

    seq: int
    at: _dt.datetime
    actor: Actor
    command: Mapping[str, Any]

    @property
    def kind(self) -> CommandKind:
        """The command's name."""
        return CommandKind(self.command["type"])

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> "Event":
        return cls(int(value["seq"]), time_in(value["at"]), Actor.from_dict(value["actor"]), dict(value["command"]))

    def to_dict(self) -> Dict[str, Any]:
        """The core's JSON."""
        return {
            "seq": self.seq,
            "at": time_out(self.at, "at"),
            "actor": self.actor.to_dict(),
            "command": _thaw(self.command),
        }

    def __hash__(self) -> int:
        return hash((self.seq, self.at, self.actor, dumps(self.to_dict()["command"], "command")))


def _thaw(value: Any) -> Any:
    return dict(value) if isinstance(value, Mapping) else value


@dataclass(frozen=True)
class Availability:
    """Whether a command is possible now, and why not (every unmet rule)."""

    command: CommandKind
    allowed: bool
    unmet: Tuple[Unmet, ...]

    def to_dict(self) -> Dict[str, Any]:
        """The core's JSON."""
        out: Dict[str, Any] = plain(self)
        return out

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> "Availability":
        return cls(
            CommandKind(value["command"]),
            bool(value["allowed"]),
            tuple(Unmet.from_dict(u) for u in value["unmet"]),
        )


@dataclass(frozen=True)
class ChecklistItem:
    """One evaluated checklist item (CLS-CHK or REP-CHK)."""

    key: str
    rule: str
    title_ru: str
    title_en: str
    status: ItemStatus
    explanation_ru: str
    explanation_en: str

    def to_dict(self) -> Dict[str, Any]:
        """The core's JSON."""
        out: Dict[str, Any] = plain(self)
        return out

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> "ChecklistItem":
        return cls(
            str(value["key"]),
            str(value["rule"]),
            str(value["title_ru"]),
            str(value["title_en"]),
            ItemStatus(value["status"]),
            str(value["explanation_ru"]),
            str(value["explanation_en"]),
        )


@dataclass(frozen=True)
class Escalation:
    """The escalation of a chronic problem (REP-S1): tasks and re-check times."""

    tasks: Tuple[EscalationTask, ...]
    rechecks: Tuple[_dt.datetime, ...]

    def to_dict(self) -> Dict[str, Any]:
        """The core's JSON."""
        out: Dict[str, Any] = plain(self)
        return out

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> "Escalation":
        return cls(
            tuple(EscalationTask(t) for t in value["tasks"]),
            tuple(time_in(t) for t in value["rechecks"]),
        )


@dataclass(frozen=True)
class ChronicProblem:
    """A problem that recurred many times (REP-S1)."""

    tickets: Tuple[str, ...]
    recent: Tuple[str, ...]
    open: Tuple[str, ...]
    clients: Tuple[str, ...]
    products: Tuple[str, ...]
    subject: str
    first_opened_at: _dt.datetime
    last_opened_at: _dt.datetime
    escalation: Escalation

    def to_dict(self) -> Dict[str, Any]:
        """The core's JSON."""
        out: Dict[str, Any] = plain(self)
        return out

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> "ChronicProblem":
        return cls(
            tuple(value["tickets"]),
            tuple(value["recent"]),
            tuple(value["open"]),
            tuple(value["clients"]),
            tuple(value["products"]),
            str(value["subject"]),
            time_in(value["first_opened_at"]),
            time_in(value["last_opened_at"]),
            Escalation.from_dict(value["escalation"]),
        )


@dataclass(frozen=True)
class ClientNotApplying:
    """A client who keeps not applying solutions (REP-S2)."""

    client_id: str
    tickets: Tuple[str, ...]
    actions: Tuple[SupportAction, ...]

    def to_dict(self) -> Dict[str, Any]:
        """The core's JSON."""
        out: Dict[str, Any] = plain(self)
        return out

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> "ClientNotApplying":
        return cls(
            str(value["client_id"]),
            tuple(value["tickets"]),
            tuple(SupportAction(a) for a in value["actions"]),
        )


@dataclass(frozen=True)
class SpecialDay:
    """A day of the production calendar that is not an ordinary one."""

    date: _dt.date
    kind: DayKind
    name: Optional[str] = None
    transferred_from: Optional[_dt.date] = None

    def to_dict(self) -> Dict[str, Any]:
        """The core's JSON (``transferred_from`` is ``from``; absent values left out)."""
        out: Dict[str, Any] = {"date": self.date.isoformat(), "kind": DayKind(self.kind).value}
        if self.name is not None:
            out["name"] = self.name
        if self.transferred_from is not None:
            out["from"] = self.transferred_from.isoformat()
        return out

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> "SpecialDay":
        source = value.get("from")
        return cls(
            date_in(value["date"]),
            DayKind(value["kind"]),
            value.get("name"),
            None if source is None else date_in(source),
        )
