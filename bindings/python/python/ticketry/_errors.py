"""Exceptions: one class per stable error code of the core.

Every exception is a :class:`TicketryError` with the core's ``code`` and the
core's error JSON as ``details``. Bad input is also a :class:`ValueError`
(or a :class:`TypeError` for a value of the wrong Python type); an unknown
ticket is also a :class:`KeyError`. Exceptions pickle.
"""

import json
from typing import Any, Dict, List, Mapping, Optional, Tuple, Type

__all__ = [
    "TicketryError",
    "RefusedError",
    "InvalidInputError",
    "InvalidTypeError",
    "VersionConflictError",
    "AlreadyOpenedError",
    "DuplicateTicketError",
    "UnknownTicketError",
    "LogError",
    "PolicyError",
    "TemplateError",
    "CalendarError",
    "ConcurrentUseError",
    "IndexFullError",
    "InternalError",
]


class TicketryError(Exception):
    """The base of every error of ticketry: ``code`` is the core's stable code,
    ``details`` the core's error JSON (with ``code``), ``message`` the text."""

    code: str
    details: Dict[str, Any]
    message: str

    def __init__(self, message: str, details: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = dict(details or {})
        self.code = str(self.details.get("code", "internal"))
        self.details["code"] = self.code

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> Tuple[Any, Tuple[str, str]]:
        return (_from_core, (json.dumps(self.details), self.message))


class RefusedError(TicketryError):
    """The regulation does not allow the command now (code ``refused``).

    ``command`` is the refused command's kind; ``unmet`` every unmet rule
    (:class:`ticketry.Unmet`: rule ID, code, field, messages)."""

    def __init__(self, message: str, details: Optional[Mapping[str, Any]] = None) -> None:
        from ticketry._enums import CommandKind
        from ticketry._types import Unmet

        super().__init__(message, details)
        command = self.details.get("command")
        self.command: Optional[CommandKind] = None if command is None else CommandKind(command)
        self.unmet: List[Unmet] = [Unmet.from_dict(u) for u in self.details.get("unmet", [])]

    @property
    def rules(self) -> List[str]:
        """The IDs of the unmet rules, in order."""
        return [u.rule for u in self.unmet]


class InvalidInputError(TicketryError, ValueError):
    """Malformed input (code ``invalid_input``); ``field`` names the field at fault."""

    def __init__(self, message: str, details: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__(message, details)
        self.field = str(self.details.get("field", ""))


class InvalidTypeError(InvalidInputError, TypeError):
    """Input of the wrong Python type (code ``invalid_input``): also a :class:`TypeError`."""


class VersionConflictError(TicketryError):
    """The ticket changed since the caller read it (code ``version_conflict``)."""

    def __init__(self, message: str, details: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__(message, details)
        self.expected = int(self.details.get("expected", 0))
        self.actual = int(self.details.get("actual", 0))


class AlreadyOpenedError(TicketryError):
    """``open`` applied to an existing ticket (code ``already_opened``)."""


class DuplicateTicketError(TicketryError, ValueError):
    """The archive already holds a ticket with this id (code ``duplicate_ticket``)."""

    def __init__(self, message: str, details: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__(message, details)
        self.ticket_id = str(self.details.get("id", ""))


class UnknownTicketError(TicketryError, KeyError):
    """The archive holds no ticket with this id (code ``unknown_ticket``)."""

    def __init__(self, message: str, details: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__(message, details)
        self.ticket_id = str(self.details.get("id", ""))

    def __str__(self) -> str:
        return self.message


class LogError(TicketryError, ValueError):
    """A stored event log cannot be loaded; nothing is applied.

    Codes ``unsupported_schema_version``, ``malformed_log``, ``invalid_event``,
    ``empty_log``. ``path`` is where in the document (malformed log),
    ``index``/``seq`` the invalid event and ``cause`` its error, ``line`` the
    line of a JSON Lines archive (or the position of a log in a list, from 1)."""

    def __init__(self, message: str, details: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__(message, details)
        self.path: Optional[str] = self.details.get("path")
        self.line: Optional[int] = self.details.get("line")
        self.index: Optional[int] = self.details.get("index")
        self.seq: Optional[int] = self.details.get("seq")
        inner = self.details.get("error")
        self.cause: Optional[TicketryError] = (
            _build(inner, str(inner.get("message") or inner.get("code", ""))) if isinstance(inner, dict) else None
        )
        self.__cause__ = self.cause


class PolicyError(TicketryError, ValueError):
    """A policy value is out of the regulation's range (code ``invalid_policy``)."""

    def __init__(self, message: str, details: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__(message, details)
        self.field = str(self.details.get("field", ""))


class TemplateError(TicketryError, ValueError):
    """A template value is missing (code ``template_value_missing``); ``missing`` names each."""

    def __init__(self, message: str, details: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__(message, details)
        self.template = str(self.details.get("template", ""))
        self.missing: List[str] = list(self.details.get("missing", []))


class CalendarError(TicketryError, ValueError):
    """A calendar cannot be read (codes ``calendar_malformed_json``,
    ``calendar_malformed_xml``, ``calendar_invalid_day``)."""


class ConcurrentUseError(TicketryError, RuntimeError):
    """An archive was changed while another thread ran one of its GIL-free
    calls (code ``concurrent_use``); nothing was changed: retry after it returns."""


class IndexFullError(TicketryError, RuntimeError):
    """The detection index holds as many tickets as it can address and cannot
    take more (code ``index_full``, the core's ``DetectionError::Full``)."""


class InternalError(TicketryError, RuntimeError):
    """The binding could not hand a result over (code ``internal``); never expected."""


_BY_CODE: Dict[str, Type[TicketryError]] = {
    "refused": RefusedError,
    "invalid_input": InvalidInputError,
    "version_conflict": VersionConflictError,
    "already_opened": AlreadyOpenedError,
    "duplicate_ticket": DuplicateTicketError,
    "unknown_ticket": UnknownTicketError,
    "unsupported_schema_version": LogError,
    "malformed_log": LogError,
    "invalid_event": LogError,
    "empty_log": LogError,
    "invalid_policy": PolicyError,
    "template_value_missing": TemplateError,
    "calendar_malformed_json": CalendarError,
    "calendar_malformed_xml": CalendarError,
    "calendar_invalid_day": CalendarError,
    "concurrent_use": ConcurrentUseError,
    "index_full": IndexFullError,
    "internal": InternalError,
}


def _build(details: Mapping[str, Any], message: str) -> TicketryError:
    cls = _BY_CODE.get(str(details.get("code")), TicketryError)
    return cls(message or str(details.get("message", "")), details)


def _from_core(details_json: str, message: str) -> TicketryError:
    """The exception for the core's error JSON (called by the native module)."""
    details = json.loads(details_json)
    if not isinstance(details, dict):
        details = {"code": "internal"}
    return _build(details, message)


def invalid(field: str, message: str, *, wrong_type: bool = False) -> InvalidInputError:
    """An ``invalid_input`` error raised by the Python layer itself."""
    cls = InvalidTypeError if wrong_type else InvalidInputError
    return cls(f"invalid input in `{field}`: {message}", {"code": "invalid_input", "field": field, "message": message})
