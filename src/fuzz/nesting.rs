//! Nesting and expansion in every parser of text: each must end quickly in bounded
//! memory, parsed or refused.

use super::one_case;
use super::registry::{registry_through, REGISTRY};
use std::path::Path;
use std::sync::Arc;

/// Text that expands: YAML anchors referring to anchors, nine levels of nine
/// (a "billion laughs"), and TOML's deepest nesting. Each must end quickly in bounded
/// memory, parsed or refused.
#[test]
fn nesting_and_expansion_are_bounded() {
    let mut yaml = String::from("---\na0: &a0 [\"lol\"]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        yaml.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    yaml.push_str("title: *a9\n---\nbody\n");
    let toml = format!(
        "+++\ntitle = {}1{}\n+++\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let yaml_deep = format!("---\ntitle: {}\n---\n", "[".repeat(5000));
    for text in [yaml, toml, yaml_deep] {
        let check = Arc::new(|t: String| {
            let _ = crate::content::parse_front_matter(&t);
        });
        if let Err(why) = one_case(&check, text.clone()) {
            panic!("{why}: {}", crate::text::prefix(&text, 200));
        }
    }
    // The same nesting in `_site.toml` and `domains.toml`.
    for text in [
        format!("title = {}1{}\n", "[".repeat(5000), "]".repeat(5000)),
        format!("x = {}\n", "{a = ".repeat(5000)),
        format!(
            "{REGISTRY}\n[extra]\nx = {}1{}\n",
            "[".repeat(5000),
            "]".repeat(5000)
        ),
    ] {
        let check = Arc::new(|t: String| {
            let _ = crate::content::SiteConfig::parse(&t, Path::new("_site.toml"));
            registry_through(&t);
        });
        if let Err(why) = one_case(&check, text.clone()) {
            panic!("{why}: {}", crate::text::prefix(&text, 200));
        }
    }
}
