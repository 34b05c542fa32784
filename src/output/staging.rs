//! A whole build's output, written into a temporary folder beside the output folder
//! while the build renders it, and put in place of the output folder when it succeeded.
//!
//! Pages are written as they are made, so a build holds a few pages in memory at a
//! time, never its whole output. Dropping a `Staging` without `finish` removes it,
//! and the output folder stays as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{MARKER, check_replaceable};
use crate::diagnostics::Diagnostic;
use crate::render::RenderedPage;
use crate::render::theme::{StaticFile, StaticSource};

pub struct Staging {
    dir: tempfile::TempDir,
    out_dir: PathBuf,
    /// The output folder when it holds a previous build, whose unchanged files are
    /// hard-linked rather than written again.
    previous: Option<PathBuf>,
}

impl Staging {
    /// Starts a build that will replace `out_dir`, after checking that it may.
    pub fn new(out_dir: &Path) -> Result<Staging, Vec<Diagnostic>> {
        let fail =
            |what: &str, e: io::Error| vec![Diagnostic::new(out_dir, None, format!("{what}: {e}"))];
        check_replaceable(out_dir)?;
        let parent = match out_dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .map_err(|e| fail("cannot create the output's parent folder", e))?;
        let dir = tempfile::Builder::new()
            .prefix(".paperpress-build-")
            .tempdir_in(&parent)
            .map_err(|e| {
                fail(
                    "cannot create a temporary folder beside the output folder",
                    e,
                )
            })?;
        Ok(Staging {
            dir,
            out_dir: out_dir.to_path_buf(),
            previous: out_dir.join(MARKER).exists().then(|| out_dir.to_path_buf()),
        })
    }

    /// Makes the folders of these files, each once, before pages are written into them
    /// from several threads.
    pub fn make_folders<'a>(&self, files: impl Iterator<Item = &'a str>) -> Result<(), Diagnostic> {
        let mut dirs: Vec<&str> = files
            .filter_map(|f| f.rsplit_once('/').map(|(dir, _)| dir))
            .collect();
        dirs.sort_unstable();
        dirs.dedup();
        for dir in dirs {
            if let Err(e) = fs::create_dir_all(self.dir.path().join(dir)) {
                return Err(Diagnostic::new(
                    dir,
                    None,
                    format!("cannot create folder: {e}"),
                ));
            }
        }
        Ok(())
    }

    /// Writes one page, whose folder `make_folders` made. A page whose bytes equal the
    /// file the previous build left is hard-linked instead: a rebuild that changes
    /// little writes little, and removing the old folder afterwards frees only the files
    /// that really changed.
    pub fn write(&self, file: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let target = self.dir.path().join(file);
        let reused = self
            .previous
            .as_ref()
            .is_some_and(|old| link_if_unchanged(&old.join(file), &target, bytes));
        if reused {
            return Ok(());
        }
        fs::write(&target, bytes)
            .map_err(|e| Diagnostic::new(file, None, format!("cannot write page: {e}")))
    }

    /// Copies the static files, marks the folder as paperpress's and puts it in place of
    /// the output folder.
    pub fn finish(self, statics: &[StaticFile]) -> Result<(), Vec<Diagnostic>> {
        // Again: someone may have put files of their own there while the site rendered.
        check_replaceable(&self.out_dir)?;
        let errors = copy_statics(self.dir.path(), statics);
        if !errors.is_empty() {
            return Err(errors);
        }
        let fail = |what: &str, e: io::Error| {
            vec![Diagnostic::new(&self.out_dir, None, format!("{what}: {e}"))]
        };
        fs::write(
            self.dir.path().join(MARKER),
            "This folder is written by paperpress and replaced on every build.\n",
        )
        .map_err(|e| fail("cannot write into the temporary folder", e))?;
        swap_in(self.dir, &self.out_dir).map_err(|e| {
            vec![Diagnostic::new(
                &self.out_dir,
                None,
                format!("cannot replace the output folder: {e}"),
            )]
        })
    }
}

/// Publishes pages made in memory as a whole new output folder.
pub fn publish(
    out_dir: &Path,
    pages: &[RenderedPage],
    statics: &[StaticFile],
) -> Result<usize, Vec<Diagnostic>> {
    let staging = Staging::new(out_dir)?;
    staging
        .make_folders(pages.iter().map(|p| p.file.as_str()))
        .map_err(|e| vec![e])?;
    let errors: Vec<Diagnostic> = pages
        .par_iter()
        .filter_map(|page| staging.write(&page.file, page.html.as_bytes()).err())
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    staging.finish(statics)?;
    Ok(pages.len() + statics.len())
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
                StaticSource::Embedded(_, bytes) => fs::write(&target, bytes),
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
