//! The old site's addresses: its hosts and base path, and whether a link is one of its
//! own (then its path and query are kept, as an alias or a local link).

use super::wxr::Channel;

/// The path and query of an address of the old site (`https://host/a/b/?x` → `/a/b/?x`),
/// if it is one.
pub fn local_path(url: &str, hosts: &[String]) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = host.to_ascii_lowercase();
    let host = host.split(':').next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    if !hosts.iter().any(|h| h == host) {
        return None;
    }
    let path = path.split('#').next().unwrap_or("");
    (!path.is_empty() && path != "/").then(|| path.to_string())
}

fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?.split(':').next()?;
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

pub fn hosts(channel: &Channel) -> Vec<String> {
    let mut hosts: Vec<String> = [
        &channel.base_site_url,
        &channel.base_blog_url,
        &channel.link,
    ]
    .iter()
    .filter_map(|u| host_of(u))
    .collect();
    hosts.sort();
    hosts.dedup();
    hosts
}

/// The folder of the blog on its host, with slashes at both ends.
pub fn base_path(channel: &Channel) -> String {
    let url = if channel.base_blog_url.is_empty() {
        &channel.link
    } else {
        &channel.base_blog_url
    };
    let path = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .and_then(|r| r.find('/').map(|i| &r[i..]))
        .unwrap_or("/");
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .trim_matches('/');
    if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_addresses_of_the_site_only() {
        let hosts = vec!["dinkes.example.go.id".to_string()];
        assert_eq!(
            local_path("https://www.dinkes.example.go.id/2024/03/x/", &hosts).as_deref(),
            Some("/2024/03/x/")
        );
        assert_eq!(local_path("https://evil.example/x/", &hosts), None);
        let channel = Channel {
            base_blog_url: "https://dinkes.example.go.id/web".into(),
            ..Default::default()
        };
        assert_eq!(base_path(&channel), "/web/");
    }
}
