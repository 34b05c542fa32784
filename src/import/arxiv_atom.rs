//! The arXiv API's Atom responses (`export.arxiv.org/api/query?...`).
//!
//! Elements are matched by namespace URI, never by prefix: older responses declare the
//! namespaces on each element, newer ones on the root, and the arXiv namespace has been
//! written with `http` and `https`. Titles and abstracts come hard-wrapped and are
//! unwrapped (paragraph breaks kept). The API reports a bad query as an entry titled
//! "Error" with no published date: that is an error, and nothing is imported.

use chrono::NaiveDate;
use roxmltree::{Document, Node};

use super::ImportedPaper;
use super::text::{doi_of, unwrap_line, unwrap_paragraphs};
use crate::content::arxiv::ArxivId;
use crate::diagnostics::Diagnostic;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const ARXIV: [&str; 2] = [
    "http://arxiv.org/schemas/atom",
    "https://arxiv.org/schemas/atom",
];

fn is(node: &Node, namespaces: &[&str], name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node
            .tag_name()
            .namespace()
            .is_some_and(|ns| namespaces.contains(&ns))
}

fn children<'a, 'i>(
    node: Node<'a, 'i>,
    namespaces: &'a [&'a str],
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children().filter(move |c| is(c, namespaces, name))
}

fn text_of(node: Node, namespaces: &[&str], name: &str) -> Option<String> {
    let text: String = children(node, namespaces, name)
        .next()?
        .descendants()
        .filter(Node::is_text)
        .filter_map(|t| t.text())
        .collect();
    Some(text)
}

/// Parses a whole response. Every problem is reported, with its line; any problem means
/// no paper is returned.
pub fn parse(xml: &str, shown: &str) -> Result<Vec<ImportedPaper>, Vec<Diagnostic>> {
    let doc = Document::parse(xml).map_err(|e| {
        let pos = e.pos();
        vec![Diagnostic::new(
            shown,
            Some(pos.row as usize),
            format!("not valid XML: {e}; is this an arXiv API (Atom) response?"),
        )]
    })?;
    let root = doc.root_element();
    if !is(&root, &[ATOM], "feed") {
        return Err(vec![Diagnostic::new(
            shown,
            Some(1),
            "not an Atom feed (no <feed> in the Atom namespace); export.arxiv.org/api/query returns one",
        )]);
    }
    let mut papers = Vec::new();
    let mut errors = Vec::new();
    for entry in children(root, &[ATOM], "entry") {
        let line = doc.text_pos_at(entry.range().start).row as usize;
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
    let title = unwrap_line(&text_of(entry, &[ATOM], "title").unwrap_or_default());
    let summary = unwrap_paragraphs(&text_of(entry, &[ATOM], "summary").unwrap_or_default());
    let id_text = text_of(entry, &[ATOM], "id").unwrap_or_default();
    let published = text_of(entry, &[ATOM], "published");
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
        date,
        authors: children(entry, &[ATOM], "author")
            .filter_map(|a| text_of(a, &[ATOM], "name"))
            .map(|n| unwrap_line(&n))
            .filter(|n| !n.is_empty())
            .collect(),
        arxiv: Some(arxiv),
        abstract_text: summary,
        source_line: line,
        ..ImportedPaper::default()
    };
    for link in children(entry, &[ATOM], "link") {
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
    if let Some(doi) = text_of(entry, &ARXIV, "doi").and_then(|d| doi_of(&d)) {
        paper.doi = Some(doi);
    }
    let primary = children(entry, &ARXIV, "primary_category")
        .find_map(|c| c.attribute("term"))
        .map(str::to_string);
    let categories: Vec<toml::Value> = children(entry, &[ATOM], "category")
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
        if let Some(text) = text_of(entry, &ARXIV, element).map(|t| unwrap_line(&t))
            && !text.is_empty()
        {
            paper.extra.insert(key.into(), text.into());
        }
    }
    Ok(paper)
}
