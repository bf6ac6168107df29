//! What changed under the root, for the preview server: file events from `notify`,
//! debounced by `notify-debouncer-full`, narrowed to the files a build reads, and the one
//! site they fall in. Nothing here builds or serves.
//!
//! Why `-full` and not `-mini`: reading a file is an event too (the build itself reads
//! every file), and only changes may count. `-full` hands over each event with its kind,
//! so reads are dropped here; `-mini` keeps only paths, so the reads would have to be
//! taken out by wrapping the watcher it makes. `-full` also folds a rename into one event
//! and sends one batch per tick, so an editor's save (temporary file, rename, metadata,
//! a few milliseconds) falls in one batch; `-mini` sends each path once it alone has been
//! quiet, one batch per path. Zola takes `-full` too.

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

/// How long an event waits before it counts, and how often the debouncer looks: a change
/// is seen 100 to 200 ms after it is saved, and a burst of events that falls within one
/// look gives one rebuild. The debouncer wakes this often while the server is idle.
const QUIET: Duration = Duration::from_millis(100);

/// Watches the root; dropping it stops watching.
pub type Watching = Debouncer<RecommendedWatcher, NoCache>;

/// The changes the watcher has seen, taken by the thread that rebuilds.
pub struct Changes {
    root: PathBuf,
    batches: Receiver<DebounceEventResult>,
}

/// Starts watching everything under `root` (without following links: a link out of the
/// repository must not make laman watch, that is list, folders elsewhere; a link inside it
/// points at a file that is watched anyway).
pub fn start(root: &Path) -> notify::Result<(Watching, Changes)> {
    let (tx, batches) = channel();
    let config = notify::Config::default().with_follow_symlinks(false);
    // No file-id cache: it only helps where renames come in halves (macOS, Windows), and
    // it would list the whole tree up front.
    let mut watching = notify_debouncer_full::new_debouncer_opt::<_, RecommendedWatcher, _>(
        QUIET,
        Some(QUIET),
        tx,
        NoCache,
        config,
    )?;
    watching.watch(root, RecursiveMode::Recursive)?;
    let changes = Changes {
        root: root.to_path_buf(),
        batches,
    };
    Ok((watching, changes))
}

impl Changes {
    /// Blocks until inputs of the build change, and says which (relative to the root);
    /// None once the watcher is gone. Every batch already waiting is taken in too, so
    /// the changes that came in during a rebuild give one more rebuild, not one each.
    pub fn next(&self) -> Option<Vec<PathBuf>> {
        loop {
            let first = self.batches.recv().ok()?;
            let waiting = self.batches.try_iter();
            let paths: BTreeSet<PathBuf> = std::iter::once(first)
                .chain(waiting)
                // Errors (a watch lost, a queue overflowed) were never acted on: the next
                // change that is seen rebuilds as usual.
                .filter_map(Result::ok)
                .flatten()
                // Reading a file is an event too: only changes count.
                .filter(|event| !matches!(event.kind, EventKind::Access(_)))
                .flat_map(|event| event.event.paths)
                .collect();
            let inputs: Vec<PathBuf> = paths
                .into_iter()
                .filter_map(|p| p.strip_prefix(&self.root).ok().map(Path::to_path_buf))
                .filter(|p| is_input(p))
                .collect();
            if !inputs.is_empty() {
                return Some(inputs);
            }
        }
    }
}

/// Whether a changed path (relative to the root) is something a build reads: not the
/// output, not version control, not an editor's swap file.
fn is_input(rel: &Path) -> bool {
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    if !matches!(
        first.as_deref(),
        Some("content" | "themes" | "domains.toml")
    ) {
        return false;
    }
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    !(name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913")
}

/// The one site all changes fall in (`content/<label>/...`), if they all fall in one.
pub fn affected_site(paths: &[PathBuf]) -> Option<String> {
    let mut labels = paths.iter().map(|p| {
        let mut c = p
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        match (c.next().as_deref(), c.next(), c.next()) {
            (Some("content"), Some(label), Some(_)) => Some(label),
            _ => None,
        }
    });
    let first = labels.next()??;
    labels
        .all(|l| l.as_deref() == Some(first.as_str()))
        .then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_in_one_site_rebuild_that_site() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(
            affected_site(&[p("content/dinkes/berita/a.md")]).as_deref(),
            Some("dinkes")
        );
        assert_eq!(
            affected_site(&[p("content/dinkes/a.md"), p("content/disdik/b.md")]),
            None
        );
        assert_eq!(affected_site(&[p("domains.toml")]), None);
        assert!(!is_input(&p("public/x/index.html")));
        assert!(!is_input(&p("content/dinkes/.a.md.swp")));
        assert!(is_input(&p("content/dinkes/a.md")));
    }

    /// Waits (bounded) for the next inputs that change, on a thread of its own so that a
    /// watcher that never reports cannot hang the test.
    fn next_within(changes: Changes, limit: Duration) -> (Option<Vec<PathBuf>>, Changes) {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let seen = changes.next();
            let _ = tx.send((seen, changes));
        });
        match rx.recv_timeout(limit) {
            Ok(result) => result,
            Err(_) => panic!("no change reported within {limit:?}"),
        }
    }

    #[test]
    fn saves_are_changes_and_reads_are_not() {
        let root = tempfile::tempdir().unwrap();
        let site = root.path().join("content/dinkes");
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join("a.md"), "a").unwrap();
        let (_watching, changes) = start(root.path()).unwrap();
        // Reading every file, as a build does, is not a change: the first change seen is
        // the registry written after the reads.
        for _ in 0..3 {
            let _ = std::fs::read(site.join("a.md")).unwrap();
        }
        std::thread::sleep(QUIET * 3);
        std::fs::write(root.path().join("domains.toml"), "x").unwrap();
        let (seen, changes) = next_within(changes, Duration::from_secs(10));
        assert_eq!(seen.unwrap(), vec![PathBuf::from("domains.toml")]);
        // An editor's save: a swap file, the file written twice, a backup renamed into
        // place. What is seen is the files, never the swap file.
        std::fs::write(site.join(".a.md.swp"), "x").unwrap();
        std::fs::write(site.join("a.md"), "b").unwrap();
        std::fs::write(site.join("a.md"), "c").unwrap();
        std::fs::write(site.join("b.md~"), "x").unwrap();
        std::fs::rename(site.join("b.md~"), site.join("b.md")).unwrap();
        let (seen, _) = next_within(changes, Duration::from_secs(10));
        let seen = seen.unwrap();
        let saved = [
            PathBuf::from("content/dinkes/a.md"),
            PathBuf::from("content/dinkes/b.md"),
        ];
        assert!(seen.iter().all(|p| saved.contains(p)), "{seen:?}");
    }
}
