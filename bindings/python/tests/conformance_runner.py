"""Runs the shared conformance vectors (``conformance/*.json``) through the
Python package, the way ``crates/ticketry/tests/conformance.rs`` runs them
through the core. See ``conformance/README.md``."""

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import ticketry
from ticketry import Actor, Archive, Policy, Ticket

CONFORMANCE = Path(__file__).resolve().parents[3] / "conformance"
# The suites this binding runs: the closure process and the repeat workflow.
# Repeat detection (conformance/detection.json) is not bound yet.
SUITES = ["closing.json", "repeat.json"]

Json = Any


class VectorFailure(AssertionError):
    """A vector's outcome differs from its ``then``."""


def time(value: str) -> dt.datetime:
    """An RFC 3339 time of a vector."""
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


@dataclass
class Suite:
    name: str
    defaults: Dict[str, Json]
    fixtures: Dict[str, Json] = field(default_factory=dict)
    archives: Dict[str, List[Json]] = field(default_factory=dict)

    def actor(self, step: Dict[str, Json]) -> Actor:
        actor: Json = step["actor"] if "actor" in step else self.defaults["actor"]
        return Actor.from_dict(actor)

    def fixture_steps(self, name: str) -> List[Json]:
        fixture = self.fixtures[name]
        steps = self.fixture_steps(fixture["extends"]) if "extends" in fixture else []
        return steps + list(fixture["steps"])

    def add_ticket(self, spec: Dict[str, Json], archive: Archive, policy: Policy) -> str:
        new = {**self.defaults["open"], **spec.get("open", {})}
        opened_at = time(spec["opened_at"] if "opened_at" in spec else self.defaults["opened_at"])
        ticket = archive.open(new, at=opened_at, actor=self.actor(spec))
        steps = self.fixture_steps(spec["fixture"]) if "fixture" in spec else []
        steps += spec.get("steps", [])
        for step in steps:
            archive.apply(ticket.id, step["command"], at=time(step["at"]), actor=self.actor(step), policy=policy)
        return ticket.id

    def given(self, given: Dict[str, Json], policy: Policy) -> Optional[Tuple[Archive, str]]:
        if given.get("none"):
            return None
        archive = Archive()
        for spec in self.archives.get(given["archive"], []) if "archive" in given else []:
            self.add_ticket(spec, archive, policy)
        return archive, self.add_ticket(given, archive, policy)


def load_suites() -> List[Tuple[Suite, Json]]:
    """Every vector of every conformance file, with its suite."""
    out: List[Tuple[Suite, Json]] = []
    for path in (CONFORMANCE / name for name in SUITES):
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["schema"] == "ticketry-conformance/1", path
        suite = Suite(doc["suite"], doc["defaults"], doc.get("fixtures", {}), doc.get("archives", {}))
        out.extend((suite, v) for v in doc["vectors"])
    return out


def check_subset(expected: Json, actual: Json, path: str) -> None:
    """``expected`` is a subset of ``actual``: objects by key (absent = null),
    arrays element by element with equal length, other values equal."""
    if isinstance(expected, dict):
        for key, value in expected.items():
            got = actual.get(key) if isinstance(actual, dict) else None
            check_subset(value, got, f"{path}.{key}")
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            raise VectorFailure(f"{path}: expected {len(expected)} items, found {actual!r}")
        for i, (e, a) in enumerate(zip(expected, actual)):
            check_subset(e, a, f"{path}[{i}]")
    elif expected != actual or type(expected) is not type(actual) and not (
        isinstance(expected, (int, float)) and isinstance(actual, (int, float))
    ):
        raise VectorFailure(f"{path}: expected {expected!r}, found {actual!r}")


def unmet_shape(unmet: List[Json]) -> List[Json]:
    return [{"rule": u["rule"], "code": u["code"], "field": u.get("field")} for u in unmet]


def check_error(expected: Dict[str, Json], err: ticketry.TicketryError) -> None:
    actual = err.details
    expected = dict(expected)
    if "unmet" in expected:
        assert isinstance(err, ticketry.RefusedError), err
        want = unmet_shape(expected.pop("unmet"))
        got = unmet_shape([u.to_dict() for u in err.unmet])
        if want != got:
            raise VectorFailure(f"unmet rules differ\n  expected: {want}\n  found:    {got}")
        for u in err.unmet:
            if not u.message_en.strip() or not u.message_ru.strip():
                raise VectorFailure(f"unmet rule without a message: {u}")
    check_subset(expected, actual, "error")


def run(suite: Suite, v: Json) -> None:
    """Runs one vector; raises :class:`VectorFailure` when it fails."""
    policy = Policy(v.get("policy", {}))
    given = suite.given(v["given"], policy)
    when, then = v["when"], v["then"]
    op = when["op"]
    archive, tid = given if given is not None else (Archive(), "")
    ticket = archive.get(tid) if given is not None else None
    result: Json = None
    error: Optional[ticketry.TicketryError] = None
    try:
        result = operation(suite, op, when, archive, tid, ticket, policy)
    except ticketry.TicketryError as e:
        error = e
        if op == "apply" and archive[tid] != ticket:
            raise VectorFailure("a refused command changed the ticket") from e
    if "error" in then:
        if error is None:
            raise VectorFailure(f"expected error {then['error']}, but it succeeded")
        check_error(then["error"], error)
        return
    if error is not None:
        raise VectorFailure(f"unexpected error {error.code}: {error}") from error
    if "unmet" in then:
        want, got = unmet_shape(then["unmet"]), unmet_shape(result["unmet"])
        if want != got:
            raise VectorFailure(f"unmet rules differ\n  expected: {want}\n  found:    {got}")
        return
    check_subset(then, result, "result")


def operation(
    suite: Suite, op: str, when: Json, archive: Archive, tid: str, ticket: Optional[Ticket], policy: Policy
) -> Json:
    """The operation's result, as the JSON ``then`` compares."""
    if op == "apply":
        archive.apply(
            tid,
            when["command"],
            at=time(when["at"]),
            actor=suite.actor(when),
            policy=policy,
            expected_version=when.get("expected_version"),
        )
        t = archive[tid]
        return {"status": t.status.value, "version": t.version, "state": t.state}
    if op == "recommended_action":
        action = ticketry.recommended_action(when["cause"])
        return {"action": None if action is None else action.value}
    if op == "chronic":
        return {"chronic": [p.to_dict() for p in archive.chronic_problems(at=time(when["at"]), policy=policy)]}
    if op == "chronic_of":
        found = archive.chronic_problem_of(tid, at=time(when["at"]), policy=policy)
        return {"chronic": None if found is None else found.to_dict()}
    if op == "not_applying":
        clients = archive.clients_not_applying_solutions(at=time(when["at"]), policy=policy)
        return {"clients": [c.to_dict() for c in clients]}
    if op == "history":
        return {
            "earlier_client_tickets": archive.earlier_client_tickets(tid),
            "repeat_chain": archive.repeat_chain(tid),
            "linked_from": archive.linked_from(tid),
        }
    if op == "load_log":
        loaded = Ticket.from_dict(when["log"])
        return {"status": loaded.status.value, "version": loaded.version}
    assert ticket is not None, f"{op} needs a ticket"
    if op == "why_blocked":
        unmet = ticket.why_blocked(when["command"], at=time(when["at"]), policy=policy)
        return {"unmet": [u.to_dict() for u in unmet]}
    if op == "available":
        listed = ticket.available_commands(at=time(when["at"]), policy=policy)
        return {
            "allowed": [a.command.value for a in listed if a.allowed],
            "blocked": [a.command.value for a in listed if not a.allowed],
        }
    if op == "checklist":
        which = when.get("checklist", "closing")
        if which == "closing":
            items = ticket.closing_checklist(policy)
        elif which == "repeat":
            items = ticket.repeat_checklist(policy)
        else:
            raise VectorFailure(f"unknown checklist {which}")
        return {"checklist": {i.key: i.status.value for i in items}}
    if op == "render":
        template = when["template"]
        if template == "final_notification":
            return {"text": ticket.final_notification(when["specialist_name"], policy)}
        if template == "repeat_reply":
            return {"text": ticket.repeat_reply(when["specialist_name"], policy)}
        if template == "solution_documentation":
            return {"text": ticket.solution_documentation(time(when["closing_time"]), policy)}
        raise VectorFailure(f"unknown template {template}")
    if op == "state":
        return {"state": ticket.state}
    if op == "replay":
        back = Ticket.from_json(ticket.to_json())
        events = Ticket.from_events(ticket.history)
        return {"identical": back == ticket and events == ticket}
    raise VectorFailure(f"unknown op {op}")
