"""Repeat detection (REP-1) in Python: is a new ticket a repeat of an earlier one?

    pip install ./bindings/python
    python examples/python/detect_repeats.py

An archive holds a client's earlier tickets (one worked and closed). A new
ticket arrives: before it is opened, its detection query is ranked against
the archive; the best candidate comes with its signals and a suggested
repeat type. Then the same with a standalone `Detector` built
from the tickets' detection documents, a batch of queries (without the GIL),
and the mentions of ticket numbers in free text. Every weight and threshold
is the core's (`Policy.detection`).
"""

import datetime as dt
import sys
from typing import Any, Dict, List

import ticketry
from ticketry import Actor, Archive, Decision, Detector, Policy, command

MSK = dt.timezone(dt.timedelta(hours=3), "MSK")
ANNA = Actor.specialist("anna", "Анна Смирнова")
POLICY = Policy()


def at(day: int, hour: int, month: int = 3) -> dt.datetime:
    return dt.datetime(2025, month, day, hour, tzinfo=MSK)


def new(ticket_id: str, client_id: str, product: str, subject: str, description: str) -> Dict[str, Any]:
    return ticketry.new_ticket(
        id=ticket_id,
        client_id=client_id,
        contact_name="Ирина Петрова",
        product=product,
        subject=subject,
        description=description,
    )


def earlier_tickets(archive: Archive) -> None:
    archive.open(
        new("T-770", "zhk-severny", "PASS24 Шлагбаум", "Не открывается шлагбаум", "Шлагбаум не реагирует на пропуска жителей"),
        at=at(3, 9, month=2), actor=ANNA,
    )
    archive.open(
        new("T-771", "zhk-severny", "Личный кабинет", "Не приходит письмо", "Не приходит письмо для восстановления пароля"),
        at=at(4, 9, month=2), actor=ANNA,
    )
    archive.open(
        new("T-772", "tc-solnechny", "PASS24 Шлагбаум", "Шлагбаум не открывается", "Шлагбаум на въезде не открывается по пропускам"),
        at=at(5, 9, month=2), actor=ANNA,
    )
    # T-770 is worked and verified (still open: its outcome is `open`).
    steps: List[Dict[str, Any]] = [
        command("add_diagnostic", summary="Контроллер шлагбаума не на связи"),
        command("log_work", minutes=40, note="Перезапуск контроллера"),
        command("verify_resolution", system_works=True, all_aspects_solved=True, no_related_problems=True, note="Проверено"),
    ]
    for i, cmd in enumerate(steps):
        archive.apply("T-770", cmd, at=at(3, 10 + i, month=2), actor=ANNA, policy=POLICY)


def main() -> int:
    archive = Archive()
    earlier_tickets(archive)
    print(f"archive: {len(archive)} tickets, {archive.ids()}")

    # 1. A new ticket, before it is opened: its query sees only earlier tickets.
    incoming = new("T-801", "zhk-severny", "PASS24 Шлагбаум", "Шлагбаум опять не открывается",
                   "Снова то же, что в тикете #770: шлагбаум не реагирует на пропуска")
    query = ticketry.detection_query(incoming, at=at(3, 9))
    found = archive.detect(query, POLICY)
    print(f"\n1. {incoming['id']}: {found.decision.value} ({found.decision.label_ru}), candidates {found.ids}")
    top = found.candidates[0]
    s = top.signals
    print(f"  best: {top.id} score {top.score:.2f}, {top.decision.value}, suggested type {top.suggested_type.value}")
    print(f"  signals: same client {s.same_client}, same product {s.same_product}, "
          f"text similarity {s.text_similarity:.2f}, {s.days_before:.0f} days before, outcome {s.outcome.value}")
    if s.reference is not None:
        print(f"  mentioned in the {s.reference.field.value}: {s.reference.text!r}")
    print(f"  shared terms: {', '.join(s.shared_terms)}")
    assert top.id == "T-770" and top.decision is not Decision.NOT_A_REPEAT

    # 2. A standalone detector from the tickets' own detection documents.
    detector = Detector.from_docs([t.detection_doc() for t in archive])
    detector.set_outcome("T-772", ticketry.Outcome.SOLVED)
    queries = [query, ticketry.detection_query(
        new("T-802", "tc-solnechny", "Личный кабинет", "Вопрос по счёту", "Где взять счёт за март"), at=at(4, 9))]
    for q, d in zip(queries, detector.detect_many(queries, POLICY)):
        print(f"\n2. {q['subject']!r}: {d.decision.value}, candidates {d.ids}")
    print(f"  index: {len(detector)} tickets, {detector.heap_bytes()} bytes")

    # 3. Mentions of ticket numbers in free text.
    refs = ticketry.find_references("Клиент пишет: см. заявку № 770 и T-771")
    print(f"\n3. mentions: {[r.id for r in refs]}")

    # Bad input is refused by the core with the field at fault.
    try:
        archive.detect({**query, "opened_at": "вчера"}, POLICY)
    except ticketry.InvalidInputError as err:
        print(f"\nrefused: {err.code} in `{err.field}`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
