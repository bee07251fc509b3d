//! A TOML file held as text: command-line overrides applied to it, typed deserialisation
//! with the key path and position of the first error, and span lookup for later checks.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use toml_edit::{DocumentMut, Item, Value};

use super::error::ConfigError;

/// One `--set key.path=value` override.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    /// Dotted key path.
    pub key: String,
    /// The value as typed.
    pub value: String,
    /// Where the override comes from, for error messages; `None` means `--set`.
    pub origin: Option<String>,
}

impl Override {
    /// Parses `key.path=value`.
    pub fn parse(text: &str) -> Result<Override, String> {
        let (key, value) = text
            .split_once('=')
            .ok_or_else(|| format!("--set {text}: expected KEY=VALUE, for example --set model.fatigue.cost_sensitivity=1.5"))?;
        let key = key.trim();
        if key.is_empty() || key.split('.').any(str::is_empty) {
            return Err(format!(
                "--set {text}: the key path `{key}` is empty or has an empty part"
            ));
        }
        Ok(Override::new(key, value.trim()))
    }

    /// An override from the command line.
    pub fn new(key: &str, value: &str) -> Override {
        Override {
            key: key.to_owned(),
            value: value.to_owned(),
            origin: None,
        }
    }

    /// What to say about where the value came from.
    pub fn describe(&self) -> String {
        match &self.origin {
            Some(origin) => format!("value set by {origin}"),
            None => format!(
                "value set on the command line: --set {}={}",
                self.key, self.value
            ),
        }
    }
}

/// A TOML file's text (after overrides) and where it came from.
#[derive(Clone, Debug)]
pub struct Document {
    /// The file.
    pub path: PathBuf,
    /// Its text with the overrides applied.
    pub text: String,
    /// The overrides applied.
    pub overrides: Vec<Override>,
    /// The file as written, before the overrides: error positions refer to it, so that a
    /// line and column always point into the file the user has.
    source: toml_edit::Document<String>,
}

impl Document {
    /// Reads `path` and applies `overrides` (each must set a scalar).
    pub fn load(path: &Path, overrides: &[Override]) -> Result<Document, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError::file(path, format!("cannot read the file: {e}")))?;
        Document::from_text(path, text, overrides)
    }

    /// As [`Document::load`], from text already read.
    pub fn from_text(
        path: &Path,
        text: String,
        overrides: &[Override],
    ) -> Result<Document, ConfigError> {
        let source = toml_edit::Document::parse(text.clone()).map_err(|e| {
            ConfigError::at(
                path,
                &text,
                e.span(),
                None,
                format!("invalid TOML: {}", e.message().trim()),
            )
        })?;
        let text = if overrides.is_empty() {
            text
        } else {
            let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
                ConfigError::at(
                    path,
                    &text,
                    e.span(),
                    None,
                    format!("invalid TOML: {}", e.message().trim()),
                )
            })?;
            for item in overrides {
                apply(&mut doc, item).map_err(|message| ConfigError {
                    file: path.to_owned(),
                    line: None,
                    column: None,
                    key: Some(item.key.clone()),
                    message: format!("--set {}={}: {message}", item.key, item.value),
                })?;
            }
            doc.to_string()
        };
        Ok(Document {
            path: path.to_owned(),
            text,
            overrides: overrides.to_vec(),
            source,
        })
    }

    /// Deserialises the whole document; the first error names its key path and position.
    pub fn deserialize<T: DeserializeOwned>(&self) -> Result<T, ConfigError> {
        let deserializer =
            toml::Deserializer::parse(&self.text).map_err(|e| self.toml_error(&e, None))?;
        serde_path_to_error::deserialize(deserializer).map_err(|e| {
            let key = e.path().to_string();
            let key = (key != "." && !key.is_empty()).then_some(key);
            self.toml_error(e.inner(), key)
        })
    }

    fn toml_error(&self, error: &toml::de::Error, key: Option<String>) -> ConfigError {
        let mut message = error.message().trim().to_owned();
        let overridden = key
            .as_deref()
            .and_then(|key| self.overrides.iter().find(|o| key_matches(key, &o.key)));
        if let Some(item) = overridden {
            message.push_str(&format!(" ({})", item.describe()));
        }
        let span = if overridden.is_some() {
            // The value is not in the file: its place is the override, named above.
            None
        } else if self.overrides.is_empty() {
            error
                .span()
                .or_else(|| key.as_deref().and_then(|k| self.span_of(k)))
        } else {
            // The error's own span is in the text with the overrides applied; find the key
            // in the file as written instead.
            key.as_deref().and_then(|k| self.span_of(k))
        };
        ConfigError::at(&self.path, self.source.raw(), span, key, message)
    }

    /// An error at a key path; the position is the key's value if the file has it (and no
    /// override set it: then the message names the override instead).
    pub fn error_at(&self, key: &str, message: impl Into<String>) -> ConfigError {
        let mut message = message.into();
        let overridden = self.overrides.iter().find(|o| key_matches(key, &o.key));
        if let Some(item) = overridden {
            message.push_str(&format!(" ({})", item.describe()));
        }
        let span = if overridden.is_some() {
            None
        } else {
            self.span_of(key)
        };
        ConfigError::at(
            &self.path,
            self.source.raw(),
            span,
            Some(key.to_owned()),
            message,
        )
    }

    /// Byte span of the value at a dotted key path (`units[2].owner` or `units.2.owner`):
    /// the deepest part of the path the file has.
    pub fn span_of(&self, key: &str) -> Option<Range<usize>> {
        self.span_of_parts(&split_key(key))
    }

    /// An error at a key given as its parts (for keys that contain dots themselves, such as
    /// a sweep's `factors."model.battle.fog"`); `shown` is the key path printed.
    pub fn error_at_parts(
        &self,
        parts: &[&str],
        shown: &str,
        message: impl Into<String>,
    ) -> ConfigError {
        ConfigError::at(
            &self.path,
            self.source.raw(),
            self.span_of_parts(parts),
            Some(shown.to_owned()),
            message,
        )
    }

    /// Byte span, in the file as written, of the value at a key path given as its parts.
    pub fn span_of_parts(&self, parts: &[&str]) -> Option<Range<usize>> {
        let mut node = Node::Table(self.source.as_table());
        let mut span = None;
        for &part in parts {
            let index = part.parse::<usize>().ok();
            node = match (node, index) {
                (Node::Item(Item::ArrayOfTables(array)), Some(index)) => {
                    let table = array.get(index)?;
                    span = table.span().or(span);
                    Node::Table(table)
                }
                (Node::Item(Item::Value(Value::Array(array))), Some(index)) => {
                    return array.get(index).and_then(Value::span).or(span);
                }
                (Node::Table(table) | Node::Item(Item::Table(table)), _) => {
                    let Some((key, child)) = table.get_key_value(part) else {
                        return span;
                    };
                    span = child.span().or_else(|| key.span()).or(span);
                    Node::Item(child)
                }
                (Node::Item(Item::Value(Value::InlineTable(table))), _) => {
                    let Some((key, child)) = table.get_key_value(part) else {
                        return span;
                    };
                    span = child.span().or_else(|| key.span()).or(span);
                    Node::Item(child)
                }
                _ => return span,
            };
        }
        span
    }
}

/// Where a span lookup stands.
#[derive(Clone, Copy)]
enum Node<'a> {
    Table(&'a toml_edit::Table),
    Item(&'a Item),
}

fn split_key(key: &str) -> Vec<&str> {
    key.split(['.', '[', ']'])
        .filter(|part| !part.is_empty())
        .collect()
}

/// Whether an error at `error_key` concerns the override of `set_key`.
fn key_matches(error_key: &str, set_key: &str) -> bool {
    let error_parts = split_key(error_key);
    let set_parts = split_key(set_key);
    error_parts == set_parts
        || set_parts.starts_with(&error_parts)
        || error_parts.starts_with(&set_parts)
}

/// Sets one scalar, creating intermediate tables as needed.
fn apply(doc: &mut DocumentMut, item: &Override) -> Result<(), String> {
    let value: Value = item
        .value
        .parse::<Value>()
        .ok()
        .filter(|v| !matches!(v, Value::Array(_) | Value::InlineTable(_)))
        .unwrap_or_else(|| Value::from(item.value.as_str()));
    let parts: Vec<&str> = item.key.split('.').collect();
    set_in_table(doc.as_table_mut(), &parts, 0, value)
}

const SCALARS_ONLY: &str = "only scalar values (numbers, strings, booleans, dates) can be set";

/// Sets `parts[depth..]` under a `[table]`, creating tables as needed.
fn set_in_table(
    table: &mut toml_edit::Table,
    parts: &[&str],
    depth: usize,
    value: Value,
) -> Result<(), String> {
    let part = parts[depth];
    if depth + 1 == parts.len() {
        return match table.get(part) {
            Some(
                Item::Table(_)
                | Item::ArrayOfTables(_)
                | Item::Value(Value::Array(_) | Value::InlineTable(_)),
            ) => Err(SCALARS_ONLY.to_owned()),
            _ => {
                table.insert(part, Item::Value(value));
                Ok(())
            }
        };
    }
    match table
        .entry(part)
        .or_insert_with(|| Item::Table(toml_edit::Table::new()))
    {
        Item::Table(child) => set_in_table(child, parts, depth + 1, value),
        Item::Value(Value::InlineTable(child)) => set_in_inline(child, parts, depth + 1, value),
        _ => Err(format!("`{}` is not a table", parts[..=depth].join("."))),
    }
}

/// Sets `parts[depth..]` under an inline table (`params = { ... }`), creating inline tables
/// as needed.
fn set_in_inline(
    table: &mut toml_edit::InlineTable,
    parts: &[&str],
    depth: usize,
    value: Value,
) -> Result<(), String> {
    let part = parts[depth];
    if depth + 1 == parts.len() {
        return match table.get(part) {
            Some(Value::Array(_) | Value::InlineTable(_)) => Err(SCALARS_ONLY.to_owned()),
            _ => {
                table.insert(part, value);
                Ok(())
            }
        };
    }
    match table
        .entry(part)
        .or_insert_with(|| Value::InlineTable(toml_edit::InlineTable::new()))
    {
        Value::InlineTable(child) => set_in_inline(child, parts, depth + 1, value),
        _ => Err(format!("`{}` is not a table", parts[..=depth].join("."))),
    }
}
