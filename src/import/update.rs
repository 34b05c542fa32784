//! `import --update`: an existing entry takes the source's newer fields and keeps the
//! user's own.
//!
//! The front matter is edited in place (`toml_edit`), so the user's key order, comments,
//! topics, date, slug and extra keys stay; only keys the source gives are set. The body
//! is the abstract, then the user's notes: everything from the first heading line
//! (`# ...`, `## Notes`) on is kept, and the text above it is replaced by the source's
//! abstract. Imported abstracts never contain a heading (a leading `#` is escaped).

use toml_edit::{Array, DocumentMut, Item, value};

use super::ImportedPaper;
use super::entry::escape_markdown_paragraphs;

/// The entry `existing` with the source's fields, or an explanation of why it cannot be
/// updated. Returns the text unchanged when the source changes nothing.
pub fn update_entry(existing: &str, paper: &ImportedPaper) -> Result<String, String> {
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
    let body = after.strip_prefix('\n').unwrap_or(after);
    let mut doc: DocumentMut = front
        .parse()
        .map_err(|e| format!("its front matter is not valid TOML ({e}); fix the entry first"))?;

    doc["title"] = value(paper.title.as_str());
    if !paper.authors.is_empty() {
        doc["authors"] = value(paper.authors.iter().collect::<Array>());
    }
    if let Some(arxiv) = &paper.arxiv {
        doc["arxiv"] = value(arxiv.to_string());
    }
    if let Some(upvotes) = paper.upvotes {
        doc["upvotes"] = value(i64::try_from(upvotes).unwrap_or(i64::MAX));
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

    let notes = body
        .lines()
        .position(|l| l.starts_with('#'))
        .map(|i| body.lines().skip(i).collect::<Vec<_>>().join("\n"));
    let abstract_text = if paper.abstract_text.trim().is_empty() {
        // The source has no abstract: keep the entry's.
        body.lines()
            .take_while(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    } else {
        escape_markdown_paragraphs(&paper.abstract_text)
    };
    let mut updated = format!("+++\n{doc}+++\n\n{abstract_text}\n");
    if let Some(notes) = notes {
        updated.push('\n');
        updated.push_str(notes.trim_end());
        updated.push('\n');
    }
    Ok(updated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::arxiv::ArxivId;

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
        let updated = update_entry(existing, &source()).unwrap();
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
            "The revised \\*abstract\\*.\n\nIts second paragraph.\n\n## Our notes",
        ] {
            assert!(updated.contains(new), "{new} missing:\n{updated}");
        }
        assert!(!updated.contains("The old abstract."));
        assert_eq!(
            update_entry(&updated, &source()).unwrap(),
            updated,
            "a second update changes nothing"
        );
    }

    #[test]
    fn yaml_and_broken_entries_are_left_alone_with_a_reason() {
        assert!(
            update_entry("---\ntitle: A\n---\n", &source())
                .unwrap_err()
                .contains("not TOML")
        );
        assert!(
            update_entry("+++\ntitle = \"A\"\n", &source())
                .unwrap_err()
                .contains("never closed")
        );
        assert!(
            update_entry("+++\ntitle = \n+++\n", &source())
                .unwrap_err()
                .contains("not valid TOML")
        );
    }
}
