//! Shared workloads and timing for the benchmarks of ticketry.
//!
//! - [`closure_workload`]: a realistic closure (a barrier ticket walked from
//!   opening to closed in 14 commands), as dynamic commands and as typed payloads,
//!   and tickets at given points of it;
//! - [`synth`]: a seeded synthetic archive of Russian access-control support
//!   tickets with injected repeats whose answers are known (the workload of the
//!   repeat-detection benchmarks; the `synth` binary writes it as JSON Lines);
//! - [`timing`]: the best-of-N timer the quick `*-bench` binaries use.
//!
//! The criterion benches (`cargo bench -p ticketry-benches`) and the quick
//! binaries (`cargo run --release -p ticketry-benches --bin …`) share these, so
//! both measure the same work. More workloads go in modules beside these.

pub mod closure_workload;
pub mod synth;
pub mod timing;
