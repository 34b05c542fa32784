//! `sitemap.xml`: every page of the site for search engines, with the date it last
//! changed. Past `[sitemap] urls_per_file` URLs the pages go to `sitemap-1.xml`,
//! `sitemap-2.xml`, ... and `sitemap.xml` is their index. The URLs are made in the site
//! graph (`site::sitemap`); the contexts only point at them.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Context, Producer, Unit};
use crate::site::{Site, Valued};

/// Where search engines look for the sitemap, and where `robots.txt` points.
pub const SITEMAP_FILE: &str = "sitemap.xml";

/// A file of URLs: `sitemap.xml` itself, or one of the numbered files of a long sitemap.
pub struct SitemapFile;

/// `sitemap.xml`'s variables (for a numbered file too).
#[derive(Serialize)]
struct Urls<'s> {
    /// The file's pages: each `{loc, lastmod}`, `loc` an absolute URL and `lastmod`
    /// `YYYY-MM-DD` or `null`.
    urls: &'s Valued,
}

/// The file of the `n`th (0-based) part of a sitemap in several files.
fn numbered_file(n: usize) -> String {
    format!("sitemap-{}.xml", n + 1)
}

impl Producer for SitemapFile {
    fn template(&self) -> Option<&'static str> {
        Some("sitemap.xml")
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        (0..site.sitemap.files.len()).map(Unit::item).collect()
    }
    fn file(&self, site: &Site, unit: Unit) -> String {
        if site.sitemap.files.len() == 1 {
            SITEMAP_FILE.into()
        } else {
            numbered_file(unit.item)
        }
    }
    fn context<'s>(&self, site: &'s Site, unit: Unit) -> Context<'s> {
        Box::new(Urls {
            urls: &site.sitemap.files[unit.item],
        })
    }
}

/// `sitemap.xml` as the index of the numbered files, when there are several.
pub struct SitemapIndex;

/// `sitemap_index.xml`'s variables.
#[derive(Serialize)]
struct Index {
    /// Each file of the sitemap: `{loc, lastmod}`, `lastmod` the newest of its pages'.
    sitemaps: Vec<IndexEntry>,
}

#[derive(Serialize)]
struct IndexEntry {
    loc: String,
    lastmod: Option<String>,
}

impl Producer for SitemapIndex {
    fn template(&self) -> Option<&'static str> {
        Some("sitemap_index.xml")
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        if site.sitemap.files.len() > 1 {
            vec![Unit::default()]
        } else {
            Vec::new()
        }
    }
    fn file(&self, _site: &Site, _unit: Unit) -> String {
        SITEMAP_FILE.into()
    }
    fn context<'s>(&self, site: &'s Site, _unit: Unit) -> Context<'s> {
        let base_url = &site.config.base_url;
        let sitemaps = site.sitemap.newest.iter().enumerate();
        let sitemaps = sitemaps.map(|(n, newest)| IndexEntry {
            loc: format!("{base_url}{}", numbered_file(n)),
            lastmod: newest.map(|d: NaiveDate| d.format("%Y-%m-%d").to_string()),
        });
        Box::new(Index {
            sitemaps: sitemaps.collect(),
        })
    }
}
