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
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sign;
pub mod site;
pub mod stamp;
pub mod text;

#[cfg(test)]
mod fuzz;
