"""The detection benchmark runs end to end on a small archive and prints one JSON line."""

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "detection_bench.py"


def test_detection_bench_smoke() -> None:
    out = subprocess.run(
        [sys.executable, str(BENCH), "--tickets", "2000", "--queries", "20"],
        capture_output=True, text=True, timeout=300, check=True,
    ).stdout
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, out
    r = json.loads(lines[0])
    assert r["tickets"] == 2000 and r["queries"] == 20 and r["rapidfuzz_queries"] == 20
    for side in ("ticketry", "rapidfuzz"):
        assert r[side]["p50_us"] > 0 and r[side]["mean_us"] > 0
        assert 0.0 <= r[side]["recall_at_10"] <= 1.0
    # the labelled ticket is one of the right answers, so finding it finds one
    assert 0.0 <= r["ticketry"]["recall_at_10_labelled"] <= r["ticketry"]["recall_at_10"]
    assert r["speed_ratio_mean"] > 0
    assert r["import_time_ms"]["subprocess_ms"] > 0
    assert r["close_readiness_overhead_us"]["why_blocked_us"] > 0
