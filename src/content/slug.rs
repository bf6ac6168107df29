//! Addresses from names: how a file or folder name becomes part of a URL.
//!
//! Every address is plain lowercase ASCII: non-ASCII letters are transliterated
//! (deunicode), and every run of other characters becomes one hyphen. This keeps URLs
//! readable when printed in letters and typed from them, which matters more for a
//! regency's audience than keeping accents.

/// `"Peraturan Daerah Nº 5 – Retribusi"` → `"peraturan-daerah-no-5-retribusi"`.
pub fn slugify(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut slug = String::with_capacity(ascii.len());
    let mut hyphen = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if hyphen && !slug.is_empty() {
                slug.push('-');
            }
            hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            hyphen = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn names_become_lowercase_ascii_with_single_hyphens() {
        assert_eq!(slugify("Visi Misi"), "visi-misi");
        assert_eq!(slugify("  tugas__dan--fungsi  "), "tugas-dan-fungsi");
        assert_eq!(
            slugify("Peraturan Daerah Nº 5 – Retribusi"),
            "peraturan-daerah-no-5-retribusi"
        );
        assert_eq!(slugify("Café Kopi Sukamaju"), "cafe-kopi-sukamaju");
        assert_eq!(slugify("2026-11-20 Rapat"), "2026-11-20-rapat");
    }

    #[test]
    fn names_without_latin_form_are_transliterated() {
        assert_eq!(slugify("北京"), "bei-jing");
        assert_eq!(slugify("---"), "");
    }
}
