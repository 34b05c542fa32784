//! `paperpress fetch`: calls a paper source over HTTP and hands its replies to the
//! importer that reads that format, so a fetch writes exactly what `import` would write
//! from the same replies.
//!
//! A run either gets every reply whole and readable, or fails naming the URL and the
//! reason, with nothing written. `sources/` has one module per source; `http` the client
//! and its retries; `cache` the saved replies; `curation` the `[fetch]` settings.

pub mod cache;
pub mod curation;
pub mod http;
pub mod retry;
pub mod sources;

use http::Client;
use sources::{Request, Source};

use crate::diagnostics::Diagnostic;
use crate::import::ImportedPaper;

/// What a successful run got.
#[derive(Default)]
pub struct Fetched {
    /// Every reply, in the order asked, with its request.
    pub replies: Vec<(Request, String)>,
    /// The papers of all replies, in the source's order.
    pub papers: Vec<ImportedPaper>,
    /// What the replies' readers had to say (items left out, say).
    pub warnings: Vec<Diagnostic>,
}

/// Calls the source until it has no more pages. Any failed or unreadable reply stops the
/// run with its errors (which name the URL); nothing is returned from earlier pages then.
pub fn fetch(source: &dyn Source, client: &mut Client) -> Result<Fetched, Vec<Diagnostic>> {
    let mut fetched = Fetched::default();
    let mut next = Some(source.first_request());
    while let Some(request) = next.take() {
        let body = client
            .get(&request.url, source.body_kind())
            .map_err(|e| vec![e])?;
        let page = source.read(&body, &request, fetched.papers.len())?;
        eprintln!("fetched {}: {} papers", request.url, page.papers.len());
        fetched.papers.extend(page.papers);
        fetched.warnings.extend(page.warnings);
        fetched.replies.push((request, body));
        next = page.next;
    }
    Ok(fetched)
}
