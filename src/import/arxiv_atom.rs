//! The arXiv API's Atom responses (`export.arxiv.org/api/query?...`).
//!
//! Elements are matched by namespace URI, never by prefix: older responses declare the
//! namespaces on each element, newer ones on the root, and the arXiv namespace has been
//! written with `http` and `https`. Titles and abstracts come hard-wrapped and are
//! unwrapped; a blank line, or a line break followed by indentation, starts a paragraph. The API reports a bad query as an entry titled
//! "Error" with no published date: that is an error, and nothing is imported.

use chrono::NaiveDate;
use roxmltree::Node;

use super::ImportedPaper;
use super::text::{doi_of, unwrap_indented_paragraphs, unwrap_line};
use super::xml::{self, ARXIV, ATOM, children, is, text_of};
use crate::content::arxiv::ArxivId;
use crate::content::partial_date::PartialDate;
use crate::diagnostics::Diagnostic;

/// Parses a whole response. Every problem is reported, with its line; any problem means
/// no paper is returned.
pub fn parse(xml: &str, shown: &str) -> Result<Vec<ImportedPaper>, Vec<Diagnostic>> {
    let doc = xml::parse(xml, shown, "an arXiv API (Atom) response").map_err(|e| vec![e])?;
    let root = doc.root_element();
    if is(&root, xml::NO_NAMESPACE, "rss") {
        return Err(vec![Diagnostic::new(
            shown,
            Some(xml::line_of(&doc, root)),
            "this is an RSS feed (rss.arxiv.org), not an arXiv API response: import it with `paperpress import arxiv-rss`",
        )]);
    }
    if !is(&root, ATOM, "feed") {
        return Err(vec![Diagnostic::new(
            shown,
            Some(xml::line_of(&doc, root)),
            "not an Atom feed (no <feed> in the Atom namespace); export.arxiv.org/api/query returns one",
        )]);
    }
    let mut papers = Vec::new();
    let mut errors = Vec::new();
    for entry in children(root, ATOM, "entry") {
        let line = xml::line_of(&doc, entry);
        match paper(entry, line) {
            Ok(p) => papers.push(p),
            Err(message) => errors.push(Diagnostic::new(shown, Some(line), message)),
        }
    }
    if errors.is_empty() {
        Ok(papers)
    } else {
        Err(errors)
    }
}

fn paper(entry: Node, line: usize) -> Result<ImportedPaper, String> {
    let title = unwrap_line(&text_of(entry, ATOM, "title").unwrap_or_default());
    let summary = unwrap_indented_paragraphs(&text_of(entry, ATOM, "summary").unwrap_or_default());
    let id_text = text_of(entry, ATOM, "id").unwrap_or_default();
    let published = text_of(entry, ATOM, "published");
    if title == "Error" && published.is_none() {
        return Err(format!(
            "the arXiv API answered with an error: {}",
            if summary.is_empty() {
                id_text.trim()
            } else {
                &summary
            }
        ));
    }
    if title.is_empty() {
        return Err("entry without a <title>".into());
    }
    let arxiv = ArxivId::parse(id_text.trim())
        .ok_or_else(|| format!("{title:?}: <id> {:?} is not an arXiv id", id_text.trim()))?;
    let date = match published.as_deref().map(str::trim) {
        Some(p) => Some(
            p.get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .ok_or_else(|| format!("{title:?}: <published> {p:?} is not a date"))?,
        ),
        None => None,
    };
    let mut paper = ImportedPaper {
        title,
        // The digest day is the day the paper was first published (`--date` replaces
        // it); `published` is that day too, as a date a citation can use.
        date,
        published: date.map(PartialDate::from_date),
        authors: children(entry, ATOM, "author")
            .filter_map(|a| text_of(a, ATOM, "name"))
            .map(|n| unwrap_line(&n))
            .filter(|n| !n.is_empty())
            .collect(),
        arxiv: Some(arxiv),
        abstract_text: summary,
        source_line: line,
        ..ImportedPaper::default()
    };
    for link in children(entry, ATOM, "link") {
        let href = link.attribute("href").unwrap_or("").trim();
        match link.attribute("title") {
            Some("pdf") if !href.is_empty() => {
                paper
                    .links
                    .insert("pdf".into(), href.replacen("http://", "https://", 1));
            }
            Some("doi") => paper.doi = doi_of(href).or(paper.doi.take()),
            _ => {}
        }
    }
    if let Some(doi) = text_of(entry, ARXIV, "doi").and_then(|d| doi_of(&d)) {
        paper.doi = Some(doi);
    }
    let primary = children(entry, ARXIV, "primary_category")
        .find_map(|c| c.attribute("term"))
        .map(str::to_string);
    let categories: Vec<toml::Value> = children(entry, ATOM, "category")
        .filter_map(|c| c.attribute("term"))
        .map(|t| toml::Value::String(t.to_string()))
        .collect();
    if let Some(primary) = primary {
        paper
            .extra
            .insert("primary_category".into(), primary.into());
    }
    if !categories.is_empty() {
        paper
            .extra
            .insert("categories".into(), toml::Value::Array(categories));
    }
    for (element, key) in [("comment", "comment"), ("journal_ref", "journal_ref")] {
        if let Some(text) = text_of(entry, ARXIV, element).map(|t| unwrap_line(&t))
            && !text.is_empty()
        {
            paper.extra.insert(key.into(), text.into());
        }
    }
    Ok(paper)
}
