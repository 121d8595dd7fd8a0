"""Smoke tests of the Python package: it imports and speaks the core's rules."""

import ticketry


def test_version_is_the_core_version() -> None:
    assert ticketry.__version__.count(".") == 2


def test_rules_cover_both_regulations() -> None:
    rules = ticketry.rules()
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) == 41
    assert "CLS-R1" in ids and "REP-T1" in ids and "CLS-TPL-N" in ids
    by_id = {r["id"]: r for r in rules}
    assert by_id["CLS-R2"]["title_ru"] == "Клиент подтвердил решение"
    assert by_id["REP-3"]["regulation"] == "repeat"
    assert by_id["CLS-S1"]["regulation"] == "closing"
