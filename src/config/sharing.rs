//! `[sitemap]` and `[metadata]`: what search engines, reference managers and link
//! previews are given.

use serde::Deserialize;

/// The sitemap protocol's limit of URLs in one sitemap file.
pub const MAX_URLS_PER_SITEMAP: usize = 50_000;

/// `[sitemap]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SitemapConfig {
    /// URLs in one sitemap file. A site with more pages gets `sitemap-1.xml`,
    /// `sitemap-2.xml`, ... and `sitemap.xml` becomes their index.
    pub urls_per_file: usize,
}

impl Default for SitemapConfig {
    fn default() -> Self {
        SitemapConfig {
            urls_per_file: MAX_URLS_PER_SITEMAP,
        }
    }
}

/// `[metadata]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetadataConfig {
    /// Highwire `citation_*` meta tags on paper pages, which Zotero and Google Scholar
    /// read.
    pub citation_tags: bool,
}

impl Default for MetadataConfig {
    fn default() -> Self {
        MetadataConfig {
            citation_tags: true,
        }
    }
}

/// What is wrong with `urls_per_file`, if anything.
pub fn urls_per_file_error(value: i64) -> Option<String> {
    let max = MAX_URLS_PER_SITEMAP;
    (!(1..=max as i64).contains(&value)).then(|| {
        format!(
            "sitemap.urls_per_file: must be from 1 to {max} (the sitemap protocol's limit), found {value}"
        )
    })
}
