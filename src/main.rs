//! The `laman` program: the command line lives in `cli/`, everything it calls in the
//! library.

#[macro_use]
mod cli;

/// Rendering thousands of pages on all cores allocates heavily; glibc's allocator spent a
/// third of a build's time in malloc and free (perf), mimalloc far less. The feature
/// `system-alloc` leaves it out, so that a heap profiler that hooks malloc (heaptrack)
/// sees every allocation (`docs/BENCHMARKS.md`).
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
