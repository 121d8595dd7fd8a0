# The public API of ticketry, hand-written. `mypy.stubtest` checks it against
# the built package; `mypy --strict` checks the tests and examples with it.
import datetime as _dt
import os
from dataclasses import dataclass
from enum import Enum
from typing import (
    Any,
    Dict,
    Iterable,
    Iterator,
    List,
    Literal,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypedDict,
    Union,
)

from typing_extensions import Self

__version__: str
SCHEMA_VERSION: int
MAX_ID_CHARS: int
CONFIRMATION_WAIT_RANGE: range

class Rule(TypedDict):
    id: str
    regulation: Literal["repeat", "closing"]
    title_en: str
    title_ru: str

def rules() -> List[Rule]: ...

# ---------------------------------------------------------------- enums

class Status(str, Enum):
    """A ticket's status in the closure process, in lifecycle order."""

    IN_WORK = "in_work"
    AWAITING_UPDATE = "awaiting_update"
    VERIFIED = "verified"
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    CONFIRMATION_REMINDED = "confirmation_reminded"
    CONFIRMED = "confirmed"
    CLOSED = "closed"

    def __new__(cls, value: str) -> Self: ...

    @property
    def label_en(self) -> str: ...
    @property
    def label_ru(self) -> str: ...
    @property
    def is_open(self) -> bool: ...

class CommandKind(str, Enum):
    """A command's name (the ``type`` of a command dict), in transition-table order."""

    OPEN = "open"
    LOG_MESSAGE = "log_message"
    ADD_DIAGNOSTIC = "add_diagnostic"
    LOG_WORK = "log_work"
    RECORD_QUESTION = "record_question"
    ANSWER_QUESTION = "answer_question"
    RECORD_REPEAT_DECISION = "record_repeat_decision"
    LINK_TICKET = "link_ticket"
    REMOVE_LINK = "remove_link"
    RECORD_REPEAT_ANALYSIS = "record_repeat_analysis"
    REQUEST_REPEAT_INFORMATION = "request_repeat_information"
    DETERMINE_CAUSE = "determine_cause"
    APPLY_REPEAT_SOLUTION = "apply_repeat_solution"
    GIVE_PREVENTION_RECOMMENDATIONS = "give_prevention_recommendations"
    CONFIRM_RECOMMENDATIONS_UNDERSTOOD = "confirm_recommendations_understood"
    RECORD_DOCUMENTATION = "record_documentation"
    CHECK_COMPLETENESS = "check_completeness"
    RECORD_KNOWLEDGE_BASE_DECISION = "record_knowledge_base_decision"
    REQUIRE_PRODUCT_UPDATE = "require_product_update"
    CONFIRM_PRODUCT_UPDATE = "confirm_product_update"
    VERIFY_RESOLUTION = "verify_resolution"
    RESUME_WORK = "resume_work"
    REQUEST_CONFIRMATION = "request_confirmation"
    SEND_CONFIRMATION_REMINDER = "send_confirmation_reminder"
    RECORD_CONFIRMATION = "record_confirmation"
    RECORD_NOT_SOLVED = "record_not_solved"
    SEND_FINAL_NOTIFICATION = "send_final_notification"
    CLOSE = "close"
    CLOSE_WITHOUT_CONFIRMATION = "close_without_confirmation"
    REOPEN = "reopen"

    def __new__(cls, value: str) -> Self: ...

class RepeatType(str, Enum):
    """The type of a repeat ticket (REP-T1..T4)."""

    SAME_PROBLEM = "same_problem"
    RELATED_PROBLEM = "related_problem"
    NOT_FULLY_RESOLVED = "not_fully_resolved"
    NEW_PROBLEM_SAME_CONTEXT = "new_problem_same_context"

    def __new__(cls, value: str) -> Self: ...
    @property
    def is_same_problem(self) -> bool: ...

    @property
    def label_en(self) -> str: ...
    @property
    def label_ru(self) -> str: ...
    @property
    def rule(self) -> Optional[str]: ...

class RecurrenceCause(str, Enum):
    """Why a problem recurred (REP-C1..C4), or not yet known (REP-C0)."""

    NOT_YET_KNOWN = "not_yet_known"
    NOT_APPLIED = "not_applied"
    NOT_FULLY_SOLVED = "not_fully_solved"
    NEW_PROBLEM = "new_problem"
    CONDITIONS_CHANGED = "conditions_changed"

    def __new__(cls, value: str) -> Self: ...
    @property
    def is_known(self) -> bool: ...

    @property
    def label_en(self) -> str: ...
    @property
    def label_ru(self) -> str: ...
    @property
    def rule(self) -> Optional[str]: ...

class RepeatAction(str, Enum):
    """The action a cause calls for (REP-5)."""

    REMIND_EARLIER_SOLUTION = "remind_earlier_solution"
    FIND_ALTERNATIVE = "find_alternative"
    HANDLE_AS_NEW = "handle_as_new"
    ADAPT_SOLUTION = "adapt_solution"

    def __new__(cls, value: str) -> Self: ...

    @property
    def label_en(self) -> str: ...
    @property
    def label_ru(self) -> str: ...
    @property
    def rule(self) -> Optional[str]: ...
    @classmethod
    def for_cause(cls, cause: Union[RecurrenceCause, str]) -> Optional[RepeatAction]: ...

class HistoryCheck(str, Enum):
    """The checks of the client's history REP-1 asks for."""

    CLIENT_HISTORY = "client_history"
    SIMILAR_SOLVED = "similar_solved"
    CLIENT_MENTION = "client_mention"
    KEYWORD_SEARCH = "keyword_search"

    def __new__(cls, value: str) -> Self: ...

    @property
    def label_en(self) -> str: ...
    @property
    def label_ru(self) -> str: ...
    @property
    def rule(self) -> Optional[str]: ...

class TypicalError(str, Enum):
    """The typical errors of the repeat regulation (REP-ERR)."""

    NOT_DETECTED = "not_detected"
    CAUSE_NOT_ANALYZED = "cause_not_analyzed"
    NOT_LINKED = "not_linked"
    NO_RECOMMENDATIONS = "no_recommendations"

    def __new__(cls, value: str) -> Self: ...

    @property
    def label_en(self) -> str: ...
    @property
    def label_ru(self) -> str: ...
    @property
    def rule(self) -> Optional[str]: ...
    @property
    def cause_ru(self) -> str: ...
    @property
    def remedy_ru(self) -> str: ...

class EscalationTask(str, Enum):
    """What REP-S1 asks for a chronic problem, in order."""

    DEEP_ANALYSIS = "deep_analysis"
    SYSTEMIC_REVIEW = "systemic_review"
    ESCALATE = "escalate"
    COMPREHENSIVE_SOLUTION = "comprehensive_solution"
    REGULAR_RECHECKS = "regular_rechecks"

    def __new__(cls, value: str) -> Self: ...

    @property
    def label_en(self) -> str: ...
    @property
    def label_ru(self) -> str: ...
    @property
    def rule(self) -> Optional[str]: ...

class SupportAction(str, Enum):
    """What REP-S2 asks for a client who keeps not applying solutions."""

    FIND_OUT_WHY = "find_out_why"
    CLEARER_INSTRUCTIONS = "clearer_instructions"
    OFFER_HELP = "offer_help"
    TRAIN_CLIENT = "train_client"

    def __new__(cls, value: str) -> Self: ...

    @property
    def label_en(self) -> str: ...
    @property
    def label_ru(self) -> str: ...
    @property
    def rule(self) -> Optional[str]: ...

class UnmetCode(str, Enum):
    """The stable code of an unmet rule."""

    NOT_ALLOWED_IN_STATE = "not_allowed_in_state"
    NOT_VERIFIED = "not_verified"
    VERIFICATION_CHECK_FAILED = "verification_check_failed"
    NOT_CONFIRMED = "not_confirmed"
    REMINDER_NOT_SENT = "reminder_not_sent"
    CONFIRMATION_WAIT_NOT_ELAPSED = "confirmation_wait_not_elapsed"
    NOT_DOCUMENTED = "not_documented"
    DOCUMENTATION_STALE = "documentation_stale"
    DOCUMENTATION_FIELD_MISSING = "documentation_field_missing"
    QUESTION_UNANSWERED = "question_unanswered"
    COMPLETENESS_NOT_CHECKED = "completeness_not_checked"
    INFORMATION_MISSING = "information_missing"
    KNOWLEDGE_BASE_DECISION_MISSING = "knowledge_base_decision_missing"
    KNOWLEDGE_BASE_REFERENCE_MISSING = "knowledge_base_reference_missing"
    FINAL_NOTIFICATION_NOT_SENT = "final_notification_not_sent"
    FIELD_REQUIRED = "field_required"
    PRODUCT_UPDATE_NOT_CONFIRMED = "product_update_not_confirmed"
    PRODUCT_UPDATE_NOT_DOCUMENTED = "product_update_not_documented"
    TEMPLATE_VALUE_MISSING = "template_value_missing"
    SELF_LINK = "self_link"
    INVALID_POLICY = "invalid_policy"
    DUPLICATE_LINK = "duplicate_link"
    UNKNOWN_TICKET = "unknown_ticket"
    LATER_TICKET = "later_ticket"
    REPEAT_TYPE_REQUIRED = "repeat_type_required"
    LINK_NOT_FOUND = "link_not_found"
    REPEAT_DECISION_MISSING = "repeat_decision_missing"
    HISTORY_NOT_CHECKED = "history_not_checked"
    REPEAT_LINKS_EXIST = "repeat_links_exist"
    NOT_A_REPEAT = "not_a_repeat"
    NOT_LINKED = "not_linked"
    ANALYSIS_MISSING = "analysis_missing"
    ANALYSED_TICKET_NOT_LINKED = "analysed_ticket_not_linked"
    CAUSE_NOT_DETERMINED = "cause_not_determined"
    ACTION_DOES_NOT_MATCH_CAUSE = "action_does_not_match_cause"
    SOLUTION_NOT_APPLIED = "solution_not_applied"
    CONDITIONS_CHANGE_NOT_DOCUMENTED = "conditions_change_not_documented"
    RECOMMENDATIONS_NOT_GIVEN = "recommendations_not_given"
    RECOMMENDATIONS_NOT_UNDERSTOOD = "recommendations_not_understood"

    def __new__(cls, value: str) -> Self: ...

class Priority(str, Enum):
    """A ticket's priority."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    CRITICAL = "critical"

    def __new__(cls, value: str) -> Self: ...

class Role(str, Enum):
    """An actor's role."""

    SPECIALIST = "specialist"
    LEAD = "lead"
    CLIENT = "client"
    SYSTEM = "system"

    def __new__(cls, value: str) -> Self: ...

class LinkKind(str, Enum):
    """The kind of a link between tickets."""

    REPEAT_OF = "repeat_of"
    RELATED_TO = "related_to"
    CONTINUATION_OF = "continuation_of"

    def __new__(cls, value: str) -> Self: ...

class RepeatDecision(str, Enum):
    """The REP-1 decision: a repeat or not."""

    REPEAT = "repeat"
    NOT_REPEAT = "not_repeat"

    def __new__(cls, value: str) -> Self: ...

class Direction(str, Enum):
    """Which way a message went."""

    TO_CLIENT = "to_client"
    FROM_CLIENT = "from_client"

    def __new__(cls, value: str) -> Self: ...

class ItemStatus(str, Enum):
    """Where a checklist item stands."""

    DONE = "done"
    PENDING = "pending"
    NOT_APPLICABLE = "not_applicable"

    def __new__(cls, value: str) -> Self: ...

class Locale(str, Enum):
    """The language of templates."""

    RU = "ru"
    EN = "en"

    def __new__(cls, value: str) -> Self: ...

class DayKind(str, Enum):
    """The kind of a calendar day."""

    WORKING = "working"
    SHORTENED = "shortened"
    WORKING_WEEKEND = "working_weekend"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    TRANSFERRED_DAY_OFF = "transferred_day_off"

    def __new__(cls, value: str) -> Self: ...
    @property
    def is_working(self) -> bool: ...

class MessageKind(str, Enum):
    """What a message of the communication log was for."""

    REGULAR = "regular"
    UPDATE_INSTRUCTIONS = "update_instructions"
    CONFIRMATION_REQUEST = "confirmation_request"
    CONFIRMATION_REMINDER = "confirmation_reminder"
    CONFIRMATION = "confirmation"
    NOT_SOLVED = "not_solved"
    INFORMATION_REQUEST = "information_request"
    FINAL_NOTIFICATION = "final_notification"
    REOPEN_NOTICE = "reopen_notice"

    def __new__(cls, value: str) -> Self: ...

class ReturnSource(str, Enum):
    """Why a ticket went back to work."""

    SPECIALIST = "specialist"
    CLIENT_NOT_SOLVED = "client_not_solved"
    REOPEN = "reopen"

    def __new__(cls, value: str) -> Self: ...

class Regulation(str, Enum):
    """Which of the two regulations a rule belongs to."""

    REPEAT = "repeat"
    CLOSING = "closing"

    def __new__(cls, value: str) -> Self: ...

class TemplateId(str, Enum):
    """A template of the regulation."""

    FINAL_NOTIFICATION = "final_notification"
    SOLUTION_DOCUMENTATION = "solution_documentation"
    CONFIRMATION_REQUEST = "confirmation_request"
    CONFIRMATION_REMINDER = "confirmation_reminder"
    REPEAT_REPLY = "repeat_reply"

    def __new__(cls, value: str) -> Self: ...
    @property
    def rule(self) -> Optional[str]: ...
    @property
    def description(self) -> str: ...

# ---------------------------------------------------------------- errors

class TicketryError(Exception):
    code: str
    details: Dict[str, Any]
    message: str
    def __init__(self, message: str, details: Optional[Mapping[str, Any]] = None) -> None: ...

class RefusedError(TicketryError):
    command: Optional[CommandKind]
    unmet: List[Unmet]
    @property
    def rules(self) -> List[str]: ...

class InvalidInputError(TicketryError, ValueError):
    field: str

class InvalidTypeError(InvalidInputError, TypeError): ...

class VersionConflictError(TicketryError):
    expected: int
    actual: int

class AlreadyOpenedError(TicketryError): ...

class DuplicateTicketError(TicketryError, ValueError):
    ticket_id: str

class UnknownTicketError(TicketryError, KeyError):
    ticket_id: str

class LogError(TicketryError, ValueError):
    path: Optional[str]
    line: Optional[int]
    index: Optional[int]
    seq: Optional[int]
    cause: Optional[TicketryError]

class PolicyError(TicketryError, ValueError):
    field: str

class TemplateError(TicketryError, ValueError):
    template: str
    missing: List[str]

class CalendarError(TicketryError, ValueError): ...
class InternalError(TicketryError, RuntimeError): ...
class ConcurrentUseError(TicketryError, RuntimeError): ...
class IndexFullError(TicketryError, RuntimeError): ...

# ---------------------------------------------------------------- value types

@dataclass(frozen=True)
class Actor:
    id: str
    role: Role
    name: Optional[str] = None
    @classmethod
    def specialist(cls, id: str, name: str) -> Actor: ...
    @classmethod
    def system(cls, id: str) -> Actor: ...
    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> Actor: ...
    @property
    def display_name(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...

ActorLike = Union[Actor, Mapping[str, Any]]

@dataclass(frozen=True)
class Unmet:
    rule: str
    code: UnmetCode
    field: Optional[str]
    message_en: str
    message_ru: str
    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> Unmet: ...
    def to_dict(self) -> Dict[str, Any]: ...
    @property
    def typical_error(self) -> Optional[TypicalError]: ...

@dataclass(frozen=True)
class Event:
    seq: int
    at: _dt.datetime
    actor: Actor
    command: Mapping[str, Any]
    @property
    def kind(self) -> CommandKind: ...
    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> Event: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def __hash__(self) -> int: ...

@dataclass(frozen=True)
class Availability:
    command: CommandKind
    allowed: bool
    unmet: Tuple[Unmet, ...]
    def to_dict(self) -> Dict[str, Any]: ...
    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> Availability: ...

@dataclass(frozen=True)
class ChecklistItem:
    key: str
    rule: str
    title_ru: str
    title_en: str
    status: ItemStatus
    explanation_ru: str
    explanation_en: str
    def to_dict(self) -> Dict[str, Any]: ...
    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> ChecklistItem: ...

@dataclass(frozen=True)
class Escalation:
    tasks: Tuple[EscalationTask, ...]
    rechecks: Tuple[_dt.datetime, ...]
    def to_dict(self) -> Dict[str, Any]: ...
    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> Escalation: ...

@dataclass(frozen=True)
class ChronicProblem:
    tickets: Tuple[str, ...]
    recent: Tuple[str, ...]
    open: Tuple[str, ...]
    clients: Tuple[str, ...]
    products: Tuple[str, ...]
    subject: str
    first_opened_at: _dt.datetime
    last_opened_at: _dt.datetime
    escalation: Escalation
    def to_dict(self) -> Dict[str, Any]: ...
    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> ChronicProblem: ...

@dataclass(frozen=True)
class ClientNotApplying:
    client_id: str
    tickets: Tuple[str, ...]
    actions: Tuple[SupportAction, ...]
    def to_dict(self) -> Dict[str, Any]: ...
    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> ClientNotApplying: ...

@dataclass(frozen=True)
class SpecialDay:
    date: _dt.date
    kind: DayKind
    name: Optional[str] = None
    transferred_from: Optional[_dt.date] = None
    def to_dict(self) -> Dict[str, Any]: ...
    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> SpecialDay: ...

# ---------------------------------------------------------------- calendar, policy

class Calendar:
    def __init__(self, raw: Any) -> None: ...
    @classmethod
    def russia(cls) -> Calendar: ...
    @classmethod
    def weekends_only(cls) -> Calendar: ...
    @classmethod
    def from_json(cls, json_text: str) -> Calendar: ...
    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> Calendar: ...
    @classmethod
    def from_xmlcalendar(cls, xml: str) -> Calendar: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def merged(self, other: Calendar) -> Calendar: ...
    @property
    def years(self) -> List[int]: ...
    def covers(self, year: int) -> bool: ...
    def days(self) -> List[SpecialDay]: ...
    def day_kind(self, day: _dt.date) -> DayKind: ...
    def holiday_name(self, day: _dt.date) -> Optional[str]: ...
    def is_working_day(self, day: _dt.date) -> bool: ...
    def next_working_day(self, day: _dt.date) -> _dt.date: ...
    def add_business_days(self, day: _dt.date, n: int) -> _dt.date: ...
    def business_days_between(self, start: _dt.date, end: _dt.date) -> int: ...
    def business_deadline(self, start: _dt.datetime, n: int, time_zone: str) -> _dt.datetime: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class Policy:
    def __init__(self, values: Optional[Mapping[str, Any]] = None, **overrides: Any) -> None: ...
    @classmethod
    def default(cls) -> Policy: ...
    @classmethod
    def from_json(cls, json_text: str) -> Policy: ...
    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> Policy: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    @property
    def confirmation_wait_business_days(self) -> int: ...
    @property
    def locale(self) -> Locale: ...
    @property
    def time_zone(self) -> str: ...
    @property
    def team_signature(self) -> Dict[str, str]: ...
    @property
    def repeat(self) -> Dict[str, Any]: ...
    @property
    def detection(self) -> Dict[str, Any]: ...
    @property
    def calendar(self) -> Calendar: ...
    def with_calendar(self, calendar: Calendar) -> Policy: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

# ---------------------------------------------------------------- tickets

CommandLike = Mapping[str, Any]
Directory = Mapping[str, _dt.datetime]

class Ticket:
    def __init__(self, raw: Any) -> None: ...
    @classmethod
    def open(cls, new_ticket: Mapping[str, Any], *, at: _dt.datetime, actor: ActorLike) -> Ticket: ...
    @classmethod
    def from_json(cls, json_text: str) -> Ticket: ...
    @classmethod
    def from_dict(cls, log: Mapping[str, Any]) -> Ticket: ...
    @classmethod
    def from_events(cls, events: Sequence[Union[Event, Mapping[str, Any]]]) -> Ticket: ...
    def apply(
        self,
        command: CommandLike,
        *,
        at: _dt.datetime,
        actor: ActorLike,
        policy: Optional[Policy] = None,
        expected_version: Optional[int] = None,
        directory: Optional[Directory] = None,
    ) -> Event: ...
    def check(
        self,
        command: CommandLike,
        *,
        at: _dt.datetime,
        actor: ActorLike,
        policy: Optional[Policy] = None,
        directory: Optional[Directory] = None,
    ) -> None: ...
    def can(
        self,
        command: Union[CommandLike, CommandKind, str],
        *,
        at: _dt.datetime,
        actor: Optional[ActorLike] = None,
        policy: Optional[Policy] = None,
    ) -> bool: ...
    def why_blocked(
        self, command: Union[CommandKind, str], *, at: _dt.datetime, policy: Optional[Policy] = None
    ) -> List[Unmet]: ...
    def available_commands(self, *, at: _dt.datetime, policy: Optional[Policy] = None) -> List[Availability]: ...
    def mark_close_possible_from(self, policy: Optional[Policy] = None) -> Optional[_dt.datetime]: ...
    @property
    def id(self) -> str: ...
    @property
    def status(self) -> Status: ...
    @property
    def version(self) -> int: ...
    @property
    def state(self) -> Dict[str, Any]: ...
    @property
    def client_id(self) -> str: ...
    @property
    def created_at(self) -> _dt.datetime: ...
    @property
    def updated_at(self) -> _dt.datetime: ...
    @property
    def handling_minutes(self) -> int: ...
    @property
    def reopen_count(self) -> int: ...
    @property
    def time_to_resolve(self) -> Optional[_dt.timedelta]: ...
    @property
    def is_repeat(self) -> bool: ...
    @property
    def has_communication(self) -> bool: ...
    @property
    def unanswered_questions(self) -> List[Dict[str, Any]]: ...
    @property
    def history(self) -> List[Event]: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def closing_checklist(self, policy: Optional[Policy] = None) -> List[ChecklistItem]: ...
    def repeat_checklist(self, policy: Optional[Policy] = None) -> List[ChecklistItem]: ...
    def final_notification(self, specialist_name: str, policy: Optional[Policy] = None) -> str: ...
    def repeat_reply(self, specialist_name: str, policy: Optional[Policy] = None) -> str: ...
    def solution_documentation(self, closing_time: _dt.datetime, policy: Optional[Policy] = None) -> str: ...
    def confirmation_request(self, reminder: bool = False, policy: Optional[Policy] = None) -> str: ...
    def detection_doc(self) -> Dict[str, Any]: ...
    def detection_query(self) -> Dict[str, Any]: ...
    def repeat_analysis(self) -> Dict[str, Any]: ...
    def copy(self) -> Ticket: ...
    def __copy__(self) -> Ticket: ...
    def __deepcopy__(self, memo: Any) -> Ticket: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class Archive:
    def __init__(self, tickets: Iterable[Ticket] = ()) -> None: ...
    @classmethod
    def from_json_lines(cls, json_lines: str) -> Archive: ...
    @classmethod
    def read_json_lines(cls, path: Union[str, os.PathLike[str]]) -> Archive: ...
    @classmethod
    def from_dicts(cls, logs: Iterable[Mapping[str, Any]]) -> Archive: ...
    def to_json_lines(self) -> str: ...
    def write_json_lines(self, path: Union[str, os.PathLike[str]]) -> None: ...
    def to_dicts(self) -> List[Dict[str, Any]]: ...
    def __len__(self) -> int: ...
    def __contains__(self, ticket_id: object) -> bool: ...
    def __iter__(self) -> Iterator[Ticket]: ...
    def ids(self) -> List[str]: ...
    def __getitem__(self, ticket_id: str) -> Ticket: ...
    def get(self, ticket_id: str) -> Optional[Ticket]: ...
    def insert(self, ticket: Ticket) -> None: ...
    def open(self, new_ticket: Mapping[str, Any], *, at: _dt.datetime, actor: ActorLike) -> Ticket: ...
    def apply(
        self,
        ticket_id: str,
        command: CommandLike,
        *,
        at: _dt.datetime,
        actor: ActorLike,
        policy: Optional[Policy] = None,
        expected_version: Optional[int] = None,
    ) -> Event: ...
    def client_history(self, client_id: str) -> List[str]: ...
    def earlier_client_tickets(self, ticket_id: str) -> List[str]: ...
    def linked_from(self, ticket_id: str) -> List[str]: ...
    def repeat_chain(self, ticket_id: str) -> List[str]: ...
    def dangling_links(self) -> List[Tuple[str, str]]: ...
    def chronic_problems(self, *, at: _dt.datetime, policy: Optional[Policy] = None) -> List[ChronicProblem]: ...
    def chronic_problem_of(
        self, ticket_id: str, *, at: _dt.datetime, policy: Optional[Policy] = None
    ) -> Optional[ChronicProblem]: ...
    def clients_not_applying_solutions(
        self, *, at: _dt.datetime, policy: Optional[Policy] = None
    ) -> List[ClientNotApplying]: ...
    def detect(self, query: Mapping[str, Any], policy: Optional[Policy] = None) -> Detection: ...
    def detector(self) -> Detector: ...
    def copy(self) -> Archive: ...
    def __copy__(self) -> Archive: ...
    def __deepcopy__(self, memo: Any) -> Archive: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

# ---------------------------------------------------------------- detection (REP-1)

class Decision(str, Enum):
    NOT_A_REPEAT = "not_a_repeat"
    POSSIBLE_REPEAT = "possible_repeat"
    LIKELY_REPEAT = "likely_repeat"
    def __new__(cls, value: str) -> Self: ...
    @property
    def rank(self) -> int: ...
    @property
    def rule(self) -> str: ...
    @property
    def label_en(self) -> str: ...
    @property
    def label_ru(self) -> str: ...

class Outcome(str, Enum):
    OPEN = "open"
    SOLVED = "solved"
    CLOSED_WITHOUT_CONFIRMATION = "closed_without_confirmation"
    REOPENED = "reopened"
    def __new__(cls, value: str) -> Self: ...
    @property
    def is_closed(self) -> bool: ...
    @property
    def label_en(self) -> str: ...
    @property
    def label_ru(self) -> str: ...

class Field(str, Enum):
    SUBJECT = "subject"
    DESCRIPTION = "description"
    def __new__(cls, value: str) -> Self: ...

class IgnoredBecause(str, Enum):
    UNKNOWN = "unknown"
    NOT_EARLIER = "not_earlier"
    ITSELF = "itself"
    def __new__(cls, value: str) -> Self: ...
    @property
    def label_en(self) -> str: ...
    @property
    def label_ru(self) -> str: ...

@dataclass(frozen=True)
class Reference:
    id: str
    field: Field
    start: int
    end: int
    text: str
    @classmethod
    def from_dict(cls, v: Mapping[str, Any]) -> Reference: ...
    def to_dict(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class FoundReference:
    id: str
    start: int
    end: int
    text: str
    @classmethod
    def from_dict(cls, v: Mapping[str, Any]) -> FoundReference: ...
    def to_dict(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Signals:
    same_client: bool
    reference: Optional[Reference]
    text_similarity: float
    shared_terms: Tuple[str, ...]
    same_product: bool
    days_before: float
    recency: float
    outcome: Outcome
    @classmethod
    def from_dict(cls, v: Mapping[str, Any]) -> Signals: ...
    def to_dict(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Contributions:
    text: float
    same_client: float
    same_product: float
    recency: float
    reference: float
    @classmethod
    def from_dict(cls, v: Mapping[str, Any]) -> Contributions: ...
    def to_dict(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Candidate:
    id: str
    score: float
    decision: Decision
    signals: Signals
    contributions: Contributions
    suggested_type: RepeatType
    type_confidence: float
    solution: Optional[str] = None
    @classmethod
    def from_dict(cls, v: Mapping[str, Any]) -> Candidate: ...
    def to_dict(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Detection:
    candidates: Tuple[Candidate, ...]
    decision: Decision
    ignored_references: Tuple[Tuple[Reference, IgnoredBecause], ...]
    @classmethod
    def from_dict(cls, v: Mapping[str, Any]) -> Detection: ...
    @property
    def ids(self) -> List[str]: ...
    def to_dict(self) -> Dict[str, Any]: ...

class Detector:
    def __init__(self, docs: Iterable[Mapping[str, Any]] = ()) -> None: ...
    @classmethod
    def from_docs(cls, docs: Union[Iterable[Mapping[str, Any]], str]) -> Detector: ...
    @classmethod
    def from_json_lines(cls, json_lines: str) -> Detector: ...
    def upsert(self, doc: Mapping[str, Any]) -> None: ...
    def set_outcome(self, id: str, outcome: Union[Outcome, str]) -> bool: ...
    def remove(self, id: str) -> bool: ...
    def __contains__(self, id: object) -> bool: ...
    def contains(self, id: str) -> bool: ...
    def __len__(self) -> int: ...
    def compact(self) -> None: ...
    def heap_bytes(self) -> int: ...
    def text_similarity(self, a: str, b: str) -> float: ...
    def detect(self, query: Mapping[str, Any], policy: Optional[Policy] = None) -> Detection: ...
    def detect_many(self, queries: Sequence[Mapping[str, Any]], policy: Optional[Policy] = None) -> List[Detection]: ...
    def copy(self) -> Detector: ...

def find_references(text_value: str, format: Optional[Mapping[str, Any]] = None) -> List[FoundReference]: ...
def analyze(text_value: str) -> List[Tuple[str, int, int]]: ...

# ---------------------------------------------------------------- functions

def command(type_: Union[CommandKind, str], /, **fields: Any) -> Dict[str, Any]: ...
def new_ticket(**fields: Any) -> Dict[str, Any]: ...
def detection_query(new_ticket: Mapping[str, Any], *, at: _dt.datetime) -> Dict[str, Any]: ...
def transitions() -> List[Dict[str, Any]]: ...
def mermaid_diagram() -> str: ...
def recommended_action(cause: Union[RecurrenceCause, str]) -> Optional[RepeatAction]: ...
def typical_error(unmet: Unmet) -> Optional[TypicalError]: ...
def is_placeholder(value: str) -> bool: ...
def contains_template_placeholder(value: str) -> bool: ...
def format_duration(duration: _dt.timedelta, locale: Union[Locale, str]) -> str: ...

__all__ = [
    "CONFIRMATION_WAIT_RANGE",
    "IndexFullError",
    "MAX_ID_CHARS",
    "MessageKind",
    "Regulation",
    "ReturnSource",
    "TemplateId",
    "detection_query",
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
