//! The sources `paperpress fetch` reads, one module each. A source knows its URLs, the
//! names of its cache files and which importer reads its replies; the fetching
//! (`fetch::fetch`), caching (`fetch::cache`) and writing (as `import` writes) are shared.

pub mod arxiv_query;
pub mod arxiv_rss;
pub mod hf_daily;

use std::time::Duration;

use chrono::NaiveDate;

use super::http::BodyKind;
use crate::diagnostics::Diagnostic;
use crate::import::ImportedPaper;

/// One call a source wants made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub url: String,
    /// The reply's file name in the source's cache folder.
    pub cache_name: String,
    /// Where this reply starts in the source's results (0 for a source without pages).
    pub start: usize,
}

/// What one reply held.
pub struct Page {
    pub papers: Vec<ImportedPaper>,
    /// The call for the next page, when the source has more to give.
    pub next: Option<Request>,
    /// Warnings about the reply (items its reader left out, say).
    pub warnings: Vec<Diagnostic>,
}

pub trait Source {
    /// The name on the command line, of the cache folder, and in messages.
    fn name(&self) -> &'static str;
    /// The `paperpress import` format that reads the replies (and the cached files).
    fn import_format(&self) -> &'static str;
    fn body_kind(&self) -> BodyKind;
    /// Least time between two calls, unless `--delay` says otherwise.
    fn default_delay(&self) -> Duration {
        Duration::ZERO
    }
    /// The digest day every paper gets, for a source of one day's papers.
    fn date(&self) -> Option<NaiveDate> {
        None
    }
    fn first_request(&self) -> Request;
    /// Reads one reply; `papers_so_far` came in earlier pages. Errors name the URL.
    fn read(
        &self,
        body: &str,
        request: &Request,
        papers_so_far: usize,
    ) -> Result<Page, Vec<Diagnostic>>;
    /// What to tell the user when the source has no papers (which is not a failure).
    fn nothing_found(&self) -> String;
}

/// `base?query`, or `base&query` when the base already has a query (a mirror's key).
pub fn with_query(base: &str, query: &str) -> String {
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}{query}")
}

/// What a query value keeps as it is: letters, digits and `-._~` (RFC 3986's unreserved).
const ESCAPED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A query value, percent-encoded.
pub fn encode(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, ESCAPED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_join_and_encode() {
        assert_eq!(with_query("http://h/api", "a=1"), "http://h/api?a=1");
        assert_eq!(
            with_query("http://h/api?key=k", "a=1"),
            "http://h/api?key=k&a=1"
        );
        assert_eq!(
            encode("cat:cs.CL AND ti:\"x&y\""),
            "cat%3Acs.CL%20AND%20ti%3A%22x%26y%22"
        );
    }
}
