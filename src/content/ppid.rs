//! PPID information items: the `[ppid]` table of a page's front matter, from which each
//! site's Daftar Informasi Publik (UU 14/2008 Pasal 9-11 and 17; Perki 1/2010) is made.
//!
//! Reading checks what one file can show: an unknown classification, an exempt item
//! without its legal ground, a date that does not parse. Whether a *berkala* item is
//! overdue depends on the build's date and is judged when the lists are assembled
//! (`catalogue`); nothing here reads a clock or a file.

use super::locate::Block;
use super::slugify;
use super::When;
use crate::finding::{closest, Code, Finding};
use crate::msg;
use jiff::civil::Date;
use serde_json::Value;

/// The classes of public information the law names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Published and renewed at least every six months (Pasal 9).
    Berkala,
    /// Published at once when it concerns many people's lives or safety (Pasal 10).
    SertaMerta,
    /// Available at any time on request (Pasal 11).
    SetiapSaat,
    /// Exempt, with a legal ground and a consequence test (Pasal 17, Pasal 2 ayat 4).
    Dikecualikan,
}

impl Class {
    pub const ALL: [Class; 4] = [
        Class::Berkala,
        Class::SertaMerta,
        Class::SetiapSaat,
        Class::Dikecualikan,
    ];

    /// As written in front matter and in open data.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Berkala => "berkala",
            Class::SertaMerta => "serta-merta",
            Class::SetiapSaat => "setiap-saat",
            Class::Dikecualikan => "dikecualikan",
        }
    }

    /// As a heading shows it.
    pub fn title(self) -> &'static str {
        match self {
            Class::Berkala => "Informasi berkala",
            Class::SertaMerta => "Informasi serta-merta",
            Class::SetiapSaat => "Informasi tersedia setiap saat",
            Class::Dikecualikan => "Informasi yang dikecualikan",
        }
    }

    /// Reads a classification as editors write it (`Serta Merta`, `setiap saat`,
    /// `tersedia setiap saat`).
    fn parse(text: &str) -> Option<Class> {
        let slug = slugify(text);
        let slug = slug.strip_prefix("informasi-").unwrap_or(&slug);
        let slug = slug.strip_prefix("tersedia-").unwrap_or(slug);
        Class::ALL.into_iter().find(|c| c.as_str() == slug)
    }
}

/// Where a page shows a Daftar Informasi Publik beyond its own items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every item of the page's site.
    Site,
    /// Every item of every site (the portal's PPID Utama).
    Regency,
}

/// One piece of public information.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub title: String,
    pub class: Class,
    /// When it was last published or renewed.
    pub renewed: Option<Date>,
    /// The unit responsible; the site's owner when not written.
    pub unit: Option<String>,
    pub summary: Option<String>,
    /// Printed, electronic, ...
    pub form: Option<String>,
    pub retention: Option<String>,
    /// Where to read it: an `@` link or an address, checked when the page is rendered.
    pub link: Option<String>,
    /// For exempt information: the law that exempts it.
    pub legal_ground: Option<String>,
    /// For exempt information: the decision recording the consequence test.
    pub consequence_test: Option<String>,
    /// The line of the file the item starts on.
    pub line: usize,
}

/// What a page declares.
#[derive(Debug, Clone, Default)]
pub struct Ppid {
    pub list: Option<Scope>,
    /// The line of `daftar`.
    pub list_line: usize,
    pub items: Vec<Item>,
}

const FIELDS: [&str; 2] = ["daftar", "informasi"];
const ITEM_FIELDS: [&str; 11] = [
    "judul",
    "klasifikasi",
    "diperbarui",
    "penanggung_jawab",
    "ringkasan",
    "bentuk",
    "retensi",
    "tautan",
    "dasar_hukum",
    "uji_konsekuensi",
    "keterangan",
];

fn field(line: usize, message: String, help: &str) -> Finding {
    Finding::new(Code::ContentFrontmatterField, message)
        .line(line)
        .help(help)
}

fn unknown(line: usize, table: &str, key: &str, known: &[&str]) -> Finding {
    let help = match closest(key, known.iter().copied()) {
        Some(k) => msg!("did-you-mean", name = k),
        None => msg!("ppid-fields", table = table, fields = known.join(", ")),
    };
    field(
        line,
        msg!("ppid-unknown-field", table = table, key = key),
        &help,
    )
}

/// Reads the `[ppid]` table. Findings carry lines but no file (the caller adds it).
pub fn read(value: &Value, block: &Block) -> (Ppid, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut ppid = Ppid {
        list_line: block.key(&["ppid"]),
        ..Ppid::default()
    };
    let Some(table) = value.as_object() else {
        findings.push(field(
            block.key(&["ppid"]),
            msg!("ppid-not-table"),
            &msg!("ppid-not-table-help"),
        ));
        return (ppid, findings);
    };
    for key in table.keys().filter(|k| !FIELDS.contains(&k.as_str())) {
        findings.push(unknown(block.key(&["ppid", key]), "[ppid]", key, &FIELDS));
    }
    if let Some(list) = table.get("daftar") {
        ppid.list_line = block.key(&["ppid", "daftar"]);
        ppid.list = match list.as_str().map(slugify).as_deref() {
            Some("situs") => Some(Scope::Site),
            Some("kabupaten" | "kota") => Some(Scope::Regency),
            _ => {
                findings.push(field(
                    ppid.list_line,
                    msg!("ppid-list-scope", list = list.to_string()),
                    &msg!("ppid-list-scope-help"),
                ));
                None
            }
        };
    }
    match table.get("informasi") {
        None => {}
        Some(Value::Array(items)) => {
            let lines = block.items(&["ppid", "informasi"], items.len());
            for (item, at) in items.iter().zip(lines) {
                if let Some(item) = read_item(item, at, block, &mut findings) {
                    ppid.items.push(item);
                }
            }
        }
        Some(_) => findings.push(field(
            block.key(&["ppid", "informasi"]),
            msg!("ppid-items-list"),
            &msg!("ppid-items-list-help"),
        )),
    }
    (ppid, findings)
}

fn read_item(
    value: &Value,
    line: usize,
    block: &Block,
    findings: &mut Vec<Finding>,
) -> Option<Item> {
    let Some(table) = value.as_object() else {
        findings.push(field(
            line,
            msg!("ppid-item-table", value = value.to_string()),
            &msg!("ppid-item-table-help"),
        ));
        return None;
    };
    let fields = ItemFields { table, line, block };
    let before = findings.len();
    for key in table.keys().filter(|k| !ITEM_FIELDS.contains(&k.as_str())) {
        findings.push(unknown(
            fields.line_of(key),
            &msg!("ppid-an-item"),
            key,
            &ITEM_FIELDS,
        ));
    }
    let title = fields.title(findings);
    let class = fields.class(findings);
    let renewed = fields.renewed(findings);
    let item = Item {
        title: title.unwrap_or_default(),
        class: class.unwrap_or(Class::SetiapSaat),
        renewed,
        unit: fields.text("penanggung_jawab", findings),
        summary: fields
            .text("ringkasan", findings)
            .or_else(|| fields.text("keterangan", findings)),
        form: fields.text("bentuk", findings),
        retention: fields.text("retensi", findings),
        link: fields.text("tautan", findings),
        legal_ground: fields.text("dasar_hukum", findings),
        consequence_test: fields.text("uji_konsekuensi", findings),
        line,
    };
    // An item whose classification was not read is not judged as exempt.
    if item.class == Class::Dikecualikan && class.is_some() {
        findings.extend(exempt_problems(&item));
    }
    let failed = findings[before..]
        .iter()
        .any(|f| f.code == Code::ContentFrontmatterField);
    (!failed).then_some(item)
}

/// The fields of one `[[ppid.informasi]]` table, and where the item starts.
struct ItemFields<'v> {
    table: &'v serde_json::Map<String, Value>,
    line: usize,
    block: &'v Block<'v>,
}

impl ItemFields<'_> {
    /// A field's line: searched from the item's line, by its key.
    fn line_of(&self, key: &str) -> usize {
        self.block
            .text_after(self.line, &format!("{key} "))
            .or_else(|| self.block.text_after(self.line, &format!("{key}:")))
            .or_else(|| self.block.text_after(self.line, &format!("{key}=")))
            .unwrap_or(self.line)
    }

    /// A text field, trimmed; empty is absent.
    fn text(&self, key: &str, findings: &mut Vec<Finding>) -> Option<String> {
        match self.table.get(key) {
            None => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) => Some(s.trim().to_string()),
            Some(other) => {
                findings.push(field(
                    self.line_of(key),
                    msg!("ppid-item-text", key = key, other = other.to_string()),
                    &msg!("ppid-item-text-help", key = key),
                ));
                None
            }
        }
    }

    fn title(&self, findings: &mut Vec<Finding>) -> Option<String> {
        let title = self.text("judul", findings);
        if title.is_none() {
            findings.push(field(
                self.line,
                msg!("ppid-item-no-title"),
                &msg!("ppid-item-no-title-help"),
            ));
        }
        title
    }

    fn class(&self, findings: &mut Vec<Finding>) -> Option<Class> {
        match self.text("klasifikasi", findings) {
            None => {
                findings.push(field(
                    self.line,
                    msg!("ppid-item-no-class"),
                    &msg!("ppid-item-no-class-help"),
                ));
                None
            }
            Some(c) => Class::parse(&c).or_else(|| {
                findings.push(field(
                    self.line_of("klasifikasi"),
                    msg!("ppid-item-class", class = c.as_str()),
                    &msg!("ppid-item-class-help"),
                ));
                None
            }),
        }
    }

    /// `diperbarui`: when the item was last published or renewed.
    fn renewed(&self, findings: &mut Vec<Finding>) -> Option<Date> {
        let v = self.table.get("diperbarui")?;
        let written = v.as_str().unwrap_or_default();
        match When::parse(written) {
            Some(w) => Some(w.date),
            None => {
                findings.push(field(
                    self.line_of("diperbarui"),
                    msg!(
                        "ppid-item-date",
                        text = v.as_str().map_or(v.to_string(), str::to_string)
                    ),
                    &msg!("ppid-item-date-help"),
                ));
                None
            }
        }
    }
}

/// What exempt information lacks: its legal ground (an error) and the consequence test
/// (a warning).
fn exempt_problems(item: &Item) -> Vec<Finding> {
    let mut findings = Vec::new();
    if item.legal_ground.is_none() {
        findings.push(
            Finding::new(
                Code::ContentPpidIncomplete,
                msg!("ppid-exempt-ground", title = item.title.as_str()),
            )
            .line(item.line)
            .help(msg!("ppid-exempt-ground-help")),
        );
    }
    if item.consequence_test.is_none() {
        findings.push(
            Finding::new(
                Code::ContentPpidIncomplete,
                msg!("ppid-exempt-test", title = item.title.as_str()),
            )
            .line(item.line)
            .warning()
            .help(msg!("ppid-exempt-test-help")),
        );
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `[ppid]` through the front-matter parser, as a page does.
    fn read_toml(text: &str) -> (Ppid, Vec<Finding>) {
        let file = format!("+++\ntitle = \"PPID\"\n{text}+++\n");
        let parsed = crate::content::parse_front_matter(&file).unwrap();
        (*parsed.meta.public_info.unwrap(), parsed.problems)
    }

    #[test]
    fn items_are_read_with_their_lines() {
        let (p, f) = read_toml(
            "[ppid]\ndaftar = \"situs\"\n[[ppid.informasi]]\njudul = \"Renstra\"\nklasifikasi = \"Berkala\"\ndiperbarui = 2026-07-15\n[[ppid.informasi]]\njudul = \"Rekam medis\"\nklasifikasi = \"dikecualikan\"\ndasar_hukum = \"UU 14/2008 Pasal 17 huruf h\"\nuji_konsekuensi = \"SK PPID 2/2025\"\n",
        );
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(p.list, Some(Scope::Site));
        assert_eq!(p.items.len(), 2);
        assert_eq!(p.items[0].class, Class::Berkala);
        assert_eq!(p.items[0].renewed, Some(jiff::civil::date(2026, 7, 15)));
        assert_eq!(p.items[0].line, 5);
        assert_eq!(p.items[1].line, 9);
    }

    #[test]
    fn bad_items_are_findings_on_their_lines() {
        let (p, f) = read_toml(
            "[[ppid.informasi]]\njudul = \"A\"\nklasifikasi = \"rahasia\"\n[[ppid.informasi]]\njudul = \"B\"\nklasifikasi = \"dikecualikan\"\n[[ppid.informasi]]\njudul = \"C\"\nklasifikasi = \"setiap saat\"\ndiperbarui = \"kemarin\"\njudull = \"x\"\n",
        );
        let got: Vec<(Code, bool, Option<usize>)> =
            f.iter().map(|f| (f.code, f.is_error(), f.line)).collect();
        assert_eq!(
            got,
            vec![
                (Code::ContentFrontmatterField, true, Some(5)),
                (Code::ContentPpidIncomplete, true, Some(6)),
                (Code::ContentPpidIncomplete, false, Some(6)),
                (Code::ContentFrontmatterField, true, Some(13)),
                (Code::ContentFrontmatterField, true, Some(12)),
            ]
        );
        assert!(f[0].message.contains("rahasia"));
        assert_eq!(f[3].help.as_deref(), Some("did you mean `judul`?"));
        // The exempt item without its ground is kept (its error is its own code).
        assert_eq!(p.items.len(), 1);
        assert_eq!(p.items[0].title, "B");
    }
}
