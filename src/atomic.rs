//! Writing one whole file so that no reader ever sees half of it: the registry's
//! editor, the report and the importer replace files this way. (A build replaces a
//! whole folder instead: that is the `output` module's.)
//!
//! It writes only the file it is given, and the temporary file beside it.

use std::path::Path;

/// Writes a file by renaming a fully written temporary file (beside it, hidden) over it:
/// a reader sees the old file or the new one, never half of one; the file keeps its
/// permissions.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(
            ".{}.",
            path.file_name().unwrap_or_default().to_string_lossy()
        ))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match std::fs::metadata(path) {
        Ok(meta) => {
            let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
        }
        // A new file is readable by others, as one the editor saves would be (the
        // temporary file is created private).
        #[cfg(unix)]
        Err(_) => {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644));
        }
        #[cfg(not(unix))]
        Err(_) => {}
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
