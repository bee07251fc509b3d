//! `sgsim new-plugin NAME`: a ready-to-build policy plugin crate outside the workspace,
//! depending on the sgsim SDK by path, with a working policy for the chosen role, a unit
//! test through the SDK's harness, an example scenario and a README.

use std::path::{Path, PathBuf};

use sgsim_core::Role;

use crate::error::CliError;

/// What to generate.
#[derive(Clone, Debug)]
pub struct NewPlugin {
    /// Plugin and policy name (`[a-z][a-z0-9_]*`).
    pub name: String,
    /// The role of its policy.
    pub role: Role,
    /// Folder to create the crate in (as `policy-NAME`).
    pub dir: PathBuf,
    /// Path of the `sgsim-sdk` crate; default: the one this sgsim was built from.
    pub sdk: Option<PathBuf>,
}

const CARGO: &str = include_str!("../templates/plugin/Cargo.toml.tmpl");
const README: &str = include_str!("../templates/plugin/README.md.tmpl");
const SCENARIO: &str = include_str!("../templates/plugin/scenario.toml.tmpl");
const CAPITAL: &str = include_str!("../templates/plugin/lib_capital.rs.tmpl");
const KREMLIN: &str = include_str!("../templates/plugin/lib_kremlin.rs.tmpl");
const KYIV: &str = include_str!("../templates/plugin/lib_kyiv.rs.tmpl");
const COALITION: &str = include_str!("../templates/plugin/lib_coalition.rs.tmpl");

/// The sgsim checkout this binary was built from.
fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Writes the crate and returns its folder.
pub fn new_plugin(request: &NewPlugin) -> Result<PathBuf, CliError> {
    let name = &request.name;
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid {
        return Err(CliError::Usage(format!(
            "plugin name `{name}`: use lower-case letters, digits and `_`, starting with a letter"
        )));
    }
    let sdk = request
        .sdk
        .clone()
        .unwrap_or_else(|| source_root().join("crates/sgsim-sdk"));
    let sdk = sdk.canonicalize().map_err(|_| {
        CliError::Usage(format!(
            "the sgsim SDK is not at {}; pass --sdk PATH/TO/sgsim/crates/sgsim-sdk",
            sdk.display()
        ))
    })?;
    // The data folder of the same checkout as the SDK.
    let data = sdk.join("../../configs/data").canonicalize().map_err(|_| {
        CliError::Usage(format!(
            "the sgsim data folder is not at {}; pass --sdk pointing into a full sgsim checkout",
            sdk.join("../../configs/data").display()
        ))
    })?;
    let folder = request.dir.join(format!("policy-{name}"));
    if folder.exists() {
        return Err(CliError::Output(format!(
            "{} already exists; choose another name or --dir",
            folder.display()
        )));
    }
    let (lib, params, extra) = match request.role {
        Role::Capital => (CAPITAL, "share_of_budget = 0.05", ""),
        Role::Kremlin => (KREMLIN, "base_intensity = 0.6", ""),
        Role::Kyiv => (KYIV, "mobilisation = 0.5, accept_at_weariness = 0.7", ""),
        Role::Coalition => (
            COALITION,
            "readiness = 0.8",
            "\n# A unit for the policy to command.\n[[units]]\nname = \"POL-trainers\"\nowner = \"POL\"\nkind = \"trainers\"\ntroops = 300\nlocation = \"home\"\n",
        ),
        Role::Donor => {
            return Err(CliError::Usage(
                "no policy decides for a donor (the EU and the donors outside the alliance)"
                    .to_owned(),
            ));
        }
    };
    let type_name: String = name
        .split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
                .collect::<String>()
        })
        .collect();
    let sgsim =
        std::env::current_exe().map_or_else(|_| "sgsim".to_owned(), |p| p.display().to_string());
    let file = sgsim_host::plugin_file_name(name);
    let fill = |template: &str| {
        template
            .replace("{{NAME}}", name)
            .replace("{{TYPE}}", &type_name)
            .replace("{{ROLE}}", request.role.as_str())
            .replace("{{SDK_PATH}}", &sdk.display().to_string())
            .replace("{{DATA_DIR}}", &data.display().to_string())
            .replace("{{PARAMS}}", params)
            .replace("{{EXTRA}}", extra)
            .replace("{{SGSIM}}", &sgsim)
            .replace("{{FILE}}", &file)
    };
    let io =
        |e: std::io::Error| CliError::Output(format!("cannot write {}: {e}", folder.display()));
    std::fs::create_dir_all(folder.join("src")).map_err(io)?;
    for (path, template) in [
        ("Cargo.toml", CARGO),
        ("README.md", README),
        ("scenario.toml", SCENARIO),
        ("src/lib.rs", lib),
    ] {
        std::fs::write(folder.join(path), fill(template)).map_err(io)?;
    }
    Ok(folder)
}
