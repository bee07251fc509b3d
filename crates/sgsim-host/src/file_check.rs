//! Checking a plugin file before the dynamic loader sees it.
//!
//! `dlopen` maps a shared object's segments straight from the file; a file cut short (a
//! half-finished copy, a build interrupted while linking) maps pages past its end, and the
//! first touch of one kills the process with SIGBUS before any error can be reported. So the
//! file is parsed first (with the `object` crate) and refused unless it is a shared object
//! for this machine whose every segment and section lies inside the file.

use std::path::Path;

use object::{Object, ObjectKind, ObjectSection, ObjectSegment, ObjectSymbol};

use crate::plugin::LoadError;

/// Refuses `bytes` (the contents of `path`) unless it is a complete shared library for this
/// machine.
pub fn check_shared_object(path: &Path, bytes: &[u8]) -> Result<(), LoadError> {
    let damaged = |reason: String| LoadError::Damaged {
        path: path.to_owned(),
        size: bytes.len() as u64,
        reason,
    };
    let file = match object::File::parse(bytes) {
        Ok(file) => file,
        Err(error) => {
            return Err(if has_object_magic(bytes) {
                damaged(format!("its headers cannot be read ({error})"))
            } else {
                LoadError::NotALibrary {
                    path: path.to_owned(),
                    message: "the file is not a shared library (it has no ELF, Mach-O or PE \
                              header)"
                        .to_owned(),
                }
            });
        }
    };
    if file.kind() != ObjectKind::Dynamic {
        return Err(LoadError::NotALibrary {
            path: path.to_owned(),
            message: format!(
                "the file is a {:?} object, not a shared library; build the plugin crate with \
                 crate-type = [\"cdylib\"] (C: compile with -shared -fPIC)",
                file.kind()
            ),
        });
    }
    if let Some(host) = host_architecture()
        && file.architecture() != host
    {
        return Err(LoadError::NotALibrary {
            path: path.to_owned(),
            message: format!(
                "it was built for {:?}, but this sgsim runs on {:?}; build the plugin on (or \
                 for) this machine",
                file.architecture(),
                host
            ),
        });
    }
    let len = bytes.len() as u64;
    let mut needed = 0u64;
    for segment in file.segments() {
        let (offset, size) = segment.file_range();
        needed = needed.max(offset.saturating_add(size));
    }
    for section in file.sections() {
        if let Some((offset, size)) = section.file_range() {
            needed = needed.max(offset.saturating_add(size));
        }
    }
    if needed > len {
        return Err(damaged(format!(
            "its headers describe {needed} bytes of code and data"
        )));
    }
    Ok(())
}

/// A hint for a missing export: names the symbols that look like `symbol` but are not it
/// (a C++-mangled definition, say), or says how each kind of plugin exports it.
pub fn missing_symbol_hint(bytes: &[u8], symbol: &str) -> String {
    let near: Vec<String> = object::File::parse(bytes)
        .map(|file| {
            let mut names: Vec<String> = file
                .dynamic_symbols()
                .chain(file.symbols())
                .filter_map(|s| s.name().ok().map(str::to_owned))
                .filter(|name| name != symbol && name.contains(symbol))
                .collect();
            names.sort();
            names.dedup();
            names
        })
        .unwrap_or_default();
    if let Some(first) = near.first() {
        return format!(
            "it defines `{first}` instead, a C++-mangled or decorated name: declare the \
             function inside extern \"C\" (including sgsim_abi.h does this for its \
             declarations) so that it is exported as plain `{symbol}`"
        );
    }
    format!(
        "a Rust plugin exports it with `sgsim_sdk::export_plugin!` in a crate of type \
         \"cdylib\"; a C or C++ plugin must define `{symbol}` as a non-static function with \
         default visibility (under -fvisibility=hidden, mark it \
         __attribute__((visibility(\"default\")))), and C++ inside extern \"C\""
    )
}

fn has_object_magic(bytes: &[u8]) -> bool {
    const MAGICS: [&[u8]; 6] = [
        b"\x7fELF",
        b"MZ",
        &[0xcf, 0xfa, 0xed, 0xfe],
        &[0xce, 0xfa, 0xed, 0xfe],
        &[0xca, 0xfe, 0xba, 0xbe],
        &[0xfe, 0xed, 0xfa, 0xcf],
    ];
    MAGICS.iter().any(|magic| bytes.starts_with(magic))
}

fn host_architecture() -> Option<object::Architecture> {
    match std::env::consts::ARCH {
        "x86_64" => Some(object::Architecture::X86_64),
        "aarch64" => Some(object::Architecture::Aarch64),
        "riscv64" => Some(object::Architecture::Riscv64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_not_a_library_and_a_cut_elf_header_is_damaged() {
        let path = Path::new("libpolicy_x.so");
        let err = check_shared_object(path, b"hello").unwrap_err();
        assert!(matches!(err, LoadError::NotALibrary { .. }), "{err:?}");
        let err = check_shared_object(path, b"\x7fELF\x02\x01\x01").unwrap_err();
        assert!(matches!(err, LoadError::Damaged { size: 7, .. }), "{err:?}");
        assert!(err.to_string().contains("truncated or damaged"), "{err}");
    }

    #[test]
    fn the_hint_names_a_mangled_definition_or_says_how_to_export() {
        let hint = missing_symbol_hint(b"not an object", "sgsim_abi_version");
        assert!(hint.contains("export_plugin!"), "{hint}");
        assert!(hint.contains("extern \"C\""), "{hint}");
    }
}
