"""The shared conformance vectors, run through the Python package."""

from typing import Any, List, Tuple

import pytest

from conformance_runner import CONFORMANCE, SUITES, Suite, VectorFailure, check_subset, load_suites, run

VECTORS: List[Tuple[Suite, Any]] = load_suites()


def test_both_suites_are_run() -> None:
    assert SUITES == ["closing.json", "repeat.json"]
    assert all((CONFORMANCE / name).is_file() for name in SUITES)
    suites = {s.name for s, _ in VECTORS}
    assert suites == {"closing", "repeat"}
    assert len(VECTORS) >= 100
    ids = [v["id"] for _, v in VECTORS]
    assert len(ids) == len(set(ids)), "vector ids are unique across files"


@pytest.mark.parametrize(("suite", "vector"), VECTORS, ids=[v["id"] for _, v in VECTORS])
def test_vector(suite: Suite, vector: Any) -> None:
    assert vector["rules"], "every vector cites a rule"
    run(suite, vector)


def _flip(value: Any) -> Any:
    """A different value of the same shape, for the runner's self-test."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if isinstance(value, str):
        return value + "?"
    if isinstance(value, list):
        return value[:-1] if value else ["?"]
    if isinstance(value, dict):
        if not value:
            return {"?": "?"}
        key = sorted(value)[0]
        return {**value, key: _flip(value[key])}
    return "?"


@pytest.mark.parametrize(("suite", "vector"), VECTORS, ids=[v["id"] for _, v in VECTORS])
def test_vector_with_a_wrong_expectation_fails(suite: Suite, vector: Any) -> None:
    """The runner can fail: every vector with its expectation changed fails."""
    then = dict(vector["then"])
    if "error" in then:
        error = dict(then["error"])
        error["code"] = error["code"] + "_not"
        then["error"] = error
    elif "unmet" in then:
        unmet = list(then["unmet"])
        then["unmet"] = unmet[:-1] if unmet else [{"rule": "CLS-1", "code": "not_verified"}]
    else:
        key = sorted(then)[0]
        then[key] = _flip(then[key])
    with pytest.raises((VectorFailure, AssertionError)):
        run(suite, {**vector, "then": then})


def test_check_subset_reads_absent_keys_as_null() -> None:
    check_subset({"a": None}, {}, "x")
    with pytest.raises(VectorFailure):
        check_subset({"a": 1}, {}, "x")
    with pytest.raises(VectorFailure):
        check_subset([1, 2], [1], "x")
