//! laman builds a regency's official web presence: the portal at `<name>kab.go.id` and
//! one site per approved OPD subdomain, from markdown content folders and the registry of
//! subdomains in `domains.toml`.
//!
//! The pipeline, in the order [`build::run`] calls it:
//! [`registry`] → [`content`] → [`site`] (the resolved model and its link index) →
//! [`render`] (with [`markdown`]) → [`output`] (write into a fresh folder, then swap).
//! Every stage reports problems as [`finding::Finding`]s, and reads files only through
//! [`input`], which keeps every read inside the repository. Every text a person reads
//! comes from the catalogues of [`i18n`] (`msg!`), in the language the CLI chose.
//!
//! The modules stand in layers, each importing only from those below it (the test
//! `tests/it/layers.rs` keeps it so, and keeps the files of each folder free of circles):
//!
//! 1. Ground floor, importing nothing above it: [`i18n`] (messages), [`text`] (offsets
//!    and the forms of a value in a message), [`html`] (the one escaper and character
//!    references), [`generated`] (the addresses laman makes itself), [`finding`],
//!    [`error`], [`input`] (every read), [`atomic`] (the whole-file write), [`sign`]
//!    (Ed25519 keys), [`git`] and `runtime` (the one async runtime).
//! 2. [`registry`]: reads `domains.toml` and nothing else.
//! 3. [`integrity`]: manifests, seals, the spam guard and `verify`, over the registry.
//! 4. [`content`]: reads each site's content folder.
//! 5. [`site`]: the resolved model of every site and its link index.
//! 6. [`markdown`]: renders and checks a page's markdown against that model.
//! 7. [`catalogue`]: the portal's service catalogue and lists of public information.
//! 8. [`render`]: the files of each site, in memory.
//! 9. [`search`]: the regency's search index, from the rendered pages.
//! 10. [`output`] and [`stamp`]: write a build into its folder; skip an unchanged one.
//! 11. [`hosting`]: the DNS zone and the nginx configuration, from the registry and
//!     each site's content.
//! 12. The commands: [`build`], [`serve`], [`report`], [`publish`], [`dns`],
//!     [`scaffold`], [`import`], the command line itself (`src/cli/`, `main.rs`), and
//!     the fuzz harness that runs in the tests (`fuzz`).

// The docs are the internals' documentation, for developers, read with `cargo doc
// --document-private-items` (the stages' modules are private to the build): there the
// links to private items resolve.
#![allow(rustdoc::private_intra_doc_links)]

pub mod atomic;
pub mod build;
pub mod catalogue;
pub mod content;
pub mod dns;
pub mod error;
pub mod finding;
pub mod generated;
pub mod git;
pub mod hosting;
pub mod html;
pub mod i18n;
pub mod import;
pub mod input;
pub mod integrity;
pub mod markdown;
pub mod output;
pub mod publish;
pub mod registry;
pub mod render;
pub mod report;
mod runtime;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sign;
pub mod site;
pub mod stamp;
pub mod text;

#[cfg(test)]
mod fuzz;
