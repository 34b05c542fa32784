//! Citation keys: the name each paper's BibTeX entry goes by (`wortsman2022model`), the
//! one home of their rules.
//!
//! - A paper asks for the `bibtex_key` its entry carries, else for a key made of the
//!   first author's surname, the year it was published and the first significant word
//!   of its title (`generated`).
//! - Papers take their keys one by one in slug precedence (`slugs::precedence`: earliest
//!   digest day, then arXiv id, then path). A paper whose key an earlier paper already
//!   has gets the first free of the key followed by `a`, `b`, ... `z`, `aa`, `ab`, ....
//!   So a paper added after the others never changes their keys.
//! - Keys are compared without case, as BibTeX and biber do.
//!
//! Sorting is O(n log n); the rest is linear (each base key remembers the next suffix to
//! try).

use std::borrow::Cow;
use std::path::Path;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::slugs;
use crate::content::Paper;
use crate::content::arxiv::ArxivId;
use crate::diagnostics::{Diagnostic, Report};

/// The key a paper asks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WantedKey {
    pub key: String,
    /// Whether it is the entry's own `bibtex_key` (then not getting it is worth a warning).
    pub written: bool,
}

/// What the rules look at in a paper.
pub struct KeyRequest<'a> {
    pub source: &'a Path,
    pub date: NaiveDate,
    pub arxiv: Option<&'a ArxivId>,
    pub wanted: &'a WantedKey,
    /// The line of the entry's `bibtex_key`.
    pub line: Option<usize>,
}

/// Words that do not start a key: articles, prepositions, conjunctions and question
/// words ("On the Opportunities of ..." gives `opportunities`).
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "by", "can", "do", "does", "for", "from", "how", "in",
    "is", "of", "on", "or", "the", "to", "via", "what", "when", "where", "which", "why", "with",
];

/// Name parts after a surname that are not the surname (`Martin Luther King Jr.`).
const NAME_SUFFIXES: &[&str] = &["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"];

/// The key a paper asks for, and a warning when its `bibtex_key` cannot be used (the
/// generated key is asked for then). `title` is the title as plain text.
pub fn wanted(paper: &Paper, title: &str) -> (WantedKey, Option<Diagnostic>) {
    let generated = || WantedKey {
        key: generated(
            paper.authors.first().map(String::as_str),
            paper.published.map(|p| p.year),
            title,
        ),
        written: false,
    };
    let Some(value) = paper.extra.get("bibtex_key") else {
        return (generated(), None);
    };
    let problem = match value.as_str().map(str::trim) {
        Some(key) if !key.is_empty() && key.chars().all(is_key_char) => {
            let key = WantedKey {
                key: key.to_string(),
                written: true,
            };
            return (key, None);
        }
        Some("") => "is empty".to_string(),
        Some(key) => {
            format!("{key:?} cannot be a BibTeX key: use letters, digits and `_ - : . / +` only")
        }
        None => "expected text".to_string(),
    };
    let key = generated();
    let warning = Diagnostic::new(
        &paper.source,
        paper.lines.bibtex_key,
        format!(
            "bibtex_key: {problem}; the paper is cited as {} instead",
            key.key
        ),
    );
    (key, Some(warning))
}

/// Characters a written key may hold: enough for the keys tools make
/// (`DBLP:conf/icml/WortsmanIGRLMNF22`, `müller2024moe`, which biber reads), none that
/// BibTeX reads as syntax.
fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | ':' | '.' | '/' | '+')
}

/// `surname2025firstword`: the first author's surname, the year, and the title's first
/// word that is not a stop word, in lowercase ASCII. A part that is unknown is left out
/// (no year when `published` is unknown: never the digest day); `paper` when all are.
pub fn generated(first_author: Option<&str>, year: Option<i32>, title: &str) -> String {
    let mut key = first_author.map(surname).unwrap_or_default();
    if let Some(year) = year {
        key.push_str(&year.to_string());
    }
    let words = ascii_words(title);
    let word = words
        .iter()
        .find(|w| !STOP_WORDS.contains(&w.as_str()))
        .or(words.first());
    if let Some(word) = word {
        key.push_str(word);
    }
    if key.is_empty() {
        key.push_str("paper");
    }
    key
}

/// A name's surname in lowercase ASCII: the part before a comma (`Wortsman, Mitchell`),
/// else the last word that is not a suffix such as `Jr.`.
fn surname(name: &str) -> String {
    let family = match name.split_once(',') {
        Some((family, _)) => family,
        None => {
            let words: Vec<&str> = name.split_whitespace().collect();
            let mut end = words.len();
            while end > 1 && NAME_SUFFIXES.contains(&words[end - 1].to_lowercase().as_str()) {
                end -= 1;
            }
            end.checked_sub(1).map_or("", |last| words[last])
        }
    };
    ascii_words(family).concat()
}

/// The words of a text in lowercase ASCII letters and digits (`Müller-Lüdenscheidt` is
/// `muller`, `ludenscheidt`).
fn ascii_words(text: &str) -> Vec<String> {
    slug::slugify(text)
        .split('-')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// `a`, `b`, ... `z`, `aa`, `ab`, ...: the `n`th suffix (from 0).
fn suffix(mut n: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// Gives every paper a unique key, in the order given. A written key that an earlier
/// paper has is a warning that says which key the paper got instead.
pub fn assign(papers: &[KeyRequest], report: &mut Report) -> Vec<String> {
    let mut order: Vec<usize> = (0..papers.len()).collect();
    order.sort_by_key(|&i| slugs::precedence(papers[i].date, papers[i].arxiv, papers[i].source));
    let mut keys = vec![String::new(); papers.len()];
    // Each key given, lowercased, → the paper that has it.
    let mut holder: FxHashMap<Cow<str>, usize> = FxHashMap::default();
    holder.reserve(papers.len());
    // Each wanted key that clashed, lowercased, → the next suffix to try.
    let mut next_suffix: FxHashMap<Cow<str>, usize> = FxHashMap::default();
    for i in order {
        let wanted = papers[i].wanted.key.as_str();
        let lower = lowercase(wanted);
        let Some(&first) = holder.get(&lower) else {
            holder.insert(lower, i);
            keys[i] = wanted.to_string();
            continue;
        };
        let next = next_suffix.entry(lower).or_insert(0);
        let key = loop {
            let candidate = format!("{wanted}{}", suffix(*next));
            *next += 1;
            let lower = Cow::Owned(candidate.to_lowercase());
            if let std::collections::hash_map::Entry::Vacant(free) = holder.entry(lower) {
                free.insert(i);
                break candidate;
            }
        };
        if papers[i].wanted.written {
            report.warn(Diagnostic::new(
                papers[i].source,
                papers[i].line,
                format!(
                    "bibtex_key: {wanted} is also the citation key of {}, which comes first; this paper is cited as {key} (change one of the keys to choose)",
                    papers[first].source.display()
                ),
            ));
        }
        keys[i] = key;
    }
    keys
}

/// A key as BibTeX compares it: without case. Generated keys are lowercase already.
fn lowercase(key: &str) -> Cow<'_, str> {
    if key.chars().any(char::is_uppercase) {
        Cow::Owned(key.to_lowercase())
    } else {
        Cow::Borrowed(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 5, d).unwrap()
    }

    #[test]
    fn keys_are_surname_year_and_first_significant_word() {
        let key = |a: Option<&str>, y: Option<i32>, t: &str| generated(a, y, t);
        assert_eq!(
            key(
                Some("Mitchell Wortsman"),
                Some(2022),
                "Model soups: averaging"
            ),
            "wortsman2022model"
        );
        assert_eq!(
            key(
                Some("Ashish Vaswani"),
                Some(2017),
                "Attention Is All You Need"
            ),
            "vaswani2017attention"
        );
        assert_eq!(
            key(
                Some("Rishi Bommasani"),
                None,
                "On the Opportunities and Risks"
            ),
            "bommasaniopportunities"
        );
        assert_eq!(
            key(Some("Müller, Jörg"), Some(1999), "Über"),
            "muller1999uber"
        );
        assert_eq!(
            key(Some("Martin Luther King Jr."), Some(1963), "I have a dream"),
            "king1963i"
        );
        assert_eq!(
            key(Some("Jean Smith-Jones"), Some(2020), "The Of"),
            "smithjones2020the"
        );
        assert_eq!(key(None, Some(2020), "$\\alpha$-Nets"), "2020alpha");
        assert_eq!(key(None, None, "???"), "paper");
    }

    #[test]
    fn suffixes_run_past_z() {
        let all: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(suffix)
            .collect();
        assert_eq!(all, ["a", "b", "z", "aa", "ab", "az", "ba", "zz", "aaa"]);
    }

    #[test]
    fn clashes_get_suffixes_in_precedence_order_and_never_take_a_key() {
        let plain = |key: &str| WantedKey {
            key: key.into(),
            written: false,
        };
        let x = plain("x2025y");
        let xa = plain("x2025ya");
        let written = WantedKey {
            key: "X2025Y".into(),
            written: true,
        };
        let request = |source: &'static str, date, wanted| KeyRequest {
            source: Path::new(source),
            date,
            arxiv: None,
            wanted,
            line: Some(4),
        };
        let papers = [
            request("c.md", day(9), &x),
            request("a.md", day(9), &x),
            request("b.md", day(1), &x),
            request("d.md", day(10), &xa),
            request("e.md", day(11), &written),
        ];
        let mut report = Report::default();
        let keys = assign(&papers, &mut report);
        assert_eq!(
            keys,
            ["x2025yb", "x2025ya", "x2025y", "x2025yaa", "X2025Yc"]
        );
        assert_eq!(report.warnings.len(), 1);
        assert!(
            report.warnings[0]
                .to_string()
                .starts_with("e.md:4: bibtex_key: X2025Y is also the citation key of b.md"),
            "{}",
            report.warnings[0]
        );
    }
}
