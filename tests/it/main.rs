//! laman's integration tests, in one binary so that the ~600 crates are linked once, not
//! once per file: a module per subject, each running the real `laman` binary (or the
//! library) on fixtures from `tests/fixtures/`. `common` holds the helpers they share,
//! `publish_support` the SSH server of `publish`'s tests.
//!
//! A test that runs an outside tool (nginx, named-checkzone, openssl, curl, sshd,
//! pdftotext, Node.js and Chromium) says so with `#[needs(...)]` (`tests/needs/`): when
//! the tool is missing it is reported as ignored and counted among the skipped, outside
//! CI; in CI it runs and fails.

mod common;
mod publish_support;

mod bad_input;
mod build;
mod cache;
mod dns;
mod domains;
mod example;
mod git_freshness;
mod hints;
mod house;
mod i18n;
mod import_wordpress;
mod init;
mod injection;
mod layers;
mod nginx;
mod notice;
mod output_guard;
mod pictures;
mod publish;
mod readme;
mod registry_concurrency;
mod report;
mod report_print;
mod search;
mod search_index;
mod security_paths;
mod serve;
mod services;
mod snapshots;
mod spam;
mod status;
mod verify;
