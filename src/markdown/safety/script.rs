//! Whether an address runs code when followed: the one test of a scheme that both the
//! rules (which refuse such an address) and the words of a problem (which name it a
//! script) need.

/// Whether an address runs code when followed: `javascript:`, `vbscript:`, `data:`
/// (browsers ignore case, whitespace and control characters inside the scheme).
pub fn is_script_url(url: &str) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|&c| c != ':' && c != '/' && c != '?' && c != '#')
        .collect::<String>()
        .to_ascii_lowercase();
    let has_colon = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .nth(scheme.chars().count())
        == Some(':');
    has_colon && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls_are_recognised_in_any_disguise() {
        assert!(is_script_url("javascript:alert(1)"));
        assert!(is_script_url(" JaVa\tScript:alert(1)"));
        assert!(is_script_url("data:text/html,<script>"));
        assert!(is_script_url("vbscript:x"));
        assert!(!is_script_url("https://example.go.id/javascript:"));
        assert!(!is_script_url("/data:x"));
        assert!(!is_script_url("mailto:a@b.go.id"));
    }
}
