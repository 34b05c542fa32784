//! What the last `build` into an output folder was made from and wrote, kept in the
//! site's `.paperpress/` folder, so that a build where nothing changed stops early and
//! writes nothing: what a cron job on a machine that keeps the site and its output finds
//! on most runs, and a writer who builds again to be sure.
//!
//! The inputs are fingerprinted by their bytes, not their modification times, which a
//! checkout sets anew: `site.toml`, everything below `content/`, `static/`, `templates/`
//! and `themes/` (but `.git` folders), the build's options, and the paperpress binary
//! itself (a new version may render the same input differently). The output is trusted
//! while every file the build wrote is still there with its size. Builds into one output
//! folder take turns (`lock`), so a record always belongs to the folder's last build.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use super::BuildOptions;
use crate::diagnostics::{Diagnostic, Kind};
use crate::fingerprint;
use crate::output::MARKER;

/// Where the site keeps what paperpress remembers between runs (fetch caches too).
pub const STATE_DIR: &str = ".paperpress";

/// The folders below the site's root that a build reads, besides `site.toml`.
const INPUT_DIRS: [&str; 4] = [crate::content::CONTENT_DIR, "static", "templates", "themes"];

#[derive(Serialize, Deserialize)]
pub struct Manifest {
    /// The fingerprint of every input, in hex.
    inputs: String,
    pub papers: usize,
    pub pages: usize,
    /// The build's warnings, to show again when a later build stops early.
    warnings: Vec<Warning>,
    /// Every file the build wrote below the output folder, with its size.
    files: Vec<(String, u64)>,
}

#[derive(Serialize, Deserialize)]
struct Warning {
    file: PathBuf,
    line: Option<usize>,
    message: String,
    kind: String,
}

impl Manifest {
    /// The record of a build from `inputs` that wrote `files` (with their sizes).
    pub fn new(
        inputs: &str,
        papers: usize,
        pages: usize,
        warnings: &[Diagnostic],
        files: Vec<(String, u64)>,
    ) -> Manifest {
        let warnings = warnings
            .iter()
            .map(|w| Warning {
                file: w.file.clone(),
                line: w.line,
                message: w.message.clone(),
                kind: w.kind.name().to_string(),
            })
            .collect();
        Manifest {
            inputs: inputs.to_string(),
            papers,
            pages,
            warnings,
            files,
        }
    }

    /// The last build's record for this output folder, if it was made from `inputs` and
    /// its output is still whole: every file there, with the size it was written with.
    pub fn unchanged(options: &BuildOptions, inputs: &str) -> Option<Manifest> {
        let text = fs::read_to_string(path(options)).ok()?;
        let manifest: Manifest = serde_json::from_str(&text).ok()?;
        let out = &options.output;
        let whole = manifest.inputs == inputs
            && !manifest.files.is_empty()
            && out.join(MARKER).is_file()
            && manifest.files.par_iter().all(|(file, size)| {
                fs::metadata(out.join(file)).is_ok_and(|m| m.is_file() && m.len() == *size)
            });
        whole.then_some(manifest)
    }

    /// Keeps the record for the next build, replacing the last one at once.
    pub fn save(&self, options: &BuildOptions) -> io::Result<()> {
        let path = path(options);
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let mut temp = tempfile::NamedTempFile::new_in(dir)?;
        io::Write::write_all(&mut temp, &serde_json::to_vec(self)?)?;
        temp.persist(&path).map(drop).map_err(|e| e.error)
    }

    /// Forgets the record: the output folder is about to change.
    pub fn forget(options: &BuildOptions) {
        let _ = fs::remove_file(path(options));
    }

    /// Waits until no other build into the same output folder runs, and keeps others
    /// waiting until the returned lock is dropped. Where the lock cannot be had (a site
    /// folder that cannot be written), there is no record to protect either.
    pub fn lock(options: &BuildOptions) -> Option<fs::File> {
        let path = path(options).with_extension("lock");
        fs::create_dir_all(path.parent()?).ok()?;
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .ok()?;
        lock_file(&file).then_some(file)
    }

    pub fn files(&self) -> usize {
        self.files.len()
    }

    pub fn warnings(&self) -> Vec<Diagnostic> {
        let warning = |w: &Warning| {
            let mut d = Diagnostic::new(&w.file, w.line, w.message.clone());
            d.kind = Kind::from_name(&w.kind).unwrap_or_default();
            d
        };
        self.warnings.iter().map(warning).collect()
    }
}

/// `.paperpress/builds/<output>.json`, one per output folder the site is built into,
/// however its path is written (`out`, `./x/../out`, through a link).
fn path(options: &BuildOptions) -> PathBuf {
    let name = format!("{:016x}.json", fingerprint::of(&output_folder(options)));
    options.root.join(STATE_DIR).join("builds").join(name)
}

/// The output folder's path with its parent's links and `..` resolved.
fn output_folder(options: &BuildOptions) -> PathBuf {
    let out = std::path::absolute(&options.output).unwrap_or_else(|_| options.output.clone());
    match (out.parent().map(fs::canonicalize), out.file_name()) {
        (Some(Ok(parent)), Some(name)) => parent.join(name),
        _ => out,
    }
}

#[cfg(unix)]
fn lock_file(file: &fs::File) -> bool {
    use std::os::fd::AsRawFd;
    // SAFETY: the descriptor is open for as long as `file` lives; flock only locks it.
    unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) == 0 }
}

#[cfg(not(unix))]
fn lock_file(_file: &fs::File) -> bool {
    true
}

/// A fingerprint of everything a build of `options` reads, or `None` where something
/// cannot be read (the build then runs, and says what).
pub fn inputs(options: &BuildOptions) -> Option<String> {
    let binary = std::env::current_exe().and_then(fs::metadata).ok()?;
    let stamp = (
        env!("CARGO_PKG_VERSION"),
        binary.len(),
        binary.modified().ok()?,
        &options.base_url,
        options.include_drafts,
        output_folder(options),
    );
    let root = &options.root;
    let mut files = vec![root.join(crate::config::CONFIG_FILE)];
    for dir in INPUT_DIRS {
        // Links are followed, as the loaders follow them; a theme kept in git has a
        // `.git` folder that no build reads.
        let walk = WalkDir::new(root.join(dir))
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.file_name() != ".git");
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => files.push(e.into_path()),
                // A folder that is not there is not read either.
                Err(e)
                    if e.io_error()
                        .is_some_and(|e| e.kind() == io::ErrorKind::NotFound) => {}
                Err(_) => return None,
            }
        }
    }
    let each: Option<Vec<u64>> = files
        .par_iter()
        .map(|f| {
            let rel = f.strip_prefix(root).unwrap_or(f);
            Some(fingerprint::of(&(rel, fingerprint::of_file(f).ok()?)))
        })
        .collect();
    let all = fingerprint::of(&(stamp, each?));
    Some(format!("{all:016x}"))
}
