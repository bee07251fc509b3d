//! A table written row by row in either format: the trace writer calls the same typed cells
//! (`uint`, `float`, `text`, `boolean`) whatever the format, so its code is the one place
//! that lists a trace's columns and their types.

use std::fs::File;
use std::path::Path;

use super::Format;
use super::csvrow::CsvFile;
use super::parquet::ParquetFile;

/// A CSV or Parquet table being written.
pub enum RowFile {
    /// CSV ([`CsvFile`]).
    Csv(CsvFile),
    /// Parquet ([`ParquetFile`]).
    Parquet(Box<ParquetFile>),
}

macro_rules! cell {
    ($self:ident, $method:ident, $value:expr) => {
        match $self {
            RowFile::Csv(file) => file.$method($value),
            RowFile::Parquet(file) => file.$method($value),
        }
    };
}

impl RowFile {
    /// Creates (truncates) the file at `path` with these columns.
    pub fn create(path: &Path, header: &[&str], format: Format) -> std::io::Result<RowFile> {
        Ok(match format {
            Format::Csv => RowFile::Csv(CsvFile::create(path, header)?),
            Format::Parquet => RowFile::Parquet(Box::new(ParquetFile::create(path, header)?)),
        })
    }

    /// A text field.
    #[inline]
    pub fn text(&mut self, value: &str) {
        cell!(self, text, value)
    }

    /// A float field.
    #[inline]
    pub fn float(&mut self, value: f64) {
        cell!(self, float, value)
    }

    /// An unsigned integer field.
    #[inline]
    pub fn uint(&mut self, value: u64) {
        cell!(self, uint, value)
    }

    /// A boolean field.
    #[inline]
    pub fn boolean(&mut self, value: bool) {
        cell!(self, boolean, value)
    }

    /// Ends the row.
    #[inline]
    pub fn end_row(&mut self) -> std::io::Result<()> {
        match self {
            RowFile::Csv(file) => file.end_row(),
            RowFile::Parquet(file) => file.end_row(),
        }
    }

    /// Writes what is buffered (CSV); a Parquet file is only complete at
    /// [`RowFile::into_file`], so an abandoned one stays without its footer.
    pub fn flush(&mut self) -> std::io::Result<()> {
        match self {
            RowFile::Csv(file) => file.flush(),
            RowFile::Parquet(_) => Ok(()),
        }
    }

    /// Completes the file and returns it (not yet synced).
    pub fn into_file(self) -> std::io::Result<File> {
        match self {
            RowFile::Csv(file) => file.into_file(),
            RowFile::Parquet(file) => file.into_file(),
        }
    }
}
