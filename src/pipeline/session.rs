//! A site held in memory between builds: what `watch` and `serve` rebuild on every save,
//! and what a one-off `build` runs once.
//!
//! A rebuild re-reads only the files that changed, reuses the graph's work for entries
//! that did not (`site::Memo`), renders only the pages whose fingerprint changed (their
//! nodes, their templates, the shared `site` value) and writes only the files whose bytes
//! changed. The fingerprints of the last *published* output are kept, so a failed build
//! changes nothing and the next good one catches up with everything since.

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use super::BuildOptions;
use super::job_table::JobTable;
use crate::config::{self, Config};
use crate::content::ContentStore;
use crate::diagnostics::{Diagnostic, Report};
use crate::fingerprint::{self, Fingerprint};
use crate::output;
use crate::produce::{self, Job};
use crate::render::theme::{StaticFile, StaticSource};
use crate::render::{RenderedPage, Renderer, Theme};
use crate::site::{Derived, Memo, Site};
use crate::timings::Laps;

pub struct Session {
    options: BuildOptions,
    config: Config,
    config_errors: Vec<Diagnostic>,
    store: ContentStore,
    theme: Theme,
    theme_errors: Vec<Diagnostic>,
    renderer: Result<Renderer, Vec<Diagnostic>>,
    memo: Memo,
    table: Option<JobTable>,
    published: Published,
    /// Whether builds may keep the last build's site-wide outputs for now.
    derived: Derived,
    /// Whether another build follows (`watch`, `serve`), for which the graph's work is
    /// kept; a one-off `build` frees it before rendering instead.
    rebuilds: bool,
}

/// What changed on disk since the last build.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// `site.toml`.
    pub config: bool,
    /// Templates or static files, of the site or of its theme.
    pub theme: bool,
    /// Files or folders below `content/`.
    pub content: Vec<PathBuf>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        !self.config && !self.theme && self.content.is_empty()
    }
}

/// The output as last published: for each file, the fingerprint of what it was made from
/// and of its bytes.
#[derive(Default)]
struct Published {
    /// The key of the site's file table (see `JobTable`) when it was published; while it
    /// stays the same, the site has the same files.
    shape: Option<Fingerprint>,
    pages: FxHashMap<String, Record>,
    statics: FxHashMap<String, Record>,
    /// Each paper's folder, by entry, to tell a user when a page moved.
    paper_dirs: FxHashMap<PathBuf, String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct Record {
    inputs: Fingerprint,
    bytes: Fingerprint,
}

/// Every job of the table, for a one-off build into a new output folder: it renders every
/// file, and no later build compares with what it made, so no context is fingerprinted
/// (taking every context's fingerprint was a second to a 100,000-paper build, and
/// remembering which node values each one read took memory). Their inputs are left 0.
fn every_job(table: &JobTable) -> Vec<(usize, Fingerprint)> {
    (0..table.jobs.len()).map(|i| (i, 0)).collect()
}

/// Where a build puts the files it renders.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Kept in memory, in `Update::write`: for `check`, and for the rebuilds of `watch`
    /// and `serve`, which update the output folder in place with the few files that
    /// changed.
    Memory,
    /// Written as they are rendered into a staging folder, which `publish_all` puts in
    /// place of the whole output folder: a whole build holds no more than a few pages in
    /// memory at a time.
    NewOutput,
}

/// A successful build, measured against the output last published.
pub struct Update {
    pub papers: usize,
    /// Whether the site-wide outputs (similar papers) follow from the papers as they
    /// are; if not, a `Derived::Settled` build brings them up to date.
    pub settled: bool,
    /// Pages the site has: its generated HTML pages (not the days' mails, its feeds,
    /// stylesheets and other generated files, nor static ones).
    pub pages: usize,
    /// Pages rendered this time (the others were unchanged).
    pub rendered: usize,
    /// Generated files that are new or whose bytes changed (`Target::Memory`).
    pub write: Vec<RenderedPage>,
    /// Generated files written into the staging folder (`Target::NewOutput`): every
    /// one the site has, with its size.
    pub staged: Vec<(String, u64)>,
    /// The folder they were written into, until `publish_all` puts it in place.
    staging: Option<output::Staging>,
    /// Static files that are new or whose bytes changed.
    pub copy: Vec<StaticFile>,
    /// Files of the previous output that the site no longer has.
    pub remove: Vec<String>,
    pub warnings: Vec<Diagnostic>,
    shape: Fingerprint,
    /// Fingerprints of the pages rendered (the others are as published), with the index
    /// of each one's job in the session's table. Empty in a one-off build, which has no
    /// next build to compare with them.
    page_records: Vec<(usize, String, Record)>,
    statics: FxHashMap<String, Record>,
    /// Each paper's folder, when the site's shape changed.
    paper_dirs: Option<FxHashMap<PathBuf, String>>,
}

impl Update {
    pub fn is_empty(&self) -> bool {
        self.files_written() == 0 && self.remove.is_empty()
    }

    /// How many files this update writes or copies.
    pub fn files_written(&self) -> usize {
        self.write.len() + self.staged.len() + self.copy.len()
    }

    /// Output files this update writes or removes, with `/` separators.
    pub fn changed_files(&self) -> impl Iterator<Item = &str> {
        let written = self.write.iter().map(|p| p.file.as_str());
        let staged = self.staged.iter().map(|(file, _)| file.as_str());
        let copied = self.copy.iter().map(|s| s.rel.as_str());
        written
            .chain(staged)
            .chain(copied)
            .chain(self.remove.iter().map(String::as_str))
    }

    /// Puts the whole output written into the staging folder in place of the output
    /// folder; or, for an update held in memory, writes it as a whole new output folder.
    pub fn publish_whole(&mut self, out_dir: &Path) -> Result<usize, Vec<Diagnostic>> {
        match self.staging.take() {
            Some(staging) => staging
                .finish(&self.copy)
                .map(|()| self.staged.len() + self.copy.len()),
            None => output::publish(out_dir, &self.write, &self.copy),
        }
    }
}

/// A build made in memory, kept whole whatever was found: what `paperpress check`
/// inspects. `update.warnings` is empty; the warnings are in `report`.
pub struct Draft {
    pub site: Site,
    pub update: Update,
    pub report: Report,
}

impl Session {
    /// Reads the whole site: configuration, theme and every entry.
    pub fn open(options: BuildOptions) -> Session {
        let laps = Laps::start();
        let store = ContentStore::load(&options.root, options.include_drafts);
        laps.lap("open: content");
        let mut session = Session {
            store,
            options,
            config: default_config(),
            config_errors: Vec::new(),
            theme: Theme::default(),
            theme_errors: Vec::new(),
            renderer: Err(Vec::new()),
            memo: Memo::default(),
            table: None,
            published: Published::default(),
            derived: Derived::Settled,
            rebuilds: true,
        };
        let laps = Laps::start();
        session.load_config();
        laps.lap("open: config");
        session.load_theme();
        laps.lap("open: theme");
        session
    }

    /// A session for a single build: what only a later rebuild would reuse is freed as
    /// soon as the site graph is made, which at 100,000 papers is over a gigabyte.
    pub fn open_once(options: BuildOptions) -> Session {
        let mut session = Session {
            rebuilds: false,
            memo: Memo::forgetful(),
            ..Session::open(options)
        };
        if let Ok(renderer) = &mut session.renderer {
            renderer.for_a_one_off_build();
        }
        session
    }

    /// Whether the next builds work out the site-wide outputs (similar papers) anew,
    /// or may keep the last ones for a quick first step (see `site::similar`).
    pub fn set_derived(&mut self, derived: Derived) {
        self.derived = derived;
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// The theme in effect: its templates (with where the user finds them) and its
    /// entry template.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Renders the templates of page kinds the site has none of yet, with a stand-in
    /// node, so that a broken one is found before the first page that needs it (the
    /// first alias, or the sitemap index of a site grown past `urls_per_file`) fails a
    /// scheduled build. Returns their errors.
    pub fn render_unused_templates(&self, site: &mut Site) -> Vec<Diagnostic> {
        let Ok(renderer) = &self.renderer else {
            return Vec::new();
        };
        let mut errors = Vec::new();
        if site.aliases.is_empty() && !site.papers.is_empty() {
            // A redirect to the first paper, from an address no page has.
            site.aliases.push(crate::site::AliasNode {
                file: "paperpress-check-alias.html".into(),
                paper: 0,
            });
            let alias = produce::job_with_template("alias.html", produce::Unit::item(0));
            if let Some(Err(found)) = alias.map(|job| renderer.render(site, &[job])) {
                errors.extend(found);
            }
            site.aliases.clear();
        }
        if site.sitemap.files.len() == 1 {
            // The index of a sitemap in several files, listing the one file there is.
            let index = produce::job_with_template("sitemap_index.xml", produce::Unit::default());
            if let Some(Err(found)) = index.map(|job| renderer.render(site, &[job])) {
                errors.extend(found);
            }
        }
        errors
    }

    /// Problems no save can fix: an output folder inside the site's inputs, or one that
    /// holds someone else's files. `watch` and `serve` stop on them at once.
    pub fn output_problems(&self) -> Vec<Diagnostic> {
        let mut problems: Vec<Diagnostic> = output_inside_inputs(&self.options, &self.config.theme)
            .into_iter()
            .collect();
        if problems.is_empty()
            && let Err(errors) = output::check_replaceable(&self.options.output)
        {
            problems.extend(errors);
        }
        problems
    }

    /// The configuration in effect (the default one while `site.toml` has errors).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Brings the session up to date with what changed on disk.
    pub fn apply(&mut self, changes: &Changes) {
        let theme_name = self.config.theme.clone();
        if changes.config {
            self.load_config();
        }
        if changes.theme || self.config.theme != theme_name {
            self.load_theme();
        }
        if !changes.content.is_empty() {
            self.store.refresh(&changes.content);
        }
    }

    /// Forgets what was published, so that the next build writes every file (for an
    /// output folder that was removed or replaced behind the session's back).
    pub fn forget_published(&mut self) {
        self.published = Published::default();
        self.table = None; // it holds a copy of what was published
    }

    fn load_config(&mut self) {
        let mut errors = Vec::new();
        let mut config = Config::load(&self.options.root).unwrap_or_else(|e| {
            errors.extend(e);
            default_config()
        });
        if let Some(url) = &self.options.base_url
            && let Err(message) = config.set_base_url(url)
        {
            // The flag names itself: "--base-url: base_url: ..." would say it twice.
            let message = message.strip_prefix("base_url: ").unwrap_or(&message);
            errors.push(Diagnostic::new("--base-url", None, message));
        }
        errors.extend(output_inside_inputs(&self.options, &config.theme));
        self.config = config;
        self.config_errors = errors;
    }

    fn load_theme(&mut self) {
        let (theme, errors) = match Theme::load(&self.options.root, &self.config.theme) {
            Ok(theme) => (theme, Vec::new()),
            Err(errors) => (Theme::default(), errors),
        };
        self.renderer = if errors.is_empty() {
            Renderer::new(&theme)
        } else {
            Err(Vec::new()) // the theme's own errors say what is wrong
        };
        self.theme = theme;
        self.theme_errors = errors;
    }

    /// Builds the site and compares it with what was last published. Nothing is
    /// written into the output folder; publish the update, then `commit` it.
    pub fn build(&mut self, target: Target) -> Result<Update, Report> {
        if !self.options.root.join(config::CONFIG_FILE).is_file() {
            // Not a site at all: whatever else is missing follows from that.
            let mut report = Report::default();
            report.error(config::not_a_site(&self.options.root));
            return Err(report);
        }
        let Draft {
            mut update,
            mut report,
            site,
        } = self.draft_into(target);
        // Freeing a graph of tens of thousands of values takes a millisecond or more at
        // 10,000 papers; a rebuild under watch has better things to do with it.
        super::free_in_background(site);
        if report.has_errors() {
            report.sort();
            return Err(report);
        }
        report.sort();
        update.warnings = report.warnings;
        Ok(update)
    }

    /// The site graph alone, with what loading and building it found: for commands that
    /// read the graph and render nothing (`paperpress topics`).
    pub fn graph(&mut self) -> (Site, Report) {
        let mut report = Report::default();
        let site = self.load_graph(Derived::Settled, &Laps::start(), &mut report);
        report.sort();
        (site, report)
    }

    /// Reads the entries and builds the site graph, adding the configuration's errors and
    /// what loading and building found to `report`.
    fn load_graph(&mut self, derived: Derived, laps: &Laps, report: &mut Report) -> Site {
        self.config_errors
            .iter()
            .for_each(|e| report.error(e.clone()));
        let (content, content_report) = self.store.content(self.config.strict);
        if !self.rebuilds {
            self.store.forget_entries();
        }
        report.extend(content_report);
        laps.lap("load");
        let (site, site_report) =
            Site::build(self.config.clone(), content, &mut self.memo, derived);
        report.extend(site_report);
        laps.lap("graph");
        site
    }

    /// Builds the site in memory like `build`, and keeps what was made even when errors
    /// were found: the site graph, the pages that rendered and every problem. Nothing is
    /// written. On a session's first draft, `update.write` and `update.copy` hold every
    /// file of the site; `update.remove` stays empty while there are errors.
    pub fn draft(&mut self) -> Draft {
        self.draft_into(Target::Memory)
    }

    /// A draft whose files go to `target`. With errors, nothing is staged.
    fn draft_into(&mut self, target: Target) -> Draft {
        if target == Target::NewOutput {
            // A new output folder starts empty: every file must be rendered into it.
            self.forget_published();
        }
        let laps = Laps::start();
        let mut report = Report::default();
        self.theme_errors
            .iter()
            .for_each(|e| report.error(e.clone()));
        let mut site = self.load_graph(self.derived, &laps, &mut report);
        if !self.rebuilds {
            super::free_in_background(std::mem::replace(&mut self.memo, Memo::forgetful()));
        }

        let jobs = produce::all(&site);
        let statics: Vec<&str> = self.theme.statics.iter().map(|s| s.rel.as_str()).collect();
        let shape = fingerprint::of(&(site.shape, &jobs, statics));
        let mut table = match self.table.take() {
            Some(table) if table.key == shape => table,
            _ => JobTable::new(&site, shape, jobs, &self.theme.statics),
        };
        table.clashes.iter().for_each(|e| report.error(e.clone()));
        let keep = match target {
            Target::Memory => Keep::Memory,
            // The build fails: render only to find every error.
            Target::NewOutput if report.has_errors() => Keep::Nothing,
            Target::NewOutput => match self.stage(&table) {
                Ok(staging) => Keep::Stage(staging),
                Err(errors) => {
                    errors.into_iter().for_each(|e| report.error(e));
                    Keep::Nothing
                }
            },
        };
        let mut write = Vec::new();
        let mut staged = Vec::new();
        let mut page_records = Vec::new();
        let mut rendered = 0;
        match &self.renderer {
            Ok(renderer) => {
                let keeps_records = self.rebuilds || target == Target::Memory;
                let due = if keeps_records {
                    self.due_jobs(renderer, &site, &mut table)
                } else {
                    every_job(&table)
                };
                laps.lap("fingerprints");
                rendered = due.len();
                let jobs: Vec<Job> = due.iter().map(|&(i, _)| table.jobs[i]).collect();
                match renderer.render_each(&mut site, &jobs, |page| self.keep(page, &keep)) {
                    Ok(done) => {
                        for (made, (job, inputs)) in done.into_iter().zip(due) {
                            match made.page {
                                Some(page) => write.push(page),
                                None => {
                                    if let Some(size) = made.staged {
                                        staged.push((table.files[job].clone(), size));
                                    }
                                }
                            }
                            // A one-off build's records would only be kept for a next
                            // build of the session, which it does not have (290,000
                            // names at 100,000 papers).
                            if keeps_records {
                                let record = Record {
                                    inputs,
                                    bytes: made.bytes,
                                };
                                page_records.push((job, table.files[job].clone(), record));
                            }
                        }
                    }
                    Err(errors) => errors.into_iter().for_each(|e| report.error(e)),
                }
            }
            Err(errors) => errors.iter().for_each(|e| report.error(e.clone())),
        }
        let pages = table
            .jobs
            .iter()
            .filter(|j| j.producer().makes_pages())
            .count();
        let (copy, statics) = self.changed_statics(&site, &table, &mut report);
        laps.lap("render");

        let mut remove = Vec::new();
        if !report.has_errors() {
            if self.published.shape != Some(shape) {
                let files: FxHashSet<&str> = table.files.iter().map(String::as_str).collect();
                let gone = self
                    .published
                    .pages
                    .keys()
                    .filter(|f| !files.contains(f.as_str()));
                remove.extend(gone.cloned());
            }
            let gone = self
                .published
                .statics
                .keys()
                .filter(|f| !statics.contains_key(*f));
            remove.extend(gone.cloned());
            remove.sort();
        }
        self.table = Some(table);
        // Pages move only when the shape changes; a build with errors publishes nothing.
        let paper_dirs = (!report.has_errors() && self.published.shape != Some(shape)).then(|| {
            site.papers
                .iter()
                .map(|p| (p.paper.source.clone(), p.place.dir.clone()))
                .collect::<FxHashMap<_, _>>()
        });
        if let Some(dirs) = &paper_dirs {
            report
                .warnings
                .extend(moved_pages(&self.published.paper_dirs, dirs));
        }
        let staging = match keep {
            Keep::Stage(staging) if !report.has_errors() => Some(staging),
            _ => None, // dropping a staging folder removes it
        };
        let update = Update {
            papers: site.papers.len(),
            settled: site.settled,
            pages,
            rendered,
            write,
            staged,
            staging,
            copy,
            remove,
            warnings: Vec::new(),
            shape,
            page_records,
            statics,
            paper_dirs,
        };
        Draft {
            site,
            update,
            report,
        }
    }

    /// Records the update as the published output.
    pub fn commit(&mut self, update: Update) {
        let published = &mut self.published;
        for file in &update.remove {
            published.pages.remove(file);
        }
        if let Some(table) = self.table.as_mut().filter(|t| t.key == update.shape) {
            for &(job, _, record) in &update.page_records {
                table.published[job] = Some(record.inputs);
            }
        }
        let records = update.page_records.into_iter();
        published
            .pages
            .extend(records.map(|(_, file, record)| (file, record)));
        published.statics = update.statics;
        published.shape = Some(update.shape);
        if let Some(dirs) = update.paper_dirs {
            published.paper_dirs = dirs;
        }
    }

    /// The pages (indices into the table) whose fingerprint differs from the published
    /// one, with that fingerprint.
    fn due_jobs(
        &self,
        renderer: &Renderer,
        site: &Site,
        table: &mut JobTable,
    ) -> Vec<(usize, Fingerprint)> {
        let contexts = table.context_fingerprints(site);
        let JobTable {
            jobs,
            files,
            published,
            ..
        } = table;
        let mut due: Vec<(usize, Fingerprint)> = published
            .par_iter_mut()
            .enumerate()
            .filter_map(|(i, published)| {
                let inputs =
                    fingerprint::of(&(renderer.template_fingerprint(jobs[i]), contexts[i]));
                if published.is_none() {
                    *published = self.published.pages.get(&files[i]).map(|r| r.inputs);
                }
                (*published != Some(inputs)).then_some((i, inputs))
            })
            .collect();
        due.sort_unstable();
        due
    }

    /// A staging folder for a whole new output, with the folders of every file made.
    fn stage(&self, table: &JobTable) -> Result<output::Staging, Vec<Diagnostic>> {
        let staging = output::Staging::new(&self.options.output)?;
        let files = table.files.iter().map(String::as_str);
        staging.make_folders(files).map_err(|e| vec![e])?;
        Ok(staging)
    }

    /// Fingerprints a rendered page's bytes and puts it where the build keeps it: in
    /// memory unless the published file already holds exactly these bytes, or written
    /// into the staging folder at once.
    fn keep(&self, page: RenderedPage, keep: &Keep) -> Result<Made, Diagnostic> {
        let bytes = fingerprint::of_bytes(page.html.as_bytes());
        let mut made = Made {
            bytes,
            page: None,
            staged: None,
        };
        match keep {
            Keep::Memory => {
                let published = self.published.pages.get(&page.file);
                if published.is_none_or(|r| r.bytes != bytes) {
                    made.page = Some(page);
                }
            }
            Keep::Stage(staging) => {
                staging.write(&page.file, page.html.as_bytes())?;
                made.staged = Some(page.html.len() as u64);
            }
            Keep::Nothing => {}
        }
        Ok(made)
    }

    /// The theme's and the site's static files that are new or changed since they were
    /// published. A file is read again only when its size or modification time moved.
    fn changed_statics(
        &self,
        site: &Site,
        table: &JobTable,
        report: &mut Report,
    ) -> (Vec<StaticFile>, FxHashMap<String, Record>) {
        // The generated files at a static file's path. A site has a few static files and
        // tens of thousands of pages, so the pages are looked up in the statics.
        let static_paths: FxHashSet<&str> =
            self.theme.statics.iter().map(|s| s.rel.as_str()).collect();
        let page_files: FxHashSet<&str> = table
            .files
            .iter()
            .map(String::as_str)
            .filter(|f| static_paths.contains(f))
            .collect();
        // An alias at a static file's path is the entry's mistake: the file was there first.
        // A folder alias (`style.css/index.html`) clashes with a file at its folder's path.
        let aliases: FxHashMap<&str, &crate::content::Paper> = site
            .aliases
            .iter()
            .flat_map(|a| {
                let entry = site.papers[a.paper].paper.as_ref();
                let folder = a.file.strip_suffix("/index.html");
                std::iter::once((a.file.as_str(), entry)).chain(folder.map(|f| (f, entry)))
            })
            .collect();
        let mut records = FxHashMap::default();
        let mut copy = Vec::new();
        for file in &self.theme.statics {
            let shown = file.shown();
            if let Some(entry) = aliases.get(file.rel.as_str()) {
                report.error(Diagnostic::new(
                    &entry.source,
                    entry.lines.aliases,
                    format!(
                        "aliases: /{} is a static file of the site ({shown}); remove the alias",
                        file.rel
                    ),
                ));
                continue;
            }
            if page_files.contains(file.rel.as_str()) || file.rel == output::MARKER {
                report.error(Diagnostic::new(
                    &shown,
                    None,
                    format!(
                        "would overwrite the generated page {}; rename or move this static file",
                        file.rel
                    ),
                ));
                continue;
            }
            // Read again only when its size or change time moved.
            let previous = self.published.statics.get(&file.rel);
            let record = static_stamp(file).and_then(|stamp| match previous {
                Some(r) if r.inputs == stamp => Ok(*r),
                _ => file.bytes().map(|b| Record {
                    inputs: stamp,
                    bytes: fingerprint::of_bytes(&b),
                }),
            });
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    report.error(Diagnostic::new(
                        &shown,
                        None,
                        format!("cannot read static file: {e}"),
                    ));
                    continue;
                }
            };
            records.insert(file.rel.clone(), record);
            let bytes = record.bytes;
            if previous.is_none_or(|r| r.bytes != bytes) {
                copy.push(file.clone());
            }
        }
        (copy, records)
    }
}

/// Where a draft keeps the pages it renders.
enum Keep {
    Memory,
    Stage(output::Staging),
    /// Nowhere: the build has failed already.
    Nothing,
}

/// What became of a rendered file, once kept. It carries no file name:
/// `JobTable::files` has it (a second copy of each of the 290,000 names of a
/// 100,000-paper build, kept here until the last file was rendered, took 30 MB).
struct Made {
    bytes: Fingerprint,
    /// The page, when it is kept in memory and its bytes changed.
    page: Option<RenderedPage>,
    /// Its size, when it was written into the staging folder.
    staged: Option<u64>,
}

/// An output folder inside one of the site's input folders would be read back as input
/// (static files copied into themselves, endless rebuilds under watch): refuse it.
fn output_inside_inputs(options: &BuildOptions, theme: &str) -> Option<Diagnostic> {
    let absolute =
        |p: &Path| normalize(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()));
    let (root, output) = (absolute(&options.root), absolute(&options.output));
    let theme_dir = format!("{}/{theme}", crate::render::theme::THEMES_DIR);
    let inputs = [
        crate::content::CONTENT_DIR,
        "static",
        "templates",
        theme_dir.as_str(),
    ];
    let inside = inputs
        .iter()
        .find(|dir| output.starts_with(root.join(dir)))?;
    Some(Diagnostic::new(
        &options.output,
        None,
        format!(
            "the output folder is inside {inside}/, which paperpress reads; choose an --output outside it"
        ),
    ))
}

/// What says a static file changed: its path, size and change time (its bytes, when
/// built in).
fn static_stamp(file: &StaticFile) -> std::io::Result<Fingerprint> {
    match &file.source {
        StaticSource::File(p) => {
            let m = std::fs::metadata(p)?;
            Ok(fingerprint::of(&(p, m.len(), change_time(&m))))
        }
        StaticSource::Embedded(_, bytes) => Ok(fingerprint::of_bytes(bytes)),
    }
}

/// The path with `.` and `..` resolved by their names (the folders may not exist yet).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// When a file last changed: its modification time, and on Unix its status-change time
/// too, which a copy that keeps the modification time (`cp -p`) still moves.
fn change_time(m: &std::fs::Metadata) -> (SystemTime, i64, i64) {
    let modified = m.modified().unwrap_or(SystemTime::UNIX_EPOCH);
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (modified, m.ctime(), m.ctime_nsec())
    }
    #[cfg(not(unix))]
    {
        (modified, 0, 0)
    }
}

/// A notice for each entry whose page is at another address than in the last published
/// build, with the alias that keeps old links working.
fn moved_pages(
    before: &FxHashMap<PathBuf, String>,
    now: &FxHashMap<PathBuf, String>,
) -> Vec<Diagnostic> {
    // Which entry each address belongs to now: an old address may have gone to another.
    let owner: FxHashMap<&str, &PathBuf> = now.iter().map(|(s, d)| (d.as_str(), s)).collect();
    let mut moved: Vec<Diagnostic> = now
        .iter()
        .filter_map(|(source, dir)| {
            let old = before.get(source).filter(|old| *old != dir)?;
            let advice = match owner.get(old.as_str()) {
                Some(other) => format!(
                    "/{old} is now the page of {}, so links to it lead there; set `slug` in one of them to choose which has it",
                    other.display()
                ),
                None => format!(
                    "links to the old address now break: add `aliases = [\"/{old}\"]` to redirect them, or set `slug` to keep the old address"
                ),
            };
            Some(
                Diagnostic::new(
                    source,
                    None,
                    format!("its page moved from /{old} to /{dir}; {advice}"),
                )
                .of_kind(crate::diagnostics::Kind::UrlMoved),
            )
        })
        .collect();
    moved.sort_by(|a, b| a.file.cmp(&b.file));
    moved
}

fn default_config() -> Config {
    Config::parse("").expect("the default configuration is valid")
}
