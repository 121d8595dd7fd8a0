"""Repeat detection (REP-1): the core's ``Detector`` and its results.

Documents and queries are dicts of the core's JSON shape (``opened_at`` a
timezone-aware ``datetime`` or RFC 3339 text); results are frozen
dataclasses and ``str`` enums. Every weight and threshold is the core's
(``Policy.detection``)."""

from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from ticketry import _ticketry
from ticketry._convert import dumps, loads, plain, text
from ticketry._enums import RepeatType, _StrEnum
from ticketry._errors import invalid

Doc = Mapping[str, Any]
"""A ``DetectionDoc``: ``id``, ``client_id``, ``product``, ``opened_at``,
``subject``, ``description``, ``outcome`` (optional)."""
Query = Mapping[str, Any]
"""A ``DetectionQuery``: a ``DetectionDoc`` without ``outcome``, ``id`` optional."""


class _Labelled(_StrEnum):
    """A detection value with the core's labels."""

    @property
    def label_en(self) -> str:
        """The label in English (from the core)."""
        return _LABELS[(type(self).__name__, self.value)][0]

    @property
    def label_ru(self) -> str:
        """The label in Russian (from the core)."""
        return _LABELS[(type(self).__name__, self.value)][1]


_LABELS: Dict[Tuple[str, str], Tuple[str, str]] = {
    (cls, row[0]): (row[1], row[2])
    for cls, name in (("Outcome", "outcome"), ("Decision", "decision"), ("IgnoredBecause", "ignored_because"))
    for row in _ticketry.detection_labels(name)
}


class Decision(_Labelled):
    """How likely a repeat is (ordered: not < possible < likely)."""

    NOT_A_REPEAT = "not_a_repeat"
    POSSIBLE_REPEAT = "possible_repeat"
    LIKELY_REPEAT = "likely_repeat"

    @property
    def rank(self) -> int:
        """0, 1 or 2, in the core's order."""
        return list(Decision).index(self)

    @property
    def rule(self) -> str:
        """The ID of the rule the decision serves (from the core)."""
        return _ticketry.decision_rule(self.value)


class Outcome(_Labelled):
    """Whether and how an earlier ticket was solved."""

    OPEN = "open"
    SOLVED = "solved"
    CLOSED_WITHOUT_CONFIRMATION = "closed_without_confirmation"
    REOPENED = "reopened"

    @property
    def is_closed(self) -> bool:
        """Whether the ticket is closed (the core's ``is_closed``)."""
        return _ticketry.outcome_is_closed(self.value)


class Field(_StrEnum):
    """The field of the new ticket a mention was found in."""

    SUBJECT = "subject"
    DESCRIPTION = "description"


class IgnoredBecause(_Labelled):
    """Why a mentioned id does not count."""

    UNKNOWN = "unknown"
    NOT_EARLIER = "not_earlier"
    ITSELF = "itself"


def _m(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise invalid(what, f"must be a dict, not {type(value).__name__}", wrong_type=True)
    return value


@dataclass(frozen=True)
class Reference:
    """A ticket the client mentions. ``start``/``end`` are UTF-8 byte offsets
    in ``field`` (as the core reports them)."""

    id: str
    field: Field
    start: int
    end: int
    text: str

    @classmethod
    def from_dict(cls, v: Mapping[str, Any]) -> "Reference":
        return cls(str(v["id"]), Field(v["field"]), int(v["start"]), int(v["end"]), str(v["text"]))

    def to_dict(self) -> Dict[str, Any]:
        out: Dict[str, Any] = plain(self)
        return out


@dataclass(frozen=True)
class FoundReference:
    """A mention found in a text by :func:`find_references` (byte offsets)."""

    id: str
    start: int
    end: int
    text: str

    @classmethod
    def from_dict(cls, v: Mapping[str, Any]) -> "FoundReference":
        return cls(str(v["id"]), int(v["start"]), int(v["end"]), str(v["text"]))

    def to_dict(self) -> Dict[str, Any]:
        out: Dict[str, Any] = plain(self)
        return out


@dataclass(frozen=True)
class Signals:
    """The evidence behind a candidate, signal by signal."""

    same_client: bool
    reference: Optional[Reference]
    text_similarity: float
    shared_terms: Tuple[str, ...]
    same_product: bool
    days_before: float
    recency: float
    outcome: Outcome

    @classmethod
    def from_dict(cls, v: Mapping[str, Any]) -> "Signals":
        ref = v.get("reference")
        return cls(
            bool(v["same_client"]),
            None if ref is None else Reference.from_dict(ref),
            float(v["text_similarity"]),
            tuple(str(t) for t in v["shared_terms"]),
            bool(v["same_product"]),
            float(v["days_before"]),
            float(v["recency"]),
            Outcome(v["outcome"]),
        )

    def to_dict(self) -> Dict[str, Any]:
        out: Dict[str, Any] = plain(self)
        return out


@dataclass(frozen=True)
class Contributions:
    """What each signal added to the score."""

    text: float
    same_client: float
    same_product: float
    recency: float
    reference: float

    @classmethod
    def from_dict(cls, v: Mapping[str, Any]) -> "Contributions":
        return cls(*(float(v[k]) for k in ("text", "same_client", "same_product", "recency", "reference")))

    def to_dict(self) -> Dict[str, Any]:
        out: Dict[str, Any] = plain(self)
        return out


@dataclass(frozen=True)
class Candidate:
    """An earlier ticket the new one may repeat."""

    id: str
    score: float
    decision: Decision
    signals: Signals
    contributions: Contributions
    suggested_type: RepeatType
    type_confidence: float
    solution: Optional[str] = None

    @classmethod
    def from_dict(cls, v: Mapping[str, Any]) -> "Candidate":
        return cls(
            str(v["id"]),
            float(v["score"]),
            Decision(v["decision"]),
            Signals.from_dict(v["signals"]),
            Contributions.from_dict(v["contributions"]),
            RepeatType(v["suggested_type"]),
            float(v["type_confidence"]),
            v.get("solution"),
        )

    def to_dict(self) -> Dict[str, Any]:
        out: Dict[str, Any] = plain(self)
        if self.solution is None:
            del out["solution"]
        return out


@dataclass(frozen=True)
class Detection:
    """What detection found for one new ticket: candidates best first, the
    best one's decision, and the mentions that do not count."""

    candidates: Tuple[Candidate, ...]
    decision: Decision
    ignored_references: Tuple[Tuple[Reference, IgnoredBecause], ...]

    @classmethod
    def from_dict(cls, v: Mapping[str, Any]) -> "Detection":
        v = _m(v, "detection")
        return cls(
            tuple(Candidate.from_dict(c) for c in v["candidates"]),
            Decision(v["decision"]),
            tuple((Reference.from_dict(r), IgnoredBecause(b)) for r, b in v["ignored_references"]),
        )

    @classmethod
    def _from_json(cls, value: str) -> "Detection":
        return cls.from_dict(loads(value))

    @property
    def ids(self) -> List[str]:
        """The candidates' ids, best first."""
        return [c.id for c in self.candidates]

    def to_dict(self) -> Dict[str, Any]:
        return {
            "candidates": [c.to_dict() for c in self.candidates],
            "decision": self.decision.value,
            "ignored_references": [[r.to_dict(), b.value] for r, b in self.ignored_references],
        }


def _policy_raw(policy: Any) -> "_ticketry.RawPolicy":
    from ticketry._api import Policy

    if policy is None:
        return Policy.default()._raw
    if not isinstance(policy, Policy):
        raise invalid("policy", f"must be a Policy, not {type(policy).__name__}", wrong_type=True)
    return policy._raw


def doc_json(value: Any, field: str = "doc") -> str:
    """A ``DetectionDoc`` or ``DetectionQuery`` dict as JSON text."""
    return dumps(dict(_m(value, field)), field)


class Detector:
    """The incremental in-memory index detection runs on (the core's ``Detector``).

    ``from_docs``, ``from_json_lines``, ``detect_many`` and ``compact`` run
    without the GIL; changing the detector while one of them runs in another
    thread raises :class:`ConcurrentUseError`."""

    __slots__ = ("_raw",)

    def __init__(self, docs: Iterable[Doc] = ()) -> None:
        self._raw = _ticketry.RawDetector()
        if isinstance(docs, (str, bytes, Mapping)):
            raise invalid("docs", "must be an iterable of dicts", wrong_type=True)
        for doc in docs:
            self.upsert(doc)

    @classmethod
    def _wrap(cls, raw: "_ticketry.RawDetector") -> "Detector":
        d = cls.__new__(cls)
        d._raw = raw
        return d

    @classmethod
    def from_docs(cls, docs: Union[Iterable[Doc], str]) -> "Detector":
        """A detector over many documents: dicts, or JSON Lines text (one
        ``DetectionDoc`` a line). Parsing and indexing run without the GIL."""
        if isinstance(docs, str):
            return cls.from_json_lines(docs)
        if isinstance(docs, (bytes, Mapping)):
            raise invalid("docs", "must be a list of dicts or JSON Lines text", wrong_type=True)
        try:
            items = list(docs)
        except TypeError:
            raise invalid("docs", "must be a list of dicts or JSON Lines text", wrong_type=True) from None
        return cls._wrap(_ticketry.RawDetector.from_docs([doc_json(d, f"docs[{i}]") for i, d in enumerate(items)]))

    @classmethod
    def from_json_lines(cls, json_lines: str) -> "Detector":
        """A detector from JSON Lines of ``DetectionDoc`` (blank lines skipped)."""
        return cls._wrap(_ticketry.RawDetector.from_json_lines(text(json_lines, "json_lines")))

    def upsert(self, doc: Doc) -> None:
        """Indexes a document; one with the same id is replaced."""
        self._raw.upsert(doc_json(doc))

    def set_outcome(self, id: str, outcome: Union[Outcome, str]) -> bool:
        """Changes a ticket's outcome; whether it was there."""
        return self._raw.set_outcome(text(id, "id"), text(outcome, "outcome"))

    def remove(self, id: str) -> bool:
        """Forgets a ticket; whether it was there."""
        return self._raw.remove(text(id, "id"))

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and self._raw.contains(id)

    def contains(self, id: str) -> bool:
        return self._raw.contains(text(id, "id"))

    def __len__(self) -> int:
        return self._raw.len()

    def compact(self) -> None:
        """Reclaims the space of removed and replaced tickets."""
        self._raw.compact()

    def heap_bytes(self) -> int:
        """About how much memory the index holds."""
        return self._raw.heap_bytes()

    def text_similarity(self, a: str, b: str) -> float:
        """The text similarity the detector scores with, in ``[0, 1]``."""
        return self._raw.text_similarity(text(a, "a"), text(b, "b"))

    def detect(self, query: Query, policy: Optional[Any] = None) -> Detection:
        """The earlier tickets a new one may repeat (REP-1); only tickets
        opened strictly before ``query["opened_at"]`` are candidates."""
        return Detection._from_json(self._raw.detect(doc_json(query, "query"), _policy_raw(policy)))

    def detect_many(self, queries: Sequence[Query], policy: Optional[Any] = None) -> List[Detection]:
        """:meth:`detect` of many queries, run without the GIL; in order."""
        if isinstance(queries, (str, bytes, Mapping)):
            raise invalid("queries", "must be a list of dicts", wrong_type=True)
        try:
            items = list(queries)
        except TypeError:
            raise invalid("queries", "must be a list of dicts", wrong_type=True) from None
        raw = self._raw.detect_many([doc_json(q, f"queries[{i}]") for i, q in enumerate(items)], _policy_raw(policy))
        return [Detection._from_json(r) for r in raw]

    def copy(self) -> "Detector":
        return Detector._wrap(self._raw.copy())

    def __repr__(self) -> str:
        return f"Detector(len={len(self)})"


def find_references(text_value: str, format: Optional[Mapping[str, Any]] = None) -> List[FoundReference]:
    """The ticket ids a text mentions (``T-`` and 3–12 digits by default, or
    ``format``: the core's ``ReferenceFormat`` as a dict)."""
    fmt = None if format is None else dumps(dict(_m(format, "format")), "format")
    return [FoundReference.from_dict(r) for r in loads(_ticketry.find_references(text(text_value, "text"), fmt))]


def analyze(text_value: str) -> List[Tuple[str, int, int]]:
    """The terms detection compares: ``(stem, start, end)``, byte offsets."""
    return _ticketry.analyze(text(text_value, "text"))

