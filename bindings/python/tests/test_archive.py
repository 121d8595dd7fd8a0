"""The archive: links checked against it, the REP history, batch loading
from JSON Lines or dicts, and the GIL released during the heavy work."""

import threading
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import pytest

import ticketry
from ticketry import Archive, Ticket, command
from helpers import ANNA, at, new, ticket

DECIDE = command(
    "record_repeat_decision", decision="repeat", checked=list(ticketry.HistoryCheck), reason="Клиент ссылается на T-1"
)


def link(target: str) -> Dict[str, Any]:
    return command("link_ticket", target=target, kind="repeat_of", repeat_type="same_problem", comment="Снова")


def repeat_archive() -> Archive:
    archive = Archive([ticket("T-1")])
    archive.open(new("T-2"), at=at(10, 6), actor=ANNA)
    archive.open(new("T-3", client_id="other"), at=at(11, 6), actor=ANNA)
    archive.apply("T-2", DECIDE, at=at(10, 7), actor=ANNA)
    archive.apply("T-2", link("T-1"), at=at(10, 8), actor=ANNA)
    return archive


def test_links_are_checked_against_the_archive() -> None:
    archive = repeat_archive()
    assert archive.linked_from("T-1") == ["T-2"]
    assert archive.repeat_chain("T-2") == ["T-1", "T-2"]
    assert archive.earlier_client_tickets("T-2") == ["T-1"]
    assert archive.client_history("zhk-severny") == ["T-1", "T-2"]
    assert archive.dangling_links() == []
    archive.apply("T-3", DECIDE, at=at(11, 7), actor=ANNA)
    # A later ticket, an unknown one: refused with the rule.
    with pytest.raises(ticketry.RefusedError) as info:
        archive.apply("T-1", {**link("T-2"), "kind": "related_to"}, at=at(11, 8), actor=ANNA)
    assert [u.code for u in info.value.unmet] == [ticketry.UnmetCode.LATER_TICKET]
    with pytest.raises(ticketry.RefusedError) as info:
        archive.apply("T-3", link("T-404"), at=at(11, 8), actor=ANNA)
    assert info.value.unmet[0].code is ticketry.UnmetCode.UNKNOWN_TICKET
    # A lone ticket knows no other tickets.
    lone = archive["T-3"]
    with pytest.raises(ticketry.RefusedError):
        lone.apply(link("T-1"), at=at(11, 8), actor=ANNA)


def test_archive_errors() -> None:
    archive = repeat_archive()
    with pytest.raises(ticketry.DuplicateTicketError) as dup:
        archive.open(new("T-1"), at=at(12, 6), actor=ANNA)
    assert dup.value.ticket_id == "T-1" and dup.value.code == "duplicate_ticket"
    with pytest.raises(ticketry.UnknownTicketError) as unknown:
        archive.apply("T-404", DECIDE, at=at(12, 6), actor=ANNA)
    assert unknown.value.ticket_id == "T-404" and isinstance(unknown.value, KeyError)
    assert str(unknown.value) == "the archive holds no ticket T-404"
    with pytest.raises(KeyError):
        archive["T-404"]
    assert archive.get("T-404") is None and "T-404" not in archive and "T-1" in archive
    with pytest.raises(ticketry.DuplicateTicketError):
        archive.insert(ticket("T-2"))


def test_lookups_return_copies() -> None:
    archive = repeat_archive()
    copy = archive["T-1"]
    copy.apply(command("log_work", minutes=5, note="x"), at=at(5, 9), actor=ANNA)
    assert archive["T-1"].version == copy.version - 1
    assert [t.id for t in archive] == archive.ids() == ["T-1", "T-2", "T-3"]
    assert len(archive) == 3


def test_json_lines_and_dicts_round_trip(tmp_path: Path) -> None:
    archive = repeat_archive()
    lines = archive.to_json_lines()
    assert lines.count("\n") == 3
    assert Archive.from_json_lines(lines) == archive
    assert Archive.from_json_lines("\n" + lines + "\n\n") == archive
    assert Archive.from_dicts(archive.to_dicts()) == archive
    path = tmp_path / "archive.jsonl"
    archive.write_json_lines(path)
    assert Archive.read_json_lines(path) == archive
    assert pytest.importorskip("pickle").loads(pytest.importorskip("pickle").dumps(archive)) == archive


def test_a_bad_line_is_named() -> None:
    lines = repeat_archive().to_json_lines().splitlines()
    lines[1] = lines[1].replace('"schema_version":1', '"schema_version":9')
    with pytest.raises(ticketry.LogError) as info:
        Archive.from_json_lines("\n".join(lines))
    assert info.value.line == 2 and info.value.code == "unsupported_schema_version"
    dicts = repeat_archive().to_dicts()
    dicts[2]["events"] = []
    with pytest.raises(ticketry.LogError) as info:
        Archive.from_dicts(dicts)
    assert info.value.line == 3 and info.value.code == "empty_log"
    with pytest.raises(ticketry.DuplicateTicketError):
        Archive.from_dicts(repeat_archive().to_dicts() * 2)


def chronic_archive() -> Archive:
    archive = Archive([ticket("T-1")])
    for i, tid in enumerate(["T-2", "T-3"]):
        day = 10 + 7 * i
        archive.open(new(tid), at=at(day, 6), actor=ANNA)
        archive.apply(tid, DECIDE, at=at(day, 7), actor=ANNA)
        archive.apply(tid, link("T-1" if i == 0 else "T-2"), at=at(day, 8), actor=ANNA)
        archive.apply(tid, command("determine_cause", cause="not_applied", explanation="ИБП"), at=at(day, 9), actor=ANNA)
    return archive


def test_chronic_problems_and_clients_not_applying() -> None:
    archive = chronic_archive()
    [problem] = archive.chronic_problems(at=at(20, 9))
    assert problem.tickets == ("T-1", "T-2", "T-3") and problem.clients == ("zhk-severny",)
    assert list(problem.escalation.tasks) == list(ticketry.EscalationTask)
    assert all(r.tzinfo is not None for r in problem.escalation.rechecks)
    assert archive.chronic_problem_of("T-2", at=at(20, 9)) == problem
    assert archive.chronic_problem_of("T-2", at=at(20, 9, month=12)) is None
    # The threshold is the core's policy value: raise it and nothing is chronic.
    stricter = ticketry.Policy(repeat={"chronic_min_tickets": 4})
    assert archive.chronic_problems(at=at(20, 9), policy=stricter) == []
    [client] = archive.clients_not_applying_solutions(at=at(20, 9))
    assert client.client_id == "zhk-severny" and client.tickets == ("T-2", "T-3")
    assert list(client.actions) == list(ticketry.SupportAction)
    assert problem.to_dict()["escalation"]["tasks"][0] == "deep_analysis"


def big_json_lines(n: int) -> str:
    one = ticket("T-0").to_json()
    return "\n".join(one.replace('"T-0"', f'"T-{i}"') for i in range(n))


def probe(call: Callable[[], object]) -> Tuple[List[float], float, float]:
    """Runs ``call`` while another Python thread notes the time in a loop:
    the times it noted, and when ``call`` started and ended."""
    stamps: List[float] = []
    running = threading.Event()
    done = threading.Event()

    def counter() -> None:
        running.set()
        while not done.is_set():
            stamps.append(time.monotonic())
            time.sleep(0)

    thread = threading.Thread(target=counter)
    thread.start()
    running.wait()
    try:
        start = time.monotonic()
        call()
        end = time.monotonic()
    finally:
        done.set()
        thread.join()
    return stamps, start, end


def longest_pause(call: Callable[[], object]) -> Tuple[float, float]:
    """The longest stretch, while ``call`` ran, in which another Python thread
    did not run, and how long ``call`` ran. Unlike a count of the other
    thread's runs, it does not depend on how late this thread gets the GIL
    back after the call when the machine is busy."""
    stamps, start, end = probe(call)
    points = [start] + [t for t in stamps if start < t < end] + [end]
    return max(y - x for x, y in zip(points, points[1:])), end - start


def test_the_gil_test_can_fail() -> None:
    """The same probe pauses for the whole of a C call that keeps the GIL."""
    pause, took = longest_pause(lambda: sorted(range(4_000_000, 0, -1)))
    assert took > 0.06
    assert pause > 0.5 * took, (pause, took)


def test_loading_a_big_archive_releases_the_gil() -> None:
    text = big_json_lines(6000)
    loaded: List[Archive] = []
    pause, took = longest_pause(lambda: loaded.append(Archive.from_json_lines(text)))
    assert len(loaded[0]) == 6000
    assert took > 0.06, "the load is too quick to tell; make the archive bigger"
    # With the GIL held for the whole load, the other thread would pause for
    # all of it (test_the_gil_test_can_fail); released, it runs every few ms.
    assert pause < 0.35 * took, (pause, took)


def test_from_dicts_is_the_same_as_json_lines() -> None:
    text = big_json_lines(200)
    a = Archive.from_json_lines(text)
    b = Archive.from_dicts(a.to_dicts())
    assert a == b and len(b) == 200
    assert isinstance(b["T-7"], Ticket)


def test_a_change_during_a_gil_free_read_is_refused_not_blocked() -> None:
    archive = Archive.from_json_lines(big_json_lines(6000))
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            archive.to_json_lines()

    thread = threading.Thread(target=reader)
    thread.start()
    refused = 0
    applied = 0
    deadline = time.monotonic() + 10
    try:
        while refused == 0 and time.monotonic() < deadline:
            try:
                archive.apply("T-1", command("log_work", minutes=1, note="x"), at=at(4, 8), actor=ANNA)
                applied += 1
            except ticketry.ConcurrentUseError as e:
                assert isinstance(e, RuntimeError) and e.code == "concurrent_use"
                refused += 1
    finally:
        stop.set()
        thread.join()
    assert refused == 1
    # Nothing half-done: the ticket holds exactly the accepted changes.
    assert archive["T-1"].version == ticket("T-1").version + applied
