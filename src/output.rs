//! Publishing a build: everything is written into a temporary folder beside the output
//! folder and swapped in only when all of it succeeded, so a failed build leaves the
//! previous output exactly as it was.
//!
//! The output folder is replaced whole, except for its top-level dotfiles (`.git` of a
//! deploy checkout, a `.gitignore`), which are carried over. A folder that holds other
//! files and was not made by paperpress is never replaced: it may be the user's own.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::render::RenderedPage;
use crate::render::theme::{StaticFile, StaticSource};

/// Marks a folder as paperpress output, so a later build may replace it.
pub const MARKER: &str = ".paperpress-output";

pub fn publish(
    out_dir: &Path,
    pages: &[RenderedPage],
    statics: &[StaticFile],
) -> Result<usize, Vec<Diagnostic>> {
    let shown = out_dir.display().to_string();
    let fail =
        |what: &str, e: io::Error| vec![Diagnostic::new(&shown, None, format!("{what}: {e}"))];
    check_replaceable(out_dir)?;

    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| fail("cannot create the output's parent folder", e))?;
    let staging = tempfile::Builder::new()
        .prefix(".paperpress-build-")
        .tempdir_in(&parent)
        .map_err(|e| {
            fail(
                "cannot create a temporary folder beside the output folder",
                e,
            )
        })?;

    let mut errors = write_pages(staging.path(), out_dir, pages);
    errors.extend(copy_statics(staging.path(), statics));
    if !errors.is_empty() {
        return Err(errors);
    }
    fs::write(
        staging.path().join(MARKER),
        "This folder is written by paperpress and replaced on every build.\n",
    )
    .map_err(|e| fail("cannot write into the temporary folder", e))?;

    swap_in(staging, out_dir).map_err(|e| fail("cannot replace the output folder", e))?;
    Ok(pages.len() + statics.len())
}

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

/// Writes the pages into the staging folder. A page whose bytes equal the file the
/// previous build left in `out_dir` is hard-linked instead of written: a rebuild that
/// changes little writes little, and removing the old folder afterwards frees only the
/// files that really changed.
fn write_pages(staging: &Path, out_dir: &Path, pages: &[RenderedPage]) -> Vec<Diagnostic> {
    let mut dirs: Vec<&str> = pages
        .iter()
        .filter_map(|p| p.file.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    dirs.sort_unstable();
    dirs.dedup();
    // Each folder once, before the parallel writes (not once per page).
    for dir in dirs {
        if let Err(e) = fs::create_dir_all(staging.join(dir)) {
            return vec![Diagnostic::new(
                dir,
                None,
                format!("cannot create folder: {e}"),
            )];
        }
    }
    let previous = out_dir.join(MARKER).exists().then_some(out_dir);
    pages
        .par_iter()
        .filter_map(|page| {
            let target = staging.join(&page.file);
            let reused = previous.is_some_and(|old| {
                link_if_unchanged(&old.join(&page.file), &target, page.html.as_bytes())
            });
            let result = if reused {
                Ok(())
            } else {
                fs::write(&target, &page.html)
            };
            result
                .err()
                .map(|e| Diagnostic::new(&page.file, None, format!("cannot write page: {e}")))
        })
        .collect()
}

/// Hard-links `old` to `target` when `old` holds exactly `bytes`. Any failure (no such
/// file, different bytes, a file system without hard links) just means "write it".
fn link_if_unchanged(old: &Path, target: &Path, bytes: &[u8]) -> bool {
    let same_len = fs::metadata(old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
    same_len
        && fs::read(old).is_ok_and(|existing| existing == bytes)
        && fs::hard_link(old, target).is_ok()
}

/// Copies the static files (their clashes with pages were checked by the build).
fn copy_statics(staging: &Path, statics: &[StaticFile]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for file in statics {
        let target = staging.join(&file.rel);
        let result = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| match &file.source {
                StaticSource::File(p) => fs::copy(p, &target).map(drop),
                StaticSource::Embedded(bytes) => fs::write(&target, bytes),
            });
        if let Err(e) = result {
            errors.push(Diagnostic::new(
                file.shown(),
                None,
                format!("cannot copy static file: {e}"),
            ));
        }
    }
    errors
}

/// Puts the staged folder in place of `out_dir`, carrying over the old folder's dotfiles.
fn swap_in(staging: tempfile::TempDir, out_dir: &Path) -> io::Result<()> {
    if !out_dir.exists() {
        fs::rename(staging.path(), out_dir)?;
        let _ = staging.keep();
        return Ok(());
    }
    let parent = staging
        .path()
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let old = tempfile::Builder::new()
        .prefix(".paperpress-old-")
        .tempdir_in(&parent)?;
    let old_out = old.path().join("output");
    fs::rename(out_dir, &old_out)?;
    // From here on, whatever fails, the previous output is never deleted: it is put back,
    // or kept where the message says.
    let keep_old = |old: tempfile::TempDir, what: String| {
        let kept = old.keep();
        io::Error::other(format!(
            "{what}; the previous output is kept in {}",
            kept.display()
        ))
    };
    if let Err(e) = fs::rename(staging.path(), out_dir) {
        return match fs::rename(&old_out, out_dir) {
            Ok(()) => Err(e),
            Err(back) => Err(keep_old(
                old,
                format!("{e}, and putting the previous output back failed ({back})"),
            )),
        };
    }
    let _ = staging.keep();
    let entries = match fs::read_dir(&old_out) {
        Ok(entries) => entries,
        Err(e) => {
            return Err(keep_old(
                old,
                format!(
                    "the new site is in place, but its dotfiles could not be carried over ({e})"
                ),
            ));
        }
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.')
            && name != MARKER
            && let Err(e) = fs::rename(entry.path(), out_dir.join(&name))
        {
            let what = format!(
                "the new site is in place, but {} could not be carried over ({e})",
                name.to_string_lossy()
            );
            return Err(keep_old(old, what));
        }
    }
    Ok(()) // `old` is removed when dropped
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
