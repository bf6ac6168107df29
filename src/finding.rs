//! Findings: the one type every stage uses to report a problem.
//!
//! Registry, content, markdown, templates and output all report through [`Finding`]: a
//! stable [`Code`], a [`Severity`], a message that says what is wrong, an optional hint
//! that says what to do, and where it is (file relative to the root, line, site). Stages
//! collect findings and go on; only the CLI decides how to print them and which exit
//! status they make. This module must not print anything.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a finding is. Errors stop a build from being published; warnings do not.
/// A notice is no problem at all: the state of something the editor should know of (a
/// site prepared before its decree), which needs no change to the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Notice,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $text:literal, $severity:ident;)*) => {
        /// Stable finding codes, documented in the README. Codes may be added, never renamed.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant,)* }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The dotted name printed and written to JSON.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $text,)* }
            }

            /// The severity a finding of this code has unless its stage says otherwise.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }
        }
    };
}

codes! {
    RegistryParse = "registry.parse", Error;
    RegistryDomainForm = "registry.domain.form", Warning;
    RegistryHostingInvalid = "registry.hosting.invalid", Error;
    RegistryNameserverGlue = "registry.nameserver.glue", Warning;
    RegistryLabelSyntax = "registry.label.syntax", Error;
    RegistryLabelReserved = "registry.label.reserved", Error;
    RegistryLabelDuplicate = "registry.label.duplicate", Error;
    RegistryLabelNested = "registry.label.nested", Error;
    RegistryDecreeMissing = "registry.decree.missing", Error;
    RegistryDecreeDate = "registry.decree.date", Error;
    RegistryHistoryMismatch = "registry.history.mismatch", Error;
    RegistryHistoryTransition = "registry.history.transition", Error;
    RegistryContactDomain = "registry.contact.domain", Error;
    RegistryRecordInvalid = "registry.record.invalid", Error;
    RegistryRecordMissing = "registry.record.missing", Error;
    RegistryRecordOutsideDatacenter = "registry.record.outside-datacenter", Error;
    RegistryRecordCnameExternal = "registry.record.cname-external", Error;
    RegistryRecordCnameConflict = "registry.record.cname-conflict", Error;
    RegistryRecordCnameApex = "registry.record.cname-apex", Error;
    RegistryRecordCnameChain = "registry.record.cname-chain", Error;
    RegistryRecordCnameDangling = "registry.record.cname-dangling", Error;
    RegistryRecordDuplicate = "registry.record.duplicate", Error;
    RegistryRecordTtl = "registry.record.ttl", Error;
    RegistryRecordCollision = "registry.record.collision", Error;
    RegistryApexMx = "registry.apex.mx", Warning;
    RegistryApexSpf = "registry.apex.spf", Warning;
    RegistryApexDmarc = "registry.apex.dmarc", Warning;
    RegistryApexCaa = "registry.apex.caa", Warning;
    RegistryContentMissing = "registry.content.missing", Error;
    RegistryReviewOverdue = "registry.review.overdue", Warning;
    RegistryEditUnknown = "registry.edit.unknown", Error;
    RegistryEditExists = "registry.edit.exists", Error;
    RegistryEditTransition = "registry.edit.transition", Error;
    RegistryEditValue = "registry.edit.value", Error;
    RegistryEditConflict = "registry.edit.conflict", Error;
    RegistryFieldInvalid = "registry.field.invalid", Error;
    DnsMissing = "dns.missing", Error;
    DnsMismatch = "dns.mismatch", Error;
    DnsOutsideDatacenter = "dns.outside-datacenter", Error;
    DnsCnameDangling = "dns.cname-dangling", Error;
    DnsCnameExternal = "dns.cname-external", Error;
    DnsCnameTakeover = "dns.cname-takeover", Error;
    DnsRevokedResolves = "dns.revoked-resolves", Error;
    DnsUnregistered = "dns.unregistered", Error;
    DnsRecordUnregistered = "dns.record.unregistered", Warning;
    DnsNameserverUnreachable = "dns.nameserver.unreachable", Error;
    DnsNameserverLame = "dns.nameserver.lame", Error;
    DnsQueryFailed = "dns.query.failed", Error;
    VerifyChanged = "verify.changed", Error;
    VerifyMissing = "verify.missing", Error;
    VerifyUnexpected = "verify.unexpected", Error;
    VerifySignature = "verify.signature", Error;
    VerifyHeaders = "verify.headers", Error;
    VerifySpam = "verify.spam", Error;
    VerifyUnreachable = "verify.unreachable", Error;
    VerifyUnsigned = "verify.unsigned", Error;
    VerifyOtherBuild = "verify.other-build", Error;
    ContentUnregistered = "content.unregistered", Error;
    ContentUnapproved = "content.unapproved", Warning;
    ContentPrepared = "content.prepared", Notice;
    ContentRead = "content.read", Error;
    ContentLimit = "content.limit", Error;
    ContentFrontmatterParse = "content.frontmatter.parse", Error;
    ContentFrontmatterField = "content.frontmatter.field", Error;
    ContentSiteConfig = "content.site.config", Error;
    ContentLinkBroken = "content.link.broken", Error;
    ContentLinkUnpublished = "content.link.unpublished", Warning;
    ContentHtmlUnsafe = "content.html.unsafe", Error;
    ContentImageAlt = "content.image.alt", Warning;
    ContentSpam = "content.spam", Error;
    ContentSpamAcknowledged = "content.spam.acknowledged", Warning;
    ContentLinkExternal = "content.link.external", Warning;
    ContentPathCollision = "content.path.collision", Error;
    ContentPathOutside = "content.path.outside", Error;
    ContentCodeUnapproved = "content.code.unapproved", Error;
    ContentTemplate = "content.template", Error;
    ContentServiceIncomplete = "content.service.incomplete", Error;
    ContentPpidIncomplete = "content.ppid.incomplete", Error;
    ContentPpidStale = "content.ppid.stale", Warning;
    ImportNothing = "import.nothing", Error;
    ImportSpam = "import.spam", Warning;
    ImportUnconvertible = "import.unconvertible", Warning;
    ImportShortcodeUnknown = "import.shortcode.unknown", Warning;
    ImportHtmlDropped = "import.html.dropped", Warning;
    ImportMediaMissing = "import.media.missing", Warning;
    ImportMediaRefused = "import.media.refused", Warning;
    ImportAliasDropped = "import.alias.dropped", Warning;
    ImportFileKept = "import.file.kept", Warning;
}

impl Code {
    /// The code in plain words of `lang` ("Tautan rusak" for `content.link.broken`), for
    /// documents a person reads rather than a terminal or a program: the Fluent catalogue's
    /// `code-name-<code with "." as "-">` (`locales/*/names.ftl`). A code the catalogue
    /// lacks is shown as itself (the catalogue test catches it).
    pub fn name_in(self, lang: crate::i18n::Lang) -> String {
        let key = format!("code-name-{}", self.as_str().replace('.', "-"));
        if crate::i18n::has(lang, &key) {
            crate::i18n::text_in(lang, &key, None)
        } else {
            self.as_str().to_string()
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown finding code {text}")))
    }
}

/// One problem found in the input, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// What the user should do; printed as `help:` and written to JSON as `help`.
    pub help: Option<String>,
    /// The file, relative to the regency root; in JSON with `/` on every system.
    #[serde(serialize_with = "slashed")]
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    /// The label of the site concerned (`portal` for the portal).
    pub site: Option<String>,
}

/// A path as JSON shows it: with `/` between names on every system.
fn slashed<S: serde::Serializer>(path: &Option<PathBuf>, s: S) -> Result<S::Ok, S::Error> {
    match path {
        Some(p) => s.serialize_some(&p.to_string_lossy().replace('\\', "/")),
        None => s.serialize_none(),
    }
}

impl Finding {
    /// Where it is, as `file:line` or `file`; empty when it concerns no file.
    pub fn place(&self) -> String {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => format!("{}:{line}", file.display()),
            (Some(file), None) => file.display().to_string(),
            _ => String::new(),
        }
    }

    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: code.severity(),
            message: message.into(),
            help: None,
            file: None,
            line: None,
            site: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    pub fn line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn at(self, file: impl AsRef<Path>, line: usize) -> Self {
        self.file(file).line(line)
    }

    pub fn site(mut self, label: impl Into<String>) -> Self {
        self.site = Some(label.into());
        self
    }

    /// Lowers the finding to a warning: for codes whose severity depends on what is
    /// missing (a management component of a service, say, where a delivery one is an
    /// error).
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A warning: a problem that does not stop the build (not a notice).
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }
}

impl fmt::Display for Finding {
    /// The human form: `error[code]: message`, then `--> file:line` and `help: ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => crate::msg!("finding-error"),
            Severity::Warning => crate::msg!("finding-warning"),
            Severity::Notice => crate::msg!("finding-notice"),
        };
        write!(
            f,
            "{severity}[{}]: {}",
            self.code,
            Printable::text(&self.message)
        )?;
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(
                f,
                "\n  --> {}:{line}",
                Printable::line(&file.display().to_string())
            )?,
            (Some(file), None) => write!(
                f,
                "\n  --> {}",
                Printable::line(&file.display().to_string())
            )?,
            _ => {}
        }
        if let Some(help) = &self.help {
            write!(
                f,
                "\n  {}: {}",
                crate::msg!("finding-help"),
                Printable::text(help)
            )?;
        }
        Ok(())
    }
}

/// Text for a terminal: the values a finding quotes come from hostile input, so control
/// characters (escape sequences, carriage returns) and direction overrides are written
/// escaped, never raw; line breaks stay unless the text must stay on one line
/// ([`Printable::line`]).
pub struct Printable<'a>(&'a str, bool);

impl<'a> Printable<'a> {
    /// Text that may span lines (a finding's message).
    pub fn text(text: &'a str) -> Self {
        Printable(text, true)
    }

    /// Text that must stay on its line (a field in a listing).
    pub fn line(text: &'a str) -> Self {
        Printable(text, false)
    }
}

impl fmt::Display for Printable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            let hidden = (c.is_control() && !(c == '\n' && self.1))
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if hidden {
                write!(f, "{}", c.escape_unicode())?;
            } else {
                fmt::Write::write_char(f, c)?;
            }
        }
        Ok(())
    }
}

/// Puts findings in a stable order (file, line, code) so that output is reproducible
/// whatever order parallel stages produced them in, and drops exact repeats (a broken
/// template fails the same way for every page that uses it).
pub fn sort(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.code, &a.message).cmp(&(&b.file, b.line, b.code, &b.message))
    });
    findings.dedup();
}

/// The 1-based line of a byte offset in a text.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The candidate closest to `wanted` in spelling (ignoring case), for a "did you mean"
/// hint: within two edits, or a quarter of the name's length for longer names. Ties go
/// to the first in sort order, so that the hint never depends on the candidates' order.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = wanted.to_lowercase();
    let limit = (wanted.chars().count() / 4).max(2);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&c.to_lowercase(), &wanted), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_spelling_is_suggested_within_reason() {
        let pages = [
            "profil/visi-misi.md",
            "profil/sejarah.md",
            "berita/_index.md",
        ];
        assert_eq!(
            closest("profil/visi-misii.md", pages),
            Some("profil/visi-misi.md")
        );
        assert_eq!(
            closest("PROFIL/SEJARAH.md", pages),
            Some("profil/sejarah.md")
        );
        assert_eq!(closest("kontak.md", pages), None);
        assert_eq!(closest("dinkess", ["dinkes", "disdik"]), Some("dinkes"));
    }

    #[test]
    fn codes_are_dotted_lowercase_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(s.contains('.') && s == s.to_lowercase(), "{s}");
            assert!(seen.insert(s), "duplicate code {s}");
        }
    }

    #[test]
    fn readme_documents_every_code_with_its_severity() {
        let readme = include_str!("../README.md");
        for code in Code::ALL {
            let row = format!("| `{}` | {} |", code.as_str(), code.severity().as_str());
            assert!(readme.contains(&row), "README.md lacks the row {row}");
        }
    }

    #[test]
    fn every_code_has_a_plain_name_in_each_language_and_no_two_share_one() {
        use crate::i18n::Lang;
        for lang in Lang::ALL {
            let mut seen = std::collections::HashMap::new();
            for code in Code::ALL {
                let name = code.name_in(lang);
                assert_ne!(
                    name,
                    code.as_str(),
                    "locales/{}/names.ftl lacks code-name-{}",
                    lang.code(),
                    code.as_str().replace('.', "-")
                );
                if let Some(other) = seen.insert(name.clone(), code) {
                    panic!(
                        "{other} and {code} share the name {name:?} in {}",
                        lang.code()
                    );
                }
            }
        }
        assert_eq!(
            Code::ContentLinkExternal.name_in(Lang::Id),
            "Tautan ke situs di luar pemerintahan"
        );
    }

    #[test]
    fn display_escapes_what_could_drive_a_terminal() {
        let f = Finding::new(Code::RegistryFieldInvalid, "owner `a\u{1b}[2J\rb\u{202E}c`");
        assert_eq!(
            f.to_string(),
            "error[registry.field.invalid]: owner `a\\u{1b}[2J\\u{d}b\\u{202e}c`"
        );
    }

    #[test]
    fn line_of_counts_from_one() {
        let text = "a\nbb\nccc";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 2), 2);
        assert_eq!(line_of(text, 5), 3);
        assert_eq!(line_of(text, 999), 3);
    }

    #[test]
    fn display_names_file_line_and_help() {
        let f = Finding::new(Code::ContentLinkBroken, "no page @/x.md")
            .at("content/dinkes/a.md", 7)
            .help("check the path");
        assert_eq!(
            f.to_string(),
            "error[content.link.broken]: no page @/x.md\n  --> content/dinkes/a.md:7\n  help: check the path"
        );
    }
}
