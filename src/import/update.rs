//! `import --update`: an existing entry takes the source's newer fields and keeps the
//! user's own.
//!
//! The front matter is edited in place (`toml_edit`), so the user's key order, comments,
//! topics, date, slug and extra keys stay; only keys the source gives are set. The body
//! (the abstract, perhaps corrected, and the user's notes in any form) is never
//! rewritten: `abstract_differs` tells the caller when the source's abstract changed.

use toml_edit::{Array, DocumentMut, Item, value};

use crate::content::arxiv::ArxivId;

/// `v3` → 3; no version → 0.
fn version(id: &ArxivId) -> u32 {
    id.version
        .as_deref()
        .and_then(|v| v.trim_start_matches('v').parse().ok())
        .unwrap_or(0)
}

use super::ImportedPaper;
use super::entry::escape_markdown_paragraphs;

/// Whether the entry's body does not start with the abstract the source gives now.
pub fn abstract_differs(existing: &str, paper: &ImportedPaper) -> bool {
    let body = existing
        .replace("\r\n", "\n")
        .splitn(3, "+++\n")
        .nth(2)
        .unwrap_or_default()
        .trim_start()
        .to_string();
    !paper.abstract_text.trim().is_empty()
        && !body.starts_with(escape_markdown_paragraphs(&paper.abstract_text).trim())
}

/// The entry `existing` with the source's fields, or an explanation of why it cannot be
/// updated. Returns the text unchanged when the source changes nothing. `slug` is the
/// address the build gives the entry now: an entry without a `slug` gets it written, so
/// a changed title never moves the page.
pub fn update_entry(existing: &str, slug: &str, paper: &ImportedPaper) -> Result<String, String> {
    let text = existing.replace("\r\n", "\n");
    let Some(rest) = text.strip_prefix("+++\n") else {
        return Err(
            "its front matter is not TOML (+++); --update rewrites TOML entries only, so edit it by hand"
                .into(),
        );
    };
    let Some(end) = rest.find("\n+++") else {
        return Err("its front matter is never closed; fix the entry first".into());
    };
    let (front, after) = (&rest[..end + 1], &rest[end + 4..]);
    let mut doc: DocumentMut = front
        .parse()
        .map_err(|e| format!("its front matter is not valid TOML ({e}); fix the entry first"))?;

    if !doc.contains_key("slug") && !slug.is_empty() {
        doc["slug"] = value(slug);
    }
    doc["title"] = value(paper.title.as_str());
    if !paper.authors.is_empty() {
        doc["authors"] = value(paper.authors.iter().collect::<Array>());
    }
    if let Some(arxiv) = &paper.arxiv {
        let current = doc
            .get("arxiv")
            .and_then(|v| v.as_str())
            .and_then(ArxivId::parse);
        // The version only moves forward; an id without one never replaces one with one.
        if current.as_ref().is_none_or(|c| version(c) < version(arxiv)) {
            doc["arxiv"] = value(arxiv.to_string());
        }
    }
    if let Some(Ok(upvotes)) = paper.upvotes.map(i64::try_from) {
        doc["upvotes"] = value(upvotes);
    }
    if let Some(Ok(rank)) = paper.rank.map(i64::try_from) {
        doc["rank"] = value(rank);
    }
    // The user's `published` stays: it may have been corrected by hand.
    if let (Some(published), false) = (paper.published, doc.contains_key("published")) {
        doc["published"] = value(published.to_string());
    }
    for (key, v) in &paper.extra {
        if let Ok(parsed) = v.to_string().parse::<toml_edit::Value>() {
            doc[key.as_str()] = Item::Value(parsed);
        }
    }
    let mut links: Vec<(&str, String)> = paper
        .links
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    if let Some(doi) = &paper.doi {
        links.push(("doi", format!("https://doi.org/{doi}")));
    }
    for (name, url) in links {
        doc["links"][name] = value(url);
    }

    // The body is the user's: an abstract they may have corrected, and their notes in
    // whatever form. It is kept as it is; the caller says when the source's abstract
    // differs.
    let updated = format!("+++\n{doc}+++{after}");
    Ok(updated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> ImportedPaper {
        ImportedPaper {
            title: "Sparse Experts, Revised".into(),
            authors: vec!["Ada Lovelace".into(), "Alan Turing".into()],
            arxiv: ArxivId::parse("2401.01234v3"),
            upvotes: Some(12),
            abstract_text: "The revised *abstract*.\n\nIts second paragraph.".into(),
            links: [(
                "pdf".to_string(),
                "https://arxiv.org/pdf/2401.01234v3".to_string(),
            )]
            .into(),
            ..ImportedPaper::default()
        }
    }

    #[test]
    fn source_fields_change_and_the_users_edits_stay() {
        let existing = "+++\n# my comment\ntitle = \"Sparse Experts\"\ndate = 2024-01-03\ntopics = [\"Reading group\"]\narxiv = \"2401.01234v2\"\nrating = 5\n\n[links]\ncode = \"https://github.com/me/fork\"\n+++\n\nThe old abstract.\n\n## Our notes\n\nDiscussed on Friday.\n";
        let updated = update_entry(existing, "sparse-experts", &source()).unwrap();
        for kept in [
            "# my comment",
            "date = 2024-01-03",
            "topics = [\"Reading group\"]",
            "rating = 5",
            "code = \"https://github.com/me/fork\"",
            "## Our notes\n\nDiscussed on Friday.\n",
        ] {
            assert!(updated.contains(kept), "{kept} missing:\n{updated}");
        }
        for new in [
            "title = \"Sparse Experts, Revised\"",
            "arxiv = \"2401.01234v3\"",
            "upvotes = 12",
            "pdf = \"https://arxiv.org/pdf/2401.01234v3\"",
        ] {
            assert!(updated.contains(new), "{new} missing:\n{updated}");
        }
        assert!(abstract_differs(&updated, &source()));
        let older = ImportedPaper {
            arxiv: ArxivId::parse("2401.01234"),
            ..source()
        };
        assert!(
            update_entry(&updated, "sparse-experts", &older)
                .unwrap()
                .contains("arxiv = \"2401.01234v3\""),
            "never a downgrade"
        );
        assert_eq!(
            update_entry(&updated, "sparse-experts", &source()).unwrap(),
            updated,
            "a second update changes nothing"
        );
    }

    #[test]
    fn yaml_and_broken_entries_are_left_alone_with_a_reason() {
        assert!(
            update_entry("---\ntitle: A\n---\n", "a", &source())
                .unwrap_err()
                .contains("not TOML")
        );
        assert!(
            update_entry("+++\ntitle = \"A\"\n", "a", &source())
                .unwrap_err()
                .contains("never closed")
        );
        assert!(
            update_entry("+++\ntitle = \n+++\n", "a", &source())
                .unwrap_err()
                .contains("not valid TOML")
        );
    }
}
