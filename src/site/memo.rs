//! What the site graph keeps between builds of a site held in memory (watch, serve).
//!
//! Rendering an entry's Markdown and serializing its values are the graph's costly
//! steps. Each result is kept with what it was made from: an entry's parts are reused
//! while the file loaded to the very same `Paper` (the content store re-reads only changed
//! files), and its values while, in addition, the nodes it links to (slug, day, topics,
//! authors) are unchanged. A memo holds for one configuration; another one empties it.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;

use crate::content::{Page, Paper};
use crate::fingerprint::Fingerprint;
use crate::markdown;

/// Everything about a paper that depends on its file alone.
pub struct PaperParts {
    pub paper: Arc<Paper>,
    pub title: Arc<markdown::RenderedTitle>,
    pub body: Arc<markdown::Rendered>,
    pub topic_keys: Vec<super::GroupKey>,
    pub author_keys: Vec<super::GroupKey>,
    /// A fingerprint of the fields the site's structure is made from.
    pub structure_key: Fingerprint,
    /// A fingerprint of what similar papers are found from: the title and the text.
    pub text_key: Fingerprint,
    /// Its words (see `words`).
    pub words: Arc<super::words::PaperWords>,
    /// The slug from front matter, else one made from the title.
    pub wanted_slug: String,
    /// The title lowercased, for sorting.
    pub sort_title: String,
    /// The citation key the paper asks for (see `cite_keys`).
    pub cite_key: super::cite_keys::WantedKey,
    /// Why the entry's `bibtex_key` cannot be its key, if it cannot.
    pub cite_key_warning: Option<crate::diagnostics::Diagnostic>,
}

/// A template value, built once and shared by every page that shows it, with its
/// fingerprint (which pages showing it compare to decide whether to render again).
#[derive(Clone)]
pub struct Valued {
    pub value: Arc<Value>,
    pub fingerprint: Fingerprint,
}

impl Valued {
    pub fn new(value: Value) -> Valued {
        Valued {
            fingerprint: crate::fingerprint::of_json(&value),
            value: Arc::new(value),
        }
    }

    /// A paper as listings hold it, made from its page's value. Its fingerprint is the
    /// page value's (tagged): a listing prints the card, or with the `card` filter's
    /// `body="abstract"` the whole abstract, so it must change when any of them does.
    /// So `value` must hold nothing but what follows from the page value.
    pub fn listing(value: Value, page: &Valued) -> Valued {
        Valued {
            fingerprint: crate::fingerprint::of(&(page.fingerprint, "listed")),
            value: Arc::new(value),
        }
    }
}

/// Templates see the value itself; a fingerprint of a context sees its fingerprint.
impl serde::Serialize for Valued {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if crate::fingerprint::shallow() {
            crate::fingerprint::note_read(self.fingerprint);
            serializer.serialize_u64(self.fingerprint)
        } else {
            self.value.serialize(serializer)
        }
    }
}

impl Default for Valued {
    fn default() -> Valued {
        Valued::new(Value::Null)
    }
}

/// A paper's template values, with what they were made from: the entry, and a
/// fingerprint of its place in the graph (its URL and the names and URLs of the nodes
/// it links to).
pub struct PaperValues {
    pub paper: Arc<Paper>,
    pub place: Fingerprint,
    pub card: Valued,
    pub listed: Valued,
    pub value: Valued,
    pub citation: Valued,
    pub cite_file: Valued,
}

pub struct PageParts {
    pub page: Arc<Page>,
    pub body: Arc<markdown::Rendered>,
}

/// A group's (topic's, author's, day's) value, by what it was made from.
#[derive(Clone)]
pub struct GroupValue {
    pub inputs: Fingerprint,
    pub valued: Valued,
}

/// The memo's key for an entry: the address of the loaded `Paper`. The content store
/// loads a changed file into a new `Paper`, so an entry with the same key is the same
/// file, unchanged; and the memo holds each `Paper` it has a key for, so no other entry
/// can be given that address meanwhile.
pub(super) fn key(paper: &Arc<Paper>) -> usize {
    Arc::as_ptr(paper) as usize
}

/// Work kept per entry (by `key`). A build takes what it can reuse, which marks it, then
/// `keep_only_used` drops the rest and adds the new work: a rebuild after one edit
/// touches two entries, not every entry of the digest.
pub(super) struct Reuse<V> {
    entries: FxHashMap<usize, (V, AtomicBool)>,
}

impl<V> Default for Reuse<V> {
    fn default() -> Self {
        Reuse {
            entries: FxHashMap::default(),
        }
    }
}

impl<V> Reuse<V> {
    /// The work kept for `key`, if `usable` accepts it; it is then marked as used.
    pub(super) fn take(&self, key: usize, usable: impl Fn(&V) -> bool) -> Option<&V> {
        let (value, used) = self.entries.get(&key)?;
        usable(value).then(|| {
            used.store(true, Ordering::Relaxed);
            value
        })
    }

    /// Drops the work this build did not take and keeps `new` work instead.
    pub(super) fn keep_only_used(&mut self, new: impl IntoIterator<Item = (usize, V)>) {
        self.entries
            .retain(|_, (_, used)| used.swap(false, Ordering::Relaxed));
        for (key, value) in new {
            self.entries.insert(key, (value, AtomicBool::new(false)));
        }
    }
}

#[derive(Default)]
pub struct Memo {
    config: String,
    pub(super) papers: Reuse<Arc<PaperParts>>,
    pub(super) values: Reuse<Arc<PaperValues>>,
    pub(super) pages: HashMap<PathBuf, Arc<PageParts>>,
    /// By the group's folder (`topics/x/`, `authors/y/`, `days/2025-05-09/`).
    pub(super) groups: FxHashMap<String, GroupValue>,
    /// The last structure, with the structural fingerprints of the entries it was made
    /// from (in content order).
    pub(super) structure: Option<(Vec<Fingerprint>, Arc<super::Structure>)>,
    pub(super) sitemap: super::sitemap::SitemapMemo,
    /// The topic rules made into one automaton, which takes longer to build than a
    /// rebuild after an edit takes to run.
    pub(super) topic_matcher: Option<Arc<super::topics::TopicMatcher>>,
    /// The last similar papers found.
    pub(super) similar: super::similar::SimilarMemo,
    /// The last search index made.
    pub(super) search: super::search_index::SearchMemo,
}

impl Memo {
    /// Forgets everything if the configuration differs from the one the memo was made
    /// with: Markdown options, topic rules and URLs all shape what it holds.
    /// `key` is the configuration written out (`format!("{config:?}")`).
    pub(super) fn check_config(&mut self, key: &str) {
        if key != self.config {
            *self = Memo {
                config: key.to_string(),
                ..Memo::default()
            };
        }
    }
}
