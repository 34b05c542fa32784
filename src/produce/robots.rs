//! `robots.txt`: lets every crawler in and points it to the sitemap. A site's own
//! `static/robots.txt` replaces it.

use serde::Serialize;

use super::sitemap::SITEMAP_FILE;
use super::{Context, Producer, Unit};
use crate::site::{Site, Valued};

pub struct Robots;

/// `robots.txt`'s variables.
#[derive(Serialize)]
struct RobotsFile<'s> {
    /// The `site` value every template receives.
    site: &'s Valued,
    /// The sitemap's absolute URL.
    sitemap_url: String,
}

impl Producer for Robots {
    fn template(&self) -> Option<&'static str> {
        Some("robots.txt")
    }
    fn units(&self, _site: &Site) -> Vec<Unit> {
        vec![Unit::default()]
    }
    fn file(&self, _site: &Site, _unit: Unit) -> String {
        "robots.txt".into()
    }
    fn context<'s>(&self, site: &'s Site, _unit: Unit) -> Context<'s> {
        Box::new(RobotsFile {
            site: &site.site_value,
            sitemap_url: format!("{}{SITEMAP_FILE}", site.config.base_url),
        })
    }
    fn static_wins(&self) -> bool {
        true
    }
}
