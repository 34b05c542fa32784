//! A paper's words: similar papers count the words of its title and text, and the search
//! index notes which fields each word is in. A site held for rebuilds (`watch`, `serve`)
//! finds them once when an entry is read and keeps them with its other parts (see
//! `memo`): reading the words of 10,000 abstracts is a good part of both, and a rebuild
//! then reads only the edited entry's again. A one-off build finds them a batch of papers
//! at a time and keeps none.

use rustc_hash::FxHashMap;

use super::related::{self, TermCounts};
use crate::text;

/// The fields a word can be found in, in the order of the search index's lists.
pub const FIELDS: [&str; 4] = ["title", "authors", "topics", "text"];

#[derive(Default)]
pub struct PaperWords {
    /// The terms of the title and text, with their counts (what similarity reads).
    pub counts: TermCounts,
    /// Every distinct term of every field: its hash, a bit per field (`1 << i` for
    /// `FIELDS[i]`), and where its text is in `text`. By hash.
    terms: Vec<(u64, u8, u32, u32)>,
    text: String,
}

impl PaperWords {
    /// The words of a paper's title, authors' names, topics' names and text.
    pub fn new(title: &str, authors: &[&str], topics: &[&str], body: &str) -> PaperWords {
        let mut words = PaperWords {
            counts: Vec::new(),
            terms: Vec::new(),
            text: String::new(),
        };
        let mut seen: FxHashMap<u64, usize> = FxHashMap::default();
        let mut counted: Vec<u64> = Vec::new();
        let mut add = |field: usize, text: &str, words: &mut PaperWords| {
            text::for_each_term(text, |term| {
                let hash = related::term_hash(term);
                if field == 0 || field == 3 {
                    counted.push(hash);
                }
                let at = *seen.entry(hash).or_insert_with(|| {
                    let start = words.text.len() as u32;
                    words.text.push_str(term);
                    words.terms.push((hash, 0, start, term.len() as u32));
                    words.terms.len() - 1
                });
                words.terms[at].1 |= 1 << field;
            })
        };
        add(0, title, &mut words);
        for name in authors {
            add(1, name, &mut words);
        }
        for name in topics {
            add(2, name, &mut words);
        }
        add(3, body, &mut words);
        words.counts = related::counted(counted);
        words.terms.sort_unstable_by_key(|t| t.0);
        words
    }

    /// The words without the room their lists grew into, to be kept with the paper's
    /// other parts between builds.
    pub fn to_keep(mut self) -> PaperWords {
        self.counts.shrink_to_fit();
        self.terms.shrink_to_fit();
        self.text.shrink_to_fit();
        self
    }

    /// Each distinct term: its hash, its fields (a bit each) and its text.
    pub fn terms(&self) -> impl Iterator<Item = (u64, u8, &str)> {
        self.terms.iter().map(|&(hash, fields, start, len)| {
            let (start, len) = (start as usize, len as usize);
            (hash, fields, &self.text[start..start + len])
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_term_once_with_its_fields() {
        let words = PaperWords::new(
            "Graph networks",
            &["Ada Graph"],
            &["Graphs"],
            "Graph networks for graphs; networks again.",
        );
        let terms: Vec<(u8, &str)> = words.terms().map(|(_, f, t)| (f, t)).collect();
        let fields = |word: &str| terms.iter().find(|(_, t)| *t == word).map(|(f, _)| *f);
        assert_eq!(fields("graph"), Some(0b1011));
        assert_eq!(fields("networks"), Some(0b1001));
        assert_eq!(fields("graphs"), Some(0b1100));
        assert_eq!(fields("ada"), Some(0b0010));
        // "for" and "again" are stop words.
        assert_eq!(terms.len(), 4, "{terms:?}");
        // Counts cover the title and text only: "networks" 1 + 2, "ada" none.
        let count = |word: &str| {
            let hash = related::term_hash(word);
            words
                .counts
                .iter()
                .find(|(h, _)| *h == hash)
                .map(|(_, n)| *n)
        };
        assert_eq!(count("networks"), Some(3));
        assert_eq!(count("ada"), None);
    }
}
