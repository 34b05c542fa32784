//! Importers: turn what paper sources publish into entries under `content/papers/`.
//!
//! Each format module only parses, into `ImportedPaper`s, and checks the whole input
//! before anything is written; writing entries (identity, never overwriting one) is
//! shared, in `entry`.

pub mod arxiv_atom;
pub mod arxiv_rss;
pub mod bibtex;
pub mod daily_text;
mod entry;
pub mod hf_json;
pub(crate) mod text;
mod update;
mod xml;

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::content::arxiv::ArxivId;
use crate::content::partial_date::PartialDate;
pub use entry::{ImportOptions, Outcome, entry_path, find_existing, write_entries};

/// A paper as read from a source, before it becomes an entry file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportedPaper {
    pub title: String,
    /// The digest day the source gives: the day of the daily page or announcement the
    /// paper was on (`--date` replaces it).
    pub date: Option<NaiveDate>,
    /// The source's publication date, at the precision it gives.
    pub published: Option<PartialDate>,
    /// The paper's position on the source's page for its day (1 = top), for daily sources.
    pub rank: Option<u64>,
    pub authors: Vec<String>,
    pub arxiv: Option<ArxivId>,
    /// A bare DOI, `10.xxxx/yyyy`.
    pub doi: Option<String>,
    /// Links by name: `pdf`, `code`, `project`.
    pub links: BTreeMap<String, String>,
    pub upvotes: Option<u64>,
    /// Other fields the source gives (`categories`, `comment`, `journal_ref`,
    /// `ai_keywords`, ...), kept in the front matter as they are.
    pub extra: BTreeMap<String, toml::Value>,
    /// The abstract as plain text, paragraphs separated by a blank line (it is escaped
    /// when written as Markdown).
    pub abstract_text: String,
    /// Where the paper starts in the imported file, for messages.
    pub source_line: usize,
    /// The source only tells of a change to a paper announced before (an arXiv
    /// replacement): it may update an entry already in the site, under `--update`, and is
    /// never written as a new entry.
    pub updates_only: bool,
}
