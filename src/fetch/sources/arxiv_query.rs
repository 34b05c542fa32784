//! The arXiv API (`export.arxiv.org/api/query`): papers matching a search query, newest
//! submissions first, page by page up to `--max`. Each page is read by
//! `import arxiv-atom`, which also turns the API's error entry into an error.

use chrono::{DateTime, Utc};
use roxmltree::Document;

use super::{Page, Request, Source, encode, with_query};
use crate::diagnostics::Diagnostic;
use crate::fetch::http::BodyKind;
use crate::import;

pub const ENDPOINT: &str = "https://export.arxiv.org/api/query";
/// The most results the API gives in one call.
pub const LARGEST_PAGE: usize = 2000;

const OPENSEARCH: &str = "http://a9.com/-/spec/opensearch/1.1/";

pub struct ArxivQuery {
    pub endpoint: String,
    /// arXiv's query syntax: `cat:cs.CL AND ti:diffusion`.
    pub query: String,
    /// The most papers to fetch.
    pub max: usize,
    /// Papers per call.
    pub page_size: usize,
    /// When the fetch started: the cache files of one run share it.
    pub started: DateTime<Utc>,
}

impl ArxivQuery {
    fn request(&self, start: usize, count: usize) -> Request {
        let query = format!(
            "search_query={}&start={start}&max_results={count}&sortBy=submittedDate&sortOrder=descending",
            encode(&self.query)
        );
        Request {
            url: with_query(&self.endpoint, &query),
            cache_name: format!(
                "{}-{}-{start:05}.xml",
                self.started.format("%Y-%m-%dT%H%M%SZ"),
                query_slug(&self.query)
            ),
            start,
        }
    }
}

/// The query in a file name: `cat:cs.CL AND ti:diffusion` → `cat-cs-cl-and-ti-diffusion`,
/// at most 40 characters.
fn query_slug(query: &str) -> String {
    let slug = slug::slugify(query);
    let short = slug.get(..slug.len().min(40)).unwrap_or(&slug);
    let short = short.trim_end_matches('-');
    if short.is_empty() {
        "query".into()
    } else {
        short.into()
    }
}

/// `<opensearch:totalResults>`: how many papers match the query in all.
fn total_results(xml: &str) -> Option<usize> {
    let doc = Document::parse(xml).ok()?;
    doc.root_element()
        .children()
        .find(|n| {
            n.tag_name().name() == "totalResults" && n.tag_name().namespace() == Some(OPENSEARCH)
        })?
        .text()?
        .trim()
        .parse()
        .ok()
}

impl Source for ArxivQuery {
    fn name(&self) -> &'static str {
        "arxiv-query"
    }

    fn import_format(&self) -> &'static str {
        "arxiv-atom"
    }

    fn body_kind(&self) -> BodyKind {
        BodyKind::Xml
    }

    /// arXiv asks API users for 3 seconds between calls.
    fn default_delay(&self) -> std::time::Duration {
        std::time::Duration::from_secs(3)
    }

    fn first_request(&self) -> Request {
        self.request(0, self.page_size.min(self.max))
    }

    fn read(
        &self,
        body: &str,
        request: &Request,
        papers_so_far: usize,
    ) -> Result<Page, Vec<Diagnostic>> {
        let papers = import::arxiv_atom::parse(body, &request.url)?;
        let got = papers_so_far + papers.len();
        // Advance by what came, not by what was asked: the API sometimes sends less.
        let end = request.start + papers.len();
        let more = !papers.is_empty()
            && got < self.max
            && total_results(body).is_none_or(|total| end < total);
        let next = more.then(|| self.request(end, self.page_size.min(self.max - got)));
        Ok(Page {
            papers,
            next,
            warnings: Vec::new(),
        })
    }

    fn nothing_found(&self) -> String {
        format!("no papers: the arXiv API finds none for {:?}", self.query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(max: usize, page_size: usize) -> ArxivQuery {
        ArxivQuery {
            endpoint: ENDPOINT.into(),
            query: "cat:cs.CL AND ti:\"large language\"".into(),
            max,
            page_size,
            started: DateTime::parse_from_rfc3339("2026-06-12T06:00:09Z")
                .unwrap()
                .with_timezone(&Utc),
        }
    }

    #[test]
    fn asks_for_the_newest_first_and_names_cache_files_by_run_query_and_start() {
        let request = source(5, 2).first_request();
        assert_eq!(
            request.url,
            "https://export.arxiv.org/api/query?search_query=cat%3Acs.CL%20AND%20ti%3A%22large%20language%22&start=0&max_results=2&sortBy=submittedDate&sortOrder=descending"
        );
        assert_eq!(
            request.cache_name,
            "2026-06-12T060009Z-cat-cs-cl-and-ti-large-language-00000.xml"
        );
        assert_eq!(query_slug("$$$"), "query");
        assert_eq!(query_slug(&"abcd ".repeat(20)).len(), 39);
    }

    #[test]
    fn reads_the_total_by_namespace() {
        let feed = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:o=\"http://a9.com/-/spec/opensearch/1.1/\"><o:totalResults> 7 </o:totalResults></feed>";
        assert_eq!(total_results(feed), Some(7));
        assert_eq!(
            total_results("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>"),
            None
        );
    }
}
