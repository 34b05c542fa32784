//! BibTeX files as labs keep them, parsed by the `biblatex` crate: `@string` and month
//! macros resolved, LaTeX accents (`{\"u}`, `\'{e}`, `{\c{s}}`, `\u{g}`) turned into
//! Unicode, protective braces removed, math kept.
//!
//! Real files have a non-BibTeX block at the top, comments, trailing commas and now and
//! then an entry the parser cannot read. Such an entry is skipped with a warning naming
//! its line, and the rest is imported.

use biblatex::{Bibliography, ChunksExt, Entry, PermissiveType};
use chrono::NaiveDate;

use super::ImportedPaper;
use super::arxiv_atom::doi_of;
use super::text::{unwrap_line, unwrap_paragraphs};
use crate::config::line_of_offset;
use crate::content::arxiv::ArxivId;
use crate::diagnostics::Diagnostic;

/// More unreadable entries than this, and the file is not BibTeX at all.
const MAX_SKIPPED: usize = 1000;

/// Parses a whole file. Unreadable entries become warnings; entries without a title are
/// skipped with a warning too.
pub fn parse(
    text: &str,
    shown: &str,
) -> Result<(Vec<ImportedPaper>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut source = text.replace("\r\n", "\n");
    let mut warnings = Vec::new();
    let bibliography = loop {
        let result = std::panic::catch_unwind(|| Bibliography::parse(&source));
        match result {
            Ok(Ok(bibliography)) => break bibliography,
            Ok(Err(e)) if warnings.len() < MAX_SKIPPED => {
                let (start, end) = entry_around(&source, e.span.start);
                let line = line_of_offset(&source, start);
                warnings.push(Diagnostic::new(
                    shown,
                    Some(line),
                    format!(
                        "skipped an entry BibTeX cannot read ({}); fix it to import it",
                        e.kind
                    ),
                ));
                blank_out(&mut source, start, end);
            }
            Ok(Err(e)) => {
                let line = line_of_offset(&source, e.span.start);
                return Err(vec![Diagnostic::new(
                    shown,
                    Some(line),
                    format!("not BibTeX: {}", e.kind),
                )]);
            }
            Err(_) => {
                return Err(vec![Diagnostic::new(
                    shown,
                    None,
                    "the BibTeX parser failed on this file",
                )]);
            }
        }
    };
    let mut papers = Vec::new();
    for entry in bibliography.iter() {
        let line = source
            .find(&format!("{{{},", entry.key))
            .map_or(1, |at| line_of_offset(&source, at));
        match paper(entry, line) {
            Some(p) => papers.push(p),
            None => warnings.push(Diagnostic::new(
                shown,
                Some(line),
                format!(
                    "skipped @{}{{{}}}: it has no title",
                    entry.entry_type, entry.key
                ),
            )),
        }
    }
    Ok((papers, warnings))
}

/// The byte range of the entry holding `offset`: from the `@` that starts it (at a line
/// start) to the next entry's `@`.
fn entry_around(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let start = source[..offset].rfind("\n@").map_or(0, |i| i + 1);
    let end = source[offset..]
        .find("\n@")
        .map_or(source.len(), |i| offset + i + 1);
    (start, end)
}

/// Replaces a range with spaces, keeping line breaks, so that offsets and lines after
/// it stay as they were.
fn blank_out(source: &mut String, start: usize, end: usize) {
    let blank: String = source[start..end]
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    source.replace_range(start..end, &blank);
}

fn field(entry: &Entry, name: &str) -> Option<String> {
    let text = entry.get(name)?.format_verbatim();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn paper(entry: &Entry, line: usize) -> Option<ImportedPaper> {
    let title = unwrap_line(&field(entry, "title")?);
    if title.is_empty() {
        return None;
    }
    let authors = entry
        .author()
        .map(|people| {
            people
                .iter()
                .map(|p| {
                    let parts = [
                        p.given_name.as_str(),
                        p.prefix.as_str(),
                        p.name.as_str(),
                        p.suffix.as_str(),
                    ];
                    unwrap_line(&parts.join(" "))
                })
                .filter(|n| !n.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let arxiv = ["eprint", "arxiv", "arxivid"]
        .iter()
        .filter_map(|f| field(entry, f))
        .find_map(|id| ArxivId::parse(&id));
    let mut paper = ImportedPaper {
        title,
        date: date_of(entry),
        authors,
        arxiv,
        doi: field(entry, "doi").and_then(|d| doi_of(&d)),
        abstract_text: field(entry, "abstract")
            .map(|a| unwrap_paragraphs(&a))
            .unwrap_or_default(),
        source_line: line,
        ..ImportedPaper::default()
    };
    // A web address other than arXiv's (which the arXiv id already gives).
    if let Some(url) = field(entry, "url")
        && (url.starts_with("http://") || url.starts_with("https://"))
        && !url.contains("arxiv.org/")
    {
        paper.links.insert("url".into(), url);
    }
    paper
        .extra
        .insert("bibtex_key".into(), entry.key.clone().into());
    for (name, key) in [("journal", "journal"), ("booktitle", "venue")] {
        if let Some(text) = field(entry, name) {
            paper.extra.insert(key.into(), unwrap_line(&text).into());
        }
    }
    Some(paper)
}

/// `year` and `month` (a number, a name or a macro like `jul`): the first of the month,
/// or of January.
fn date_of(entry: &Entry) -> Option<NaiveDate> {
    match entry.date().ok()? {
        PermissiveType::Typed(date) => {
            let at = match date.value {
                biblatex::DateValue::At(d)
                | biblatex::DateValue::After(d)
                | biblatex::DateValue::Before(d)
                | biblatex::DateValue::Between(d, _) => d,
            };
            let month = at.month.map_or(1, |m| u32::from(m) + 1);
            NaiveDate::from_ymd_opt(at.year, month, 1)
        }
        PermissiveType::Chunks(_) => None,
    }
}
