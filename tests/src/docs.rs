//! Generated blocks in the documentation: text between `<!-- generated:NAME begin -->` and
//! `<!-- generated:NAME end -->` that a test computes (usually by running `sgsim` with the
//! command the doc shows) and compares with the committed text.
//!
//! With `SGSIM_BLESS=1` in the environment the test rewrites the block instead of failing,
//! so that one command, [`BLESS_COMMAND`], refreshes every generated block in docs/.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use crate::workspace_root;

/// The one command that refreshes every generated block of the documentation.
pub const BLESS_COMMAND: &str = "SGSIM_BLESS=1 cargo test --workspace --release";

/// The marker that opens the block `name`, on a line of its own.
pub fn begin_marker(name: &str) -> String {
    format!("<!-- generated:{name} begin -->\n")
}

/// The marker that closes the block `name`.
pub fn end_marker(name: &str) -> String {
    format!("<!-- generated:{name} end -->")
}

/// Whether `SGSIM_BLESS` asks the tests to rewrite the blocks rather than compare them.
pub fn blessing() -> bool {
    std::env::var_os("SGSIM_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// One lock per doc file, so that tests running in parallel never interleave their
/// read-compare-rewrite of the same file.
fn lock_for(doc: &str) -> Arc<Mutex<()>> {
    static LOCKS: OnceLock<Mutex<HashMap<String, Arc<Mutex<()>>>>> = OnceLock::new();
    let mut locks = LOCKS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    locks.entry(doc.to_owned()).or_default().clone()
}

/// Compares the block `name` of `doc` (a path relative to the workspace root, such as
/// `"docs/OUTPUT.md"`) with `body`; with `SGSIM_BLESS=1`, rewrites the block with `body`
/// instead. `body` is everything between the line of the begin marker and the end marker,
/// so it normally ends with a newline.
///
/// # Panics
///
/// When the doc or the block is missing, the block appears twice, or (without
/// `SGSIM_BLESS`) the committed text differs from `body`; the message names the doc, the
/// block, the first line that differs and the command that refreshes every block.
pub fn check_block(doc: &str, name: &str, body: &str) {
    let lock = lock_for(doc);
    let _guard = lock.lock().unwrap_or_else(|e| e.into_inner());
    let path = workspace_root().join(doc);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {doc}: {e} (looked in {})", path.display()));
    let (begin, end) = (begin_marker(name), end_marker(name));
    let Some(found) = text.find(&begin) else {
        panic!(
            "{doc} has no generated block `{name}`: add the line `{}` and, after the text, `{end}`; \
             then run {BLESS_COMMAND}",
            begin.trim_end()
        );
    };
    let start = found + begin.len();
    assert!(
        !text[start..].contains(&begin),
        "{doc} has the generated block `{name}` twice"
    );
    let stop = start
        + text[start..]
            .find(&end)
            .unwrap_or_else(|| panic!("{doc}: generated block `{name}` has no `{end}`"));
    let committed = &text[start..stop];
    if committed == body {
        return;
    }
    if blessing() {
        // Through a temporary file and a rename, so that a test reading the doc meanwhile
        // sees it whole, before or after.
        let updated = format!("{}{body}{}", &text[..start], &text[stop..]);
        let temporary = path.with_extension("md.blessing");
        std::fs::write(&temporary, updated)
            .and_then(|()| std::fs::rename(&temporary, &path))
            .unwrap_or_else(|e| panic!("cannot write {doc}: {e}"));
        eprintln!("blessed {doc}: generated block `{name}`");
        return;
    }
    let line_of_block = text[..start].lines().count() + 1;
    let first_difference = committed
        .lines()
        .zip(body.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| committed.lines().count().min(body.lines().count()));
    panic!(
        "{doc}: generated block `{name}` (from line {line_of_block}) is out of date: its line {} \
         differs from what its command now gives.\n\
         committed: {:?}\n\
         generated: {:?}\n\
         Refresh every generated block in docs/ with\n    {BLESS_COMMAND}\n\
         and review the diff.\n\
         --- committed ---\n{committed}--- generated ---\n{body}---",
        line_of_block + first_difference,
        committed
            .lines()
            .nth(first_difference)
            .unwrap_or("(end of block)"),
        body.lines()
            .nth(first_difference)
            .unwrap_or("(end of block)"),
    );
}

/// A generated block found in a doc: its name and the lines (from 1) of its two markers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The block's name.
    pub name: String,
    /// Line of `<!-- generated:NAME begin -->`.
    pub begin_line: usize,
    /// Line of `<!-- generated:NAME end -->`.
    pub end_line: usize,
}

/// Every generated block of `text`, in order.
///
/// # Panics
///
/// When a block is not closed, closed without being opened, or nested in another.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for (i, line) in text.lines().enumerate() {
        let Some(rest) = line.trim().strip_prefix("<!-- generated:") else {
            continue;
        };
        let rest = rest.trim_end_matches("-->").trim();
        if let Some(name) = rest.strip_suffix(" begin") {
            if let Some((outer, at)) = &open {
                panic!(
                    "line {}: block `{name}` opens inside `{outer}` (opened line {at})",
                    i + 1
                );
            }
            open = Some((name.to_owned(), i + 1));
        } else if let Some(name) = rest.strip_suffix(" end") {
            match open.take() {
                Some((opened, at)) if opened == name => found.push(Block {
                    name: opened,
                    begin_line: at,
                    end_line: i + 1,
                }),
                other => panic!("line {}: `{name}` closes {other:?}", i + 1),
            }
        }
    }
    if let Some((name, at)) = open {
        panic!("block `{name}` opened line {at} is never closed");
    }
    found
}

/// `text` in a fenced code block of language `lang`, ending with a newline.
pub fn fenced(lang: &str, text: &str) -> String {
    let mut body = format!("```{lang}\n{text}");
    if !body.ends_with('\n') {
        body.push('\n');
    }
    body.push_str("```\n");
    body
}

/// The lines of a CSV file as written (CRLF line ends removed): the header first.
pub fn csv_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
        .lines()
        .map(|l| l.trim_end_matches('\r').to_owned())
        .collect()
}

/// A CSV file's rows as written (without the header), with their fields split: enough for
/// sgsim's traces, whose fields hold no commas.
pub struct Table {
    /// The header line.
    pub header: String,
    /// Column names.
    pub columns: Vec<String>,
    /// Each row: the line as written and its fields.
    pub rows: Vec<(String, Vec<String>)>,
}

impl Table {
    /// Reads `path`.
    pub fn read(path: &Path) -> Self {
        let mut lines = csv_lines(path).into_iter();
        let header = lines.next().expect("a header row");
        let columns = header.split(',').map(str::to_owned).collect();
        let rows = lines
            .map(|line| {
                let fields = line.split(',').map(str::to_owned).collect();
                (line, fields)
            })
            .collect();
        Table {
            header,
            columns,
            rows,
        }
    }

    /// The position of column `name`.
    pub fn col(&self, name: &str) -> usize {
        self.columns
            .iter()
            .position(|c| c == name)
            .unwrap_or_else(|| panic!("no column {name} in {}", self.header))
    }

    /// The value of column `name` in `row`.
    pub fn get<'a>(&self, row: &'a [String], name: &str) -> &'a str {
        &row[self.col(name)]
    }

    /// The lines of the rows for which `keep` holds, in file order.
    pub fn lines_where(&self, keep: impl Fn(&[String]) -> bool) -> Vec<String> {
        self.rows
            .iter()
            .filter(|(_, fields)| keep(fields))
            .map(|(line, _)| line.clone())
            .collect()
    }

    /// The first `n` lines of the rows for which `keep` holds.
    pub fn first_where(&self, n: usize, keep: impl Fn(&[String]) -> bool) -> Vec<String> {
        let mut lines = self.lines_where(keep);
        lines.truncate(n);
        lines
    }
}
