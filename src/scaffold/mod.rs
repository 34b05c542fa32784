//! New sites and new entries: `paperpress init` and `paperpress new`. Neither ever
//! overwrites a file.

pub mod install_source;
pub mod workflow;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::{CONFIG_FILE, Config};
use crate::content::arxiv::ArxivId;
use crate::content::{CONTENT_DIR, PAPERS_DIR, Paper, front_matter};
use crate::diagnostics::Diagnostic;
use crate::render::theme::{ENTRY_TEMPLATE, Theme};
use crate::site::slugs;
use install_source::InstallSource;

const SITE_TOML: &str = include_str!("site.toml");
const EXAMPLE_ENTRY: &str = include_str!("example.md");
const GITIGNORE: &str = include_str!("gitignore");
/// Where `init` writes its `.gitignore`, relative to the site's folder.
pub const GITIGNORE_PATH: &str = ".gitignore";

/// Writes `bytes` to a new file; an existing one is an error, never replaced.
fn create(path: &Path, bytes: &str) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| Diagnostic::new(path, None, format!("cannot create: {e}"));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(bytes.as_bytes()))
        .map_err(fail)
}

/// Creates a site in `dir` (made if missing): `site.toml` with comments, an example
/// entry, a `.gitignore` and, given an install source, the GitHub Actions workflow
/// (`workflow::WORKFLOW_PATH`). Refuses a folder that already has a `site.toml`,
/// `content/` or that workflow, before writing anything. A `.gitignore` already there
/// is kept as it is. Returns the files written.
pub fn init(dir: &Path, ci: Option<&InstallSource>) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut taken = vec![CONFIG_FILE, CONTENT_DIR];
    if ci.is_some() {
        taken.push(workflow::WORKFLOW_PATH);
    }
    for existing in taken {
        if dir.join(existing).exists() {
            let what_to_do = if existing == workflow::WORKFLOW_PATH {
                "already exists and is left as it is: move it away, or pass --no-ci to write no workflow"
            } else {
                "already exists: this folder holds a site; choose another folder for a new one"
            };
            return Err(Diagnostic::new(dir.join(existing), None, what_to_do));
        }
    }
    let example = Path::new(CONTENT_DIR)
        .join(PAPERS_DIR)
        .join("2025-05-09")
        .join("an-example-paper-on-scaling-language-models.md");
    let mut files = vec![
        (PathBuf::from(CONFIG_FILE), SITE_TOML.to_string()),
        (example, EXAMPLE_ENTRY.to_string()),
        (PathBuf::from(GITIGNORE_PATH), GITIGNORE.to_string()),
    ];
    if let Some(source) = ci {
        files.push((
            PathBuf::from(workflow::WORKFLOW_PATH),
            workflow::workflow(source),
        ));
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        if rel == Path::new(GITIGNORE_PATH) && dir.join(&rel).exists() {
            continue; // a repository's own .gitignore stays as it is
        }
        create(&dir.join(&rel), &text)?;
        written.push(rel);
    }
    Ok(written)
}

/// Creates one entry from the theme's entry template (`templates/entry.md`) at
/// `content/papers/<date>/<slug>.md` and returns its path (relative to `root`), with a
/// warning when the template writes no slug.
pub fn new_entry(
    root: &Path,
    title: &str,
    arxiv: Option<&str>,
    date: NaiveDate,
) -> Result<(PathBuf, Vec<Diagnostic>), Vec<Diagnostic>> {
    let title = title.trim();
    if title.is_empty() {
        return Err(vec![Diagnostic::new(
            "new",
            None,
            "the title is empty: give one, as in paperpress new \"Title\"",
        )]);
    }
    let arxiv = match arxiv {
        Some(text) => Some(ArxivId::parse(text).ok_or_else(|| {
            vec![Diagnostic::new(
                "--arxiv",
                None,
                format!("expected an arXiv id such as \"2309.05494\" or \"2309.05494v2\", found {text:?}"),
            )]
        })?),
        None => None,
    };
    let same = crate::import::ImportedPaper {
        title: title.to_string(),
        arxiv: arxiv.clone(),
        ..Default::default()
    };
    if let Some(existing) = crate::import::find_existing(root, &same) {
        return Err(vec![Diagnostic::new(
            existing,
            None,
            "is already this paper (same arXiv id or title); edit it rather than adding another",
        )]);
    }
    let config = Config::load(root)?;
    let theme = Theme::load(root, &config.theme)?;
    let template = theme.entry.ok_or_else(|| {
        vec![Diagnostic::new(
            format!("templates/{ENTRY_TEMPLATE}"),
            None,
            "missing: the theme has no entry template; add one to the site's templates/ folder",
        )]
    })?;
    // The slug the build would give the paper, written into the entry so that a later
    // title edit never moves its page, and used as the file's name.
    let (existing, _) = crate::content::load(root, true);
    let (_, mut taken) = slugs::of_content(&existing);
    let slug = taken.claim(&slugs::wanted(title), arxiv.as_ref(), date, &|_| false);
    let text = render(&template.source, title, &slug, arxiv.as_ref(), date)
        .map_err(|message| vec![Diagnostic::new(&template.shown_path, None, message)])?;

    let rel = crate::import::entry_path(&slug, date);
    // The template must make an entry the build accepts.
    let fm = front_matter::parse(&text).map_err(|e| {
        vec![Diagnostic::new(
            &template.shown_path,
            None,
            format!("makes an entry that does not parse: {}", e.message),
        )]
    })?;
    let paper = Paper::from_front_matter(&rel, fm)?;
    let mut warnings = Vec::new();
    if paper.slug.is_none() {
        warnings.push(Diagnostic::new(
            &template.shown_path,
            None,
            format!(
                "writes no `slug`, so editing this paper's title will move its page; add `slug = {{{{ slug | toml }}}}` to it (this entry's is {slug:?})"
            ),
        ));
    }
    if root.join(&rel).exists() {
        return Err(vec![Diagnostic::new(
            &rel,
            None,
            "already exists and is left as it is: choose another title, or another day with --date",
        )]);
    }
    create(&root.join(&rel), &text).map_err(|e| vec![e])?;
    Ok((rel, warnings))
}

/// Renders the entry template. `toml` quotes a string for TOML, so any title is safe.
fn render(
    source: &str,
    title: &str,
    slug: &str,
    arxiv: Option<&ArxivId>,
    date: NaiveDate,
) -> Result<String, String> {
    let mut tera = tera::Tera::default();
    tera.register_filter(
        "toml",
        |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
            let text = value.as_str().unwrap_or_default();
            Ok(tera::Value::String(
                toml::Value::String(text.to_string()).to_string(),
            ))
        },
    );
    tera.add_raw_template(ENTRY_TEMPLATE, source)
        .map_err(|e| e.to_string())?;
    let mut context = tera::Context::new();
    context.insert("title", title);
    context.insert("slug", slug);
    context.insert("date", &date.format("%Y-%m-%d").to_string());
    context.insert("arxiv", &arxiv.map(ToString::to_string).unwrap_or_default());
    tera.render(ENTRY_TEMPLATE, &context).map_err(|e| {
        let mut message = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            message.push_str(&format!(": {s}"));
            source = s.source();
        }
        message
    })
}
