"""Repeat detection from Python: ticketry's Detector against RapidFuzz.

    pip install -r bindings/python/bench/requirements.txt   # rapidfuzz
    python bindings/python/bench/detection_bench.py [--tickets 100000] [--queries 1000]
           [--rf-queries 50] [--native]

Builds (or reuses) the project's synthetic archive (`benches/synth.rs`, run by
`cargo run --release -p ticketry-benches --bin synth`), indexes every ticket in
a ticketry Detector, then runs the same queries — injected repeats (lines with
`truth`), spread evenly over the archive — through ticketry (which only
considers tickets opened before the query, by `opened_at`) and through
`rapidfuzz.process.extract(text, earlier_texts, scorer=fuzz.token_set_ratio,
limit=10)` over the texts of the tickets opened before it. RapidFuzz scans
every earlier text, so it runs on `--rf-queries` of the queries (evenly
spread); ticketry's figures are given over all queries and over that subset.
Recall@10: the share of queries with a right answer among the first 10: an
earlier ticket whose fields equal every attribute of the line's
`truth.answers` (the labelled `truth.of` among them; see synth::Answers);
recall_at_10_labelled: the share whose `truth.of` itself is.
Prints ONE JSON line. `--native` also runs the Rust closure bench for the
native close-readiness figure (slower)."""

import argparse
import bisect
import json
import os
import re
import statistics
import subprocess
import sys
import time
import datetime as dt
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import ticketry

ROOT = Path(__file__).resolve().parents[3]


def synth_file(tickets: int, path: Optional[str]) -> Path:
    out = Path(path) if path else ROOT / "target" / ("synth-100k.jsonl" if tickets == 100_000 else f"synth-{tickets}.jsonl")
    if out.exists() and not path:
        with out.open(encoding="utf-8") as f:
            stale = any('"truth"' in l and '"answers"' not in l for l in f)
        if stale:  # written by a generator from before truth.answers
            out.unlink()
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["cargo", "run", "--release", "-q", "-p", "ticketry-benches", "--bin", "synth", "--",
             "--tickets", str(tickets), "--out", str(out)],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
        )
    return out


def spread(items: Sequence[Any], n: int) -> List[Any]:
    if n >= len(items):
        return list(items)
    return [items[(i * len(items)) // n] for i in range(n)]


def stats_us(seconds: List[float]) -> Dict[str, float]:
    return {"p50_us": round(statistics.median(seconds) * 1e6, 1), "mean_us": round(statistics.fmean(seconds) * 1e6, 1)}


def import_time_ms() -> Dict[str, Optional[float]]:
    """`python -X importtime -c "import ticketry"`: the package's cumulative import time."""
    r = subprocess.run([sys.executable, "-X", "importtime", "-c", "import ticketry"], capture_output=True, text=True, check=True)
    cumulative = None
    for line in r.stderr.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == "ticketry":
            cumulative = int(parts[1]) / 1000
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import ticketry"], check=True)
    whole = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = (time.perf_counter() - t0) * 1000
    return {"importtime_cumulative_ms": cumulative, "subprocess_ms": round(whole, 1), "bare_interpreter_ms": round(bare, 1)}


def readiness(native: bool) -> Dict[str, Any]:
    """Per call of Ticket.why_blocked("close") and Ticket.can("close") from Python."""
    utc = dt.timezone.utc
    anna = ticketry.Actor.specialist("anna", "Анна")
    t = ticketry.Ticket.open(
        ticketry.new_ticket(id="T-10234", client_id="c-1", contact_name="Ирина", product="PASS24 Шлагбаум",
                            subject="Не открывается шлагбаум", description="Шлагбаум не реагирует", priority="high"),
        at=dt.datetime(2025, 3, 3, 9, tzinfo=utc), actor=anna,
    )
    at = dt.datetime(2025, 3, 3, 12, tzinfo=utc)
    policy = ticketry.Policy()
    out: Dict[str, Any] = {}
    for name, call in (("why_blocked_us", lambda: t.why_blocked("close", at=at, policy=policy)),
                       ("can_us", lambda: t.can("close", at=at, policy=policy))):
        n = 20_000
        call()
        t0 = time.perf_counter()
        for _ in range(n):
            call()
        out[name] = round((time.perf_counter() - t0) / n * 1e6, 2)
    out["native_why_blocked_us"] = None
    if native:
        r = subprocess.run(["cargo", "run", "--release", "-q", "-p", "ticketry-benches", "--bin", "closure-bench"],
                           cwd=ROOT, capture_output=True, text=True)
        m = re.search(r"close-readiness checks per second \(why_blocked\(close\)\):\s+([0-9.]+)", r.stdout)
        if m:
            out["native_why_blocked_us"] = round(1e6 / float(m.group(1)), 3)
    if out["native_why_blocked_us"] is not None:
        out["overhead_us"] = round(out["why_blocked_us"] - out["native_why_blocked_us"], 2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tickets", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--rf-queries", type=int, default=50)
    ap.add_argument("--synth", help="a synth JSON Lines file (default: target/synth-….jsonl, generated when missing)")
    ap.add_argument("--native", action="store_true", help="also run the Rust closure bench for the native readiness figure")
    args = ap.parse_args()

    path = synth_file(args.tickets, args.synth)
    lines = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    lines.sort(key=lambda t: t["opened_at"])  # RFC 3339 UTC "Z" text sorts as time
    opened = [t["opened_at"] for t in lines]

    docs = "\n".join(json.dumps({
        "id": t["id"], "client_id": t["client_id"], "product": t["product"], "opened_at": t["opened_at"],
        "subject": t["subject"], "description": t["description"], "outcome": "solved" if t.get("solved") else "open",
    }, ensure_ascii=False) for t in lines)
    t0 = time.perf_counter()
    detector = ticketry.Detector.from_docs(docs)
    index_s = time.perf_counter() - t0

    repeats = [i for i, t in enumerate(lines) if t.get("truth")]
    picked = spread(repeats, args.queries)
    queries = [{k: lines[i][k] for k in ("id", "client_id", "product", "opened_at", "subject", "description")} for i in picked]
    truths = [lines[i]["truth"] for i in picked]
    position = {t["id"]: i for i, t in enumerate(lines)}

    def right(k: int, found_ids: Sequence[str]) -> bool:
        """A right answer among `found_ids`: earlier than the query, with every attribute of the class."""
        truth, i = truths[k], picked[k]
        return any(fid == truth["of"] or (position.get(fid, i) < i and all(
            lines[position[fid]].get(f) == v for f, v in truth["answers"].items())) for fid in found_ids)

    policy = ticketry.Policy()
    detector.detect(queries[0], policy)  # warm up
    tk_lat: List[float] = []
    tk_hit: List[bool] = []
    tk_label: List[bool] = []
    for k, q in enumerate(queries):
        t0 = time.perf_counter()
        found = detector.detect(q, policy)
        tk_lat.append(time.perf_counter() - t0)
        tk_hit.append(right(k, found.ids[:10]))
        tk_label.append(truths[k]["of"] in found.ids[:10])
    t0 = time.perf_counter()
    detector.detect_many(queries, policy)
    batch_s = time.perf_counter() - t0

    from rapidfuzz import fuzz, process

    texts = [f'{t["subject"]} {t["description"]}' for t in lines]
    ids = [t["id"] for t in lines]
    rf_sel = spread(list(range(len(picked))), args.rf_queries)
    rf_lat: List[float] = []
    rf_hit: List[bool] = []
    for k in rf_sel:
        i = picked[k]
        earlier = bisect.bisect_left(opened, opened[i])  # strictly earlier tickets only
        choices = texts[:earlier]
        t0 = time.perf_counter()
        top = process.extract(texts[i], choices, scorer=fuzz.token_set_ratio, limit=10)
        rf_lat.append(time.perf_counter() - t0)
        rf_hit.append(right(k, [ids[j] for _, _, j in top]))
    tk_sub_lat = [tk_lat[k] for k in rf_sel]
    tk_sub_hit = [tk_hit[k] for k in rf_sel]

    ready = readiness(args.native)
    result = {
        "bench": "python detection: ticketry Detector vs rapidfuzz process.extract(token_set_ratio, limit=10)",
        "tickets": len(lines),
        "index_build_s": round(index_s, 3),
        "heap_mb": round(detector.heap_bytes() / 2**20, 1),
        "queries": len(queries),
        "ticketry": {**stats_us(tk_lat), "recall_at_10": round(sum(tk_hit) / len(tk_hit), 4),
                     "recall_at_10_labelled": round(sum(tk_label) / len(tk_label), 4),
                     "detect_many_per_query_us": round(batch_s / len(queries) * 1e6, 1)},
        "rapidfuzz_queries": len(rf_sel),
        "rapidfuzz": {**stats_us(rf_lat), "recall_at_10": round(sum(rf_hit) / len(rf_hit), 4)},
        "ticketry_on_rapidfuzz_queries": {**stats_us(tk_sub_lat), "recall_at_10": round(sum(tk_sub_hit) / len(tk_sub_hit), 4)},
        "speed_ratio_mean": round(statistics.fmean(rf_lat) / statistics.fmean(tk_sub_lat), 1),
        "speed_ratio_p50": round(statistics.median(rf_lat) / statistics.median(tk_sub_lat), 1),
        "import_time_ms": import_time_ms(),
        "close_readiness_overhead_us": ready,
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
