//! Bounded fuzzing of every parser of outside input, run with the unit tests (and so by
//! `scripts/test` under cargo-nextest, in CI): front matter (TOML and YAML), markdown
//! with raw HTML, `_site.toml`, `domains.toml` (and the zone and nginx configuration
//! written from what it accepts), the alias and label grammars, the manifests `verify`
//! reads and the spam scanner it runs on served pages. The WXR reader and converter and
//! the preview's request parser have theirs next to their private code
//! (`import::wordpress::fuzz`, `serve::http`), using [`run`].
//!
//! proptest, not cargo-fuzz: cargo-fuzz needs a nightly toolchain, which CI does not
//! have, and a separate build; proptest runs on stable inside the ordinary test binary,
//! shrinks what it finds to a small input, and generates arbitrary Unicode as well as
//! each grammar's own tokens. What it loses (coverage guidance) the grammar-aware
//! generators make up for in part.
//!
//! Each target runs for a time budget, not a number of cases, so that CI (2 cores)
//! spends a known time here: [`BUDGET`] per target, `LAMAN_FUZZ_SECONDS` to fuzz longer
//! by hand. In CI (`CI` set) the seed is fixed, so a failure there is reproducible.
//! Every case runs on a thread of its own with a deadline ([`CASE_LIMIT`]): a hang is a
//! failure naming its input, not a stuck suite. A case that allocates more than
//! [`ALLOC_LIMIT`] in total fails too (unbounded memory).
//!
//! The targets are in one file each: [`content`] (front matter, markdown, `_site.toml`,
//! aliases), [`registry`] (`domains.toml`, labels and hosts), [`verify`] (manifests,
//! the spam scanner) and [`nesting`] (expansion and nesting in every parser). Cases found
//! here are kept as plain regression tests beside their target or in the module they
//! are about.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Debug;
use std::sync::Arc;
use std::time::{Duration, Instant};

mod content;
mod nesting;
mod registry;
mod verify;

/// How long each target is fuzzed by default.
pub const BUDGET: Duration = Duration::from_secs(8);
/// How long one case may take (a debug build, on a busy machine) before it is a hang.
pub const CASE_LIMIT: Duration = Duration::from_secs(10);
/// How much one case may allocate in all, on its own thread.
pub const ALLOC_LIMIT: usize = 512 << 20;

/// The system allocator, counting what each thread allocates (for [`ALLOC_LIMIT`]).
pub struct Counting;

thread_local! {
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is passed on to the system allocator unchanged; the count is a
// thread-local `Cell` with a const initializer, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get().saturating_add(layout.size())));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get().saturating_add(new_size)));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn budget() -> Duration {
    std::env::var("LAMAN_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(BUDGET, Duration::from_secs)
}

/// Runs `check` on values of `strategy` for the time budget, each on its own thread
/// with a deadline and an allocation limit. A panic, a hang or too much memory fails
/// the test with the input, shrunk as far as proptest can in a minute.
pub fn run<S>(name: &str, strategy: S, check: impl Fn(S::Value) + Send + Sync + 'static)
where
    S: Strategy,
    S::Value: Clone + Debug + Send + 'static,
{
    let check = Arc::new(check);
    let config = Config {
        rng_seed: if std::env::var_os("CI").is_some() {
            RngSeed::Fixed(0x6675_7a7a)
        } else {
            RngSeed::Random
        },
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let started = Instant::now();
    let budget = budget();
    let mut cases = 0;
    while started.elapsed() < budget {
        let mut tree = strategy
            .new_tree(&mut runner)
            .unwrap_or_else(|e| panic!("fuzz {name}: no value: {e}"));
        cases += 1;
        let Err(why) = one_case(&check, tree.current()) else {
            continue;
        };
        // Shrink: simpler while it still fails, back when it no longer does.
        let mut minimal = (tree.current(), why);
        let shrinking = Instant::now();
        let mut more = tree.simplify();
        while more && shrinking.elapsed() < Duration::from_secs(60) {
            let value = tree.current();
            more = match one_case(&check, value.clone()) {
                Err(why) => {
                    minimal = (value, why);
                    tree.simplify()
                }
                Ok(()) => tree.complicate(),
            };
        }
        panic!(
            "fuzz {name}: {} after {cases} cases; minimal input:\n{:?}",
            minimal.1, minimal.0
        );
    }
    eprintln!("fuzz {name}: {cases} cases in {:.1?}", started.elapsed());
}

fn one_case<V, F>(check: &Arc<F>, value: V) -> Result<(), String>
where
    V: Send + 'static,
    F: Fn(V) + Send + Sync + 'static,
{
    let (tx, rx) = std::sync::mpsc::channel();
    let check = Arc::clone(check);
    std::thread::Builder::new()
        .name("fuzz case".into())
        .spawn(move || {
            ALLOCATED.with(|a| a.set(0));
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(value)));
            let allocated = ALLOCATED.with(Cell::get);
            let _ = tx.send((outcome.map_err(panic_text), allocated));
        })
        .map_err(|e| format!("no thread: {e}"))?;
    match rx.recv_timeout(CASE_LIMIT) {
        Err(_) => Err(format!("hang: no answer in {CASE_LIMIT:?}")),
        Ok((Err(panic), _)) => Err(format!("panic: {panic}")),
        Ok((Ok(()), allocated)) if allocated > ALLOC_LIMIT => {
            Err(format!("allocated {} MiB", allocated >> 20))
        }
        Ok(_) => Ok(()),
    }
}

fn panic_text(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(not text)".into())
}

/// Any text: every Unicode scalar value, controls and new lines included.
pub fn any_text(max: usize) -> impl Strategy<Value = String> + Clone {
    proptest::collection::vec(any::<char>(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// Text that touches the places byte offsets go wrong: characters of every UTF-8 width,
/// entities, quotes WordPress writes, and controls.
pub fn awkward() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        Just("é".to_string()),
        Just("“Warga”".to_string()),
        Just("&amp;".to_string()),
        Just("&#8220;".to_string()),
        Just("&".to_string()),
        Just(";".to_string()),
        Just("😀".to_string()),
        Just("\u{10FFFF}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("\u{0}".to_string()),
        Just("\r\n".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{202E}".to_string()),
        "[a-z]{1,8}",
    ]
}

/// Text made of `tokens` (a grammar's own), awkward pieces and any text, up to `max`
/// pieces; and now and then any text on its own.
pub fn grammar(
    tokens: &'static [&'static str],
    max: usize,
) -> impl Strategy<Value = String> + Clone {
    let piece = prop_oneof![
        4 => proptest::sample::select(tokens).prop_map(str::to_string),
        2 => awkward(),
        1 => any_text(6),
    ];
    prop_oneof![
        6 => proptest::collection::vec(piece, 0..max).prop_map(|v| v.concat()),
        1 => any_text(200),
    ]
}

/// Inserts `piece` into `text` at about `at` (a fraction of its length), on a char
/// boundary; with `cut`, drops what follows the piece instead of keeping it.
pub fn splice(text: &str, at: f64, piece: &str, cut: bool) -> String {
    let i = crate::text::floor(text, (text.len() as f64 * at) as usize);
    let tail = if cut { "" } else { &text[i..] };
    format!("{}{piece}{tail}", &text[..i])
}

/// A TOML basic string holding `text` exactly.
pub fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}
