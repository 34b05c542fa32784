//! The loaded entries of a site, kept between builds: a rebuild re-reads only the files
//! that changed (or appeared, or went away) instead of the whole `content/` folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::{CONTENT_DIR, Content, Loaded, is_ignored_name, load_entry};
use crate::diagnostics::{Diagnostic, Kind, Report};

pub struct ContentStore {
    root: PathBuf,
    content_dir: PathBuf,
    include_drafts: bool,
    /// Every Markdown file below `content/`, by path, with what it turned into. A folder
    /// that could not be read is here too, as a failure.
    entries: BTreeMap<PathBuf, Loaded>,
    /// `content/` itself is missing.
    missing: bool,
}

impl ContentStore {
    /// Lets go of every entry, for a one-off build that has taken its content: the site
    /// graph then holds each `Paper` alone, and can drop its Markdown once rendered.
    pub fn forget_entries(&mut self) {
        self.entries = BTreeMap::new();
    }

    /// Reads every entry under `<root>/content`, in parallel.
    pub fn load(root: &Path, include_drafts: bool) -> ContentStore {
        let content_dir = root.join(CONTENT_DIR);
        let mut store = ContentStore {
            root: root.to_path_buf(),
            missing: !content_dir.is_dir(),
            content_dir,
            include_drafts,
            entries: BTreeMap::new(),
        };
        if !store.missing {
            store.read_below(&store.content_dir.clone());
        }
        store
    }

    /// Brings the store up to date with the given paths, which changed on disk: each may
    /// be a file or a folder, new, edited or gone. Paths outside `content/` and editors'
    /// temporary files are ignored. Returns how many entries were read again.
    pub fn refresh(&mut self, changed: &[PathBuf]) -> usize {
        let exists = self.content_dir.is_dir();
        if self.missing == exists {
            // `content/` itself appeared or went away: start over.
            *self = ContentStore::load(&self.root, self.include_drafts);
            return self.entries.len();
        }
        // A folder that could not be read may be readable now (a permission change is
        // not a content event): try it again with every change.
        let retry: Vec<PathBuf> = self
            .entries
            .iter()
            .filter(|(p, e)| matches!(e, Loaded::Failed(_)) && p.is_dir())
            .map(|(p, _)| p.clone())
            .collect();
        let mut reread = 0;
        for path in changed.iter().chain(&retry) {
            let Ok(rel) = path.strip_prefix(&self.content_dir) else {
                continue;
            };
            if rel.as_os_str().is_empty() {
                *self = ContentStore::load(&self.root, self.include_drafts);
                return self.entries.len();
            }
            if rel
                .components()
                .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()))
            {
                continue;
            }
            // Whatever was at or below this path is gone or stale: a renamed folder takes
            // its entries with it.
            let stale: Vec<PathBuf> = self
                .entries
                .range(path.clone()..)
                .take_while(|(p, _)| p.starts_with(path))
                .map(|(p, _)| p.clone())
                .collect();
            for p in stale {
                self.entries.remove(&p);
            }
            reread += self.read_below(path);
        }
        reread
    }

    /// Reads the Markdown files at or below `path` (a file or a folder) into the store.
    fn read_below(&mut self, path: &Path) -> usize {
        let mut files: Vec<PathBuf> = Vec::new();
        let walker = WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
        for entry in walker {
            match entry {
                Ok(e)
                    if e.file_type().is_file()
                        && e.path().extension().is_some_and(|x| x == "md") =>
                {
                    files.push(e.into_path())
                }
                Ok(_) => {}
                // Gone between the event and now: nothing to read.
                Err(e)
                    if e.io_error()
                        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) => {}
                Err(e) => {
                    let at = e
                        .path()
                        .map_or_else(|| path.to_path_buf(), Path::to_path_buf);
                    let shown = super::display_path(&self.root, &at);
                    let failure = Diagnostic::new(shown, None, format!("cannot read: {e}"));
                    self.entries.insert(at, Loaded::Failed(vec![failure]));
                }
            }
        }
        let (root, content_dir, drafts) = (&self.root, &self.content_dir, self.include_drafts);
        let loaded: Vec<(PathBuf, Loaded)> = files
            .into_par_iter()
            .map(|p| {
                let entry = load_entry(root, content_dir, &p, drafts);
                (p, entry)
            })
            .collect();
        let count = loaded.len();
        self.entries.extend(loaded);
        count
    }

    /// The entries as a site's content (in path order) and every problem found. Unknown
    /// front-matter keys are errors when `strict`; otherwise only near misses of known
    /// fields are reported, as warnings.
    pub fn content(&self, strict: bool) -> (Content, Report) {
        let mut report = Report::default();
        if self.missing {
            report.error(Diagnostic::new(
                CONTENT_DIR,
                None,
                "folder not found: put paper entries in content/papers/ (or run `paperpress import`)",
            ));
        }
        let mut content = Content::default();
        for entry in self.entries.values() {
            match entry {
                Loaded::Paper(p) => {
                    for note in &p.unknown_fields {
                        if strict {
                            // Under strict nothing is kept: say so instead.
                            let mut error = note.clone();
                            error.message = error
                                .message
                                .replace(" (kept as an extra field)", "")
                                .replace("(kept as an extra field; ", "(");
                            error
                                .message
                                .push_str("; strict = true in site.toml allows only known fields");
                            report.error(error);
                        } else if note.kind == Kind::NearMissField {
                            report.warn(note.clone());
                        }
                    }
                    content.papers.push(p.clone())
                }
                Loaded::Page(p) => content.pages.push(p.clone()),
                Loaded::Draft => {}
                Loaded::Failed(errors) => errors.iter().for_each(|e| report.error(e.clone())),
            }
        }
        (content, report)
    }
}
