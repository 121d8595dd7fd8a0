"""The example script runs and tells the story it promises."""

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "python" / "close_ticket.py"


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
