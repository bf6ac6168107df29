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

/// mimalloc's `mi_option_arena_eager_commit` (in mimalloc 3's `mi_option_e`). On by
/// default on Linux, it keeps the pages of an arena committed, so that memory freed
/// after a stage (the content read, a site rendered) is given back to the system only
/// lazily and stays in the resident set: off, a 10,000-page build peaks about a fifth
/// lower in the same time (`docs/BENCHMARKS.md`).
#[cfg(not(feature = "system-alloc"))]
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Sets the option before mimalloc starts: mimalloc reserves its first arena in its own
/// constructor (priority 101, `.init_array.00101`), before `main`, so the option is set
/// by a constructor of priority 100, which the linker orders before it.
#[cfg(all(not(feature = "system-alloc"), target_os = "linux"))]
#[used]
#[unsafe(link_section = ".init_array.00100")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

#[cfg(all(not(feature = "system-alloc"), target_os = "linux"))]
extern "C" fn tune_allocator() {
    // SAFETY: sets a plain integer option, before any thread exists.
    unsafe { libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0) }
}

fn main() -> std::process::ExitCode {
    cli::main()
}
