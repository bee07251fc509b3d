//! Writing the report's tables in the CSV dialect of sgsim's outputs (RFC 4180, UTF-8,
//! CRLF line ends, a header row), through a temporary file renamed into place.

use std::path::Path;

use crate::error::ReportError;

/// Writes `header` and `rows` to `path`.
pub fn write(path: &Path, header: &[String], rows: &[Vec<String>]) -> Result<(), ReportError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(header)
        .and_then(|_| rows.iter().try_for_each(|r| writer.write_record(r)))
        .map_err(|e| ReportError::io(path, e))?;
    let bytes = writer
        .into_inner()
        .map_err(|e| ReportError::io(path, e.to_string()))?;
    write_atomic(path, &bytes)
}

/// Writes `bytes` to a temporary file next to `path` and renames it to `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = std::path::PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(|e| ReportError::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| ReportError::io(path, e))
}

/// A header from string slices.
pub fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}
