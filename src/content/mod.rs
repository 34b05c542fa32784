//! Loading: every Markdown file under `content/` becomes a typed entry, or an error that
//! names the file and line. Nothing here knows about URLs, topics or templates.

pub mod arxiv;
pub mod doi;
mod fields;
pub mod front_matter;
pub mod known_fields;
pub mod page;
pub mod paper;
pub mod partial_date;
mod store;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use page::Page;
pub use paper::Paper;
pub use store::ContentStore;

use crate::diagnostics::{Diagnostic, Report};

pub const CONTENT_DIR: &str = "content";
pub const PAPERS_DIR: &str = "papers";

/// The entries of a site, in path order. Shared (`Arc`) because a site kept in memory
/// between builds (watch, serve) hands the same entries to every rebuild.
#[derive(Debug, Default)]
pub struct Content {
    pub papers: Vec<Arc<Paper>>,
    pub pages: Vec<Arc<Page>>,
}

/// What one content file turned into.
#[derive(Debug)]
pub enum Loaded {
    Paper(Arc<Paper>),
    Page(Arc<Page>),
    /// A draft, left out of this build.
    Draft,
    Failed(Vec<Diagnostic>),
}

/// Files editors write beside the real one while saving: vim's swap files and `4913`
/// probe, backups ending in `~`, Emacs' `#autosave#` and `.#lock` files.
pub fn is_editor_temp(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
}

/// Editors' temporary files and hidden files are not content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('#') || is_editor_temp(name)
}

/// Reads every entry under `<root>/content`. Returns what loaded plus every problem found
/// (near misses of known fields as warnings).
pub fn load(root: &Path, include_drafts: bool) -> (Content, Report) {
    ContentStore::load(root, include_drafts).content(false)
}

/// Reads one content file. Never panics: whatever is wrong becomes diagnostics.
fn load_entry(root: &Path, content_dir: &Path, path: &Path, include_drafts: bool) -> Loaded {
    read_entry(root, content_dir, path, include_drafts).unwrap_or_else(Loaded::Failed)
}

fn read_entry(
    root: &Path,
    content_dir: &Path,
    path: &Path,
    include_drafts: bool,
) -> Result<Loaded, Vec<Diagnostic>> {
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
            Loaded::Draft
        } else {
            Loaded::Paper(Arc::new(paper))
        }
    } else {
        let page = Page::from_front_matter(&shown, rel, fm)?;
        if page.draft && !include_drafts {
            Loaded::Draft
        } else {
            Loaded::Page(Arc::new(page))
        }
    };
    Ok(entry)
}

/// The path as the user knows it: relative to the site root, with `/` separators.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    let rel = path.strip_prefix(root).unwrap_or(path);
    PathBuf::from(rel.to_string_lossy().replace('\\', "/"))
}
