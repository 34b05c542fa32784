//! Rendering: the site graph through the theme's Tera templates into page files.

pub mod absolute_urls;
mod blocks;
mod cards;
mod dependencies;
pub mod theme;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use tera::Tera;

use crate::diagnostics::Diagnostic;
use crate::fingerprint::Fingerprint;
use crate::produce::{self, Job};
use crate::site::Site;
pub use theme::Theme;

/// A rendered page: where it goes below the output folder, and its bytes.
pub struct RenderedPage {
    pub file: String,
    pub html: String,
}

pub struct Renderer {
    /// Shared with the `card` filter inside it, which renders `card.html` (see `cards`).
    tera: Arc<Tera>,
    /// The cards of the build being rendered.
    cards: Arc<cards::Cards>,
    /// Whether it renders a one-off build (see `for_a_one_off_build`), rather than the
    /// builds of a session that keeps its cards and graph for the next (`watch`, `serve`).
    one_off: bool,
    /// The size of the last file each producer rendered, by `Job::producer_index`.
    sizes: Vec<AtomicUsize>,
    /// Template name → where the user can find it, for error messages.
    shown_paths: HashMap<String, String>,
    /// For each producer's template (by `Job::producer_index`), a fingerprint of it and
    /// every template it uses.
    by_producer: Vec<Fingerprint>,
    /// Time spent by kind of file, for `PAPERPRESS_TIMINGS`.
    tally: crate::timings::Tally,
}

/// Tera reports the root cause deep in its error chain; show all of it.
fn error_chain(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

/// Tera's parse errors are a drawing over several lines: ` --> 12:5`, the source line
/// with a `^` under the column, then `= expected ...`. Returns the line, and one line of
/// message: the column, what was expected, and the code there.
fn parse_error(message: &str) -> (Option<usize>, String) {
    let Some(after) = message.split("--> ").nth(1) else {
        return (None, message.replace('\n', " "));
    };
    let mut position = after
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .split(':');
    let line = position.next().and_then(|l| l.parse().ok());
    let column = position.next().unwrap_or("?");
    let expected: Vec<&str> = after
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("= "))
        .collect();
    let code = after
        .lines()
        .find_map(|l| l.split_once(" | ").map(|(_, code)| code.trim()))
        .unwrap_or("");
    let what = if expected.is_empty() {
        "cannot parse this template".to_string()
    } else {
        expected.join("; ")
    };
    (line, format!("column {column}: {what}, in `{code}`"))
}

impl Renderer {
    pub fn new(theme: &Theme) -> Result<Renderer, Vec<Diagnostic>> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml", ".opml"]);
        tera.set_escape_fn(crate::markdown::escape_html);
        tera.register_filter("absolute_urls", absolute_urls::filter);
        let shown_paths: HashMap<String, String> = theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), t.shown_path.clone()))
            .collect();
        // Parse each template on its own first so that every broken one, and every one
        // that extends a template the theme lacks, is reported with its file.
        let mut errors = Vec::new();
        // Parsing is most of the time a small site's build takes: on every core.
        let parsed: Vec<tera::Result<tera::Template>> = theme
            .templates
            .par_iter()
            .map(|t| tera::Template::new(&t.name, None, &t.source))
            .collect();
        for (t, parsed) in theme.templates.iter().zip(parsed) {
            match parsed {
                Ok(parsed) => {
                    if let Some(parent) = parsed
                        .parent
                        .as_ref()
                        .filter(|p| !shown_paths.contains_key(*p))
                    {
                        errors.push(Diagnostic::new(
                            &t.shown_path,
                            None,
                            format!(
                                "extends \"{parent}\", which the theme does not have; add templates/{parent} to the theme or to the site's templates/ folder"
                            ),
                        ));
                    }
                    // Kept, so that each template is parsed once (what
                    // `add_raw_templates` would do again).
                    tera.templates.insert(t.name.clone(), parsed);
                }
                Err(e) => {
                    let message = error_chain(&e);
                    let (line, message) = parse_error(&message);
                    errors.push(Diagnostic::new(&t.shown_path, line, message));
                }
            }
        }
        if errors.is_empty() {
            let linked = tera
                .build_inheritance_chains()
                .and_then(|()| tera.check_macro_files());
            match linked {
                Err(e) => errors.push(Diagnostic::new("templates", None, error_chain(&e))),
                Ok(()) => {
                    let sources = theme
                        .templates
                        .iter()
                        .map(|t| (t.name.as_str(), (t.shown_path.as_str(), t.source.as_str())))
                        .collect();
                    errors.extend(blocks::unknown(&tera, &sources));
                }
            }
        }
        // A template two producers render with (`period.html`) is named once.
        let mut required: Vec<&str> = produce::templates().chain([cards::CARD_TEMPLATE]).collect();
        required.sort_unstable();
        required.dedup();
        for name in required {
            if !shown_paths.contains_key(name) {
                errors.push(Diagnostic::new(
                    format!("templates/{name}"),
                    None,
                    "missing: the theme has no such template; add it to the theme or to the site's templates/ folder, or let the theme start from another one with `extends = \"default\"` in its theme.toml",
                ));
            }
        }
        if errors.is_empty() {
            let sources = theme
                .templates
                .iter()
                .map(|t| (t.name.as_str(), t.source.as_str()))
                .collect();
            let fingerprints = dependencies::fingerprints(&tera, &sources, cards::CARD_TEMPLATE);
            let cards = Arc::new(cards::Cards::default());
            let tera = Arc::new_cyclic(|weak| {
                let filter = cards::CardFilter {
                    tera: weak.clone(),
                    cards: cards.clone(),
                };
                tera.register_filter("card", filter);
                tera
            });
            let sizes = produce::producer_templates()
                .map(|_| AtomicUsize::new(0))
                .collect();
            let by_producer = produce::producer_templates()
                .map(|t| t.and_then(|t| fingerprints.get(t)).copied().unwrap_or(0))
                .collect();
            let tally = crate::timings::Tally::new(produce::producer_names());
            Ok(Renderer {
                tally,
                tera,
                cards,
                one_off: false,
                sizes,
                shown_paths,
                by_producer,
            })
        } else {
            Err(errors)
        }
    }

    /// A fingerprint of the template a job renders with, and of every template it uses.
    pub fn template_fingerprint(&self, job: Job) -> Fingerprint {
        self.by_producer[job.producer_index()]
    }

    fn render_job(&self, site: &Site, job: Job) -> Result<RenderedPage, RenderError> {
        if site.texts_forgotten && job.producer().reads_search_texts() {
            return Err(RenderError {
                cause: "paperpress freed the papers' texts before making this file; \
                        please report this"
                    .into(),
            });
        }
        let bytes = match job.template() {
            Some(template) => tera::Context::from_serialize(&*job.context(site))
                .and_then(|context| self.render_template(job, template, &context))
                .map_err(|e| error_chain(&e)),
            None => job.producer().make(site, job.unit),
        };
        bytes
            .map(|html| RenderedPage {
                file: job.file(site),
                html,
            })
            .map_err(|cause| RenderError { cause })
    }

    /// Renders into a buffer as large as the producer's last file and a bit, so that a
    /// page is not copied over and over while it grows.
    fn render_template(
        &self,
        job: Job,
        template: &str,
        context: &tera::Context,
    ) -> tera::Result<String> {
        let last = &self.sizes[job.producer_index()];
        let hint = last.load(Ordering::Relaxed);
        let mut out = Vec::with_capacity(hint + hint / 8);
        self.tera.render_to(template, context, &mut out)?;
        last.store(out.len(), Ordering::Relaxed);
        String::from_utf8(out).map_err(|e| tera::Error::msg(e.to_string()))
    }

    /// For a one-off build, which renders every file once and has no next build:
    /// - render the files of one template at a time and forget the cards after each. A
    ///   card style is mostly one template's own (the home page's cards, topics' cards,
    ///   authors' rows, weeks' and months' rows), and kept to the end of the build the
    ///   cards of 100,000 papers in every style held about 600 MB. A card needed again is
    ///   made again, so this costs time only where two templates share a style;
    /// - render the search documents first, and then free the papers' texts, which only
    ///   they read (see `Site::forget_search_texts`).
    pub fn for_a_one_off_build(&mut self) {
        self.one_off = true;
    }

    /// Renders the given files in parallel (in a one-off build, one template's files at
    /// a time: see `for_a_one_off_build`). All failures are returned, in file
    /// order; a broken template that fails many files is reported once, with the first
    /// file it failed.
    pub fn render(
        &self,
        site: &mut Site,
        jobs: &[Job],
    ) -> Result<Vec<RenderedPage>, Vec<Diagnostic>> {
        self.render_each(site, jobs, Ok)
    }

    /// Renders the given files in parallel and hands each page to `each` as soon as it
    /// is made, so that no more than a page per thread is held at a time. Returns what
    /// `each` made of every page, in the order of `jobs`; or every failure, of the
    /// templates and of `each`, in file order, a broken template that fails many files
    /// reported once, with the first file it failed.
    ///
    /// A one-off build makes the search documents first, and then lets the site forget
    /// the papers' texts, which only they read (see `Site::forget_search_texts`).
    pub fn render_each<T: Send>(
        &self,
        site: &mut Site,
        jobs: &[Job],
        each: impl Fn(RenderedPage) -> Result<T, Diagnostic> + Sync,
    ) -> Result<Vec<T>, Vec<Diagnostic>> {
        let render = |site: &Site, job: &Job| {
            let page = self.tally.time(
                job.producer_index(),
                || self.render_job(site, *job),
                |p| p.as_ref().map_or(0, |p| p.html.len()),
            );
            page.map(&each)
        };
        // Each job's result at its job's place. One slot per file (290,000 at 100,000
        // papers), so they are not copied into a second list at the end.
        let mut slots: Vec<Option<Result<Result<T, Diagnostic>, RenderError>>> = Vec::new();
        if !self.one_off {
            self.cards.begin(site);
            let site = &*site;
            slots.par_extend(jobs.par_iter().map(|job| Some(render(site, job))));
        } else {
            let laps = crate::timings::Laps::start();
            let mut cards_begun = false;
            for (group, indices) in groups(jobs) {
                let uses_cards = indices.iter().any(|&i| jobs[i].template().is_some());
                if uses_cards {
                    if !cards_begun {
                        self.cards.begin(site);
                        cards_begun = true;
                    }
                    let listings = indices.iter().map(|&i| {
                        let job = jobs[i];
                        job.producer().listed(site, job.unit)
                    });
                    self.cards.expect_uses(site.papers.len(), listings);
                }
                let shared = &*site;
                let made: Vec<_> = indices
                    .par_iter()
                    .map(|&i| render(shared, &jobs[i]))
                    .collect();
                if uses_cards {
                    self.cards.forget();
                }
                if group == Group::SearchTexts {
                    site.forget_search_texts();
                    crate::memory::return_freed_memory_now();
                }
                // Made once the papers' texts are freed, like the cards' index, not on
                // top of them: just before, a build of 100,000 papers holds the most.
                if slots.is_empty() {
                    slots.resize_with(jobs.len(), || None);
                }
                for (i, result) in indices.into_iter().zip(made) {
                    slots[i] = Some(result);
                }
                laps.lap(group.name());
            }
        }
        self.tally.print();
        let mut done = Vec::with_capacity(slots.len());
        let mut errors: Vec<Diagnostic> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let results = slots
            .into_iter()
            .map(|slot| slot.expect("every job is rendered, in its template's group"));
        for (&job, result) in jobs.iter().zip(results) {
            match result {
                Ok(Ok(t)) => done.push(t),
                Ok(Err(e)) => errors.push(e),
                Err(e) => {
                    if seen.insert((job.template(), e.cause.clone())) {
                        errors.push(e.into_diagnostic(self, site, job));
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(done)
        } else {
            Err(errors)
        }
    }
}

/// The files a one-off build renders together (see `render_each`).
#[derive(Clone, Copy, PartialEq)]
enum Group {
    /// The files that read the papers' plain texts (`Producer::reads_search_texts`).
    SearchTexts,
    /// The other files of one template, or the other files made without one.
    Template(Option<&'static str>),
}

impl Group {
    fn name(self) -> &'static str {
        match self {
            Group::SearchTexts => "(search texts)",
            Group::Template(template) => template.unwrap_or("(no template)"),
        }
    }
}

/// The jobs' indices by group: the files that read the papers' texts first, the rest by
/// template in the order of their first file. Weeks and months are two producers of one
/// template, apart in `jobs`; each producer's group is looked up once, not each job's.
fn groups(jobs: &[Job]) -> Vec<(Group, Vec<usize>)> {
    let mut groups = vec![(Group::SearchTexts, Vec::new())];
    let mut group_of_producer: Vec<Option<usize>> = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        let producer = job.producer_index();
        if group_of_producer.len() <= producer {
            group_of_producer.resize(producer + 1, None);
        }
        let group = *group_of_producer[producer].get_or_insert_with(|| {
            let key = if job.producer().reads_search_texts() {
                Group::SearchTexts
            } else {
                Group::Template(job.template())
            };
            match groups.iter().position(|(g, _)| *g == key) {
                Some(group) => group,
                None => {
                    groups.push((key, Vec::new()));
                    groups.len() - 1
                }
            }
        });
        groups[group].1.push(i);
    }
    groups.retain(|(_, indices)| !indices.is_empty());
    groups
}

struct RenderError {
    cause: String,
}

impl RenderError {
    fn into_diagnostic(self, renderer: &Renderer, site: &Site, job: Job) -> Diagnostic {
        let file = job.file(site);
        let Some(template) = job.template() else {
            return Diagnostic::new(file, None, self.cause);
        };
        // The template that failed may be another one than the file's own: `card.html`,
        // which the card filter renders. Name the innermost, where the fix goes.
        let failed = innermost_template(&self.cause)
            .filter(|t| renderer.shown_paths.contains_key(*t))
            .unwrap_or(template);
        let shown = renderer
            .shown_paths
            .get(failed)
            .map_or(failed, String::as_str);
        let through = if failed == template {
            String::new()
        } else {
            format!(" (through {template})")
        };
        Diagnostic::new(
            shown,
            None,
            format!("while rendering {file}{through}: {}", self.cause),
        )
    }
}

/// The last template Tera's error chain says it failed to render.
fn innermost_template(cause: &str) -> Option<&str> {
    const MARK: &str = "Failed to render '";
    let start = cause.rfind(MARK)? + MARK.len();
    cause[start..].split('\'').next()
}
