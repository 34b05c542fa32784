//! Importers: turn what paper sources publish into entries under `content/papers/`.
//!
//! Each format module only parses; writing entries (and never overwriting one) is shared.

pub mod daily_text;
mod entry;

use chrono::NaiveDate;

pub use entry::{Outcome, write_entries};

/// A paper as read from a source, before it becomes an entry file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedPaper {
    pub title: String,
    pub date: NaiveDate,
    /// The abstract as plain text (it is escaped when written as Markdown).
    pub abstract_text: String,
    /// Where the paper starts in the imported file, for messages.
    pub source_line: usize,
}
