//! Generates a realistic regency tree for measurements: `domains.toml` with every site
//! approved, and per site the sections berita, layanan, profil and pengumuman with pages
//! of 1 to 4 KB (headings, lists, a table, code, a quote, in-site and cross-site links).
//! The pages of `layanan` are service pages: their front matter carries a complete
//! `[layanan]` table (the six delivery and eight management components, see
//! docs/content.md), in the varied forms editors write. The same seed gives the same tree.
//!
//! With `--hugo DIR` it also writes the same content as one Hugo project (see
//! [`hugo`]), so that `scripts/bench` can time both tools on the same work.
//!
//! cargo run --release --example gen-corpus -- --sites 40 --pages 10000 --seed 1 --out DIR [--hugo DIR]

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
    hugo: Option<PathBuf>,
    zola: Option<PathBuf>,
}

fn args() -> Args {
    let mut a = Args {
        sites: 40,
        pages: 10_000,
        seed: 1,
        out: PathBuf::from("corpus"),
        hugo: None,
        zola: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--sites" => a.sites = value.parse().expect("--sites N"),
            "--pages" => a.pages = value.parse().expect("--pages N"),
            "--seed" => a.seed = value.parse().expect("--seed N"),
            "--out" => a.out = PathBuf::from(value),
            "--hugo" => a.hugo = Some(PathBuf::from(value)),
            "--zola" => a.zola = Some(PathBuf::from(value)),
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
    // A stream of its own for the service standards, so that the rest of the tree is the
    // same as before they were added.
    let mut svc_rng = Rng(a.seed.max(1).wrapping_mul(0xD1B5_4A32_D192_ED03));
    let mut reg = String::from(
        "[regency]\nname = \"Kabupaten Uji\"\ndomain = \"ujikab.go.id\"\ndinas = \"Dinas Komunikasi dan Informatika Kabupaten Uji\"\napprover = \"kepala_dinas\"\n\n[hosting]\nipv4 = [\"203.0.113.0/24\"]\nipv6 = [\"2001:db8::/32\"]\nnameservers = [\"ns1.ujikab.go.id\"]\nglue = { \"ns1.ujikab.go.id\" = [\"203.0.113.2\"] }\n\n[portal]\ntitle = \"Pemerintah Kabupaten Uji\"\nrecords = { A = [\"203.0.113.1\"] }\n",
    );
    for i in 0..a.sites {
        let _ = write!(
            reg,
            "\n[[subdomain]]\nlabel = \"{l}\"\nowner = \"{o}\"\nkind = \"site\"\nstatus = \"approved\"\ncontact = \"{l}@ujikab.go.id\"\ndecree = {{ number = \"{n}\", date = {d} }}\nrecords = {{ A = [\"203.0.113.{ip}\"] }}\n",
            l = label(i),
            o = owner(i),
            n = decree_number(i),
            d = decree_date(i),
            ip = 10 + i % 200
        );
    }
    write(&a.out.join("domains.toml"), &reg);

    let sites: Vec<String> = std::iter::once("portal".to_string())
        .chain((0..a.sites).map(label))
        .collect();
    assert!(
        a.zola.is_none() || a.hugo.is_some(),
        "--zola DIR is made from the Hugo project: give --hugo DIR too"
    );
    let hugo = a
        .hugo
        .as_deref()
        .map(|dir| hugo::Project::new(dir, a.zola.as_deref(), &sites));
    let per_site = a.pages.div_ceil(sites.len());
    let mut written = 0;
    for (n, site) in sites.iter().enumerate() {
        let dir = a.out.join("content").join(site);
        write(&dir.join("_index.md"), &format!("+++\ntitle = \"Beranda {site}\"\n+++\nSelamat datang. [Berita](@/berita/_index.md)\n"));
        if let Some(h) = &hugo {
            h.site_home(n, site);
        }
        for (w, s) in SECTIONS.iter().enumerate() {
            write(
                &dir.join(s).join("_index.md"),
                &format!("+++\ntitle = \"{}\"\nweight = {w}\n+++\n", s.to_uppercase()),
            );
            if let Some(h) = &hugo {
                h.section(site, s, w);
            }
        }
        for p in 0..per_site {
            if written == a.pages {
                break;
            }
            written += 1;
            let section = SECTIONS[p % SECTIONS.len()];
            let other = &sites[rng.below(sites.len())];
            let target_page = (p + 1) % per_site.max(1);
            let target_section = SECTIONS[target_page % 4];
            let in_site = format!("@/{target_section}/halaman-{target_page}.md");
            let cross = format!("@{other}/{section}/_index.md");
            let body = page_body(&mut rng, &in_site, &cross, p);
            let title = format!("{} {p}", rng.words(4));
            let date = format!("2025-{:02}-{:02}", 1 + p % 12, 1 + p % 28);
            let description = rng.words(10);
            let service = (section == "layanan").then(|| service(&mut svc_rng, site, p));
            let table = service.as_ref().map(|s| s.toml()).unwrap_or_default();
            let text = format!(
                "+++\ntitle = \"{title}\"\ndate = {date}\ndescription = \"{description}\"\n{table}+++\n{body}"
            );
            write(&dir.join(section).join(format!("halaman-{p}.md")), &text);
            if let Some(h) = &hugo {
                // The same body, with the two links as Hugo sees them: the in-site link
                // through `ref` (checked by Hugo, as laman checks its @ links), the
                // cross-site link as the absolute URL laman would make of it.
                let body = body
                    .replacen(
                        &format!("({in_site})"),
                        &format!(
                            "({{{{< ref \"/{site}/{target_section}/halaman-{target_page}.md\" >}}}})"
                        ),
                        1,
                    )
                    .replacen(
                        &format!("({cross})"),
                        &format!("({})", site_url(other, &format!("{section}/"))),
                        1,
                    );
                // Hugo has no service standard: the same components, as markdown above
                // the body, so that both tools render the same text.
                let body = match &service {
                    Some(s) => format!("\n{}{body}", s.markdown()),
                    None => body,
                };
                let news = if section == "berita" {
                    "berita = true\n"
                } else {
                    ""
                };
                h.page(
                    &format!("{site}/{section}/halaman-{p}.md"),
                    &format!("+++\ntitle = \"{title}\"\ndate = {date}\ndescription = \"{description}\"\n{news}+++\n{body}"),
                );
            }
        }
    }
    // The in-site links above may point past the last page of a small site: keep them valid.
    for site in &sites {
        for p in 0..per_site {
            let section = SECTIONS[p % 4];
            let rel = format!("{site}/{section}/halaman-{p}.md");
            let file = a.out.join("content").join(&rel);
            if !file.exists() {
                let service = (section == "layanan").then(|| service(&mut svc_rng, site, p));
                let table = service.as_ref().map(|s| s.toml()).unwrap_or_default();
                write(
                    &file,
                    &format!("+++\ntitle = \"Halaman {p}\"\n{table}+++\nIsi.\n"),
                );
                if let Some(h) = &hugo {
                    let components = service.as_ref().map(|s| s.markdown()).unwrap_or_default();
                    h.page(
                        &rel,
                        &format!("+++\ntitle = \"Halaman {p}\"\n+++\n{components}Isi.\n"),
                    );
                }
            }
        }
    }
    eprintln!(
        "wrote {} sites, {written} pages into {}{}",
        sites.len(),
        a.out.display(),
        a.hugo
            .as_deref()
            .map(|h| format!(" and the Hugo project {}", h.display()))
            .unwrap_or_default()
    );
}

fn owner(i: usize) -> String {
    format!("Dinas Uji {i}")
}

fn decree_number(i: usize) -> String {
    format!("500/{i:03}/KPTS/2025")
}

fn decree_date(i: usize) -> String {
    format!("2025-01-{:02}", 1 + i % 28)
}

/// The absolute URL laman gives `path` (no leading slash) in site `label`.
fn site_url(label: &str, path: &str) -> String {
    if label == "portal" {
        format!("https://ujikab.go.id/{path}")
    } else {
        format!("https://{label}.ujikab.go.id/{path}")
    }
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

/// One component of a service standard: its front matter key, its heading in the
/// Hugo copy, and its value.
struct Component {
    key: &'static str,
    heading: &'static str,
    value: Value,
}

enum Value {
    Text(String),
    List(Vec<String>),
    /// A form with no plain markdown equivalent (a `waktu` table, `biaya` items): the
    /// TOML value as written, and the same as markdown for Hugo.
    Toml {
        toml: String,
        markdown: String,
    },
}

/// A service standard as laman's `[layanan]` table wants it.
struct Service(Vec<Component>);

const TOPICS: [&str; 8] = [
    "kependudukan",
    "kesehatan",
    "pendidikan",
    "perizinan",
    "sosial",
    "pekerjaan-umum",
    "usaha",
    "informasi",
];

/// A complete service standard for page `p` of `site`: every delivery and management
/// component, with `waktu` and `biaya` cycling through the forms laman accepts.
fn service(rng: &mut Rng, site: &str, p: usize) -> Service {
    fn list(rng: &mut Rng, n: usize, words: usize) -> Vec<String> {
        (0..n).map(|_| capitalized(&rng.words(words))).collect()
    }
    let n = 1 + rng.below(20);
    let waktu = match p % 5 {
        0 => Value::Text(format!("{n} hari kerja")),
        1 => Value::Text(format!("{} jam", 1 + n % 8)),
        2 => Value::Text(format!("{} menit", 10 * (1 + n % 6))),
        3 => Value::Text(format!("1-{} hari kerja setelah berkas lengkap", n + 1)),
        _ => {
            let note = rng.words(6);
            Value::Toml {
                toml: format!(
                    "{{ jumlah = {n}, satuan = \"hari kerja\", keterangan = \"{note}\" }}"
                ),
                markdown: format!("{n} hari kerja ({note})."),
            }
        }
    };
    let biaya = match rng.below(6) {
        0..=3 => Value::Text("Gratis".into()),
        4 => Value::Text(format!("Rp {}.000", 5 * (1 + rng.below(20)))),
        _ => {
            let items: Vec<(String, u64, &str)> = (0..2 + rng.below(3))
                .map(|i| {
                    (
                        capitalized(&rng.words(3)),
                        2_500 * (1 + rng.below(40)) as u64,
                        ["per lembar", "per berkas", "per m²"][i % 3],
                    )
                })
                .collect();
            Value::Toml {
                toml: format!(
                    "[\n{}]",
                    items
                        .iter()
                        .map(|(u, t, s)| format!(
                            "  {{ uraian = \"{u}\", tarif = {t}, satuan = \"{s}\" }},\n"
                        ))
                        .collect::<String>()
                ),
                markdown: items
                    .iter()
                    .map(|(u, t, s)| format!("- {u}: Rp {t} {s}\n"))
                    .collect(),
            }
        }
    };
    let c = |key, heading, value| Component {
        key,
        heading,
        value,
    };
    let (requirements, steps, facilities) = (2 + rng.below(3), 3 + rng.below(3), 2 + rng.below(2));
    Service(vec![
        c("topik", "Topik", Value::Text(TOPICS[rng.below(TOPICS.len())].into())),
        c("persyaratan", "Persyaratan", Value::List(list(rng, requirements, 5))),
        c("prosedur", "Sistem, Mekanisme dan Prosedur", Value::List(list(rng, steps, 6))),
        c("waktu", "Jangka Waktu Penyelesaian", waktu),
        c("biaya", "Biaya/Tarif", biaya),
        c("produk", "Produk Pelayanan", Value::Text(format!("{}.", capitalized(&rng.words(4))))),
        c(
            "pengaduan",
            "Penanganan Pengaduan, Saran dan Masukan",
            Value::Text(format!(
                "Surel [{site}@ujikab.go.id](mailto:{site}@ujikab.go.id) atau [SP4N-LAPOR!](https://www.lapor.go.id/); {}.",
                rng.words(8)
            )),
        ),
        c("dasar_hukum", "Dasar Hukum", Value::List(vec![
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik".into(),
            format!("Peraturan Bupati Uji Nomor {} Tahun 2025 tentang {}", 1 + p % 60, capitalized(&rng.words(3))),
        ])),
        c("sarana", "Sarana, Prasarana, dan/atau Fasilitas", Value::List(list(rng, facilities, 3))),
        c("kompetensi_pelaksana", "Kompetensi Pelaksana", Value::Text(format!("{}.", capitalized(&rng.words(10))))),
        c("pengawasan_internal", "Pengawasan Internal", Value::Text(format!("{}.", capitalized(&rng.words(8))))),
        c("jumlah_pelaksana", "Jumlah Pelaksana", Value::Text(format!("{} orang", 2 + rng.below(8)))),
        c("jaminan_pelayanan", "Jaminan Pelayanan", Value::Text(format!("{}.", capitalized(&rng.words(12))))),
        c("jaminan_keamanan", "Jaminan Keamanan dan Keselamatan Pelayanan", Value::Text(format!("{}.", capitalized(&rng.words(12))))),
        c("evaluasi_kinerja", "Evaluasi Kinerja Pelaksana", Value::Text(format!("{}.", capitalized(&rng.words(8))))),
    ])
}

impl Service {
    /// The `[layanan]` table, ending with a newline (the front matter's closing `+++` follows).
    fn toml(&self) -> String {
        let mut t = String::from("\n[layanan]\n");
        for c in &self.0 {
            let value = match &c.value {
                Value::Text(s) => format!("{s:?}"),
                Value::List(items) => format!(
                    "[{}]",
                    items
                        .iter()
                        .map(|i| format!("{i:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                Value::Toml { toml, .. } => toml.clone(),
            };
            let _ = writeln!(t, "{} = {value}", c.key);
        }
        t
    }

    /// The same components as markdown sections, for the Hugo copy.
    fn markdown(&self) -> String {
        let mut m = String::new();
        for c in &self.0 {
            let _ = writeln!(m, "## {}\n", c.heading);
            match &c.value {
                Value::Text(s) => {
                    let _ = writeln!(m, "{s}\n");
                }
                Value::List(items) => {
                    for (n, i) in items.iter().enumerate() {
                        // laman numbers the steps of `prosedur`.
                        if c.key == "prosedur" {
                            let _ = writeln!(m, "{}. {i}", n + 1);
                        } else {
                            let _ = writeln!(m, "- {i}");
                        }
                    }
                    m.push('\n');
                }
                Value::Toml { markdown, .. } => {
                    let _ = writeln!(m, "{}\n", markdown.trim_end());
                }
            }
        }
        m
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The Hugo side of the corpus: one Hugo project holding every site of the regency, each
/// as a top-level section (`content/<label>/`) with the same sections and pages, and
/// templates equivalent to laman's `pemda` theme (same markup: header with the site's
/// menu, breadcrumbs, table of contents, content, footer with owner and decree; paginated
/// section lists of 10; latest news on each site's home and on the portal; the same
/// style sheet). Hugo's own defaults give the sitemap, robots.txt and an RSS feed, made
/// here for the news section (`berita`) only, as laman makes its Atom feed.
///
/// What differs, because Hugo builds one site per project: everything sits under one
/// host (`https://ujikab.go.id/<label>/...`), one sitemap and one 404 page for all.
/// In-site links go through `ref` (Hugo checks them, as laman checks `@` links);
/// cross-site links are the absolute URLs laman makes of them.
mod hugo {
    use super::{decree_date, decree_number, owner, write, SECTIONS};
    use std::path::{Path, PathBuf};

    pub struct Project {
        dir: PathBuf,
        zola: Option<PathBuf>,
    }

    const CONFIG: &str = r##"baseURL = "https://ujikab.go.id/"
locale = "id"
defaultContentLanguage = "id"
title = "Pemerintah Kabupaten Uji"
disableKinds = ["taxonomy", "term"]
enableRobotsTXT = true

[pagination]
pagerSize = 10
path = "halaman"

[outputs]
home = ["html"]
section = ["html"]
page = ["html"]

[services.rss]
limit = 20

[markup.tableOfContents]
startLevel = 2
endLevel = 3

[params]
dinas = "Dinas Komunikasi dan Informatika Kabupaten Uji"
"##;

    const BASEOF: &str = r##"<!DOCTYPE html>
<html lang="id">
{{- $site := .FirstSection }}
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }} | {{ .FirstSection.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}Situs resmi {{ $site.Title }}, Kabupaten Uji{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | absURL }}">
<link rel="icon" href="{{ "favicon.svg" | absURL }}" type="image/svg+xml">
{{ with $site.GetPage "berita" }}{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" title="Berita {{ $site.Title }}" href="{{ .Permalink }}">{{ end }}{{ end }}
</head>
<body>
<a class="lewati" href="#konten">Lewati ke konten utama</a>
<div class="resmi">
<div class="wadah">
<p><span class="bendera" aria-hidden="true"></span> Situs resmi Pemerintah Kabupaten Uji. Situs pemerintah selalu beralamat <strong>.go.id</strong>; alamat situs ini <strong>{{ with $site.Params.fqdn }}{{ . }}{{ else }}ujikab.go.id{{ end }}</strong>.</p>
</div>
</div>
<header class="kepala">
<div class="wadah kepala-isi">
<a class="merek" href="{{ $site.Permalink }}">
<img src="{{ "favicon.svg" | absURL }}" alt="" width="40" height="40">
<span><span class="merek-judul">{{ $site.Title }}</span><span class="merek-sub">Kabupaten Uji</span></span>
</a>
<a class="ke-portal" href="{{ site.Home.Permalink }}">Portal Kabupaten Uji</a>
</div>
<nav class="menu" aria-label="Menu utama">
<ul class="wadah">
<li><a href="{{ $site.Permalink }}"{{ if eq $site . }} aria-current="page"{{ end }}>Beranda</a></li>
{{ range $site.Sections }}<li><a href="{{ .Permalink }}"{{ if or (eq . $) (.IsAncestor $) }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
{{ end }}</ul>
</nav>
</header>
{{ if not .IsHome }}<nav class="remah wadah" aria-label="Breadcrumb">
<ol>
{{ range .Ancestors.Reverse }}<li><a href="{{ .Permalink }}">{{ .Title }}</a></li>
{{ end }}<li><a href="{{ .Permalink }}" aria-current="page">{{ .Title }}</a></li>
</ol>
</nav>{{ end }}
<main id="konten" class="wadah" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="kaki">
<div class="wadah kaki-isi">
<section aria-labelledby="kaki-kontak">
<h2 id="kaki-kontak">{{ $site.Title }}</h2>
<p>Dikelola oleh {{ with $site.Params.owner }}{{ . }}{{ else }}{{ site.Params.dinas }}{{ end }}, Kabupaten Uji.</p>
<ul class="kontak">
{{ with $site.Params.email }}<li>Surel: <a href="mailto:{{ . }}">{{ . }}</a></li>{{ end }}
</ul>
</section>
<section aria-labelledby="kaki-tautan">
<h2 id="kaki-tautan">Tautan</h2>
<ul>
<li><a href="{{ site.Home.Permalink }}">Portal Kabupaten Uji</a></li>
{{ with $site.GetPage "berita" }}{{ with .OutputFormats.Get "rss" }}<li><a href="{{ .Permalink }}">Umpan berita (RSS)</a></li>{{ end }}{{ end }}
</ul>
</section>
</div>
<div class="wadah kaki-bawah">
{{ with $site.Params.decree }}<p>Subdomain {{ $site.Params.fqdn }} ditetapkan dengan Keputusan Nomor {{ . }} tanggal <time datetime="{{ $site.Params.decree_date }}">{{ time.Format ":date_long" $site.Params.decree_date }}</time>.</p>{{ end }}
<p>{{ site.Params.dinas }}.</p>
</div>
</footer>
</body>
</html>
"##;

    const SINGLE: &str = r##"{{ define "main" }}
<article class="halaman">
<header>
<h1>{{ .Title }}</h1>
{{ if not .Date.IsZero }}<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ time.Format ":date_full" .Date }}</time></p>{{ end }}
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
</header>
{{ if ge (len .Fragments.Identifiers) 3 }}<nav class="daftar-isi" aria-label="Daftar isi">
<h2>Daftar isi</h2>
{{ .TableOfContents }}
</nav>{{ end }}
<div class="konten">
{{ .Content }}
</div>
</article>
{{ end }}
"##;

    const LIST: &str = r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
{{ if eq .FirstSection . }}
{{ with .Content }}<div class="konten">
{{ . }}
</div>{{ end }}
{{ with .GetPage "berita" }}{{ with first 5 .Pages.ByDate.Reverse }}<section aria-labelledby="berita-terbaru">
<h2 id="berita-terbaru">Berita Terbaru</h2>
<ul class="daftar berita">
{{ range . }}<li>
<h3><a href="{{ .Permalink }}">{{ .Title }}</a></h3>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ time.Format ":date_long" .Date }}</time></p>
{{ with .Description }}<p>{{ . }}</p>{{ else }}<p>{{ .Summary | plainify | truncate 200 }}</p>{{ end }}
</li>
{{ end }}</ul>
</section>{{ end }}{{ end }}
<section aria-labelledby="jelajah">
<h2 id="jelajah">Jelajahi</h2>
<ul class="kartu">
{{ range .Sections }}<li><a href="{{ .Permalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
</section>
{{ else }}
{{ if eq .Paginator.PageNumber 1 }}{{ with .Content }}<div class="konten">
{{ . }}
</div>{{ end }}{{ end }}
<ul class="daftar">
{{ range .Paginator.Pages }}<li>
<h2><a href="{{ .Permalink }}">{{ .Title }}</a></h2>
{{ if not .Date.IsZero }}<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ time.Format ":date_long" .Date }}</time></p>{{ end }}
{{ with .Description }}<p>{{ . }}</p>{{ else }}<p>{{ .Summary | plainify | truncate 200 }}</p>{{ end }}
</li>
{{ end }}</ul>
{{ with .Paginator }}{{ if gt .TotalPages 1 }}<nav class="halaman-nav" aria-label="Halaman">
{{ with .Prev }}<a href="{{ .URL }}" rel="prev">Sebelumnya</a>{{ end }}
<span>Halaman {{ .PageNumber }} dari {{ .TotalPages }}</span>
{{ with .Next }}<a href="{{ .URL }}" rel="next">Berikutnya</a>{{ end }}
</nav>{{ end }}{{ end }}
{{ end }}
{{ end }}
"##;

    const HOME: &str = r##"{{ define "title" }}{{ site.Title }}{{ end }}
{{ define "main" }}
<div class="sambutan">
<h1>{{ site.Title }}</h1>
{{ with .Content }}<div class="konten">
{{ . }}
</div>{{ end }}
</div>
{{ with first 10 (where site.RegularPages "Params.berita" true).ByDate.Reverse }}<section aria-labelledby="berita-terbaru">
<h2 id="berita-terbaru">Berita Terbaru dari Perangkat Daerah</h2>
<ul class="daftar berita">
{{ range . }}<li>
<h3><a href="{{ .Permalink }}">{{ .Title }}</a></h3>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ time.Format ":date_long" .Date }}</time> · <a href="{{ .FirstSection.Permalink }}">{{ .FirstSection.Title }}</a></p>
{{ with .Description }}<p>{{ . }}</p>{{ end }}
</li>
{{ end }}</ul>
</section>{{ end }}
<section aria-labelledby="direktori-singkat">
<h2 id="direktori-singkat">Situs Perangkat Daerah</h2>
<ul class="kartu">
{{ range .Sections }}<li><a href="{{ .Permalink }}">{{ with .Params.owner }}{{ . }}{{ else }}{{ .Title }}{{ end }}</a></li>
{{ end }}</ul>
</section>
{{ end }}
"##;

    const NOT_FOUND: &str = r##"{{ define "title" }}Halaman tidak ditemukan | {{ site.Title }}{{ end }}
{{ define "main" }}
<h1>Halaman tidak ditemukan</h1>
<p>Alamat yang Anda buka tidak ada di {{ site.Title }}. Mungkin halaman sudah dipindahkan atau alamatnya salah ketik.</p>
<ul>
<li><a href="{{ site.Home.Permalink }}">Portal Kabupaten Uji</a></li>
</ul>
{{ end }}
"##;

    impl Project {
        /// Writes the configuration, templates, static files and the portal's home page.
        pub fn new(dir: &Path, zola: Option<&Path>, sites: &[String]) -> Project {
            if let Some(z) = zola {
                super::zola::project(z);
            }
            write(&dir.join("hugo.toml"), CONFIG);
            let layouts = dir.join("layouts");
            write(&layouts.join("baseof.html"), BASEOF);
            write(&layouts.join("single.html"), SINGLE);
            write(&layouts.join("list.html"), LIST);
            write(&layouts.join("home.html"), HOME);
            write(&layouts.join("404.html"), NOT_FOUND);
            write(
                &dir.join("static/style.css"),
                include_str!("../themes/pemda/static/style.css"),
            );
            write(
                &dir.join("static/favicon.svg"),
                include_str!("../themes/pemda/static/favicon.svg"),
            );
            let project = Project {
                dir: dir.to_path_buf(),
                zola: zola.map(Path::to_path_buf),
            };
            project.page(
                "_index.md",
                &format!(
                    "+++\ntitle = \"Pemerintah Kabupaten Uji\"\n+++\nPortal dari {} situs.\n",
                    sites.len()
                ),
            );
            project
        }

        /// The home page of site number `n` (0 is the portal, then `opd00`...).
        pub fn site_home(&self, n: usize, site: &str) {
            let params = if n == 0 {
                "fqdn = \"ujikab.go.id\"\n".to_string()
            } else {
                let i = n - 1;
                format!(
                    "fqdn = \"{site}.ujikab.go.id\"\nowner = \"{}\"\nemail = \"{site}@ujikab.go.id\"\ndecree = \"{}\"\ndecree_date = \"{}\"\n",
                    owner(i),
                    decree_number(i),
                    decree_date(i)
                )
            };
            self.page(
                &format!("{site}/_index.md"),
                &format!("+++\ntitle = \"Beranda {site}\"\n[params]\n{params}+++\nSelamat datang. [Berita]({{{{< ref \"/{site}/berita/_index.md\" >}}}})\n"),
            );
        }

        pub fn section(&self, site: &str, section: &str, weight: usize) {
            // Only the news section has a feed, as in laman.
            let outputs = if section == SECTIONS[0] {
                "outputs = [\"html\", \"rss\"]\n"
            } else {
                ""
            };
            self.page(
                &format!("{site}/{section}/_index.md"),
                &format!(
                    "+++\ntitle = \"{}\"\nweight = {}\n{outputs}+++\n",
                    section.to_uppercase(),
                    // Hugo takes weight 0 for "no weight" and sorts it last.
                    weight + 1
                ),
            );
        }

        /// A content file, by its path under `content/`.
        pub fn page(&self, rel: &str, text: &str) {
            write(&self.dir.join("content").join(rel), text);
            if let Some(z) = &self.zola {
                write(&z.join("content").join(rel), &super::zola::content(text));
            }
        }
    }
}

/// The same content as a Zola project (`--zola DIR`, with `--hugo DIR`), made from the
/// Hugo project's files: `ref` shortcodes become Zola's checked `@/` links, `[params]`
/// and custom keys go under `[extra]`; templates reproduce the same page structure
/// (header, site menu, breadcrumbs, table of contents, footer; lists paginated by 10).
/// Zola builds no search index here: it refuses to index Indonesian.
mod zola {
    use super::write;
    use std::path::Path;

    const CONFIG: &str = r##"base_url = "https://ujikab.go.id"
title = "Pemerintah Kabupaten Uji"
default_language = "id"
compile_sass = false
minify_html = true
build_search_index = false
generate_feeds = false
generate_sitemap = true
generate_robots_txt = true

[markdown]
render_emoji = false

[extra]
dinas = "Dinas Komunikasi dan Informatika Kabupaten Uji"
"##;

    const BASE: &str = r##"<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock %}</title>
<link rel="stylesheet" href="{{ get_url(path='style.css') }}">
<link rel="icon" href="{{ get_url(path='favicon.svg') }}">
</head>
<body>
<a class="lewati" href="#konten">Lewati ke konten</a>
<header class="kepala"><div class="wadah">
<a class="merek" href="{{ config.base_url }}/">{{ config.title }}</a>
<form class="cari-kepala" action="{{ config.base_url }}/cari/" method="get" role="search"><input name="q" type="search" aria-label="Cari"></form>
</div></header>
<nav class="menu" aria-label="Menu situs"><div class="wadah"><ul>
{% set root = get_section(path="_index.md") %}
{% for s in root.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.permalink }}">{{ sub.title }}</a></li>{% endfor %}
</ul></div></nav>
<main id="konten" class="wadah">
{% block content %}{% endblock %}
</main>
<footer class="kaki"><div class="wadah">
<p>Dikelola oleh {{ config.extra.dinas }}.</p>
</div></footer>
</body>
</html>
"##;

    const PAGE: &str = r##"{% extends "base.html" %}
{% block title %}{{ page.title }} | {{ config.title }}{% endblock %}
{% block content %}
<nav aria-label="Remah roti"><ol class="remah">{% for a in page.ancestors %}{% set s = get_section(path=a, metadata_only=true) %}<li><a href="{{ s.permalink }}">{{ s.title }}</a></li>{% endfor %}<li aria-current="page">{{ page.title }}</li></ol></nav>
<article>
<h1>{{ page.title }}</h1>
{% if page.date %}<p class="tanggal"><time datetime="{{ page.date }}">{{ page.date | date(format="%-d %B %Y") }}</time></p>{% endif %}
{% if page.toc %}<nav class="daftar-isi" aria-label="Daftar isi"><ol>{% for h in page.toc %}<li><a href="#{{ h.id }}">{{ h.title }}</a>{% if h.children %}<ol>{% for c in h.children %}<li><a href="#{{ c.id }}">{{ c.title }}</a></li>{% endfor %}</ol>{% endif %}</li>{% endfor %}</ol></nav>{% endif %}
{{ page.content | safe }}
</article>
{% endblock %}
"##;

    const SECTION: &str = r##"{% extends "base.html" %}
{% block title %}{{ section.title }} | {{ config.title }}{% endblock %}
{% block content %}
<nav aria-label="Remah roti"><ol class="remah">{% for a in section.ancestors %}{% set s = get_section(path=a, metadata_only=true) %}<li><a href="{{ s.permalink }}">{{ s.title }}</a></li>{% endfor %}<li aria-current="page">{{ section.title }}</li></ol></nav>
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
{% if paginator %}
<ul class="daftar">{% for p in paginator.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a>{% if p.date %} <time datetime="{{ p.date }}">{{ p.date }}</time>{% endif %}{% if p.description %}<p>{{ p.description }}</p>{% endif %}</li>{% endfor %}</ul>
<nav class="halaman" aria-label="Halaman">{% if paginator.previous %}<a href="{{ paginator.previous }}">Sebelumnya</a>{% endif %} {% if paginator.next %}<a href="{{ paginator.next }}">Berikutnya</a>{% endif %}</nav>
{% else %}
<ul class="daftar">{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.permalink }}">{{ sub.title }}</a></li>{% endfor %}</ul>
{% for s in section.subsections %}{% if s is ending_with("berita/_index.md") %}{% set berita = get_section(path=s) %}<h2>Berita terbaru</h2><ul class="daftar">{% for p in berita.pages | slice(end=5) %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endif %}{% endfor %}
{% endif %}
{% endblock %}
"##;

    const NOT_FOUND: &str = r##"{% extends "base.html" %}
{% block content %}<h1>Halaman tidak ditemukan</h1>{% endblock %}
"##;

    /// Writes the configuration, templates and static files.
    pub fn project(dir: &Path) {
        write(&dir.join("config.toml"), CONFIG);
        let t = dir.join("templates");
        write(&t.join("base.html"), BASE);
        write(&t.join("page.html"), PAGE);
        write(&t.join("section.html"), SECTION);
        write(&t.join("index.html"), SECTION);
        write(&t.join("404.html"), NOT_FOUND);
        write(
            &dir.join("static/style.css"),
            include_str!("../themes/pemda/static/style.css"),
        );
        write(
            &dir.join("static/favicon.svg"),
            include_str!("../themes/pemda/static/favicon.svg"),
        );
    }

    /// A Hugo content file as Zola reads it.
    pub fn content(hugo: &str) -> String {
        let mut text = hugo
            .replace("{{< ref \"/", "@/")
            .replace("\" >}}", "")
            .replace("[params]\n", "[extra]\n")
            .replace("outputs = [\"html\", \"rss\"]\n", "");
        if let Some(at) = text.find("berita = true\n+++") {
            text.replace_range(at..at + "berita = true\n".len(), "[extra]\nberita = true\n");
        }
        // Sections list their pages newest first, ten to a page, as laman's and Hugo's do.
        if text.starts_with("+++\ntitle = \"")
            && text.contains("\nweight = ")
            && !text.contains("date = ")
        {
            text = text.replacen(
                "+++\ntitle",
                "+++\nsort_by = \"date\"\npaginate_by = 10\ntitle",
                1,
            );
        }
        text
    }
}
