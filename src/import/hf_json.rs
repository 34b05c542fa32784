//! Hugging Face daily-papers JSON (`huggingface.co/api/daily_papers`): an array of
//! items, each holding a `paper`. Both the current shape (with `ai_summary` and
//! `ai_keywords`) and the older one without them are read; unknown fields are ignored.

use chrono::NaiveDate;
use serde::Deserialize;

use super::ImportedPaper;
use super::text::{unwrap_line, unwrap_paragraphs};
use crate::content::arxiv::ArxivId;
use crate::diagnostics::Diagnostic;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    paper: Paper,
    /// When the paper was put on the daily page.
    #[serde(default)]
    published_at: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Paper {
    id: String,
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    authors: Vec<Author>,
    #[serde(default)]
    upvotes: Option<u64>,
    #[serde(default)]
    github_repo: Option<String>,
    #[serde(default)]
    project_page: Option<String>,
    #[serde(default, rename = "ai_keywords")]
    ai_keywords: Option<Vec<String>>,
    #[serde(default)]
    published_at: Option<String>,
}

#[derive(Deserialize)]
struct Author {
    /// Hidden authors (not yet linked to an account) have a name too; all are kept.
    name: String,
}

fn day_of(timestamp: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(timestamp?.get(..10)?, "%Y-%m-%d").ok()
}

/// Parses the whole array; a malformed file is one error with its line and column.
pub fn parse(json: &str, shown: &str) -> Result<Vec<ImportedPaper>, Vec<Diagnostic>> {
    let items: Vec<Item> = serde_json::from_str(json).map_err(|e| {
        vec![Diagnostic::new(
            shown,
            Some(e.line()),
            format!(
                "not daily-papers JSON (column {}): {e}; expected an array of items with a \"paper\" object",
                e.column()
            ),
        )]
    })?;
    let mut papers = Vec::new();
    let mut errors = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let p = item.paper;
        let Some(arxiv) = ArxivId::parse(&p.id) else {
            errors.push(Diagnostic::new(
                shown,
                None,
                format!("item {}: paper.id {:?} is not an arXiv id", i + 1, p.id),
            ));
            continue;
        };
        let mut paper = ImportedPaper {
            title: unwrap_line(&p.title),
            date: day_of(item.published_at.as_deref()).or(day_of(p.published_at.as_deref())),
            authors: p
                .authors
                .into_iter()
                .map(|a| unwrap_line(&a.name))
                .filter(|n| !n.is_empty())
                .collect(),
            arxiv: Some(arxiv),
            upvotes: p.upvotes,
            abstract_text: unwrap_paragraphs(&p.summary),
            // Items have no line of their own; messages name the paper's title.
            source_line: 0,
            ..ImportedPaper::default()
        };
        for (name, url) in [("code", p.github_repo), ("project", p.project_page)] {
            if let Some(url) = url.filter(|u| !u.trim().is_empty()) {
                paper.links.insert(name.into(), url.trim().to_string());
            }
        }
        if let Some(keywords) = p.ai_keywords.filter(|k| !k.is_empty()) {
            let keywords = keywords.into_iter().map(toml::Value::String).collect();
            paper
                .extra
                .insert("ai_keywords".into(), toml::Value::Array(keywords));
        }
        if paper.title.is_empty() {
            errors.push(Diagnostic::new(
                shown,
                None,
                format!("item {}: the paper has no title", i + 1),
            ));
            continue;
        }
        papers.push(paper);
    }
    if errors.is_empty() {
        Ok(papers)
    } else {
        Err(errors)
    }
}
