//! Generates a realistic regency tree for measurements: `domains.toml` with every site
//! approved, and per site the sections berita, layanan, profil and pengumuman with pages
//! of 1 to 4 KB (headings, lists, a table, code, a quote, in-site and cross-site links).
//! The same seed gives the same tree.
//!
//! cargo run --release --example gen-corpus -- --sites 40 --pages 10000 --seed 1 --out DIR

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const SECTIONS: [&str; 4] = ["berita", "layanan", "profil", "pengumuman"];
const WORDS: &[&str] = &[
    "pelayanan",
    "masyarakat",
    "kabupaten",
    "kesehatan",
    "pendidikan",
    "pembangunan",
    "desa",
    "program",
    "kegiatan",
    "anggaran",
    "informasi",
    "publik",
    "perangkat",
    "daerah",
    "warga",
    "sekolah",
    "puskesmas",
    "jalan",
    "jembatan",
    "bantuan",
    "sosial",
    "data",
    "laporan",
    "rapat",
    "koordinasi",
    "peningkatan",
    "kualitas",
    "tahun",
    "bulan",
    "kecamatan",
];

/// A small deterministic generator (xorshift64*): enough for varied, repeatable text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

struct Args {
    sites: usize,
    pages: usize,
    seed: u64,
    out: PathBuf,
}

fn args() -> Args {
    let mut a = Args {
        sites: 40,
        pages: 10_000,
        seed: 1,
        out: PathBuf::from("corpus"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--sites" => a.sites = value.parse().expect("--sites N"),
            "--pages" => a.pages = value.parse().expect("--pages N"),
            "--seed" => a.seed = value.parse().expect("--seed N"),
            "--out" => a.out = PathBuf::from(value),
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn label(i: usize) -> String {
    format!("opd{i:02}")
}

fn main() {
    let a = args();
    let mut rng = Rng(a.seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut reg = String::from(
        "[regency]\nname = \"Kabupaten Uji\"\ndomain = \"ujikab.go.id\"\ndinas = \"Dinas Komunikasi dan Informatika Kabupaten Uji\"\napprover = \"kepala_dinas\"\n\n[hosting]\nipv4 = [\"203.0.113.0/24\"]\nipv6 = [\"2001:db8::/32\"]\nnameservers = [\"ns1.ujikab.go.id\"]\n\n[portal]\ntitle = \"Pemerintah Kabupaten Uji\"\nrecords = { A = [\"203.0.113.1\"] }\n",
    );
    for i in 0..a.sites {
        let _ = write!(
            reg,
            "\n[[subdomain]]\nlabel = \"{l}\"\nowner = \"Dinas Uji {i}\"\nkind = \"site\"\nstatus = \"approved\"\ncontact = \"{l}@ujikab.go.id\"\ndecree = {{ number = \"500/{i:03}/KPTS/2025\", date = 2025-01-{d:02} }}\nrecords = {{ A = [\"203.0.113.{ip}\"] }}\n",
            l = label(i),
            d = 1 + i % 28,
            ip = 10 + i % 200
        );
    }
    write(&a.out.join("domains.toml"), &reg);

    let sites: Vec<String> = std::iter::once("portal".to_string())
        .chain((0..a.sites).map(label))
        .collect();
    let per_site = a.pages.div_ceil(sites.len());
    let mut written = 0;
    for site in &sites {
        let dir = a.out.join("content").join(site);
        write(&dir.join("_index.md"), &format!("+++\ntitle = \"Beranda {site}\"\n+++\nSelamat datang. [Berita](@/berita/_index.md)\n"));
        for (w, s) in SECTIONS.iter().enumerate() {
            write(
                &dir.join(s).join("_index.md"),
                &format!("+++\ntitle = \"{}\"\nweight = {w}\n+++\n", s.to_uppercase()),
            );
        }
        for p in 0..per_site {
            if written == a.pages {
                break;
            }
            written += 1;
            let section = SECTIONS[p % SECTIONS.len()];
            let other = &sites[rng.below(sites.len())];
            let in_site = format!(
                "@/{}/halaman-{}.md",
                SECTIONS[(p + 1) % 4],
                (p + 1) % per_site.max(1)
            );
            let cross = format!("@{other}/{section}/_index.md");
            let body = page_body(&mut rng, &in_site, &cross, p);
            let text = format!(
                "+++\ntitle = \"{} {p}\"\ndate = 2025-{:02}-{:02}\ndescription = \"{}\"\n+++\n{body}",
                rng.words(4),
                1 + p % 12,
                1 + p % 28,
                rng.words(10)
            );
            write(&dir.join(section).join(format!("halaman-{p}.md")), &text);
        }
    }
    // The in-site links above may point past the last page of a small site: keep them valid.
    for site in &sites {
        for p in 0..per_site {
            let file = a
                .out
                .join("content")
                .join(site)
                .join(SECTIONS[p % 4])
                .join(format!("halaman-{p}.md"));
            if !file.exists() {
                write(&file, &format!("+++\ntitle = \"Halaman {p}\"\n+++\nIsi.\n"));
            }
        }
    }
    eprintln!(
        "wrote {} sites, {written} pages into {}",
        sites.len(),
        a.out.display()
    );
}

fn page_body(rng: &mut Rng, in_site: &str, cross: &str, p: usize) -> String {
    let mut b = String::new();
    let paragraphs = 2 + rng.below(6);
    let _ = writeln!(
        b,
        "\n{}. Lihat [halaman terkait]({in_site}) dan [situs lain]({cross}).\n",
        rng.words(30)
    );
    for k in 0..paragraphs {
        let n = 40 + rng.below(60);
        let _ = writeln!(b, "## {} {k}\n\n{}.\n", rng.words(3), rng.words(n));
        match (p + k) % 4 {
            0 => {
                for _ in 0..4 {
                    let _ = writeln!(b, "- {}", rng.words(6));
                }
                b.push('\n');
            }
            1 => {
                let _ = writeln!(b, "| Uraian | Jumlah | Keterangan |\n|---|---:|---|");
                for i in 0..4 {
                    let _ = writeln!(b, "| {} | {} | {} |", rng.words(2), i * 1250, rng.words(3));
                }
                b.push('\n');
            }
            2 => {
                let days = 1 + rng.below(14);
                let _ = writeln!(
                    b,
                    "```\nsyarat = \"{}\"\nwaktu = {days} hari\n```\n",
                    rng.words(3)
                );
            }
            _ => {
                let _ = writeln!(b, "> {}\n", rng.words(20));
            }
        }
    }
    b
}
