//! Errors and warnings that point at a place in the user's files.
//!
//! A build collects every problem it finds instead of stopping at the first, so the
//! user can fix a whole batch of entries in one go (think of a cron job at 1 a.m.).

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem, tied to a file and (when known) a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: String,
    /// What sort of problem it is: repeated warnings of one kind are summarised, and
    /// `paperpress check --format json` reports it.
    pub kind: Kind,
}

/// Sorts of problems that can come in numbers, each summarised on its own when a build
/// prints many of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    #[default]
    General,
    /// A front-matter key paperpress does not know (reported under `strict = true`).
    UnknownField,
    /// An unknown key that looks like a misspelt known one.
    NearMissField,
    /// Two papers want the same URL.
    SlugClash,
    /// LaTeX that could not be rendered.
    Math,
    /// A paper without any topic.
    NoTopic,
    /// An empty abstract, or the `new` template's placeholder text.
    PlaceholderAbstract,
    /// The newest day is older than `check --max-age`.
    StaleDigest,
    /// An internal link or `#anchor` that leads nowhere.
    BrokenLink,
    /// Two papers with the same arXiv id or DOI.
    DuplicatePaper,
    /// A page's address changed between two builds.
    UrlMoved,
}

impl Kind {
    /// The kind's name in machine-readable output.
    pub fn name(self) -> &'static str {
        match self {
            Kind::General => "general",
            Kind::UnknownField => "unknown-field",
            Kind::NearMissField => "near-miss-field",
            Kind::SlugClash => "slug-clash",
            Kind::Math => "math",
            Kind::NoTopic => "no-topic",
            Kind::PlaceholderAbstract => "placeholder-abstract",
            Kind::StaleDigest => "stale-digest",
            Kind::BrokenLink => "broken-link",
            Kind::DuplicatePaper => "duplicate-paper",
            Kind::UrlMoved => "url-moved",
        }
    }
}

impl Diagnostic {
    pub fn new(file: impl AsRef<Path>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.as_ref().to_path_buf(),
            line,
            message: message.into(),
            kind: Kind::General,
        }
    }

    /// The same problem, marked as being of `kind`.
    pub fn of_kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match self.line {
            Some(line) => write!(f, "{file}:{line}: {}", self.message),
            None => write!(f, "{file}: {}", self.message),
        }
    }
}

/// Everything that went wrong, plus the warnings that did not stop the build.
#[derive(Debug, Default)]
pub struct Report {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

impl Report {
    pub fn error(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }

    pub fn warn(&mut self, d: Diagnostic) {
        self.warnings.push(d);
    }

    pub fn extend(&mut self, other: Report) {
        self.errors.extend(other.errors);
        self.warnings.extend(other.warnings);
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Errors and warnings in a stable order (by file, then line), so output is reproducible.
    pub fn sort(&mut self) {
        let key = |d: &Diagnostic| (d.file.clone(), d.line, d.message.clone());
        self.errors.sort_by_key(key);
        self.warnings.sort_by_key(key);
    }
}
