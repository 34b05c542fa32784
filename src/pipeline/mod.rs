//! Building a site, start to end: files → content nodes → site graph → pages → output.
//!
//! Every stage runs even when an earlier one found errors (with what it could load), so
//! a build reports all its problems at once; nothing is published unless none were found.
//! A one-off build and the rebuilds of `watch` and `serve` run the same stages through a
//! `Session`.

mod job_table;
mod manifest;
mod session;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Report};
pub use manifest::{Manifest, STATE_DIR};
pub use session::{Changes, Draft, Session, Target, Update};

#[derive(Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub include_drafts: bool,
}

pub struct BuildSummary {
    pub papers: usize,
    pub pages: usize,
    pub files_written: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
    /// Nothing changed since the last build into the same output folder, which is
    /// whole: the build stopped early and wrote nothing (see `manifest`).
    pub unchanged: bool,
}

/// Builds the whole site and swaps it into the output folder (see `output::Staging`),
/// unless nothing changed since the last build into that folder (see `manifest`).
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Report> {
    let started = Instant::now();
    let laps = crate::timings::Laps::start();
    let _turn = Manifest::lock(options);
    let inputs = manifest::inputs(options);
    laps.lap("inputs");
    if let Some(last) = inputs
        .as_deref()
        .and_then(|i| Manifest::unchanged(options, i))
    {
        laps.lap("unchanged");
        return Ok(BuildSummary {
            papers: last.papers,
            pages: last.pages,
            files_written: 0,
            elapsed: started.elapsed(),
            warnings: last.warnings(),
            unchanged: true,
        });
    }
    // The output folder changes from here on, whatever the build's outcome.
    Manifest::forget(options);
    let mut session = Session::open_once(options.clone());
    laps.lap("open");
    let mut update = session.build(Target::NewOutput)?;
    publish_all(&session, &mut update).map_err(|errors| Report {
        errors,
        warnings: update.warnings.clone(),
    })?;
    laps.lap("publish");
    free_in_background(session);
    let mut warnings = std::mem::take(&mut update.warnings);
    // An input that changed while the build read it, and back, would leave a record of
    // inputs the output was not made from: none is kept then.
    let inputs = inputs.filter(|before| manifest::inputs(options).as_ref() == Some(before));
    if let Some(inputs) = inputs {
        let statics: std::io::Result<Vec<(String, u64)>> = update
            .copy
            .iter()
            .map(|file| Ok((file.rel.clone(), file.size()?)))
            .collect();
        let record = statics.map(|statics| {
            let files = update.staged.iter().cloned().chain(statics).collect();
            Manifest::new(&inputs, update.papers, update.pages, &warnings, files)
        });
        // A site folder that may not be written (mounted read-only) builds as before,
        // without a word on every build.
        let read_only = |e: &std::io::Error| {
            matches!(
                e.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            )
        };
        match record.and_then(|record| record.save(options)) {
            Err(e) if !read_only(&e) => warnings.push(Diagnostic::new(
                options.root.join(STATE_DIR),
                None,
                format!(
                    "cannot keep a record of this build ({e}), so the next build runs whole even if nothing changed"
                ),
            )),
            _ => {}
        }
        laps.lap("manifest");
    }
    Ok(BuildSummary {
        papers: update.papers,
        pages: update.pages,
        files_written: update.files_written(),
        elapsed: started.elapsed(),
        warnings,
        unchanged: false,
    })
}

/// Frees what a finished build held on a thread of its own. Freeing the entries, values
/// and cards of 10,000 papers takes longer than a tenth of the build, which a one-off
/// build would otherwise spend after its work is done; the process may end meanwhile.
/// Where no thread can be made, `spawn` drops the closure, and `what` with it, here.
pub fn free_in_background<T: Send + 'static>(what: T) {
    let _ = std::thread::Builder::new()
        .name("free build".into())
        .spawn(move || drop(what));
}

/// Publishes a session's first update, which holds every file of the site, as a whole
/// new output folder.
pub fn publish_all(session: &Session, update: &mut Update) -> Result<usize, Vec<Diagnostic>> {
    update.publish_whole(&session.options().output)
}
