//! Each paper's list of similar papers, as its page shows them: the engine of `related`
//! run over the site's papers, and its lists made into node values.
//!
//! TF-IDF weights are global, so an edited abstract can change the lists of papers it
//! never names. Finding every list again takes a good part of a second at 10,000 papers,
//! far over what a save under `watch` may wait for its page. So a rebuild may be
//! `Derived::Provisional`: each paper keeps the list it had (by entry file), the edited
//! page is written at once, and the next `Derived::Settled` build finds the lists anew
//! and rewrites the pages whose list changed. A settled build's lists depend on the
//! papers alone, so its output is the same as a fresh build's.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::links::LinkStyle;
use super::{PaperNode, related};
use crate::fingerprint::{self, Fingerprint};

/// How many similar papers a paper's page lists.
pub const SIMILAR_PAPERS: usize = 5;

/// Whether a build works out the outputs that depend on every paper at once (similar
/// papers, the search index) or keeps the last ones where it can.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Derived {
    /// Made from the papers as they are: what every one-off build does.
    #[default]
    Settled,
    /// The last ones, kept by entry file, when only the papers' text changed: for the
    /// first of a watch rebuild's two steps.
    Provisional,
}

/// The last lists found, with what they were found from.
#[derive(Default)]
pub struct SimilarMemo {
    /// A fingerprint of every paper's text, in site order.
    key: Option<Fingerprint>,
    /// Each paper's list, as indices into the papers in site order.
    lists: Arc<Vec<Vec<usize>>>,
    /// Each paper's entry file, in the same order, and where each one is.
    sources: Vec<PathBuf>,
    by_source: FxHashMap<Vec<u8>, usize>,
    /// The values last made from lists, in site order.
    filled: Option<Filled>,
}

/// Values made from lists, with what they were made from.
struct Filled {
    lists: Arc<Vec<Vec<usize>>>,
    /// Each paper's card's fingerprint.
    cards: Vec<Fingerprint>,
    values: Vec<SimilarList>,
}

/// A paper's similar papers, as indices into the papers in site order, with the
/// fingerprint of what its page shows of them. Kept as indices, not as a written value:
/// the list shows nothing but the cards' titles, paths and dates, which the graph has
/// anyway, and written out the lists of 100,000 papers took 150 MB for as long as the
/// graph lived. A page's context writes its list out (`SimilarView`).
#[derive(Clone, Default)]
pub struct SimilarList {
    papers: Arc<[u32]>,
    pub fingerprint: Fingerprint,
}

impl SimilarList {
    /// The list as a page's context holds it: what templates see as `similar`.
    pub fn view<'s>(&'s self, papers: &'s [PaperNode], links: LinkStyle) -> SimilarView<'s> {
        SimilarView {
            list: self,
            papers,
            links,
        }
    }
}

/// A paper's similar papers as templates see them: a list of `{title, title_html, path,
/// date, date_display}`, most similar first. A fingerprint of a context sees the list's
/// fingerprint, as it sees a node value's.
pub struct SimilarView<'s> {
    list: &'s SimilarList,
    papers: &'s [PaperNode],
    links: LinkStyle,
}

impl Serialize for SimilarView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if fingerprint::shallow() {
            fingerprint::note_read(self.list.fingerprint);
            return serializer.serialize_u64(self.list.fingerprint);
        }
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.list.papers.len()))?;
        for &j in self.list.papers.iter() {
            let node = &self.papers[j as usize];
            seq.serialize_element(&SimilarPaper {
                title: &node.title.plain,
                title_html: &node.title.html,
                path: self.links.link(&node.place.dir),
                date: super::values::iso_date(node.paper.date),
                date_display: super::values::display_date(node.paper.date),
            })?;
        }
        seq.end()
    }
}

/// One similar paper, as a paper's page lists it.
#[derive(Serialize)]
struct SimilarPaper<'a> {
    title: &'a str,
    title_html: &'a str,
    path: String,
    date: String,
    date_display: String,
}

/// Gives every paper its `similar` value. Returns whether the lists are settled: false
/// when a provisional build kept lists that the papers' text no longer gives.
pub fn attach(papers: &mut [PaperNode], derived: Derived, memo: &mut SimilarMemo) -> bool {
    let key = texts_key(papers);
    let settled = if memo.key == Some(key) {
        true
    } else if derived == Derived::Provisional && memo.key.is_some() {
        let kept = kept_lists(papers, memo);
        fill_values(papers, kept, memo);
        return false;
    } else {
        let counts: Vec<&[(u64, u32)]> = papers.iter().map(|p| &p.words.counts[..]).collect();
        memo.lists = Arc::new(find(&counts));
        memo.sources = papers.iter().map(|p| p.paper.source.clone()).collect();
        memo.by_source = memo
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (source_bytes(s).to_vec(), i))
            .collect();
        memo.key = Some(key);
        true
    };
    let lists = memo.lists.clone();
    fill_values(papers, lists, memo);
    settled
}

/// Each paper's most similar papers, from the papers' term counts in site order.
pub fn find(counts: &[&[(u64, u32)]]) -> Vec<Vec<usize>> {
    related::most_similar_counted(counts, SIMILAR_PAPERS)
}

/// Gives every paper its `similar` value from lists found already (by `find`, in a
/// one-off build, which keeps nothing for a next one). Always settled.
pub fn attach_found(papers: &mut [PaperNode], lists: Vec<Vec<usize>>, memo: &mut SimilarMemo) {
    fill_values(papers, Arc::new(lists), memo);
}

/// A fingerprint of what similarity reads of one paper.
pub fn text_key(title: &str, text: &str) -> Fingerprint {
    fingerprint::of(&(title, text))
}

fn texts_key(papers: &[PaperNode]) -> Fingerprint {
    let keys: Vec<Fingerprint> = papers.iter().map(|p| p.text_key).collect();
    fingerprint::of(&keys)
}

/// The memo's lists, moved to where each paper now is: a paper new since they were
/// found has none yet, and one gone since drops out of the lists that named it.
fn kept_lists(papers: &[PaperNode], memo: &SimilarMemo) -> Arc<Vec<Vec<usize>>> {
    let same_places = papers.len() == memo.sources.len()
        && papers
            .iter()
            .zip(&memo.sources)
            .all(|(p, s)| p.paper.source == *s);
    if same_places {
        // The edit moved no paper: the common case, and a quick one.
        return memo.lists.clone();
    }
    let now: FxHashMap<&[u8], usize> = papers
        .iter()
        .enumerate()
        .map(|(i, p)| (p.paper.source.as_os_str().as_encoded_bytes(), i))
        .collect();
    papers
        .iter()
        .map(|p| {
            let Some(&was) = memo.by_source.get(source_bytes(&p.paper.source)) else {
                return Vec::new();
            };
            let list = &memo.lists[was];
            let moved = list
                .iter()
                .map(|&j| now.get(source_bytes(&memo.sources[j])));
            moved.flatten().copied().collect()
        })
        .collect::<Vec<_>>()
        .into()
}

/// An entry's path as bytes: hashed as a whole, much faster than a `Path`, whose hash
/// goes through its components.
fn source_bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// Sets each paper's `similar` to the value of its list. Values are made again only for
/// lists that changed, or that show a paper whose card did (after an edit, the few
/// papers that list the edited one).
///
/// A value's fingerprint is taken of the paper's card and the cards it lists, never of
/// the list alone: two papers with the same list (two empty ones, say) must still hold
/// different values, since a page's context is known to change by a value it holds
/// going from the site (see `pipeline::job_table`). The cards say all the list shows.
fn fill_values(papers: &mut [PaperNode], lists: Arc<Vec<Vec<usize>>>, memo: &mut SimilarMemo) {
    let cards: Vec<Fingerprint> = papers.iter().map(|p| p.card.fingerprint).collect();
    let last = memo
        .filled
        .take()
        .filter(|f| Arc::ptr_eq(&f.lists, &lists) && f.cards.len() == cards.len());
    let stale: Vec<bool> = match &last {
        Some(last) => {
            let changed: Vec<bool> = cards.iter().zip(&last.cards).map(|(a, b)| a != b).collect();
            let shows_changed = |list: &Vec<usize>| list.iter().any(|&j| changed[j]);
            lists
                .iter()
                .zip(&changed)
                .map(|(list, &own)| own || shows_changed(list))
                .collect()
        }
        None => vec![true; papers.len()],
    };
    let made: Vec<Option<SimilarList>> = (0..papers.len())
        .into_par_iter()
        .map(|i| {
            stale[i].then(|| {
                let list = &lists[i];
                let shown: Vec<Fingerprint> = list.iter().map(|&j| cards[j]).collect();
                SimilarList {
                    papers: list.iter().map(|&j| j as u32).collect(),
                    fingerprint: fingerprint::of(&(cards[i], shown, "similar")),
                }
            })
        })
        .collect();
    let values: Vec<SimilarList> = match last {
        Some(last) => made
            .into_iter()
            .zip(last.values)
            .map(|(new, old)| new.unwrap_or(old))
            .collect(),
        None => made.into_iter().flatten().collect(),
    };
    for (node, value) in papers.iter_mut().zip(&values) {
        node.similar = value.clone();
    }
    memo.filled = Some(Filled {
        lists,
        cards,
        values,
    });
}
