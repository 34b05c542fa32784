//! Full build versus rebuild-on-save, on a generated digest (10,000 papers unless
//! `PAPERPRESS_BENCH_PAPERS` says otherwise), with the real binary:
//!
//! - a full `paperpress build` (median of 3);
//! - `paperpress watch` running: the time from saving one edited abstract to its page
//!   being on disk, watcher debounce included (median of 15 edits, each a different
//!   paper), the same for the abstract of a paper the digest's feed holds, until
//!   `atom.xml` has it, and for a title edit, which reaches every listing of the paper;
//! - the time from the same saves to the second step of the rebuild, which finds every
//!   paper's similar papers again, being done;
//! - a save that changes nothing: the rebuild must write no file;
//! - the watcher's resident memory then, and its peak (from `/proc`, on Linux).
//!
//! Run with `cargo bench --bench watch`. The machines here are shared and noisy: compare
//! runs on the same machine only.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use paperpress::site::links::title_slug;

const EDITS: usize = 15;
const BUILDS: usize = 3;

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_paperpress")
}

/// The output file of the page of the paper with slug `slug`.
fn page_of(out: &Path, slug: &str) -> PathBuf {
    out.join("papers").join(slug).join("index.html")
}

/// Saves `text` to `entry` and returns when, and how long until `page` holds `marker`,
/// checking every half millisecond (a read of one small file: cheap next to a rebuild).
fn save_and_wait(entry: &Path, text: &str, page: &Path, marker: &str) -> (Instant, Duration) {
    let started = Instant::now();
    std::fs::write(entry, text).unwrap();
    loop {
        if std::fs::read_to_string(page).is_ok_and(|t| t.contains(marker)) {
            return (started, started.elapsed());
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{} never showed {marker:?}",
            page.display()
        );
        std::thread::sleep(Duration::from_micros(500));
    }
}

struct Watching {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Watching {
    fn start(site: &Path, out: &Path) -> Watching {
        let mut child = Command::new(binary())
            .args(["watch", "--root"])
            .arg(site)
            .arg("--output")
            .arg(out)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let (send, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        let mut watching = Watching { child, lines };
        watching.wait_for("Watching for changes");
        watching
    }

    fn wait_for(&mut self, text: &str) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(600))
                .expect("watch keeps running");
            if line.contains(text) {
                return line;
            }
        }
    }

    /// Waits until the watcher has printed its lines for the last rebuild's two steps,
    /// and a little longer, so that the next measurement starts from a quiet machine.
    /// Returns how long after `saved` the second step, which brings the similar papers
    /// up to date, was done.
    fn settle(&mut self, saved: Instant) -> Duration {
        self.wait_for(" changed: ");
        self.wait_for("similar papers and search index settled");
        let settled = saved.elapsed();
        std::thread::sleep(Duration::from_millis(300));
        while self.lines.try_recv().is_ok() {}
        settled
    }
}

impl Watching {
    /// The watcher's resident memory and its peak, as `/proc` gives them (Linux only).
    fn memory(&self) -> String {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()));
        let field = |name: &str| {
            status.as_deref().ok().and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with(name))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|kb| kb.parse::<u64>().ok())
            })
        };
        match (field("VmRSS:"), field("VmHWM:")) {
            (Some(now), Some(peak)) => {
                format!("{} MiB resident, peak {} MiB", now / 1024, peak / 1024)
            }
            _ => "unknown (no /proc)".to_string(),
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn main() {
    let papers = common::papers_from_env();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    let entries = common::generate(&site, papers);
    let out = dir.path().join("output");

    let mut builds = Vec::new();
    let mut summary = String::new();
    for _ in 0..BUILDS {
        // Without the record of the last build, which would make the next one stop early.
        let _ = std::fs::remove_dir_all(site.join(".paperpress"));
        let started = Instant::now();
        let result = Command::new(binary())
            .args(["build", "--root"])
            .arg(&site)
            .arg("--output")
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        builds.push(started.elapsed().as_secs_f64() * 1000.0);
        summary = String::from_utf8_lossy(&result.stdout).trim().to_string();
    }
    println!("digest: {summary}");
    println!(
        "full build: median {:.0} ms of {BUILDS} (min {:.0})",
        common::median_ms(&mut builds.clone()),
        builds.iter().copied().fold(f64::INFINITY, f64::min)
    );

    let mut watch = Watching::start(&site, &out);
    let mut abstract_edits = Vec::new();
    let mut settled = Vec::new();
    for k in 0..EDITS {
        let entry = &entries[(k * 7919) % entries.len()];
        let text = std::fs::read_to_string(&entry.path).unwrap();
        let marker = format!("Edited while watching, take {k}.");
        let edited = format!("{}\n\n{marker}\n", text.trim_end());
        let page = page_of(&out, &entry.slug);
        let (saved, took) = save_and_wait(&entry.path, &edited, &page, &marker);
        abstract_edits.push(took.as_secs_f64() * 1000.0);
        settled.push(watch.settle(saved).as_secs_f64() * 1000.0);
    }
    // Papers the digest's feed holds: their abstracts are in atom.xml too.
    let atom_file = out.join("atom.xml");
    let atom = std::fs::read_to_string(&atom_file).unwrap();
    let in_feed: Vec<&common::Entry> = entries
        .iter()
        .filter(|e| atom.contains(&format!("/papers/{}/", e.slug)))
        .take(5)
        .collect();
    let mut feed_edits = Vec::new();
    for (k, entry) in in_feed.iter().enumerate() {
        let text = std::fs::read_to_string(&entry.path).unwrap();
        let marker = format!("Edited for the feed, take {k}.");
        let edited = format!("{}\n\n{marker}\n", text.trim_end());
        let (saved, took) = save_and_wait(&entry.path, &edited, &atom_file, &marker);
        feed_edits.push(took.as_secs_f64() * 1000.0);
        watch.settle(saved);
    }
    let mut title_edits = Vec::new();
    for k in 0..5 {
        let entry = &entries[(k * 104_729 + 13) % entries.len()];
        let text = std::fs::read_to_string(&entry.path).unwrap();
        let title = format!("{} retitled", entry.title);
        let edited = text.replacen(&entry.title, &title, 1);
        let (saved, took) = save_and_wait(
            &entry.path,
            &edited,
            &page_of(&out, &title_slug(&title)),
            "retitled",
        );
        title_edits.push(took.as_secs_f64() * 1000.0);
        watch.settle(saved);
    }
    let show = |samples: &mut Vec<f64>| {
        let min = samples.iter().copied().fold(f64::INFINITY, f64::min);
        let max = samples.iter().copied().fold(0.0, f64::max);
        format!(
            "median {:.1} ms, min {min:.1}, max {max:.1} ({} saves)",
            common::median_ms(samples),
            samples.len()
        )
    };
    println!(
        "save -> page on disk, abstract edited: {}",
        show(&mut abstract_edits)
    );
    println!(
        "save -> similar papers and search index settled (second step done), abstract edited: {}",
        show(&mut settled)
    );
    println!(
        "save -> atom.xml on disk, abstract of a paper in the feed edited: {}",
        show(&mut feed_edits)
    );
    println!(
        "save -> page on disk, title edited (listings too): {}",
        show(&mut title_edits)
    );

    let before = common::modification_times(&out);
    let entry = &entries[1].path;
    let same = std::fs::read_to_string(entry).unwrap();
    std::fs::write(entry, same).unwrap();
    let line = watch.wait_for(" changed: ");
    let after = common::modification_times(&out);
    let rewritten = before
        .iter()
        .filter(|(f, t)| after.get(*f) != Some(t))
        .count();
    println!(
        "save without changes: {rewritten} of {} output files rewritten ({})",
        after.len(),
        line.split(": ").last().unwrap_or("")
    );
    println!("watch's memory after these saves: {}", watch.memory());
}
