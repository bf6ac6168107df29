//! The one async runtime laman makes: the DNS checks (`dns`) and the live checks of
//! `verify` are asynchronous inside and blocking outside, each making a runtime here for
//! its one call and dropping it after. Everything else in laman is synchronous (rayon
//! threads for the build, plain threads for the preview server).
//!
//! Ground floor: it knows nothing of laman, only how big a runtime is enough.

/// A small multi-threaded tokio runtime (two workers, timers and I/O on): enough for
/// many network lookups in flight, little for a command that runs them once.
pub(crate) fn new() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
}
