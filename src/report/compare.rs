//! `--previous`: an earlier JSON report read back and compared site by site: the score
//! change, who became stale, who recovered. Only a report of the same schema is read;
//! anything else is refused with a message that says what the file is not.

use super::model::{Pembanding, Perubahan, Report, SCHEMA};
use crate::error::{Error, Result};
use std::path::Path;

/// The largest previous report read: a regency's report is tens of KiB per site.
const MAX_BYTES: u64 = 64 << 20;

/// Reads an earlier report written by `laman report --format json`.
pub fn read(path: &Path) -> Result<Report> {
    let shown = path.display();
    let bytes = read_bounded(path, MAX_BYTES).map_err(Error::io(crate::msg!(
        "report-previous-unreadable",
        file = shown.to_string()
    )))?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
        Error::Usage(crate::msg!(
            "report-previous-json",
            file = shown.to_string(),
            reason = e.to_string()
        ))
    })?;
    match value.get("schema").and_then(serde_json::Value::as_u64) {
        Some(n) if n == u64::from(SCHEMA) => {}
        Some(n) => {
            return Err(Error::Usage(crate::msg!(
                "report-previous-schema",
                file = shown.to_string(),
                schema = n.to_string(),
                ours = SCHEMA.to_string()
            )))
        }
        None => {
            return Err(Error::Usage(crate::msg!(
                "report-previous-not-report",
                file = shown.to_string()
            )))
        }
    }
    serde_json::from_value(value).map_err(|e| {
        Error::Usage(crate::msg!(
            "report-previous-invalid",
            file = shown.to_string(),
            ours = SCHEMA.to_string(),
            reason = e.to_string()
        ))
    })
}

/// Reads at most `limit` bytes; a larger file is refused rather than read whole.
pub(super) fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {} MiB", limit >> 20),
        ));
    }
    Ok(bytes)
}

/// Fills each site's `perubahan` and the summary's lists from `previous`.
pub fn compare(report: &mut Report, previous: &Report) {
    report.pembanding = Some(Pembanding {
        tanggal: previous.tanggal.clone(),
    });
    let r = &mut report.ringkasan;
    r.skor_rata_sebelumnya = Some(previous.ringkasan.skor_rata);
    for site in &mut report.situs {
        let Some(score) = &site.skor else { continue };
        let before = previous.situs.iter().find(|s| s.label == site.label);
        let old = before.and_then(|s| s.skor.as_ref()).map(|s| s.total);
        let was_stale = before.and_then(|s| s.kesegaran.as_ref()).map(|k| k.basi);
        let stale = site.kesegaran.as_ref().is_some_and(|k| k.basi);
        let change = Perubahan {
            skor_sebelumnya: old,
            selisih: old.map(|o| i64::from(score.total) - i64::from(o)),
            baru_basi: stale && was_stale == Some(false),
            baru_pulih: !stale && was_stale == Some(true),
        };
        match change.selisih {
            Some(d) if d > 0 => r.makin_baik.push(site.label.clone()),
            Some(d) if d < 0 => r.makin_buruk.push(site.label.clone()),
            _ => {}
        }
        if change.baru_basi {
            r.baru_basi.push(site.label.clone());
        }
        if change.baru_pulih {
            r.baru_pulih.push(site.label.clone());
        }
        site.perubahan = Some(change);
    }
}
