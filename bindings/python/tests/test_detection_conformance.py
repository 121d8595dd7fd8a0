"""conformance/detection.json through the Python binding, with the semantics of
the Rust runner (crates/ticketry/tests/detection.rs, conformance/README.md):
invariants, every `expect` key (an unknown one fails), `known_failure` run and
reported apart — and a marked vector that passes FAILS, so the mark is removed."""

import datetime as dt
import json
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

import pytest

import ticketry
from ticketry import Candidate, Decision, Detection, Detector

FILE = Path(__file__).resolve().parents[3] / "conformance" / "detection.json"
DATA: Dict[str, Any] = json.loads(FILE.read_text(encoding="utf-8"))
VECTORS: List[Dict[str, Any]] = DATA["detection"]
REFERENCES: List[Dict[str, Any]] = DATA["references"]
VECTOR_KEYS = {"id", "rules", "description", "archive", "add", "remove", "query", "policy", "expect", "known_failure"}
CANDIDATE_KEYS = {
    "decision_at_least", "decision_at_most", "suggested_type", "suggested_type_in", "same_client",
    "same_product", "reference", "shared_terms_include", "outcome", "rank_at_most",
}
ORDER = [d.value for d in Decision]


class VectorFailed(Exception):
    pass


def check(cond: bool, message: str) -> None:
    if not cond:
        raise VectorFailed(message)


def parse_time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def build(v: Mapping[str, Any]) -> Tuple[Detector, Dict[str, Dict[str, Any]]]:
    archive = v.get("archive", [])
    base = DATA["archives"][archive] if isinstance(archive, str) else archive
    docs: Dict[str, Dict[str, Any]] = {}
    detector = Detector.from_docs(list(base))
    for d in base:
        docs[d["id"]] = d
    for d in v.get("add", []):
        detector.upsert(d)
        docs[d["id"]] = d
    for i in v.get("remove", []):
        check(detector.remove(i), f"remove: {i} is not in the detector")
        docs.pop(i, None)
    check(len(detector) == len(docs), f"detector holds {len(detector)}, expected {len(docs)}")
    return detector, docs


def invariants(found: Detection, query: Mapping[str, Any], docs: Mapping[str, Any], policy: ticketry.Policy) -> None:
    c = found.candidates
    check(len(c) <= policy.detection["max_candidates"], f"{len(c)} candidates over max_candidates")
    seen = set()
    opened = parse_time(query["opened_at"])
    for i, cand in enumerate(c):
        for name, x in (("score", cand.score), ("type_confidence", cand.type_confidence),
                        ("text_similarity", cand.signals.text_similarity)):
            check(0.0 <= x <= 1.0, f"{cand.id}: {name} {x} outside [0, 1]")
        check(i == 0 or c[i - 1].score >= cand.score, f"{cand.id}: scores not non-increasing")
        check(cand.id not in seen, f"{cand.id} twice")
        seen.add(cand.id)
        check(cand.id != query.get("id"), f"{cand.id} is the query itself")
        check(cand.id in docs, f"{cand.id} is not in the archive")
        check(parse_time(docs[cand.id]["opened_at"]) < opened, f"{cand.id} not opened before the query")
    want = c[0].decision if c else Decision.NOT_A_REPEAT
    check(found.decision is want, f"decision {found.decision.value}, first candidate's {want.value}")


def rank(found: Detection, id: str) -> Optional[int]:
    return found.ids.index(id) if id in found.ids else None


def check_candidate(c: Candidate, r: int, e: Mapping[str, Any], top_level: bool) -> None:
    for key, ev in e.items():
        if key == "decision" and not top_level:
            check(c.decision.value == ev, f"{c.id}: decision {c.decision.value}, expected {ev}")
        elif key == "decision_at_least":
            check(ORDER.index(c.decision.value) >= ORDER.index(ev), f"{c.id}: decision {c.decision.value} < {ev}")
        elif key == "decision_at_most":
            check(ORDER.index(c.decision.value) <= ORDER.index(ev), f"{c.id}: decision {c.decision.value} > {ev}")
        elif key == "suggested_type":
            check(c.suggested_type.value == ev, f"{c.id}: suggested {c.suggested_type.value}, expected {ev}")
        elif key == "suggested_type_in":
            check(c.suggested_type.value in ev, f"{c.id}: suggested {c.suggested_type.value}, expected one of {ev}")
        elif key == "same_client":
            check(c.signals.same_client is ev, f"{c.id}: same_client is {c.signals.same_client}")
        elif key == "same_product":
            check(c.signals.same_product is ev, f"{c.id}: same_product is {c.signals.same_product}")
        elif key == "outcome":
            check(c.signals.outcome.value == ev, f"{c.id}: outcome {c.signals.outcome.value}, expected {ev}")
        elif key == "rank_at_most":
            check(r + 1 <= ev, f"{c.id}: rank {r + 1}, expected at most {ev}")
        elif key == "reference":
            ref = c.signals.reference
            if ev is None:
                check(ref is None, f"{c.id}: expected no mention, found {ref}")
            else:
                check(ref is not None, f"{c.id}: expected a mention, found none")
                assert ref is not None
                actual = ref.to_dict()
                for k, v in ev.items():
                    check(k in ("id", "text", "field"), f"expect.reference: unknown key {k}")
                    check(actual.get(k) == v, f"{c.id}: reference.{k} is {actual.get(k)}, expected {v}")
        elif key == "shared_terms_include":
            have = [t.lower() for t in c.signals.shared_terms]
            for w in ev:
                check(w.lower() in have, f"{c.id}: shared terms {c.signals.shared_terms} lack {w}")
        else:
            raise VectorFailed(f"unknown candidate expectation {key}")


def check_expect(found: Detection, expect: Mapping[str, Any]) -> None:
    top_checks: Dict[str, Any] = {}
    for key, ev in expect.items():
        if key == "decision":
            check(found.decision.value == ev, f"decision {found.decision.value}, expected {ev}")
        elif key == "top_decision":
            check(bool(found.candidates), "no candidates")
            check(found.candidates[0].decision.value == ev, f"top decision {found.candidates[0].decision.value}, expected {ev}")
        elif key == "top":
            check(bool(found.candidates), f"no candidates, expected {ev} first")
            check(found.candidates[0].id == ev, f"{found.candidates[0].id} ranks first, expected {ev}")
        elif key == "in_top":
            for i in ev["ids"]:
                r = rank(found, i)
                check(r is not None and r < ev["k"], f"{i} is not in the top {ev['k']}")
        elif key == "not_in_top":
            for i in ev["ids"]:
                r = rank(found, i)
                check(r is None or r >= ev["k"], f"{i} is in the top {ev['k']}")
        elif key == "absent":
            for i in ev:
                check(rank(found, i) is None, f"{i} is a candidate")
        elif key == "not_repeat":
            for c in found.candidates:
                if c.id in ev:
                    check(c.decision is Decision.NOT_A_REPEAT, f"{c.id} is a {c.decision.value}, expected not a repeat")
        elif key == "ranked_before":
            for a, b in ev:
                ra = rank(found, a)
                check(ra is not None, f"{a} is not a candidate (expected before {b})")
                rb = rank(found, b)
                check(rb is None or ra is None or rb > ra, f"{b} ranks before {a}")
        elif key == "count_at_most":
            check(len(found.candidates) <= ev, f"{len(found.candidates)} candidates, expected at most {ev}")
        elif key == "ignored_references":
            have = [{"id": r.id, "because": b.value} for r, b in found.ignored_references]
            check(have == ev, f"ignored references {have}, expected {ev}")
        elif key == "candidates":
            for i, e in ev.items():
                r = rank(found, i)
                check(r is not None, f"{i} is not a candidate")
                assert r is not None
                check_candidate(found.candidates[r], r, e, False)
        elif key in CANDIDATE_KEYS:
            top_checks[key] = ev
        else:
            raise VectorFailed(f"unknown expectation {key}")
    if top_checks:
        check(bool(found.candidates), "no candidates")
        check_candidate(found.candidates[0], 0, top_checks, True)


def run_vector(v: Mapping[str, Any]) -> Detection:
    detector, docs = build(v)
    policy = ticketry.Policy({"detection": v["policy"]}) if "policy" in v else ticketry.Policy()
    query = v["query"]
    found = detector.detect(query, policy)
    try:
        invariants(found, query, docs, policy)
        check_expect(found, v["expect"])
    except VectorFailed as e:
        raise VectorFailed(f"{e}\n    found: {[(c.id, round(c.score, 3), c.decision.value) for c in found.candidates]}") from None
    return found


def judge(id: str, known_failure: Optional[str], run: Any) -> None:
    """A vector's verdict, with the Rust runner's handling of known failures."""
    if known_failure is not None:
        assert isinstance(known_failure, str) and known_failure.strip(), f"{id}: known_failure must say why"
    try:
        run()
    except VectorFailed as e:
        if known_failure is None:
            pytest.fail(f"{id}: {e}")
        pytest.xfail(f"known failure ({known_failure}): {e}")
    if known_failure is not None:
        pytest.fail(f"{id}: marked known_failure ({known_failure}) but passes now: remove the mark")


def test_file_header() -> None:
    assert DATA["suite"] == "detection"
    assert DATA["schema"] == "ticketry-conformance/1"
    assert DATA["format"] == 1
    assert len(VECTORS) >= 40
    ids = [v["id"] for v in VECTORS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("vector", VECTORS, ids=[v["id"] for v in VECTORS])
def test_detection_vector(vector: Dict[str, Any]) -> None:
    assert set(vector) <= VECTOR_KEYS, f"unknown keys {set(vector) - VECTOR_KEYS}"
    assert vector["rules"], "cites no rule"
    known = {r["id"] for r in ticketry.rules()}
    assert set(vector["rules"]) <= known
    assert isinstance(vector["expect"], dict)
    judge(vector["id"], vector.get("known_failure"), lambda: run_vector(vector))


def found_ids(case: Mapping[str, Any]) -> List[str]:
    text = case["text"]
    raw = text.encode("utf-8")
    out = []
    for r in ticketry.find_references(text):
        assert raw[r.start:r.end].decode("utf-8") == r.text, f"{case['id']}: span"
        out.append(r.id)
    return out


@pytest.mark.parametrize("case", REFERENCES, ids=[c["id"] for c in REFERENCES])
def test_reference_case(case: Dict[str, Any]) -> None:
    assert set(case) <= {"id", "text", "ids", "known_failure", "note"}

    def run() -> None:
        got = found_ids(case)
        check(got == case["ids"], f"found {got}, expected {case['ids']}")

    judge(case["id"], case.get("known_failure"), run)


def test_reference_precision_and_recall() -> None:
    tp = fp = fn = 0
    for case in REFERENCES:
        left = list(case["ids"])
        for g in found_ids(case):
            if g in left:
                left.remove(g)
                tp += 1
            else:
                fp += 1
        fn += len(left)
    assert tp / max(tp + fp, 1) >= 0.95
    assert tp / max(tp + fn, 1) >= 0.95


def test_a_known_failure_that_passes_fails_the_run() -> None:
    with pytest.raises(pytest.fail.Exception, match="passes now"):
        judge("x", "why", lambda: None)
    with pytest.raises(pytest.fail.Exception):
        judge("x", None, lambda: check(False, "broken"))


def test_a_changed_expectation_fails() -> None:
    v = next(v for v in VECTORS if "top" in v["expect"] and "known_failure" not in v)
    wrong = {**v, "expect": {"top": "T-0000000"}}
    with pytest.raises(VectorFailed):
        run_vector(wrong)
