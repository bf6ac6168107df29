//! What keeps the published sites honest: the manifest every build writes (what each
//! site must serve, byte for byte), its Ed25519 signature (made with [`crate::sign`]), `laman verify`, which compares
//! the live sites with it, and the gambling-spam guard, which stops spam at build time
//! and names it when `verify` finds it on a server.
//!
//! This module decides what is expected and what differs; it must not decide what is
//! published (that is the build's) nor print anything (that is the CLI's).

pub mod manifest;
pub mod seal;
pub mod spam;
pub mod verify;
