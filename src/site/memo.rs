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
use serde_json::value::RawValue;

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
    /// Its words (see `words`); none in a one-off build, which finds them later.
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
///
/// It is kept as JSON text. A `serde_json::Value` tree of the same value takes about
/// five times the memory (a map node per object, a heap string per key), which made the
/// values of 100,000 papers several gigabytes; a template context built from the text
/// parses it straight into its own tree, which it used to copy from the kept one anyway.
#[derive(Clone)]
pub struct Valued {
    json: Arc<RawValue>,
    pub fingerprint: Fingerprint,
}

impl Valued {
    pub fn new(value: Value) -> Valued {
        Valued::of(&value)
    }

    /// The value of anything serializable, written out once.
    pub fn of<T: serde::Serialize + ?Sized>(value: &T) -> Valued {
        Valued::from_json(to_json(value))
    }

    /// A value whose fingerprint is given: one that stands for more than the value's
    /// own bytes (what made it, or which file it is).
    pub fn with_fingerprint<T: serde::Serialize + ?Sized>(
        value: &T,
        fingerprint: Fingerprint,
    ) -> Valued {
        Valued {
            json: Arc::from(to_json(value)),
            fingerprint,
        }
    }

    fn from_json(json: Box<RawValue>) -> Valued {
        Valued {
            fingerprint: crate::fingerprint::of_bytes(json.get().as_bytes()),
            json: Arc::from(json),
        }
    }

    /// The value as JSON text.
    pub fn text(&self) -> &str {
        self.json.get()
    }

    /// The value, read back from its text: for the few places that look into a value.
    pub fn json(&self) -> Value {
        serde_json::from_str(self.json.get()).unwrap_or(Value::Null)
    }

    /// The string field `key` of an object value, if it has one: read without making
    /// the rest of the value.
    pub fn field(&self, key: &str) -> Option<String> {
        type Fields<'a> = HashMap<std::borrow::Cow<'a, str>, &'a RawValue>;
        let fields: Fields = serde_json::from_str(self.json.get()).ok()?;
        serde_json::from_str(fields.get(key)?.get()).ok()
    }

    /// A paper as listings hold it, made from its page's value. Its fingerprint is the
    /// page value's (the joint one of the card and the page's own fields, tagged): a
    /// listing prints the card, or with the `card` filter's `body="abstract"` the whole
    /// abstract, so it must change when any of them does.
    /// So `value` must hold nothing but what follows from the page value.
    pub fn listing<T: serde::Serialize>(value: &T, page: Joint) -> Valued {
        let fingerprint = crate::fingerprint::of(&(page.fingerprint(), "listed"));
        Valued::with_fingerprint(value, fingerprint)
    }

    /// One object value with the fields of two: `self`'s, then `more`'s (which must not
    /// repeat a field of `self`). Both must be objects; anything else gives `self`.
    pub fn merged(&self, more: &Valued) -> Valued {
        match self.joined_json(more) {
            Some(json) => Valued::from_json(json),
            None => self.clone(),
        }
    }

    /// The text of `merged`, without its fingerprint; `None` where `merged` gives `self`.
    fn joined_json(&self, more: &Valued) -> Option<Box<RawValue>> {
        self.joined_json_with(more, None)
    }

    /// `joined_json`, with one more field (`key` with the JSON `value`) if given: the text
    /// is written once, and checked once, whatever it holds.
    fn joined_json_with(
        &self,
        more: &Valued,
        field: Option<(&str, &str)>,
    ) -> Option<Box<RawValue>> {
        let (a, b) = (self.text().trim(), more.text().trim());
        let a = a.strip_suffix('}').filter(|_| a.starts_with('{'))?;
        let b = b.strip_prefix('{').filter(|_| b.ends_with('}'))?;
        let b = b.strip_suffix('}')?;
        let mut text = String::with_capacity(
            a.len() + b.len() + 2 + field.map_or(0, |(k, v)| k.len() + v.len() + 4),
        );
        text.push_str(a);
        let mut empty = a.trim_end() == "{";
        if !b.trim().is_empty() {
            if !empty {
                text.push(',');
            }
            text.push_str(b);
            empty = false;
        }
        if let Some((key, value)) = field {
            if !empty {
                text.push(',');
            }
            text.push_str(&serde_json::to_string(key).ok()?);
            text.push(':');
            text.push_str(value);
        }
        text.push('}');
        RawValue::from_string(text).ok()
    }
}

/// Two object values that templates see as one, with the fields of both (see
/// `Valued::merged`), without the joint text being kept: a paper's page value is its card
/// and what its page adds, and a second copy of every card inside the page values was
/// 2 KB a paper, for as long as the graph lives.
#[derive(Clone, Copy)]
pub struct Joint<'a> {
    pub first: &'a Valued,
    pub second: &'a Valued,
}

impl Joint<'_> {
    /// Changes when either part does.
    pub fn fingerprint(&self) -> Fingerprint {
        crate::fingerprint::of(&(self.first.fingerprint, self.second.fingerprint))
    }

    /// The joint value, for a use that needs it whole.
    pub fn valued(&self) -> Valued {
        self.first.merged(self.second)
    }

    /// The joint value's text with one more field, `key` with the JSON `value`: for a
    /// field made where it is shown rather than kept. `None` where either part is not an
    /// object.
    pub fn text_with(&self, key: &str, value: &str) -> Option<Box<RawValue>> {
        self.first.joined_json_with(self.second, Some((key, value)))
    }
}

/// Templates see the joint value (its text joined for the one read, not fingerprinted:
/// this is on every paper page's way); a fingerprint of a context sees both parts'
/// fingerprints.
impl serde::Serialize for Joint<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if crate::fingerprint::shallow() {
            (self.first, self.second).serialize(serializer)
        } else {
            match self.first.joined_json(self.second) {
                Some(json) => json.serialize(serializer),
                None => self.first.serialize(serializer),
            }
        }
    }
}

/// Writes a value as JSON. Only a map with keys that are not strings fails to, which no
/// value of the graph has; it would show as `null`.
fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Box<RawValue> {
    serde_json::value::to_raw_value(value)
        .unwrap_or_else(|_| RawValue::from_string("null".into()).expect("null is JSON"))
}

/// Templates see the value itself; a fingerprint of a context sees its fingerprint.
impl serde::Serialize for Valued {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if crate::fingerprint::shallow() {
            crate::fingerprint::note_read(self.fingerprint);
            serializer.serialize_u64(self.fingerprint)
        } else {
            self.json.serialize(serializer)
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
    /// What its page adds to its card (`PaperPageExtras`): the page's value is the two
    /// together (`PaperNode::value`).
    pub page: Valued,
    pub citation: Valued,
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
    /// For a one-off build: keep no paper's parts or values for a next build, and let
    /// the graph drop what no page reads as soon as it is made (see `Site::build`).
    pub(super) forgets: bool,
}

impl Memo {
    /// Forgets everything if the configuration differs from the one the memo was made
    /// with: Markdown options, topic rules and URLs all shape what it holds.
    /// `key` is the configuration written out (`format!("{config:?}")`).
    pub(super) fn check_config(&mut self, key: &str) {
        if key != self.config {
            *self = Memo {
                config: key.to_string(),
                forgets: self.forgets,
                ..Memo::default()
            };
        }
    }

    /// The memo of a one-off build, which no other build follows: it keeps no paper's
    /// parts or values, so that the graph can free what no page reads.
    pub fn forgetful() -> Memo {
        Memo {
            forgets: true,
            ..Memo::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merged_values_hold_the_fields_of_both_and_read_back_as_json() {
        let card = Valued::new(json!({"title": "T", "authors": [{"name": "A"}]}));
        let extras = Valued::new(json!({"content": "<p>x</p>"}));
        let page = card.merged(&extras);
        assert_eq!(
            page.json(),
            json!({"title": "T", "authors": [{"name": "A"}], "content": "<p>x</p>"})
        );
        assert_eq!(page.field("content").as_deref(), Some("<p>x</p>"));
        assert_ne!(page.fingerprint, card.fingerprint);
        // An empty object on either side makes no stray comma.
        let empty = Valued::new(json!({}));
        assert_eq!(empty.merged(&extras).json(), extras.json());
        assert_eq!(card.merged(&empty).json(), card.json());
        // Anything but two objects keeps the first value.
        assert_eq!(Valued::default().merged(&extras).json(), Value::Null);
    }

    #[test]
    fn a_joint_value_takes_one_more_field_whatever_its_parts_hold() {
        let read = |first: &Valued, second: &Valued| -> Value {
            let joint = Joint { first, second };
            let text = joint.text_with("json_ld", r#""{\"@type\":1}""#).unwrap();
            serde_json::from_str(text.get()).unwrap()
        };
        let card = Valued::new(json!({"title": "T"}));
        let extras = Valued::new(json!({"content": "<p>x</p>"}));
        let empty = Valued::new(json!({}));
        let ld = json!("{\"@type\":1}");
        assert_eq!(
            read(&card, &extras),
            json!({"title": "T", "content": "<p>x</p>", "json_ld": ld})
        );
        assert_eq!(
            read(&empty, &extras),
            json!({"content": "<p>x</p>", "json_ld": ld})
        );
        assert_eq!(read(&card, &empty), json!({"title": "T", "json_ld": ld}));
        assert_eq!(read(&empty, &empty), json!({"json_ld": ld}));
        assert!(
            Joint {
                first: &Valued::default(),
                second: &card
            }
            .text_with("k", "1")
            .is_none()
        );
    }

    #[test]
    fn a_value_serializes_as_its_json_and_equal_values_have_equal_fingerprints() {
        let v = Valued::of(&json!({"b": 1, "a": [true, null]}));
        assert_eq!(
            serde_json::to_value(&v).unwrap(),
            json!({"a": [true, null], "b": 1})
        );
        assert_eq!(
            Valued::of(&json!({"b": 1})).fingerprint,
            Valued::of(&json!({"b": 1})).fingerprint
        );
    }
}
