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
    /// A paper `[fetch] exclude` names is still in the site.
    ExcludedPaper,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::General,
        Kind::UnknownField,
        Kind::NearMissField,
        Kind::SlugClash,
        Kind::Math,
        Kind::NoTopic,
        Kind::PlaceholderAbstract,
        Kind::StaleDigest,
        Kind::BrokenLink,
        Kind::DuplicatePaper,
        Kind::UrlMoved,
        Kind::ExcludedPaper,
    ];

    /// The kind named `name` (as `name()` writes it).
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

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
            Kind::ExcludedPaper => "excluded-paper",
        }
    }
}

impl Kind {
    /// What many problems of this kind are called, for summaries.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::General => "warnings",
            Kind::UnknownField => "unknown fields",
            Kind::NearMissField => "misspelt field names",
            Kind::SlugClash => "slug clashes",
            Kind::Math => "formulas that cannot be rendered",
            Kind::NoTopic => "papers without a topic",
            Kind::PlaceholderAbstract => "empty or placeholder abstracts",
            Kind::StaleDigest => "stale digests",
            Kind::BrokenLink => "broken links",
            Kind::DuplicatePaper => "duplicate papers",
            Kind::UrlMoved => "moved pages",
            Kind::ExcludedPaper => "excluded papers still in the site",
        }
    }
}

/// How many warnings of one kind are shown before the rest are counted.
pub const SHOWN_PER_KIND: usize = 10;
/// How many warnings are shown in all; past that they are only counted.
pub const SHOWN_IN_ALL: usize = 15;

/// The lines to print for `warnings`: the first `SHOWN_PER_KIND` of each kind (and
/// `SHOWN_IN_ALL` in all), then one line per kind with the count of the rest, so that a
/// large digest's build log stays readable (its full list is `paperpress check`'s).
pub fn summarised(warnings: &[Diagnostic]) -> Vec<String> {
    let mut shown_of: std::collections::BTreeMap<Kind, (usize, usize)> = Default::default();
    let mut lines = Vec::new();
    for w in warnings {
        let (shown, hidden) = shown_of.entry(w.kind).or_default();
        if *shown < SHOWN_PER_KIND && lines.len() < SHOWN_IN_ALL {
            *shown += 1;
            lines.push(format!("warning: {w}"));
        } else {
            *hidden += 1;
        }
    }
    for (kind, (shown, hidden)) in shown_of {
        if hidden > 0 {
            let more = if shown > 0 { " more" } else { "" };
            // `check` builds afresh, so it sees no page move: no pointer to it then.
            let pointer = if kind == Kind::UrlMoved {
                ""
            } else {
                "; `paperpress check` lists them all"
            };
            lines.push(format!(
                "warning: … and {hidden}{more} {}{pointer}",
                kind.plural()
            ));
        }
    }
    lines
}

/// The name among `known` that `name` most likely meant: the nearest within two edits
/// (letters added, dropped, changed or swapped), the first in order on a tie; for a
/// message's "did you mean".
pub fn closest_name<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(name, k), k))
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, k)| k)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_warnings_are_summarised_by_kind() {
        let mut warnings: Vec<Diagnostic> = (0..17_806)
            .map(|i| Diagnostic::new(format!("p{i}.md"), None, "clash").of_kind(Kind::SlugClash))
            .collect();
        warnings.extend(
            (0..3)
                .map(|i| Diagnostic::new(format!("m{i}.md"), Some(2), "math").of_kind(Kind::Math)),
        );
        warnings.extend((0..40).map(|i| {
            Diagnostic::new(format!("n{i}.md"), Some(4), "typo").of_kind(Kind::NearMissField)
        }));
        let lines = summarised(&warnings);
        assert!(lines.len() <= 25, "{lines:?}");
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("warning: p")).count(),
            10
        );
        assert!(
            lines.contains(
                &"warning: … and 17796 more slug clashes; `paperpress check` lists them all"
                    .to_string()
            ),
            "{lines:?}"
        );
        // Past the first 15 lines, warnings are counted, whatever their kind.
        assert_eq!(lines.iter().filter(|l| l.ends_with(": math")).count(), 3);
        assert!(
            lines
                .iter()
                .any(|l| l.contains("and 38 more misspelt field names")),
            "{lines:?}"
        );
        let few = summarised(&warnings[..3]);
        assert_eq!(few.len(), 3);
    }
}
