"""Shared helpers of the Python tests: times, an actor, a ready-to-close ticket."""

import datetime as dt
from typing import Any, Dict, List

import ticketry
from ticketry import Actor, Ticket, command

UTC = dt.timezone.utc
ANNA = Actor.specialist("anna", "Анна Смирнова")


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> dt.datetime:
    return dt.datetime(2025, month, day, hour, minute, tzinfo=UTC)


def new(ticket_id: str = "T-1", client_id: str = "zhk-severny") -> Dict[str, Any]:
    return ticketry.new_ticket(
        id=ticket_id,
        client_id=client_id,
        contact_name="Ирина Петрова",
        product="PASS24 Шлагбаум",
        subject="Не открывается шлагбаум",
        description="Шлагбаум не реагирует на пропуска",
        priority="high",
    )


def worked_steps() -> List[Dict[str, Any]]:
    return [
        command("log_message", direction="to_client", text="Проверяем контроллер"),
        command("add_diagnostic", summary="Контроллер не на связи"),
        command("log_work", minutes=45, note="Перезапуск контроллера"),
        command("verify_resolution", system_works=True, all_aspects_solved=True, no_related_problems=True, note="Проверено"),
        command("request_confirmation"),
    ]


def paperwork_steps() -> List[Dict[str, Any]]:
    return [
        command("record_confirmation", note="Да, работает"),
        command(
            "record_documentation",
            problem_description="Шлагбаум не открывался",
            cause="Контроллер потерял связь с сервером",
            applied_solution="Перезапустили контроллер",
            recommendations="Подключить ИБП",
            resources=["KB-118: Контроллер не на связи"],
        ),
        command("check_completeness", diagnostics_apply=True),
        command("record_knowledge_base_decision", decision={"kind": "not_needed_typical"}),
        command("send_final_notification"),
    ]


def ticket(ticket_id: str = "T-1", *, paperwork: bool = False) -> Ticket:
    """A ticket awaiting confirmation (or ready to close with ``paperwork``)."""
    t = Ticket.open(new(ticket_id), at=at(3, 6), actor=ANNA)
    for i, cmd in enumerate(worked_steps()):
        t.apply(cmd, at=at(3, 7, i), actor=ANNA)
    if paperwork:
        for i, cmd in enumerate(paperwork_steps()):
            t.apply(cmd, at=at(4, 7, i), actor=ANNA)
    return t


CLOSE = command("close", reason="Проблема решена", result="Проезд восстановлен")
