"""The example script runs and tells the story it promises."""

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "python"
EXAMPLE = EXAMPLES / "close_ticket.py"


def test_close_ticket_example_runs() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLE)], capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "REFUSED `close`: 6 unmet rule(s)" in out
    for rule in ["CLS-7", "CLS-R2", "CLS-R3", "CLS-4", "CLS-5", "CLS-6"]:
        assert f"    {rule} " in out, rule
    assert "Закрыто" in out
    assert "repeat chain: ['T-900', 'T-950', 'T-990']" in out
    assert "REP-S1 chronic problem: ['T-900', 'T-950', 'T-990']" in out
    assert "REP-S2 zhk-severny keeps not applying solutions: ['T-950', 'T-990']" in out
    assert "identical: True" in out


def test_detect_repeats_example_runs() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "detect_repeats.py")], capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "archive: 3 tickets, ['T-770', 'T-771', 'T-772']" in out
    assert "1. T-801: likely_repeat" in out and "best: T-770" in out
    assert "mentioned in the description: 'тикете #770'" in out
    assert "'Вопрос по счёту': not_a_repeat" in out
    assert "3. mentions: ['T-770', 'T-771']" in out
    assert "refused: invalid_input in `query.opened_at`" in out
