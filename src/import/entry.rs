//! Writing imported papers as entry files. An existing entry is never overwritten unless
//! the import asks for it (`--update`, which rewrites only the source's fields): a paper
//! that is already in the site (same arXiv id in any version, else same DOI, else same
//! normalized title) is reported and left alone. A paper that may only update
//! (`ImportedPaper::updates_only`) is never written as a new entry, and a paper listed in
//! `site.toml`'s `[fetch] exclude` is never written, whatever the command.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::ImportedPaper;
use crate::content::{self, CONTENT_DIR, PAPERS_DIR};
use crate::diagnostics::Diagnostic;
use crate::site::slugs;

#[derive(Debug, PartialEq)]
pub enum Outcome {
    New(PathBuf),
    /// Already in the site; its source fields were rewritten (`--update`). `true` when
    /// the source's abstract differs from the entry's text, which was kept.
    Updated(PathBuf, bool),
    /// Already in the site at this entry (same arXiv id, DOI or title); left as it is.
    Unchanged(PathBuf),
    /// Not imported, for the reason given.
    Skipped(String),
}

/// Titles compared without case, punctuation or spacing differences.
pub fn normalize_title(title: &str) -> String {
    title
        .chars()
        // `+` and `#` tell "C++" and "C#" from "C".
        .filter(|c| c.is_alphanumeric() || c.is_whitespace() || matches!(c, '+' | '#'))
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where a new entry goes: `content/papers/<date>/<slug>.md`.
pub fn entry_path(slug: &str, date: NaiveDate) -> PathBuf {
    PathBuf::from(CONTENT_DIR)
        .join(PAPERS_DIR)
        .join(date.format("%Y-%m-%d").to_string())
        .join(format!("{slug}.md"))
}

/// Escapes what would change the meaning of plain text in Markdown, so the entry shows
/// exactly the source's words: emphasis and code markers, raw HTML, links, and line-start
/// block markers. Backslashes and dollar signs stay as they are, so LaTeX math survives.
pub fn escape_markdown(text: &str) -> String {
    let math = math_ranges(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().map(|(_, c)| c).peekable();
    let mut offset = 0;
    let mut next_math = 0;
    while let Some(c) = chars.next() {
        let at = offset;
        offset += c.len_utf8();
        // Math is LaTeX, not Markdown: a backslash there would change the formula.
        while next_math < math.len() && math[next_math].start < at {
            next_math += 1;
        }
        if let Some(range) = math.get(next_math).filter(|r| r.start == at) {
            out.push(c);
            for _ in text[at + c.len_utf8()..range.end].chars() {
                let c = chars.next().expect("the range is inside the text");
                offset += c.len_utf8();
                out.push(c);
            }
            previous = out.chars().last();
            continue;
        }
        // `](` and `][` would make a link. A backslash cannot escape them: `\(` and `\[`
        // open math. An entity shows the same character.
        if c == ']' && matches!(chars.peek(), Some('(' | '[')) {
            out.push(']');
            out.push_str(if chars.peek() == Some(&'(') {
                "&#40;"
            } else {
                "&#91;"
            });
            chars.next();
            previous = Some(' ');
            continue;
        }
        // An underscore inside a word (`x_1`, `snake_case`) never starts emphasis.
        let opens_emphasis = c == '_' && !previous.is_some_and(char::is_alphanumeric);
        // `&` would start an entity (`&copy;`), `~~` strikethrough, and a `[` at the start
        // a link reference definition (`\[` cannot escape it: it opens display math).
        if c == '[' && previous.is_none() {
            out.push_str("&#91;");
            previous = Some(c);
            continue;
        }
        let special = matches!(c, '*' | '`' | '<' | '|' | '&' | '~')
            || opens_emphasis
            || (previous.is_none() && matches!(c, '#' | '>' | '-' | '+' | '='));
        previous = Some(c);
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. Introduction" at the start would become a numbered list.
    if let Some(dot) = out.find(['.', ')'])
        && dot > 0
        && out[..dot].bytes().all(|b| b.is_ascii_digit())
    {
        out.insert(dot, '\\');
    }
    out
}

/// Where the Markdown renderer will see math (`$...$`, `$$...$$`) in the text.
fn math_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    use pulldown_cmark::{Event, Options, Parser};
    Parser::new_ext(text, Options::ENABLE_MATH)
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, Event::InlineMath(_) | Event::DisplayMath(_)))
        .map(|(_, range)| range)
        .collect()
}

/// The front matter an import writes, in the order a person reads it.
#[derive(serde::Serialize)]
struct EntryFields<'a> {
    title: &'a str,
    date: toml::value::Datetime,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    arxiv: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    upvotes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rank: Option<u64>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    topics: &'a [String],
    /// Always written, so that a later edit of the title never moves the page.
    slug: String,
    #[serde(flatten)]
    extra: &'a BTreeMap<String, toml::Value>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    links: BTreeMap<&'a str, String>,
}

fn entry_text(paper: &ImportedPaper, date: NaiveDate, topics: &[String], slug: String) -> String {
    let mut links: BTreeMap<&str, String> = paper
        .links
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    if let Some(doi) = &paper.doi {
        links.insert("doi", format!("https://doi.org/{doi}"));
    }
    let fields = EntryFields {
        title: &paper.title,
        date: date
            .format("%Y-%m-%d")
            .to_string()
            .parse()
            .expect("a YYYY-MM-DD date is a TOML date"),
        published: paper.published.map(|p| p.to_string()),
        authors: &paper.authors,
        arxiv: paper.arxiv.as_ref().map(ToString::to_string),
        upvotes: paper.upvotes,
        rank: paper.rank,
        topics,
        slug,
        extra: &paper.extra,
        links,
    };
    let front = toml::to_string(&fields).expect("strings, dates and tables serialize");
    format!(
        "+++\n{front}+++\n\n{}\n",
        escape_markdown_paragraphs(&paper.abstract_text)
    )
}

/// The outcome of `--update` for an entry; a changed entry's new text joins `to_write`.
fn update_existing(
    root: &Path,
    rel: &Path,
    slug: &str,
    paper: &ImportedPaper,
    to_write: &mut Vec<(PathBuf, String, bool)>,
) -> Outcome {
    let existing = match std::fs::read_to_string(root.join(rel)) {
        Ok(text) => text,
        Err(e) => return Outcome::Skipped(format!("{} cannot be read ({e})", rel.display())),
    };
    match super::update::update_entry(&existing, slug, paper) {
        Ok(text) if text == existing => Outcome::Unchanged(rel.to_path_buf()),
        Ok(text) => {
            let differs = super::update::abstract_differs(&existing, paper);
            to_write.push((rel.to_path_buf(), text, true));
            Outcome::Updated(rel.to_path_buf(), differs)
        }
        Err(reason) => Outcome::Skipped(format!("{} was not updated: {reason}", rel.display())),
    }
}

/// The paper without what an entry may not hold: links that are not http(s) URLs, a DOI
/// that does not look like one, upvotes beyond what TOML can store.
fn clean(paper: &ImportedPaper, source: &str, warnings: &mut Vec<Diagnostic>) -> ImportedPaper {
    let mut paper = paper.clone();
    let mut drop = |what: String| {
        warnings.push(Diagnostic::new(
            source,
            Some(paper.source_line).filter(|l| *l > 0),
            format!("{:?}: {what}; left out", paper.title),
        ))
    };
    let mut links = std::collections::BTreeMap::new();
    for (name, url) in &paper.links {
        match content::paper::check_link(name, url) {
            Ok(url) => {
                links.insert(name.clone(), url);
            }
            Err(message) => drop(format!("links.{name}: {message}")),
        }
    }
    if let Some(doi) = &paper.doi
        && (doi.contains(|c: char| c.is_whitespace() || "<>\"".contains(c)))
    {
        drop(format!("DOI {doi:?} is not one"));
        paper.doi = None;
    }
    if paper.upvotes.is_some_and(|u| i64::try_from(u).is_err()) {
        drop("upvotes: too large".to_string());
        paper.upvotes = None;
    }
    paper.links = links;
    paper
}

/// `escape_markdown` for each paragraph (a blank line between them).
pub(super) fn escape_markdown_paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(escape_markdown)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Papers (entries of the site, or papers earlier in the import) by each thing that
/// identifies a paper, each with `T` saying where it is.
struct Known<T> {
    by_arxiv: HashMap<String, T>,
    by_doi: HashMap<String, T>,
    /// Normalized title → where, and the paper's arXiv id if it has one.
    by_title: HashMap<String, (T, Option<String>)>,
}

impl<T> Default for Known<T> {
    fn default() -> Self {
        Known {
            by_arxiv: HashMap::new(),
            by_doi: HashMap::new(),
            by_title: HashMap::new(),
        }
    }
}

impl<T: Clone> Known<T> {
    fn add(&mut self, at: T, title: &str, arxiv: Option<&str>, doi: Option<&str>) {
        if let Some(id) = arxiv {
            self.by_arxiv.insert(id.to_string(), at.clone());
        }
        if let Some(doi) = doi {
            self.by_doi.insert(doi.to_lowercase(), at.clone());
        }
        self.by_title
            .insert(normalize_title(title), (at, arxiv.map(str::to_string)));
    }

    /// Where the same paper is: same arXiv id (any version); else same DOI; else same
    /// title, unless both have arXiv ids and they differ.
    fn find(&self, paper: &ImportedPaper) -> Option<&T> {
        let arxiv = paper.arxiv.as_ref().map(|a| a.id.as_str());
        if let Some(path) = arxiv.and_then(|id| self.by_arxiv.get(id)) {
            return Some(path);
        }
        if let Some(path) = paper
            .doi
            .as_ref()
            .and_then(|d| self.by_doi.get(&d.to_lowercase()))
        {
            return Some(path);
        }
        match self.by_title.get(&normalize_title(&paper.title)) {
            Some((path, Some(theirs))) if arxiv.is_none_or(|ours| ours == theirs) => Some(path),
            Some((path, None)) => Some(path),
            _ => None,
        }
    }
}

/// The site's entries by what identifies them.
fn known_entries(existing: &content::Content) -> Known<PathBuf> {
    let mut known = Known::default();
    for p in &existing.papers {
        let doi = p.links.get("doi").and_then(|d| super::text::doi_of(d));
        let arxiv = p.arxiv.as_ref().map(|a| a.id.as_str());
        known.add(p.source.clone(), &p.title, arxiv, doi.as_deref());
    }
    known
}

/// The entry of the site that is the same paper (by arXiv id, DOI or title), if any.
pub fn find_existing(root: &Path, paper: &ImportedPaper) -> Option<PathBuf> {
    let (existing, _) = content::load(root, true);
    let known = known_entries(&existing);
    known.find(paper).cloned()
}

/// What an import applies to every paper.
pub struct ImportOptions<'a> {
    /// The imported file as shown in messages.
    pub source: &'a str,
    /// The digest day, replacing the source's.
    pub date: Option<NaiveDate>,
    /// Topics to set on every new entry.
    pub topics: &'a [String],
    /// Rewrite the source's fields of entries already in the site, keeping the user's.
    pub update: bool,
    pub dry_run: bool,
}

/// Writes the papers that are not in the site yet. Everything is checked first: if any
/// paper cannot be written (no date, say), nothing is. With `dry_run`, writes nothing and
/// returns what would happen. Papers that `site.toml` excludes (`[fetch] exclude`) are
/// skipped, even under `update`: an editor's removal is final.
pub fn write_entries(
    root: &Path,
    papers: &[ImportedPaper],
    options: &ImportOptions,
) -> Result<(Vec<Outcome>, Vec<Diagnostic>), Vec<Diagnostic>> {
    // The exclude list must be read: an import that cannot read it could bring back a
    // paper the editor removed. Outside a site, this is the error that says so.
    let config = crate::config::Config::load(root)?;
    let excluded: Vec<Option<String>> = papers.iter().map(|p| config.fetch.excluded(p)).collect();
    let missing_dates: Vec<Diagnostic> = papers
        .iter()
        .zip(&excluded)
        // A paper that may only update an entry is never written on a day of its own.
        .filter(|(p, excluded)| {
            options.date.is_none() && p.date.is_none() && !p.updates_only && excluded.is_none()
        })
        .map(|(p, _)| {
            Diagnostic::new(
                options.source,
                Some(p.source_line).filter(|l| *l > 0),
                format!(
                    "{:?} has no date in the source: pass --date YYYY-MM-DD",
                    p.title
                ),
            )
        })
        .collect();
    if !missing_dates.is_empty() {
        return Err(missing_dates);
    }
    // Existing entries. One that does not load might be any paper, so importing could
    // duplicate it: such entries are fixed first.
    // A site without `content/` yet has no entries: the import makes the folder.
    let (existing, report) = if root.join(CONTENT_DIR).is_dir() {
        content::load(root, true)
    } else {
        Default::default()
    };
    if report.has_errors() {
        let mut errors = report.errors;
        errors.push(Diagnostic::new(
            options.source,
            None,
            "not imported: the entries above do not load, so the importer cannot tell whether they are papers of this file; fix them first",
        ));
        return Err(errors);
    }
    let known = known_entries(&existing);
    // The slugs the site's papers have (as the build gives them) and their old addresses,
    // so a new paper never takes one and never moves another paper's page.
    let (current_slugs, mut slugs) = slugs::of_content(&existing);
    // Links and numbers the build would refuse are left out, with a warning, rather than
    // stopping a whole import for one paper's bad link.
    let mut warnings = Vec::new();
    let cleaned: Vec<ImportedPaper> = papers
        .iter()
        .map(|p| clean(p, options.source, &mut warnings))
        .collect();
    let papers = &cleaned;
    let mut outcomes = Vec::with_capacity(papers.len());
    // (entry, text, whether it replaces an existing entry)
    let mut to_write: Vec<(PathBuf, String, bool)> = Vec::new();
    // Papers of this import, by what identifies them, for duplicates within the file.
    let mut this_import: Known<String> = Known::default();
    for (paper, excluded) in papers.iter().zip(excluded) {
        if let Some(id) = excluded {
            outcomes.push(Outcome::Skipped(format!("{id} (excluded in site.toml)")));
            continue;
        }
        if let Some(path) = known.find(paper) {
            let outcome = if paper.updates_only && !options.update {
                Outcome::Skipped(format!(
                    "{} has a new version at the source; pass --update to take it",
                    path.display()
                ))
            } else if options.update {
                let slug = current_slugs.get(path).map_or("", String::as_str);
                update_existing(root, path, slug, paper, &mut to_write)
            } else {
                Outcome::Unchanged(path.clone())
            };
            outcomes.push(outcome);
            continue;
        }
        if paper.updates_only {
            outcomes.push(Outcome::Skipped(
                "not in the site: an announced new version only updates an entry already there"
                    .into(),
            ));
            continue;
        }
        if let Some(first) = this_import.find(paper) {
            outcomes.push(Outcome::Skipped(format!(
                "the same paper as {first:?}, earlier in this file"
            )));
            continue;
        }
        let date = options
            .date
            .or(paper.date)
            .expect("dates were checked above");
        let slug = slugs.claim(
            &slugs::wanted(&paper.title),
            paper.arxiv.as_ref(),
            date,
            &|_| false,
        );
        let mut rel = entry_path(&slug, date);
        let mut n = 2;
        while root.join(&rel).exists() || to_write.iter().any(|(r, _, _)| r == &rel) {
            rel = rel.with_file_name(format!("{slug}-{n}.md"));
            n += 1;
        }
        let arxiv = paper.arxiv.as_ref().map(|a| a.id.as_str());
        this_import.add(
            paper.title.clone(),
            &paper.title,
            arxiv,
            paper.doi.as_deref(),
        );
        to_write.push((
            rel.clone(),
            entry_text(paper, date, options.topics, slug),
            false,
        ));
        outcomes.push(Outcome::New(rel));
    }
    // Every entry written must be one the build accepts.
    let mut invalid = Vec::new();
    for (rel, text, _) in &to_write {
        let checked = content::front_matter::parse(text)
            .map_err(|e| vec![Diagnostic::new(rel, e.line, e.message)])
            .and_then(|fm| content::Paper::from_front_matter(rel, fm).map(drop));
        if let Err(errors) = checked {
            invalid.extend(errors);
        }
    }
    if !invalid.is_empty() {
        return Err(invalid);
    }
    if options.dry_run {
        return Ok((outcomes, warnings));
    }
    // Folders first: if one cannot be made, nothing is written.
    for (rel, _, _) in &to_write {
        if let Some(parent) = root.join(rel).parent()
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            return Err(vec![Diagnostic::new(
                rel,
                None,
                format!("cannot create its folder: {e}"),
            )]);
        }
    }
    let mut errors = Vec::new();
    for (rel, text, replaces) in to_write {
        let path = root.join(&rel);
        let result = if replaces {
            // Written beside the entry and renamed over it: never a half-written entry.
            let temp = path.with_extension("md.paperpress-update");
            std::fs::write(&temp, &text).and_then(|()| std::fs::rename(&temp, &path))
        } else {
            path.parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| {
                    // create_new: even a file that appeared since we looked is never overwritten.
                    use std::io::Write;
                    std::fs::OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .open(&path)?
                        .write_all(text.as_bytes())
                })
        };
        if let Err(e) = result {
            errors.push(Diagnostic::new(
                &rel,
                None,
                format!("cannot write entry: {e}"),
            ));
        }
    }
    if errors.is_empty() {
        Ok((outcomes, warnings))
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_but_keeps_math() {
        assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(
            escape_markdown("a *b* <i> $x_1$ \\alpha _c_"),
            "a \\*b\\* \\<i> $x_1$ \\alpha \\_c_"
        );
        assert_eq!(escape_markdown("1. Intro"), "1\\. Intro");
        assert_eq!(
            escape_markdown("[ref]: http://x &copy; a ~~b~~"),
            "&#91;ref]: http://x \\&copy; a \\~\\~b\\~\\~"
        );
        assert_eq!(
            escape_markdown("if $x_1 < y*z$ then <b>*bold*</b> and $$a<b$$"),
            "if $x_1 < y*z$ then \\<b>\\*bold\\*\\</b> and $$a<b$$"
        );
        assert_eq!(escape_markdown("2025 was. Fine"), "2025 was. Fine");
        assert_eq!(
            escape_markdown("see [1](2) and [x][y] or [a]"),
            "see [1]&#40;2) and [x]&#91;y] or [a]"
        );
    }

    #[test]
    fn normalizes_titles() {
        assert_eq!(
            normalize_title("  Model Soups:  Averaging  "),
            "model soups averaging"
        );
    }
}
