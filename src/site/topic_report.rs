//! What `paperpress topics` says about a digest's topics: how many papers each holds and
//! the words that set them apart, why one paper got its topics, and topic rules to
//! propose for papers without a topic and for topics that hold too much of the digest.
//!
//! A word is distinctive of a group of papers when many of the group's papers have it
//! and few of the digest's: its share of the group `p`, against its share of the whole
//! digest `q`, scored `p · ln(p / q)` (its part in how far the group's words are from the
//! digest's). A word few of the group have scores little however rare it is.

use rustc_hash::FxHashMap;

use super::Site;

/// A topic holding more than this share of the papers is proposed for splitting.
pub const TOO_LARGE: f64 = 0.30;

/// How many distinctive words `paperpress topics` shows for each topic.
pub const SHOWN_TERMS: usize = 10;

pub struct TopicSummary {
    pub name: String,
    pub papers: usize,
    /// Its most distinctive words, most distinctive first.
    pub terms: Vec<String>,
}

/// A proposed rule: a topic, the words that would give it, and the papers it would take.
pub struct Proposal {
    pub name: String,
    pub keywords: Vec<String>,
    /// Indices into `Site::papers`.
    pub papers: Vec<usize>,
}

/// Why proposals were made, and the proposals.
pub struct Suggestions {
    /// Papers without a topic, and rules that would give them one.
    pub untopiced: (usize, Vec<Proposal>),
    /// Topics holding more than `TOO_LARGE` of the papers (index into `Site::topics`),
    /// each with rules that would split it.
    pub too_large: Vec<(usize, Vec<Proposal>)>,
}

/// How many papers have each word (of titles and texts), and the words' text.
struct Frequencies<'s> {
    df: FxHashMap<u64, u32>,
    text: FxHashMap<u64, &'s str>,
    papers: usize,
}

impl<'s> Frequencies<'s> {
    fn of(site: &'s Site) -> Frequencies<'s> {
        let mut df: FxHashMap<u64, u32> = FxHashMap::default();
        let mut text: FxHashMap<u64, &str> = FxHashMap::default();
        for node in &site.papers {
            for (hash, fields, term) in node.words.terms() {
                if fields & TITLE_OR_TEXT != 0 {
                    *df.entry(hash).or_default() += 1;
                    text.entry(hash).or_insert(term);
                }
            }
        }
        Frequencies {
            df,
            text,
            papers: site.papers.len(),
        }
    }

    /// The words of `group` (indices into the papers) by how distinctive they are of it,
    /// most first (equal scores by the word), with how many of the group have each.
    /// Words most of the digest has say nothing and are left out.
    fn distinctive(&self, site: &Site, group: &[usize], min_share: f64) -> Vec<(String, usize)> {
        let mut in_group: FxHashMap<u64, u32> = FxHashMap::default();
        for &i in group {
            for (hash, fields, _) in site.papers[i].words.terms() {
                if fields & TITLE_OR_TEXT != 0 {
                    *in_group.entry(hash).or_default() += 1;
                }
            }
        }
        let size = group.len().max(1) as f64;
        let n = self.papers as f64;
        let mut scored: Vec<(f64, &str, usize)> = in_group
            .into_iter()
            .filter_map(|(hash, count)| {
                let share = f64::from(count) / size;
                let df = f64::from(self.df[&hash]);
                let common = df > n / 2.0;
                (share >= min_share && !common).then(|| {
                    let score = share * (share / (df / n)).ln();
                    (score, self.text[&hash], count as usize)
                })
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        scored
            .into_iter()
            .map(|(_, term, count)| (term.to_string(), count))
            .collect()
    }
}

/// Title (bit 0) and text (bit 3) of `words::FIELDS`.
const TITLE_OR_TEXT: u8 = 0b1001;

/// Each topic with its paper count and its most distinctive words, by name; papers
/// without a topic are counted apart (the second value).
pub fn summaries(site: &Site) -> (Vec<TopicSummary>, usize) {
    let frequencies = Frequencies::of(site);
    let topics = site
        .topics
        .iter()
        .map(|topic| {
            let terms = frequencies
                .distinctive(site, &topic.papers, 0.0)
                .into_iter()
                .filter(|(_, count)| *count >= 2.min(topic.papers.len()))
                .take(SHOWN_TERMS)
                .map(|(term, _)| term)
                .collect();
            TopicSummary {
                name: topic.name.clone(),
                papers: topic.papers.len(),
                terms,
            }
        })
        .collect();
    let untopiced = site
        .papers
        .iter()
        .filter(|p| p.place.topics.is_empty())
        .count();
    (topics, untopiced)
}

/// Rules to propose: for papers without a topic, and for each topic holding more than
/// `TOO_LARGE` of the papers.
pub fn suggest(site: &Site) -> Suggestions {
    let frequencies = Frequencies::of(site);
    let untopiced: Vec<usize> = (0..site.papers.len())
        .filter(|&i| site.papers[i].place.topics.is_empty())
        .collect();
    let n = site.papers.len();
    let too_large = site
        .topics
        .iter()
        .enumerate()
        .filter(|(_, t)| n > 0 && t.papers.len() as f64 > TOO_LARGE * n as f64)
        .map(|(i, t)| (i, proposals(site, &frequencies, &t.papers)))
        .collect();
    Suggestions {
        untopiced: (untopiced.len(), proposals(site, &frequencies, &untopiced)),
        too_large,
    }
}

/// Up to four topics for `group`: the most distinctive word that at least two of its
/// papers share makes a topic of the papers with it, named after it, with the group's
/// words most distinctive of those papers as keywords; then again with the rest.
fn proposals(site: &Site, frequencies: &Frequencies, group: &[usize]) -> Vec<Proposal> {
    let mut left: Vec<usize> = group.to_vec();
    let mut made = Vec::new();
    while made.len() < 4 && left.len() >= 2 {
        let min_share = (2.0 / left.len() as f64).max(0.05);
        let Some((word, _)) = frequencies
            .distinctive(site, &left, min_share)
            .into_iter()
            .find(|(word, _)| word.is_ascii())
        else {
            break;
        };
        let (with, without): (Vec<usize>, Vec<usize>) = left.iter().partition(|&&i| {
            let mut terms = site.papers[i].words.terms();
            terms.any(|(_, fields, t)| t == word && fields & TITLE_OR_TEXT != 0)
        });
        // The word the topic is named after first; keywords match text as written (in
        // lower case), so a folded word that lost its accents would match nothing.
        let more = frequencies.distinctive(site, &with, 0.5).into_iter();
        let keywords: Vec<String> = std::iter::once(word.clone())
            .chain(
                more.map(|(term, _)| term)
                    .filter(|t| *t != word && t.is_ascii()),
            )
            .take(4)
            .collect();
        made.push(Proposal {
            name: capitalized(&word),
            keywords,
            papers: with,
        });
        left = without;
    }
    made
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
