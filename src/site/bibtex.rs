//! A paper's BibTeX entry, written once per build with the paper's other values.
//!
//! The entry type follows what the entry says of where the paper appeared:
//! - `journal` (the `bibtex` importer writes it from a journal article): `@article`, with
//!   `journal`;
//! - else `venue` (the `bibtex` importer writes it from a `booktitle`; people write it by
//!   hand as `venue = "ICML 2022"`): `@inproceedings`, with `booktitle`;
//! - else `@misc`, as arXiv itself exports its papers.
//!
//! arXiv's free-text `journal_ref` mixes journals, volumes, pages and conferences, so it
//! names no type and goes into `note`. Any entry with an arXiv id gets `eprint`,
//! `archivePrefix = {arXiv}` and `primaryClass` (its `primary_category`, else its first
//! `categories` entry, else the archive of an old-style id). `year` and `month` come from
//! `published` at its precision and are left out when it is unknown, never taken from
//! the digest day.

use serde_json::{Map, Value};

use crate::content::Paper;
use crate::markdown::latex;

/// The BibTeX entry type, with the field that names where the paper appeared.
#[derive(Debug, PartialEq, Eq)]
pub enum EntryType<'a> {
    Article { journal: &'a str },
    InProceedings { booktitle: &'a str },
    Misc,
}

impl EntryType<'_> {
    pub fn name(&self) -> &'static str {
        match self {
            EntryType::Article { .. } => "article",
            EntryType::InProceedings { .. } => "inproceedings",
            EntryType::Misc => "misc",
        }
    }
}

/// A non-empty text field of the entry's extra fields.
fn extra_text<'a>(extra: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    extra
        .get(name)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The type the entry's fields call for (see the module's rule).
pub fn entry_type(extra: &Map<String, Value>) -> EntryType<'_> {
    if let Some(journal) = extra_text(extra, "journal") {
        EntryType::Article { journal }
    } else if let Some(booktitle) = extra_text(extra, "venue") {
        EntryType::InProceedings { booktitle }
    } else {
        EntryType::Misc
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The entry of `paper` under `key`.
pub fn entry(paper: &Paper, key: &str) -> String {
    let braced = |text: String| format!("{{{text}}}");
    let mut fields: Vec<(&str, String)> = vec![("title", braced(latex::title(&paper.title)))];
    if !paper.authors.is_empty() {
        let names: Vec<String> = paper.authors.iter().map(|n| latex::name(n)).collect();
        fields.push(("author", braced(names.join(" and "))));
    }
    let kind = entry_type(&paper.extra);
    match kind {
        EntryType::Article { journal } => fields.push(("journal", braced(latex::text(journal)))),
        EntryType::InProceedings { booktitle } => {
            fields.push(("booktitle", braced(latex::text(booktitle))))
        }
        EntryType::Misc => {}
    }
    if let Some(published) = paper.published {
        fields.push(("year", braced(published.year.to_string())));
        if let Some(month) = published.month {
            // A month macro, which every style prints in its own way.
            fields.push(("month", MONTHS[month as usize - 1].to_string()));
        }
    }
    if let Some(arxiv) = &paper.arxiv {
        fields.push(("eprint", braced(arxiv.id.clone())));
        fields.push(("archivePrefix", braced("arXiv".into())));
        let primary = extra_text(&paper.extra, "primary_category")
            .or_else(|| first_category(&paper.extra))
            .or_else(|| arxiv.id.split_once('/').map(|(archive, _)| archive));
        if let Some(class) = primary {
            fields.push(("primaryClass", braced(latex::text(class))));
        }
    }
    if let Some(doi) = paper.doi().filter(|doi| fits_verbatim(doi)) {
        fields.push(("doi", braced(doi)));
    }
    let url = match &paper.arxiv {
        Some(arxiv) => Some(arxiv.abs_url()),
        None => ["url", "pdf"]
            .iter()
            .find_map(|name| paper.links.get(*name).cloned()),
    };
    if let Some(url) = url {
        fields.push(("url", braced(verbatim_url(&url))));
    }
    if let Some(journal_ref) = extra_text(&paper.extra, "journal_ref") {
        fields.push(("note", braced(latex::text(journal_ref))));
    }
    write(kind.name(), key, &fields)
}

fn write(kind: &str, key: &str, fields: &[(&str, String)]) -> String {
    let mut out = format!("@{kind}{{{key}");
    for (name, value) in fields {
        out.push_str(",\n  ");
        out.push_str(name);
        out.push_str(" = ");
        out.push_str(value);
    }
    out.push_str("\n}\n");
    out
}

fn first_category(extra: &Map<String, Value>) -> Option<&str> {
    extra
        .get("categories")?
        .as_array()?
        .first()?
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Whether a DOI can stand as it is in a verbatim field: no braces or backslashes.
fn fits_verbatim(doi: &str) -> bool {
    !doi.contains(['{', '}', '\\'])
}

/// A URL for a verbatim field: the characters that would end it or unbalance it
/// percent-encoded (links are checked web addresses, so nothing else needs it).
fn verbatim_url(url: &str) -> String {
    url.replace('\\', "%5C")
        .replace('{', "%7B")
        .replace('}', "%7D")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn extra(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn the_type_follows_journal_then_venue() {
        let both = extra(json!({"journal": "JMLR", "venue": "ICML"}));
        assert_eq!(entry_type(&both), EntryType::Article { journal: "JMLR" });
        let venue = extra(json!({"venue": "ICML 2022", "journal": " "}));
        assert_eq!(
            entry_type(&venue),
            EntryType::InProceedings {
                booktitle: "ICML 2022"
            }
        );
        let arxiv = extra(json!({"journal_ref": "Phys. Rev. D 76, 013009 (2007)"}));
        assert_eq!(entry_type(&arxiv), EntryType::Misc);
    }

    #[test]
    fn dois_and_urls_stay_verbatim_and_balanced() {
        assert!(fits_verbatim("10.1000/x_y%z"));
        assert!(!fits_verbatim("10.1000/{x}"));
        assert_eq!(
            verbatim_url("https://e.org/a{b}\\c"),
            "https://e.org/a%7Bb%7D%5Cc"
        );
    }
}
