//! A small timer for the quick benchmark binaries: best of N runs.

use std::hint::black_box;
use std::time::Instant;

/// How many timed runs [`rate`] and [`rate_batched`] take the best of.
pub const RUNS: usize = 5;

/// Operations per second of `f`, which does `ops` operations per call, called
/// `iters` times per run; the best of [`RUNS`] runs.
pub fn rate<R>(ops: u64, iters: usize, mut f: impl FnMut() -> R) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..RUNS {
        let start = Instant::now();
        for _ in 0..iters {
            black_box(f());
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    per_second(ops, iters, best)
}

/// Like [`rate`], but every call gets a fresh input from `setup`, built before
/// the clock starts; outputs are dropped after it stops. This times only
/// `routine`, as criterion's `iter_batched` does.
pub fn rate_batched<I, R>(
    ops: u64,
    iters: usize,
    mut setup: impl FnMut() -> I,
    mut routine: impl FnMut(I) -> R,
) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..RUNS {
        let inputs: Vec<I> = (0..iters).map(|_| setup()).collect();
        let mut outputs: Vec<R> = Vec::with_capacity(iters);
        let start = Instant::now();
        for input in inputs {
            outputs.push(routine(black_box(input)));
        }
        best = best.min(start.elapsed().as_secs_f64());
        drop(black_box(outputs));
    }
    per_second(ops, iters, best)
}

fn per_second(ops: u64, iters: usize, seconds: f64) -> f64 {
    let total = ops as f64 * iters as f64;
    if seconds > 0.0 {
        total / seconds
    } else {
        f64::INFINITY
    }
}
