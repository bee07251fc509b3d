//! The format of a run's or sweep's tables: CSV (the default) or Parquet.

/// The format of the traces, the summary, `runs` and `ensemble` (`--format`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// CSV, as described in docs/OUTPUT.md.
    #[default]
    Csv,
    /// Parquet with zstd ([`super::parquet`]).
    Parquet,
}

impl Format {
    /// `csv` or `parquet`: the value of `--format` and of `format` in a manifest.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Parquet => "parquet",
        }
    }

    /// From [`Format::name`].
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "csv" => Some(Format::Csv),
            "parquet" => Some(Format::Parquet),
            _ => None,
        }
    }

    /// The file name of a table in this format, from its CSV name: `war.csv` is
    /// `war.parquet` in Parquet.
    pub fn file(self, csv_name: &str) -> String {
        match self {
            Format::Csv => csv_name.to_owned(),
            Format::Parquet => {
                let stem = csv_name.strip_suffix(".csv").unwrap_or(csv_name);
                format!("{stem}.parquet")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_files() {
        for format in [Format::Csv, Format::Parquet] {
            assert_eq!(Format::from_name(format.name()), Some(format));
        }
        assert_eq!(Format::from_name("arrow"), None);
        assert_eq!(Format::Csv.file("war.csv"), "war.csv");
        assert_eq!(Format::Parquet.file("war.csv"), "war.parquet");
        assert_eq!(Format::Parquet.file("runs.csv"), "runs.parquet");
    }
}
