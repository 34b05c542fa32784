//! The site graph: papers, topics, authors, days, weeks, months and plain pages, each
//! with its URL resolved once and its template value serialized once.
//!
//! A listing page shares the values of the papers it lists instead of serializing them
//! again, and every page names the nodes it shows (see `produce`), which is what
//! later makes incremental rebuilds exact.

pub mod bibtex;
pub mod cite_keys;
pub mod links;
pub mod memo;
mod paper_extras;
pub mod periods;
pub mod related;
mod scholarly;
pub mod search_index;
pub mod similar;
pub mod sitemap;
pub mod slugs;
mod structure;
pub mod topic_report;
pub mod topics;
pub mod value_types;
mod values;
pub mod words;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Content, Page, Paper};
use crate::diagnostics::{Diagnostic, Kind, Report};
use crate::fingerprint::Fingerprint;
use crate::markdown;
use links::LinkStyle;
pub use memo::{Joint, Memo, Valued};
use memo::{PageParts, PaperParts};
pub use periods::{PeriodNode, Periods};
pub use similar::Derived;
pub use structure::Placement;
use structure::Structure;
pub use topics::TopicMatcher;
pub use values::{display_date, iso_date, scholarly};

pub struct PaperNode {
    /// Its entry. In a one-off build, without its Markdown `body`, which is dropped once
    /// rendered.
    pub paper: Arc<Paper>,
    /// Its slug, URL, topics, authors and day.
    pub place: Arc<Placement>,
    /// The title with its math rendered, and as plain text.
    pub title: Arc<markdown::RenderedTitle>,
    /// Abstract, notes and summary as HTML, and the text as plain text. In a one-off
    /// build, only the plain text and the description (and whether it has code or math):
    /// the values hold the rest.
    pub body: Arc<markdown::Rendered>,
    /// What the paper's own page adds to its card: `content` (the abstract and notes as
    /// HTML), the citation tags, ... (`PaperPageExtras`). The page's value is the two
    /// together (`value`); the page makes the JSON-LD itself.
    pub page: Valued,
    /// Its card: the page's value without the full abstract, which listings do not show.
    /// `card.html` renders it for every listing (see `render::cards`), and redirects and
    /// the days' emails show it.
    pub card: Valued,
    /// What listings hold of it (`ListedPaper`): they print its card with the `card`
    /// filter, which finds the card by the paper's path.
    pub listed: Valued,
    /// Its citation (`cite` on `paper.html`): its key, its BibTeX entry (the bytes of
    /// its `cite.bib`, and its part of `papers.bib`) and the path of its `cite.bib`.
    pub citation: Valued,
    /// A fingerprint of its title and text, which similar papers are found from.
    pub text_key: Fingerprint,
    /// Its words, which similar papers and the search index are made from. Empty in a
    /// one-off build, which makes both before the values, from words it does not keep.
    pub words: Arc<words::PaperWords>,
    /// The papers most like it, most similar first (see `similar`), as indices: a page's
    /// context shows them as a list of `{title, title_html, path, date, date_display}`.
    pub similar: similar::SimilarList,
}

impl PaperNode {
    /// The template value of the paper's own page: its card's fields and its page's.
    pub fn value(&self) -> Joint<'_> {
        Joint {
            first: &self.card,
            second: &self.page,
        }
    }
}

/// A topic, author or day: a named group of papers with a page of its own.
pub struct GroupNode {
    pub name: String,
    pub slug: String,
    pub description: String,
    pub dir: String,
    /// Indices into `Site::papers`, newest first.
    pub papers: Vec<usize>,
    /// `{name, slug, description, path, count}`, for listings of groups.
    pub value: Valued,
}

pub struct DayNode {
    pub date: NaiveDate,
    pub dir: String,
    pub papers: Vec<usize>,
    /// `{date, date_display, path, count}`.
    pub value: Valued,
}

/// A redirect from an earlier address of a paper to its page.
pub struct AliasNode {
    /// The redirect page's file below the output root: `papers/old/index.html`, `old.html`.
    pub file: String,
    /// Index into `Site::papers`.
    pub paper: usize,
}

pub struct PageNode {
    pub page: Arc<Page>,
    pub body: Arc<markdown::Rendered>,
    pub value: Valued,
}

pub struct Site {
    pub config: Config,
    pub links: LinkStyle,
    /// Newest first, then by title.
    pub papers: Vec<PaperNode>,
    /// `0..papers.len()`: the home listing, in the same form as a topic's or author's.
    pub newest_first: Arc<Vec<usize>>,
    /// By name.
    pub topics: Arc<Vec<GroupNode>>,
    /// By name.
    pub authors: Arc<Vec<GroupNode>>,
    /// Newest first.
    pub days: Arc<Vec<DayNode>>,
    /// Weeks and months that have papers, each newest first, made from the days.
    pub periods: Arc<Periods>,
    pub pages: Vec<PageNode>,
    /// Redirect pages, by file.
    pub aliases: Vec<AliasNode>,
    /// The small `site` object every template receives (never the whole graph).
    pub site_value: Valued,
    /// The sitemap's URLs, in files (made last, from the producers' pages).
    pub sitemap: Arc<sitemap::SitemapNode>,
    /// A fingerprint of the site's shape: which pages it has, at which URLs. Pages that
    /// show the same nodes under the same shape look the same.
    pub shape: Fingerprint,
    /// The search index's term and arXiv id files (see `search_index`).
    pub search: Arc<search_index::SearchIndex>,
    /// Whether the outputs made from every paper at once (similar papers, the search
    /// index) follow from the papers as they are, rather than being kept from the last
    /// build for now.
    pub settled: bool,
    /// Whether any paper's plain text was freed (`forget_search_texts`): the files that
    /// read them (`Producer::reads_search_texts`) cannot be made any more.
    pub texts_forgotten: bool,
}

/// Name and slug of a group before it gets its index.
#[derive(Default)]
pub struct GroupKey {
    name: String,
    slug: String,
}

impl Site {
    /// Builds the graph. `memo` carries work over from the previous build of the same
    /// site; it is left holding this build's work and nothing else. With
    /// `Memo::forgetful()` (a one-off build) it keeps nothing, and the graph drops what no
    /// page reads as soon as it is made: see `PaperNode`'s `paper`, `body` and `words`.
    /// A `Derived::Provisional` build may keep the last build's similar papers (see
    /// `similar`).
    pub fn build(
        config: Config,
        content: Content,
        memo: &mut Memo,
        derived: Derived,
    ) -> (Site, Report) {
        let mut report = Report::default();
        // Everything the memo holds and every page depends on the configuration.
        let config_key = format!("{config:?}");
        memo.check_config(&config_key);
        let links = LinkStyle {
            explicit_index: config.explicit_index_links,
        };

        let laps = crate::timings::Laps::start();
        let parts = paper_parts(&config, content.papers, memo);
        laps.lap("graph: parts");
        let keys: Vec<Fingerprint> = parts.iter().map(|p| p.structure_key).collect();
        let structure = match &memo.structure {
            Some((previous_keys, structure)) if *previous_keys == keys => structure.clone(),
            _ => Arc::new(Structure::new(
                &config,
                links,
                &parts,
                &keys,
                &mut memo.groups,
            )),
        };
        let settings = crate::fingerprint::of(&config_key);
        memo.structure = Some((keys, structure.clone()));
        laps.lap("graph: shape");
        structure
            .report
            .errors
            .iter()
            .for_each(|e| report.error(e.clone()));
        structure
            .report
            .warnings
            .iter()
            .for_each(|w| report.warn(w.clone()));
        for p in &parts {
            let warnings = p.title.warnings.iter().chain(&p.body.warnings);
            warnings.for_each(|w| {
                report.warn(Diagnostic::new(&p.paper.source, None, w.clone()).of_kind(Kind::Math))
            });
            if let Some(warning) = &p.cite_key_warning {
                report.warn(warning.clone());
            }
        }

        let surroundings = values::Surroundings {
            links,
            base_url: &config.base_url,
            topics: &structure.topics,
            authors: &structure.authors,
            days: &structure.days,
            citation_tags: config.metadata.citation_tags,
            byline_limit: config.card_authors,
        };
        // A one-off build finds similar papers and makes the search index before the
        // papers' values, from words it finds a batch of papers at a time and drops:
        // the words and the values were the two largest parts of the graph, and need not
        // be in memory together (600 MB and 700 MB at 100,000 papers), nor the words
        // of every paper at once.
        let early = memo
            .forgets
            .then(|| derived_from_words(&parts, &structure.order, &laps));
        let mut papers = values::paper_nodes(&surroundings, &structure, parts, memo);
        laps.lap("graph: papers");
        let (similar_settled, search, search_settled) = match early {
            Some((lists, index)) => {
                similar::attach_found(&mut papers, lists, &mut memo.similar);
                (true, index, true)
            }
            None => {
                let similar_settled = similar::attach(&mut papers, derived, &mut memo.similar);
                laps.lap("graph: similar papers");
                let (search, search_settled) =
                    search_index::build(&papers, derived, &mut memo.search);
                laps.lap("graph: search index");
                (similar_settled, search, search_settled)
            }
        };
        let settled = similar_settled && search_settled;
        let pages = place_pages(&config, content.pages, memo, &mut report);
        let aliases = place_aliases(&papers, &mut report);
        let page_dirs: Vec<&str> = pages.iter().map(|p| p.page.dir.as_str()).collect();
        let alias_files: Vec<(&str, usize)> =
            aliases.iter().map(|a| (a.file.as_str(), a.paper)).collect();
        let shape = crate::fingerprint::of(&(
            structure.key,
            page_dirs,
            alias_files,
            settings,
            search.files_key,
        ));
        let mut site = Site {
            shape,
            site_value: Valued::default(),
            sitemap: Arc::default(),
            links,
            newest_first: structure.newest_first.clone(),
            papers,
            topics: structure.topics.clone(),
            authors: structure.authors.clone(),
            days: structure.days.clone(),
            periods: structure.periods.clone(),
            pages,
            aliases,
            config,
            search,
            settled,
            texts_forgotten: false,
        };
        values::fill(&mut site);
        laps.lap("graph: values");
        site.sitemap = sitemap::build(&site, &mut memo.sitemap);
        laps.lap("graph: sitemap");
        report.sort();
        (site, report)
    }
}

impl Site {
    /// Frees each paper's plain text, which templates never see (they see the values):
    /// `Renderer::render_each` calls it in a one-off build, once the files that read the
    /// texts (`Producer::reads_search_texts`: the search documents) are made. At 100,000
    /// papers the texts are 170 MB, held through every template's pages otherwise. A text
    /// something else still holds is left as it is (`Arc::get_mut`).
    pub fn forget_search_texts(&mut self) {
        for node in &mut self.papers {
            if let Some(body) = Arc::get_mut(&mut node.body) {
                body.text = String::new();
                self.texts_forgotten = true;
            }
        }
    }

    /// The fingerprints of the graph's node values. A file's context is the same as last
    /// time while every node value it holds is still among them (see
    /// `pipeline::job_table`). A value missing here is safe, only slower: the files that
    /// hold it are fingerprinted again on every rebuild.
    pub fn node_fingerprints(&self) -> rustc_hash::FxHashSet<Fingerprint> {
        let papers = self
            .papers
            .iter()
            .flat_map(|p| [&p.card, &p.listed, &p.page, &p.citation]);
        let groups = self
            .topics
            .iter()
            .chain(self.authors.iter())
            .map(|g| &g.value);
        let days = self.days.iter().map(|d| &d.value);
        let periods = self.periods.weeks.iter().chain(&self.periods.months);
        let pages = self.pages.iter().map(|p| &p.value);
        papers
            .chain(groups)
            .chain(days)
            .chain(periods.map(|p| &p.value))
            .chain(&self.sitemap.files)
            .chain([&self.search.manifest])
            .chain(self.search.terms.iter().map(|f| &f.bytes))
            .chain(self.search.ids.iter().map(|f| &f.bytes))
            .chain(pages)
            .chain([&self.site_value])
            .map(|v| v.fingerprint)
            .chain(self.papers.iter().map(|p| p.similar.fingerprint))
            .collect()
    }
}

/// For a one-off build: each paper's similar papers and the search index, from the
/// papers' words in site order (`order`: the content index of each). The words are found
/// here, a batch of papers at a time, and dropped once both have read them: kept with
/// every paper's other parts, as `watch` keeps them, they were 600 MB at 100,000 papers,
/// the largest part of the graph at its peak.
fn derived_from_words(
    parts: &[Arc<PaperParts>],
    order: &[usize],
    laps: &crate::timings::Laps,
) -> (Vec<Vec<usize>>, Arc<search_index::SearchIndex>) {
    const BATCH: usize = 4096;
    let mut vocabulary = related::Vocabulary::default();
    let mut index = search_index::Builder::new(order.len());
    for (first, batch) in order.chunks(BATCH).enumerate() {
        let words: Vec<words::PaperWords> =
            batch.par_iter().map(|&i| paper_words(&parts[i])).collect();
        // Both take papers in order, each on a core of its own.
        rayon::join(
            || words.iter().for_each(|w| vocabulary.add(&w.counts)),
            || {
                for (k, words) in words.iter().enumerate() {
                    index.add(first * BATCH + k, words);
                }
            },
        );
    }
    laps.lap("graph: words");
    let lists = vocabulary.most_similar(similar::SIMILAR_PAPERS);
    laps.lap("graph: similar papers");
    let entries: Vec<&Paper> = order.iter().map(|&i| &*parts[i].paper).collect();
    let index = Arc::new(index.finish(&entries));
    laps.lap("graph: search index");
    (lists, index)
}

/// For a one-off build, once a paper's values are made: of its rendered body, keep only
/// what is read later (the plain text, for the search index; the description, for the
/// page's JSON-LD; and whether it has code or math). Its values hold the HTML and the
/// summary; at 100,000 papers the copies here were 250 MB until the end of the build.
fn keep_only_what_pages_read(body: &mut Arc<markdown::Rendered>) {
    let (text, description) = match Arc::get_mut(body) {
        Some(only) => (
            std::mem::take(&mut only.text),
            std::mem::take(&mut only.description),
        ),
        None => (body.text.clone(), body.description.clone()),
    };
    *body = Arc::new(markdown::Rendered {
        text,
        description,
        has_code: body.has_code,
        has_math: body.has_math,
        ..markdown::Rendered::default()
    });
}

/// Each paper's Markdown rendered and its group keys found, reusing the memo's work for
/// entries that did not change. In content order.
fn paper_parts(config: &Config, papers: Vec<Arc<Paper>>, memo: &mut Memo) -> Vec<Arc<PaperParts>> {
    let matcher = memo
        .topic_matcher
        .get_or_insert_with(|| {
            Arc::new(TopicMatcher::new(&config.topics).with_max(config.max_topics))
        })
        .clone();
    let reuse = &memo.papers;
    let parts: Vec<(Arc<PaperParts>, bool)> = papers
        .into_par_iter()
        .map(|paper| match reuse.take(memo::key(&paper), |_| true) {
            Some(parts) => (parts.clone(), false),
            None => (
                Arc::new(new_paper_parts(config, &matcher, paper, memo.forgets)),
                true,
            ),
        })
        .collect();
    if !memo.forgets {
        let new = parts.iter().filter(|(_, new)| *new);
        memo.papers
            .keep_only_used(new.map(|(p, _)| (memo::key(&p.paper), p.clone())));
    }
    parts.into_iter().map(|(p, _)| p).collect()
}

/// With `forget_source` (a one-off build), the entry's Markdown is dropped once rendered,
/// if nothing else holds the entry: nothing later reads it, and at 100,000 papers it is
/// 170 MB.
fn new_paper_parts(
    config: &Config,
    matcher: &TopicMatcher,
    paper: Arc<Paper>,
    forget_source: bool,
) -> PaperParts {
    let topic_keys = match &paper.topics {
        Some(names) => names.iter().map(|n| group_key(n)).collect(),
        None => matcher
            .topics_for(&paper.title, &paper.body)
            .into_iter()
            .map(|t| group_key(&config.topics[t].name))
            .collect(),
    };
    let title = markdown::render_title(&paper.title, config.markdown.smart_punctuation);
    let (cite_key, cite_key_warning) = cite_keys::wanted(&paper, &title.plain);
    let mut parts = PaperParts {
        structure_key: 0,
        text_key: 0,
        words: NO_WORDS.clone(),
        wanted_slug: paper
            .slug
            .clone()
            .unwrap_or_else(|| links::title_slug(&title.plain)),
        title: Arc::new(title),
        body: Arc::new(markdown::render(
            &paper.body,
            paper.summary.as_deref(),
            config.summary_length,
            &config.markdown,
        )),
        topic_keys,
        author_keys: paper.authors.iter().map(|n| group_key(n)).collect(),
        sort_title: paper.title.to_lowercase(),
        cite_key,
        cite_key_warning,
        paper,
    };
    parts.structure_key = structure::key(&parts);
    parts.text_key = similar::text_key(&parts.title.plain, &parts.body.text);
    parts.words = if forget_source {
        // A one-off build finds them later, a batch at a time (`derived_from_words`).
        NO_WORDS.clone()
    } else {
        Arc::new(paper_words(&parts).to_keep())
    };
    if forget_source && let Some(paper) = Arc::get_mut(&mut parts.paper) {
        paper.body = String::new();
    }
    parts
}

/// The words of a paper whose words are not kept: one for all.
static NO_WORDS: std::sync::LazyLock<Arc<words::PaperWords>> =
    std::sync::LazyLock::new(Default::default);

/// The words of a paper's title, authors, topics and text.
fn paper_words(parts: &PaperParts) -> words::PaperWords {
    let authors: Vec<&str> = parts.author_keys.iter().map(|k| k.name.as_str()).collect();
    let topics: Vec<&str> = parts.topic_keys.iter().map(|k| k.name.as_str()).collect();
    words::PaperWords::new(&parts.title.plain, &authors, &topics, &parts.body.text)
}

fn group_key(name: &str) -> GroupKey {
    GroupKey {
        name: name.to_string(),
        slug: slug::slugify(name),
    }
}

/// The redirect pages of the papers' `aliases`, sorted by file. An alias that is the
/// paper's own address is left out with a warning; one that clashes with another page
/// is found with every other clash of output files (see `produce::clashes`).
fn place_aliases(papers: &[PaperNode], report: &mut Report) -> Vec<AliasNode> {
    let mut aliases = Vec::new();
    for (i, node) in papers.iter().enumerate() {
        for alias in &node.paper.aliases {
            if *alias == node.place.dir {
                report.warn(Diagnostic::new(
                    &node.paper.source,
                    None,
                    format!(
                        "aliases: /{alias} is this paper's own address; remove it from `aliases`"
                    ),
                ));
                continue;
            }
            let file = if alias.ends_with('/') {
                links::output_file(alias)
            } else {
                alias.clone()
            };
            aliases.push(AliasNode { file, paper: i });
        }
    }
    aliases.sort_by(|a, b| a.file.cmp(&b.file).then(a.paper.cmp(&b.paper)));
    aliases
}

/// Checks plain pages' folders: none may take a folder paperpress writes, nor another page's.
fn place_pages(
    config: &Config,
    mut pages: Vec<Arc<Page>>,
    memo: &mut Memo,
    report: &mut Report,
) -> Vec<PageNode> {
    pages.sort_by(|a, b| a.source.cmp(&b.source));
    let previous = std::mem::take(&mut memo.pages);
    let mut seen: HashMap<String, std::path::PathBuf> = HashMap::new();
    let mut placed = Vec::new();
    for page in pages {
        let top = page.dir.split('/').next().unwrap_or("");
        if page.dir.is_empty() || crate::produce::reserved_dirs().any(|dir| dir == top) {
            report.error(Diagnostic::new(
                &page.source,
                None,
                format!(
                    "this page would be written to /{}, which paperpress uses for its own pages; move or rename the file, or set `slug`",
                    page.dir
                ),
            ));
            continue;
        }
        if let Some(other) = seen.get(&page.dir) {
            report.error(Diagnostic::new(
                &page.source,
                None,
                format!(
                    "/{} is also the address of {}; rename one of them or set `slug`",
                    page.dir,
                    other.display()
                ),
            ));
            continue;
        }
        seen.insert(page.dir.clone(), page.source.clone());
        let parts = match previous.get(&page.source) {
            Some(parts) if Arc::ptr_eq(&parts.page, &page) => parts.clone(),
            _ => Arc::new(PageParts {
                body: Arc::new(markdown::render(&page.body, None, 0, &config.markdown)),
                page: page.clone(),
            }),
        };
        for w in &parts.body.warnings {
            report.warn(Diagnostic::new(&page.source, None, w.clone()).of_kind(Kind::Math));
        }
        memo.pages.insert(page.source.clone(), parts.clone());
        placed.push(PageNode {
            page,
            body: parts.body.clone(),
            value: Valued::default(),
        });
    }
    placed
}
