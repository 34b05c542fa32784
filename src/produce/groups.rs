//! Topics and authors: a page listing every group, and a paginated page per group.

use chrono::NaiveDate;
use serde::Serialize;

use super::context::{PageContext, Paginator, listing_units, numbered, page_slice};
use super::feeds::{self, FeedLink};
use super::papers::newest;
use super::{Context, Producer, Unit};
use crate::site::{GroupNode, Site, Valued, links};

/// Which groups: topics or authors.
pub struct Kind {
    /// The variable the template receives the group (or the list of groups) as.
    one: &'static str,
    all: &'static str,
    index_template: &'static str,
    page_template: &'static str,
    index_dir: &'static str,
    index_title: &'static str,
    section: &'static str,
    groups: fn(&Site) -> &[GroupNode],
    /// The group page's title: "Topic: X", or the author's name.
    title: fn(&GroupNode) -> String,
    /// Whether each group has feeds of its own (topics do).
    has_feeds: bool,
    /// Whether the page of every group is written on a site with none: the menu always
    /// links to Topics, and to Authors only when some paper names its authors.
    index_when_empty: bool,
}

const TOPIC_KIND: Kind = Kind {
    one: "topic",
    all: "topics",
    index_template: "topics.html",
    page_template: "topic.html",
    index_dir: links::TOPICS_DIR,
    index_title: "Topics",
    section: "topics",
    groups: |site| &site.topics,
    title: |g| format!("Topic: {}", g.name),
    has_feeds: true,
    index_when_empty: true,
};

const AUTHOR_KIND: Kind = Kind {
    one: "author",
    all: "authors",
    index_template: "authors.html",
    page_template: "author.html",
    index_dir: links::AUTHORS_DIR,
    index_title: "Authors",
    section: "authors",
    groups: |site| &site.authors,
    title: |g| g.name.clone(),
    has_feeds: false,
    index_when_empty: false,
};

/// The page listing every group of a kind.
pub struct GroupIndex(&'static Kind);
/// A group's own paginated listing.
pub struct GroupPage(&'static Kind);

pub static TOPICS: GroupIndex = GroupIndex(&TOPIC_KIND);
pub static TOPIC: GroupPage = GroupPage(&TOPIC_KIND);
pub static AUTHORS: GroupIndex = GroupIndex(&AUTHOR_KIND);
pub static AUTHOR: GroupPage = GroupPage(&AUTHOR_KIND);

/// `topics.html`'s and `authors.html`'s own variable, named `topics` or `authors`: each
/// group's `{name, slug, description, path, count}`.
struct Groups<'s> {
    name: &'static str,
    groups: Vec<&'s Valued>,
}

impl Serialize for Groups<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.name, &self.groups)?;
        map.end()
    }
}

/// `topic.html`'s and `author.html`'s own variables: the group as `topic` or `author`,
/// and `paginator`; on topic pages, `topic_feeds`: the topic's feeds, like `feeds`.
struct Group<'s> {
    name: &'static str,
    group: &'s Valued,
    paginator: Paginator<'s>,
    feeds: Option<Vec<FeedLink<'s>>>,
}

impl Serialize for Group<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(2 + usize::from(self.feeds.is_some())))?;
        map.serialize_entry(self.name, self.group)?;
        map.serialize_entry("paginator", &self.paginator)?;
        if let Some(feeds) = &self.feeds {
            map.serialize_entry("topic_feeds", feeds)?;
        }
        map.end()
    }
}

impl Producer for GroupIndex {
    fn template(&self) -> Option<&'static str> {
        Some(self.0.index_template)
    }
    fn reserved_dir(&self) -> Option<&'static str> {
        Some(self.0.index_dir.trim_end_matches('/'))
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        if !self.0.index_when_empty && (self.0.groups)(site).is_empty() {
            return Vec::new();
        }
        vec![Unit::default()]
    }
    fn file(&self, _site: &Site, _unit: Unit) -> String {
        links::output_file(self.0.index_dir)
    }
    fn context<'s>(&self, site: &'s Site, _unit: Unit) -> Context<'s> {
        let kind = self.0;
        let groups = Groups {
            name: kind.all,
            groups: (kind.groups)(site).iter().map(|g| &g.value).collect(),
        };
        let title = kind.index_title.to_string();
        Box::new(PageContext::at(
            site,
            kind.index_dir,
            title,
            kind.section,
            groups,
        ))
    }
    fn sitemap(&self, site: &Site, _unit: Unit) -> Option<Option<NaiveDate>> {
        let groups = (self.0.groups)(site);
        Some(groups.iter().filter_map(|g| newest(site, &g.papers)).max())
    }
}

impl Producer for GroupPage {
    fn template(&self) -> Option<&'static str> {
        Some(self.0.page_template)
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        let groups = (self.0.groups)(site);
        let units = groups.iter().enumerate();
        units
            .flat_map(|(i, g)| listing_units(site, i, g.papers.len()))
            .collect()
    }
    fn file(&self, site: &Site, unit: Unit) -> String {
        let group = &(self.0.groups)(site)[unit.item];
        links::output_file(&links::pagination_dir(&group.dir, unit.page))
    }
    fn context<'s>(&self, site: &'s Site, unit: Unit) -> Context<'s> {
        let kind = self.0;
        let group = &(kind.groups)(site)[unit.item];
        let dir = links::pagination_dir(&group.dir, unit.page);
        let page = Group {
            name: kind.one,
            group: &group.value,
            paginator: Paginator::new(site, &group.dir, &group.papers, unit.page),
            feeds: kind.has_feeds.then(|| feeds::topic_links(site, unit.item)),
        };
        let title = numbered((kind.title)(group), unit.page);
        Box::new(PageContext::at(site, &dir, title, kind.section, page))
    }
    fn sitemap(&self, site: &Site, unit: Unit) -> Option<Option<NaiveDate>> {
        Some(newest(site, self.listed(site, unit)))
    }
    fn listed<'s>(&self, site: &'s Site, unit: Unit) -> &'s [usize] {
        let group = &(self.0.groups)(site)[unit.item];
        page_slice(&group.papers, unit.page, site.config.paginate_by)
    }
}
