//! BibTeX files as labs keep them, parsed by the `biblatex` crate: `@string` and month
//! macros resolved, LaTeX accents (`{\"u}`, `\'{e}`, `{\c{s}}`, `\u{g}`) turned into
//! Unicode, protective braces removed, math kept.
//!
//! Real files have a non-BibTeX block at the top, comments, trailing commas and now and
//! then an entry the parser cannot read. Such an entry is skipped with a warning naming
//! its line, and the rest is imported.

use biblatex::{Bibliography, Chunk, Entry, PermissiveType};
use chrono::NaiveDate;

use super::ImportedPaper;
use super::text::{doi_of, plain_latex, unwrap_line, unwrap_paragraphs};
use crate::content::arxiv::ArxivId;
use crate::content::partial_date::PartialDate;
use crate::diagnostics::Diagnostic;

/// Parses a whole file. Each entry is parsed on its own (with the file's `@string`
/// macros), so one the parser cannot read is skipped with a warning and never takes the
/// entries after it along. Entries without a title are skipped with a warning too.
///
/// `day` is the digest day of every entry (`--date`, or the day of the import): the
/// entry's `year` and `month` say when the paper was published, not when the digest
/// took it, and become `published`.
pub fn parse(
    text: &str,
    shown: &str,
    day: NaiveDate,
) -> Result<(Vec<ImportedPaper>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let source = text.replace("\r\n", "\n");
    let chunks = split_entries(&source);
    let macros: String = chunks
        .iter()
        .filter(|c| c.kind == "string")
        .map(|c| c.text)
        .collect::<Vec<_>>()
        .join("\n");
    let mut papers = Vec::new();
    let mut warnings = Vec::new();
    for chunk in chunks
        .iter()
        .filter(|c| !matches!(c.kind.as_str(), "string" | "comment" | "preamble"))
    {
        let input = format!("{macros}\n{}", chunk.text);
        let parsed = std::panic::catch_unwind(|| Bibliography::parse(&input));
        let bibliography = match parsed {
            Ok(Ok(b)) => b,
            Ok(Err(e)) => {
                warnings.push(Diagnostic::new(
                    shown,
                    Some(chunk.line),
                    format!(
                        "skipped an entry BibTeX cannot read ({}); fix it to import it",
                        e.kind
                    ),
                ));
                continue;
            }
            Err(_) => {
                warnings.push(Diagnostic::new(
                    shown,
                    Some(chunk.line),
                    "skipped an entry the BibTeX parser failed on",
                ));
                continue;
            }
        };
        for entry in bibliography.iter() {
            match paper(entry, chunk.line, day) {
                Some(p) => papers.push(p),
                None => warnings.push(Diagnostic::new(
                    shown,
                    Some(chunk.line),
                    format!(
                        "skipped @{}{{{}}}: it has no title",
                        entry.entry_type, entry.key
                    ),
                )),
            }
        }
    }
    Ok((papers, warnings))
}

/// A piece of the file from one `@` at the start of a line (after any indentation) to
/// the next.
struct Piece<'a> {
    /// `article`, `string`, `comment`, ... (lowercase).
    kind: String,
    text: &'a str,
    line: usize,
}

/// Cuts the file into entries at each line that starts with `@`. Text before the first
/// one (an export tool's banner, say) is not BibTeX and is left out.
fn split_entries(source: &str) -> Vec<Piece<'_>> {
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (byte offset, line)
    let mut offset = 0;
    for (i, line) in source.split_inclusive('\n').enumerate() {
        if line.trim_start().starts_with('@') {
            starts.push((offset + (line.len() - line.trim_start().len()), i + 1));
        }
        offset += line.len();
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, &(start, line))| {
            let end = starts.get(k + 1).map_or(source.len(), |&(next, _)| next);
            let text = &source[start..end];
            let kind = text[1..]
                .split(['{', '('])
                .next()
                .unwrap_or("")
                .trim()
                .to_lowercase();
            Piece { kind, text, line }
        })
        .collect()
}

/// A field's text with its math kept as `$...$` and a literal dollar (`\$` in BibTeX)
/// escaped, so that it never opens math by accident.
fn field(entry: &Entry, name: &str) -> Option<String> {
    let mut text = String::new();
    for chunk in entry.get(name)? {
        match &chunk.v {
            Chunk::Normal(s) | Chunk::Verbatim(s) => {
                text.push_str(&plain_latex(s).replace('$', "\\$"));
            }
            Chunk::Math(s) => {
                text.push('$');
                text.push_str(s);
                text.push('$');
            }
        }
    }
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn paper(entry: &Entry, line: usize, day: NaiveDate) -> Option<ImportedPaper> {
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
                // `and others` is not a person.
                .filter(|n| !n.is_empty() && n != "others")
                .collect()
        })
        .unwrap_or_default();
    let arxiv = ["eprint", "arxiv", "arxivid"]
        .iter()
        .filter_map(|f| field(entry, f))
        .find_map(|id| ArxivId::parse(&id));
    let mut paper = ImportedPaper {
        title,
        // A BibTeX entry belongs to no digest day: the caller gives one.
        date: Some(day),
        published: published_of(entry),
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

/// The entry's publication date at the precision it gives: `year` alone is a year,
/// `year` and `month` (a number, a name or a macro like `jul`) a month, and a biblatex
/// `date` with a day a day. No day or month is ever made up.
fn published_of(entry: &Entry) -> Option<PartialDate> {
    typed_date(entry).or_else(|| {
        // A month the parser cannot read (`month = {13}`) must not lose a good year.
        let year = field(entry, "year")?;
        PartialDate::parse(year.trim())
    })
}

fn typed_date(entry: &Entry) -> Option<PartialDate> {
    match entry.date().ok()? {
        PermissiveType::Typed(date) => {
            let at = match date.value {
                biblatex::DateValue::At(d)
                | biblatex::DateValue::After(d)
                | biblatex::DateValue::Before(d)
                | biblatex::DateValue::Between(d, _) => d,
            };
            // Entries store four-digit years.
            if !(1..=9999).contains(&at.year) {
                return None;
            }
            // biblatex counts months and days from zero.
            match (at.month.map(u32::from), at.day.map(u32::from)) {
                (Some(m), Some(d)) => {
                    NaiveDate::from_ymd_opt(at.year, m + 1, d + 1).map(PartialDate::from_date)
                }
                (Some(m), None) => PartialDate::year_month(at.year, m + 1),
                _ => PartialDate::year(at.year),
            }
        }
        PermissiveType::Chunks(_) => None,
    }
}
