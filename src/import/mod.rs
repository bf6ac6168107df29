//! Bringing an existing site's content into laman: `laman import wordpress`.
//!
//! An importer writes only into `content/<label>/` of a site the registry knows, and
//! only content that then builds: what the build would refuse is listed, never written.

pub mod wordpress;
