//! The sitemap's URLs: every page a producer declares for it (`Producer::sitemap`), with
//! the date it last changed, cut into files of `[sitemap] urls_per_file`.
//!
//! Every file's context is built on every rebuild, and a sitemap lists every page, so
//! the URLs are made here, once, as node values, and kept between rebuilds while the
//! site's shape stays the same. The shape covers every page's URL, the settings, and
//! every paper's date, which all the `lastmod`s come from: a rebuild after an abstract
//! edit does not look at the pages at all.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use chrono::NaiveDate;

use super::value_types::SitemapUrl;
use super::{Site, Valued};
use crate::fingerprint::Fingerprint;
use crate::produce;

/// The site's sitemap, in files.
#[derive(Default)]
pub struct SitemapNode {
    /// Each file's URLs, a list of `{loc, lastmod}`, in the producers' order.
    pub files: Vec<Valued>,
    /// The newest `lastmod` of each file, for the sitemap index.
    pub newest: Vec<Option<NaiveDate>>,
}

/// The shape of the site a sitemap was made for, a fingerprint of its pages and their
/// dates, and the sitemap, kept between builds.
pub type SitemapMemo = Option<(Fingerprint, Fingerprint, Arc<SitemapNode>)>;

/// The sitemap of `site`: the one in `memo` if the site's shape is the same, else a new
/// one (which `memo` then keeps).
pub fn build(site: &Site, memo: &mut SitemapMemo) -> Arc<SitemapNode> {
    if let Some((shape, pages_key, node)) = memo
        && *shape == site.shape
    {
        // Debug builds (the tests) check that the shape says all it is trusted to.
        debug_assert_eq!(
            *pages_key,
            key_of(&produce::sitemap_pages(site)),
            "a site of the same shape has the same sitemap pages and dates"
        );
        return node.clone();
    }
    let pages = produce::sitemap_pages(site);
    let base_url = &site.config.base_url;
    let per_file = site.config.sitemap.urls_per_file.max(1);
    let mut node = SitemapNode::default();
    for chunk in pages.chunks(per_file) {
        let urls: Vec<SitemapUrl> = chunk
            .iter()
            .map(|&(job, lastmod)| SitemapUrl {
                loc: format!("{base_url}{}", page_address(&job.file(site))),
                lastmod: lastmod.map(|d| d.format("%Y-%m-%d").to_string()),
            })
            .collect();
        // Written straight to JSON: a `Value` tree of a file's 50,000 URLs first took
        // 50 MB at once, while the graph holds the most it does.
        node.files.push(Valued::of(&urls));
        node.newest
            .push(chunk.iter().filter_map(|&(_, lastmod)| lastmod).max());
    }
    let node = Arc::new(node);
    *memo = Some((site.shape, key_of(&pages), node.clone()));
    node
}

fn key_of(pages: &[(produce::Job, Option<NaiveDate>)]) -> Fingerprint {
    let mut hasher = rustc_hash::FxHasher::default();
    pages.hash(&mut hasher);
    hasher.finish()
}

/// The address of the page written to `file`, below the site's root: a folder's
/// `index.html` is the folder (`papers/x/index.html` is `papers/x/`, as its canonical URL).
fn page_address(file: &str) -> &str {
    match file.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder,
        _ => file,
    }
}

#[cfg(test)]
mod tests {
    use super::page_address;

    #[test]
    fn a_folder_page_is_its_folder() {
        assert_eq!(page_address("index.html"), "");
        assert_eq!(page_address("papers/x/index.html"), "papers/x/");
        assert_eq!(page_address("old.html"), "old.html");
        assert_eq!(page_address("notindex.html"), "notindex.html");
    }
}
