use super::read::MAX_FRONT_MATTER;
use super::*;

#[test]
fn deep_or_huge_front_matter_is_refused_before_parsing() {
    let deep_flow = format!(
        "---\ntitle: x\na: {}1{}\n---\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let started = std::time::Instant::now();
    let e = parse(&deep_flow).unwrap_err();
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert_eq!((e.code, e.line), (Code::ContentLimit, Some(3)));
    assert!(e.message.contains("nests"), "{}", e.message);
    let deep_toml = format!(
        "+++\ntitle = \"x\"\na = {}1{}\n+++\n",
        "[".repeat(40),
        "]".repeat(40)
    );
    assert_eq!(parse(&deep_toml).unwrap_err().line, Some(3));
    let mut deep_block = String::from("---\ntitle: x\n");
    for depth in 0..40 {
        deep_block.push_str(&format!("{}k{depth}:\n", " ".repeat(depth)));
    }
    deep_block.push_str("---\n");
    assert!(parse(&deep_block).unwrap_err().message.contains("nests"));
    let dashes = format!("---\ntitle: x\nl:\n  {}x\n---\n", "- ".repeat(40));
    assert_eq!(parse(&dashes).unwrap_err().line, Some(4));
    let huge = format!("+++\ntitle = \"{}\"\n+++\n", "a".repeat(MAX_FRONT_MATTER));
    assert!(parse(&huge).unwrap_err().message.contains("KiB"));
    // Brackets in strings and comments, and ordinary depth, are fine.
    let fine = "+++\ntitle = \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\" # {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\ntags = [\"a\", \"b\"]\n[extra]\nx = { y = { z = [1, [2]] } }\n+++\n";
    assert!(parse(fine).is_ok(), "{:?}", parse(fine).err());
    let fine_yaml =
        "---\ntitle: \"Dinas Ke'sehatan [x\"\ntags:\n  - a\n  - b\nextra:\n  k:\n    - - 1\n---\n";
    assert!(parse(fine_yaml).is_ok(), "{:?}", parse(fine_yaml).err());
}

#[test]
fn aliases_are_checked_with_their_line() {
    let ok =
        parse("+++\ntitle = \"A\"\naliases = [\"/lama/\", \"/?p=5\", \"/lama/\"]\n+++\n").unwrap();
    assert_eq!(ok.meta.aliases.len(), 2);
    assert_eq!(ok.meta.aliases_line, 3);
    let bad = parse("+++\ntitle = \"A\"\n\naliases = [\"/a/../../etc/\"]\n+++\n").unwrap_err();
    assert_eq!(
        (bad.code, bad.line),
        (Code::ContentFrontmatterField, Some(4))
    );
    let many = format!(
        "+++\ntitle = \"A\"\naliases = [{}]\n+++\n",
        vec!["\"/a/\""; alias::MAX_ALIASES + 1].join(",")
    );
    assert!(parse(&many).unwrap_err().message.contains("at most"));
}

#[test]
fn toml_front_matter_with_date_and_extra() {
    let text =
        "+++\ntitle = \"Rapat\"\ndate = 2026-11-20\n[extra]\nlokasi = \"Aula\"\n+++\n\nIsi\n";
    let p = parse(text).unwrap();
    assert_eq!(p.meta.title, "Rapat");
    assert_eq!(p.meta.when.unwrap().date, jiff::civil::date(2026, 11, 20));
    assert_eq!(p.meta.extra["lokasi"], "Aula");
    assert_eq!(p.body, "\nIsi\n");
    assert_eq!(p.body_line, 7);
}

#[test]
fn yaml_front_matter_is_read_the_same() {
    let text = "---\ntitle: Rapat\ndate: 2026-11-20T08:30:00+07:00\ntags: [a, b]\n---\nIsi\n";
    let p = parse(text).unwrap();
    assert_eq!(p.meta.tags, vec!["a", "b"]);
    let when = p.meta.when.unwrap();
    assert_eq!(when.date, jiff::civil::date(2026, 11, 20));
    assert_eq!(when.rfc3339(), "2026-11-20T01:30:00Z");
}

#[test]
fn missing_title_is_a_field_error() {
    let err = parse("+++\ndate = 2026-01-01\n+++\n").unwrap_err();
    assert_eq!(err.code, Code::ContentFrontmatterField);
    assert!(err.message.contains("title"), "{}", err.message);
}

#[test]
fn unknown_field_names_its_line_and_the_page_is_still_read() {
    let parsed = parse("+++\ntitle = \"A\"\n\ntittle = \"B\"\n+++\n").unwrap();
    assert_eq!(parsed.meta.title, "A");
    let err = &parsed.problems[0];
    assert_eq!(err.code, Code::ContentFrontmatterField);
    assert_eq!(err.line, Some(4));
    assert!(err.message.contains("tittle"));
}

#[test]
fn toml_syntax_error_names_its_line() {
    let err = parse("+++\ntitle = \"A\"\ndate = \n+++\n").unwrap_err();
    assert_eq!(err.code, Code::ContentFrontmatterParse);
    assert_eq!(err.line, Some(3));
}

#[test]
fn yaml_syntax_error_names_its_line() {
    let err = parse("---\ntitle: A\ntags: [a, b\n---\n").unwrap_err();
    assert_eq!(err.code, Code::ContentFrontmatterParse);
    assert!(matches!(err.line, Some(3..=4)), "{:?}", err.line);
}

#[test]
fn wrong_type_and_bad_date_name_their_lines() {
    let err = parse("+++\ntitle = \"A\"\nweight = \"x\"\n+++\n").unwrap_err();
    assert_eq!(err.line, Some(3));
    let err = parse("+++\ntitle = \"A\"\ndate = \"kemarin\"\n+++\n").unwrap_err();
    assert_eq!(
        (err.code, err.line),
        (Code::ContentFrontmatterField, Some(3))
    );
}

#[test]
fn unclosed_or_absent_front_matter_is_a_parse_error() {
    assert_eq!(
        parse("+++\ntitle = \"A\"\n").unwrap_err().code,
        Code::ContentFrontmatterParse
    );
    assert_eq!(
        parse("# Judul\n").unwrap_err().code,
        Code::ContentFrontmatterParse
    );
}
