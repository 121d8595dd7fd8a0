"""A ticket walked through the PASS24.online closing regulation in Python.

    pip install ./bindings/python
    python examples/python/close_ticket.py

A barrier ticket is worked and verified; a close too early is refused with
every unmet rule; the paperwork is done and the ticket closes. Then the
client comes back: the repeat ticket goes through the repeat workflow in an
archive, and a third visit makes it a chronic problem (REP-S1).
"""

import datetime as dt
import sys
from typing import Any, Dict, List

import ticketry
from ticketry import Actor, Archive, Policy, RefusedError, Ticket, command

MSK = dt.timezone(dt.timedelta(hours=3), "MSK")
ANNA = Actor.specialist("anna", "Анна Смирнова")
POLICY = Policy()  # the regulation's defaults, from the core


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> dt.datetime:
    """A Moscow time in 2025."""
    return dt.datetime(2025, month, day, hour, minute, tzinfo=MSK)


def barrier_ticket(ticket_id: str) -> Dict[str, Any]:
    return ticketry.new_ticket(
        id=ticket_id,
        client_id="zhk-severny",
        contact_name="Ирина Петрова",
        product="PASS24 Шлагбаум",
        subject="Не открывается шлагбаум по пропускам",
        description="С утра шлагбаум на въезде не реагирует на пропуска жителей",
        priority=ticketry.Priority.HIGH,
    )


DOCUMENTATION = command(
    "record_documentation",
    problem_description="Шлагбаум не открывался по постоянным пропускам",
    cause="После отключения питания контроллер потерял связь с сервером",
    applied_solution="Перезапустили контроллер и восстановили подключение к серверу",
    recommendations="Подключить контроллер к источнику бесперебойного питания",
    resources=["KB-118: Контроллер не на связи"],
)


def work_and_verify() -> List[Dict[str, Any]]:
    """The steps up to a verified solution and the confirmation request."""
    return [
        command("log_message", direction="to_client", text="Здравствуйте! Проверяем контроллер шлагбаума."),
        command("add_diagnostic", summary="Контроллер шлагбаума не на связи", details="ping 10.0.0.12: timeout"),
        command("log_work", minutes=45, note="Диагностика и перезапуск контроллера"),
        command(
            "verify_resolution",
            system_works=True,
            all_aspects_solved=True,
            no_related_problems=True,
            note="Проезд по трём пропускам проверен",
        ),
        command("request_confirmation"),
    ]


def paperwork() -> List[Dict[str, Any]]:
    return [
        command("record_confirmation", note="Да, всё работает"),
        DOCUMENTATION,
        command("check_completeness", diagnostics_apply=True),
        command("record_knowledge_base_decision", decision={"kind": "not_needed_already_covered", "article": "KB-118"}),
        command("send_final_notification"),
    ]


def show_refusal(err: RefusedError) -> None:
    print(f"  REFUSED `{err.command}`: {len(err.unmet)} unmet rule(s)")
    for unmet in err.unmet:
        print(f"    {unmet.rule:<8} [{unmet.code}] {unmet.message_ru}")


def close_a_ticket(archive: Archive) -> Ticket:
    print("1. T-900: a barrier that does not open")
    archive.open(barrier_ticket("T-900"), at=at(10, 9, month=2), actor=ANNA)
    for i, cmd in enumerate(work_and_verify()):
        archive.apply("T-900", cmd, at=at(10, 10, 5 * i, month=2), actor=ANNA, policy=POLICY)
    print(f"  status: {archive['T-900'].status.label_ru} ({archive['T-900'].status})")

    close = command("close", reason="Проблема решена", result="Проезд по пропускам восстановлен")
    try:
        archive.apply("T-900", close, at=at(10, 14, month=2), actor=ANNA, policy=POLICY)
        raise SystemExit("the regulation should have refused this close")
    except RefusedError as err:
        show_refusal(err)

    for i, cmd in enumerate(paperwork()):
        archive.apply("T-900", cmd, at=at(11, 9, 5 * i, month=2), actor=ANNA, policy=POLICY)
    event = archive.apply("T-900", close, at=at(11, 10, month=2), actor=ANNA, policy=POLICY)
    ticket = archive["T-900"]
    print(f"  closed at {event.at:%d.%m %H:%M} UTC, version {ticket.version}: {ticket.status.label_ru}")
    done = [item for item in ticket.closing_checklist(POLICY) if item.status == ticketry.ItemStatus.DONE]
    print(f"  CLS-CHK: {len(done)} of {len(ticket.closing_checklist(POLICY))} items done")
    return ticket


def repeat_workflow(archive: Archive, ticket_id: str, day: int, month: int) -> None:
    print(f"\n{ticket_id}: the client is back (the repeat workflow, REP)")
    archive.open(barrier_ticket(ticket_id), at=at(day, 9, month=month), actor=ANNA)
    print(f"  the client's earlier tickets (REP-1): {archive.earlier_client_tickets(ticket_id)}")
    analysis = archive["T-900"].repeat_analysis()  # pre-filled from T-900's documentation (REP-2)
    steps = [
        command(
            "record_repeat_decision",
            decision="repeat",
            checked=list(ticketry.HistoryCheck),
            reason="Клиент ссылается на прошлое обращение",
        ),
        command("link_ticket", target="T-900", kind="repeat_of", repeat_type=ticketry.RepeatType.SAME_PROBLEM, comment="Снова шлагбаум"),
        analysis,
        command("determine_cause", cause=ticketry.RecurrenceCause.NOT_APPLIED, explanation="ИБП так и не подключили"),
    ]
    for i, cmd in enumerate(steps):
        archive.apply(ticket_id, cmd, at=at(day, 10, i, month=month), actor=ANNA, policy=POLICY)
    action = ticketry.recommended_action(ticketry.RecurrenceCause.NOT_APPLIED)
    print(f"  REP-5: cause `not_applied` calls for `{action}` ({action.label_ru if action else '-'})")
    blocked = archive[ticket_id].why_blocked(ticketry.CommandKind.CLOSE, at=at(day, 11, month=month), policy=POLICY)
    print("  closing now is blocked by: " + ", ".join(sorted({u.rule for u in blocked if u.rule.startswith("REP")})))
    print(f"  repeat chain: {archive.repeat_chain(ticket_id)}")


def main() -> int:
    archive = Archive()
    closed = close_a_ticket(archive)
    assert closed.status == ticketry.Status.CLOSED
    print("\n2. Repeat tickets")
    repeat_workflow(archive, "T-950", 17, 3)
    repeat_workflow(archive, "T-990", 21, 4)

    print("\n3. Across the archive")
    for problem in archive.chronic_problems(at=at(28, 9, month=4), policy=POLICY):
        print(f"  REP-S1 chronic problem: {list(problem.tickets)} «{problem.subject}»")
        print("    next re-checks: " + ", ".join(f"{t:%d.%m}" for t in problem.escalation.rechecks))
    for client in archive.clients_not_applying_solutions(at=at(28, 9, month=4), policy=POLICY):
        print(f"  REP-S2 {client.client_id} keeps not applying solutions: {list(client.tickets)}")

    stored = archive.to_json_lines()
    again = Archive.from_json_lines(stored)
    print(f"\n  JSON Lines: {len(stored)} characters, {len(again)} tickets replayed; identical: {again == archive}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
