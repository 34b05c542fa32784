//! `paperpress watch`

use std::collections::HashSet;
use std::path::PathBuf;

use paperpress::diagnostics::Diagnostic;
use paperpress::pipeline::{BuildOptions, Session};
use paperpress::watch::{Outcome, Watcher};

use super::{print_errors, print_warnings};

/// The same options as `build`.
pub type Args = super::build::Args;

pub fn run(args: Args) -> bool {
    let Some(root) = absolute_root(args.root()) else {
        return false;
    };
    let options = args.into_options(root);
    let Some(mut watcher) = start(options) else {
        return false;
    };
    let mut log = Log::default();
    log.print(&watcher.build_all(), &watcher);
    println!("Watching for changes (Ctrl-C to stop)");
    while let Some(outcome) = watcher.rebuild_on_change() {
        log.print(&outcome, &watcher);
    }
    println!("Stopped.");
    true
}

/// The site folder as an absolute path without symbolic links: file events name paths
/// that way, and the session must recognise them.
pub fn absolute_root(root: &std::path::Path) -> Option<PathBuf> {
    match std::fs::canonicalize(root) {
        Ok(root) => Some(root),
        Err(e) => {
            eprintln!(
                "error: {}: cannot open the site folder ({e}); pass --root DIR",
                root.display()
            );
            None
        }
    }
}

/// Opens the site and starts watching it, stopping cleanly on Ctrl-C (so that temporary
/// folders are removed).
pub fn start(options: BuildOptions) -> Option<Watcher> {
    let config = options.root.join(paperpress::config::CONFIG_FILE);
    if !config.is_file() {
        super::print_errors(&[paperpress::config::not_a_site(&options.root)]);
        return None;
    }
    let session = Session::open(options);
    let problems = session.output_problems();
    if !problems.is_empty() {
        print_errors(&problems);
        return None;
    }
    let watcher = match Watcher::new(session) {
        Ok(w) => w,
        Err(message) => {
            eprintln!("error: {message}");
            return None;
        }
    };
    let stopper = watcher.stopper();
    if let Err(e) = ctrlc::set_handler(move || stopper.stop()) {
        eprintln!("warning: cannot handle Ctrl-C: {e}");
    }
    Some(watcher)
}

/// Prints one line per build, and each warning once (not again on every rebuild).
#[derive(Default)]
pub struct Log {
    warned: HashSet<String>,
    /// The output is a preview in a temporary folder (serve), not a folder the user chose.
    preview: bool,
    /// The last build failed.
    failing: bool,
}

impl Log {
    /// A log for `serve`, whose output folder is a preview.
    pub fn preview() -> Log {
        Log {
            preview: true,
            ..Log::default()
        }
    }

    pub fn print(&mut self, outcome: &Outcome, watcher: &Watcher) {
        let output = watcher.session().options().output.display();
        match outcome {
            Outcome::Built {
                trigger,
                written,
                removed,
                pages,
                papers,
                elapsed,
                warnings,
                settling,
                ..
            } => {
                self.warn(warnings);
                let ms = elapsed.as_secs_f64() * 1000.0;
                let fixed = if std::mem::take(&mut self.failing) {
                    " Errors fixed."
                } else {
                    ""
                };
                if *settling {
                    // The second step of a rebuild (see `Watcher::rebuild_on_change`):
                    // said always, so a reader knows when the preview is final.
                    if written + removed == 0 {
                        println!(
                            "  similar papers and search index settled: no page changed ({ms:.0} ms)"
                        );
                    } else {
                        println!(
                            "  similar papers and search index settled: {written} file{} written ({ms:.0} ms)",
                            plural(*written)
                        );
                    }
                } else if trigger.is_empty() {
                    println!(
                        "Built {papers} paper{} into {pages} pages in {output} in {:.2} s{fixed}",
                        plural(*papers),
                        elapsed.as_secs_f64()
                    );
                } else if written + removed == 0 {
                    println!("{trigger} changed: no output file changed ({ms:.0} ms){fixed}");
                } else {
                    println!(
                        "{trigger} changed: {written} file{} written, {removed} removed ({ms:.0} ms){fixed}",
                        plural(*written)
                    );
                }
            }
            Outcome::Failed {
                trigger,
                errors,
                warnings,
            } => {
                self.warn(warnings);
                print_errors(errors);
                self.failing = true;
                let n = errors.len();
                let what = if trigger.is_empty() {
                    "Build".to_string()
                } else {
                    format!("{trigger} changed: rebuild")
                };
                let kept = if self.preview {
                    "the preview keeps the last good build".to_string()
                } else {
                    format!("{output} was left as it was")
                };
                eprintln!(
                    "{what} failed with {n} error{}; {kept}. Fix and save again.",
                    plural(n)
                );
            }
        }
    }

    fn warn(&mut self, warnings: &[Diagnostic]) {
        let fresh: Vec<Diagnostic> = warnings
            .iter()
            .filter(|w| !self.warned.contains(&w.to_string()))
            .cloned()
            .collect();
        print_warnings(&fresh);
        self.warned = warnings.iter().map(ToString::to_string).collect();
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
