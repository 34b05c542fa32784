//! The site's output files, what makes each, and the fingerprint of each one's context,
//! kept between the builds of a session.
//!
//! Taking a context's fingerprint means building the context, so doing it for every file
//! on every rebuild would cost more than the edit it follows. A context is made of node
//! values (`site::Valued`) and of what follows from the site's shape (addresses, settings),
//! so while the shape is the same, a context changes only if a node value it holds does.
//! The table keeps, for each node value, the files whose context held it; a rebuild takes
//! again only the fingerprints of the files that held a value the site no longer has. In
//! debug builds every other fingerprint is also taken afresh and compared, so the tests
//! catch a context that reads anything else.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostics::Diagnostic;
use crate::fingerprint::Fingerprint;
use crate::produce::{self, Job};
use crate::render::theme::StaticFile;
use crate::site::Site;

/// The output files of a site of one shape.
pub struct JobTable {
    /// The site's shape, its jobs and its static files' paths: while it is the same, the
    /// site has the same files.
    pub key: Fingerprint,
    pub jobs: Vec<Job>,
    pub files: Vec<String>,
    /// Files two jobs would write; they follow from the key, so they are kept with it.
    pub clashes: Vec<Diagnostic>,
    /// Each job's context fingerprint, once taken.
    contexts: Vec<Option<Fingerprint>>,
    /// For each node value, the jobs whose context held it when it was last taken (and
    /// maybe some that no longer do: they are only taken again for nothing).
    readers: FxHashMap<Fingerprint, Vec<u32>>,
    /// Jobs whose context held a value that is not one of the site's node values: their
    /// fingerprint is taken on every build, as nothing would say when it changed.
    volatile: Vec<u32>,
    /// The site's node values at the last build.
    nodes: FxHashSet<Fingerprint>,
    /// The inputs fingerprint of each job's file as published, where known: a copy of
    /// the session's record of the output, by job, so that a rebuild compares numbers
    /// instead of looking every file's path up.
    pub published: Vec<Option<Fingerprint>>,
}

impl JobTable {
    /// The table of `jobs`. A job whose producer gives way to a static file at its path
    /// (`robots.txt`) is left out when the theme or the site has that file.
    pub fn new(
        site: &Site,
        key: Fingerprint,
        mut jobs: Vec<Job>,
        statics: &[StaticFile],
    ) -> JobTable {
        let mut files: Vec<String> = jobs.par_iter().map(|job| job.file(site)).collect();
        let static_paths: FxHashSet<&str> = statics.iter().map(|s| s.rel.as_str()).collect();
        // In place: new lists beside the old ones were 30 MB more at 100,000 papers,
        // just before rendering, where a build holds the most.
        let kept: Vec<bool> = jobs
            .iter()
            .zip(&files)
            .map(|(job, file)| {
                !(job.producer().static_wins() && static_paths.contains(file.as_str()))
            })
            .collect();
        if kept.contains(&false) {
            let mut keep = kept.iter();
            jobs.retain(|_| keep.next() == Some(&true));
            let mut keep = kept.iter();
            files.retain(|_| keep.next() == Some(&true));
        }
        let clashes = produce::clashes(site, &jobs, &files);
        let contexts = jobs.iter().map(|_| None).collect();
        let published = jobs.iter().map(|_| None).collect();
        JobTable {
            key,
            jobs,
            files,
            clashes,
            contexts,
            readers: FxHashMap::default(),
            volatile: Vec::new(),
            nodes: FxHashSet::default(),
            published,
        }
    }

    /// Each job's context fingerprint for this build of the site, taken again only for
    /// the jobs whose context held a node value the site no longer has.
    pub fn context_fingerprints(&mut self, site: &Site) -> Vec<Fingerprint> {
        let nodes = site.node_fingerprints();
        let mut due: Vec<u32> = std::mem::take(&mut self.volatile);
        let untaken = self
            .contexts
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_none());
        due.extend(untaken.map(|(i, _)| i as u32));
        for gone in self.nodes.iter().filter(|f| !nodes.contains(f)) {
            due.extend(self.readers.get(gone).into_iter().flatten());
        }
        due.sort_unstable();
        due.dedup();

        let jobs = &self.jobs;
        let taken: Vec<(Fingerprint, Vec<Fingerprint>)> = due
            .par_iter()
            .map(|&i| jobs[i as usize].context_fingerprint(site))
            .collect();
        #[cfg(debug_assertions)]
        self.check_kept(site, &due);
        for (&i, (fingerprint, read)) in due.iter().zip(taken) {
            self.contexts[i as usize] = Some(fingerprint);
            if read.iter().any(|f| !nodes.contains(f)) {
                self.volatile.push(i);
            }
            for f in read {
                let readers = self.readers.entry(f).or_default();
                if readers.last() != Some(&i) {
                    readers.push(i);
                }
            }
        }
        self.nodes = nodes;
        self.contexts
            .iter()
            .map(|c| c.expect("every context is taken above"))
            .collect()
    }

    /// Every kept fingerprint (the jobs not `due`) equals a fresh one.
    #[cfg(debug_assertions)]
    fn check_kept(&self, site: &Site, due: &[u32]) {
        (0..self.jobs.len())
            .into_par_iter()
            .filter(|i| due.binary_search(&(*i as u32)).is_err())
            .for_each(|i| {
                assert_eq!(
                    self.contexts[i],
                    Some(self.jobs[i].context_fingerprint(site).0),
                    "the context of {} changed though no node value it holds did",
                    self.files[i]
                );
            });
    }
}
