//! Loading: every Markdown file under `content/` becomes a typed entry, or an error that
//! names the file and line. Nothing here knows about URLs, topics or templates.

pub mod arxiv;
mod fields;
pub mod front_matter;
pub mod page;
pub mod paper;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

pub use page::Page;
pub use paper::Paper;

use crate::diagnostics::{Diagnostic, Report};

pub const CONTENT_DIR: &str = "content";
pub const PAPERS_DIR: &str = "papers";

#[derive(Debug, Default)]
pub struct Content {
    pub papers: Vec<Paper>,
    pub pages: Vec<Page>,
}

enum Entry {
    Paper(Paper),
    Page(Page),
    Draft,
}

/// Files an editor leaves beside the real ones (backups, swap files, vim's `4913` probe)
/// and hidden files are not content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name == "4913"
}

/// Reads every entry under `<root>/content`. Returns what loaded plus every problem found.
pub fn load(root: &Path, include_drafts: bool) -> (Content, Report) {
    let mut report = Report::default();
    let content_dir = root.join(CONTENT_DIR);
    if !content_dir.is_dir() {
        report.error(Diagnostic::new(
            CONTENT_DIR,
            None,
            "folder not found: put paper entries in content/papers/ (or run `paperpress import`)",
        ));
        return (Content::default(), report);
    }

    let mut files: Vec<PathBuf> = Vec::new();
    let walker = WalkDir::new(&content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md") => {
                files.push(e.into_path())
            }
            Ok(_) => {}
            Err(e) => report.error(Diagnostic::new(
                e.path()
                    .map_or_else(|| content_dir.clone(), Path::to_path_buf),
                None,
                format!("cannot read: {e}"),
            )),
        }
    }

    let results: Vec<Result<Entry, Vec<Diagnostic>>> = files
        .par_iter()
        .map(|path| load_entry(root, &content_dir, path, include_drafts))
        .collect();

    let mut content = Content::default();
    for result in results {
        match result {
            Ok(Entry::Paper(p)) => content.papers.push(p),
            Ok(Entry::Page(p)) => content.pages.push(p),
            Ok(Entry::Draft) => {}
            Err(errors) => errors.into_iter().for_each(|e| report.error(e)),
        }
    }
    (content, report)
}

fn load_entry(
    root: &Path,
    content_dir: &Path,
    path: &Path,
    include_drafts: bool,
) -> Result<Entry, Vec<Diagnostic>> {
    let shown = display_path(root, path);
    let bytes = std::fs::read(path)
        .map_err(|e| vec![Diagnostic::new(&shown, None, format!("cannot read: {e}"))])?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = crate::config::line_of_offset(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        vec![Diagnostic::new(
            &shown,
            Some(line),
            "not valid UTF-8 text; save the file as UTF-8",
        )]
    })?;
    let fm =
        front_matter::parse(&text).map_err(|e| vec![Diagnostic::new(&shown, e.line, e.message)])?;
    let rel = path.strip_prefix(content_dir).unwrap_or(path);
    let entry = if rel.starts_with(PAPERS_DIR) {
        let paper = Paper::from_front_matter(&shown, fm)?;
        if paper.draft && !include_drafts {
            Entry::Draft
        } else {
            Entry::Paper(paper)
        }
    } else {
        let page = Page::from_front_matter(&shown, rel, fm)?;
        if page.draft && !include_drafts {
            Entry::Draft
        } else {
            Entry::Page(page)
        }
    };
    Ok(entry)
}

/// The path as the user knows it: relative to the site root, with `/` separators.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    let rel = path.strip_prefix(root).unwrap_or(path);
    PathBuf::from(rel.to_string_lossy().replace('\\', "/"))
}
