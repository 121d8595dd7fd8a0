"""ticketry: the PASS24.online support regulation as code.

The rules live in the Rust core; this package is a thin binding over it:
tickets and the closure process, the repeat workflow, the archive with
chronic-problem analysis, the production calendar, templates, checklists and
the policy. Every refusal names the unmet rules.
"""

from typing import Literal, TypedDict

from ticketry._api import (
    ActorLike,
    CommandLike,
    Directory,
    Archive,
    Calendar,
    Policy,
    Ticket,
    command,
    contains_template_placeholder,
    detection_query,
    format_duration,
    is_placeholder,
    mermaid_diagram,
    new_ticket,
    recommended_action,
    transitions,
    typical_error,
)
from ticketry._detection import (
    Candidate,
    Contributions,
    Decision,
    Detection,
    Detector,
    Field,
    FoundReference,
    IgnoredBecause,
    Outcome,
    Reference,
    Signals,
    analyze,
    find_references,
)
from ticketry._enums import (
    CommandKind,
    DayKind,
    Direction,
    EscalationTask,
    HistoryCheck,
    ItemStatus,
    LinkKind,
    Locale,
    MessageKind,
    Priority,
    RecurrenceCause,
    RepeatAction,
    RepeatDecision,
    RepeatType,
    Regulation,
    ReturnSource,
    Role,
    Status,
    SupportAction,
    TemplateId,
    TypicalError,
    UnmetCode,
)
from ticketry._errors import (
    AlreadyOpenedError,
    CalendarError,
    ConcurrentUseError,
    DuplicateTicketError,
    IndexFullError,
    InternalError,
    InvalidInputError,
    InvalidTypeError,
    LogError,
    PolicyError,
    RefusedError,
    TemplateError,
    TicketryError,
    UnknownTicketError,
    VersionConflictError,
)
from ticketry._ticketry import MAX_ID_CHARS, SCHEMA_VERSION, __version__, rules
from ticketry._ticketry import CONFIRMATION_WAIT_RANGE as _WAIT
from ticketry._types import (
    Actor,
    Availability,
    ChecklistItem,
    ChronicProblem,
    ClientNotApplying,
    Escalation,
    Event,
    SpecialDay,
    Unmet,
)


CONFIRMATION_WAIT_RANGE: range = range(_WAIT[0], _WAIT[1] + 1)
"""The business days the regulation allows to wait after the repeated
confirmation request (CLS-S1), the core's ``CONFIRMATION_WAIT_RANGE``:
``2 in CONFIRMATION_WAIT_RANGE``."""
del _WAIT


class Rule(TypedDict):
    """A rule of the regulation, as returned by :func:`rules`."""

    id: str
    regulation: Literal["repeat", "closing"]
    title_en: str
    title_ru: str


__all__ = [
    "CONFIRMATION_WAIT_RANGE",
    "MAX_ID_CHARS",
    "IndexFullError",
    "MessageKind",
    "Regulation",
    "ReturnSource",
    "TemplateId",
    "Actor",
    "AlreadyOpenedError",
    "Archive",
    "Availability",
    "Calendar",
    "CalendarError",
    "Candidate",
    "ChecklistItem",
    "ChronicProblem",
    "ClientNotApplying",
    "CommandKind",
    "ConcurrentUseError",
    "Contributions",
    "DayKind",
    "Decision",
    "Detection",
    "Detector",
    "Direction",
    "DuplicateTicketError",
    "Escalation",
    "EscalationTask",
    "Event",
    "Field",
    "FoundReference",
    "HistoryCheck",
    "IgnoredBecause",
    "InternalError",
    "InvalidInputError",
    "InvalidTypeError",
    "ItemStatus",
    "LinkKind",
    "Locale",
    "LogError",
    "Outcome",
    "Policy",
    "PolicyError",
    "Priority",
    "RecurrenceCause",
    "Reference",
    "RefusedError",
    "RepeatAction",
    "RepeatDecision",
    "RepeatType",
    "Role",
    "Rule",
    "SCHEMA_VERSION",
    "Signals",
    "SpecialDay",
    "Status",
    "SupportAction",
    "TemplateError",
    "Ticket",
    "TicketryError",
    "TypicalError",
    "UnknownTicketError",
    "Unmet",
    "UnmetCode",
    "VersionConflictError",
    "__version__",
    "analyze",
    "command",
    "contains_template_placeholder",
    "detection_query",
    "find_references",
    "format_duration",
    "is_placeholder",
    "mermaid_diagram",
    "new_ticket",
    "recommended_action",
    "rules",
    "transitions",
    "typical_error",
]

# The public classes are shown (and pickled) as `ticketry.X`, not by the
# private module that defines them.
for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type) and _value.__module__.startswith("ticketry._"):
        _value.__module__ = "ticketry"
del _name, _value
