//! nginx configuration read as nginx reads it (ngx_conf_read_token): directives,
//! `server` blocks and their `location`s, each with what the cases check.

#[derive(Debug)]
pub(super) enum Node {
    Directive(Vec<String>),
    Block(Vec<String>, Vec<Node>),
}

/// Splits nginx configuration into directives and blocks by nginx's own rules
/// (ngx_conf_read_token): `#` comments, `;`, `{`, `}`, single and double quotes with `\`
/// escapes (`\"`, `\'`, `\\` are the character, `\n`, `\r`, `\t` control characters).
pub(super) fn parse_nginx(text: &str) -> Vec<Node> {
    fn block(chars: &mut std::iter::Peekable<std::str::Chars>, nested: bool) -> Vec<Node> {
        let mut nodes = Vec::new();
        let mut words: Vec<String> = Vec::new();
        loop {
            let Some(c) = chars.next() else {
                assert!(!nested && words.is_empty(), "unexpected end: {words:?}");
                return nodes;
            };
            match c {
                c if c.is_whitespace() => {}
                '#' if true => {
                    for c in chars.by_ref() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                ';' => nodes.push(Node::Directive(std::mem::take(&mut words))),
                '{' => {
                    let inner = block(chars, true);
                    nodes.push(Node::Block(std::mem::take(&mut words), inner));
                }
                '}' => {
                    assert!(nested && words.is_empty(), "unexpected }}: {words:?}");
                    return nodes;
                }
                '"' | '\'' => {
                    let mut word = String::new();
                    loop {
                        match chars.next().expect("unclosed quote") {
                            '\\' => match chars.next().expect("escape at end") {
                                q @ ('"' | '\'' | '\\') => word.push(q),
                                'n' => word.push('\n'),
                                'r' => word.push('\r'),
                                't' => word.push('\t'),
                                other => {
                                    word.push('\\');
                                    word.push(other);
                                }
                            },
                            q if q == c => break,
                            other => word.push(other),
                        }
                    }
                    words.push(word);
                }
                first => {
                    let mut word = String::from(first);
                    while let Some(&n) = chars.peek() {
                        if n.is_whitespace() || matches!(n, ';' | '{' | '}') {
                            break;
                        }
                        word.push(n);
                        chars.next();
                    }
                    words.push(word);
                }
            }
        }
    }
    block(&mut text.chars().peekable(), false)
}

/// One server block: its names, locations, roots, listen values, return values and
/// Content-Security-Policy, and every directive name it holds.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Server {
    pub(super) names: Vec<String>,
    pub(super) locations: Vec<Vec<String>>,
    pub(super) roots: Vec<String>,
    pub(super) listens: Vec<Vec<String>>,
    pub(super) returns: Vec<Vec<String>>,
    pub(super) csp: Vec<String>,
    pub(super) certs: Vec<String>,
    /// `Access-Control-*` headers, with the location that adds them.
    pub(super) cors: Vec<Vec<String>>,
    /// `Cache-Control` headers, with the location that adds them.
    pub(super) caches: Vec<Vec<String>>,
    /// `set` directives (variable and value), in their order.
    pub(super) sets: Vec<(String, String)>,
}

const SERVER_DIRECTIVES: &[&str] = &[
    "listen",
    "server_name",
    "server_tokens",
    "return",
    "ssl_reject_handshake",
    "ssl_certificate",
    "ssl_certificate_key",
    "ssl_protocols",
    "add_header",
    "root",
    "index",
    "error_page",
    "default_type",
    "charset",
];
const LOCATION_DIRECTIVES: &[&str] = &[
    "try_files",
    "internal",
    "return",
    "add_header",
    "gzip",
    "gzip_types",
    "set",
];

pub(super) fn servers(text: &str) -> Vec<Server> {
    parse_nginx(text)
        .into_iter()
        // The maps laman writes beside the servers (the cache policy of versioned files).
        .filter(|node| !matches!(node, Node::Block(head, _) if head[0] == "map"))
        .map(|node| {
            let Node::Block(head, body) = node else {
                panic!("a directive outside server {{ }}: {node:?}");
            };
            assert_eq!(head, ["server"]);
            let mut s = Server::default();
            for node in body {
                match node {
                    Node::Block(head, inner) => location(&mut s, &head, inner, 0),
                    Node::Directive(w) => {
                        assert!(SERVER_DIRECTIVES.contains(&w[0].as_str()), "{w:?}");
                        let rest = w[1..].to_vec();
                        match w[0].as_str() {
                            "server_name" => s.names = rest,
                            "root" => s.roots.push(rest.join(" ")),
                            "listen" => s.listens.push(rest),
                            "return" => s.returns.push(rest),
                            "ssl_certificate" | "ssl_certificate_key" => {
                                s.certs.push(rest.join(" "))
                            }
                            "add_header" if rest[0] == "Content-Security-Policy" => {
                                s.csp.push(rest[1].clone())
                            }
                            "add_header" if rest[0].starts_with("Access-Control-") => {
                                s.cors.push(rest)
                            }
                            _ => {}
                        }
                    }
                }
            }
            s
        })
        .collect()
}

/// The security headers every location that adds headers of its own must repeat: nginx
/// drops the server's `add_header`s there.
const SECURITY_HEADERS: &[&str] = &[
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
];

/// A location block (and the one location it may hold, at most one level down) into `s`.
fn location(s: &mut Server, head: &[String], inner: Vec<Node>, depth: usize) {
    assert_eq!(head[0], "location", "{head:?}");
    assert!(depth <= 1, "a location nested twice: {head:?}");
    s.locations.push(head[1..].to_vec());
    let mut added = Vec::new();
    let mut nested = Vec::new();
    for n in inner {
        let w = match n {
            Node::Directive(w) => w,
            Node::Block(h, i) => {
                nested.push((h, i));
                continue;
            }
        };
        assert!(LOCATION_DIRECTIVES.contains(&w[0].as_str()), "{w:?}");
        if w[0] == "return" {
            s.returns.push(w[1..].to_vec());
        }
        if w[0] == "set" {
            assert_eq!(w.len(), 3, "{w:?}");
            s.sets.push((w[1].clone(), w[2].clone()));
        }
        if w[0] == "add_header" {
            added.push(w[1].clone());
            if w[1].starts_with("Access-Control-") {
                s.cors.push([&head[1..], &w[1..]].concat());
            }
            if w[1] == "Cache-Control" {
                s.caches.push([&head[1..], &w[2..]].concat());
            }
        }
    }
    if !added.is_empty() {
        for h in SECURITY_HEADERS {
            assert!(added.iter().any(|a| a == h), "{h} missing in {head:?}");
        }
    }
    for (h, i) in nested {
        location(s, &h, i, depth + 1);
    }
}
