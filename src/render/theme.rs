//! Finding a theme's templates and static files, and the site's own overrides.
//!
//! A site's `templates/x.html` replaces the theme's `x.html`; a site's `static/` file
//! replaces the theme's file of the same path. A theme whose `theme.toml` says
//! `extends = "default"` starts from that theme and replaces or adds files the same way.
//! The themes of this repository are built into the binary, so a site that has no
//! `themes/<name>/` folder still builds with them; a folder of that name wins.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/themes.rs"));
}

/// How many themes may extend one another before it is taken for a loop.
const MAX_EXTENDS: usize = 4;

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
    /// A file of a built-in theme: the theme's name and the bytes.
    Embedded(&'static str, &'static [u8]),
}

impl StaticFile {
    /// Where the user would find the file, for messages.
    pub fn shown(&self) -> String {
        match &self.source {
            StaticSource::File(p) => p.display().to_string(),
            StaticSource::Embedded(theme, _) => {
                format!("(built-in {theme} theme) static/{}", self.rel)
            }
        }
    }

    /// Its size in bytes.
    pub fn size(&self) -> std::io::Result<u64> {
        match &self.source {
            StaticSource::File(p) => std::fs::metadata(p).map(|m| m.len()),
            StaticSource::Embedded(_, bytes) => Ok(bytes.len() as u64),
        }
    }

    pub fn bytes(&self) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        match &self.source {
            StaticSource::File(p) => std::fs::read(p).map(std::borrow::Cow::Owned),
            StaticSource::Embedded(_, bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
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
        let site_toml = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
        let named_at = Diagnostic::new(
            "site.toml",
            crate::config::find_key_line(&site_toml, "theme"),
            "theme",
        );
        theme.add_theme(root, name, &named_at, &mut Vec::new(), &mut errors);
        theme.add_templates(&root.join("templates"), "templates", &mut errors);
        theme.add_statics(&root.join("static"));
        if errors.is_empty() {
            Ok(theme)
        } else {
            Err(errors)
        }
    }

    /// Adds the theme `name`, after the theme it extends: the site's folder
    /// `themes/<name>/` if there is one, else the built-in theme of that name.
    /// `named_at` is where the name was written (`site.toml`'s `theme`, or the `extends`
    /// of the theme.toml before it in `chain`), for errors about it.
    fn add_theme(
        &mut self,
        root: &Path,
        name: &str,
        named_at: &Diagnostic,
        chain: &mut Vec<String>,
        errors: &mut Vec<Diagnostic>,
    ) {
        let theme_dir = root.join(THEMES_DIR).join(name);
        let shown = format!("{THEMES_DIR}/{name}");
        let at = |message: String| {
            Diagnostic::new(
                named_at.file.clone(),
                named_at.line,
                format!("{}: {message}", named_at.message),
            )
        };
        if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
            errors.push(at(format!(
                "{name:?} is not a theme name: write the name of a folder under {THEMES_DIR}/, or of a built-in theme (\"default\", \"compact\")"
            )));
            return;
        }
        if chain.iter().any(|n| n == name) {
            chain.push(name.to_string());
            let hint = if theme_dir.is_dir() && embedded::FILES.iter().any(|(t, _, _)| *t == name) {
                format!(
                    "the site's folder {THEMES_DIR}/{name}/ takes the place of the built-in theme {name:?}, so it cannot extend it; rename the folder (say {THEMES_DIR}/my-{name}/, with theme = \"my-{name}\") and keep extends = \"{name}\""
                )
            } else {
                "let one of them extend a theme outside the loop, or nothing".to_string()
            };
            errors.push(at(format!(
                "{name:?} makes a loop of themes extending each other ({}); {hint}",
                chain.join(" extends ")
            )));
            return;
        }
        chain.push(name.to_string());
        if chain.len() > MAX_EXTENDS {
            errors.push(at(format!(
                "more than {MAX_EXTENDS} themes extend one another ({}); the most is {MAX_EXTENDS}",
                chain.join(" extends ")
            )));
            return;
        }
        let built_in = || {
            embedded::FILES
                .iter()
                .filter(move |(theme, _, _)| *theme == name)
        };
        let manifest = if theme_dir.is_dir() {
            std::fs::read_to_string(theme_dir.join("theme.toml")).unwrap_or_default()
        } else if let Some((_, _, bytes)) = built_in().find(|(_, rel, _)| *rel == "theme.toml") {
            String::from_utf8_lossy(bytes).into_owned()
        } else if built_in().next().is_some() {
            String::new()
        } else {
            errors.push(at(unknown_theme(root, name)));
            return;
        };
        let manifest_path = format!("{shown}/theme.toml");
        match read_manifest(&manifest) {
            Ok(Some(parent)) => {
                let extends_at = Diagnostic::new(
                    manifest_path.as_str(),
                    crate::config::find_key_line(&manifest, "extends"),
                    "extends",
                );
                self.add_theme(root, &parent, &extends_at, chain, errors);
            }
            Ok(None) => {}
            Err((line, message)) => {
                errors.push(Diagnostic::new(manifest_path.as_str(), line, message))
            }
        }
        if theme_dir.is_dir() {
            self.add_templates(
                &theme_dir.join("templates"),
                &format!("{shown}/templates"),
                errors,
            );
            self.add_statics(&theme_dir.join("static"));
        } else if let Some((theme, _, _)) = built_in().next() {
            self.add_embedded(theme);
        }
    }

    fn add_embedded(&mut self, theme: &'static str) {
        for (_, rel, bytes) in embedded::FILES.iter().filter(|(t, _, _)| *t == theme) {
            if let Some(name) = rel.strip_prefix("templates/") {
                let template = Template {
                    name: name.to_string(),
                    source: String::from_utf8_lossy(bytes).into_owned(),
                    shown_path: format!("(built-in {theme} theme) templates/{name}"),
                };
                if name == ENTRY_TEMPLATE {
                    self.entry = Some(template);
                } else {
                    self.set_template(template);
                }
            } else if let Some(file) = rel.strip_prefix("static/") {
                self.set_static(StaticFile {
                    rel: file.to_string(),
                    source: StaticSource::Embedded(theme, bytes),
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

/// The theme a `theme.toml` extends, if any; or the line and the words of its error.
/// Its other keys describe the theme to people, but one a letter or two from `extends`
/// is taken for a misspelling, as it would silently leave the theme without a parent.
fn read_manifest(text: &str) -> Result<Option<String>, (Option<usize>, String)> {
    let table: toml::Table =
        toml::from_str(text).map_err(|e| crate::config::toml_syntax_error(text, &e))?;
    if let Some(near) = table
        .keys()
        .find(|k| *k != "extends" && strsim::damerau_levenshtein(k, "extends") <= 2)
    {
        return Err((
            crate::config::find_key_line(text, near),
            format!("unknown key {near:?}; did you mean \"extends\"?"),
        ));
    }
    match table.get("extends") {
        None => Ok(None),
        Some(toml::Value::String(parent)) => Ok(Some(parent.clone())),
        Some(other) => Err((
            crate::config::find_key_line(text, "extends"),
            format!(
                "extends: expected the name of a theme in quotes, found {}",
                other.type_str()
            ),
        )),
    }
}

/// Why there is no theme `name`: what there is instead, nearest first.
fn unknown_theme(root: &Path, name: &str) -> String {
    let mut built_in: Vec<&str> = embedded::FILES.iter().map(|(t, _, _)| *t).collect();
    built_in.dedup();
    let folders: Vec<String> = std::fs::read_dir(root.join(THEMES_DIR))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let meant = crate::diagnostics::closest_name(
        name,
        built_in
            .iter()
            .copied()
            .chain(folders.iter().map(String::as_str)),
    );
    let mut message = format!(
        "{name:?} not found: expected a folder {THEMES_DIR}/{name}/, or a built-in theme ({})",
        built_in
            .iter()
            .map(|n| format!("{n:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(n) = meant {
        message.push_str(&format!("; did you mean {n:?}?"));
    }
    message
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
