//! Finding a theme's templates and static files, and the site's own overrides.
//!
//! A site's `templates/x.html` replaces the theme's `x.html`; a site's `static/` file
//! replaces the theme's file of the same path. The default theme is built into the binary,
//! so a site that has no `themes/default/` folder still builds.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

pub const THEMES_DIR: &str = "themes";

/// The kinds of file a theme's `templates/` folder holds templates of: pages, feeds
/// and subscription lists, plain text.
const TEMPLATE_EXTENSIONS: &[&str] = &[".html", ".xml", ".txt", ".json", ".opml"];

pub struct Template {
    pub name: String,
    pub source: String,
    /// Where the user would find this template, for error messages.
    pub shown_path: String,
}

#[derive(Clone)]
pub enum StaticSource {
    File(PathBuf),
    Embedded(&'static [u8]),
}

impl StaticFile {
    /// Where the user would find the file, for messages.
    pub fn shown(&self) -> String {
        match &self.source {
            StaticSource::File(p) => p.display().to_string(),
            StaticSource::Embedded(_) => format!("(built-in default theme) static/{}", self.rel),
        }
    }

    pub fn bytes(&self) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        match &self.source {
            StaticSource::File(p) => std::fs::read(p).map(std::borrow::Cow::Owned),
            StaticSource::Embedded(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
        }
    }
}

#[derive(Clone)]
pub struct StaticFile {
    /// Path below the output folder, with `/` separators.
    pub rel: String,
    pub source: StaticSource,
}

/// The template `paperpress new` writes an entry from: `templates/entry.md` of the site,
/// else of the theme.
pub const ENTRY_TEMPLATE: &str = "entry.md";

#[derive(Default)]
pub struct Theme {
    pub templates: Vec<Template>,
    pub statics: Vec<StaticFile>,
    /// `templates/entry.md`, for `paperpress new` (not a page template).
    pub entry: Option<Template>,
}

impl Theme {
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let mut theme = Theme::default();
        let mut errors = Vec::new();
        let theme_dir = root.join(THEMES_DIR).join(name);
        if theme_dir.is_dir() {
            let shown = format!("{THEMES_DIR}/{name}");
            theme.add_templates(
                &theme_dir.join("templates"),
                &format!("{shown}/templates"),
                &mut errors,
            );
            theme.add_statics(&theme_dir.join("static"));
        } else if name == "default" {
            theme.add_embedded();
        } else {
            errors.push(Diagnostic::new(
                "site.toml",
                crate::config::find_key_line(&std::fs::read_to_string(root.join("site.toml")).unwrap_or_default(), "theme"),
                format!("theme: {name:?} not found: expected a folder {THEMES_DIR}/{name}/ (or use theme = \"default\")"),
            ));
        }
        theme.add_templates(&root.join("templates"), "templates", &mut errors);
        theme.add_statics(&root.join("static"));
        if errors.is_empty() {
            Ok(theme)
        } else {
            Err(errors)
        }
    }

    fn add_embedded(&mut self) {
        for (rel, bytes) in embedded::FILES {
            if let Some(name) = rel.strip_prefix("templates/") {
                let template = Template {
                    name: name.to_string(),
                    source: String::from_utf8_lossy(bytes).into_owned(),
                    shown_path: format!("(built-in default theme) templates/{name}"),
                };
                if name == ENTRY_TEMPLATE {
                    self.entry = Some(template);
                } else {
                    self.set_template(template);
                }
            } else if let Some(file) = rel.strip_prefix("static/") {
                self.set_static(StaticFile {
                    rel: file.to_string(),
                    source: StaticSource::Embedded(bytes),
                });
            }
        }
    }

    fn add_templates(&mut self, dir: &Path, shown_dir: &str, errors: &mut Vec<Diagnostic>) {
        for (path, rel) in files_below(dir, crate::content::is_ignored_name) {
            if rel == ENTRY_TEMPLATE {
                if let Ok(source) = std::fs::read_to_string(&path) {
                    self.entry = Some(Template {
                        name: rel,
                        source,
                        shown_path: format!("{shown_dir}/{ENTRY_TEMPLATE}"),
                    });
                }
                continue;
            }
            if !TEMPLATE_EXTENSIONS.iter().any(|ext| rel.ends_with(ext)) {
                continue;
            }
            let shown_path = format!("{shown_dir}/{rel}");
            match std::fs::read_to_string(&path) {
                Ok(source) => self.set_template(Template {
                    name: rel,
                    source,
                    shown_path,
                }),
                Err(e) => errors.push(Diagnostic::new(
                    shown_path,
                    None,
                    format!("cannot read template: {e}"),
                )),
            }
        }
    }

    fn add_statics(&mut self, dir: &Path) {
        for (path, rel) in files_below(dir, is_editor_junk) {
            self.set_static(StaticFile {
                rel,
                source: StaticSource::File(path),
            });
        }
    }

    fn set_template(&mut self, template: Template) {
        match self.templates.iter_mut().find(|t| t.name == template.name) {
            Some(existing) => *existing = template,
            None => self.templates.push(template),
        }
    }

    fn set_static(&mut self, file: StaticFile) {
        match self.statics.iter_mut().find(|s| s.rel == file.rel) {
            Some(existing) => *existing = file,
            None => self.statics.push(file),
        }
    }
}

/// Static files may be hidden on purpose (`.nojekyll` for GitHub Pages, `.well-known/`):
/// only editors' backups and swap files, and version control, are left out.
fn is_editor_junk(name: &str) -> bool {
    name == ".git" || name == ".DS_Store" || crate::content::is_editor_temp(name)
}

/// Every regular file below `dir` that `skip` does not reject, sorted, with its `/`-separated relative path.
fn files_below(dir: &Path, skip: fn(&str) -> bool) -> Vec<(PathBuf, String)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skip(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/");
            (e.into_path(), rel)
        })
        .collect()
}
