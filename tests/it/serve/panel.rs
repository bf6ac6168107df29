//! The preview's error panel as an editor sees it: opaque, over the top of the page and
//! no taller than the window, what a message quotes between backticks shown as code, and
//! nothing an editor wrote able to break out of it.

use super::*;

#[test]
fn the_error_panel_is_opaque_sized_to_its_content_and_shows_quoted_text_as_escaped_code() {
    let root = fixture("contoh");
    let server = start(root.path());
    let file = root.path().join("content/dinkes/profil/visi-misi.md");
    let good = read(&file);
    write(
        &file,
        &good.replacen("+++", "+++\n\"<img src=x onerror=alert(1)>\" = 1", 1),
    );
    let page = wait_for(server.port, "dinkes.localhost", "/", |r| {
        r.body.contains("laman-overlay")
    });
    let body = &page.body;
    let start = body.find("<div id=\"laman-overlay\"").expect("the panel");
    let panel = &body[start..];
    let style = &panel[..panel.find('>').unwrap()];
    assert!(style.contains("max-height:calc(100vh"), "{style}");
    assert!(style.contains("overflow:auto"), "{style}");
    assert!(
        !style.contains("inset:0"),
        "not over the whole page: {style}"
    );
    assert!(!style.contains("background:rgba"), "opaque: {style}");
    assert!(
        !body.contains("<img src=x onerror"),
        "what the editor wrote stays text"
    );
    assert!(
        panel.contains(">&lt;img src=x onerror=alert(1)&gt;</code>"),
        "the quoted field is a code span: {panel}"
    );
    assert!(
        !panel.contains("`&lt;img"),
        "no literal backticks around it: {panel}"
    );
}
