//! Publishing a build. A whole build is written into a temporary folder beside the
//! output folder as its pages are rendered, and swapped in only when all of it
//! succeeded (`Staging`), so a failed build leaves the previous output exactly as it
//! was. A rebuild of `watch` or `serve` updates the folder in place (`update`).
//!
//! The output folder is replaced whole, except for its top-level dotfiles (`.git` of a
//! deploy checkout, a `.gitignore`), which are carried over. A folder that holds other
//! files and was not made by paperpress is never replaced: it may be the user's own.

mod staging;

pub use staging::{Staging, publish};

use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::render::RenderedPage;
use crate::render::theme::StaticFile;

/// Marks a folder as paperpress output, so a later build may replace it.
pub const MARKER: &str = ".paperpress-output";

/// Whether `out_dir` may be replaced by a build: it is missing, empty, or paperpress's.
pub fn check_replaceable(out_dir: &Path) -> Result<(), Vec<Diagnostic>> {
    let refuse = |what: &str| {
        Err(vec![Diagnostic::new(
            out_dir,
            None,
            format!("{what}, and a build replaces the output folder; choose another --output"),
        )])
    };
    match fs::symlink_metadata(out_dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()), // nothing to protect
        Err(e) => return refuse(&format!("cannot be inspected ({e})")),
        Ok(m) if m.file_type().is_symlink() => return refuse("is a symbolic link"),
        Ok(m) if !m.is_dir() => return refuse("is a file, not a folder"),
        Ok(_) => {}
    }
    let entries = match fs::read_dir(out_dir) {
        Ok(entries) => entries,
        Err(e) => return refuse(&format!("cannot be read ({e})")),
    };
    if out_dir.join(MARKER).exists() {
        return Ok(());
    }
    let has_user_files = entries
        .flatten()
        .any(|e| !e.file_name().to_string_lossy().starts_with('.'));
    if has_user_files {
        return Err(vec![Diagnostic::new(
            out_dir,
            None,
            "this folder already holds files that paperpress did not write, and a build replaces the whole folder; choose another --output, or empty it first",
        )]);
    }
    Ok(())
}

/// Applies a rebuild to an output folder that paperpress published before, in place:
/// writes the new and changed files, removes the ones the site no longer has (and the
/// folders that leaves empty). Each file is written beside its target and renamed over
/// it, so a server reading the folder meanwhile never sees half a page.
pub fn update(
    out_dir: &Path,
    write: &[RenderedPage],
    copy: &[StaticFile],
    remove: &[String],
) -> Result<usize, Vec<Diagnostic>> {
    if !out_dir.join(MARKER).is_file() {
        return Err(vec![Diagnostic::new(
            out_dir,
            None,
            "is not a paperpress output folder (it has no .paperpress-output file), so it is not updated in place",
        )]);
    }
    // Removals first, and never of a file this update writes: a path can change from a
    // page to a static file (or back) in one rebuild.
    let written: std::collections::HashSet<&str> = write
        .iter()
        .map(|p| p.file.as_str())
        .chain(copy.iter().map(|s| s.rel.as_str()))
        .collect();
    let mut removal_errors = Vec::new();
    for rel in remove.iter().filter(|f| !written.contains(f.as_str())) {
        let path = out_dir.join(rel);
        match fs::remove_file(&path) {
            Ok(()) => remove_empty_parents(out_dir, &path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                removal_errors.push(Diagnostic::new(rel, None, format!("cannot remove: {e}")))
            }
        }
    }
    let mut errors: Vec<Diagnostic> = write
        .par_iter()
        .filter_map(|page| {
            replace_file(&out_dir.join(&page.file), page.html.as_bytes())
                .err()
                .map(|e| Diagnostic::new(&page.file, None, format!("cannot write page: {e}")))
        })
        .collect();
    for file in copy {
        if let Err(e) = file
            .bytes()
            .and_then(|b| replace_file(&out_dir.join(&file.rel), &b))
        {
            errors.push(Diagnostic::new(
                file.shown(),
                None,
                format!("cannot copy static file: {e}"),
            ));
        }
    }
    errors.extend(removal_errors);
    if errors.is_empty() {
        Ok(write.len() + copy.len() + remove.len())
    } else {
        Err(errors)
    }
}

/// Writes `bytes` to a hidden file beside `target` (with the usual permissions, unlike a
/// `tempfile`), then renames it over `target`.
fn replace_file(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let temp = dir.join(format!(".paperpress-write-{name}"));
    let result = fs::write(&temp, bytes).and_then(|()| fs::rename(&temp, target));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Removes the folders between `path` and `out_dir` that are left empty.
fn remove_empty_parents(out_dir: &Path, path: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == out_dir || !d.starts_with(out_dir) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}
