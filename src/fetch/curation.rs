//! `[fetch]` in `site.toml`: what `paperpress fetch` keeps, and the papers the editor
//! removed for good.
//!
//! The filters (`categories`, `keywords`, `topics_only`, `min_upvotes`) apply to fetched
//! papers only: a file given to `import` was chosen by hand. `exclude` applies to every
//! import and fetch, and is enforced where entries are written (`import::write_entries`),
//! so no command can bring a removed paper back.

use serde::{Deserialize, Deserializer};

use crate::config::{Config, TopicRule};
use crate::content::arxiv::ArxivId;
use crate::diagnostics::Diagnostic;
use crate::import::ImportedPaper;
use crate::import::text::doi_of;
use crate::site::topics::TopicMatcher;

/// `[fetch]` as written in `site.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FetchConfig {
    /// Keep papers with at least one of these arXiv categories (`cs.CL`). Papers whose
    /// source gives no categories are not filtered by them.
    pub categories: Vec<String>,
    /// Keep papers with one of these words or phrases in the title or abstract (whole
    /// words, any case).
    pub keywords: Vec<String>,
    /// Keep only papers that a declared topic's keywords match.
    pub topics_only: bool,
    /// Keep papers with at least this many upvotes. Papers whose source gives no upvotes
    /// are not filtered by it.
    pub min_upvotes: Option<u64>,
    /// Papers removed by the editor: never written again by any import or fetch.
    pub exclude: Vec<ExcludedPaper>,
}

/// One `exclude` item: an arXiv id (any version) or a DOI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExcludedPaper {
    Arxiv(String),
    /// Lowercase, as DOIs compare without case.
    Doi(String),
}

impl<'de> Deserialize<'de> for ExcludedPaper {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ExcludedPaper::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{text:?} is neither an arXiv id (\"2505.01234\") nor a DOI (\"10.1234/abc\")"
            ))
        })
    }
}

impl ExcludedPaper {
    pub fn parse(text: &str) -> Option<ExcludedPaper> {
        if let Some(id) = ArxivId::parse(text) {
            return Some(ExcludedPaper::Arxiv(id.id));
        }
        doi_of(text)
            .filter(|d| !d.contains(char::is_whitespace))
            .map(|d| ExcludedPaper::Doi(d.to_lowercase()))
    }
}

impl FetchConfig {
    /// The `exclude` item that names this paper, as the editor would recognise it.
    pub fn excluded(&self, paper: &ImportedPaper) -> Option<String> {
        self.excludes(paper.arxiv.as_ref(), paper.doi.as_deref())
    }

    /// The `exclude` item that names the paper with this arXiv id or bare DOI.
    pub fn excludes(&self, arxiv: Option<&ArxivId>, doi: Option<&str>) -> Option<String> {
        exclusion(&self.exclude, arxiv, doi)
    }
}

/// The item of `exclude` that names the paper with this arXiv id or bare DOI, as the
/// editor would recognise it.
fn exclusion(
    exclude: &[ExcludedPaper],
    arxiv: Option<&ArxivId>,
    doi: Option<&str>,
) -> Option<String> {
    exclude.iter().find_map(|item| match item {
        ExcludedPaper::Arxiv(id) if arxiv.is_some_and(|a| &a.id == id) => {
            Some(format!("arXiv {id}"))
        }
        ExcludedPaper::Doi(excluded) if doi.is_some_and(|d| d.to_lowercase() == *excluded) => {
            Some(format!("DOI {excluded}"))
        }
        _ => None,
    })
}

/// The `[fetch]` filters, ready to apply to fetched papers.
pub struct Curation {
    /// Checked first: an excluded paper is reported as excluded, whatever else holds.
    exclude: Vec<ExcludedPaper>,
    categories: Vec<String>,
    keywords: Option<TopicMatcher>,
    topics: Option<TopicMatcher>,
    min_upvotes: Option<u64>,
}

impl Curation {
    pub fn new(config: &Config) -> Result<Curation, Diagnostic> {
        let fetch = &config.fetch;
        if fetch.topics_only && config.topics.iter().all(|t| t.keywords.is_empty()) {
            return Err(Diagnostic::new(
                crate::config::CONFIG_FILE,
                None,
                "[fetch] topics_only = true, but no [[topics]] has keywords, so every paper would be left out: declare topics with keywords, or drop topics_only",
            ));
        }
        if fetch.keywords.iter().any(|k| k.trim().is_empty()) {
            return Err(Diagnostic::new(
                crate::config::CONFIG_FILE,
                None,
                "[fetch] keywords: an empty keyword matches nothing; remove it",
            ));
        }
        let keywords = (!fetch.keywords.is_empty()).then(|| {
            TopicMatcher::new(&[TopicRule {
                name: "keywords".into(),
                description: String::new(),
                keywords: fetch.keywords.clone(),
                exclude: Vec::new(),
            }])
        });
        Ok(Curation {
            exclude: fetch.exclude.clone(),
            categories: fetch.categories.iter().map(|c| c.to_lowercase()).collect(),
            keywords,
            topics: fetch.topics_only.then(|| TopicMatcher::new(&config.topics)),
            min_upvotes: fetch.min_upvotes,
        })
    }

    /// Why `[fetch]` leaves this paper out, or `None` to keep it. Every filter that is set
    /// must pass.
    pub fn reason_to_leave_out(&self, paper: &ImportedPaper) -> Option<String> {
        if let Some(item) = exclusion(&self.exclude, paper.arxiv.as_ref(), paper.doi.as_deref()) {
            return Some(format!("{item} (excluded in site.toml)"));
        }
        let categories = categories_of(paper);
        if !self.categories.is_empty()
            && !categories.is_empty()
            && !categories
                .iter()
                .any(|c| self.categories.contains(&c.to_lowercase()))
        {
            return Some(format!(
                "left out by [fetch] categories in site.toml (it has {})",
                categories.join(", ")
            ));
        }
        if let Some(keywords) = &self.keywords
            && keywords
                .topics_for(&paper.title, &paper.abstract_text)
                .is_empty()
        {
            return Some(
                "left out by [fetch] keywords in site.toml (none is in its title or abstract)"
                    .into(),
            );
        }
        if let Some(topics) = &self.topics
            && topics
                .topics_for(&paper.title, &paper.abstract_text)
                .is_empty()
        {
            return Some(
                "left out by [fetch] topics_only in site.toml (no declared topic matches it)"
                    .into(),
            );
        }
        if let (Some(least), Some(upvotes)) = (self.min_upvotes, paper.upvotes)
            && upvotes < least
        {
            return Some(format!(
                "left out by [fetch] min_upvotes = {least} in site.toml (it has {upvotes})"
            ));
        }
        None
    }
}

/// The arXiv categories the source gave (`categories`, else `primary_category`).
fn categories_of(paper: &ImportedPaper) -> Vec<String> {
    let mut found: Vec<String> = match paper.extra.get("categories") {
        Some(toml::Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Some(toml::Value::String(s)) => s.split_whitespace().map(str::to_string).collect(),
        _ => Vec::new(),
    };
    if let Some(primary) = paper.extra.get("primary_category").and_then(|v| v.as_str())
        && !found.iter().any(|c| c == primary)
    {
        found.insert(0, primary.to_string());
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Config {
        Config::parse(text).unwrap()
    }

    fn paper(title: &str, categories: &[&str], upvotes: Option<u64>) -> ImportedPaper {
        let mut p = ImportedPaper {
            title: title.into(),
            abstract_text: "We train a model.".into(),
            upvotes,
            arxiv: ArxivId::parse("2505.01234v2"),
            doi: Some("10.1234/ABC".into()),
            ..ImportedPaper::default()
        };
        if !categories.is_empty() {
            let list = categories.iter().map(|c| toml::Value::from(*c)).collect();
            p.extra
                .insert("categories".into(), toml::Value::Array(list));
        }
        p
    }

    #[test]
    fn an_excluded_paper_is_reported_as_excluded_before_any_filter() {
        let c = Curation::new(&config(
            "[fetch]\nmin_upvotes = 3\nexclude = [\"2505.01234\"]\n",
        ))
        .unwrap();
        assert_eq!(
            c.reason_to_leave_out(&paper("A Language Model", &[], Some(1)))
                .as_deref(),
            Some("arXiv 2505.01234 (excluded in site.toml)")
        );
    }

    #[test]
    fn every_filter_that_is_set_must_pass() {
        let c = Curation::new(&config(
            "[fetch]\ncategories = [\"cs.CL\"]\nkeywords = [\"language model\"]\nmin_upvotes = 3\n",
        ))
        .unwrap();
        assert_eq!(
            c.reason_to_leave_out(&paper("A Language Model", &["cs.LG", "CS.CL"], Some(3))),
            None
        );
        let reason = c
            .reason_to_leave_out(&paper("A Language Model", &["cs.CV"], Some(9)))
            .unwrap();
        assert!(
            reason.contains("categories") && reason.contains("cs.CV"),
            "{reason}"
        );
        let reason = c
            .reason_to_leave_out(&paper("Language Models", &["cs.CL"], Some(9)))
            .unwrap();
        assert!(reason.contains("keywords"), "{reason}");
        let reason = c
            .reason_to_leave_out(&paper("A language model", &["cs.CL"], Some(2)))
            .unwrap();
        assert!(reason.contains("min_upvotes = 3") && reason.contains("has 2"));
        // A source that gives no categories or no upvotes is not filtered by them.
        assert_eq!(
            c.reason_to_leave_out(&paper("A language model", &[], None)),
            None
        );
    }

    #[test]
    fn topics_only_needs_declared_topics_and_uses_their_rules() {
        let err = Curation::new(&config("[fetch]\ntopics_only = true\n"))
            .err()
            .unwrap();
        assert!(err.message.contains("no [[topics]] has keywords"));
        let err = Curation::new(&config("[fetch]\nkeywords = [\"x\", \" \"]\n"))
            .err()
            .unwrap();
        assert!(err.message.contains("an empty keyword"));
        let c = Curation::new(&config(
            "[fetch]\ntopics_only = true\n[[topics]]\nname = \"Speech\"\nkeywords = [\"speech\"]\nexclude = [\"speech act\"]\n",
        ))
        .unwrap();
        assert_eq!(
            c.reason_to_leave_out(&paper("Speech at scale", &[], None)),
            None
        );
        assert!(
            c.reason_to_leave_out(&paper("Speech act theory", &[], None))
                .is_some()
        );
    }

    #[test]
    fn exclude_names_papers_by_arxiv_id_in_any_version_or_doi() {
        let c = config("[fetch]\nexclude = [\"2505.01234\", \"https://doi.org/10.1234/abc\"]\n");
        assert_eq!(
            c.fetch.excluded(&paper("X", &[], None)).as_deref(),
            Some("arXiv 2505.01234")
        );
        let by_doi = ImportedPaper {
            arxiv: None,
            ..paper("X", &[], None)
        };
        assert_eq!(
            c.fetch.excluded(&by_doi).as_deref(),
            Some("DOI 10.1234/abc")
        );
        let err =
            Config::parse("title = \"T\"\n[fetch]\nexclude = [\"not a paper\"]\n").unwrap_err();
        assert_eq!(err[0].line, Some(3), "{}", err[0]);
        assert!(err[0].message.contains("\"not a paper\""), "{}", err[0]);
        let err = Config::parse("[fetch]\nkeyword = [\"x\"]\n").unwrap_err();
        assert!(err[0].message.contains("keyword"), "{}", err[0]);
    }

    #[test]
    fn the_commented_example_of_a_new_site_works_once_uncommented() {
        let text = include_str!("../scaffold/site.toml");
        let start = text.find("# [fetch]").unwrap();
        let uncommented = format!("{}{}", &text[..start], text[start..].replace("# ", ""));
        let config = Config::parse(&uncommented).unwrap();
        assert_eq!(config.fetch.min_upvotes, Some(3));
        assert_eq!(
            config.fetch.exclude,
            [ExcludedPaper::Arxiv("2505.01234".into())]
        );
        assert!(Curation::new(&config).is_ok());
    }
}
