//! Related papers: for each paper, the papers most like it, by the cosine similarity of
//! their TF-IDF vectors over title and abstract.
//!
//! Comparing every pair grows with the square of the papers. Instead each paper's
//! candidates are found through an inverted index, over its weightiest terms among those
//! rare enough to say something (`rare_limit`): a term most papers share adds little to
//! a cosine and a lot to the work. Of each term's papers only the `POSTINGS_READ` where it
//! weighs most are kept, and a query reads those, so the work per paper stays the same
//! however large the digest grows (reading every paper of a term that one paper in 64
//! has made the whole grow with the square of the papers). The candidates with the most
//! in common are then scored exactly, over all their terms. A paper that shares only
//! common words with another, or where the term is light, is never its candidate; `cargo
//! bench --bench related` measures how often that changes a list, and how much less
//! similar the papers listed are, against comparing every pair.
//!
//! Everything is computed per paper in a fixed order, so the lists are the same on every
//! run and for any number of threads; equal scores go to the paper first in site order.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::text;

/// How many papers exact scoring looks at for each paper, of those that share a rare
/// term with it, the ones that share the most.
const CANDIDATES: usize = 128;

/// How many of a paper's terms, its weightiest, find its candidates.
const QUERY_TERMS: usize = 16;

/// How many papers of each of those terms, those where the term weighs most, a query
/// reads.
const POSTINGS_READ: usize = 1024;

/// A document as a sparse vector: (term id, weight), by term id, of unit length.
type Vector = Vec<(u32, f32)>;

/// A document's terms, each as a 64-bit hash of its text with its count, by hash. A
/// hash spares making a string of each of the million words of 10,000 abstracts (two
/// terms sharing a hash would only count as one).
pub type TermCounts = Vec<(u64, u32)>;

/// The terms of `text` (see `text::for_each_term`) and their counts.
pub fn term_counts(text: &str) -> TermCounts {
    let mut hashes: Vec<u64> = Vec::new();
    text::for_each_term(text, |term| hashes.push(term_hash(term)));
    counted(hashes)
}

/// The hash a term is known by.
pub fn term_hash(term: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(term.as_bytes())
}

/// Hashes counted: each once, with how often it came, by hash.
pub fn counted(mut hashes: Vec<u64>) -> TermCounts {
    hashes.sort_unstable();
    let mut counts: TermCounts = Vec::new();
    for hash in hashes {
        match counts.last_mut() {
            Some((last, n)) if *last == hash => *n += 1,
            _ => counts.push((hash, 1)),
        }
    }
    counts
}

/// For each document (a paper's title and abstract as plain text), the indices of the
/// `k` documents most similar to it, most similar first. Documents with nothing in
/// common with any other get an empty list.
pub fn most_similar(documents: &[&str], k: usize) -> Vec<Vec<usize>> {
    let counts: Vec<TermCounts> = documents.par_iter().map(|d| term_counts(d)).collect();
    let counts: Vec<&[(u64, u32)]> = counts.iter().map(Vec::as_slice).collect();
    most_similar_counted(&counts, k)
}

/// `most_similar` of documents whose terms are counted already.
pub fn most_similar_counted(documents: &[&[(u64, u32)]], k: usize) -> Vec<Vec<usize>> {
    Vocabulary::of(documents).most_similar(k)
}

/// Documents' terms as the engine reads them, taken one document at a time (`add`), so
/// that a caller need not hold every document's counted terms at once: each term's hash
/// becomes a number, and a document is only its terms' numbers and counts.
#[derive(Default)]
pub struct Vocabulary {
    /// Each term's number, by hash. Numbers follow the order terms are first met in.
    ids: FxHashMap<u64, u32>,
    /// In how many documents each term is.
    df: Vec<u32>,
    /// Each document's terms: (number, count), by number.
    documents: Vec<Box<[(u32, u32)]>>,
}

impl Vocabulary {
    fn of(documents: &[&[(u64, u32)]]) -> Vocabulary {
        let mut vocabulary = Vocabulary::default();
        documents.iter().for_each(|d| vocabulary.add(d));
        vocabulary
    }

    /// The next document's counted terms.
    pub fn add(&mut self, counts: &[(u64, u32)]) {
        let mut terms: Vec<(u32, u32)> = counts
            .iter()
            .map(|&(hash, n)| {
                let next = self.ids.len() as u32;
                let id = *self.ids.entry(hash).or_insert(next);
                if id == next {
                    self.df.push(0);
                }
                self.df[id as usize] += 1;
                (id, n)
            })
            .collect();
        terms.sort_unstable();
        self.documents.push(terms.into_boxed_slice());
    }

    /// For each document, in the order they were added, the `k` most similar to it.
    pub fn most_similar(self, k: usize) -> Vec<Vec<usize>> {
        let rare = rare_limit(self.documents.len());
        most_similar_within(self.vectors(), k, rare, POSTINGS_READ)
    }

    /// Each document's TF-IDF vector: sublinear term frequency (1 + ln tf) times
    /// ln(N / df), normalized.
    fn vectors(self) -> Vec<Vector> {
        let n = self.documents.len() as f32;
        let df = self.df;
        self.documents
            .into_par_iter()
            .map(|terms| {
                let mut vector: Vector = terms
                    .iter()
                    .map(|&(id, tf)| {
                        let idf = (n / df[id as usize] as f32).ln();
                        (id, (1.0 + (tf as f32).ln()) * idf)
                    })
                    .filter(|&(_, w)| w > 0.0)
                    .collect();
                let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                if norm > 0.0 {
                    vector.iter_mut().for_each(|(_, w)| *w /= norm);
                }
                vector
            })
            .collect()
    }
}

/// `most_similar_counted` over the documents' vectors, with the limits given: terms in
/// at most `rare` documents find candidates, through at most `read` documents each.
fn most_similar_within(
    vectors: Vec<Vector>,
    k: usize,
    rare: usize,
    read: usize,
) -> Vec<Vec<usize>> {
    let postings = postings(&vectors, rare, read);
    // Each thread's work space is as long as the digest, so it is made once per batch of
    // papers rather than for each of the many small pieces rayon would cut the work into.
    vectors
        .par_iter()
        .with_min_len(256)
        .enumerate()
        .map_init(
            || Scratch::new(vectors.len(), postings.len()),
            |scratch, (i, vector)| nearest(i, vector, &vectors, &postings, rare, k, scratch),
        )
        .collect()
}

/// The largest number of documents a term may be in and still find candidates: every
/// term of a small digest, and a term in at most one document in 64 of a large one.
fn rare_limit(documents: usize) -> usize {
    (documents / 64).max(256)
}

/// Each document's TF-IDF vector (see `Vocabulary::vectors`).
fn vectors(counts: &[&[(u64, u32)]]) -> Vec<Vector> {
    Vocabulary::of(counts).vectors()
}

/// The documents a query reads for one term.
struct Posting {
    /// How many documents have the term.
    documents: usize,
    /// The documents where it weighs most (`POSTINGS_READ` of them at most), with its
    /// weight there, in no set order.
    read: Vec<(u32, f32)>,
    /// The largest weight of the term in a document not read (0 if all are).
    unread: f32,
}

/// Each term's posting. Only the heaviest part of a long list is kept, so the index
/// holds at most `read_at_most` documents per term, and none of a term in more than
/// `rare` documents, which no query reads.
fn postings(vectors: &[Vector], rare: usize, read_at_most: usize) -> Vec<Posting> {
    let terms = vectors
        .iter()
        .flat_map(|v| v.iter().map(|&(t, _)| t as usize + 1))
        .max()
        .unwrap_or(0);
    let mut lists: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms];
    for (doc, vector) in vectors.iter().enumerate() {
        for &(term, weight) in vector {
            lists[term as usize].push((doc as u32, weight));
        }
    }
    lists
        .into_par_iter()
        .map(|mut read| {
            let documents = read.len();
            let mut unread = 0.0;
            if documents > rare {
                read = Vec::new();
            } else if documents > read_at_most {
                // Heaviest first, equal weights in document order: a total order, so the
                // documents read are the same on every run.
                let heaviest =
                    |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
                read.select_nth_unstable_by(read_at_most, heaviest);
                unread = read[read_at_most].1;
                read.truncate(read_at_most);
                read.shrink_to_fit();
            }
            Posting {
                documents,
                read,
                unread,
            }
        })
        .collect()
}

/// One thread's work space: a partial score per document and which ones it touched,
/// and the paper at hand's vector spread out by term, for scoring its candidates.
struct Scratch {
    scores: Vec<f32>,
    touched: Vec<u32>,
    weights: Vec<f32>,
}

impl Scratch {
    fn new(documents: usize, terms: usize) -> Scratch {
        Scratch {
            scores: vec![0.0; documents],
            touched: Vec::new(),
            weights: vec![0.0; terms],
        }
    }
}

fn nearest(
    me: usize,
    vector: &Vector,
    vectors: &[Vector],
    postings: &[Posting],
    rare: usize,
    k: usize,
    scratch: &mut Scratch,
) -> Vec<usize> {
    if k == 0 {
        return Vec::new();
    }
    let mut query: Vec<(u32, f32)> = vector
        .iter()
        .copied()
        .filter(|&(term, _)| postings[term as usize].documents <= rare)
        .collect();
    if query.len() > QUERY_TERMS {
        let heaviest = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        query.select_nth_unstable_by(QUERY_TERMS, heaviest);
        query.truncate(QUERY_TERMS);
        // Back in term order, so that partial scores are summed in a fixed order.
        query.sort_unstable_by_key(|&(term, _)| term);
    }
    // What the terms left out of the query can add to any cosine at most: by
    // Cauchy-Schwarz, the length of this paper's vector without them (the other
    // vector's length is at most 1).
    let queried: f32 = query.iter().map(|(_, w)| w * w).sum();
    let mut rest = (1.0 - queried).max(0.0).sqrt();
    for (term, weight) in query {
        let posting = &postings[term as usize];
        // A paper not read has at most the term's largest weight among those not read.
        rest += weight * posting.unread;
        for &(doc, other) in &posting.read {
            let score = &mut scratch.scores[doc as usize];
            if *score == 0.0 {
                scratch.touched.push(doc);
            }
            *score += weight * other;
        }
    }
    let mut candidates: Vec<(f32, u32)> = scratch
        .touched
        .drain(..)
        .map(|doc| (std::mem::take(&mut scratch.scores[doc as usize]), doc))
        .filter(|&(_, doc)| doc as usize != me)
        .collect();
    let by_score = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if candidates.len() > CANDIDATES {
        candidates.select_nth_unstable_by(CANDIDATES, by_score);
        candidates.truncate(CANDIDATES);
    }
    // Most in common first: once a candidate's share of the query plus all the rest could
    // add (the terms left out of the query, and those of its terms where it was not among
    // the papers read) cannot reach the k-th best cosine found, no later one can either. (A margin
    // covers rounding: the lists are exactly those of scoring every candidate.)
    candidates.sort_unstable_by(by_score);
    for &(term, weight) in vector {
        scratch.weights[term as usize] = weight;
    }
    let weights = &scratch.weights;
    let mut best: Vec<(f32, u32)> = Vec::with_capacity(k + 1);
    // A group is scored whole before its candidates are looked at in turn: once the
    // rest cannot reach the list, up to `LANES - 1` of its scores go unused.
    'scoring: for group in candidates.chunks(LANES) {
        // A last group short of `LANES` fills up with its first candidate again (scored
        // for nothing), so that the lanes run side by side over the real ones' terms.
        let others: [&[(u32, f32)]; LANES] = std::array::from_fn(|lane| {
            let (_, doc) = group.get(lane).unwrap_or(&group[0]);
            &vectors[*doc as usize][..]
        });
        let cosines = dot_products(weights, others);
        for (&(partial, doc), cosine) in group.iter().zip(cosines) {
            if best.len() == k && partial + rest + 1e-4 < best[k - 1].0 {
                break 'scoring;
            }
            if cosine <= 0.0 {
                continue;
            }
            let at = best.partition_point(|b| by_score(b, &(cosine, doc)).is_lt());
            if at < k {
                best.insert(at, (cosine, doc));
                best.truncate(k);
            }
        }
    }
    for &(term, _) in vector {
        scratch.weights[term as usize] = 0.0;
    }
    best.into_iter().map(|(_, doc)| doc as usize).collect()
}

/// How many candidates are scored side by side (see `dot_products`).
/// Eight keep more of the candidates' vectors on their way from memory at once than four
/// (3.3 → 3.0 s at 100,000 papers).
const LANES: usize = 8;

/// The dot products of the paper whose weights are spread out by term (`weights`) with
/// each of `others`. Each is summed term by term in its vector's order, exactly as one
/// at a time would be, but the sums of `LANES` vectors are added up together: one sum
/// waits for each of its additions in turn, and exact scoring was most of the time
/// similar papers took.
fn dot_products(weights: &[f32], others: [&[(u32, f32)]; LANES]) -> [f32; LANES] {
    // Where `Iterator::sum` starts (a sum of zero is no match either way).
    let mut sums = [-0.0f32; LANES];
    let together = others.iter().map(|o| o.len()).min().unwrap_or(0);
    let heads = others.map(|o| &o[..together]);
    for i in 0..together {
        for (sum, head) in sums.iter_mut().zip(&heads) {
            let (t, w) = head[i];
            *sum += weights[t as usize] * w;
        }
    }
    for (sum, other) in sums.iter_mut().zip(others) {
        for &(t, w) in &other[together..] {
            *sum += weights[t as usize] * w;
        }
    }
    sums
}

/// The dot product of two unit vectors, merged by term id.
fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// One paper's list against the exact answer.
pub struct Checked {
    /// The exact list, by comparing the paper with every other.
    pub exact: Vec<usize>,
    /// The sum of the exact list's cosines.
    pub exact_similarity: f32,
    /// The sum of the cosines of the list checked.
    pub found_similarity: f32,
}

/// The exact answer, each of `queries` compared with every document, beside the lists
/// `found` for them: what the benchmark measures `most_similar` against.
pub fn check_against_every_pair(
    documents: &[&str],
    k: usize,
    queries: &[usize],
    found: &[&[usize]],
) -> Vec<Checked> {
    assert_eq!(queries.len(), found.len(), "a list found for each query");
    let counts: Vec<TermCounts> = documents.par_iter().map(|d| term_counts(d)).collect();
    let counts: Vec<&[(u64, u32)]> = counts.iter().map(Vec::as_slice).collect();
    let vectors = vectors(&counts);
    queries
        .par_iter()
        .zip(found)
        .map(|(&me, found)| {
            let mut scored: Vec<(f32, usize)> = (0..vectors.len())
                .filter(|&doc| doc != me)
                .map(|doc| (cosine(&vectors[me], &vectors[doc]), doc))
                .filter(|&(score, _)| score > 0.0)
                .collect();
            scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.truncate(k);
            Checked {
                exact_similarity: scored.iter().map(|(score, _)| score).sum(),
                exact: scored.into_iter().map(|(_, doc)| doc).collect(),
                found_similarity: found
                    .iter()
                    .map(|&doc| cosine(&vectors[me], &vectors[doc]))
                    .sum(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCS: [&str; 6] = [
        "Sparse attention for long documents: a transformer that reads books",
        "Diffusion models draw images from text prompts with guidance",
        "A transformer with sparse attention reads long documents and books",
        "Speech recognition for low-resource languages with self-supervision",
        "Text-to-image diffusion: guidance makes the images follow prompts",
        "Cooking recipes",
    ];

    #[test]
    fn vectors_scored_side_by_side_score_as_one_at_a_time() {
        // Weights far apart in size, so that the order of additions shows in the last
        // bits of a sum.
        let weights: Vec<f32> = (0..97)
            .map(|t| {
                if t % 5 == 0 {
                    3e4
                } else {
                    1.0 / (t as f32 + 0.3)
                }
            })
            .collect();
        let vector = |n: usize, seed: u32| -> Vec<(u32, f32)> {
            (0..n as u32)
                .map(|i| ((i * 7 + seed) % 97, 1.0 / (i as f32 + 1.7 + seed as f32)))
                .collect()
        };
        let one_at_a_time =
            |o: &Vec<(u32, f32)>| -> f32 { o.iter().map(|&(t, w)| weights[t as usize] * w).sum() };
        // Of different lengths; then with one of them empty.
        for lengths in [
            [40, 9, 57, 97, 12, 60, 11, 33],
            [40, 9, 0, 97, 12, 60, 11, 33],
        ] {
            // (The lengths repeat should `LANES` grow past eight.)
            let others: [Vec<(u32, f32)>; LANES] =
                std::array::from_fn(|i| vector(lengths[i % lengths.len()], i as u32 + 1));
            let side_by_side = dot_products(&weights, others.each_ref().map(|o| &o[..]));
            for (other, score) in others.iter().zip(side_by_side) {
                assert_eq!(score.to_bits(), one_at_a_time(other).to_bits());
            }
        }
    }

    #[test]
    fn near_duplicates_find_each_other_first() {
        let related = most_similar(&DOCS, 2);
        assert_eq!(related[0][0], 2);
        assert_eq!(related[2][0], 0);
        assert_eq!(related[1][0], 4);
        assert_eq!(related[4][0], 1);
        // Nothing in common with anything: no list rather than noise.
        assert!(related[5].is_empty());
        assert!(related.iter().enumerate().all(|(i, r)| !r.contains(&i)));
    }

    #[test]
    fn the_index_agrees_with_comparing_every_pair_on_a_small_corpus() {
        let all: Vec<usize> = (0..DOCS.len()).collect();
        let found = most_similar(&DOCS, 5);
        let found: Vec<&[usize]> = found.iter().map(Vec::as_slice).collect();
        let checked = check_against_every_pair(&DOCS, 5, &all, &found);
        for (found, checked) in found.iter().zip(&checked) {
            assert_eq!(*found, checked.exact);
            assert_eq!(checked.found_similarity, checked.exact_similarity);
        }
    }

    #[test]
    fn equal_scores_go_to_the_earlier_paper() {
        let docs = [
            "graph neural networks",
            "graph neural networks",
            "graph neural networks",
            "protein folding",
        ];
        let related = most_similar(&docs, 5);
        assert_eq!(related[..3], [vec![1, 2], vec![0, 2], vec![0, 1]]);
    }

    /// Sixty papers: each pair shares a word of its own; "graph", in every other paper
    /// and more often in some, is a term whose list a query reads only part of.
    fn twins() -> Vec<String> {
        (0..60)
            .map(|i| {
                let graph = if i % 2 == 0 {
                    "graph ".repeat(1 + i % 7)
                } else {
                    String::new()
                };
                format!("{graph}pair{} filler{i} words{}", i / 2, i % 5)
            })
            .collect()
    }

    fn counted_terms(docs: &[String]) -> Vec<TermCounts> {
        docs.iter().map(|d| term_counts(d)).collect()
    }

    #[test]
    fn a_query_reads_the_heaviest_part_of_a_long_list_and_bounds_the_rest() {
        let docs = twins();
        let counts = counted_terms(&docs);
        let counts: Vec<&[(u64, u32)]> = counts.iter().map(Vec::as_slice).collect();
        let vectors = vectors(&counts);
        let kept = postings(&vectors, 256, 4);
        let graph = kept
            .iter()
            .find(|p| p.documents == 30)
            .expect("graph's list");
        assert_eq!(graph.read.len(), 4);
        // Those read weigh at least as much as the heaviest one left.
        assert!(graph.unread > 0.0);
        assert!(graph.read.iter().all(|&(_, w)| w >= graph.unread));
        // A term in more papers than a query may use is not kept at all.
        let common = postings(&vectors, 20, 4);
        assert!(
            common
                .iter()
                .filter(|p| p.documents == 30)
                .all(|p| p.read.is_empty())
        );

        // Each paper still finds its twin first, and fills its list from the papers read;
        // which of the papers only a common word links come after the twin depends on how
        // much of the list is read.
        let part = most_similar_within(vectors.clone(), 3, 256, 4);
        for (i, list) in part.iter().enumerate() {
            assert_eq!(list.len(), 3, "paper {i}: {list:?}");
            assert_eq!(list[0], i ^ 1, "paper {i}: {list:?}");
        }
        let whole = most_similar_within(vectors, 3, 256, usize::MAX);
        assert!(whole.iter().enumerate().all(|(i, list)| list[0] == i ^ 1));
    }

    #[test]
    fn the_lists_are_the_same_for_any_number_of_threads() {
        let docs: Vec<String> = (0..300)
            .map(|i| {
                format!(
                    "{} {} topic{} shared words here",
                    DOCS[i % 6],
                    DOCS[(i * 7) % 6],
                    i % 13
                )
            })
            .collect();
        let docs: Vec<&str> = docs.iter().map(String::as_str).collect();
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let four = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        assert_eq!(
            one.install(|| most_similar(&docs, 5)),
            four.install(|| most_similar(&docs, 5))
        );
        // And where queries read part of each list.
        let counts = counted_terms(&docs.iter().map(|d| d.to_string()).collect::<Vec<_>>());
        let counts: Vec<&[(u64, u32)]> = counts.iter().map(Vec::as_slice).collect();
        assert_eq!(
            one.install(|| most_similar_within(vectors(&counts), 5, 256, 8)),
            four.install(|| most_similar_within(vectors(&counts), 5, 256, 8))
        );
    }
}
