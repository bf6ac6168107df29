//! Ed25519 keys and signatures for the manifests.
//!
//! The secret key is a PKCS#8 PEM file (`-----BEGIN PRIVATE KEY-----`), the form
//! `openssl genpkey -algorithm ed25519` writes too, so a Dinas can make or inspect keys
//! with tools it already has. The public key is one line, `ed25519:` and its 32 bytes in
//! base64, written into `domains.toml` (`[integrity] public_key`). A signature is a small
//! JSON file beside what it signs, naming the key that made it.
//!
//! A key file is a secret: it is read only where the caller says, at most
//! [`MAX_KEY_FILE`] bytes, and nothing read from it ever appears in a message. This
//! module must not decide which key is trusted (the registry says that).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;

/// A key file larger than this is not a key (a PEM Ed25519 key is about 120 bytes).
pub const MAX_KEY_FILE: u64 = 16 * 1024;

/// The version of the signature file's layout.
const SIGNATURE_VERSION: u32 = 1;

const PREFIX: &str = "ed25519:";

/// Why a key or a signature could not be used; the text says what to do.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{}", crate::msg!("key-unreadable", path = .path.as_str(), reason = .error.to_string()))]
    Read { path: String, error: std::io::Error },
    #[error("{}", crate::msg!("key-not-a-key", path = .path.as_str()))]
    NotAKey { path: String },
    #[error("{}", crate::msg!("key-bad-public", key = .0.as_str()))]
    BadPublicKey(String),
    #[error("{}", crate::msg!("key-unwritable", path = .path.as_str(), reason = .error.to_string()))]
    Write { path: String, error: std::io::Error },
    #[error("{}", crate::msg!("key-exists", path = .0.as_str()))]
    Exists(String),
    #[error("{}", crate::msg!("key-no-prefix", key = .0.as_str()))]
    NoPrefix(String),
}

/// The key that signs a build's manifests.
pub struct Signer {
    key: SigningKey,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signer({})", self.public_key())
    }
}

/// Two signers are the same when their keys are.
impl PartialEq for Signer {
    fn eq(&self, other: &Signer) -> bool {
        self.public_key() == other.public_key()
    }
}

impl Eq for Signer {}

impl Signer {
    /// Reads a secret key file (PKCS#8 PEM).
    pub fn from_file(path: &Path) -> Result<Signer, KeyError> {
        let shown = path.display().to_string();
        let read = |error| KeyError::Read {
            path: shown.clone(),
            error,
        };
        let meta = std::fs::metadata(path).map_err(read)?;
        if !meta.is_file() || meta.len() > MAX_KEY_FILE {
            return Err(KeyError::NotAKey { path: shown });
        }
        let mut text = String::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_KEY_FILE).read_to_string(&mut text))
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::InvalidData => KeyError::NotAKey {
                    path: shown.clone(),
                },
                _ => read(e),
            })?;
        let key = SigningKey::from_pkcs8_pem(text.trim())
            .map_err(|_| KeyError::NotAKey { path: shown })?;
        Ok(Signer { key })
    }

    /// A new random key.
    pub fn generate() -> Result<Signer, getrandom::Error> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed)?;
        Ok(Signer {
            key: SigningKey::from_bytes(&seed),
        })
    }

    /// The public half, as `domains.toml` holds it.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.key.verifying_key())
    }

    /// The detached signature of `bytes`, as the JSON text of a signature file.
    pub fn sign(&self, bytes: &[u8]) -> Vec<u8> {
        let file = SignatureFile {
            version: SIGNATURE_VERSION,
            algorithm: "ed25519".into(),
            public_key: self.public_key().to_string(),
            signature: BASE64.encode(self.key.sign(bytes).to_bytes()),
        };
        let mut text = serde_json::to_vec_pretty(&file).unwrap_or_default();
        text.push(b'\n');
        text
    }

    /// Writes the secret key to `path` (readable by its owner only) and the public key
    /// to `path.pub`: both or neither. Each is written whole into a temporary file
    /// beside it first; both names are checked before anything is written; neither is
    /// ever replaced (a link, even a dangling one, counts as there); and when the second
    /// cannot be put in place the first is taken away again.
    pub fn write_pair(&self, path: &Path) -> Result<(), KeyError> {
        let public = public_path(path);
        let write = |p: &Path, error| KeyError::Write {
            path: p.display().to_string(),
            error,
        };
        for p in [path, public.as_path()] {
            if std::fs::symlink_metadata(p).is_ok() {
                return Err(KeyError::Exists(p.display().to_string()));
            }
        }
        let pem = self
            .key
            .to_pkcs8_pem(Default::default())
            .map_err(|_| write(path, std::io::ErrorKind::InvalidData.into()))?;
        let secret = staged(path, pem.as_bytes(), 0o600)?;
        let public_file = staged(
            &public,
            format!("{}\n", self.public_key()).as_bytes(),
            0o644,
        )?;
        place_new(secret, path)?;
        if let Err(e) = place_new(public_file, &public) {
            // Only this run made it: `place_new` never replaces a file.
            let _ = std::fs::remove_file(path);
            return Err(e);
        }
        Ok(())
    }
}

/// Where the public half of the key at `path` goes: `path.pub`.
fn public_path(path: &Path) -> std::path::PathBuf {
    path.with_file_name(format!(
        "{}.pub",
        path.file_name().unwrap_or_default().to_string_lossy()
    ))
}

/// `bytes` written and flushed into a new hidden temporary file beside `path`, with
/// `mode` (removed when dropped unless placed).
fn staged(path: &Path, bytes: &[u8], mode: u32) -> Result<tempfile::NamedTempFile, KeyError> {
    use std::io::Write;
    let fail = |error| KeyError::Write {
        path: path.display().to_string(),
        error,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Created readable by its owner only; the public half is opened up once written.
    let mut tmp = tempfile::Builder::new()
        .prefix(".laman-key.")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(fail)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode))
            .map_err(fail)?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    Ok(tmp)
}

/// Gives `tmp` the name `path`, failing if anything is there already.
fn place_new(tmp: tempfile::NamedTempFile, path: &Path) -> Result<(), KeyError> {
    let shown = path.display().to_string();
    tmp.persist_noclobber(path)
        .map(drop)
        .map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => KeyError::Exists(shown.clone()),
            _ => KeyError::Write {
                path: shown.clone(),
                error: e.error,
            },
        })
}

/// An Ed25519 public key.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl std::fmt::Display for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{PREFIX}{}", BASE64.encode(self.0.as_bytes()))
    }
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl std::str::FromStr for PublicKey {
    type Err = KeyError;

    fn from_str(text: &str) -> Result<PublicKey, KeyError> {
        let bad = || KeyError::BadPublicKey(crate::text::clipped(text));
        let decode = |encoded: &str| -> Option<[u8; 32]> {
            BASE64.decode(encoded).ok().and_then(|b| b.try_into().ok())
        };
        let Some(encoded) = text.trim().strip_prefix(PREFIX) else {
            // A key copied without its prefix: say so, rather than that it is no key
            // (one form only, so that a signature names its key the same way).
            return Err(match decode(text.trim()) {
                Some(_) => KeyError::NoPrefix(crate::text::clipped(text.trim())),
                None => bad(),
            });
        };
        let bytes = decode(encoded).ok_or_else(bad)?;
        VerifyingKey::from_bytes(&bytes)
            .map(PublicKey)
            .map_err(|_| bad())
    }
}

/// Why a signature does not vouch for what it signs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureProblem {
    #[error("{}", crate::msg!("signature-unreadable", version = SIGNATURE_VERSION.to_string()))]
    Unreadable,
    #[error("{}", crate::msg!("signature-other-key", key = .0.as_str()))]
    OtherKey(String),
    #[error("{}", crate::msg!("signature-mismatch"))]
    Mismatch,
}

/// A detached signature as written beside the manifest.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignatureFile {
    version: u32,
    algorithm: String,
    public_key: String,
    signature: String,
}

impl PublicKey {
    /// Whether `signature` (a signature file's bytes) is this key's signature of `bytes`.
    pub fn check(&self, bytes: &[u8], signature: &[u8]) -> Result<(), SignatureProblem> {
        let file: SignatureFile =
            serde_json::from_slice(signature).map_err(|_| SignatureProblem::Unreadable)?;
        if file.version != SIGNATURE_VERSION || file.algorithm != "ed25519" {
            return Err(SignatureProblem::Unreadable);
        }
        if file.public_key.trim() != self.to_string() {
            return Err(SignatureProblem::OtherKey(crate::text::clipped(
                &file.public_key,
            )));
        }
        let raw: [u8; 64] = BASE64
            .decode(file.signature.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(SignatureProblem::Mismatch)?;
        self.0
            .verify_strict(bytes, &ed25519_dalek::Signature::from_bytes(&raw))
            .map_err(|_| SignatureProblem::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_checks_against_its_key_only() {
        let (a, b) = (Signer::generate().unwrap(), Signer::generate().unwrap());
        let signature = a.sign(b"manifest");
        assert_eq!(a.public_key().check(b"manifest", &signature), Ok(()));
        assert_eq!(
            a.public_key().check(b"manifest!", &signature),
            Err(SignatureProblem::Mismatch)
        );
        assert!(matches!(
            b.public_key().check(b"manifest", &signature),
            Err(SignatureProblem::OtherKey(_))
        ));
        assert_eq!(
            a.public_key().check(b"manifest", b"not json"),
            Err(SignatureProblem::Unreadable)
        );
    }

    #[test]
    fn signing_is_deterministic() {
        let a = Signer::generate().unwrap();
        assert_eq!(a.sign(b"x"), a.sign(b"x"));
    }

    #[test]
    fn a_key_pair_round_trips_through_its_files_and_is_not_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("laman.key");
        let signer = Signer::generate().unwrap();
        signer.write_pair(&path).unwrap();
        let read = Signer::from_file(&path).unwrap();
        assert_eq!(read.public_key(), signer.public_key());
        let public = std::fs::read_to_string(tmp.path().join("laman.key.pub")).unwrap();
        assert_eq!(
            public.trim().parse::<PublicKey>().unwrap(),
            signer.public_key()
        );
        assert!(matches!(
            Signer::generate().unwrap().write_pair(&path),
            Err(KeyError::Exists(_))
        ));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "the secret key is private");
        }
    }

    #[test]
    fn keygen_writes_both_files_or_neither() {
        let tmp = tempfile::tempdir().unwrap();
        let listing = |dir: &Path| {
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        let key = tmp.path().join("laman.key");
        // The public half's name taken: by a file, by a link to nothing, by a folder.
        std::fs::write(tmp.path().join("laman.key.pub"), "mine\n").unwrap();
        let e = Signer::generate().unwrap().write_pair(&key).unwrap_err();
        assert!(
            matches!(&e, KeyError::Exists(p) if p.ends_with("laman.key.pub")),
            "{e}"
        );
        assert_eq!(listing(tmp.path()), ["laman.key.pub"]);
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("laman.key.pub")).unwrap(),
            "mine\n"
        );
        std::fs::remove_file(tmp.path().join("laman.key.pub")).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                tmp.path().join("nowhere"),
                tmp.path().join("laman.key.pub"),
            )
            .unwrap();
            assert!(matches!(
                Signer::generate().unwrap().write_pair(&key),
                Err(KeyError::Exists(_))
            ));
            assert_eq!(listing(tmp.path()), ["laman.key.pub"]);
            assert!(
                !tmp.path().join("nowhere").exists(),
                "the link is not followed"
            );
            std::fs::remove_file(tmp.path().join("laman.key.pub")).unwrap();
        }
        // The secret key's name taken: the public half is not written either.
        std::fs::create_dir(&key).unwrap();
        assert!(matches!(
            Signer::generate().unwrap().write_pair(&key),
            Err(KeyError::Exists(_))
        ));
        assert_eq!(listing(tmp.path()), ["laman.key"]);
        std::fs::remove_dir(&key).unwrap();
        // A folder that cannot be written: nothing, and no temporary file, is left.
        let missing = tmp.path().join("no-such-folder").join("laman.key");
        assert!(matches!(
            Signer::generate().unwrap().write_pair(&missing),
            Err(KeyError::Write { .. })
        ));
        assert!(listing(tmp.path()).is_empty());
        // Then a second run writes both.
        Signer::generate().unwrap().write_pair(&key).unwrap();
        assert_eq!(listing(tmp.path()), ["laman.key", "laman.key.pub"]);
    }

    #[test]
    fn what_is_not_a_key_is_refused_without_showing_it() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("k");
        std::fs::write(&path, "secret-ish text").unwrap();
        let e = Signer::from_file(&path).unwrap_err().to_string();
        assert!(e.contains("not an Ed25519 secret key") && !e.contains("secret-ish"));
        std::fs::write(&path, [0xff, 0xfe, 0]).unwrap();
        assert!(matches!(
            Signer::from_file(&path),
            Err(KeyError::NotAKey { .. })
        ));
        assert!(matches!(
            Signer::from_file(&tmp.path().join("none")),
            Err(KeyError::Read { .. })
        ));
        for bad in ["", "ed25519:", "ed25519:AAAA", "rsa:xyz", "ed25519:!!!"] {
            assert!(bad.parse::<PublicKey>().is_err(), "{bad}");
        }
        // A real key without its `ed25519:` prefix is refused with a message saying so.
        let key = Signer::generate().unwrap().public_key().to_string();
        let bare = key.strip_prefix(PREFIX).unwrap();
        let e = bare.parse::<PublicKey>().unwrap_err();
        assert!(matches!(e, KeyError::NoPrefix(_)), "{e}");
        assert!(e.to_string().contains(&key), "it shows the right form: {e}");
    }
}
