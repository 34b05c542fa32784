//! `paperpress check`: everything that is wrong with a site, found without writing a file.
//!
//! The site is built in memory by the same pipeline as `build` (so every build error is a
//! check error, and the pages checked are the pages that would be published), then:
//! - the papers are checked against each other and on their own (`entries`);
//! - every internal link and `#anchor` of every page must lead somewhere (`links`), and
//!   a broken one is blamed on the entry or template that wrote it (`sources`);
//! - with `--max-age`, the newest day must be recent (`freshness`).

mod entries;
mod freshness;
pub mod github;
pub mod html;
mod lines;
pub mod links;
mod sources;

use chrono::NaiveDate;
use serde::Serialize;

use crate::content::Paper;
use crate::diagnostics::{Diagnostic, Kind};
use crate::pipeline::{BuildOptions, Draft, Session};
pub use entries::DEFAULT_PLACEHOLDER;

pub struct CheckOptions {
    /// The site, `--drafts` and `--base-url`, as for a build (the output folder is
    /// never touched).
    pub build: BuildOptions,
    /// `--max-age DAYS`: warn when the newest digest day is older than this.
    pub max_age: Option<u64>,
    /// The date `max_age` counts from (today's UTC date on the command line).
    pub today: NaiveDate,
}

/// Everything found, in a stable order: problems with the settings first, then by file
/// and line.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// Papers in the site.
    pub papers: usize,
    /// Pages the site has (generated files, not counting static ones).
    pub pages: usize,
}

/// Checks the site. Nothing is written.
pub fn check(options: &CheckOptions) -> CheckReport {
    let root = &options.build.root;
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        // Not a site at all: whatever else is missing follows from that.
        return CheckReport {
            errors: vec![crate::config::not_a_site(root)],
            ..CheckReport::default()
        };
    }
    let laps = crate::timings::Laps::start();
    let mut session = Session::open(options.build.clone());
    let Draft {
        mut site,
        update,
        mut report,
    } = session.draft();
    report
        .errors
        .extend(session.render_unused_templates(&mut site));
    laps.lap("check: build");
    let theme = session.theme();
    let papers: Vec<&Paper> = site.papers.iter().map(|node| node.paper.as_ref()).collect();

    // With broken settings the site was built with the default ones (no topic rules,
    // another base URL): checks that depend on them would only add false alarms.
    let settings_ok = !report.errors.iter().any(is_about_settings);

    report.errors.extend(entries::duplicates(root, &papers));
    if settings_ok {
        let resolver = links::Resolver::new(&site.config.base_url, site.config.base_path());
        // A session's first draft holds every file of the site.
        let statics = update.copy.iter().map(|file| file.rel.as_str());
        let broken = links::broken_links(&update.write, statics, &resolver);
        report
            .errors
            .extend(sources::diagnostics(root, &site, theme, &broken));
        laps.lap("check: links");
        report.warnings.extend(entries::without_topic(root, &site));
        report.warnings.extend(entries::excluded_but_present(&site));
    }
    let placeholders = entries::placeholders(theme);
    report
        .warnings
        .extend(entries::placeholder_abstracts(root, &papers, &placeholders));
    if let Some(max_age) = options.max_age {
        report
            .warnings
            .extend(freshness::stale_digest(&site, max_age, options.today));
        report
            .warnings
            .extend(freshness::future_days(&site, options.today));
    }

    laps.lap("check: entries");
    report.sort();
    report.errors.dedup();
    report.warnings.dedup();
    // Everything depends on the settings: their problems come first (outside a site, the
    // missing site.toml is what to read first).
    report.errors.sort_by_key(|e| !is_about_settings(e));
    CheckReport {
        errors: report.errors,
        warnings: report.warnings,
        papers: update.papers,
        pages: update.pages,
    }
}

fn is_about_settings(d: &Diagnostic) -> bool {
    d.file == std::path::Path::new(crate::config::CONFIG_FILE) || d.file.as_os_str() == "--base-url"
}

/// The exit status of `paperpress check`: 1 with errors, 2 with warnings when they are
/// denied (all of them, or those of the kinds given), 0 otherwise.
impl CheckReport {
    pub fn exit_code(&self, deny_warnings: bool, deny: &[Kind]) -> u8 {
        let denied = |w: &Diagnostic| deny_warnings || deny.contains(&w.kind);
        if !self.errors.is_empty() {
            1
        } else if self.warnings.iter().any(denied) {
            2
        } else {
            0
        }
    }

    /// The report as `--format json` prints it (see README, "Checking a site").
    pub fn to_json(&self) -> String {
        let report = JsonReport {
            version: JSON_VERSION,
            counts: Counts {
                errors: self.errors.len(),
                warnings: self.warnings.len(),
                papers: self.papers,
                pages: self.pages,
            },
            errors: self.errors.iter().map(JsonDiagnostic::from).collect(),
            warnings: self.warnings.iter().map(JsonDiagnostic::from).collect(),
        };
        serde_json::to_string_pretty(&report).expect("a report always serializes")
    }
}

/// Raised only when a field is removed or changes meaning; new fields may be added.
const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    counts: Counts,
    errors: Vec<JsonDiagnostic<'a>>,
    warnings: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Counts {
    errors: usize,
    warnings: usize,
    papers: usize,
    pages: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    /// Relative to the site's root, with `/` separators.
    file: String,
    line: Option<usize>,
    kind: &'static str,
    message: &'a str,
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            file: d.file.to_string_lossy().replace('\\', "/"),
            line: d.line,
            kind: d.kind.name(),
            message: &d.message,
        }
    }
}
