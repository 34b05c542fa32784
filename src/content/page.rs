//! A plain page: any `content/**/*.md` outside `content/papers/` (e.g. `content/about.md`).

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::fields::Fields;
use super::front_matter::FrontMatter;
use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone)]
pub struct Page {
    pub source: PathBuf,
    pub title: String,
    /// Site-relative folder the page is written to, e.g. `about/` or `notes/reading-list/`.
    pub dir: String,
    pub draft: bool,
    pub extra: Map<String, Value>,
    pub body: String,
}

impl Page {
    /// `rel_in_content` is the file's path below `content/`, e.g. `notes/list.md`.
    pub fn from_front_matter(
        source: &Path,
        rel_in_content: &Path,
        fm: FrontMatter,
    ) -> Result<Page, Vec<Diagnostic>> {
        let mut f = Fields::new(source, fm);
        let title = f.required_string("title", "add `title = \"...\"` to the front matter");
        let draft = f.bool("draft");
        let slug = f.string("slug");
        let (extra, body, errors) = f.into_rest();
        let dir = page_dir(rel_in_content, slug.as_deref());
        match title {
            Some(title) if errors.is_empty() => Ok(Page {
                source: source.to_path_buf(),
                title,
                dir,
                draft,
                extra,
                body,
            }),
            _ => Err(errors),
        }
    }
}

/// `about.md` → `about/`, `notes/index.md` → `notes/`, each folder name slugified.
fn page_dir(rel: &Path, slug_override: Option<&str>) -> String {
    let mut parts: Vec<String> = rel
        .parent()
        .into_iter()
        .flat_map(|p| p.components())
        .map(|c| slug::slugify(c.as_os_str().to_string_lossy()))
        .filter(|s| !s.is_empty())
        .collect();
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = slug_override
        .map(slug::slugify)
        .unwrap_or_else(|| slug::slugify(&stem));
    let is_folder_index = (stem == "index" || stem == "_index") && slug_override.is_none();
    if !is_folder_index && !name.is_empty() {
        parts.push(name);
    }
    parts.iter().map(|p| format!("{p}/")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_dirs() {
        assert_eq!(page_dir(Path::new("about.md"), None), "about/");
        assert_eq!(
            page_dir(Path::new("Notes/Reading List.md"), None),
            "notes/reading-list/"
        );
        assert_eq!(page_dir(Path::new("notes/index.md"), None), "notes/");
        assert_eq!(page_dir(Path::new("about.md"), Some("Team")), "team/");
    }
}
