//! One CSV file written row by row into a reused byte buffer, with exactly the bytes the
//! `csv` crate's writer gives for sgsim's settings (`,` between fields, CRLF after each row,
//! `QuoteStyle::Necessary` with doubled quotes): a field is quoted when it contains `,`, `"`,
//! `\r` or `\n`, and a quote inside it is doubled; nothing else is ever quoted (every record
//! here has more than one field, so the `csv` crate's special case of a record made of one
//! empty field does not arise). Numbers are formatted by [`super::csvfmt`].
//!
//! The buffer goes to the file when it holds [`FLUSH_AT`] bytes, so memory does not grow with
//! the number of rows, and no row allocates.

use std::fs::File;
use std::io::Write as _;
use std::path::Path;

use super::csvfmt;

/// Bytes buffered before they are written to the file.
const FLUSH_AT: usize = 1 << 16;

/// A CSV file being written.
pub struct CsvFile {
    file: File,
    buf: Vec<u8>,
    /// Whether the next field starts a row (no `,` before it).
    row_start: bool,
}

impl CsvFile {
    /// Creates (truncates) the file at `path` and writes the header row.
    pub fn create(path: &Path, header: &[&str]) -> std::io::Result<CsvFile> {
        let mut csv = CsvFile {
            file: File::create(path)?,
            buf: Vec::with_capacity(FLUSH_AT + 4096),
            row_start: true,
        };
        for name in header {
            csv.text(name);
        }
        csv.end_row()?;
        Ok(csv)
    }

    fn separate(&mut self) {
        if !self.row_start {
            self.buf.push(b',');
        }
        self.row_start = false;
    }

    /// A text field, quoted if it needs to be.
    pub fn text(&mut self, field: &str) {
        self.separate();
        push_text(&mut self.buf, field.as_bytes());
    }

    /// A float field with six decimals ([`csvfmt::float`]).
    pub fn float(&mut self, value: f64) {
        self.separate();
        csvfmt::push_float(&mut self.buf, value);
    }

    /// An unsigned integer field.
    pub fn uint(&mut self, value: u64) {
        self.separate();
        csvfmt::push_uint(&mut self.buf, value);
    }

    /// A signed integer field.
    pub fn int(&mut self, value: i64) {
        self.separate();
        csvfmt::push_int(&mut self.buf, value);
    }

    /// Several fields at once, already formatted: `fields` is fields made by [`push_text`]
    /// and the `csvfmt::push_*` functions, joined by `,` (no `,` at either end). For a run of
    /// fields that many rows repeat.
    pub fn formatted(&mut self, fields: &[u8]) {
        self.separate();
        self.buf.extend_from_slice(fields);
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, value: bool) {
        self.text(csvfmt::boolean(value));
    }

    /// Ends the row; writes the buffer to the file once it is large.
    pub fn end_row(&mut self) -> std::io::Result<()> {
        self.buf.extend_from_slice(b"\r\n");
        self.row_start = true;
        if self.buf.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes everything buffered to the file.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.file.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }

    /// Flushes and returns the file.
    pub fn into_file(mut self) -> std::io::Result<File> {
        self.flush()?;
        Ok(self.file)
    }
}

/// Appends `field` as the `csv` crate would: verbatim, or in quotes with `"` doubled when it
/// contains `,`, `"`, `\r` or `\n`.
pub fn push_text(buf: &mut Vec<u8>, field: &[u8]) {
    let special = |b: &u8| matches!(b, b',' | b'"' | b'\r' | b'\n');
    if !field.iter().any(special) {
        buf.extend_from_slice(field);
        return;
    }
    buf.push(b'"');
    for &byte in field {
        if byte == b'"' {
            buf.push(b'"');
        }
        buf.push(byte);
    }
    buf.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes the `csv` crate writes for `records`, with the settings the traces used.
    fn with_csv_crate(records: &[Vec<&str>]) -> Vec<u8> {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        for record in records {
            writer.write_record(record).unwrap();
        }
        writer.into_inner().unwrap()
    }

    #[test]
    fn text_fields_are_quoted_exactly_as_the_csv_crate_does() {
        let records = vec![
            vec!["tick", "date", "detail", "more"],
            vec!["1", "2024-01-01", "plain;a=b", "x"],
            vec!["2", "", "a,b", ""],
            vec!["3", "say \"no\"", "\"", ""],
            vec!["4", "line\nbreak", "carriage\rreturn", "crlf\r\n"],
            vec!["5", "tab\there", "semi;colon=1", "#hash"],
            vec!["'q'", " spaced ", "ünïcode, with comma", "\\backslash \"\""],
        ];
        let dir = std::env::temp_dir().join(format!("sgsim-csvrow-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.csv");
        let mut csv = CsvFile::create(&path, &records[0]).unwrap();
        for record in &records[1..] {
            for field in record {
                csv.text(field);
            }
            csv.end_row().unwrap();
        }
        drop(csv.into_file().unwrap());
        let written = std::fs::read(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&written),
            String::from_utf8_lossy(&with_csv_crate(&records))
        );
    }

    #[test]
    fn numbers_use_the_shared_formats() {
        let mut buf = Vec::new();
        push_text(&mut buf, b"x");
        assert_eq!(buf, b"x");
        let dir = std::env::temp_dir().join(format!("sgsim-csvrow-n-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("n.csv");
        let mut csv = CsvFile::create(&path, &["a", "b", "c", "d"]).unwrap();
        csv.uint(208);
        csv.float(-1e-9);
        csv.float(0.1234565);
        csv.boolean(true);
        csv.end_row().unwrap();
        let mut prefix = Vec::new();
        csvfmt::push_int(&mut prefix, -3);
        prefix.push(b',');
        push_text(&mut prefix, b"a,b");
        csv.formatted(&prefix);
        csv.text("x");
        csv.formatted(&prefix);
        csv.int(i64::MIN);
        csv.end_row().unwrap();
        drop(csv.into_file().unwrap());
        let written = std::fs::read(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&written),
            "a,b,c,d\r\n208,0.000000,0.123456,true\r\n\
             -3,\"a,b\",x,-3,\"a,b\",-9223372036854775808\r\n"
        );
    }
}
