//! Turning file-system events into what a rebuild needs to know: which of the site's
//! inputs changed. Pure functions, so each rule is tested on its own.

use std::path::{Path, PathBuf};

use notify::EventKind;
use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};

use crate::config::CONFIG_FILE;
use crate::content::CONTENT_DIR;
use crate::pipeline::Changes;
use crate::render::theme::THEMES_DIR;

/// Folders of a site whose files are templates or static files.
pub const SITE_THEME_DIRS: [&str; 2] = ["templates", "static"];

/// Whether an event can mean that a file's content changed. Opening or reading a file
/// (which the build itself does) and attribute changes cannot.
pub fn is_content_event(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// Whether an event says a file is being written (`Some(true)`: created or modified) or
/// is done with (`Some(false)`: closed after writing, or removed).
pub fn write_state(kind: &EventKind) -> Option<bool> {
    match kind {
        EventKind::Create(CreateKind::File) | EventKind::Modify(ModifyKind::Data(_)) => Some(true),
        EventKind::Access(AccessKind::Close(AccessMode::Write)) | EventKind::Remove(_) => {
            Some(false)
        }
        _ => None,
    }
}

/// Files whose events are noise: editors' temporary files (the save of the real file
/// follows) and paperpress's own temporary files.
pub fn is_editor_temp(name: &str) -> bool {
    crate::content::is_editor_temp(name) || name.starts_with(".paperpress-")
}

/// Which input of the site a path is.
#[derive(Debug, PartialEq, Eq)]
enum Input {
    Config,
    Content,
    Theme,
}

fn input(root: &Path, theme: &str, path: &Path) -> Option<Input> {
    let rel = path.strip_prefix(root).ok()?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let theme_dir = Path::new(THEMES_DIR).join(theme);
    if is_editor_temp(&name) {
        None
    } else if rel == Path::new(CONFIG_FILE) {
        Some(Input::Config)
    } else if rel.starts_with(CONTENT_DIR) {
        Some(Input::Content)
    } else if SITE_THEME_DIRS.iter().any(|d| rel.starts_with(d))
        || rel.starts_with(&theme_dir)
        || (theme_dir.starts_with(rel) && rel.starts_with(THEMES_DIR))
    {
        Some(Input::Theme)
    } else {
        None
    }
}

/// Sorts changed paths into the site's inputs. `root` is the site folder and `theme` the
/// active theme's name; paths are absolute, as the watcher reports them.
pub fn classify(root: &Path, theme: &str, paths: &[PathBuf]) -> Changes {
    let mut changes = Changes::default();
    for path in paths {
        match input(root, theme, path) {
            Some(Input::Config) => changes.config = true,
            Some(Input::Theme) => changes.theme = true,
            Some(Input::Content) if !changes.content.contains(path) => {
                changes.content.push(path.clone())
            }
            _ => {}
        }
    }
    changes
}

/// One line saying what changed: the first input path (relative to the site) and how
/// many more.
pub fn describe(root: &Path, theme: &str, paths: &[PathBuf]) -> String {
    let mut shown: Vec<String> = paths
        .iter()
        .filter(|p| input(root, theme, p).is_some())
        .map(|p| {
            let rel = p.strip_prefix(root).unwrap_or(p);
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    shown.sort();
    shown.dedup();
    match shown.len() {
        0 => "nothing".into(),
        1 => shown.remove(0),
        n => format!("{} and {} more", shown[0], n - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify_rel(paths: &[&str]) -> Changes {
        let root = Path::new("/site");
        let paths: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
        classify(root, "plain", &paths)
    }

    #[test]
    fn paths_are_sorted_into_config_content_and_theme() {
        let c = classify_rel(&["site.toml"]);
        assert!(c.config && !c.theme && c.content.is_empty());
        let c = classify_rel(&[
            "content/papers/a.md",
            "content/papers/a.md",
            "content/about.md",
        ]);
        assert_eq!(c.content.len(), 2, "each path once");
        assert!(!c.config && !c.theme);
        for theme_path in [
            "templates/paper.html",
            "static/style.css",
            "themes/plain/templates/base.html",
            "themes",
        ] {
            assert!(classify_rel(&[theme_path]).theme, "{theme_path}");
        }
        for ignored in [
            "output/index.html",
            "themes/other/templates/base.html",
            "README.md",
            ".paperpress-build-x/a",
        ] {
            assert!(classify_rel(&[ignored]).is_empty(), "{ignored}");
        }
    }

    #[test]
    fn editors_temporary_files_are_not_changes() {
        for name in [
            "entry.md~",
            ".entry.md.swp",
            ".entry.md.swx",
            "4913",
            "#entry.md#",
            ".#entry.md",
        ] {
            assert!(is_editor_temp(name), "{name}");
            assert!(
                classify_rel(&[&format!("content/papers/{name}")]).is_empty(),
                "{name}"
            );
        }
        for name in ["entry.md", ".nojekyll", "4913.md"] {
            assert!(!is_editor_temp(name), "{name}");
        }
    }

    #[test]
    fn reading_a_file_is_not_a_change_but_writing_one_is() {
        use notify::event::{CreateKind, RemoveKind, RenameMode};
        assert!(!is_content_event(&EventKind::Access(AccessKind::Open(
            notify::event::AccessMode::Any
        ))));
        assert!(!is_content_event(&EventKind::Modify(ModifyKind::Metadata(
            notify::event::MetadataKind::Any
        ))));
        assert!(is_content_event(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_content_event(&EventKind::Create(CreateKind::File)));
        assert!(is_content_event(&EventKind::Modify(ModifyKind::Name(
            RenameMode::To
        ))));
        assert!(is_content_event(&EventKind::Remove(RemoveKind::File)));
    }

    #[test]
    fn writing_starts_with_a_modification_and_ends_with_the_close() {
        use notify::event::{DataChange, RemoveKind, RenameMode};
        assert_eq!(
            write_state(&EventKind::Create(CreateKind::File)),
            Some(true)
        );
        assert_eq!(
            write_state(&EventKind::Modify(ModifyKind::Data(DataChange::Any))),
            Some(true)
        );
        assert_eq!(
            write_state(&EventKind::Access(AccessKind::Close(AccessMode::Write))),
            Some(false)
        );
        assert_eq!(
            write_state(&EventKind::Remove(RemoveKind::File)),
            Some(false)
        );
        assert_eq!(
            write_state(&EventKind::Modify(ModifyKind::Name(RenameMode::To))),
            None
        );
        assert_eq!(write_state(&EventKind::Create(CreateKind::Folder)), None);
    }

    #[test]
    fn a_change_is_described_by_its_first_path() {
        let root = Path::new("/site");
        let one = [root.join("content/papers/a.md")];
        assert_eq!(describe(root, "default", &one), "content/papers/a.md");
        let many = [
            root.join("static/b.css"),
            root.join("content/a.md"),
            root.join("content/4913"),
            root.join("output/index.html"),
        ];
        assert_eq!(describe(root, "default", &many), "content/a.md and 1 more");
    }
}
