//! Batches of work spread over worker threads and handed back in order: how
//! the loader parses JSON Lines and analyses ticket texts on every core while
//! one thread keeps the order.

use std::collections::VecDeque;
use std::sync::mpsc::sync_channel;

/// Maps every item of `batches` with `map` on worker threads (one per core,
/// at most 8) and gives each mapped batch to `handle`, in the order of
/// `batches`, on the calling thread.
///
/// Batch `i` goes to worker `i % workers`; each worker has a bounded queue in
/// and one out, read in turn, so the order needs no buffer and at most two
/// batches per worker are in flight: memory stays bounded however long the
/// input. `handle` returns `Ok(false)` to stop early: what was mapped ahead is
/// dropped unseen. An error of `batches` or of `handle` ends the run with it.
/// A worker that panics ends the run, and the panic goes on on the calling
/// thread (as `std::thread::scope` does).
///
/// ```
/// let mut out = Vec::new();
/// let batches = (0..10).map(|i| Ok::<_, ()>(vec![i * 2, i * 2 + 1]));
/// ticketry_cli::parallel::map_in_order(batches, |x: u32| x * 10, |b| {
///     out.extend(b);
///     Ok(true)
/// })?;
/// assert_eq!(out, (0..20).map(|x| x * 10).collect::<Vec<u32>>());
/// # Ok::<(), ()>(())
/// ```
pub fn map_in_order<I: Send, O: Send, E>(
    batches: impl IntoIterator<Item = Result<Vec<I>, E>>,
    map: impl Fn(I) -> O + Sync,
    mut handle: impl FnMut(Vec<O>) -> Result<bool, E>,
) -> Result<(), E> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let map = &map;
    std::thread::scope(|s| {
        let mut jobs = Vec::with_capacity(workers);
        let mut results = Vec::with_capacity(workers);
        for _ in 0..workers {
            let (job_tx, job_rx) = sync_channel::<Vec<I>>(2);
            let (done_tx, done_rx) = sync_channel::<Vec<O>>(2);
            s.spawn(move || {
                for batch in job_rx {
                    if done_tx.send(batch.into_iter().map(map).collect()).is_err() {
                        break; // the caller stopped
                    }
                }
            });
            jobs.push(job_tx);
            results.push(done_rx);
        }
        // `None` when the batch's worker is gone: it panicked, and the scope
        // passes the panic on once every worker has ended
        let take = |i: usize| results.get(i % workers).and_then(|r| r.recv().ok());
        // batch numbers sent and not yet handled, oldest first
        let mut in_flight: VecDeque<usize> = VecDeque::new();
        for (i, batch) in batches.into_iter().enumerate() {
            let batch = batch?;
            if in_flight.len() >= 2 * workers {
                if let Some(oldest) = in_flight.pop_front() {
                    let Some(done) = take(oldest) else {
                        return Ok(());
                    };
                    if !handle(done)? {
                        return Ok(());
                    }
                }
            }
            match jobs.get(i % workers) {
                Some(tx) if tx.send(batch).is_ok() => in_flight.push_back(i),
                _ => return Ok(()),
            }
        }
        drop(jobs); // the workers end after their last batch
        while let Some(done) = in_flight.pop_front().and_then(take) {
            if !handle(done)? {
                break;
            }
        }
        Ok(())
    })
}
