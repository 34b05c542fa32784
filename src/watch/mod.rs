//! Rebuilding on every save: file-system events are collected until the burst of an
//! editor's save is over, sorted into the site's inputs, and handed to the `Session`,
//! which re-reads, re-renders and rewrites only what changed.
//!
//! The first successful build publishes a whole new output folder (as `build` does);
//! later ones update it in place. A failed build changes nothing on disk, and the next
//! good save catches up with everything since the last good one.

pub mod changes;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::content::CONTENT_DIR;
use crate::diagnostics::Diagnostic;
use crate::output;
use crate::pipeline::{self, Changes, Session};
use crate::render::theme::THEMES_DIR;
use crate::site::Derived;
use changes::SITE_THEME_DIRS;

/// How long the files must stay quiet before a rebuild starts: an editor's save (write a
/// temporary file, rename it, touch a backup) is a burst of events within a millisecond
/// or two, and a file still open for writing holds the rebuild back (see `Burst`).
const QUIET: Duration = Duration::from_millis(5);
/// A rebuild starts at the latest this long after the first event, however busy the files.
const MAX_WAIT: Duration = Duration::from_millis(200);

enum Message {
    Event(notify::Result<notify::Event>),
    Stop,
}

/// A handle that stops a running watcher (from a Ctrl-C handler, say).
#[derive(Clone)]
pub struct Stopper(Sender<Message>);

impl Stopper {
    pub fn stop(&self) {
        let _ = self.0.send(Message::Stop);
    }
}

/// What one build did.
pub enum Outcome {
    Built {
        /// What changed, e.g. `content/papers/x.md` (empty for the first build).
        trigger: String,
        /// Files written or copied, and removed.
        written: usize,
        removed: usize,
        /// Output files written or removed, with `/` separators.
        files: Vec<String>,
        pages: usize,
        papers: usize,
        elapsed: Duration,
        warnings: Vec<Diagnostic>,
        /// The second step of a rebuild: the site-wide outputs (similar papers) brought
        /// up to date after the first step kept the last ones.
        settling: bool,
    },
    Failed {
        trigger: String,
        errors: Vec<Diagnostic>,
        warnings: Vec<Diagnostic>,
    },
}

#[derive(Default)]
struct Burst {
    paths: Vec<PathBuf>,
    rescan: bool,
    /// Files written to and not closed yet. Where the system reports closing (Linux), a
    /// rebuild waits for them (up to `MAX_WAIT`), so that a slow save is never read half
    /// written.
    writing: BTreeSet<PathBuf>,
}

impl Burst {
    /// Adds a message's paths; `None` when it says stop.
    fn take(&mut self, message: Message) -> Option<()> {
        match message {
            Message::Stop => return None,
            Message::Event(Ok(event)) => {
                self.rescan |= event.need_rescan();
                if cfg!(target_os = "linux") {
                    match changes::write_state(&event.kind) {
                        Some(true) => self.writing.extend(event.paths.iter().cloned()),
                        Some(false) => event.paths.iter().for_each(|p| {
                            self.writing.remove(p);
                        }),
                        None => {}
                    }
                }
                if changes::is_content_event(&event.kind) {
                    self.paths.extend(event.paths);
                }
            }
            Message::Event(Err(e)) => eprintln!("warning: watching files: {e}"),
        }
        Some(())
    }
}

pub struct Watcher {
    session: Session,
    root: PathBuf,
    notify: RecommendedWatcher,
    events: Receiver<Message>,
    sender: Sender<Message>,
    watched: BTreeSet<PathBuf>,
    /// Whether this process has published the output folder (after that, rebuilds
    /// update it in place).
    published: bool,
    /// The last build kept site-wide outputs that its papers no longer give: the next
    /// step, unless another save comes first, brings them up to date.
    unsettled: bool,
}

impl Watcher {
    /// Starts watching the session's site. The session's root must be absolute (events
    /// name absolute paths).
    pub fn new(session: Session) -> Result<Watcher, String> {
        let (sender, events) = mpsc::channel();
        let forward = sender.clone();
        let notify = notify::recommended_watcher(move |event| {
            let _ = forward.send(Message::Event(event));
        })
        .map_err(|e| format!("cannot watch files: {e}"))?;
        let mut watcher = Watcher {
            root: session.options().root.clone(),
            session,
            notify,
            events,
            sender,
            watched: BTreeSet::new(),
            published: false,
            unsettled: false,
        };
        watcher
            .notify
            .watch(&watcher.root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", watcher.root.display()))?;
        watcher.watch_inputs();
        Ok(watcher)
    }

    pub fn stopper(&self) -> Stopper {
        Stopper(self.sender.clone())
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Builds and publishes the whole site.
    pub fn build_all(&mut self) -> Outcome {
        self.build(String::new(), Instant::now(), Derived::Settled)
    }

    /// Waits for the next change and rebuilds. `None` once stopped.
    ///
    /// A rebuild after an edit comes in two steps, each its own outcome. The first keeps
    /// the last similar papers, so the edited page is written at once; the second, which
    /// follows at once unless another save came in meanwhile, finds them anew and
    /// rewrites the pages whose list changed (see `site::similar`).
    pub fn rebuild_on_change(&mut self) -> Option<Outcome> {
        loop {
            let mut burst = Burst::default();
            if self.unsettled {
                // Events already here that change nothing (a file closed, an editor's
                // swap file) must not hold the second step back.
                loop {
                    match self.events.try_recv() {
                        Ok(message) => burst.take(message)?,
                        Err(mpsc::TryRecvError::Empty) => break,
                        Err(mpsc::TryRecvError::Disconnected) => return None,
                    }
                }
                if burst.paths.is_empty() && !burst.rescan {
                    let started = Instant::now();
                    return Some(self.build(String::new(), started, Derived::Settled));
                }
            }
            let (paths, rescan) = self.next_burst(burst)?;
            let started = Instant::now();
            let theme = self.session.config().theme.clone();
            let mut changes = changes::classify(&self.root, &theme, &paths);
            if rescan {
                // The system dropped events: assume everything changed.
                changes = Changes {
                    config: true,
                    theme: true,
                    content: vec![self.root.join(CONTENT_DIR)],
                };
            }
            // A watched folder that was itself removed or replaced needs a new watch.
            for path in &paths {
                if self.watched.remove(path) {
                    let _ = self.notify.unwatch(path);
                }
            }
            self.watch_inputs();
            if changes.is_empty() {
                continue;
            }
            self.session.apply(&changes);
            let trigger = changes::describe(&self.root, &theme, &paths);
            return Some(self.build(trigger, started, Derived::Provisional));
        }
    }

    /// Builds and publishes. `derived` is what the build may do with the site-wide
    /// outputs; only a build that updates the published output in place keeps them.
    fn build(&mut self, trigger: String, started: Instant, derived: Derived) -> Outcome {
        let settling = std::mem::take(&mut self.unsettled) && derived == Derived::Settled;
        let out_dir = self.session.options().output.clone();
        if self.published && !out_dir.join(output::MARKER).is_file() {
            // The output folder was removed or replaced: publish it whole again.
            self.published = false;
        }
        if !self.published {
            self.session.forget_published();
        }
        // A first build, or one after the output folder went, makes the whole folder.
        let target = if self.published {
            pipeline::Target::Memory
        } else {
            pipeline::Target::NewOutput
        };
        self.session.set_derived(if self.published {
            derived
        } else {
            Derived::Settled
        });
        let mut update = match self.session.build(target) {
            Ok(update) => update,
            Err(report) => {
                return Outcome::Failed {
                    trigger,
                    errors: report.errors,
                    warnings: report.warnings,
                };
            }
        };
        // A later `build` must not take this folder for the one it last wrote.
        pipeline::Manifest::forget(self.session.options());
        let result = if self.published {
            output::update(&out_dir, &update.write, &update.copy, &update.remove)
        } else {
            pipeline::publish_all(&self.session, &mut update)
        };
        if let Err(errors) = result {
            // Some files may have been written: the next build writes everything again.
            self.published = false;
            return Outcome::Failed {
                trigger,
                errors,
                warnings: update.warnings,
            };
        }
        let written = update.files_written();
        let files = update.changed_files().map(str::to_string).collect();
        let outcome = Outcome::Built {
            trigger,
            written,
            removed: update.remove.len(),
            files,
            pages: update.pages,
            papers: update.papers,
            elapsed: started.elapsed(),
            warnings: update.warnings.clone(),
            settling,
        };
        self.unsettled = !update.settled;
        self.session.commit(update);
        self.published = true;
        outcome
    }

    /// Collects one burst of events: waits for the first that can mean a change, then
    /// for `QUIET` without any. Returns the paths, and whether the system reported lost
    /// events. `None` once stopped.
    /// `burst` holds what was already taken of it.
    fn next_burst(&mut self, mut burst: Burst) -> Option<(Vec<PathBuf>, bool)> {
        while burst.paths.is_empty() && !burst.rescan {
            burst.take(self.events.recv().ok()?)?;
        }
        let deadline = Instant::now() + MAX_WAIT;
        loop {
            let wait = QUIET.min(deadline.saturating_duration_since(Instant::now()));
            match self.events.recv_timeout(wait) {
                Ok(message) => burst.take(message)?,
                Err(RecvTimeoutError::Timeout)
                    if burst.writing.is_empty() || Instant::now() >= deadline =>
                {
                    break;
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        burst.paths.sort();
        burst.paths.dedup();
        Some((burst.paths, burst.rescan))
    }

    /// Watches the site's input folders that exist now (they may appear later, and the
    /// active theme may change).
    fn watch_inputs(&mut self) {
        let mut wanted: Vec<PathBuf> = [CONTENT_DIR, THEMES_DIR]
            .iter()
            .chain(SITE_THEME_DIRS.iter())
            .map(|d| self.root.join(d))
            .collect();
        wanted.retain(|d| d.is_dir());
        let gone: Vec<PathBuf> = self
            .watched
            .iter()
            .filter(|d| !wanted.contains(d))
            .cloned()
            .collect();
        for dir in gone {
            let _ = self.notify.unwatch(&dir);
            self.watched.remove(&dir);
        }
        for dir in wanted {
            if self.watched.contains(&dir) {
                continue;
            }
            match self.notify.watch(&dir, RecursiveMode::Recursive) {
                Ok(()) => {
                    self.watched.insert(dir);
                }
                Err(e) => eprintln!("warning: cannot watch {}: {e}", dir.display()),
            }
        }
    }
}
