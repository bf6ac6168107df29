//! The old addresses: each answered by a real nginx with a 301 to its page, and aliases
//! that collide with a page or with each other reported as path collisions.

use super::*;

fn curl_status(curl: &Path, host: &str, port: u16, path: &str) -> (u16, String) {
    let out = Command::new(curl)
        .args([
            "-sk",
            "--max-time",
            "5",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code} %{redirect_url}",
            "--resolve",
        ])
        .arg(format!("{host}:{port}:127.0.0.1"))
        .arg(format!("https://{host}:{port}{path}"))
        .output_in_time();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (code, location) = text.split_once(' ').unwrap_or((&text, ""));
    (code.parse().unwrap_or(0), location.to_string())
}

#[needs("nginx", "openssl", "curl")]
#[test]
fn nginx_answers_every_old_address_with_a_301_to_its_page() {
    let (nginx, openssl, curl) = tools();
    let root = regency();
    assert_eq!(import(root.path(), &[]).status.code(), Some(0));
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let public = t.join("public");
    let out = laman(root.path(), &["build", "--out", public.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    certificates(&openssl, t, "contohkab.go.id");
    let server = Nginx::start(&nginx, root.path(), &public, t);
    let host = "disdik.contohkab.go.id";
    let new = |p: &str| format!("https://{host}{p}");
    for (old, to) in [
        (
            "/2024/03/18/peluncuran-kurikulum-merdeka/",
            "/berita/peluncuran-kurikulum-merdeka/",
        ),
        ("/2024/02/12/sekolah-sehat/", "/berita/sekolah-sehat/"),
        ("/?p=102", "/berita/peluncuran-kurikulum-merdeka/"),
        ("/?p=104&utm_source=wa", "/berita/lomba-cerdas-cermat/"),
        (
            "/?page_id=403",
            "/profil/struktur-organisasi/bidang-pendidikan-dasar/",
        ),
        ("/?page_id=402", "/profil/struktur-organisasi/"),
        (
            "/2024/05/15/%e5%a7%89%e5%a6%b9%e6%a0%a1-kunjungan/",
            "/berita/zi-mei-xiao-kunjungan/",
        ),
        ("/category/kegiatan/", "/berita/"),
        ("/category/berita/kegiatan/", "/berita/"),
        ("/tag/kurikulum/", "/berita/"),
        ("/?cat=4", "/berita/"),
        ("/?tag=sekolah", "/berita/"),
    ] {
        assert_eq!(
            curl_status(&curl, host, server.https, old),
            (301, new(to)),
            "{old}"
        );
    }
    // The pages themselves, the home page and unknown queries are served as before.
    assert_eq!(
        curl_status(&curl, host, server.https, "/berita/sekolah-sehat/").0,
        200
    );
    assert_eq!(curl_status(&curl, host, server.https, "/").0, 200);
    assert_eq!(curl_status(&curl, host, server.https, "/?p=999").0, 200);
    assert_eq!(
        curl_status(&curl, host, server.https, "/?p=108").0,
        200,
        "spam's address leads nowhere"
    );
    assert_eq!(
        curl_status(
            &curl,
            host,
            server.https,
            "/2024/05/18/slot-gacor-hari-ini/"
        )
        .0,
        404
    );
    // Old addresses of one site are not another's.
    assert_eq!(
        curl_status(&curl, "dinkes.contohkab.go.id", server.https, "/?p=102").0,
        200
    );
}

#[test]
fn aliases_that_collide_with_a_page_or_each_other_are_path_collisions() {
    let root = fixture("contoh");
    let berita = root.path().join("content/dinkes/berita");
    write(
        berita.join("lama-1.md"),
        "+++\ntitle = \"Lama 1\"\naliases = [\"/profil/visi-misi/\", \"/arsip/x/\", \"/?p=5\"]\n+++\n\nIsi.\n",
    );
    write(
        berita.join("lama-2.md"),
        "+++\ntitle = \"Lama 2\"\naliases = [\"/arsip/x/\", \"/?p=5\", \"/arsip/y/\"]\n+++\n\nIsi.\n",
    );
    let out = laman(root.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let collisions: Vec<String> = findings(&out)
        .iter()
        .filter(|f| f["code"] == "content.path.collision")
        .map(|f| format!("{} {}", f["file"].as_str().unwrap(), f["line"]))
        .collect();
    assert_eq!(
        collisions,
        vec![
            "content/dinkes/berita/lama-1.md 3",
            "content/dinkes/berita/lama-2.md 3",
            "content/dinkes/berita/lama-2.md 3",
        ]
    );
    // Without the colliding ones the site builds, with a redirect at the free alias.
    write(
        berita.join("lama-1.md"),
        "+++\ntitle = \"Lama 1\"\naliases = [\"/arsip/x/\", \"/?p=5\"]\n+++\n\nIsi.\n",
    );
    std::fs::remove_file(berita.join("lama-2.md")).unwrap();
    let out = laman(root.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = read(
        root.path()
            .join("public/dinkes.contohkab.go.id/arsip/x/index.html"),
    );
    assert!(
        page.contains("url=https://dinkes.contohkab.go.id/berita/lama-1/"),
        "{page}"
    );
}

/// An alias naming a file the site serves itself (a page's `index.html`, a file of the
/// site) is a collision too, and the web server's configuration leaves it out: a
/// redirect there would send the home page, or the file, elsewhere.
#[test]
fn aliases_that_name_a_file_the_site_serves_are_path_collisions() {
    let root = fixture("contoh");
    let berita = root.path().join("content/dinkes/berita");
    let aliases = [
        "/index.html",
        "/berita/index.html",
        "/profil/struktur/bagan.svg",
    ];
    let listed: Vec<String> = aliases.iter().map(|a| format!("{a:?}")).collect();
    write(
        berita.join("lama-1.md"),
        &format!(
            "+++\ntitle = \"Lama 1\"\naliases = [{}, \"/arsip/z/\"]\n+++\n\nIsi.\n",
            listed.join(", ")
        ),
    );
    let out = laman(root.path(), &["check", "--format", "json"]);
    let collisions = findings(&out)
        .iter()
        .filter(|f| f["code"] == "content.path.collision")
        .count();
    assert_eq!(collisions, aliases.len(), "{}", stdout(&out));
    let nginx = laman(
        root.path(),
        &[
            "domains",
            "nginx",
            "--webroot",
            "/srv/laman/public",
            "--cert",
            "/etc/ssl/laman/contoh.crt",
            "--key",
            "/etc/ssl/laman/contoh.key",
        ],
    );
    assert_eq!(nginx.status.code(), Some(0), "{}", stderr(&nginx));
    let config = stdout(&nginx);
    assert!(config.contains("\"/arsip/z/\""), "{config}");
    for alias in aliases {
        assert!(
            !config.contains(&format!("\"{alias}\"")),
            "{alias}: {config}"
        );
    }
}
