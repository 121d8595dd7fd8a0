"""The regulation's names as Python enums.

Every enum is a ``str`` subclass whose values are the core's JSON names, so a
member can be used wherever the JSON names are (``Status.CLOSED == "closed"``).
Labels, rules and decision tables come from the core at import time; the
tests check every enum against the core's own lists.
"""

from enum import Enum
from typing import Dict, Optional, Tuple

from ticketry import _ticketry


class _StrEnum(str, Enum):
    """An enum whose members are their JSON names."""

    def __str__(self) -> str:
        return str(self.value)


_STATUSES: Dict[str, Tuple[str, str, str, bool]] = {row[0]: row for row in _ticketry.statuses()}
_NAMED: Dict[str, Tuple[str, Optional[str], str, str]] = {}
for _list in (
    "repeat_type",
    "recurrence_cause",
    "repeat_action",
    "history_check",
    "typical_error",
    "escalation_task",
    "support_action",
):
    for _row in _ticketry.named_values(_list):
        _NAMED[_row[0]] = _row
_TYPICAL: Dict[str, Tuple[str, str, str]] = {row[0]: row for row in _ticketry.typical_error_texts()}


class _Named(_StrEnum):
    """A name of the repeat regulation, with the core's labels and rule."""

    @property
    def label_en(self) -> str:
        """The label in English (from the core)."""
        return _NAMED[self.value][2]

    @property
    def label_ru(self) -> str:
        """The label in Russian, as the regulation words it (from the core)."""
        return _NAMED[self.value][3]

    @property
    def rule(self) -> Optional[str]:
        """The ID of the rule that defines it, if any (from the core)."""
        return _NAMED[self.value][1]


class Status(_StrEnum):
    """A ticket's status in the closure process, in lifecycle order."""

    IN_WORK = "in_work"
    AWAITING_UPDATE = "awaiting_update"
    VERIFIED = "verified"
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    CONFIRMATION_REMINDED = "confirmation_reminded"
    CONFIRMED = "confirmed"
    CLOSED = "closed"

    @property
    def label_en(self) -> str:
        """The status in English (from the core)."""
        return _STATUSES[self.value][1]

    @property
    def label_ru(self) -> str:
        """The status in Russian (from the core)."""
        return _STATUSES[self.value][2]

    @property
    def is_open(self) -> bool:
        """Whether a ticket in this status is open (from the core)."""
        return _STATUSES[self.value][3]


class CommandKind(_StrEnum):
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


class RepeatType(_Named):
    """The type of a repeat ticket (REP-T1..T4)."""

    SAME_PROBLEM = "same_problem"
    RELATED_PROBLEM = "related_problem"
    NOT_FULLY_RESOLVED = "not_fully_resolved"
    NEW_PROBLEM_SAME_CONTEXT = "new_problem_same_context"

    @property
    def is_same_problem(self) -> bool:
        """Whether the earlier problem itself came back (REP-T1, REP-T3; the core's table)."""
        return _ticketry.repeat_type_is_same_problem(self.value)


class RecurrenceCause(_Named):
    """Why a problem recurred (REP-C1..C4), or not yet known (REP-C0)."""

    NOT_YET_KNOWN = "not_yet_known"
    NOT_APPLIED = "not_applied"
    NOT_FULLY_SOLVED = "not_fully_solved"
    NEW_PROBLEM = "new_problem"
    CONDITIONS_CHANGED = "conditions_changed"

    @property
    def is_known(self) -> bool:
        """Whether the cause is determined (the core's ``is_known``)."""
        return _ticketry.cause_is_known(self.value)


class RepeatAction(_Named):
    """The action a cause calls for (REP-5)."""

    REMIND_EARLIER_SOLUTION = "remind_earlier_solution"
    FIND_ALTERNATIVE = "find_alternative"
    HANDLE_AS_NEW = "handle_as_new"
    ADAPT_SOLUTION = "adapt_solution"

    @classmethod
    def for_cause(cls, cause: "RecurrenceCause | str") -> "Optional[RepeatAction]":
        """REP-5, the core's decision table: the action for a cause (None for not yet known)."""
        from ticketry._convert import text

        action = _ticketry.recommended_action(text(cause, "cause"))
        return None if action is None else cls(action)


class HistoryCheck(_Named):
    """The checks of the client's history REP-1 asks for."""

    CLIENT_HISTORY = "client_history"
    SIMILAR_SOLVED = "similar_solved"
    CLIENT_MENTION = "client_mention"
    KEYWORD_SEARCH = "keyword_search"


class TypicalError(_Named):
    """The typical errors of the repeat regulation (REP-ERR)."""

    NOT_DETECTED = "not_detected"
    CAUSE_NOT_ANALYZED = "cause_not_analyzed"
    NOT_LINKED = "not_linked"
    NO_RECOMMENDATIONS = "no_recommendations"

    @property
    def cause_ru(self) -> str:
        """Why the error happens, in Russian (from the core)."""
        return _TYPICAL[self.value][1]

    @property
    def remedy_ru(self) -> str:
        """How to avoid it, in Russian (from the core)."""
        return _TYPICAL[self.value][2]


class EscalationTask(_Named):
    """What REP-S1 asks for a chronic problem, in order."""

    DEEP_ANALYSIS = "deep_analysis"
    SYSTEMIC_REVIEW = "systemic_review"
    ESCALATE = "escalate"
    COMPREHENSIVE_SOLUTION = "comprehensive_solution"
    REGULAR_RECHECKS = "regular_rechecks"


class SupportAction(_Named):
    """What REP-S2 asks for a client who keeps not applying solutions."""

    FIND_OUT_WHY = "find_out_why"
    CLEARER_INSTRUCTIONS = "clearer_instructions"
    OFFER_HELP = "offer_help"
    TRAIN_CLIENT = "train_client"


class UnmetCode(_StrEnum):
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


class Priority(_StrEnum):
    """A ticket's priority."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    CRITICAL = "critical"


class Role(_StrEnum):
    """An actor's role."""

    SPECIALIST = "specialist"
    LEAD = "lead"
    CLIENT = "client"
    SYSTEM = "system"


class LinkKind(_StrEnum):
    """The kind of a link between tickets."""

    REPEAT_OF = "repeat_of"
    RELATED_TO = "related_to"
    CONTINUATION_OF = "continuation_of"


class RepeatDecision(_StrEnum):
    """The REP-1 decision: a repeat or not."""

    REPEAT = "repeat"
    NOT_REPEAT = "not_repeat"


class Direction(_StrEnum):
    """Which way a message went."""

    TO_CLIENT = "to_client"
    FROM_CLIENT = "from_client"


class ItemStatus(_StrEnum):
    """Where a checklist item stands."""

    DONE = "done"
    PENDING = "pending"
    NOT_APPLICABLE = "not_applicable"


class Locale(_StrEnum):
    """The language of templates."""

    RU = "ru"
    EN = "en"


class DayKind(_StrEnum):
    """The kind of a calendar day."""

    WORKING = "working"
    SHORTENED = "shortened"
    WORKING_WEEKEND = "working_weekend"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    TRANSFERRED_DAY_OFF = "transferred_day_off"

    @property
    def is_working(self) -> bool:
        """Whether a day of this kind is a business day (the core's ``is_working``)."""
        return _ticketry.day_kind_is_working(self.value)


class MessageKind(_StrEnum):
    """What a message of the communication log was for (``state["messages"][i]["kind"]``)."""

    REGULAR = "regular"
    UPDATE_INSTRUCTIONS = "update_instructions"
    CONFIRMATION_REQUEST = "confirmation_request"
    CONFIRMATION_REMINDER = "confirmation_reminder"
    CONFIRMATION = "confirmation"
    NOT_SOLVED = "not_solved"
    INFORMATION_REQUEST = "information_request"
    FINAL_NOTIFICATION = "final_notification"
    REOPEN_NOTICE = "reopen_notice"


class ReturnSource(_StrEnum):
    """Why a ticket went back to work (``state["closure"]["returns"][i]["source"]``)."""

    SPECIALIST = "specialist"
    CLIENT_NOT_SOLVED = "client_not_solved"
    REOPEN = "reopen"


class Regulation(_StrEnum):
    """Which of the two regulations a rule belongs to."""

    REPEAT = "repeat"
    CLOSING = "closing"


_TEMPLATES: Dict[str, Tuple[str, Optional[str], str]] = {row[0]: row for row in _ticketry.template_ids_info()}


class TemplateId(_StrEnum):
    """A template of the regulation (the name a :class:`TemplateError` carries)."""

    FINAL_NOTIFICATION = "final_notification"
    SOLUTION_DOCUMENTATION = "solution_documentation"
    CONFIRMATION_REQUEST = "confirmation_request"
    CONFIRMATION_REMINDER = "confirmation_reminder"
    REPEAT_REPLY = "repeat_reply"

    @property
    def rule(self) -> Optional[str]:
        """The ID of the rule that defines the template, if the regulation gives one (from the core)."""
        return _TEMPLATES[self.value][1]

    @property
    def description(self) -> str:
        """What the template is, in English (the core's ``Display``)."""
        return _TEMPLATES[self.value][2]
