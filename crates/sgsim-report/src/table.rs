//! A CSV table held as text, with its columns found by name.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::ReportError;

/// A CSV file: its header and its rows, as text.
#[derive(Clone, Debug)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// Rows, each as long as the header.
    pub rows: Vec<Vec<String>>,
    index: BTreeMap<String, usize>,
}

impl Table {
    /// Reads `path`, refusing rows of the wrong length.
    pub fn read(path: &Path) -> Result<Table, ReportError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_path(path)
            .map_err(|e| ReportError::io(path, e))?;
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| ReportError::io(path, e))?
            .iter()
            .map(str::to_string)
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| ReportError::io(path, e))?;
            rows.push(record.iter().map(str::to_string).collect());
        }
        Ok(Table::new(header, rows))
    }

    /// A table from its parts.
    pub fn new(header: Vec<String>, rows: Vec<Vec<String>>) -> Table {
        let index = header
            .iter()
            .enumerate()
            .map(|(i, h)| (h.clone(), i))
            .collect();
        Table {
            header,
            rows,
            index,
        }
    }

    /// The position of column `name`.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// Whether the table has column `name`.
    pub fn has(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    /// The cell of `row` in column `name`, if the column exists.
    pub fn get<'a>(&self, row: &'a [String], name: &str) -> Option<&'a str> {
        self.col(name).map(|i| row[i].as_str())
    }
}
