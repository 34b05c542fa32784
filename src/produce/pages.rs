//! Plain pages written in Markdown (`content/about.md`), and the "not found" page.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::context::PageContext;
use super::{Context, Producer, Unit};
use crate::site::{Site, Valued, links};

/// A page per plain Markdown file of `content/`.
pub struct PlainPage;

#[derive(Serialize)]
struct OnePage<'s> {
    /// `{title, path, permalink, content, has_code, extra, source}`.
    page: &'s Valued,
}

impl Producer for PlainPage {
    fn template(&self) -> Option<&'static str> {
        Some("page.html")
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        (0..site.pages.len()).map(Unit::item).collect()
    }
    fn file(&self, site: &Site, unit: Unit) -> String {
        links::output_file(&site.pages[unit.item].page.dir)
    }
    fn context<'s>(&self, site: &'s Site, unit: Unit) -> Context<'s> {
        let node = &site.pages[unit.item];
        let page = OnePage { page: &node.value };
        let title = node.page.title.clone();
        Box::new(PageContext::at(site, &node.page.dir, title, "pages", page))
    }
    fn sitemap(&self, _site: &Site, _unit: Unit) -> Option<Option<NaiveDate>> {
        // A plain page has no date of its own.
        Some(None)
    }
    fn markdown<'s>(&self, site: &'s Site, unit: Unit) -> Option<(&'s Path, &'s str)> {
        let node = &site.pages[unit.item];
        Some((&node.page.source, &node.body.html))
    }
}

/// `404.html`, which static hosts serve for any address that has no page.
pub struct NotFound;

pub const NOT_FOUND_FILE: &str = "404.html";

impl Producer for NotFound {
    fn template(&self) -> Option<&'static str> {
        Some(NOT_FOUND_FILE)
    }
    fn units(&self, _site: &Site) -> Vec<Unit> {
        vec![Unit::default()]
    }
    fn file(&self, _site: &Site, _unit: Unit) -> String {
        NOT_FOUND_FILE.into()
    }
    fn context<'s>(&self, site: &'s Site, _unit: Unit) -> Context<'s> {
        let mut context = PageContext::at(site, "", "Page not found".into(), "", ());
        // The page is served at any address, so only an absolute base path works there.
        context.root = site.config.base_path().to_string();
        context.current_path = NOT_FOUND_FILE.into();
        context.permalink = format!("{}{NOT_FOUND_FILE}", site.config.base_url);
        Box::new(context)
    }
}
