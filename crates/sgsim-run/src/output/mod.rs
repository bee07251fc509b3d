//! Writing a run's folder: the traces (CSV, or Parquet with `--format parquet`), the summary, the resolved scenario and the
//! manifest. Traces are written to `*.partial` files as the run goes and renamed only when
//! it completes, so a failed or killed run never leaves files that look complete.

pub mod csvfmt;
mod csvrow;
mod decisions;
mod fixed6;
mod folder;
mod format;
mod lock;
pub mod manifest;
pub mod parquet;
mod rowfile;
mod summary;
mod traces;

pub use decisions::{DECISIONS_HEADER, DecisionWriter};
pub use fixed6::push_fixed6;
pub use folder::{
    OUTPUT_FILES, PARQUET_FILES, claim_run_folder, commit_csv, commit_file, manifest_has,
    manifest_status, prepare_folder, write_atomic,
};
pub use format::Format;
pub use lock::{FolderLock, LOCK_FILE, Liveness, liveness, lock_folder, running_status};
pub use manifest::{Manifest, ManifestPlugin, RunStatus, now};
pub use summary::{SUMMARY_HEADER, summary_record, write_summary};
pub use traces::{
    AID_HEADER, ActorTable, BELIEFS_HEADER, EVENTS_HEADER, POSTURE_HEADER, RESOLVE_HEADER,
    RowCounts, TraceWriter, WAR_HEADER,
};
