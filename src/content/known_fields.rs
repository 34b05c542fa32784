//! The front-matter fields paperpress knows, in one list: the ones a paper entry is read
//! from, and the ones the importers write (kept as `extra`). README's two field tables
//! are checked against these lists by a test, so the documentation cannot drift.
//!
//! A key outside both lists is kept as an extra field. When it looks like a misspelt
//! known field (`author`, `topic`, `upvote`), it would silently drop the data the user
//! meant to give, so it is reported; under `strict = true` every unknown key is an error.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Kind};

/// Fields a paper entry is read from, in the order of README's field table.
pub const PAPER_FIELDS: &[&str] = &[
    "title",
    "date",
    "published",
    "authors",
    "arxiv",
    "topics",
    "upvotes",
    "rank",
    "links",
    "draft",
    "slug",
    "aliases",
    "summary",
];

/// Fields the importers write besides those, kept as `extra` for templates, in the
/// order of README's table of them.
pub const IMPORTER_FIELDS: &[&str] = &[
    "categories",
    "primary_category",
    "announce_type",
    "comment",
    "journal_ref",
    "journal",
    "venue",
    "bibtex_key",
    "ai_keywords",
];

/// Link names that people also write as top-level keys (`code = "..."`).
const LINK_NAMES: &[&str] = &["pdf", "code", "project", "doi", "html", "video", "slides"];

pub fn is_known(key: &str) -> bool {
    PAPER_FIELDS.contains(&key) || IMPORTER_FIELDS.contains(&key)
}

/// The known field an unknown key most likely means, if it is a near miss: a
/// Damerau–Levenshtein distance of 2 or less (1 for keys of three letters or fewer, where
/// 2 would match almost anything), or the singular or plural of a known field. Fields
/// the entry already sets are not suggested: then the key is most likely meant as it is.
pub fn near_miss<'a>(key: &str, set: &dyn Fn(&str) -> bool) -> Option<&'a str> {
    let lower = key.to_lowercase();
    let candidates = PAPER_FIELDS.iter().chain(IMPORTER_FIELDS).copied();
    let mut best: Option<(usize, &str)> = None;
    for field in candidates.filter(|f| !set(f)) {
        let plural = format!("{lower}s") == field || lower == format!("{field}s");
        let distance = if plural {
            0
        } else {
            strsim::damerau_levenshtein(&lower, field)
        };
        let limit = if lower.len().min(field.len()) <= 3 {
            1
        } else {
            2
        };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, field));
        }
    }
    best.map(|(_, field)| field)
}

/// What to say about each key of `keys` (with its line) that paperpress does not know.
/// Near misses are of kind `NearMissField`; the rest of kind `UnknownField`, which only
/// `strict = true` reports.
pub fn unknown_keys<'k>(
    file: &Path,
    keys: impl Iterator<Item = (&'k str, Option<usize>)>,
    set: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (key, line) in keys.filter(|(k, _)| !is_known(k)) {
        let (message, kind) = if LINK_NAMES.contains(&key) && !set("links") {
            (
                format!(
                    "unknown field {key:?}; did you mean it as a link, `{key} = \"...\"` under `[links]`? (kept as an extra field)"
                ),
                Kind::NearMissField,
            )
        } else if let Some(meant) = near_miss(key, set) {
            (
                format!("unknown field {key:?}; did you mean {meant:?}? (kept as an extra field)"),
                Kind::NearMissField,
            )
        } else {
            (
                format!(
                    "unknown field {key:?} (kept as an extra field; README's field table lists the known ones)"
                ),
                Kind::UnknownField,
            )
        };
        found.push(Diagnostic::new(file, line, message).of_kind(kind));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meant(key: &str) -> Option<&'static str> {
        near_miss(key, &|_| false)
    }

    #[test]
    fn typos_and_number_slips_are_near_misses() {
        assert_eq!(meant("author"), Some("authors"));
        assert_eq!(meant("topic"), Some("topics"));
        assert_eq!(meant("upvote"), Some("upvotes"));
        assert_eq!(meant("tilte"), Some("title"));
        assert_eq!(meant("Authors"), Some("authors"));
        assert_eq!(meant("sumary"), Some("summary"));
        assert_eq!(meant("alias"), Some("aliases"));
        assert_eq!(meant("link"), Some("links"));
        assert_eq!(meant("rating"), None);
        assert_eq!(meant("notes"), None);
        assert_eq!(meant("doi"), None);
        // A field the entry sets is not what another key means.
        assert_eq!(near_miss("author", &|f| f == "authors"), None);
    }
}
