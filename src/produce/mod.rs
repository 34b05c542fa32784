//! Producers: every kind of output file a site has, each declared in one place.
//!
//! A producer says which files it makes for a site (its units), where each one goes,
//! which theme template renders it and the context that template receives. The context
//! is a typed, `Serialize` struct built from the graph's nodes alone (never the whole
//! graph), and it is also what a file's fingerprint is taken of (see `fingerprint`): a
//! file whose template and context fingerprints are unchanged renders to the same bytes,
//! so a rebuild skips it. Adding an output kind is adding a producer to `PRODUCERS`.

mod archives;
mod citations;
mod context;
mod days;
mod email;
pub mod feeds;
mod groups;
mod opml;
mod overview;
mod pages;
mod papers;
mod robots;
mod search;
mod sitemap;
mod stylesheet;

use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::content::Paper;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::Fingerprint;
use crate::site::Site;
pub use context::{PageContext, Paginator};
pub use search::SEARCH_DIR;

/// Which one of a producer's files: an item (a paper, a topic, a day...) and, for
/// paginated listings, a page number (1-based). Producers with one file use the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Unit {
    pub item: usize,
    pub page: usize,
}

impl Unit {
    pub fn item(item: usize) -> Unit {
        Unit { item, page: 1 }
    }
    pub fn paged(item: usize, page: usize) -> Unit {
        Unit { item, page }
    }
}

/// A template context as producers hand it over: serializable, and borrowing the site.
pub type Context<'s> = Box<dyn erased_serde::Serialize + 's>;

/// One kind of output file.
pub trait Producer: Sync {
    /// The theme template it renders with; `None` for a file it makes itself (`make`).
    fn template(&self) -> Option<&'static str>;

    /// What it makes, for timings: by default the type's name.
    fn name(&self) -> &'static str {
        std::any::type_name::<Self>()
            .rsplit("::")
            .next()
            .unwrap_or("?")
    }

    /// The top-level output folder it owns, which plain pages may not take.
    fn reserved_dir(&self) -> Option<&'static str> {
        None
    }

    /// Its files for this site, in a stable order.
    fn units(&self, site: &Site) -> Vec<Unit>;

    /// Where a file goes, below the output folder, with `/` separators.
    fn file(&self, site: &Site, unit: Unit) -> String;

    /// What its template receives, and all that the file is made of.
    fn context<'s>(&self, site: &'s Site, unit: Unit) -> Context<'s>;

    /// The bytes of a file that has no template. Made from what `context` holds only,
    /// since that is what the fingerprint covers.
    fn make(&self, _site: &Site, _unit: Unit) -> Result<String, String> {
        Err("this output has no template and makes nothing".into())
    }

    /// A site's own static file at the same path replaces it (a hand-written
    /// `robots.txt`); otherwise such a file is an error.
    fn static_wins(&self) -> bool {
        false
    }

    /// Whether its HTML files are pages of the site, which a reader browses (not a mail
    /// of the day, say). A build counts its pages by this.
    fn makes_pages(&self) -> bool {
        self.template().is_some_and(|t| t.ends_with(".html"))
    }

    /// Whether the file is a page for the sitemap, and the date it last changed.
    fn sitemap(&self, _site: &Site, _unit: Unit) -> Option<Option<NaiveDate>> {
        None
    }

    /// The entry whose whole Markdown body is on this file, with its rendered HTML (for
    /// `check` to trace a broken link to the entry that writes it). Empty in a one-off
    /// build, which drops the HTML once the values hold it: only `check` asks.
    fn markdown<'s>(&self, _site: &'s Site, _unit: Unit) -> Option<(&'s Path, &'s str)> {
        None
    }

    /// Whether it reads the papers' plain texts (`PaperNode::body.text`), which a one-off
    /// build frees once every such file is made (see `Site::forget_search_texts`).
    fn reads_search_texts(&self) -> bool {
        false
    }

    /// The papers whose summaries this file lists.
    fn listed<'s>(&self, _site: &'s Site, _unit: Unit) -> &'s [usize] {
        &[]
    }

    /// The entry that asked for this address (an alias), for errors about it.
    fn asked_by<'s>(&self, _site: &'s Site, _unit: Unit) -> Option<&'s Paper> {
        None
    }
}

/// Every producer, in the order their files are listed.
static PRODUCERS: &[&dyn Producer] = &[
    &papers::Index,
    &papers::PaperPage,
    &groups::TOPICS,
    &groups::TOPIC,
    &groups::AUTHORS,
    &groups::AUTHOR,
    &days::Days,
    &days::Day,
    &email::EMAIL_HTML,
    &email::EMAIL_TEXT,
    &archives::WEEK,
    &archives::MONTH,
    &archives::Archive,
    &pages::PlainPage,
    &papers::Alias,
    &pages::NotFound,
    &stylesheet::Syntax,
    &feeds::ATOM,
    &feeds::JSON,
    &opml::Opml,
    &sitemap::SitemapFile,
    &sitemap::SitemapIndex,
    &robots::Robots,
    &citations::CiteFile,
    &citations::Bibliography,
    &search::SearchPage,
    &search::Manifest,
    &search::TERM_FILES,
    &search::ID_FILES,
    &search::Docs,
    &search::Facets,
];

/// One output file: which producer makes it, and which of its files it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Job {
    producer: u8,
    pub unit: Unit,
}

impl Job {
    pub fn producer(self) -> &'static dyn Producer {
        PRODUCERS[self.producer as usize]
    }
    pub fn template(self) -> Option<&'static str> {
        self.producer().template()
    }
    /// Which producer makes it: an index into `producer_templates`.
    pub fn producer_index(self) -> usize {
        self.producer as usize
    }
    pub fn file(self, site: &Site) -> String {
        self.producer().file(site, self.unit)
    }
    pub fn context(self, site: &Site) -> Context<'_> {
        self.producer().context(site, self.unit)
    }
    /// A fingerprint of the context (equal fingerprints, with equal templates, make equal
    /// files), and the fingerprints of the node values the context holds.
    pub fn context_fingerprint(self, site: &Site) -> (Fingerprint, Vec<Fingerprint>) {
        crate::fingerprint::of_serialize(&*self.context(site))
    }
}

/// Every output file of the site, in a stable order.
pub fn all(site: &Site) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (producer, p) in PRODUCERS.iter().enumerate() {
        let producer = producer as u8;
        jobs.extend(p.units(site).into_iter().map(|unit| Job { producer, unit }));
    }
    jobs
}

/// Every page for the sitemap, in the order of `all`, with the date it last changed.
pub fn sitemap_pages(site: &Site) -> Vec<(Job, Option<NaiveDate>)> {
    let mut pages = Vec::new();
    for (producer, p) in PRODUCERS.iter().enumerate() {
        let producer = producer as u8;
        for unit in p.units(site) {
            if let Some(lastmod) = p.sitemap(site, unit) {
                pages.push((Job { producer, unit }, lastmod));
            }
        }
    }
    pages
}

/// Each producer's template, in the order of `Job::producer_index`.
pub fn producer_templates() -> impl Iterator<Item = Option<&'static str>> {
    PRODUCERS.iter().map(|p| p.template())
}

/// A name for each producer's files, in the order of `Job::producer_index`: its
/// template, or for a file made without one the type that makes it.
pub fn producer_names() -> impl Iterator<Item = String> {
    PRODUCERS.iter().map(|p| match p.template() {
        Some(t) => t.to_string(),
        None => p.name().to_string(),
    })
}

/// The templates the producers render with: what a theme must have.
pub fn templates() -> impl Iterator<Item = &'static str> {
    PRODUCERS.iter().filter_map(|p| p.template())
}

/// The top-level folders paperpress writes itself.
pub fn reserved_dirs() -> impl Iterator<Item = &'static str> {
    PRODUCERS.iter().filter_map(|p| p.reserved_dir())
}

/// The job of the producer that renders `template`, for a stand-in render: how `check`
/// tries a template before the first page that needs it fails a scheduled build.
pub fn job_with_template(template: &str, unit: Unit) -> Option<Job> {
    let index = PRODUCERS
        .iter()
        .position(|p| p.template() == Some(template))?;
    Some(Job {
        producer: index as u8,
        unit,
    })
}

/// Output files that two jobs would write (an alias at another page's address, say),
/// each as an error naming what claims it.
pub fn clashes(site: &Site, jobs: &[Job], files: &[String]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (later, first) in same_file_as_an_earlier_job(files) {
        let (job, other, file) = (jobs[later], jobs[first], &files[later]);
        let asked = |j: Job| j.producer().asked_by(site, j.unit);
        let (entry, other_entry) = match (asked(job), asked(other)) {
            (Some(entry), other_entry) => (entry, other_entry),
            (None, Some(entry)) => (entry, None),
            // Two of paperpress's own files: a producer's mistake, still reported.
            (None, None) => {
                errors.push(Diagnostic::new(
                    file,
                    None,
                    "two outputs of paperpress would write this file",
                ));
                continue;
            }
        };
        let what = match other_entry {
            Some(other) => format!("an alias of {} too", other.source.display()),
            None => "a page of the site".to_string(),
        };
        errors.push(Diagnostic::new(
            &entry.source,
            entry.lines.aliases,
            format!("aliases: /{file} is {what}; remove the alias or move the page"),
        ));
    }
    errors
}

/// Each job whose file an earlier job already writes: its index and the first such
/// job's, in the order of the later index. Found by sorting the indices by file
/// rather than with a map of every file: at 100,000 papers the map took 20 to 30 MB
/// while the build held the most memory it does.
fn same_file_as_an_earlier_job(files: &[String]) -> Vec<(usize, usize)> {
    // u32: a site has far fewer than 4 billion files, and the list is half the size.
    let mut by_file: Vec<u32> = (0..files.len() as u32).collect();
    by_file
        .par_sort_unstable_by(|&a, &b| files[a as usize].cmp(&files[b as usize]).then(a.cmp(&b)));
    let mut same = Vec::new();
    let mut first = None;
    for pair in by_file.windows(2) {
        let (a, b) = (pair[0] as usize, pair[1] as usize);
        if files[a] == files[b] {
            let first = *first.get_or_insert(a);
            same.push((b, first));
        } else {
            first = None;
        }
    }
    same.sort_unstable();
    same
}

#[cfg(test)]
mod tests {
    use super::same_file_as_an_earlier_job;

    #[test]
    fn each_repeated_file_is_paired_with_its_first_job_in_job_order() {
        let files: Vec<String> = ["b", "a", "c", "b", "a", "b", "d"]
            .iter()
            .map(|f| f.to_string())
            .collect();
        assert_eq!(
            same_file_as_an_earlier_job(&files),
            vec![(3, 0), (4, 1), (5, 0)]
        );
        let distinct: Vec<String> = ["x", "y"].iter().map(|f| f.to_string()).collect();
        assert!(same_file_as_an_earlier_job(&distinct).is_empty());
    }
}
