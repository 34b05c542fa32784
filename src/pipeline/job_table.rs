//! The site's output files, what makes each, and the fingerprint of each one's context,
//! kept between the builds of a session.
//!
//! Taking a context's fingerprint means building the context, so doing it for every file
//! on every rebuild would cost more than the edit it follows. A context is made of node
//! values (`site::Valued`) and of what follows from the site's shape (addresses, settings),
//! so while the shape is the same, a context changes only if a node value it holds does.
//! The fingerprint is kept with the node values it held, and taken again only when one of
//! them is no longer in the site. In debug builds every fingerprint is also taken afresh
//! and compared, so the tests catch a context that reads anything else.

use rayon::prelude::*;
use rustc_hash::FxHashSet;

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
    /// Each job's context fingerprint, with the node values the context held.
    contexts: Vec<Option<Seen>>,
    /// The inputs fingerprint of each job's file as published, where known: a copy of
    /// the session's record of the output, by job, so that a rebuild compares numbers
    /// instead of looking every file's path up.
    pub published: Vec<Option<Fingerprint>>,
}

struct Seen {
    fingerprint: Fingerprint,
    read: Box<[Fingerprint]>,
}

impl JobTable {
    /// The table of `jobs`. A job whose producer gives way to a static file at its path
    /// (`robots.txt`) is left out when the theme or the site has that file.
    pub fn new(site: &Site, key: Fingerprint, jobs: Vec<Job>, statics: &[StaticFile]) -> JobTable {
        let files: Vec<String> = jobs.par_iter().map(|job| job.file(site)).collect();
        let static_paths: FxHashSet<&str> = statics.iter().map(|s| s.rel.as_str()).collect();
        let (jobs, files): (Vec<Job>, Vec<String>) = jobs
            .into_iter()
            .zip(files)
            .filter(|(job, file)| {
                !(job.producer().static_wins() && static_paths.contains(file.as_str()))
            })
            .unzip();
        let clashes = produce::clashes(site, &jobs, &files);
        let contexts = jobs.iter().map(|_| None).collect();
        let published = jobs.iter().map(|_| None).collect();
        JobTable {
            key,
            jobs,
            files,
            clashes,
            contexts,
            published,
        }
    }

    /// Each job's context fingerprint for this build of the site, taken again only for
    /// the jobs whose context held a node value the site no longer has.
    pub fn context_fingerprints(&mut self, site: &Site) -> Vec<Fingerprint> {
        let nodes = site.node_fingerprints();
        let jobs = &self.jobs;
        self.contexts
            .par_iter_mut()
            .enumerate()
            .map(|(i, seen)| {
                let current = seen
                    .as_ref()
                    .filter(|s| s.read.iter().all(|f| nodes.contains(f)));
                match current {
                    Some(s) => {
                        debug_assert_eq!(
                            s.fingerprint,
                            jobs[i].context_fingerprint(site).0,
                            "the context of {} changed though no node value it holds did",
                            jobs[i].file(site)
                        );
                        s.fingerprint
                    }
                    None => {
                        let (fingerprint, read) = jobs[i].context_fingerprint(site);
                        *seen = Some(Seen {
                            fingerprint,
                            read: read.into_boxed_slice(),
                        });
                        fingerprint
                    }
                }
            })
            .collect()
    }
}
