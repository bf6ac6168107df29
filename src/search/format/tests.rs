use super::terms::stemmer;
use super::*;

#[test]
fn stems_join_indonesian_forms() {
    let s = stemmer();
    assert_eq!(stem(&s, "pelayanan"), stem(&s, "layanan"));
    assert_eq!(stem(&s, "perizinan"), stem(&s, "izin"));
    assert_eq!(stem(&s, "kesehatan"), stem(&s, "sehat"));
}

#[test]
fn words_are_lower_case_runs_of_letters_and_digits() {
    let w: Vec<String> = words("Izin-Usaha 2026: <b>ÉTÉ</b> a_b").collect();
    assert_eq!(w, ["izin", "usaha", "2026", "b", "été", "b", "a", "b"]);
    let long = "x".repeat(MAX_WORD + 1);
    assert_eq!(words(&long).count(), 0);
}
