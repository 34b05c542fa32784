//! `feeds.opml`: every feed of the site in one OPML 2.0 subscription list, so a reader
//! can follow the digest and all its topics at once.
//!
//! It lists each feed once, in Atom (every reader knows it): listing the JSON twins too
//! would subscribe a reader to everything twice.

use std::borrow::Cow;

use serde::Serialize;

use super::feeds::{ATOM_FORMAT, JSON_FORMAT, feed_title, folder, has_feeds};
use super::{Context, Producer, Unit};
use crate::site::{GroupNode, Site, Valued};

/// The subscription list.
pub struct Opml;

pub const OPML_FILE: &str = "feeds.opml";

/// One feed as the OPML lists it.
#[derive(Serialize)]
struct Subscription<'s> {
    title: Cow<'s, str>,
    /// Its absolute URL in each format.
    atom_url: String,
    json_url: String,
    /// The absolute URL of the page it follows.
    home_url: String,
    /// The topic's `{name, slug, description, path, count}`; null for the site's feed.
    topic: Option<&'s Valued>,
}

/// What `feeds.opml` receives.
#[derive(Serialize)]
struct Subscriptions<'s> {
    site: &'s Valued,
    /// The owner of the list: the feeds' author.
    author: &'s str,
    /// The site's own feed.
    feed: Subscription<'s>,
    /// Each topic's feed, by topic name.
    topics: Vec<Subscription<'s>>,
}

fn subscription<'s>(site: &'s Site, topic: Option<&'s GroupNode>) -> Subscription<'s> {
    let base = &site.config.base_url;
    let dir = folder(topic);
    Subscription {
        title: feed_title(site, topic),
        atom_url: format!("{base}{dir}{}", ATOM_FORMAT.file),
        json_url: format!("{base}{dir}{}", JSON_FORMAT.file),
        home_url: format!("{base}{dir}"),
        topic: topic.map(|t| &t.value),
    }
}

impl Producer for Opml {
    fn template(&self) -> Option<&'static str> {
        Some(OPML_FILE)
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        if has_feeds(site) {
            vec![Unit::default()]
        } else {
            Vec::new()
        }
    }
    fn file(&self, _site: &Site, _unit: Unit) -> String {
        OPML_FILE.into()
    }
    fn context<'s>(&self, site: &'s Site, _unit: Unit) -> Context<'s> {
        Box::new(Subscriptions {
            site: &site.site_value,
            author: site.config.feeds.author(&site.config.title),
            feed: subscription(site, None),
            topics: site
                .topics
                .iter()
                .map(|t| subscription(site, Some(t)))
                .collect(),
        })
    }
}
