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
pub const SIGNATURE_VERSION: u32 = 1;

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
    /// to `path.pub`; refuses to replace either.
    pub fn write_pair(&self, path: &Path) -> Result<(), KeyError> {
        let public = path.with_file_name(format!(
            "{}.pub",
            path.file_name().unwrap_or_default().to_string_lossy()
        ));
        let write = |p: &Path, error| KeyError::Write {
            path: p.display().to_string(),
            error,
        };
        let pem = self
            .key
            .to_pkcs8_pem(Default::default())
            .map_err(|_| write(path, std::io::ErrorKind::InvalidData.into()))?;
        create_new(path, pem.as_bytes(), 0o600)?;
        create_new(
            &public,
            format!("{}\n", self.public_key()).as_bytes(),
            0o644,
        )
    }
}

/// Creates `path` with `bytes`, failing if anything is there already.
fn create_new(path: &Path, bytes: &[u8], mode: u32) -> Result<(), KeyError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    #[cfg(not(unix))]
    let _ = mode;
    let shown = path.display().to_string();
    let mut file = options.open(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::AlreadyExists => KeyError::Exists(shown.clone()),
        _ => KeyError::Write {
            path: shown.clone(),
            error,
        },
    })?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|error| KeyError::Write { path: shown, error })
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
        let bad = || KeyError::BadPublicKey(crate::markdown::shown(text));
        let encoded = text.trim().strip_prefix(PREFIX).ok_or_else(bad)?;
        let bytes: [u8; 32] = BASE64
            .decode(encoded)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(bad)?;
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
            return Err(SignatureProblem::OtherKey(crate::markdown::shown(
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
    }
}
