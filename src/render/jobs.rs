//! The list of pages a site has, and what each one shows.
//!
//! A job names the nodes it reads (a paper, a topic and one page of its listing, ...),
//! never the whole graph: its template context is built from those nodes alone.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use serde::Serialize;
use tera::Context;

use crate::fingerprint::Fingerprint;
use crate::site::{Site, Valued, links};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    /// Page `page` (1-based) of the newest-first listing of all papers.
    Index {
        page: usize,
    },
    Paper(usize),
    Topics,
    Topic {
        topic: usize,
        page: usize,
    },
    Authors,
    Author {
        author: usize,
        page: usize,
    },
    Days,
    Day(usize),
    Page(usize),
    /// A redirect from an earlier address of a paper (index into `Site::aliases`).
    Alias(usize),
    NotFound,
}

fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// Every page of the site, in a stable order.
pub fn all(site: &Site) -> Vec<Job> {
    let per = site.config.paginate_by;
    let mut jobs = Vec::new();
    jobs.extend((1..=page_count(site.papers.len(), per)).map(|page| Job::Index { page }));
    jobs.extend((0..site.papers.len()).map(Job::Paper));
    jobs.push(Job::Topics);
    for (topic, t) in site.topics.iter().enumerate() {
        jobs.extend((1..=page_count(t.papers.len(), per)).map(|page| Job::Topic { topic, page }));
    }
    jobs.push(Job::Authors);
    for (author, a) in site.authors.iter().enumerate() {
        jobs.extend((1..=page_count(a.papers.len(), per)).map(|page| Job::Author { author, page }));
    }
    jobs.push(Job::Days);
    jobs.extend((0..site.days.len()).map(Job::Day));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.extend((0..site.aliases.len()).map(Job::Alias));
    jobs.push(Job::NotFound);
    jobs
}

impl Job {
    pub fn template(self) -> &'static str {
        match self {
            Job::Index { .. } => "index.html",
            Job::Paper(_) => "paper.html",
            Job::Topics => "topics.html",
            Job::Topic { .. } => "topic.html",
            Job::Authors => "authors.html",
            Job::Author { .. } => "author.html",
            Job::Days => "days.html",
            Job::Day(_) => "day.html",
            Job::Page(_) => "page.html",
            Job::Alias(_) => "alias.html",
            Job::NotFound => "404.html",
        }
    }

    /// The page's folder below the output root (empty for the home page and the 404 page).
    pub fn dir(self, site: &Site) -> String {
        match self {
            Job::Index { page } => links::pagination_dir("", page),
            Job::Paper(i) => site.papers[i].place.dir.clone(),
            Job::Topics => links::TOPICS_DIR.into(),
            Job::Topic { topic, page } => links::pagination_dir(&site.topics[topic].dir, page),
            Job::Authors => links::AUTHORS_DIR.into(),
            Job::Author { author, page } => links::pagination_dir(&site.authors[author].dir, page),
            Job::Days => links::DAYS_DIR.into(),
            Job::Day(i) => site.days[i].dir.clone(),
            Job::Page(i) => site.pages[i].page.dir.clone(),
            // The folder the redirect page is in.
            Job::Alias(i) => {
                let file = &site.aliases[i].file;
                file.rfind('/')
                    .map_or(String::new(), |k| file[..=k].to_string())
            }
            Job::NotFound => String::new(),
        }
    }

    /// The output file, relative to the output folder.
    pub fn output_file(self, site: &Site) -> String {
        match self {
            Job::NotFound => "404.html".into(),
            Job::Alias(i) => site.aliases[i].file.clone(),
            _ => links::output_file(&self.dir(site)),
        }
    }

    /// Which part of the site the page belongs to, for marking the menu.
    fn section(self) -> &'static str {
        match self {
            Job::Index { .. } | Job::Paper(_) => "papers",
            Job::Topics | Job::Topic { .. } => "topics",
            Job::Authors | Job::Author { .. } => "authors",
            Job::Days | Job::Day(_) => "days",
            Job::Page(_) => "pages",
            Job::Alias(_) => "papers",
            Job::NotFound => "",
        }
    }

    /// What goes in `<title>` before the site's name.
    fn title(self, site: &Site) -> String {
        let numbered = |name: String, page: usize| {
            if page > 1 {
                format!("{name} (page {page})")
            } else {
                name
            }
        };
        match self {
            Job::Index { page } => {
                if page > 1 {
                    format!("Page {page}")
                } else {
                    String::new()
                }
            }
            Job::Paper(i) => site.papers[i].title.plain.clone(),
            Job::Topics => "Topics".into(),
            Job::Topic { topic, page } => {
                numbered(format!("Topic: {}", site.topics[topic].name), page)
            }
            Job::Authors => "Authors".into(),
            Job::Author { author, page } => numbered(site.authors[author].name.clone(), page),
            Job::Days => "Days".into(),
            Job::Day(i) => format!(
                "Papers of {}",
                site.days[i].value.value["date_display"]
                    .as_str()
                    .unwrap_or_default()
            ),
            Job::Page(i) => site.pages[i].page.title.clone(),
            Job::Alias(i) => site.papers[site.aliases[i].paper].title.plain.clone(),
            Job::NotFound => "Page not found".into(),
        }
    }

    /// A fingerprint of everything `context` builds this page's variables from, except the
    /// `site` value and the settings, which every page shares (`Site::fingerprint`), and
    /// the templates (`Renderer::template_fingerprint`). Two builds that give a page the
    /// same fingerprints render it to the same bytes, so a rebuild renders only the pages
    /// whose fingerprint changed. Keep this in step with `context`.
    pub fn inputs_fingerprint(self, site: &Site) -> Fingerprint {
        let mut h = DefaultHasher::new();
        std::mem::discriminant(&self).hash(&mut h);
        let per = site.config.paginate_by;
        let listing = |ids: &[usize], page: usize, h: &mut DefaultHasher| {
            (ids.len(), page).hash(h);
            let start = ((page - 1) * per).min(ids.len());
            let end = (start + per).min(ids.len());
            for &i in &ids[start..end] {
                site.papers[i].card.fingerprint.hash(h);
            }
        };
        let all = |values: &mut dyn Iterator<Item = &Valued>, h: &mut DefaultHasher| {
            for v in values {
                v.fingerprint.hash(h);
            }
        };
        match self {
            Job::Index { page } => listing(&site.newest_first, page, &mut h),
            Job::Paper(i) => site.papers[i].value.fingerprint.hash(&mut h),
            Job::Topics => all(&mut site.topics.iter().map(|t| &t.value), &mut h),
            Job::Topic { topic, page } => {
                let t = &site.topics[topic];
                t.value.fingerprint.hash(&mut h);
                listing(&t.papers, page, &mut h);
            }
            Job::Authors => all(&mut site.authors.iter().map(|a| &a.value), &mut h),
            Job::Author { author, page } => {
                let a = &site.authors[author];
                a.value.fingerprint.hash(&mut h);
                listing(&a.papers, page, &mut h);
            }
            Job::Days => all(&mut site.days.iter().map(|d| &d.value), &mut h),
            Job::Day(i) => {
                let d = &site.days[i];
                let neighbour = |j: Option<usize>| {
                    j.and_then(|j| site.days.get(j))
                        .map(|d| d.value.fingerprint)
                };
                (
                    d.value.fingerprint,
                    neighbour(Some(i + 1)),
                    neighbour(i.checked_sub(1)),
                )
                    .hash(&mut h);
                all(&mut d.papers.iter().map(|&p| &site.papers[p].card), &mut h);
            }
            Job::Page(i) => site.pages[i].value.fingerprint.hash(&mut h),
            Job::Alias(i) => site.papers[site.aliases[i].paper]
                .card
                .fingerprint
                .hash(&mut h),
            Job::NotFound => {}
        }
        h.finish()
    }

    /// The template variables of this page. The nodes' values were built once for the
    /// whole build; Tera copies the few this page shows into its context.
    pub fn context(self, site: &Site) -> Context {
        let dir = self.dir(site);
        let mut ctx = Context::new();
        ctx.insert("site", &site.site_value);
        let root = match self {
            // The 404 page is served at any address, so only an absolute base path works there.
            Job::NotFound => site.config.base_path().to_string(),
            _ => links::root_prefix(&dir),
        };
        ctx.insert("root", &root);
        let current_path = match self {
            Job::NotFound => "404.html".to_string(),
            // A redirect is no page of the menu, even in the root folder.
            Job::Alias(i) => site.aliases[i].file.clone(),
            _ => site.links.link(&dir),
        };
        ctx.insert("current_path", &current_path);
        let permalink = match self {
            Job::NotFound => format!("{}404.html", site.config.base_url),
            // A redirect's canonical address is the page it leads to.
            Job::Alias(i) => {
                let target = &site.papers[site.aliases[i].paper];
                format!("{}{}", site.config.base_url, target.place.dir)
            }
            _ => format!("{}{dir}", site.config.base_url),
        };
        ctx.insert("permalink", &permalink);
        ctx.insert("page_title", &self.title(site));
        ctx.insert("section", self.section());

        let per = site.config.paginate_by;
        let cards = |ids: &[usize]| {
            ids.iter()
                .map(|&i| &site.papers[i].card)
                .collect::<Vec<_>>()
        };
        match self {
            Job::Index { page } => {
                ctx.insert(
                    "paginator",
                    &Paginator::new(site, "", &site.newest_first, page, per),
                );
                ctx.insert("total_papers", &site.papers.len());
            }
            Job::Paper(i) => ctx.insert("paper", &site.papers[i].value),
            Job::Topics => ctx.insert(
                "topics",
                &site.topics.iter().map(|t| &t.value).collect::<Vec<_>>(),
            ),
            Job::Topic { topic, page } => {
                let t = &site.topics[topic];
                ctx.insert("topic", &t.value);
                ctx.insert(
                    "paginator",
                    &Paginator::new(site, &t.dir, &t.papers, page, per),
                );
            }
            Job::Authors => ctx.insert(
                "authors",
                &site.authors.iter().map(|a| &a.value).collect::<Vec<_>>(),
            ),
            Job::Author { author, page } => {
                let a = &site.authors[author];
                ctx.insert("author", &a.value);
                ctx.insert(
                    "paginator",
                    &Paginator::new(site, &a.dir, &a.papers, page, per),
                );
            }
            Job::Days => ctx.insert(
                "days",
                &site.days.iter().map(|d| &d.value).collect::<Vec<_>>(),
            ),
            Job::Day(i) => {
                let d = &site.days[i];
                ctx.insert("day", &d.value);
                ctx.insert("papers", &cards(&d.papers));
                // Days are newest first: the previous (older) day comes after this one.
                let neighbour =
                    |j: Option<usize>| j.and_then(|j| site.days.get(j)).map(|d| &d.value);
                ctx.insert("prev_day", &neighbour(Some(i + 1)));
                ctx.insert("next_day", &neighbour(i.checked_sub(1)));
            }
            Job::Page(i) => ctx.insert("page", &site.pages[i].value),
            Job::Alias(i) => ctx.insert("paper", &site.papers[site.aliases[i].paper].card),
            Job::NotFound => {}
        }
        ctx
    }
}

/// Output files that two pages would write (an alias at another page's address, say),
/// each as an error naming what claims it.
pub fn clashes(site: &Site, jobs: &[Job], files: &[String]) -> Vec<crate::diagnostics::Diagnostic> {
    let mut first: rustc_hash::FxHashMap<&str, Job> = rustc_hash::FxHashMap::default();
    let mut errors = Vec::new();
    for (&job, file) in jobs.iter().zip(files) {
        if let Some(&other) = first.get(file.as_str()) {
            // Only an alias can take another page's file.
            let (i, other) = match (job, other) {
                (Job::Alias(i), other) | (other, Job::Alias(i)) => (i, other),
                _ => continue,
            };
            let paper = &site.papers[site.aliases[i].paper].paper;
            let what = match other {
                Job::Alias(j) => format!(
                    "an alias of {} too",
                    site.papers[site.aliases[j].paper].paper.source.display()
                ),
                _ => "a page of the site".to_string(),
            };
            errors.push(crate::diagnostics::Diagnostic::new(
                &paper.source,
                paper.lines.aliases,
                format!("aliases: /{file} is {what}; remove the alias or move the page"),
            ));
        } else {
            first.insert(file, job);
        }
    }
    errors
}

/// How many numbered links a pagination bar shows on each side of the current page.
/// The bar stays short however long the listing is (a 5,000-page index must not carry a
/// 5,000-entry list on each of its pages).
const PAGINATION_WINDOW: usize = 2;

/// One page of a paginated listing, as templates see it (`paginator`).
#[derive(Serialize)]
struct Paginator<'a> {
    number: usize,
    total_pages: usize,
    total_items: usize,
    papers: Vec<&'a Valued>,
    first_path: String,
    last_path: String,
    prev_path: Option<String>,
    next_path: Option<String>,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    path: String,
    current: bool,
    /// Pages were skipped between the previous link and this one.
    gap_before: bool,
}

impl<'a> Paginator<'a> {
    fn new(site: &'a Site, first_dir: &str, ids: &[usize], number: usize, per: usize) -> Self {
        let total_pages = page_count(ids.len(), per);
        let link = |n: usize| site.links.link(&links::pagination_dir(first_dir, n));
        let start = ((number - 1) * per).min(ids.len());
        let end = (start + per).min(ids.len());
        let mut shown: Vec<usize> = vec![1, total_pages];
        shown.extend(
            number.saturating_sub(PAGINATION_WINDOW).max(1)
                ..=(number + PAGINATION_WINDOW).min(total_pages),
        );
        shown.sort_unstable();
        shown.dedup();
        let pages = shown
            .iter()
            .enumerate()
            .map(|(k, &n)| PageLink {
                number: n,
                path: link(n),
                current: n == number,
                gap_before: k > 0 && shown[k - 1] + 1 != n,
            })
            .collect();
        Paginator {
            number,
            total_pages,
            total_items: ids.len(),
            papers: ids[start..end]
                .iter()
                .map(|&i| &site.papers[i].card)
                .collect(),
            first_path: link(1),
            last_path: link(total_pages),
            prev_path: (number > 1).then(|| link(number - 1)),
            next_path: (number < total_pages).then(|| link(number + 1)),
            pages,
        }
    }
}
