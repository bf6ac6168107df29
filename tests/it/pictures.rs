//! News lists show each item's picture: the first image of the page, with its alt text,
//! lazy, sized when its header says so; on the site's section list, its home page's
//! latest news and the portal's. An item without a picture, with one from another host,
//! or with a file the site lacks shows none; a broken file gives no size and no error.

use crate::common::*;
use std::path::Path;

/// A PNG header of this size (all a size needs).
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    b.extend(width.to_be_bytes());
    b.extend(height.to_be_bytes());
    b.extend([8, 2, 0, 0, 0]);
    b
}

/// The `<img class=gambar-daftar ...>` tags of a built page.
fn pictures(page: &Path) -> Vec<String> {
    let html = read(page);
    // A value may hold `>` (the minifier writes `<` and `>` as they are in quotes).
    html.split("<img ")
        .skip(1)
        .map(|tag| tag[..tag.find("</li>").unwrap_or(tag.len())].to_string())
        .filter(|tag| tag.contains("gambar-daftar"))
        // Quoted or not, as the minifier chose.
        .map(|tag| tag.replace('"', ""))
        .collect()
}

fn add_image(root: &Path, page: &str, markdown: &str) {
    let file = root.join(format!("content/dinkes/berita/{page}.md"));
    let text = read(&file).replacen("+++\nIsi", &format!("+++\n{markdown}\n\nIsi"), 1);
    write(&file, &text);
}

#[test]
fn news_lists_show_each_items_picture_sized_lazy_with_its_alt_text() {
    let root = fixture("contoh");
    let r = root.path();
    let gambar = r.join("content/dinkes/_static/gambar");
    std::fs::create_dir_all(&gambar).unwrap();
    std::fs::write(gambar.join("posyandu.png"), png(480, 270)).unwrap();
    std::fs::write(gambar.join("rusak.png"), b"bukan gambar").unwrap();
    add_image(
        r,
        "kabar-3",
        "![Kader posyandu menimbang balita](/gambar/posyandu.png)",
    );
    add_image(
        r,
        "kabar-2",
        "![Ember \"bocor\" \\<script\\>alert(1)\\</script\\>](../../gambar/rusak.png)",
    );
    add_image(
        r,
        "kabar-1",
        "![Dari luar](https://contoh.org/foto.png)\n\n![Tidak ada](hilang.png)",
    );
    let out = r.join("keluaran");
    let build = laman(r, &["build", "--out", out.to_str().unwrap()]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));

    let site = out.join("dinkes.contohkab.go.id");
    for page in [site.join("berita/index.html"), site.join("index.html")] {
        let tags = pictures(&page);
        assert_eq!(tags.len(), 2, "{}: {tags:?}", page.display());
        let sized = tags.iter().find(|t| t.contains("posyandu.png")).unwrap();
        for part in [
            "alt=Kader posyandu menimbang balita",
            "loading=lazy",
            "width=480",
            "height=270",
            "src=https://dinkes.contohkab.go.id/gambar/posyandu.png",
        ] {
            assert!(sized.contains(part), "{part} in {sized}");
        }
        let broken = tags.iter().find(|t| t.contains("rusak.png")).unwrap();
        assert!(
            !broken.contains("width"),
            "no size from a broken file: {broken}"
        );
        let html = read(&page);
        assert_eq!(
            html.matches("<script>alert(1)").count(),
            html.matches("alt=\"Ember “bocor” <script>alert(1)</script>\"")
                .count(),
            "the alt text stays inside its attribute: {broken}"
        );
        assert!(
            !html.contains("contoh.org/foto.png"),
            "no picture from another host"
        );
        assert!(!html.contains("hilang.png"), "no picture the site lacks");
    }
    let portal = pictures(&out.join("contohkab.go.id/index.html"));
    assert!(
        portal
            .iter()
            .any(|t| t.contains("dinkes.contohkab.go.id/gambar/posyandu.png")),
        "{portal:?}"
    );
}
