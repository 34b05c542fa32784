//! Writing imported papers as entry files. An existing entry is never overwritten: a
//! paper that is already in the site (same normalized title) is reported and left alone.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::ImportedPaper;
use crate::content::{self, CONTENT_DIR, PAPERS_DIR};
use crate::diagnostics::Diagnostic;
use crate::site::links::title_slug;

#[derive(Debug, PartialEq)]
pub enum Outcome {
    New(PathBuf),
    /// Already in the site at this entry; left as it is.
    Unchanged(PathBuf),
}

/// Titles compared without case, punctuation or spacing differences.
pub fn normalize_title(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where a new entry goes: `content/papers/<date>/<slug>.md`.
fn entry_path(paper: &ImportedPaper) -> PathBuf {
    let slug = title_slug(&paper.title);
    PathBuf::from(CONTENT_DIR)
        .join(PAPERS_DIR)
        .join(paper.date.format("%Y-%m-%d").to_string())
        .join(format!("{slug}.md"))
}

/// Escapes what would change the meaning of plain text in Markdown, so the entry shows
/// exactly the source's words: emphasis and code markers, raw HTML, links, and line-start
/// block markers. Backslashes and dollar signs stay as they are, so LaTeX math survives.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
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
        let special = matches!(c, '*' | '`' | '<' | '|')
            || opens_emphasis
            || (previous.is_none() && matches!(c, '#' | '>' | '-' | '+' | '=' | '~'));
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

/// The front matter an import writes, in the order a person reads it.
#[derive(serde::Serialize)]
struct EntryFields<'a> {
    title: &'a str,
    date: toml::value::Datetime,
}

fn entry_text(paper: &ImportedPaper) -> String {
    let fields = EntryFields {
        title: &paper.title,
        date: paper
            .date
            .format("%Y-%m-%d")
            .to_string()
            .parse()
            .expect("a YYYY-MM-DD date is a TOML date"),
    };
    let front = toml::to_string(&fields).expect("strings and dates serialize");
    format!(
        "+++\n{front}+++\n\n{}\n",
        escape_markdown(&paper.abstract_text)
    )
}

/// Writes the papers that are not in the site yet. With `dry_run`, writes nothing and
/// returns what would happen.
pub fn write_entries(
    root: &Path,
    papers: &[ImportedPaper],
    dry_run: bool,
) -> Result<Vec<Outcome>, Vec<Diagnostic>> {
    // Existing entries, by normalized title. Broken entries are the build's business, not
    // the importer's: what loads is enough to avoid duplicates.
    let (existing, _) = content::load(root, true);
    let mut known: HashMap<String, PathBuf> = existing
        .papers
        .iter()
        .map(|p| (normalize_title(&p.title), p.source.clone()))
        .collect();

    let mut outcomes = Vec::with_capacity(papers.len());
    let mut to_write = Vec::new();
    for paper in papers {
        let key = normalize_title(&paper.title);
        if let Some(path) = known.get(&key) {
            outcomes.push(Outcome::Unchanged(path.clone()));
            continue;
        }
        let mut rel = entry_path(paper);
        let mut n = 2;
        while root.join(&rel).exists() || to_write.iter().any(|(r, _)| r == &rel) {
            rel = rel.with_file_name(format!("{}-{n}.md", title_slug(&paper.title)));
            n += 1;
        }
        known.insert(key, rel.clone());
        to_write.push((rel.clone(), entry_text(paper)));
        outcomes.push(Outcome::New(rel));
    }
    if dry_run {
        return Ok(outcomes);
    }
    let mut errors = Vec::new();
    for (rel, text) in to_write {
        let path = root.join(&rel);
        let result = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                // create_new: even a file that appeared since we looked is never overwritten.
                use std::io::Write;
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)?
                    .write_all(text.as_bytes())
            });
        if let Err(e) = result {
            errors.push(Diagnostic::new(
                &rel,
                None,
                format!("cannot write entry: {e}"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(outcomes)
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
