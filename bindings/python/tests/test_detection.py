"""The detection API from Python: Detector, Archive.detect, results, errors."""

import datetime as dt
import threading
from typing import Any, Dict

import pytest

import ticketry
from ticketry import Candidate, Decision, Detection, Detector, Outcome, RepeatType

UTC = dt.timezone.utc


def doc(id: str, day: int, subject: str, client: str = "c-1", outcome: str = "solved") -> Dict[str, Any]:
    return {"id": id, "client_id": client, "product": "PASS24 Шлагбаум",
            "opened_at": dt.datetime(2025, 1, day, tzinfo=UTC), "subject": subject,
            "description": subject + ", не реагирует на пропуска", "outcome": outcome}


DOCS = [
    doc("T-101", 1, "Не открывается шлагбаум"),
    doc("T-102", 2, "Не приходит письмо для входа в личный кабинет", client="c-2"),
    doc("T-103", 3, "Турникет не пускает сотрудников", client="c-3", outcome="open"),
]
QUERY = {"client_id": "c-1", "product": "PASS24 Шлагбаум", "opened_at": dt.datetime(2025, 1, 20, tzinfo=UTC),
         "subject": "Шлагбаум опять не открывается", "description": "снова не открывается, как в T-101"}


def test_detect_finds_the_earlier_ticket() -> None:
    d = Detector.from_docs(DOCS)
    found = d.detect(QUERY)
    assert isinstance(found, Detection)
    top = found.candidates[0]
    assert isinstance(top, Candidate) and top.id == "T-101"
    assert found.decision is top.decision and isinstance(top.decision, Decision)
    assert top.signals.same_client and top.signals.reference is not None
    assert top.signals.reference.id == "T-101"
    assert isinstance(top.suggested_type, RepeatType) and top.signals.outcome is Outcome.SOLVED
    assert Detection.from_dict(found.to_dict()) == found
    assert hash(found) == hash(Detection.from_dict(found.to_dict()))


def test_only_earlier_tickets_and_never_itself() -> None:
    d = Detector.from_docs(DOCS)
    early = {**QUERY, "opened_at": dt.datetime(2025, 1, 1, tzinfo=UTC)}
    assert "T-101" not in d.detect(early).ids
    assert "T-101" not in d.detect({**QUERY, "id": "T-101"}).ids


def test_index_maintenance() -> None:
    d = Detector()
    for x in DOCS:
        d.upsert(x)
    assert len(d) == 3 and "T-101" in d and d.contains("T-102") and "T-999" not in d
    assert d.remove("T-101") and not d.remove("T-101") and len(d) == 2
    assert "T-101" not in d.detect(QUERY).ids
    assert d.set_outcome("T-103", Outcome.REOPENED) and not d.set_outcome("T-101", "solved")
    d.compact()
    assert d.heap_bytes() > 0 and len(d.copy()) == 2
    assert 0.0 <= d.text_similarity("шлагбаум не открывается", "не открывается шлагбаум") <= 1.0
    assert d.text_similarity("шлагбаум", "шлагбаум") > d.text_similarity("шлагбаум", "личный кабинет")


def test_batch_equals_one_by_one_and_jsonl() -> None:
    d = Detector.from_docs(DOCS)
    import json

    lines = "\n".join(json.dumps({**x, "opened_at": x["opened_at"].isoformat()}) for x in DOCS)
    e = Detector.from_docs(lines)
    queries = [QUERY, {**QUERY, "client_id": "c-3", "subject": "турникет не пускает"}]
    assert d.detect_many(queries) == [d.detect(q) for q in queries] == e.detect_many(queries)


def test_policy_detection_is_the_cores() -> None:
    assert ticketry.Policy().detection["max_candidates"] >= 1
    one = ticketry.Policy({"detection": {"max_candidates": 1}})
    assert one.detection["max_candidates"] == 1
    assert len(Detector.from_docs(DOCS).detect(QUERY, one).candidates) <= 1
    with pytest.raises(ticketry.PolicyError):
        ticketry.Policy({"detection": {"likely_threshold": 7}})


def test_bad_input() -> None:
    d = Detector()
    with pytest.raises(ticketry.InvalidInputError) as e:
        d.upsert({**DOCS[0], "opened_at": dt.datetime(2025, 1, 1)})  # naive
    with pytest.raises(ticketry.InvalidInputError) as e:
        d.upsert({k: v for k, v in DOCS[0].items() if k != "client_id"})
    assert "client_id" in e.value.field
    with pytest.raises(ticketry.InvalidInputError) as e:
        Detector.from_docs([DOCS[0], {**DOCS[1], "outcome": "maybe"}])
    assert e.value.field.startswith("docs[1]")
    with pytest.raises(ticketry.InvalidInputError):
        Detector.from_docs('{"id": "T-1"}\n')
    with pytest.raises(ticketry.InvalidTypeError):
        d.detect_many("not a list")  # type: ignore[arg-type]
    assert len(d) == 0


def test_archive_detect_tells_the_solution() -> None:
    anna = ticketry.Actor.specialist("anna", "Анна")
    archive = ticketry.Archive()
    archive.open(ticketry.new_ticket(id="T-900", client_id="c-1", contact_name="Ирина", product="PASS24 Шлагбаум",
                                     subject="Не открывается шлагбаум", description="Шлагбаум не реагирует на пропуска",
                                     priority="high"), at=dt.datetime(2025, 1, 1, tzinfo=UTC), actor=anna)
    found = archive.detect(QUERY)
    assert found.ids[0] == "T-900"
    assert archive.detector().contains("T-900") and len(archive.detector()) == len(archive)


def test_find_references_and_analyze() -> None:
    text = "по тикету #770, телефон +79779271434"
    refs = ticketry.find_references(text)
    assert [r.id for r in refs] == ["T-770"]
    raw = text.encode()
    assert raw[refs[0].start:refs[0].end].decode() == refs[0].text
    assert [r.id for r in ticketry.find_references("заявка 7701", {"prefix": "Z-"})] == ["Z-7701"]
    terms = ticketry.analyze("Турникеты не пускают")
    assert terms and all(isinstance(s, str) and 0 <= a < b for s, a, b in terms)


def test_other_threads_run_during_detect_many() -> None:
    many = [doc(f"T-{1000 + i}", 1 + i % 27, f"Не открывается шлагбаум номер {i}", client=f"c-{i % 50}") for i in range(3000)]
    d = Detector.from_docs(many)
    ticks = []
    stop = threading.Event()

    def counter() -> None:
        while not stop.is_set():
            ticks.append(1)

    t = threading.Thread(target=counter)
    t.start()
    try:
        d.detect_many([QUERY] * 300)
    finally:
        stop.set()
        t.join()
    assert len(ticks) > 0
