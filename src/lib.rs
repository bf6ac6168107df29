//! laman builds a regency's official web presence: the portal at `<name>kab.go.id` and
//! one site per approved OPD subdomain, from markdown content folders and the registry of
//! subdomains in `domains.toml`.
//!
//! The pipeline, in the order [`build::run`] calls it:
//! [`registry`] → [`content`] → [`site`] (link resolution and the resolved model) →
//! [`markdown`] and [`render`] → [`output`] (write into a fresh folder, then swap).

pub mod content;
pub mod finding;
pub mod markdown;
pub mod registry;
pub mod site;
