//! A draft's guidance (what to write, in HTML comments) as an editor previews it: a box
//! on the draft in `laman serve`, never in anything `laman build` writes (even with
//! `--drafts`), and what the comment says kept as text.

use super::*;

/// A fresh `laman init` regency (its pages are drafts with guidance in comments).
fn regency() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_laman"))
        .args(["init", "contoh", "--name", "Kabupaten Contoh"])
        .args(["--domain", "contohkab.go.id"])
        .current_dir(tmp.path())
        .env("LAMAN_LANG", "id")
        .output_in_time();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let repo = tmp.path().join("contoh");
    (tmp, repo)
}

/// A draft whose guidance tries to break out of its comment and of the box.
const HOSTILE: &str = "+++\ntitle = \"Uji\"\ndraft = true\n+++\n\n<!-- Tulis di sini. </div><script>alert(1)</script> <img src=x onerror=alert(2)> &amp; -->\n\n<!-- campur --> <b>tebal</b>\n";

#[test]
fn a_drafts_guidance_is_a_box_in_the_preview_escaped() {
    let (_tmp, repo) = regency();
    write(repo.join("content/portal/uji.md"), HOSTILE);
    let mut command = Command::new(env!("CARGO_BIN_EXE_laman"));
    command.args(["serve", "--port", "0", "--root"]).arg(&repo);
    command.env("LAMAN_LANG", "id");
    let server = start_command(command);
    let ppid = get(server.port, "localhost", "/ppid/");
    assert_eq!(ppid.status, 200);
    let start = ppid
        .body
        .find("<div class=\"laman-panduan\" role=\"note\"")
        .expect("the box");
    let note = &ppid.body[start..start + ppid.body[start..].find("</div>").unwrap()];
    assert!(
        note.contains("aria-labelledby=\"laman-panduan-judul\""),
        "{note}"
    );
    assert!(note.contains("Panduan penulisan"), "{note}");
    assert!(note.contains("PPID Utama wajib ada"), "{note}");
    // The home page is no draft: its comment stays a comment.
    let home = get(server.port, "localhost", "/");
    assert!(!home.body.contains("laman-panduan"));

    let hostile = get(server.port, "localhost", "/uji/");
    assert_eq!(hostile.status, 200);
    let body = &hostile.body;
    assert_eq!(body.matches("<div class=\"laman-panduan\"").count(), 1);
    assert!(body.contains(
        "Tulis di sini. &lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; &amp;amp;"
    ));
    for raw in ["alert(1)</script>", "<img src=x"] {
        assert!(!body.contains(raw), "{raw} in {body}");
    }
    // A block with more than comments in it is no guidance.
    assert!(!body.contains("campur"), "{body}");
    assert!(body.contains("<b>tebal</b>"), "{body}");
}

#[test]
fn a_build_never_shows_guidance() {
    let (_tmp, repo) = regency();
    write(repo.join("content/portal/uji.md"), HOSTILE);
    for args in [&["build"][..], &["build", "--drafts"]] {
        let out = repo.join("keluaran");
        let mut all = args.to_vec();
        all.extend(["--out", out.to_str().unwrap()]);
        let build = laman(&repo, &all);
        assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
        let files = snapshot(&out);
        assert!(files.len() > 5, "{args:?}");
        for (path, bytes) in files {
            let text = String::from_utf8_lossy(&bytes);
            for said in [
                "laman-panduan",
                "Panduan penulisan",
                "Tulis di sini",
                "wajib ada",
            ] {
                assert!(!text.contains(said), "{said} in {}", path.display());
            }
        }
        std::fs::remove_dir_all(&out).unwrap();
    }
}
