//! The search index's term files: which papers have each word, in which field, cut into
//! small files by the words' first letters, so that a query downloads only the files of
//! its words (as Pagefind does), and arXiv ids, cut by their month.
//!
//! Papers are known in the index by a number in date order, oldest first: a new day's
//! papers take new numbers and leave every other paper's alone, so a daily rebuild
//! changes only the files of the new papers' words. The search page's script reads the
//! rest of what it shows (titles, snippets, facets) from files made per paper (see
//! `produce::search`).
//!
//! The index depends on every paper's words at once, so like similar papers it is kept
//! as it was by a provisional build and made anew by a settled one (see `similar`).

use std::fmt::Write as _;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::{Value, json};

use super::PaperNode;
use super::memo::Valued;
use super::similar::Derived;
use super::words::PaperWords;
use crate::content::Paper;
use crate::fingerprint::{self, Fingerprint};
use crate::text;

pub use super::words::FIELDS;

/// About how many bytes of JSON a term file holds at most. A file whose words share a
/// prefix is cut by the next letter until it fits; one word's list can still be longer.
const SHARD_BYTES: usize = 24 * 1024;

/// Papers per file of the papers' own records (`produce::search`): a first page of ten
/// results fetches at most ten small files.
pub const DOCS_PER_FILE: usize = 10;

/// One file of the index: its path below `search/` and its bytes, as a JSON string value.
pub struct IndexFile {
    pub file: String,
    pub bytes: Valued,
}

#[derive(Default)]
pub struct SearchIndex {
    /// A fingerprint of the files' names: part of the site's shape, as the files are
    /// part of what the site has.
    pub files_key: Fingerprint,
    /// `search/index.json`: the term files by prefix, the arXiv id files by month, the
    /// stop words, and how many papers there are.
    pub manifest: Valued,
    pub terms: Vec<IndexFile>,
    pub ids: Vec<IndexFile>,
}

/// The last index made, with fingerprints of what it was made from and of the papers'
/// order (which their numbers follow).
pub type SearchMemo = Option<(Fingerprint, Fingerprint, Arc<SearchIndex>)>;

/// The index of `papers` (in site order, newest first): the memo's if the papers' words
/// are the same; or, if the build is provisional, the memo's while every paper keeps its
/// number (the records and facets, made afresh on every build, number papers as the
/// index must); else a new one.
pub fn build(
    papers: &[PaperNode],
    derived: Derived,
    memo: &mut SearchMemo,
) -> (Arc<SearchIndex>, bool) {
    let key = inputs_key(papers);
    let order = order_key(papers);
    match memo {
        Some((last, _, index)) if *last == key => return (index.clone(), true),
        Some((_, last_order, index)) if derived == Derived::Provisional && *last_order == order => {
            return (index.clone(), false);
        }
        _ => {}
    }
    let words: Vec<&PaperWords> = papers.iter().map(|p| &*p.words).collect();
    let entries: Vec<&Paper> = papers.iter().map(|p| &*p.paper).collect();
    let index = Arc::new(make(&words, &entries));
    *memo = Some((key, order, index.clone()));
    (index, true)
}

/// A fingerprint of which paper has which number: their entry files, in order.
fn order_key(papers: &[PaperNode]) -> Fingerprint {
    use std::hash::Hasher;
    let mut hasher = fingerprint::hasher();
    for node in papers {
        hasher.write(node.paper.source.as_os_str().as_encoded_bytes());
        hasher.write_u8(0);
    }
    hasher.finish()
}

/// What the index is made from: each paper's card (title, authors, topics, arXiv id) and
/// text, in order.
fn inputs_key(papers: &[PaperNode]) -> Fingerprint {
    let keys: Vec<(Fingerprint, Fingerprint)> = papers
        .iter()
        .map(|p| (p.card.fingerprint, p.text_key))
        .collect();
    fingerprint::of(&keys)
}

/// A paper's number in the index: date order, oldest first.
pub fn doc_number(site_index: usize, papers: usize) -> usize {
    papers - 1 - site_index
}

/// The index of papers with these words and entries, in site order.
pub fn make(words: &[&PaperWords], papers: &[&Paper]) -> SearchIndex {
    debug_assert_eq!(words.len(), papers.len());
    let mut index = Builder::new(papers.len());
    for (site_index, words) in words.iter().enumerate() {
        index.add(site_index, words);
    }
    index.finish(papers)
}

/// An index made one paper at a time (`add`, in any order), so that a caller need not
/// hold every paper's words at once; `finish` writes it.
pub struct Builder {
    /// How many papers the site has, which their numbers in the index follow.
    papers: usize,
    added: usize,
    /// Each term's number, by hash, in the order terms are first met in.
    ids: FxHashMap<u64, u32>,
    terms: Vec<String>,
    /// For each term, the papers (by their number in the index) with it in each field.
    postings: Vec<[Vec<u32>; 4]>,
}

impl Builder {
    /// An index of a site of `papers` papers.
    pub fn new(papers: usize) -> Builder {
        Builder {
            papers,
            added: 0,
            ids: FxHashMap::default(),
            terms: Vec::new(),
            postings: Vec::new(),
        }
    }

    /// The words of the paper at `site_index` in site order.
    pub fn add(&mut self, site_index: usize, words: &PaperWords) {
        self.added += 1;
        let doc = doc_number(site_index, self.papers) as u32;
        for (hash, fields, term) in words.terms() {
            let next = self.terms.len() as u32;
            let id = *self.ids.entry(hash).or_insert(next);
            if id == next {
                self.terms.push(term.to_string());
                self.postings.push(Default::default());
            }
            for (field, list) in self.postings[id as usize].iter_mut().enumerate() {
                if fields & (1 << field) != 0 {
                    list.push(doc);
                }
            }
        }
    }

    /// The index of the papers added, which are `papers` (in site order).
    pub fn finish(self, papers: &[&Paper]) -> SearchIndex {
        debug_assert_eq!((self.papers, self.added), (papers.len(), papers.len()));
        let Builder {
            terms,
            mut postings,
            ..
        } = self;
        // Papers may have come in any order; each list is read in the index's.
        postings
            .par_iter_mut()
            .flatten()
            .for_each(|list| list.sort_unstable());
        write(terms, postings, papers)
    }
}

/// The index's files, from its terms and their lists, for `papers` in site order.
fn write(terms: Vec<String>, postings: Vec<[Vec<u32>; 4]>, papers: &[&Paper]) -> SearchIndex {
    let n = papers.len();
    let mut order: Vec<u32> = (0..terms.len() as u32).collect();
    order.par_sort_unstable_by(|&a, &b| terms[a as usize].cmp(&terms[b as usize]));
    let sorted: Vec<(&str, &[Vec<u32>; 4])> = order
        .iter()
        .map(|&t| (terms[t as usize].as_str(), &postings[t as usize]))
        .collect();
    let mut shards = Vec::new();
    split(&sorted, 0, &mut shards);
    let term_files: Vec<(String, IndexFile)> = shards
        .into_par_iter()
        .map(|(key, range)| {
            let file = format!("terms/{}.json", file_stem("w", &key));
            let bytes = file_value(&file, term_file(&sorted[range]));
            (key, IndexFile { file, bytes })
        })
        .collect();
    let id_files = id_files(papers);

    let version = |f: &IndexFile| format!("{:016x}", f.bytes.fingerprint);
    let term_map: serde_json::Map<String, Value> = term_files
        .iter()
        .map(|(key, f)| (key.clone(), json!([f.file, version(f)])))
        .collect();
    let id_map: serde_json::Map<String, Value> = id_files
        .iter()
        .map(|(key, f)| (key.clone(), json!([f.file, version(f)])))
        .collect();
    let manifest = json!({
        "version": 1,
        "papers": n,
        "docs_per_file": DOCS_PER_FILE,
        "fields": FIELDS,
        "terms": term_map,
        "ids": id_map,
        "stop_words": text::stop_words(),
    });
    let names: Vec<&str> = term_files
        .iter()
        .map(|(_, f)| f.file.as_str())
        .chain(id_files.iter().map(|(_, f)| f.file.as_str()))
        .collect();
    SearchIndex {
        files_key: fingerprint::of(&names),
        manifest: Valued::new(manifest),
        terms: term_files.into_iter().map(|(_, f)| f).collect(),
        ids: id_files.into_iter().map(|(_, f)| f).collect(),
    }
}

/// A file's bytes as a node value. Its fingerprint covers the file's name too: two files
/// must never share a value, or a file whose bytes moved to another one would not be
/// seen to change (see `pipeline::job_table`).
fn file_value(file: &str, bytes: String) -> Valued {
    let fingerprint = fingerprint::of(&(file, fingerprint::of_bytes(bytes.as_bytes())));
    Valued::with_fingerprint(&bytes, fingerprint)
}

/// About how many bytes a term takes in its file.
fn term_bytes(term: &str, lists: &[Vec<u32>; 4]) -> usize {
    term.len() + 12 + lists.iter().map(|l| l.len() * 3).sum::<usize>()
}

/// Cuts `terms` (sorted, all sharing their first `depth` characters) into files of at
/// most `SHARD_BYTES` where it can: by the next character, again and again. A term no
/// longer than the prefix stays in the prefix's own file.
fn split(
    terms: &[(&str, &[Vec<u32>; 4])],
    depth: usize,
    out: &mut Vec<(String, std::ops::Range<usize>)>,
) {
    split_from(terms, 0, depth, out)
}

fn split_from(
    terms: &[(&str, &[Vec<u32>; 4])],
    offset: usize,
    depth: usize,
    out: &mut Vec<(String, std::ops::Range<usize>)>,
) {
    if terms.is_empty() {
        return;
    }
    let prefix = |term: &str, chars: usize| -> String { term.chars().take(chars).collect() };
    let size: usize = terms.iter().map(|(t, l)| term_bytes(t, l)).sum();
    if depth > 0 && size <= SHARD_BYTES {
        out.push((prefix(terms[0].0, depth), offset..offset + terms.len()));
        return;
    }
    let mut start = 0;
    // Terms of exactly `depth` characters come first (they sort before their extensions).
    let short = terms
        .iter()
        .take_while(|(t, _)| t.chars().nth(depth).is_none())
        .count();
    if short > 0 {
        out.push((prefix(terms[0].0, depth), offset..offset + short));
        start = short;
    }
    while start < terms.len() {
        let next: Option<char> = terms[start].0.chars().nth(depth);
        let end = start
            + terms[start..]
                .iter()
                .take_while(|(t, _)| t.chars().nth(depth) == next)
                .count();
        split_from(&terms[start..end], offset + start, depth + 1, out);
        start = end;
    }
}

/// A file of terms: `{"term": [[title], [authors], [topics], [text]], ...}`, each list the
/// papers' numbers as gaps from the one before (small numbers compress well).
fn term_file(terms: &[(&str, &[Vec<u32>; 4])]) -> String {
    let mut out = String::from("{");
    for (i, (term, lists)) in terms.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(term).expect("a string serializes"));
        out.push_str(":[");
        for (f, list) in lists.iter().enumerate() {
            if f > 0 {
                out.push(',');
            }
            out.push('[');
            let mut last = 0;
            for (k, &doc) in list.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{}", doc - last);
                last = doc;
            }
            out.push(']');
        }
        out.push(']');
    }
    out.push('}');
    out
}

/// The arXiv ids, by the file of their month (`2505`) or old-style archive (`hep-th`):
/// `{"2505.01234": number}`.
fn id_files(papers: &[&Paper]) -> Vec<(String, IndexFile)> {
    let n = papers.len();
    let mut by_key: std::collections::BTreeMap<String, Vec<(String, usize)>> = Default::default();
    for (i, paper) in papers.iter().enumerate() {
        if let Some(arxiv) = &paper.arxiv {
            let id = arxiv.id.to_lowercase();
            by_key
                .entry(id_key(&id))
                .or_default()
                .push((id, doc_number(i, n)));
        }
    }
    by_key
        .into_iter()
        .map(|(key, mut entries)| {
            entries.sort();
            let map: serde_json::Map<String, Value> = entries
                .into_iter()
                .map(|(id, doc)| (id, json!(doc)))
                .collect();
            let file = format!("ids/{}.json", file_stem("m", &key));
            let bytes = file_value(&file, Value::Object(map).to_string());
            (key, IndexFile { file, bytes })
        })
        .collect()
}

/// Which file an arXiv id (lower case) is in: its first four digits (`2505`), or an
/// old-style id's archive (`hep-th` of `hep-th/9901001`). The search page's script
/// finds the file the same way.
fn id_key(id: &str) -> String {
    match id.split_once('/') {
        Some((archive, _)) => archive.to_string(),
        None => id.chars().take(4).collect(),
    }
}

/// A file name for a prefix: `kind`, `-`, then the prefix with ASCII letters, digits,
/// `-` and `.` as they are and anything else as `_`, its code point in hex, and `_`. So
/// any script makes a portable name, two prefixes never make the same one, and none is a
/// name Windows reserves (`con`, `aux`, `nul`...).
fn file_stem(kind: &str, key: &str) -> String {
    let mut stem = format!("{kind}-");
    for c in key.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.' {
            stem.push(c);
        } else {
            let _ = write!(stem, "_{:x}_", c as u32);
        }
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(n: usize) -> [Vec<u32>; 4] {
        [Vec::new(), Vec::new(), Vec::new(), (0..n as u32).collect()]
    }

    #[test]
    fn a_large_prefix_is_cut_by_the_next_letters_and_every_term_lands_once() {
        let big = lists(8000);
        let small = lists(3);
        let words = ["co", "coal", "cob", "code", "coding", "cold", "zeta"];
        let terms: Vec<(&str, &[Vec<u32>; 4])> = words
            .iter()
            .map(|w| (*w, if w.starts_with("cod") { &big } else { &small }))
            .collect();
        let mut out = Vec::new();
        split(&terms, 0, &mut out);
        let covered: Vec<usize> = out.iter().flat_map(|(_, r)| r.clone()).collect();
        assert_eq!(covered, (0..words.len()).collect::<Vec<_>>());
        for (key, range) in &out {
            for i in range.clone() {
                assert!(
                    words[i].starts_with(key.as_str()),
                    "{key} holds {}",
                    words[i]
                );
            }
        }
        let keys: Vec<&str> = out.iter().map(|(k, _)| k.as_str()).collect();
        assert!(keys.contains(&"cod") || keys.contains(&"code"), "{keys:?}");
        assert!(keys.contains(&"z"), "{keys:?}");
    }

    #[test]
    fn term_lists_are_gaps() {
        let l = [vec![1, 5], vec![], vec![], vec![0, 2, 3]];
        assert_eq!(term_file(&[("x", &l)]), r#"{"x":[[1,4],[],[],[0,2,1]]}"#);
    }

    #[test]
    fn file_names_are_portable() {
        assert_eq!(file_stem("w", "co"), "w-co");
        assert_eq!(file_stem("w", "con"), "w-con");
        assert_eq!(file_stem("w", "ωm"), "w-_3c9_m");
        // Ends marked: "α1" and U+3B11 differ.
        assert_ne!(file_stem("w", "α1"), file_stem("w", "\u{3b11}"));
        assert_eq!(id_key("hep-th/9901001"), "hep-th");
        assert_eq!(id_key("2505.01234"), "2505");
    }
}
