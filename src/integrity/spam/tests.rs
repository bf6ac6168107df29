use super::*;

fn guard() -> SpamGuard {
    SpamGuard::new(&[], &[], "sukamajukab.go.id")
}

fn terms(hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .filter_map(|h| match &h.kind {
            HitKind::Term { term } => Some(term.clone()),
            _ => None,
        })
        .collect()
}

fn text_terms(text: &str) -> Vec<String> {
    terms(&guard().scan_text(text))
}

fn kinds(hits: &[Hit]) -> Vec<HitKind> {
    hits.iter().map(|h| h.kind.clone()).collect()
}

fn hidden(style: &str) -> HitKind {
    HitKind::HiddenText {
        style: style.into(),
    }
}

fn external(host: &str) -> HitKind {
    HitKind::ExternalLink { host: host.into() }
}

#[test]
fn the_guard_is_shared_between_threads() {
    fn sync<T: Sync + Send>() {}
    sync::<SpamGuard>();
    assert!(guard().terms.len() > 100);
}

#[test]
fn each_class_of_term_is_found() {
    for (text, term) in [
        ("Daftar slot gacor hari ini", "slot gacor"),
        ("Situs judi online terpercaya", "judi online"),
        ("Togel Hongkong", "togel"),
        ("RTP live tertinggi", "rtp live"),
        ("Bisa deposit pulsa tanpa potongan", "deposit pulsa"),
        ("Main di SBOBET sekarang", "sbobet"),
        ("Pola mahjong ways 2", "mahjong ways"),
        ("Pragmatic Play resmi", "pragmatic play"),
        ("Pasti maxwin", "maxwin"),
    ] {
        assert!(
            text_terms(text).contains(&term.to_string()),
            "{text}: {:?}",
            text_terms(text)
        );
    }
}

#[test]
fn terms_match_whole_words_in_any_case() {
    assert_eq!(text_terms("TOGEL."), vec!["togel"]);
    assert!(text_terms("ontogeli dan slotgacorx").is_empty());
    assert!(text_terms("Jadwal slot vaksinasi dan toto").is_empty());
}

#[test]
fn obfuscated_terms_are_found() {
    for text in [
        "S L O T  G A C O R",
        "s.l.o.t-g.a.c.o.r",
        "sl0t g4c0r",
        "ｓｌｏｔ ｇａｃｏｒ",
        "\u{455}l\u{43e}t g\u{430}\u{441}or",
        "slo\u{200b}t gac\u{ad}or",
        "s̶l̶o̶t̶ gacor",
        "$LOT G@COR",
    ] {
        assert_eq!(text_terms(text), vec!["slot gacor"], "{text}");
    }
    assert_eq!(text_terms("jud1 onl1ne"), vec!["judi online"]);
}

#[test]
fn weak_terms_need_company() {
    assert!(text_terms("Bandar Udara Sukamaju dibuka").is_empty());
    assert!(text_terms("Bocoran soal ujian adalah hoaks").is_empty());
    assert!(text_terms("Scatter plot data penduduk").is_empty());
    assert!(text_terms("Bandar udara. Bocoran soal.").is_empty());
    assert_eq!(
        text_terms("scatter zeus bocoran"),
        vec!["scatter", "zeus", "bocoran"]
    );
    assert_eq!(
        text_terms("slot gacor, ada scatter"),
        vec!["slot gacor", "scatter"]
    );
}

#[test]
fn the_longest_term_wins() {
    assert_eq!(
        text_terms("link alternatif slot"),
        vec!["link alternatif slot"]
    );
    let g = guard();
    assert!(g.is_part_of("judi slot", "judi slot online"));
    assert!(!g.is_part_of("togel", "judi slot online"));
    assert!(g.is_weak("scatter") && !g.is_weak("slot gacor"));
}

#[test]
fn a_regency_extends_the_list() {
    let g = SpamGuard::new(
        &["Kasino Sukamaju".into(), "~hoki".into(), "x".into()],
        &[],
        "sukamajukab.go.id",
    );
    assert_eq!(
        terms(&g.scan_text("kasino-sukamaju")),
        vec!["Kasino Sukamaju"]
    );
    assert!(terms(&g.scan_text("semoga hoki")).is_empty());
    assert!(terms(&g.scan_text("x marks")).is_empty());
}

#[test]
fn text_hits_say_where_and_what() {
    let text = "+++\ntitle = \"Berita\"\n+++\n\nBaris satu.\nAyo main S-L-O-T gacor!\n";
    let hits = guard().scan_text(text);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].line, 6);
    assert_eq!(hits[0].found, "S-L-O-T gacor");
    assert_eq!(&text[hits[0].offset..hits[0].offset + 5], "S-L-O");
}

#[test]
fn links_in_markdown_outside_the_allow_list_are_found() {
    let text = "[a](https://Casino.Example/x) <https://bps.go.id/> \
                [b](http://sukamajukab.go.id) [c](//evil.example/p) [d](/berita/) \
                https://dinkes.sukamajukab.go.id mailto:a@b.c https://ugm.ac.id/ \
                https://kampus.ac.id/ https://data.example.org/";
    let g = SpamGuard::new(
        &[],
        &["*.ac.id".into(), "data.example.org".into()],
        "sukamajukab.go.id",
    );
    assert_eq!(
        kinds(&g.scan_text(text)),
        vec![external("casino.example"), external("evil.example")]
    );
    assert!(g.host_allowed("go.id") && !g.host_allowed("notgo.id"));
}

fn html_kinds(page: &str) -> Vec<HitKind> {
    kinds(&guard().scan_html(page))
}

#[test]
fn terms_in_html_text_and_attributes_are_found() {
    let page = r#"<html><head><meta name="description" content="Slot Gacor"><title>x</title></head>
<body><img alt="togel" src="/a.png"><p title="ok">Sl<b>ot</b> ga&#99;or</p>
<p class="slot-gacor">bersih</p></body></html>"#;
    let hits = guard().scan_html(page);
    assert_eq!(terms(&hits), vec!["slot gacor", "togel", "slot gacor"]);
    assert_eq!(hits[0].line, 1);
    assert_eq!(hits[2].line, 2);
}

#[test]
fn each_hiding_style_is_found_when_it_hides_text() {
    for (style, shown) in [
        ("display:none", "display:none"),
        ("DISPLAY : None !important", "display:none"),
        ("display:/**/none", "display:none"),
        ("visibility:hidden", "visibility:hidden"),
        ("font-size:0", "font-size:0"),
        ("font-size:0px", "font-size:0px"),
        ("font-size: 0.0em", "font-size:0.0em"),
        ("opacity:0", "opacity:0"),
        ("position:absolute;left:-9999px", "left:-9999px"),
        ("position:fixed; top:-100em", "top:-100em"),
        ("text-indent:-9999px", "text-indent:-9999px"),
        ("height:0;overflow:hidden", "height:0;overflow:hidden"),
    ] {
        let page = format!("<p>Berita</p><div style=\"{style}\"><a href=\"/x/\">kata</a></div>");
        assert_eq!(html_kinds(&page), vec![hidden(shown)], "{style}");
    }
    assert_eq!(
        html_kinds("<div hidden><p>teks</p></div>"),
        vec![hidden("hidden")]
    );
    assert_eq!(
        html_kinds("<span aria-hidden=\"true\"><a href=\"/x/\">x</a></span>"),
        vec![hidden("aria-hidden+link")]
    );
}

#[test]
fn what_hides_nothing_or_is_not_inline_style_is_not_flagged() {
    for page in [
        "<span class=\"bendera\" aria-hidden=\"true\"></span> Situs resmi",
        "<a class=\"skip-link visually-hidden\" href=\"#isi\">Langsung ke isi</a>",
        "<div style=\"display:none\"> </div><p>teks</p>",
        "<img style=\"display:none\" src=\"/p.gif\"><p>teks</p>",
        "<td style=\"text-align:right\">1</td>",
        "<div style=\"position:absolute;left:-10px\">x</div>",
        "<div style=\"height:0\">x</div>",
        "<div style=\"font-size:10px\">x</div>",
    ] {
        assert_eq!(html_kinds(page), vec![], "{page}");
    }
}

#[test]
fn a_hidden_region_ends_with_its_element() {
    let page = "<div style=\"display:none\"><div></div></div><p>terlihat</p>";
    assert_eq!(html_kinds(page), vec![]);
}

#[test]
fn external_links_in_html_are_found_and_allowed_ones_not() {
    let page = r#"<link rel="canonical" href="https://casino.example/">
<meta http-equiv="refresh" content="0; url=https://redirect.example/">
<a href="https://www.lapor.go.id/">Lapor</a><a href="/berita/">b</a><a href="mailto:x@y.z">m</a>
<a href="https:\\\\evil.example">e</a><a href="https://dinkes.sukamajukab.go.id/">d</a>"#;
    assert_eq!(
        html_kinds(page),
        vec![
            external("casino.example"),
            external("redirect.example"),
            external("evil.example")
        ]
    );
}

#[test]
fn the_fast_reader_agrees_with_html5gum() {
    let hosts = links::Allowed::new(&[], "sukamajukab.go.id");
    let pages = [
        "<!doctype html><html lang=id><head><title>A &amp; B</title><style>p{color:red}</style></head><body><p>x</p></body></html>",
        "<p title='slot gacor' data-x=1 checked>a&nbsp;b&#x73;lot</p><!-- komentar slot gacor -->",
        "<div style=\"display:none\"><a href=https://casino.example>togel</a></div>",
        "<script>var s = \"judi online\";</script><p>a < b</p>",
        "<p>&eacute;&hellip; slot gacor</p>",
        "<textarea>slot gacor</textarea>",
        "<p a=1 a=2 b=\"<\">x</p>",
        "<br/><img src=x alt=\"togel\"/>",
    ];
    for page in pages {
        let (fast, gum, same_text) = both(page, &hosts);
        assert!(same_text, "{page}");
        if let Some(fast) = fast {
            assert_eq!(kinds(&fast), kinds(&gum), "{page}");
        }
        assert_eq!(
            kinds(&guard().scan_html(page)).len(),
            kinds(&guard().scan_html(page)).len()
        );
    }
    assert_eq!(terms(&guard().scan_html(pages[4])), vec!["slot gacor"]);
    assert_eq!(terms(&guard().scan_html(pages[5])), vec!["slot gacor"]);
}

use html::both;

#[test]
fn huge_or_hostile_input_stays_bounded() {
    let started = std::time::Instant::now();
    let text = "slot gacor scatter ".repeat(200_000);
    assert_eq!(guard().scan_text(&text).len(), MAX_HITS);
    let page =
        "<div style=display:none><a href=https://c.example>slot gacor</a></div>".repeat(20_000);
    assert_eq!(guard().scan_html(&page).len(), MAX_HITS);
    let deep = "<div hidden>".repeat(100_000);
    assert!(guard().scan_html(&deep).len() <= MAX_HITS);
    for odd in [
        "<",
        "<a",
        "<a href=\"",
        "&",
        "&#xFFFFFFFF;",
        "<!--",
        "</",
        "<p style=\"/*\">x",
    ] {
        let _ = guard().scan_html(odd);
        let _ = guard().scan_text(odd);
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}
