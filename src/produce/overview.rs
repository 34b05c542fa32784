//! A listing's overview (`overview` on day and index pages): its papers grouped by
//! topic, with counts, each paper a jump link to its card on the page (`#p-{slug}`). A
//! paper of several topics is in each of their groups.

use serde::Serialize;

use crate::site::{Site, Valued};

/// One topic's papers on the page.
#[derive(Serialize)]
pub struct TopicGroup<'s> {
    /// The topic's name; "Other papers" for those without a topic.
    pub name: &'s str,
    /// Link path of the topic's page; empty for "Other papers".
    pub path: String,
    /// Its papers on this page, in the page's order, as listings hold them
    /// (`{path, title_html, slug, ...}`).
    pub papers: Vec<&'s Valued>,
}

/// The papers `ids` grouped by topic: the topic with the most papers here first, ties
/// by name; papers without a topic last.
pub fn by_topic<'s>(site: &'s Site, ids: &[usize]) -> Vec<TopicGroup<'s>> {
    let mut groups: Vec<(usize, Vec<&'s Valued>)> = Vec::new();
    let mut slot = rustc_hash::FxHashMap::default();
    let mut others = Vec::new();
    for &i in ids {
        let paper = &site.papers[i];
        if paper.place.topics.is_empty() {
            others.push(&paper.listed);
        }
        for &t in &paper.place.topics {
            let k = *slot.entry(t).or_insert_with(|| {
                groups.push((t, Vec::new()));
                groups.len() - 1
            });
            groups[k].1.push(&paper.listed);
        }
    }
    // Topics are sorted by name, so their index breaks ties by name.
    groups.sort_by(|(ta, a), (tb, b)| b.len().cmp(&a.len()).then(ta.cmp(tb)));
    let mut out: Vec<TopicGroup> = groups
        .into_iter()
        .map(|(t, papers)| {
            let topic = &site.topics[t];
            TopicGroup {
                name: &topic.name,
                path: site.links.link(&topic.dir),
                papers,
            }
        })
        .collect();
    if !others.is_empty() {
        out.push(TopicGroup {
            name: "Other papers",
            path: String::new(),
            papers: others,
        });
    }
    out
}
