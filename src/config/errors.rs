//! `site.toml` errors in a user's words: the key they are about, what was expected and
//! what was found (`paginate_by: expected a whole number, found the text "20"`), never
//! serde's vocabulary (`invalid type: string "20", expected usize`).
//!
//! serde stops at the first error, and a user fixing a cron job's config at 1 a.m. wants
//! all of them: `read_all` blanks the lines of each error's key and reads again, so every
//! independent error is reported, each at its own line.

use serde::de::DeserializeOwned;

use super::{CONFIG_FILE, line_of_offset};
use crate::diagnostics::Diagnostic;

/// At most this many errors are collected; past them the file is likely not TOML.
const MAX_ERRORS: usize = 20;

/// Keys of `site.toml`'s tables, for a key written above its table's header.
const TABLE_KEYS: &[(&str, &[&str])] = &[
    (
        "markdown",
        &[
            "smart_punctuation",
            "raw_html",
            "external_links_nofollow",
            "external_links_target_blank",
            "highlight_theme",
            "highlight_theme_dark",
        ],
    ),
    ("sitemap", &["urls_per_file"]),
    ("metadata", &["citation_tags"]),
    (
        "fetch",
        &[
            "categories",
            "keywords",
            "topics_only",
            "min_upvotes",
            "exclude",
        ],
    ),
    ("feeds", &["limit", "author"]),
];

/// Top-level keys of `site.toml` that are plain values, for one written below a table's
/// header (appended at the end of the file, say), where TOML reads it as the table's.
const TOP_LEVEL_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "paginate_by",
    "summary_length",
    "card_authors",
    "explicit_index_links",
    "day_order",
    "max_topics",
    "strict",
];

/// Deserializes `text`, or every error found, each with its line.
pub fn read_all<T: DeserializeOwned>(text: &str) -> Result<T, Vec<Diagnostic>> {
    // A file that is not TOML at all has one error: where it stops being TOML.
    if let Err(e) = toml::from_str::<toml::Table>(text) {
        let (line, message) = super::toml_syntax_error(text, &e);
        return Err(vec![Diagnostic::new(CONFIG_FILE, line, message)]);
    }
    let mut text = text.to_string();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut blanked: Vec<usize> = Vec::new();
    loop {
        let error = match toml::from_str::<T>(&text) {
            Ok(value) if errors.is_empty() => return Ok(value),
            Ok(_) => return Err(in_line_order(errors)),
            Err(e) => e,
        };
        let Some(span) = error.span() else {
            errors.push(Diagnostic::new(
                CONFIG_FILE,
                None,
                plain(&error, &text, None),
            ));
            return Err(in_line_order(errors));
        };
        let line = line_of_offset(&text, span.start);
        let message = plain(&error, &text, Some(line));
        // A key blanked out for an earlier error can make its table miss a field: that
        // follows from the first error and is not news.
        let follows =
            error.message().starts_with("missing field") && blanked.iter().any(|&l| l <= line);
        if !follows {
            errors.push(Diagnostic::new(CONFIG_FILE, Some(line), message));
        }
        if follows || errors.len() >= MAX_ERRORS {
            return Err(in_line_order(errors));
        }
        let mut end_line = line_of_offset(&text, span.end.max(span.start));
        // A table header goes with its keys: left alone, they would land in the table
        // above and look wrong there too.
        if text
            .lines()
            .nth(line - 1)
            .is_some_and(|l| l.trim_start().starts_with('['))
        {
            end_line = text
                .lines()
                .enumerate()
                .skip(line)
                .find(|(_, l)| l.trim_start().starts_with('['))
                .map_or(text.lines().count(), |(i, _)| i);
        }
        if blanked.contains(&line) {
            // Blanking did not remove the error: stop rather than loop.
            return Err(in_line_order(errors));
        }
        blanked.push(line);
        text = blank_lines(&text, line, end_line);
    }
}

/// Errors are found in the order serde reads fields; users read files top down.
fn in_line_order(mut errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    errors.sort_by_key(|e| e.line);
    errors
}

/// `text` with lines `from..=to` (1-based) emptied, every other line where it was.
fn blank_lines(text: &str, from: usize, to: usize) -> String {
    text.split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| {
            if (from..=to).contains(&(i + 1)) {
                if l.ends_with('\n') { "\n" } else { "" }
            } else {
                l
            }
        })
        .collect()
}

/// The dotted key written at `line` (1-based): `paginate_by`, or `markdown.raw_html` under
/// a `[markdown]` header, or `topics.name` under `[[topics]]`.
fn key_at(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let here = lines.get(line.checked_sub(1)?)?.trim();
    let key = here
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"'))?;
    let table = lines[..line - 1]
        .iter()
        .rev()
        .map(|l| l.trim())
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_string());
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key.to_string(),
    })
}

/// The error in plain words, led by the key it is about when there is one.
fn plain(error: &toml::de::Error, text: &str, line: Option<usize>) -> String {
    let message = error.message().trim();
    let key = line.and_then(|l| key_at(text, l));
    let lead = |what: String| match &key {
        Some(k) => format!("{k}: {what}"),
        None => what,
    };
    if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return lead(format!(
            "expected {}, found {}",
            expected_words(expected),
            found_words(found)
        ));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let choices = quoted_list(expected);
        return lead(format!(
            "expected {}, found \"{}\"",
            choices,
            found.trim_matches('`')
        ));
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let name = name.trim_matches('`');
        let known = names(expected);
        let meant = crate::diagnostics::closest_name(name, known.iter().copied());
        let table = key
            .as_deref()
            .and_then(|k| k.rsplit_once('.'))
            .map(|(t, _)| format!(" in [{t}]"))
            .unwrap_or_default();
        if !table.is_empty() && TOP_LEVEL_KEYS.contains(&name) {
            return format!(
                "unknown key \"{name}\"{table}; \"{name}\" is a top-level key: move it above the first `[` table line, as every key after one belongs to that table"
            );
        }
        if table.is_empty()
            && let Some((section, _)) = TABLE_KEYS.iter().find(|(_, keys)| keys.contains(&name))
        {
            return format!(
                "unknown key \"{name}\" at the top level; it belongs under [{section}], after a `[{section}]` line"
            );
        }
        return match meant {
            Some(k) => format!("unknown key \"{name}\"{table}; did you mean \"{k}\"?"),
            None => format!(
                "unknown key \"{name}\"{table}; the keys are {}",
                quoted_list(expected)
            ),
        };
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let table = key
            .as_deref()
            .and_then(|k| k.rsplit_once('.'))
            .map(|(t, _)| format!(" in [{t}]"))
            .unwrap_or_default();
        return format!("missing key \"{}\"{table}", rest.trim_matches('`'));
    }
    lead(message.to_string())
}

/// The names serde lists as expected: `` `a` ``, `` `a` or `b` `` or `` one of `a`, `b`, `c` ``.
fn names(expected: &str) -> Vec<&str> {
    expected
        .trim_start_matches("one of ")
        .split(", ")
        .flat_map(|k| k.split(" or "))
        .map(|k| k.trim_matches('`'))
        .filter(|k| !k.is_empty())
        .collect()
}

/// `one of `a`, `b`` as `one of "a", "b"`.
fn quoted_list(expected: &str) -> String {
    let items: Vec<String> = names(expected).iter().map(|k| format!("\"{k}\"")).collect();
    if items.len() == 1 {
        items[0].clone()
    } else {
        format!("one of {}", items.join(", "))
    }
}

fn expected_words(expected: &str) -> String {
    match expected.trim() {
        "usize" | "u64" | "u32" | "u16" | "u8" | "i64" | "i32" | "an integer" => {
            "a whole number".into()
        }
        "a boolean" => "true or false".into(),
        "a string" => "text in quotes".into(),
        "a sequence" => "a list, such as [\"a\", \"b\"]".into(),
        "f64" | "f32" | "a float" => "a number".into(),
        other if other.starts_with("struct ") || other == "a map" => "a table".into(),
        other => other.into(),
    }
}

fn found_words(found: &str) -> String {
    let (what, value) = found.split_once(' ').unwrap_or((found, ""));
    let value = value.trim_matches('`');
    match what {
        "string" => format!("the text {value}"),
        "integer" | "floating" => format!(
            "the number {}",
            value.trim_start_matches("point ").trim_matches('`')
        ),
        "boolean" => value.to_string(),
        "sequence" => "a list".into(),
        "map" => "a table".into(),
        _ => found.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        read_all::<crate::config::Config>(text)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn errors_are_in_plain_words_with_their_keys() {
        assert_eq!(
            errors("title = \"x\"\npaginate_by = \"20\"\n"),
            ["site.toml:2: paginate_by: expected a whole number, found the text \"20\""]
        );
        assert_eq!(
            errors("[markdown]\nraw_html = \"bogus\"\n"),
            [
                "site.toml:2: markdown.raw_html: expected one of \"sanitize\", \"escape\", \"allow\", found \"bogus\""
            ]
        );
        assert_eq!(
            errors("titel = \"x\"\n"),
            ["site.toml:1: unknown key \"titel\"; did you mean \"title\"?"]
        );
        assert_eq!(
            errors("highlight_theme = \"InspiredGitHub\"\n"),
            [
                "site.toml:1: unknown key \"highlight_theme\" at the top level; it belongs under [markdown], after a `[markdown]` line"
            ]
        );
        assert_eq!(
            errors("[markdown]\nsmart_punctuation = 1\n"),
            ["site.toml:2: markdown.smart_punctuation: expected true or false, found the number 1"]
        );
    }

    #[test]
    fn a_top_level_key_below_a_table_is_told_to_move_up() {
        let found =
            errors("[[topics]]\nname = \"Vision\"\nkeywords = [\"image\"]\ntheme = \"compact\"\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("site.toml:4: unknown key \"theme\" in [topics]; \"theme\" is a top-level key: move it above the first `[` table line"), "{found:?}");
    }

    #[test]
    fn the_top_level_keys_are_top_level() {
        for key in TOP_LEVEL_KEYS {
            let text = format!("{key} = []\n");
            let found = read_all::<crate::config::Config>(&text)
                .err()
                .unwrap_or_default();
            assert!(
                !found.iter().any(|e| e.to_string().contains("unknown key")),
                "{key}: {found:?}"
            );
        }
    }

    #[test]
    fn the_table_keys_are_the_tables_own() {
        for (section, keys) in TABLE_KEYS {
            for key in *keys {
                let text = format!("[{section}]\n{key} = 0\n");
                let found = match read_all::<crate::config::Config>(&text) {
                    Ok(_) => Vec::new(),
                    Err(errors) => errors.iter().map(ToString::to_string).collect(),
                };
                assert!(
                    !found.iter().any(|e| e.contains("unknown key")),
                    "{section}.{key}: {found:?}"
                );
            }
        }
    }

    #[test]
    fn every_error_is_reported_at_its_line() {
        let found = errors(
            "paginate_by = \"20\"\ntitel = \"x\"\nexplicit_index_links = \"yes\"\ntopics = [\n  1,\n]\n",
        );
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].starts_with("site.toml:1: paginate_by:"));
        assert!(found[1].starts_with("site.toml:2: unknown key \"titel\""));
        assert!(found[2].starts_with("site.toml:3: explicit_index_links:"));
        assert!(found[3].starts_with("site.toml:"), "{}", found[3]);
    }

    #[test]
    fn a_table_of_two_keys_names_both() {
        assert_eq!(
            errors("[feeds]\nlimt = 3\n"),
            ["site.toml:2: unknown key \"limt\" in [feeds]; did you mean \"limit\"?"]
        );
        assert_eq!(
            errors("[feeds]\nsize = 3\n"),
            [
                "site.toml:2: unknown key \"size\" in [feeds]; the keys are one of \"limit\", \"author\""
            ]
        );
    }

    #[test]
    fn a_negative_number_is_explained() {
        assert_eq!(
            errors("summary_length = -5\n"),
            ["site.toml:1: summary_length: expected a whole number, found the number -5"]
        );
    }

    #[test]
    fn a_misspelt_table_is_one_error() {
        assert_eq!(
            errors("title = \"T\"\n[[topics]]\nname = \"X\"\n[markdwon]\nraw_html = \"escape\"\n"),
            ["site.toml:4: unknown key \"markdwon\"; did you mean \"markdown\"?"]
        );
    }

    #[test]
    fn syntax_errors_stop_at_once() {
        let found = errors("title = [\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("not valid TOML"), "{}", found[0]);
    }
}
