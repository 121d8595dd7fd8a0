"""Hypothesis bad input for the detection entry points: each works or raises a
documented TicketryError (bad input also a ValueError/TypeError); never a panic."""

import datetime as dt
from typing import Any, Dict

from hypothesis import given
from hypothesis import strategies as st

import ticketry
from ticketry import Detector
from test_fuzz import SETTINGS, anything, documented, json_like, texts

UTC = dt.timezone.utc
GOOD: Dict[str, Any] = {
    "id": "T-100", "client_id": "c-1", "product": "PASS24 Шлагбаум",
    "opened_at": dt.datetime(2025, 1, 1, tzinfo=UTC), "subject": "Не открывается шлагбаум",
    "description": "шлагбаум не реагирует на пропуска", "outcome": "solved",
}
QUERY: Dict[str, Any] = {**{k: v for k, v in GOOD.items() if k not in ("id", "outcome")},
                         "opened_at": dt.datetime(2025, 2, 1, tzinfo=UTC)}
docs = st.dictionaries(st.sampled_from(sorted(GOOD)) | texts, anything, max_size=8)
keys = st.sampled_from(sorted(GOOD))


def detector() -> Detector:
    return Detector.from_docs([GOOD])


@SETTINGS
@given(docs, docs)
def test_random_docs_and_queries(doc: Any, query: Any) -> None:
    d = detector()
    documented(lambda: d.upsert(doc))
    documented(lambda: d.detect(query))
    documented(lambda: d.detect_many([query, QUERY]))
    documented(lambda: Detector.from_docs([doc]))
    documented(lambda: ticketry.Archive().detect(query))
    assert len(d) >= 1


@SETTINGS
@given(keys, anything)
def test_valid_doc_and_query_with_one_value_changed(key: str, value: Any) -> None:
    d = detector()
    documented(lambda: d.upsert({**GOOD, "id": "T-200", key: value}))
    documented(lambda: d.detect({**QUERY, key: value}))
    documented(lambda: d.detect_many([{**QUERY, key: value}]))
    documented(lambda: Detector.from_docs([GOOD, {**GOOD, "id": "T-201", key: value}]))


@SETTINGS
@given(anything, anything, texts)
def test_random_arguments(a: Any, b: Any, text: str) -> None:
    d = detector()
    for call in (
        lambda: Detector.from_docs(a),
        lambda: Detector.from_json_lines(a),
        lambda: Detector.from_docs(text),
        lambda: d.remove(a),
        lambda: d.contains(a),
        lambda: d.set_outcome(a, b),
        lambda: d.text_similarity(a, b),
        lambda: d.text_similarity(text, text),
        lambda: d.detect(QUERY, a),
        lambda: d.detect_many(a),
        lambda: ticketry.find_references(a),
        lambda: ticketry.find_references(text, a),
        lambda: ticketry.analyze(a),
        lambda: ticketry.analyze(text),
        lambda: ticketry.Policy({"detection": a}),
        lambda: ticketry.Policy({"detection": {"likely_threshold": a}}),
    ):
        documented(call)
    assert a in d or a not in d


@SETTINGS
@given(json_like)
def test_random_json_lines(value: Any) -> None:
    import json

    documented(lambda: Detector.from_json_lines(json.dumps(value, default=str)))
