//! Feeds: Atom 1.0 (`atom.xml`) and JSON Feed 1.1 (`feed.json`) of the newest papers,
//! for the whole digest and for each topic, and the links pages give to them.
//!
//! Both formats receive the same context, so a theme can change one without the other.
//! Feeds are read away from the site, so every URL in them is absolute: the context
//! hands over absolute URLs, and the `absolute_urls` filter makes the links inside
//! abstracts absolute. Their dates come from the entries (the digest day), never from
//! the clock, so an unchanged digest gives unchanged feeds.

use std::borrow::Cow;

use serde::Serialize;

use super::{Context, Producer, Unit};
use crate::site::{GroupNode, Joint, Site, Valued};

/// One of the two feed formats.
pub struct Format {
    template: &'static str,
    /// The file name, in the root for the site's feed and in a topic's folder for its own.
    pub(super) file: &'static str,
    media_type: &'static str,
    /// How readers know the format: "Atom", "JSON Feed".
    name: &'static str,
}

pub(super) const ATOM_FORMAT: Format = Format {
    template: "atom.xml",
    file: "atom.xml",
    media_type: "application/atom+xml",
    name: "Atom",
};

pub(super) const JSON_FORMAT: Format = Format {
    template: "feed.json",
    file: "feed.json",
    media_type: "application/feed+json",
    name: "JSON Feed",
};

/// The formats in the order pages list them: Atom first, which every reader knows.
const FORMATS: [&Format; 2] = [&ATOM_FORMAT, &JSON_FORMAT];

/// A feed format's files: the site's feed, then one per topic.
pub struct Feeds(&'static Format);

pub static ATOM: Feeds = Feeds(&ATOM_FORMAT);
pub static JSON: Feeds = Feeds(&JSON_FORMAT);

/// Which feed a unit is: item 0 is the site's, item `k` the feed of topic `k - 1`.
fn topic_of(site: &Site, unit: Unit) -> Option<&GroupNode> {
    unit.item.checked_sub(1).map(|t| &site.topics[t])
}

/// The folder of a feed below the root: empty for the site's, `topics/<slug>/` for a topic's.
pub(super) fn folder(topic: Option<&GroupNode>) -> &str {
    topic.map_or("", |t| t.dir.as_str())
}

/// Whether the site has feeds: a feed's `updated` is its newest paper's day, so a site
/// without papers has none (and its pages link none).
pub(super) fn has_feeds(site: &Site) -> bool {
    !site.papers.is_empty()
}

/// A feed's title: the site's, or "Site: Topic".
pub(super) fn feed_title<'s>(site: &'s Site, topic: Option<&GroupNode>) -> Cow<'s, str> {
    match topic {
        None => Cow::Borrowed(&site.config.title),
        Some(t) => Cow::Owned(format!("{}: {}", site.config.title, t.name)),
    }
}

/// What `atom.xml` and `feed.json` receive.
#[derive(Serialize)]
struct Feed<'s> {
    /// The site's settings, as pages get them (`title`, `description`, `base_url`,
    /// `language`, ...).
    site: &'s Valued,
    /// The feed's title: the site's title, or "Site title: Topic name".
    title: Cow<'s, str>,
    /// The feed-level author: `[feeds] author`, else the site's title.
    author: &'s str,
    /// The topic of a topic's feed, `{name, slug, description, path, count}`; null for
    /// the site's feed.
    topic: Option<&'s Valued>,
    /// This feed's absolute URL in each format (a feed names itself and its twin).
    atom_url: String,
    json_url: String,
    /// The absolute URL of the page the feed follows: the home page or the topic's page.
    home_url: String,
    /// The newest paper's digest day (`2025-05-09`): the feed's own date.
    updated: String,
    /// The papers, newest first, at most `[feeds] limit` of them: each paper's page
    /// value (its card's fields and `content`, the abstract as HTML).
    papers: Vec<Joint<'s>>,
}

impl Producer for Feeds {
    fn template(&self) -> Option<&'static str> {
        Some(self.0.template)
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        if !has_feeds(site) {
            return Vec::new();
        }
        (0..=site.topics.len()).map(Unit::item).collect()
    }
    fn file(&self, site: &Site, unit: Unit) -> String {
        format!("{}{}", folder(topic_of(site, unit)), self.0.file)
    }
    fn context<'s>(&self, site: &'s Site, unit: Unit) -> Context<'s> {
        let topic = topic_of(site, unit);
        // A topic lists its papers newest first, like the home page: the feed is the
        // front of that list, never a search through every paper.
        let ids: &[usize] = topic.map_or(&site.newest_first, |t| &t.papers);
        let ids = &ids[..ids.len().min(site.config.feeds.limit)];
        let base = &site.config.base_url;
        let dir = folder(topic);
        Box::new(Feed {
            site: &site.site_value,
            title: feed_title(site, topic),
            author: site.config.feeds.author(&site.config.title),
            topic: topic.map(|t| &t.value),
            atom_url: format!("{base}{dir}{}", ATOM_FORMAT.file),
            json_url: format!("{base}{dir}{}", JSON_FORMAT.file),
            home_url: format!("{base}{dir}"),
            updated: ids
                .iter()
                .map(|&i| site.papers[i].paper.date)
                .max()
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            papers: ids.iter().map(|&i| site.papers[i].value()).collect(),
        })
    }
}

/// A page's link to a feed, for `<link rel="alternate">` and "Subscribe" links.
#[derive(Serialize)]
pub struct FeedLink<'s> {
    /// The media type: `application/atom+xml` or `application/feed+json`.
    #[serde(rename = "type")]
    media_type: &'static str,
    /// The format's name: "Atom" or "JSON Feed".
    format: &'static str,
    /// The feed's title.
    title: Cow<'s, str>,
    /// Its path relative to the site root: link it as `{{ root }}{{ feed.path }}`.
    path: Cow<'s, str>,
}

fn links<'s>(site: &'s Site, topic: Option<&GroupNode>) -> Vec<FeedLink<'s>> {
    if !has_feeds(site) {
        return Vec::new();
    }
    FORMATS
        .iter()
        .map(|format| FeedLink {
            media_type: format.media_type,
            format: format.name,
            title: feed_title(site, topic),
            // Every page links the site's feeds: their paths are not made anew each time.
            path: match topic {
                None => Cow::Borrowed(format.file),
                Some(t) => Cow::Owned(format!("{}{}", t.dir, format.file)),
            },
        })
        .collect()
}

/// The site's feeds, which every page links; none for a site without papers.
pub fn site_links(site: &Site) -> Vec<FeedLink<'_>> {
    links(site, None)
}

/// The feeds of topic `topic` (an index into `Site::topics`).
pub fn topic_links(site: &Site, topic: usize) -> Vec<FeedLink<'_>> {
    links(site, Some(&site.topics[topic]))
}
