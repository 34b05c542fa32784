//! DOIs: the identifier read from a bare DOI or a resolver URL, and the resolver URL of
//! one. Importers read DOIs from their sources with these; scholarly metadata reads a
//! paper's DOI from its `links.doi` or a `doi` field.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// `10.1234/x` from a DOI or a doi.org URL.
pub fn doi_of(text: &str) -> Option<String> {
    let text = text.trim();
    let start = text.find("10.")?;
    let doi = &text[start..];
    doi.contains('/').then(|| doi.to_string())
}

/// A DOI that can stand as one: `10.` and a registrant, a `/` and a suffix, without
/// whitespace or control characters (which no DOI has, and which a page must not carry).
pub fn checked(doi: &str) -> Option<&str> {
    let (prefix, suffix) = doi.split_once('/')?;
    let well_formed = prefix.len() > 3
        && prefix.starts_with("10.")
        && !suffix.is_empty()
        && !doi.chars().any(|c| c.is_whitespace() || c.is_control());
    well_formed.then_some(doi)
}

/// What a DOI's suffix may not hold as it is in a URL's path: old DOIs carry `<`, `>`,
/// `#` and `;` (`10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0`).
const NOT_IN_PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The DOI's page at the resolver: `https://doi.org/10.1234/x`.
pub fn resolver_url(doi: &str) -> String {
    format!("https://doi.org/{}", utf8_percent_encode(doi, NOT_IN_PATH))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dois_from_urls_and_bare_text() {
        assert_eq!(
            doi_of("http://dx.doi.org/10.1145/1.2").as_deref(),
            Some("10.1145/1.2")
        );
        assert_eq!(doi_of(" 10.1/x ").as_deref(), Some("10.1/x"));
        assert_eq!(doi_of("none"), None);
    }

    #[test]
    fn only_well_formed_dois_are_kept() {
        assert_eq!(checked("10.1145/1.2"), Some("10.1145/1.2"));
        assert_eq!(checked("10./x"), None);
        assert_eq!(checked("11.1/x"), None);
        assert_eq!(checked("10.1/"), None);
        assert_eq!(checked("10.1/a b"), None);
    }

    #[test]
    fn resolver_urls_escape_what_a_path_cannot_hold() {
        assert_eq!(resolver_url("10.1145/1.2"), "https://doi.org/10.1145/1.2");
        assert_eq!(
            resolver_url("10.1002/(SICI)49:8<693::AID>3.0.CO;2-0#x"),
            "https://doi.org/10.1002/(SICI)49:8%3C693::AID%3E3.0.CO;2-0%23x"
        );
    }
}
