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

#[test]
fn a_part_read_back_must_name_a_folder_the_index_makes() {
    let entry = Entry {
        url: "https://a.contohkab.go.id/x/".into(),
        title: "Izin usaha".into(),
        date: None,
        situs: "Dinas A".into(),
        alamat: "a.contohkab.go.id".into(),
        jenis: "layanan",
        text: "Pelayanan izin usaha".into(),
    };
    let made = part(&[entry], |_| Ok::<(), ()>(())).unwrap();
    assert!(made.well_formed());
    for teks in [
        "../../etc",
        "teks-../../x",
        "teks-0123456789ABCDEF",
        "teks-",
    ] {
        let hostile = Part {
            teks: teks.into(),
            ..made.clone()
        };
        assert!(!hostile.well_formed(), "{teks}");
    }
    let beyond = Part {
        jenis: String::new(),
        ..made.clone()
    };
    assert!(!beyond.well_formed(), "postings past its pages");
}
