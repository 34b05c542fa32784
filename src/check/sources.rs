//! Which file a broken link comes from, so that the message names what to edit: the
//! entry whose Markdown holds the link (on the entry's own page, or in its summary on a
//! listing), or else the template that made the page.
//!
//! A link repeated on many pages (a template's, or one in a summary shown on several
//! listings) is reported once, with the number of pages it breaks.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::links::Broken;
use crate::diagnostics::{Diagnostic, Kind};
use crate::markdown::escape_html;
use crate::render::{Job, Theme, jobs};
use crate::site::Site;

/// Where a broken link was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    /// An entry's Markdown, on its own page.
    Entry(PathBuf),
    /// An entry's summary, shown on listing pages.
    Summary(PathBuf),
    /// The template of the page (or one it extends or includes).
    Template(String),
}

/// Errors for the broken links, each naming the file it comes from.
pub fn diagnostics(root: &Path, site: &Site, theme: &Theme, broken: &[Broken]) -> Vec<Diagnostic> {
    if broken.is_empty() {
        return Vec::new();
    }
    let job_of: FxHashMap<String, Job> = jobs::all(site)
        .into_iter()
        .map(|job| (job.output_file(site), job))
        .collect();
    // (origin, href) for entries; (origin, problem) for templates, whose hrefs differ
    // from page to page (`../style.css`, `../../style.css`) for the same mistake.
    let mut groups: BTreeMap<(Origin, String), (&Broken, usize)> = BTreeMap::new();
    for b in broken {
        let origin = match job_of.get(&b.page) {
            Some(&job) => origin(site, job, &b.href),
            None => Origin::Template(b.page.clone()),
        };
        let key = match origin {
            Origin::Template(_) => b.problem.to_string(),
            _ => b.href.clone(),
        };
        groups
            .entry((origin, key))
            .and_modify(|(_, n)| *n += 1)
            .or_insert((b, 1));
    }
    groups
        .into_iter()
        .map(|((origin, _), (b, count))| diagnostic(root, theme, origin, b, count))
        .collect()
}

fn diagnostic(root: &Path, theme: &Theme, origin: Origin, b: &Broken, count: usize) -> Diagnostic {
    let others = |what: &str| match count {
        1 => String::new(),
        2 => format!(" and on 1 other {what}"),
        n => format!(" and on {} other {what}s", n - 1),
    };
    let (href, page, problem) = (&b.href, &b.page, &b.problem);
    let (file, line, message) = match origin {
        Origin::Entry(source) => {
            let line = line_of(root, &source, href);
            let message = format!("broken link {href:?} on {page}: {problem}");
            (source, line, message)
        }
        Origin::Summary(source) => {
            let line = line_of(root, &source, href);
            let message = format!(
                "broken link {href:?} in the summary shown on {page}{}: {problem}; a listing \
                 shows the first paragraph from its own folder, so move the link below it or \
                 set `summary`",
                others("listing page")
            );
            (source, line, message)
        }
        Origin::Template(name) => {
            let shown = theme
                .templates
                .iter()
                .find(|t| t.name == name)
                .map_or_else(|| name.clone(), |t| t.shown_path.clone());
            let message = format!(
                "broken link {href:?} on {page}{}: {problem}",
                others("page made with this template")
            );
            (PathBuf::from(shown), None, message)
        }
    };
    Diagnostic::new(file, line, message).of_kind(Kind::BrokenLink)
}

/// Whose Markdown on the page of `job` holds a link to `href`.
fn origin(site: &Site, job: Job, href: &str) -> Origin {
    match job {
        Job::Paper(i) if writes(&site.papers[i].body.html, href) => {
            Origin::Entry(site.papers[i].paper.source.clone())
        }
        Job::Page(i) if writes(&site.pages[i].body.html, href) => {
            Origin::Entry(site.pages[i].page.source.clone())
        }
        _ => shown_papers(site, job)
            .iter()
            .map(|&i| &site.papers[i])
            .find(|p| writes(&p.body.summary, href))
            .map_or_else(
                || Origin::Template(job.template().to_string()),
                |p| Origin::Summary(p.paper.source.clone()),
            ),
    }
}

/// Whether rendered Markdown has a link attribute with this value.
fn writes(html: &str, href: &str) -> bool {
    let escaped = escape_html(href);
    html.contains(&format!("\"{escaped}\"")) || html.contains(&format!("\"{href}\""))
}

/// The papers a listing page shows (their summaries are on it).
fn shown_papers(site: &Site, job: Job) -> &[usize] {
    let per = site.config.paginate_by;
    let page_of = |ids: &'_ [usize], page: usize| {
        let start = ((page - 1) * per).min(ids.len());
        let end = (start + per).min(ids.len());
        (start, end)
    };
    match job {
        Job::Index { page } => {
            let (s, e) = page_of(&site.newest_first, page);
            &site.newest_first[s..e]
        }
        Job::Topic { topic, page } => {
            let ids = &site.topics[topic].papers;
            let (s, e) = page_of(ids, page);
            &ids[s..e]
        }
        Job::Author { author, page } => {
            let ids = &site.authors[author].papers;
            let (s, e) = page_of(ids, page);
            &ids[s..e]
        }
        Job::Day(i) => &site.days[i].papers,
        _ => &[],
    }
}

/// The line of the entry's body where `href` is written (or its part before `#`).
fn line_of(root: &Path, source: &Path, href: &str) -> Option<usize> {
    let path = href.split('#').next().unwrap_or("");
    super::lines::in_body(root, source, &[href, path])
}
