//! The shape of the site graph: the order of the papers, their slugs and citation keys,
//! and the topics, authors and days that group them, with the groups' values.
//!
//! It follows from each entry's structural fields alone (path, date, title, slug,
//! topics, authors, the citation key it asks for; topics found by keyword rules count, so an abstract edit that adds
//! a keyword changes them), so a rebuild after an edit that leaves those as they were
//! (most abstract edits, a link, the upvotes) shares the previous structure instead of
//! making it again. That is what keeps the rebuild after a save fast on a large digest.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde_json::Value;

use super::cite_keys::{self, KeyRequest};
use super::links::{self, LinkStyle};
use super::memo::{GroupValue, PaperParts, Valued};
use super::periods::Periods;
use super::slugs::{self, SlugRequest};
use super::value_types::{DayValue, GroupCard, to_value};
use super::values::display_date;
use super::{DayNode, GroupKey, GroupNode};
use crate::config::{Config, DayOrder};
use crate::diagnostics::Report;
use crate::fingerprint::{self, Fingerprint};

/// Where a paper sits in the graph.
pub struct Placement {
    pub slug: String,
    /// Site-relative folder, e.g. `papers/x/`.
    pub dir: String,
    /// Indices into `Site::topics` and `Site::authors`.
    pub topics: Vec<usize>,
    pub authors: Vec<usize>,
    /// Index into `Site::days`.
    pub day: usize,
    /// Its citation key (see `cite_keys`).
    pub cite_key: String,
    /// A fingerprint of what the paper's values show of the graph: its URL, its day's,
    /// the names and URLs of its topics and authors, and its citation key.
    pub fingerprint: Fingerprint,
}

pub struct Structure {
    /// A fingerprint of the structural fields of all entries (see `key`).
    pub key: Fingerprint,
    /// For each paper in site order (newest first): its index in content order.
    pub order: Vec<usize>,
    /// For each paper in site order: its placement.
    pub placements: Vec<Arc<Placement>>,
    /// `0..papers`: the home listing, in the same form as a topic's or author's.
    pub newest_first: Arc<Vec<usize>>,
    /// By name.
    pub topics: Arc<Vec<GroupNode>>,
    /// By name.
    pub authors: Arc<Vec<GroupNode>>,
    /// Newest first.
    pub days: Arc<Vec<DayNode>>,
    /// The weeks and months of the days.
    pub periods: Arc<Periods>,
    /// Slug clashes: errors for written slugs, warnings for slugs made from titles.
    pub report: Report,
}

/// A fingerprint of an entry's structural fields, the ones `Structure` is made from.
pub fn key(parts: &PaperParts) -> Fingerprint {
    let p = &parts.paper;
    let mut hasher = crate::fingerprint::hasher();
    (
        &p.source,
        p.date,
        &p.title,
        p.arxiv.as_ref().map(|a| &a.id),
        p.upvotes,
        p.rank,
        &p.aliases,
        &parts.wanted_slug,
        p.slug.is_some(),
        &parts.cite_key,
        p.lines.bibtex_key,
    )
        .hash(&mut hasher);
    for k in parts
        .topic_keys
        .iter()
        .chain([&GroupKey::default()])
        .chain(&parts.author_keys)
    {
        (&k.name, &k.slug).hash(&mut hasher);
    }
    hasher.finish()
}

impl Structure {
    /// Makes the structure of papers given in content (path) order. `groups_memo` holds
    /// the group values of the previous structure; it is left holding this one's.
    pub fn new(
        config: &Config,
        links: LinkStyle,
        parts: &[Arc<PaperParts>],
        keys: &[Fingerprint],
        groups_memo: &mut FxHashMap<String, GroupValue>,
    ) -> Structure {
        let mut report = Report::default();
        let requests: Vec<SlugRequest> = parts
            .iter()
            .map(|p| SlugRequest {
                source: &p.paper.source,
                explicit: p.paper.slug.as_deref(),
                wanted: &p.wanted_slug,
                date: p.paper.date,
                arxiv: p.paper.arxiv.as_ref(),
                aliases: &p.paper.aliases,
                slug_line: p.paper.lines.slug,
            })
            .collect();
        let slugs = slugs::assign(&requests, &mut report);
        let key_requests: Vec<KeyRequest> = parts
            .iter()
            .map(|p| KeyRequest {
                source: &p.paper.source,
                date: p.paper.date,
                arxiv: p.paper.arxiv.as_ref(),
                wanted: &p.cite_key,
                line: p.paper.lines.bibtex_key,
            })
            .collect();
        let cite_keys = cite_keys::assign(&key_requests, &mut report);
        let mut order: Vec<usize> = (0..parts.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            let (pa, pb) = (&parts[a], &parts[b]);
            pb.paper
                .date
                .cmp(&pa.paper.date)
                .then_with(|| within_day(&config.day_order, pa, pb))
                .then_with(|| pa.sort_title.cmp(&pb.sort_title))
                .then_with(|| pa.paper.title.cmp(&pb.paper.title))
                .then_with(|| a.cmp(&b))
        });
        let sorted: Vec<&PaperParts> = order.iter().map(|&i| &*parts[i]).collect();
        let slugs = permute(slugs, &order);
        let cite_keys = permute(cite_keys, &order);

        // Topics: declared ones first, so their names and descriptions win over an entry's
        // spelling of the same topic.
        let descriptions: HashMap<String, (&str, &str)> = config
            .topics
            .iter()
            .map(|t| {
                (
                    slug::slugify(&t.name),
                    (t.name.as_str(), t.description.as_str()),
                )
            })
            .collect();
        let topic_keys: Vec<&[GroupKey]> = sorted.iter().map(|p| p.topic_keys.as_slice()).collect();
        let (topics, paper_topics) = group(&topic_keys, links::topic_dir);
        let mut topics: Vec<GroupNode> = topics.into_iter().map(GroupNode::from).collect();
        for topic in &mut topics {
            if let Some((name, description)) = descriptions.get(&topic.slug) {
                topic.name = name.to_string();
                topic.description = description.to_string();
            }
        }
        let author_keys: Vec<&[GroupKey]> =
            sorted.iter().map(|p| p.author_keys.as_slice()).collect();
        let (authors, paper_authors) = group(&author_keys, links::author_dir);
        let mut authors: Vec<GroupNode> = authors.into_iter().map(GroupNode::from).collect();

        let mut days: Vec<DayNode> = Vec::new();
        let mut paper_day = Vec::with_capacity(sorted.len());
        for (i, p) in sorted.iter().enumerate() {
            if days.last().is_none_or(|d| d.date != p.paper.date) {
                let date = super::values::iso_date(p.paper.date);
                days.push(DayNode {
                    date: p.paper.date,
                    dir: links::day_dir(&date),
                    papers: Vec::new(),
                    value: Valued::default(),
                });
            }
            let day = days.len() - 1;
            days[day].papers.push(i);
            paper_day.push(day);
        }

        let previous = std::mem::take(groups_memo);
        let mut groups: FxHashMap<String, GroupValue> = FxHashMap::default();
        let mut group_value = |dir: &str, inputs: Fingerprint, build: &dyn Fn() -> Value| {
            let value = match previous.get(dir) {
                Some(v) if v.inputs == inputs => v.clone(),
                _ => GroupValue {
                    inputs,
                    valued: Valued::new(build()),
                },
            };
            groups.insert(dir.to_string(), value.clone());
            value.valued
        };
        for g in topics.iter_mut().chain(&mut authors) {
            let inputs = fingerprint::of(&(&g.name, &g.slug, &g.description, g.papers.len()));
            g.value = group_value(&g.dir, inputs, &|| {
                to_value(&GroupCard {
                    name: &g.name,
                    slug: &g.slug,
                    description: &g.description,
                    path: links.link(&g.dir),
                    count: g.papers.len(),
                })
            });
        }
        for d in &mut days {
            let inputs = fingerprint::of(&(d.date, d.papers.len()));
            d.value = group_value(&d.dir, inputs, &|| {
                to_value(&DayValue {
                    date: super::values::iso_date(d.date),
                    date_display: display_date(d.date),
                    path: links.link(&d.dir),
                    count: d.papers.len(),
                })
            });
        }
        *groups_memo = groups;

        let refs = Refs::of(&topics, &authors, &days);
        let placements = slugs
            .into_iter()
            .zip(cite_keys)
            .zip(paper_topics)
            .zip(paper_authors)
            .zip(paper_day)
            .map(|((((slug, cite_key), topics), authors), day)| {
                let fingerprint = refs.place_of(&slug, &cite_key, day, &topics, &authors);
                Arc::new(Placement {
                    dir: links::paper_dir(&slug),
                    slug,
                    topics,
                    authors,
                    day,
                    cite_key,
                    fingerprint,
                })
            })
            .collect();
        let periods = Arc::new(Periods::new(&days, links, &config.base_url));
        Structure {
            key: fingerprint::of(keys),
            newest_first: Arc::new((0..order.len()).collect()),
            order,
            placements,
            topics: Arc::new(topics),
            authors: Arc::new(authors),
            days: Arc::new(days),
            periods,
            report,
        }
    }
}

/// The order of two papers of one day by the site's `day_order`. A paper without
/// upvotes or rank comes after those with one.
fn within_day(keys: &[DayOrder], a: &PaperParts, b: &PaperParts) -> std::cmp::Ordering {
    use std::cmp::Reverse;
    keys.iter()
        .map(|key| match key {
            DayOrder::Upvotes => {
                let votes =
                    |p: &PaperParts| p.paper.upvotes.map_or((1, Reverse(0)), |u| (0, Reverse(u)));
                votes(a).cmp(&votes(b))
            }
            DayOrder::Rank => {
                let rank = |p: &PaperParts| p.paper.rank.map_or((1, 0), |r| (0, r));
                rank(a).cmp(&rank(b))
            }
            DayOrder::Title => a.sort_title.cmp(&b.sort_title),
        })
        .find(|o| o.is_ne())
        .unwrap_or(std::cmp::Ordering::Equal)
}

/// Fingerprints of the name and URL of every topic, author and day: what a paper's
/// values show of them.
struct Refs {
    topics: Vec<Fingerprint>,
    authors: Vec<Fingerprint>,
    days: Vec<Fingerprint>,
}

impl Refs {
    fn of(topics: &[GroupNode], authors: &[GroupNode], days: &[DayNode]) -> Refs {
        let named = |g: &GroupNode| fingerprint::of(&(&g.name, &g.dir));
        Refs {
            topics: topics.iter().map(named).collect(),
            authors: authors.iter().map(named).collect(),
            days: days.iter().map(|d| fingerprint::of(&d.dir)).collect(),
        }
    }

    fn place_of(
        &self,
        slug: &str,
        cite_key: &str,
        day: usize,
        topics: &[usize],
        authors: &[usize],
    ) -> Fingerprint {
        let mut hasher = crate::fingerprint::hasher();
        (slug, cite_key, self.days[day], topics.len()).hash(&mut hasher);
        let topics = topics.iter().map(|&t| self.topics[t]);
        let authors = authors.iter().map(|&a| self.authors[a]);
        topics.chain(authors).for_each(|f| f.hash(&mut hasher));
        hasher.finish()
    }
}

/// A group (topic or author) while the graph is being built.
struct Group {
    name: String,
    slug: String,
    description: String,
    dir: String,
    papers: Vec<usize>,
}

impl From<Group> for GroupNode {
    fn from(g: Group) -> GroupNode {
        GroupNode {
            name: g.name,
            slug: g.slug,
            description: g.description,
            dir: g.dir,
            papers: g.papers,
            value: Valued::default(),
        }
    }
}

/// Turns each paper's list of group names into groups sorted by name, and each paper's
/// list into indices of those groups. Names with the same slug are one group; the first
/// spelling met (in paper order) names it.
fn group(
    keys_per_paper: &[&[GroupKey]],
    dir_of: fn(&str) -> String,
) -> (Vec<Group>, Vec<Vec<usize>>) {
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    let mut groups: Vec<Group> = Vec::new();
    let mut per_paper: Vec<Vec<usize>> = keys_per_paper
        .iter()
        .enumerate()
        .map(|(paper, keys)| {
            let mut ids: Vec<usize> = Vec::with_capacity(keys.len());
            for k in keys.iter() {
                let id = *index.entry(&k.slug).or_insert_with(|| {
                    groups.push(Group {
                        name: k.name.clone(),
                        slug: k.slug.clone(),
                        description: String::new(),
                        dir: dir_of(&k.slug),
                        papers: Vec::new(),
                    });
                    groups.len() - 1
                });
                if !ids.contains(&id) {
                    ids.push(id);
                    groups[id].papers.push(paper);
                }
            }
            ids
        })
        .collect();
    // By name, then by slug (which is unique), so the order is total.
    let names: Vec<String> = groups.iter().map(|g| g.name.to_lowercase()).collect();
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        names[a]
            .cmp(&names[b])
            .then_with(|| groups[a].slug.cmp(&groups[b].slug))
    });
    let mut new_id = vec![0; groups.len()];
    for (new, &old) in order.iter().enumerate() {
        new_id[old] = new;
    }
    for ids in &mut per_paper {
        ids.iter_mut().for_each(|id| *id = new_id[*id]);
    }
    (permute(groups, &order), per_paper)
}

/// `items` in the given order: `order` holds each index of `items` once.
pub(super) fn permute<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut items: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .iter()
        .map(|&i| items[i].take().expect("each item is placed once"))
        .collect()
}
