//! When did each OPD site last change? Read from the regency repository's git history, for
//! `laman report` (the Dinas's quarterly list of stale sites).
//!
//! [`last_changes`] walks HEAD's first-parent history once for all sites and gives each
//! site folder the committer date of the newest commit that changed anything below it.
//!
//! What this module must not do:
//! - run the `git` program: the history is read in-process through gitoxide (`gix`), so a
//!   machine without git, or with a git that prompts or hooks, gives the same answer;
//! - fail the report: no repository, a bare or corrupt or unreadable one, a missing object
//!   or a date that cannot be read all give `None` (the caller shows "unknown"), never an
//!   error, a panic or a hang (the walk is bounded by [`MAX_COMMITS`]);
//! - read outside the repository: the repository is opened isolated — only its own
//!   configuration, no system or user configuration, no `include`s, no `GIT_*` environment
//!   variables. (Object stores that the repository itself names in `objects/info/alternates`
//!   are read, as git does: they are where that repository keeps its objects.)
//! - write anything: no lock, no index refresh, no fetch of missing objects.

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};

use gix::bstr::{BStr, BString, ByteSlice};
use gix::ObjectId;
use jiff::civil::Date;

/// The most commits one call reads. A regency repository has a few thousand; the bound is
/// there so that a huge or cyclic (corrupt) history cannot make the report hang. Reaching it
/// is handled like a shallow clone's boundary: the oldest commit read dates every folder it
/// still has (the folder changed on that date or earlier).
pub const MAX_COMMITS: usize = 50_000;

/// The deepest folder path taken; deeper ones are left out of the answer (never dated).
/// Site folders are `content/<label>`, so this only keeps a hostile argument from costing
/// anything.
const MAX_DEPTH: usize = 64;

/// For each `(label, folder relative to root)`, the date of the newest commit on HEAD's
/// first-parent history that changed anything below the folder: the committer date, as a
/// civil date in the commit's own offset.
///
/// **First-parent, on purpose.** The report asks when a site last changed *on the published
/// branch*. Following first parents, a merge commit is compared with the branch it was merged
/// into, so work done on a side branch is dated when it was merged (when it went live), and
/// side-branch commits, whose dates say when someone worked on them, not when the site
/// changed, are never looked at. It is also one linear walk, so the bound on work is simple.
/// With squash or rebase merges both views give the same answer.
///
/// Semantics:
/// - A folder is dated by the first commit (walking from HEAD) whose tree entry id for that
///   folder differs from its first parent's. Deleting a folder is a change too.
/// - A folder that no commit on that history ever had is absent from the map; so is one whose
///   path leaves the repository (`..` past its root, or absolute).
/// - A commit without a parent in this repository (the root commit, a shallow clone's
///   boundary: CI clones shallow, or the [`MAX_COMMITS`]th commit read) counts as having
///   changed everything it contains. So in a shallow clone the oldest commit dates every
///   folder it contains that nothing newer changed: the real date is that one or earlier.
/// - `root` may be anywhere inside the work tree; the repository is found upwards from it as
///   git does, and the folders are taken relative to `root`.
/// - `None` when `root` is not inside a git work tree (a bare repository has none) or the
///   repository cannot be read. A repository without any commit gives an empty map.
pub fn last_changes(root: &Path, folders: &[(String, PathBuf)]) -> Option<BTreeMap<String, Date>> {
    // gix validates what it parses, but this runs over repositories laman did not make: if a
    // corner of the library panics on one, the report must still come out, with "unknown".
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| walk(root, folders))).ok()?
}

fn walk(root: &Path, folders: &[(String, PathBuf)]) -> Option<BTreeMap<String, Date>> {
    let (repo, inside) = locate(root)?;
    let paths: Vec<Option<Vec<BString>>> = folders
        .iter()
        .map(|(_, folder)| repository_path(&inside, folder))
        .collect();
    let trie = Trie::new(&paths);

    let head = repo.head().ok()?;
    if head.is_unborn() {
        return Some(BTreeMap::new());
    }
    let head_id = head.into_peeled_id().ok()?.detach();
    let pending = paths.iter().filter(|p| p.is_some()).count();
    let dated = dates(&repo, &trie, head_id, folders.len(), pending)?;

    Some(
        folders
            .iter()
            .zip(dated)
            .filter_map(|((label, _), date)| Some((label.clone(), date?)))
            .collect(),
    )
}

/// The repository holding `root`, and where `root` lies inside its work tree.
fn locate(root: &Path) -> Option<(gix::Repository, PathBuf)> {
    let root = std::fs::canonicalize(root).ok()?;
    let repo = open(&root)?;
    let workdir = std::fs::canonicalize(repo.workdir()?).ok()?;
    let inside = root.strip_prefix(&workdir).ok()?.to_path_buf();
    // A root inside the `.git` folder is inside no work tree.
    if inside.components().any(|c| c.as_os_str() == ".git") {
        return None;
    }
    Some((repo, inside))
}

/// Walks the first-parent history from `head_id`: for each of the `count` folders (the
/// leaves of `trie`, `pending` of them in the repository), the date of the newest commit
/// that changed it, while any is still undated and the walk may go on.
fn dates(
    repo: &gix::Repository,
    trie: &Trie,
    head_id: ObjectId,
    count: usize,
    mut pending: usize,
) -> Option<Vec<Option<Date>>> {
    // In a shallow clone git treats the listed commits as parentless even when the objects of
    // their parents happen to be present; do the same so the answer matches `git log`.
    let shallow: HashSet<ObjectId> = match repo.shallow_commits().ok()? {
        Some(commits) => commits.iter().copied().collect(),
        None => HashSet::new(),
    };

    let mut dated: Vec<Option<Date>> = vec![None; count];
    let mut id = head_id;
    // HEAD's own commit missing is a broken repository, not a shallow boundary.
    let Found::Commit(mut commit) = read_commit(repo, id)? else {
        return None;
    };
    let mut entries = trie.resolve(repo, commit.tree, None)?;
    let mut read = 1;
    while pending > 0 {
        let parent = match commit.first_parent {
            Some(parent) if read < MAX_COMMITS && !shallow.contains(&id) => {
                match read_commit(repo, parent)? {
                    Found::Commit(c) => Some((parent, c)),
                    Found::Missing => None,
                }
            }
            _ => None,
        };
        let Some((parent_id, parent)) = parent else {
            // No parent to compare with: this commit "changed" everything it contains.
            for (f, date) in dated.iter_mut().enumerate() {
                if date.is_none() && trie.leaf(f).is_some_and(|n| entries[n].is_some()) {
                    *date = Some(commit.date);
                }
            }
            break;
        };
        read += 1;
        let parent_entries = if parent.tree == commit.tree {
            entries.clone()
        } else {
            // The child's entries let unchanged subtrees be copied instead of read again.
            trie.resolve(repo, parent.tree, Some(&entries))?
        };
        for (f, date) in dated.iter_mut().enumerate() {
            if date.is_some() {
                continue;
            }
            if let Some(n) = trie.leaf(f) {
                let now = entries[n].map(|e| e.id);
                let before = parent_entries[n].map(|e| e.id);
                if now != before {
                    *date = Some(commit.date);
                    pending -= 1;
                }
            }
        }
        id = parent_id;
        commit = parent;
        entries = parent_entries;
    }
    Some(dated)
}

/// Finds the repository upwards from `root`, reading nothing but the repository itself.
fn open(root: &Path) -> Option<gix::Repository> {
    let isolated = gix::open::Options::isolated();
    let trust = gix::sec::trust::Mapping {
        full: isolated.clone(),
        reduced: isolated,
    };
    // `discover_opts` (not `discover_with_environment_overrides`) so that GIT_DIR,
    // GIT_CEILING_DIRECTORIES and the like of whoever runs laman change nothing.
    let repo = gix::ThreadSafeRepository::discover_opts(root, Default::default(), trust).ok()?;
    Some(repo.to_thread_local())
}

/// `folder`, taken relative to `root` (which is `inside` the work tree), as the components of
/// a repository path; `None` when it leaves the repository or cannot be a git path.
fn repository_path(inside: &Path, folder: &Path) -> Option<Vec<BString>> {
    let mut parts: Vec<BString> = Vec::new();
    for component in inside.components().chain(folder.components()) {
        match component {
            Component::Normal(name) => {
                parts.push(gix::path::os_str_into_bstr(name).ok()?.to_owned());
            }
            Component::CurDir => {}
            // Lexical, like git's own pathspecs: `content/../content/a` is `content/a`, and
            // climbing above the repository root leaves it.
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (parts.len() <= MAX_DEPTH).then_some(parts)
}

/// One commit, as far as the walk needs it.
struct Commit {
    tree: ObjectId,
    first_parent: Option<ObjectId>,
    date: Date,
}

/// What [`read_commit`] found.
enum Found {
    Commit(Commit),
    /// The object is not in the repository: beyond a shallow clone's boundary.
    Missing,
}

/// `None` when the object cannot be read, or is not a commit with a readable committer date.
fn read_commit(repo: &gix::Repository, id: ObjectId) -> Option<Found> {
    let Some(object) = repo.try_find_object(id).ok()? else {
        return Some(Found::Missing);
    };
    if object.kind != gix::object::Kind::Commit {
        return None;
    }
    let commit = gix::objs::CommitRef::from_bytes(&object.data, id.kind()).ok()?;
    let time = commit.committer().ok()?.time().ok()?;
    let instant = jiff::Timestamp::from_second(time.seconds).ok()?;
    let offset = jiff::tz::Offset::from_seconds(time.offset).ok()?;
    let first_parent = commit.parents().next();
    Some(Found::Commit(Commit {
        tree: commit.tree(),
        first_parent,
        date: offset.to_datetime(instant).date(),
    }))
}

/// A tree entry found at a trie node.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Entry {
    id: ObjectId,
    is_tree: bool,
}

/// The folders' paths merged into one tree of names, so that each git tree object on the
/// way to any folder is read once per commit, however many folders lie below it.
struct Trie {
    /// In preorder: node 0 is the repository root and a node's descendants are the nodes
    /// `i + 1 .. nodes[i].end`, which lets an unchanged subtree be copied as one slice.
    nodes: Vec<Node>,
    /// For each folder, its node; `None` for a folder whose path was refused.
    leaves: Vec<Option<usize>>,
}

struct Node {
    /// Children as (name, node), sorted by name for binary search.
    children: Vec<(BString, usize)>,
    end: usize,
}

#[derive(Default)]
struct Building {
    children: BTreeMap<BString, Building>,
    folders: Vec<usize>,
}

impl Trie {
    fn new(paths: &[Option<Vec<BString>>]) -> Self {
        let mut top = Building::default();
        for (f, path) in paths.iter().enumerate() {
            if let Some(path) = path {
                let mut at = &mut top;
                for name in path {
                    at = at.children.entry(name.clone()).or_default();
                }
                at.folders.push(f);
            }
        }
        let mut trie = Trie {
            nodes: Vec::new(),
            leaves: vec![None; paths.len()],
        };
        // Recursion depth is bounded by MAX_DEPTH.
        trie.flatten(top);
        trie
    }

    fn flatten(&mut self, building: Building) -> usize {
        let index = self.nodes.len();
        self.nodes.push(Node {
            children: Vec::new(),
            end: 0,
        });
        for f in building.folders {
            self.leaves[f] = Some(index);
        }
        for (name, child) in building.children {
            let child_index = self.flatten(child);
            self.nodes[index].children.push((name, child_index));
        }
        self.nodes[index].end = self.nodes.len();
        index
    }

    fn leaf(&self, folder: usize) -> Option<usize> {
        self.leaves.get(folder).copied().flatten()
    }

    /// The entry at every node for the commit whose root tree is `tree`. Where `previous`
    /// (another commit's entries) has the same id at a node, everything below is the same
    /// and is copied rather than read. `None` when a tree object cannot be read.
    fn resolve(
        &self,
        repo: &gix::Repository,
        tree: ObjectId,
        previous: Option<&[Option<Entry>]>,
    ) -> Option<Vec<Option<Entry>>> {
        let mut entries: Vec<Option<Entry>> = vec![None; self.nodes.len()];
        entries[0] = Some(Entry {
            id: tree,
            is_tree: true,
        });
        let mut i = 0;
        while i < self.nodes.len() {
            let node = &self.nodes[i];
            let Some(entry) = entries[i] else {
                i += 1;
                continue;
            };
            if let Some(previous) = previous {
                if previous[i] == Some(entry) {
                    entries[i..node.end].copy_from_slice(&previous[i..node.end]);
                    i = node.end;
                    continue;
                }
            }
            if entry.is_tree && !node.children.is_empty() {
                let object = repo.try_find_object(entry.id).ok()??;
                if object.kind != gix::object::Kind::Tree {
                    return None;
                }
                for item in gix::objs::TreeRefIter::from_bytes(&object.data, entry.id.kind()) {
                    let item = item.ok()?;
                    if let Some(child) = find(&node.children, item.filename) {
                        entries[child] = Some(Entry {
                            id: item.oid.to_owned(),
                            is_tree: item.mode.is_tree(),
                        });
                    }
                }
            }
            i += 1;
        }
        Some(entries)
    }
}

fn find(children: &[(BString, usize)], name: &BStr) -> Option<usize> {
    children
        .binary_search_by(|(child, _)| child.as_bytes().cmp(name.as_bytes()))
        .ok()
        .map(|at| children[at].1)
}
