//! Hugging Face daily papers as JSON. The API (`huggingface.co/api/daily_papers`) sends
//! an array of items, each holding a `paper`; the papers page embeds a listing object,
//! `{"dailyPapers": [...], "date": ...}`, and both are read (`papers` or `items` may
//! hold the list too). Both the current item shape (with `ai_summary` and `ai_keywords`)
//! and the older one without them are read; unknown fields are ignored.
//!
//! Two dates, never mixed up:
//! - the digest day, the day of the daily page, is `paper.submittedOnDailyAt` (as a UTC
//!   date), else the listing's own `date`; `--date` replaces it;
//! - `published`, the arXiv date, is `paper.publishedAt`, else the item's `publishedAt`
//!   (which the API gives as midnight in New York time, so its UTC date can be the day
//!   before), at day precision. It is never the digest day.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use super::ImportedPaper;
use super::text::{unwrap_line, unwrap_paragraphs};
use crate::content::arxiv::ArxivId;
use crate::content::partial_date::PartialDate;
use crate::diagnostics::Diagnostic;

/// The listing object of the papers page.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Listing {
    #[serde(default)]
    daily_papers: Option<Vec<Item>>,
    #[serde(default)]
    papers: Option<Vec<Item>>,
    #[serde(default)]
    items: Option<Vec<Item>>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    date_string: Option<String>,
    /// The API answers a bad request with `{"error": "..."}`.
    #[serde(default)]
    error: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    paper: Paper,
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
    /// The arXiv date.
    #[serde(default)]
    published_at: Option<String>,
    /// When the paper was put on the daily page: the day of that page.
    #[serde(default)]
    submitted_on_daily_at: Option<String>,
}

#[derive(Deserialize)]
struct Author {
    /// Hidden authors (not yet linked to an account) have a name too; all are kept.
    name: String,
}

/// The UTC date of a timestamp (`2026-08-03T00:00:00.000Z`), or the date itself
/// (`2026-08-03`).
fn utc_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc).date_naive())
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
}

/// serde_json's message without the position it appends, and the line of the problem:
/// "... at line 3, column 7", or, when the file stops early, that it does, at its last
/// line. serde_json's column 0 (its place just after a line break) is never shown: no
/// editor has such a column.
fn json_error(e: &serde_json::Error, json: &str) -> (String, Option<usize>) {
    let full = e.to_string();
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |at| &full[..at])
        .to_string();
    if e.is_eof() {
        (
            format!("the JSON is cut off at the end of the file ({message})"),
            Some(json.lines().count().max(1)),
        )
    } else if e.column() == 0 {
        (format!("{message} at line {}", e.line()), Some(e.line()))
    } else {
        (
            format!("{message} at line {}, column {}", e.line(), e.column()),
            Some(e.line()),
        )
    }
}

/// Parses a whole array or listing. A malformed file is one error with its line.
pub fn parse(json: &str, shown: &str) -> Result<Vec<ImportedPaper>, Vec<Diagnostic>> {
    let not_json = |e: serde_json::Error| {
        let (message, line) = json_error(&e, json);
        vec![Diagnostic::new(
            shown,
            line,
            format!(
                "not daily-papers JSON: {message}; expected an array of items with a \"paper\" object, or a listing {{\"date\": ..., \"dailyPapers\": [...]}}"
            ),
        )]
    };
    // A byte-order mark is no part of the JSON (editors on Windows write one).
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    // The first character tells the shapes apart, so a broken file's error names the
    // place in the shape it meant.
    let (items, listing_day) = if json.trim_start().starts_with('{') {
        let listing: Listing = serde_json::from_str(json).map_err(not_json)?;
        if let Some(error) = &listing.error {
            return Err(vec![Diagnostic::new(
                shown,
                None,
                format!("not daily-papers JSON but an error from Hugging Face: {error:?}"),
            )]);
        }
        let Some(items) = listing.daily_papers.or(listing.papers).or(listing.items) else {
            return Err(vec![Diagnostic::new(
                shown,
                None,
                "a JSON object without a list of papers: expected \"dailyPapers\", \"papers\" or \"items\"",
            )]);
        };
        let day_text = listing.date.or(listing.date_string);
        let day = match day_text.as_deref().map(|d| (d, utc_day(d))) {
            Some((_, Some(day))) => Some(day),
            Some((text, None)) => {
                return Err(vec![Diagnostic::new(
                    shown,
                    None,
                    format!("the listing's date {text:?} is not a date (YYYY-MM-DD)"),
                )]);
            }
            None => None,
        };
        (items, day)
    } else {
        (serde_json::from_str(json).map_err(not_json)?, None)
    };
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
        let submitted = match p.submitted_on_daily_at.as_deref().map(|t| (t, utc_day(t))) {
            Some((_, Some(day))) => Some(day),
            Some((text, None)) => {
                errors.push(Diagnostic::new(
                    shown,
                    None,
                    format!(
                        "item {}: paper.submittedOnDailyAt {text:?} is not a date and time (as 2026-08-03T00:00:00.000Z)",
                        i + 1
                    ),
                ));
                continue;
            }
            None => None,
        };
        let mut paper = ImportedPaper {
            title: unwrap_line(&p.title),
            date: submitted.or(listing_day),
            published: p
                .published_at
                .as_deref()
                .or(item.published_at.as_deref())
                .and_then(utc_day)
                .map(PartialDate::from_date),
            // The daily page's own order.
            rank: Some(i as u64 + 1),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn a_bom_is_no_part_of_the_json_and_a_bad_daily_date_is_named() {
        let item = |submitted: &str| {
            format!(
                "\u{feff}[{{\"paper\": {{\"id\": \"2607.26654\", \"title\": \"T\", \"summary\": \"S\", \"submittedOnDailyAt\": \"{submitted}\"}}}}]"
            )
        };
        let papers = parse(&item("2026-08-03T00:00:00.000Z"), "f.json").unwrap();
        assert_eq!(papers[0].date.unwrap().to_string(), "2026-08-03");
        let errors = parse(&item("yesterday"), "f.json").unwrap_err();
        assert!(
            errors[0]
                .message
                .contains("paper.submittedOnDailyAt \"yesterday\" is not a date"),
            "{errors:?}"
        );
    }

    #[test]
    fn days_are_utc_dates() {
        assert_eq!(utc_day("2026-08-03T00:00:00.000Z"), day(2026, 8, 3));
        assert_eq!(utc_day("2026-08-02T22:00:00-04:00"), day(2026, 8, 3));
        assert_eq!(utc_day(" 2026-08-03 "), day(2026, 8, 3));
        assert_eq!(utc_day("3 August 2026"), None);
    }

    #[test]
    fn the_submitted_day_wins_then_the_listings_date() {
        let listing = r#"{"date": "2026-08-03", "dailyPapers": [
            {"paper": {"id": "2607.00001", "title": "A", "submittedOnDailyAt": "2026-08-04T00:00:00.000Z", "publishedAt": "2026-07-29T00:00:00.000Z"}},
            {"paper": {"id": "2607.00002", "title": "B"}, "publishedAt": "2026-07-30T10:00:00.000Z"}
        ]}"#;
        let papers = parse(listing, "l.json").unwrap();
        assert_eq!(papers[0].date, day(2026, 8, 4));
        assert_eq!(papers[1].date, day(2026, 8, 3));
        assert_eq!(papers[0].published.unwrap().to_string(), "2026-07-29");
        assert_eq!(papers[1].published.unwrap().to_string(), "2026-07-30");
        assert_eq!((papers[0].rank, papers[1].rank), (Some(1), Some(2)));
        // An array has no date of its own: the publication date never stands in.
        let array = r#"[{"paper": {"id": "2607.00002", "title": "B", "publishedAt": "2026-07-29T00:00:00.000Z"}, "publishedAt": "2026-07-30T10:00:00.000Z"}]"#;
        assert_eq!(parse(array, "a.json").unwrap()[0].date, None);
    }

    #[test]
    fn a_file_cut_short_is_reported_at_its_end_never_at_column_0() {
        let errors = parse("[\n  {\"paper\": {\"id\": \"2401.1\"", "cut.json").unwrap_err();
        let message = errors[0].to_string();
        assert!(message.contains("at the end of the file"), "{message}");
        assert!(!message.contains("column 0"), "{message}");
        let errors = parse("[\n  {\"paper\": {\"id\": 12}}\n]", "typed.json").unwrap_err();
        let message = errors[0].to_string();
        assert!(message.starts_with("typed.json:2: "), "{message}");
        assert!(message.contains("line 2, column"), "{message}");
        let errors = parse("{\"date\": \"2026-08-03\"}", "o.json").unwrap_err();
        assert!(errors[0].to_string().contains("\"dailyPapers\""));
    }
}
