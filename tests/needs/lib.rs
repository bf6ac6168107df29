//! `#[needs("nginx", "openssl")]` on an integration test: when a tool it needs is
//! missing and `CI` is unset, the test is compiled as `#[ignore = "missing: nginx
//! (scripts/test installs it)"]`, so libtest and nextest report it as ignored and count
//! it among the skipped; it is never run and reported as passed. In CI (`CI` set) nothing is added:
//! the test runs and fails on the missing tool (`common::tool` in `tests/it/common/mod.rs`).
//!
//! A need is an executable looked up on `PATH` (`common::tool` finds it
//! the same way at run time), or, when it holds a `/`, a path below the package's root
//! (`tests/judges/node_modules/lighthouse`). The tools are looked for when the test
//! binary is compiled; `build.rs` makes Cargo compile it again when `PATH`, `CI`, a
//! folder on `PATH` or the judges' `node_modules` change. A binary run by hand with
//! another `PATH` keeps what it was compiled with: a tool missing then fails the test.
//!
//! It must not do anything but add that one attribute.

use proc_macro::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use std::path::Path;

#[proc_macro_attribute]
pub fn needs(attr: TokenStream, item: TokenStream) -> TokenStream {
    let wanted: Vec<String> = attr
        .into_iter()
        .filter_map(|token| match token {
            TokenTree::Literal(lit) => Some(lit.to_string().trim_matches('"').to_string()),
            TokenTree::Punct(p) if p.as_char() == ',' => None,
            other => panic!("#[needs]: tool names are string literals, not `{other}`"),
        })
        .collect();
    assert!(!wanted.is_empty(), "#[needs]: name at least one tool");
    if std::env::var_os("CI").is_some() {
        return item;
    }
    let missing: Vec<&str> = wanted
        .iter()
        .map(String::as_str)
        .filter(|need| !present(need))
        .collect();
    if missing.is_empty() {
        return item;
    }
    let reason = format!("missing: {} (scripts/test installs it)", missing.join(", "));
    let mut out = ignore(&reason);
    out.extend(item);
    out
}

fn present(need: &str) -> bool {
    if need.contains('/') {
        let root = std::env::var_os("CARGO_MANIFEST_DIR").expect("compiled by Cargo");
        return Path::new(&root).join(need).exists();
    }
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| dir.is_absolute() && dir.join(need).is_file())
    })
}

/// `#[ignore = "reason"]`.
fn ignore(reason: &str) -> TokenStream {
    let body: TokenStream = [
        TokenTree::Ident(Ident::new("ignore", Span::call_site())),
        TokenTree::Punct(Punct::new('=', Spacing::Alone)),
        TokenTree::Literal(Literal::string(reason)),
    ]
    .into_iter()
    .collect();
    [
        TokenTree::Punct(Punct::new('#', Spacing::Alone)),
        TokenTree::Group(Group::new(Delimiter::Bracket, body)),
    ]
    .into_iter()
    .collect()
}
