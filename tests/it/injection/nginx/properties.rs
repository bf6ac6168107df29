//! Property tests: arbitrary strings in every registry field, iframe host, nginx argument
//! and alias give a finding (or exit 2) or exactly the expected zone and configuration.

use super::*;

proptest! {
    #![proptest_config(config())]

    #[needs("nginx", "named-checkzone", "openssl")]
    #[test]
    fn any_registry_field_gives_a_finding_or_exactly_the_expected_zone_and_nginx(v in hostile_registry()) {
        let t = tools();
        registry_case(t, &v, &["www.openstreetmap.org".to_string()]);
    }

    #[needs("nginx", "named-checkzone", "openssl")]
    #[test]
    fn any_iframe_host_gives_a_finding_or_exactly_the_expected_csp(
        hosts in prop::collection::vec(hostile(), 0..3)
    ) {
        let t = tools();
        registry_case(t, &Values::clean(), &hosts);
    }

    #[needs("nginx", "named-checkzone", "openssl")]
    #[test]
    fn any_nginx_argument_exits_2_or_gives_exactly_the_expected_config(
        which in 0..5usize,
        text in prop_oneof![
            2 => hostile(),
            1 => "[0-9]{1,6}",
            1 => "(127\\.0\\.0\\.1|\\[::1\\]|0\\.0\\.0\\.0|203\\.0\\.113\\.5|\\[2001:db8::1\\]):[0-9]{1,5}",
        ],
    ) {
        let t = tools();
        let v = Values::clean();
        let root = v.root(&[]);
        let dir = tempfile::tempdir().unwrap();
        let mut a = Args::local(t);
        // Paths are made absolute inside the temporary folder, so that an accepted
        // certificate path can be given a real certificate for nginx to load.
        let in_dir = format!("{}/c{}", dir.path().display(), text.replace(['/', '\0'], "_"));
        match which {
            0 => a.webroot = if text.starts_with('/') { text.replace('\0', "") } else { in_dir },
            1 => a.cert = in_dir,
            2 => a.key = in_dir,
            3 => a.http = text.replace('\0', ""),
            _ => a.https = text.replace('\0', ""),
        }
        let out = a.nginx(root.path());
        match out.code {
            Some(0) => {
                for (path, real) in [(&a.cert, &t.cert), (&a.key, &t.key)] {
                    if !Path::new(path).exists() {
                        std::fs::copy(real, path).unwrap();
                    }
                }
                check_nginx(t, &v, &[], &a, &out.stdout, which >= 3);
            }
            Some(2) => {
                prop_assert!(out.stdout.is_empty());
                prop_assert!(out.stderr.contains("--"), "{}", out.stderr);
            }
            other => panic!("exit {other:?}: {}", out.stderr),
        }
    }
}

/// A page of the approved site with `alias` in its `aliases`: either the content's
/// rules refuse it (a finding, and the nginx configuration is the one without it), or
/// the configuration answers it with a 301 to the page; nginx accepts it either way.
fn alias_case(t: &Tools, alias: &str) {
    let v = Values::clean();
    let root = v.root(&[]);
    let label = v.get("site.label").to_ascii_lowercase();
    let site = root.path().join("content").join(v.get("site.label"));
    std::fs::write(site.join("_index.md"), "+++\ntitle = \"Beranda\"\n+++\n").unwrap();
    let page = |aliases: &str| {
        std::fs::write(
            site.join("lama.md"),
            format!("+++\ntitle = \"Lama\"\naliases = [{aliases}]\n+++\n\nIsi.\n"),
        )
        .unwrap()
    };
    let a = Args::local(t);
    page("");
    let baseline = a.nginx(root.path());
    assert_eq!(baseline.code, Some(0), "{}", baseline.stderr);
    page(&toml_edit::Value::from(alias).to_string());
    let out = a.nginx(root.path());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    nginx_accepts(t, &out.stdout, false);
    let check = laman_run(root.path(), &["check", "--format", "json"]);
    let refused = check.stdout.contains("content.frontmatter.field")
        || check.stdout.contains("content.path.collision");
    let domain = v.get("regency.domain").to_ascii_lowercase();
    if refused {
        assert_eq!(
            out.stdout, baseline.stdout,
            "{alias:?} refused, yet in the config"
        );
    } else {
        let target = format!("return 301 https://{label}.{domain}");
        assert!(
            out.stdout.contains(&format!("{target}/lama/;")) || out.stdout.contains("\"/lama/\";"),
            "{alias:?} accepted but not redirected:\n{}",
            out.stdout
        );
        assert_eq!(
            out.stdout.matches("server {").count(),
            baseline.stdout.matches("server {").count()
        );
    }
}

/// Aliases that mix plausible old addresses with what breaks paths, nginx and HTML.
fn hostile_alias() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "[a-z0-9-]{1,8}/".prop_map(|s| s),
        2 => prop::sample::select(vec![
            "?p=12", "?page_id=7", "?cat=3", "?tag=a;b", "?p=1&x=2", "?evil=1", "%2e%2e/",
            "%0a", "%e5%ad%a6/", "%ZZ", "%22", "%24host", "..", "./", "//", "#x", "\"",
            "'", ";", "{", "}", "$host", "\\", " ", "\n", "<x>", "index.html", "a.php",
            "\"; } server { location /x { alias /etc/; } #",
            "?p=default", "?tag=include", "?cat=hostnames", "?p=volatile", "?tag=Default",
            "default/", "include/", "@x/", "~/",
        ])
        .prop_map(str::to_string),
        1 => hostile(),
    ];
    prop::collection::vec(piece, 1..5).prop_map(|v| format!("/{}", v.concat()))
}

/// A query alias from the words that nginx's `map` reads as its own, in any case, and
/// plain values.
fn query_alias() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec!["p", "page_id", "cat", "tag", "m"]);
    let word = prop::sample::select(vec![
        "default",
        "include",
        "hostnames",
        "volatile",
        "12",
        "rapat",
        "x.y",
        "a-b_c",
    ]);
    (name, word, any::<bool>()).prop_map(|(n, w, upper)| {
        let w = if upper {
            w.to_ascii_uppercase()
        } else {
            w.to_string()
        };
        format!("/?{n}={w}")
    })
}

/// Pages of the approved site (`/lama0/`, `/lama1/`, ...), each with its aliases:
/// nginx accepts the configuration; each alias is one source value of its name's `map`,
/// leading to its page, unless one before it answers the same requests (the same value
/// in any case: nginx's `map` and WordPress ignore case), which on the same page is the
/// same address again and on another page a collision `laman check` reports.
fn query_aliases_case(t: &Tools, pages: &[Vec<String>]) {
    let v = Values::clean();
    let root = v.root(&[]);
    let site = root.path().join("content").join(v.get("site.label"));
    std::fs::write(site.join("_index.md"), "+++\ntitle = \"Beranda\"\n+++\n").unwrap();
    let mut kept: Vec<(String, String)> = Vec::new();
    let mut collisions = 0;
    for (i, aliases) in pages.iter().enumerate() {
        let list: Vec<String> = aliases
            .iter()
            .map(|a| toml_edit::Value::from(a.as_str()).to_string())
            .collect();
        std::fs::write(
            site.join(format!("lama{i}.md")),
            format!(
                "+++\ntitle = \"Lama\"\naliases = [{}]\n+++\n\nIsi.\n",
                list.join(", ")
            ),
        )
        .unwrap();
        let target = format!("/lama{i}/");
        for alias in aliases {
            match kept.iter().find(|(k, _)| k.eq_ignore_ascii_case(alias)) {
                Some((_, to)) if *to == target => {}
                Some(_) => collisions += 1,
                None => kept.push((alias.clone(), target.clone())),
            }
        }
    }
    let a = Args::local(t);
    let out = a.nginx(root.path());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    nginx_accepts(t, &out.stdout, false);
    // The source values as nginx reads them: a leading `\` dropped, which every one
    // must have (else nginx may read it as a parameter or a pattern).
    let mut sources = Vec::new();
    for node in parse_nginx(&out.stdout) {
        if let Node::Block(head, body) = node {
            // The alias maps (not the cache policy's map of versioned files).
            if head[0] == "map" && head[2].starts_with("$laman_alias_") {
                for n in body {
                    if let Node::Directive(w) = n {
                        if w[0] != "default" {
                            let name = head[1].trim_start_matches("$arg_");
                            let value = w[0].strip_prefix('\\').unwrap_or_else(|| {
                                panic!("a source value nginx may read as a parameter: {w:?}")
                            });
                            assert_eq!(w.len(), 2, "{w:?}");
                            sources.push((format!("/?{name}={value}"), w[1].clone()));
                        }
                    }
                }
            }
        }
    }
    sources.sort();
    kept.sort();
    assert_eq!(sources, kept, "{}", out.stdout);
    let check = laman_run(root.path(), &["check", "--format", "json"]);
    assert_eq!(
        check.stdout.matches("\"content.path.collision\"").count(),
        collisions,
        "{}",
        check.stdout
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..config() })]

    #[needs("nginx", "named-checkzone", "openssl")]
    #[test]
    fn any_query_aliases_give_maps_nginx_reads_as_values(
        pages in prop::collection::vec(prop::collection::vec(query_alias(), 1..5), 1..3)
    ) {
        let t = tools();
        query_aliases_case(t, &pages);
    }
}

#[needs("nginx", "named-checkzone", "openssl")]
#[test]
fn query_values_that_are_map_parameters_are_values() {
    let t = tools();
    let page = |aliases: &[&str]| aliases.iter().map(|a| a.to_string()).collect();
    query_aliases_case(
        t,
        &[
            page(&[
                "/?p=default",
                "/?p=include",
                "/?tag=hostnames",
                "/?cat=volatile",
                "/?p=DEFAULT",
                "/?p=12",
            ]),
            page(&["/?tag=Hostnames", "/?cat=volatile", "/?p=13"]),
        ],
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..config() })]

    #[needs("nginx", "named-checkzone", "openssl")]
    #[test]
    fn any_alias_gives_a_finding_or_exactly_its_301(alias in hostile_alias()) {
        let t = tools();
        alias_case(t, &alias);
    }
}

#[needs("nginx", "named-checkzone", "openssl")]
#[test]
fn aliases_that_break_out_of_nginx_are_refused_and_plain_ones_redirect() {
    let t = tools();
    for alias in [
        "/2024/03/18/berita-lama/",
        "/?p=102",
        "/%e5%ad%a6%e6%a0%a1/",
        "/a\"; } server { location /x { alias /etc/; } #/",
        "/$host/",
        "/?p=1;return",
        "/../../etc/",
    ] {
        alias_case(t, alias);
    }
}
