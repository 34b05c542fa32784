//! Which file a broken link comes from, so that the message names what to edit: the
//! entry whose Markdown holds the link (on the entry's own page, or in its summary on a
//! listing), or else the template that made the page.
//!
//! A link repeated on many pages (a template's, or one in a summary shown on several
//! listings) is reported once, with the number of pages it breaks.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::links::{Broken, Problem};
use crate::diagnostics::{Diagnostic, Kind};
use crate::markdown::escape_html;
use crate::produce::{self, Job};
use crate::render::Theme;
use crate::site::Site;

/// Where a broken link was written.
#[derive(Debug)]
enum Origin {
    /// An entry's Markdown, on its own page.
    Entry(PathBuf),
    /// An entry's summary, shown on listing pages.
    Summary(PathBuf),
    /// The template of the page (or one it extends or includes).
    Template(String),
}

/// One mistake, however many pages it breaks.
#[derive(Default)]
struct Group<'b> {
    /// On the entry's own page (or the first page of a template).
    own: Option<&'b Broken>,
    /// In the entry's summary on listings: the first listing, and how many.
    listings: Option<(&'b Broken, usize)>,
    /// Pages of a template.
    pages: usize,
}

/// Errors for the broken links, each naming the file it comes from.
pub fn diagnostics(root: &Path, site: &Site, theme: &Theme, broken: &[Broken]) -> Vec<Diagnostic> {
    if broken.is_empty() {
        return Vec::new();
    }
    let job_of: FxHashMap<String, Job> = produce::all(site)
        .into_iter()
        .map(|job| (job.file(site), job))
        .collect();
    // An entry's link is one mistake wherever it shows; so is a template's, though its
    // hrefs differ from page to page (`../style.css`, `../../style.css`).
    let mut entries: BTreeMap<(PathBuf, &str), Group> = BTreeMap::new();
    let mut summaries = SummaryLinks::default();
    let mut templates: BTreeMap<(String, String), Group> = BTreeMap::new();
    for b in broken {
        // A link of an abstract a day's card opens to breaks on the paper's own page too,
        // where it is reported.
        if job_of
            .get(&b.page)
            .is_some_and(|&job| summaries.in_abstract(site, job, &b.href))
        {
            continue;
        }
        let origin = match job_of.get(&b.page) {
            Some(&job) => origin(site, job, &b.href, &mut summaries),
            None => Origin::Template(b.page.clone()),
        };
        match origin {
            Origin::Entry(source) => {
                let group = entries.entry((source, &b.href)).or_default();
                group.own.get_or_insert(b);
            }
            Origin::Summary(source) => {
                let group = entries.entry((source, &b.href)).or_default();
                group.listings.get_or_insert((b, 0)).1 += 1;
            }
            // An absolute URL a template writes comes from a field such as `links.project`:
            // a link to another site, even one on the site's own host (a project page
            // beside a digest at `https://me.github.io/`). Only links people write in
            // Markdown are held to the base URL.
            Origin::Template(_) if b.href.contains("://") => {}
            Origin::Template(name) => {
                let group = templates.entry((name, template_key(b))).or_default();
                group.own.get_or_insert(b);
                group.pages += 1;
            }
        }
    }
    let mut found: Vec<Diagnostic> = entries
        .into_iter()
        .filter_map(|((source, href), group)| entry_diagnostic(root, source, href, &group))
        .collect();
    found.extend(
        templates
            .into_iter()
            .filter_map(|((name, _), group)| template_diagnostic(theme, name, &group)),
    );
    found
}

/// What a template's broken link is on every page it breaks: the missing id, or the
/// href without the `../` that climb to the root from each page.
fn template_key(b: &Broken) -> String {
    match &b.problem {
        Problem::NoAnchor { id, .. } => format!("#{id}"),
        Problem::NoFile(_) | Problem::AboveRoot => without_climb(&b.href).to_string(),
    }
}

/// `href` without the `../` (and `./`) that climb from a page to the site's root.
fn without_climb(mut href: &str) -> &str {
    while let Some(rest) = href.strip_prefix("../").or_else(|| href.strip_prefix("./")) {
        href = rest;
    }
    href
}

/// " and on 3 other listing pages", for `count` pages in all.
fn others(count: usize, noun: &str, tail: &str) -> String {
    match count {
        0 | 1 => String::new(),
        2 => format!(" and on 1 other {noun}{tail}"),
        n => format!(" and on {} other {noun}s{tail}", n - 1),
    }
}

fn entry_diagnostic(root: &Path, source: PathBuf, href: &str, group: &Group) -> Option<Diagnostic> {
    let message = match (group.own, group.listings) {
        (Some(b), listings) => {
            let also = listings.map_or(String::new(), |(_, n)| {
                format!(
                    " (and in the summary on {n} listing page{})",
                    if n == 1 { "" } else { "s" }
                )
            });
            format!("broken link {href:?} on {}{also}: {}", b.page, b.problem)
        }
        (None, Some((b, n))) => format!(
            "broken link {href:?} in the summary shown on {}{}: {}; a listing shows the first \
             paragraph from its own folder, so move the link below it or set `summary`",
            b.page,
            others(n, "listing page", ""),
            b.problem
        ),
        (None, None) => return None,
    };
    let line = line_of(root, &source, href);
    Some(Diagnostic::new(source, line, message).of_kind(Kind::BrokenLink))
}

fn template_diagnostic(theme: &Theme, name: String, group: &Group) -> Option<Diagnostic> {
    let b = group.own?;
    let shown = theme
        .templates
        .iter()
        .find(|t| t.name == name)
        .map_or(name, |t| t.shown_path.clone());
    let message = format!(
        "broken link {:?} on {}{}: {}",
        b.href,
        b.page,
        others(group.pages, "page", " made with this template"),
        b.problem
    );
    Some(Diagnostic::new(shown, None, message).of_kind(Kind::BrokenLink))
}

/// Whose Markdown on the page of `job` holds a link to `href`.
fn origin(site: &Site, job: Job, href: &str, summaries: &mut SummaryLinks) -> Origin {
    match job.producer().markdown(site, job.unit) {
        Some((source, html)) if writes(html, href) => Origin::Entry(source.to_path_buf()),
        _ => summaries.writer(site, job, href).map_or_else(
            || Origin::Template(job.template().unwrap_or_default().to_string()),
            |i| Origin::Summary(site.papers[i].paper.source.clone()),
        ),
    }
}

/// For each listing page met so far, which paper's summary writes each link: built once
/// per page, so that a day page of thousands of papers with many broken links is read
/// once, not once per link.
#[derive(Default)]
struct SummaryLinks {
    by_page: FxHashMap<Job, FxHashMap<String, usize>>,
    /// The links of the abstracts cards open to on a listing, from the site's root.
    abstracts: FxHashMap<Job, rustc_hash::FxHashSet<String>>,
}

impl SummaryLinks {
    /// Whether `href` on the listing `job` is a link of an abstract one of its cards opens
    /// to (written there from the site's root: `../../papers/x/`).
    fn in_abstract(&mut self, site: &Site, job: Job, href: &str) -> bool {
        use crate::site::links::ROOT_PLACEHOLDER;
        let links = self.abstracts.entry(job).or_insert_with(|| {
            let listed = job.producer().listed(site, job.unit);
            let abstracts = listed
                .iter()
                .filter_map(|&i| site.papers[i].page.field("listing_content"));
            abstracts
                .flat_map(|html| super::html::scan(&html).links)
                .filter_map(|link| link.strip_prefix(ROOT_PLACEHOLDER).map(String::from))
                .collect()
        });
        !links.is_empty() && links.contains(without_climb(href))
    }

    /// The paper whose summary on the listing `job` writes `href`.
    fn writer(&mut self, site: &Site, job: Job, href: &str) -> Option<usize> {
        let links = self.by_page.entry(job).or_insert_with(|| {
            let mut links = FxHashMap::default();
            for &i in job.producer().listed(site, job.unit) {
                for link in super::html::scan(&site.papers[i].body.summary).links {
                    links.entry(link).or_insert(i);
                }
            }
            links
        });
        links.get(href).copied()
    }
}

/// Whether rendered Markdown has a link attribute with this value.
fn writes(html: &str, href: &str) -> bool {
    let escaped = escape_html(href);
    html.contains(&format!("\"{escaped}\"")) || html.contains(&format!("\"{href}\""))
}

/// The line of the entry's body where `href` is written (or its part before `#`).
fn line_of(root: &Path, source: &Path, href: &str) -> Option<usize> {
    let path = href.split('#').next().unwrap_or("");
    super::lines::in_body(root, source, &[href, path])
}
