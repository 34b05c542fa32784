//! How paperpress scales, with the real binary, and Hugo beside it on the same corpus.
//!
//! For the default digest (the repo's own `content/`, 118 papers) and generated digests of
//! 1,000, 10,000, 30,000 and 100,000 papers (see `common/mod.rs`):
//!
//! - a cold `paperpress build`: the output folder and the site's `.paperpress/` are deleted
//!   before each run (outside the timing). Whole-process wall time (median), CPU time
//!   user + sys (median), peak RSS of the process (the largest of the runs), and the files
//!   and bytes (apparent sizes) of the output;
//! - an incremental rebuild after one edited abstract, and a rebuild where nothing changed:
//!   wall time (median), and how many output files got a new modification time;
//! - at 10,000 and 30,000 papers, `hugo` on the same papers with equivalent templates
//!   (`benches/hugo/`: paper pages with similar papers, paginated home and topic and author
//!   pages, lists of terms, RSS feeds, a sitemap), timed the same way, and the ratio.
//!
//! Run it with `cargo bench --bench scale`, or `cargo bench --bench scale -- --quick` to stop
//! at 10,000 papers. At 100,000 papers the run needs paperpress's peak memory (7.5 GB when
//! issue 13 was filed) plus the output (2 GB then) while the output is on /dev/shm. Hugo comes from Debian's `hugo` package (`apt-get install hugo`);
//! without it, its column is skipped. At the end it prints a Markdown table and the machine.
//!
//! Environment:
//! - `PAPERPRESS_BENCH_DIR`: where digests, outputs and Hugo sites go. The default is
//!   `/dev/shm/paperpress-bench` where `/dev/shm` exists (outputs in memory, so disk
//!   writeback stays out of the times), else `paperpress-bench` in the temp folder. Point it
//!   at a disk folder to measure on disk. Generated digests stay there between runs, named by
//!   size, `GENERATOR_VERSION` and a hash of the generator and its seed, so a rerun does not
//!   generate them again; delete the folder to free the space.
//! - `PAPERPRESS_BENCH_RUNS`: runs of each measurement (default 5; 3 at 100,000 papers).
//! - `PAPERPRESS_BENCH_SIZES`: the sizes to run, comma-separated, `default` for the repo's
//!   digest (default: `default,1000,10000,30000,100000`; `--quick` keeps those ≤ 10,000).
//! - `PAPERPRESS_BENCH_HUGO=0`: leave Hugo out.
//!
//! The machines here are shared and noisy: compare runs on the same machine only.

mod common;

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::Instant;

const FULL_SIZES: [Size; 5] = [
    Size::Default,
    Size::Papers(1_000),
    Size::Papers(10_000),
    Size::Papers(30_000),
    Size::Papers(100_000),
];
/// Sizes at which Hugo builds the same digest. Hugo grows faster than linearly (86 s and
/// 3 GB at 30,000 papers on the 2-core machine of issue 13), so 100,000 is not worth its time.
const HUGO_SIZES: [usize; 2] = [10_000, 30_000];
const QUICK_LIMIT: usize = 10_000;

#[derive(Clone, Copy)]
enum Size {
    /// The repo's own digest, `content/` and `site.toml`.
    Default,
    /// A generated digest of this many papers.
    Papers(usize),
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let base = bench_dir();
    std::fs::create_dir_all(&base).expect("the bench folder can be made");
    println!("bench folder: {}", base.display());
    let hugo = hugo_available();
    let mut rows = Vec::new();
    for size in sizes(quick) {
        let corpus = prepare(&base, size);
        let mut row = measure_paperpress(&base, &corpus);
        if hugo && HUGO_SIZES.contains(&size.papers()) {
            row.hugo = Some(measure_hugo(&base, &corpus, row.runs));
        }
        rows.push(row);
    }
    print_report(&rows, hugo);
}

// ---------------------------------------------------------------------------------------
// Settings

fn bench_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PAPERPRESS_BENCH_DIR") {
        return PathBuf::from(dir);
    }
    let shm = Path::new("/dev/shm");
    let parent = if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    parent.join("paperpress-bench")
}

fn sizes(quick: bool) -> Vec<Size> {
    let sizes = match std::env::var("PAPERPRESS_BENCH_SIZES") {
        Ok(list) => list
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| match s {
                "default" => Size::Default,
                n => Size::Papers(n.replace('_', "").parse().unwrap_or_else(|_| {
                    panic!("PAPERPRESS_BENCH_SIZES: {n:?} is neither `default` nor a number")
                })),
            })
            .collect(),
        Err(_) => FULL_SIZES.to_vec(),
    };
    sizes
        .into_iter()
        .filter(|s| !quick || s.papers() <= QUICK_LIMIT)
        .collect()
}

impl Size {
    /// Its papers, for comparing sizes; the default digest counts as the smallest.
    fn papers(self) -> usize {
        match self {
            Size::Default => 0,
            Size::Papers(n) => n,
        }
    }
}

fn runs_for(papers: usize) -> usize {
    std::env::var("PAPERPRESS_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(if papers >= 100_000 { 3 } else { 5 })
}

fn hugo_available() -> bool {
    if std::env::var("PAPERPRESS_BENCH_HUGO").is_ok_and(|v| v == "0") {
        println!("Hugo: left out (PAPERPRESS_BENCH_HUGO=0)");
        return false;
    }
    match Command::new("hugo").arg("version").output() {
        Ok(out) if out.status.success() => {
            print!("Hugo: {}", String::from_utf8_lossy(&out.stdout));
            true
        }
        _ => {
            println!(
                "Hugo: skipped: `hugo` is not on PATH (Debian/Ubuntu: `sudo apt-get install hugo`)"
            );
            false
        }
    }
}

// ---------------------------------------------------------------------------------------
// Digests

/// A digest to build: its root, how many papers it has, and the entry whose abstract the
/// incremental rebuild edits.
struct Corpus {
    /// "10,000 papers", "118 papers (default digest)".
    label: String,
    papers: usize,
    root: PathBuf,
    edited: PathBuf,
    /// The folder name's key, which the Hugo site made from this digest shares.
    key: String,
}

/// Written in a generated digest's folder once it is complete; holds its description.
const COMPLETE: &str = ".complete";
/// Present while an entry of the digest is edited: if a run stopped there, the digest is
/// no longer the generated one and is made again.
const EDITING: &str = ".editing";

fn prepare(base: &Path, size: Size) -> Corpus {
    let (key, root) = match size {
        Size::Default => {
            let root = base.join("corpus-default");
            copy_default_digest(&root);
            ("default".to_string(), root)
        }
        Size::Papers(n) => {
            let key = format!(
                "{n}-v{}-{}",
                common::GENERATOR_VERSION,
                common::fingerprint()
            );
            let root = base.join(format!("corpus-{key}"));
            ensure_generated(base, &root, n);
            (key, root)
        }
    };
    let mut entries = entry_files(&root);
    assert!(!entries.is_empty(), "{} has no papers", root.display());
    let papers = entries.len();
    let edited = entries.swap_remove(papers / 2);
    let label = match size {
        Size::Default => format!("{papers} papers (default digest)"),
        Size::Papers(_) => format!("{} papers", group(papers)),
    };
    Corpus {
        label,
        papers,
        root,
        edited,
        key,
    }
}

/// A fresh copy of the repo's digest (118 files: cheap), so that the edits of the
/// incremental rebuild never touch the repo.
fn copy_default_digest(root: &Path) {
    remove(root);
    let repo = common::repo();
    copy_tree(&repo.join("content"), &root.join("content"));
    std::fs::copy(repo.join("site.toml"), root.join("site.toml")).expect("site.toml copies");
}

/// Generates the digest into `root` unless a complete one is there, and removes digests
/// (and Hugo sites made from them) of the same size made by another version of the
/// generator, which would only take memory.
fn ensure_generated(base: &Path, root: &Path, papers: usize) {
    let name = root.file_name().unwrap().to_string_lossy().into_owned();
    let key = name.trim_start_matches("corpus-");
    for old in std::fs::read_dir(base).into_iter().flatten().flatten() {
        let old_name = old.file_name().to_string_lossy().into_owned();
        let old_key = ["corpus-", "hugo-"]
            .iter()
            .find_map(|prefix| old_name.strip_prefix(prefix));
        if old_key.is_some_and(|k| k.starts_with(&format!("{papers}-")) && k != key) {
            println!("removing what an older generator made: {old_name}");
            remove(&old.path());
        }
    }
    if root.join(COMPLETE).is_file() && !root.join(EDITING).exists() {
        println!(
            "\n{} papers: the generated digest from an earlier run",
            group(papers)
        );
    } else {
        remove(root);
        std::fs::create_dir_all(root).unwrap();
        let started = Instant::now();
        let digest = common::generate_digest(root, papers);
        std::fs::write(root.join(COMPLETE), digest.description.to_string()).unwrap();
        println!(
            "\n{} papers: generated in {:.1} s",
            group(papers),
            started.elapsed().as_secs_f64()
        );
    }
    if let Ok(description) = std::fs::read_to_string(root.join(COMPLETE)) {
        println!("{description}");
    }
}

/// The paper entries of a digest, in a stable order.
fn entry_files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root.join("content/papers"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect()
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn remove(path: &Path) {
    if path.exists() {
        std::fs::remove_dir_all(path)
            .unwrap_or_else(|e| panic!("cannot remove {}: {e}", path.display()));
    }
}

// ---------------------------------------------------------------------------------------
// Running a process

/// What one run of a process took.
struct Run {
    wall_ms: f64,
    cpu_ms: f64,
    peak_rss: u64,
    stdout: String,
    stderr: String,
}

/// Runs `cmd` to its end and measures it: wall time from spawn to exit, and the CPU time
/// and peak RSS the kernel accounts to that one child (`wait4`), not to the bench.
/// Panics, with the process's output, if it fails.
fn run(cmd: &mut Command) -> Run {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    // Read both pipes while the child runs: thousands of warning lines would otherwise fill
    // a pipe and stall it.
    let stdout = drain(child.stdout.take().unwrap());
    let stderr = drain(child.stderr.take().unwrap());
    let (success, cpu_ms, peak_rss) = reap(&mut child);
    let wall_ms = started.elapsed().as_secs_f64() * 1000.0;
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
    assert!(success, "{cmd:?} failed:\n{stdout}\n{stderr}");
    Run {
        wall_ms,
        cpu_ms,
        peak_rss,
        stdout,
        stderr,
    }
}

fn drain(mut pipe: impl Read + Send + 'static) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Waits for the child; returns whether it succeeded, its CPU time (user + sys) in ms and
/// its peak resident memory in bytes.
#[cfg(unix)]
fn reap(child: &mut Child) -> (bool, f64, u64) {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data, for which all zeros is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our child, not yet waited for (std only waits in `wait`, which
        // is never called on it), and both pointers are to live locals.
        let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if got == pid {
            break;
        }
        let err = std::io::Error::last_os_error();
        assert_eq!(err.kind(), std::io::ErrorKind::Interrupted, "wait4: {err}");
    }
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    let success = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    // Linux gives ru_maxrss in KiB.
    let peak = u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024;
    (success, ms(usage.ru_utime) + ms(usage.ru_stime), peak)
}

/// Without `wait4`: no CPU time or peak memory.
#[cfg(not(unix))]
fn reap(child: &mut Child) -> (bool, f64, u64) {
    let status = child.wait().expect("the child can be waited for");
    (status.success(), 0.0, 0)
}

fn paperpress_build(root: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_paperpress"));
    cmd.arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(out);
    cmd
}

// ---------------------------------------------------------------------------------------
// Output folders

/// The number of files in a folder and their apparent size in bytes.
fn files_and_bytes(dir: &Path) -> (usize, u64) {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .fold((0, 0), |(files, bytes), e| {
            (files + 1, bytes + e.metadata().map_or(0, |m| m.len()))
        })
}

/// Files of `after` that are new or have another modification time than in `before`.
fn rewritten(before: &common::Times, after: &common::Times) -> usize {
    after
        .iter()
        .filter(|(path, time)| before.get(*path) != Some(time))
        .count()
}

// ---------------------------------------------------------------------------------------
// paperpress

/// The medians of some runs, and the largest peak RSS.
struct Summary {
    wall_ms: f64,
    cpu_ms: f64,
    peak_rss: u64,
}

impl Summary {
    fn of(runs: &[Run]) -> Summary {
        let median =
            |f: fn(&Run) -> f64| common::median_ms(&mut runs.iter().map(f).collect::<Vec<_>>());
        Summary {
            wall_ms: median(|r| r.wall_ms),
            cpu_ms: median(|r| r.cpu_ms),
            peak_rss: runs.iter().map(|r| r.peak_rss).max().unwrap_or(0),
        }
    }
}

/// A rebuild measured: its median wall time, and the most files a run rewrote.
struct Rebuild {
    wall_ms: f64,
    rewritten: usize,
}

struct Row {
    label: String,
    papers: usize,
    runs: usize,
    cold: Summary,
    files: usize,
    bytes: u64,
    warnings: usize,
    slug_clashes: usize,
    no_change: Rebuild,
    incremental: Rebuild,
    hugo: Option<HugoRow>,
}

fn measure_paperpress(base: &Path, corpus: &Corpus) -> Row {
    let runs = runs_for(corpus.papers);
    let out = base.join(format!("out-{}", corpus.key));
    let cold: Vec<Run> = (0..runs).map(|_| cold_build(corpus, &out)).collect();
    let last = cold.last().unwrap();
    let (warnings, slug_clashes) = warnings(last);
    let (files, bytes) = files_and_bytes(&out);
    let cold = Summary::of(&cold);
    println!(
        "paperpress, {}: cold build {} (CPU {}, peak RSS {}), {files} files, {:.1} MB, {warnings} warnings ({slug_clashes} slug clashes)",
        corpus.label,
        time(cold.wall_ms),
        time(cold.cpu_ms),
        mib(cold.peak_rss),
        bytes as f64 / 1e6
    );
    let no_change = rebuild(corpus, &out, runs, |_| {});
    println!(
        "  no-change rebuild {}, {} files rewritten",
        time(no_change.wall_ms),
        no_change.rewritten
    );
    let original = std::fs::read_to_string(&corpus.edited).unwrap();
    std::fs::write(corpus.root.join(EDITING), "").unwrap();
    let incremental = rebuild(corpus, &out, runs, |k| {
        let marker = format!("Edited for the scale benchmark, take {k}.");
        let edited = format!("{}\n\n{marker}\n", original.trim_end());
        std::fs::write(&corpus.edited, edited).unwrap();
    });
    std::fs::write(&corpus.edited, original).unwrap();
    std::fs::remove_file(corpus.root.join(EDITING)).unwrap();
    println!(
        "  one abstract edited: rebuild {}, {} files rewritten",
        time(incremental.wall_ms),
        incremental.rewritten
    );
    remove(&out);
    Row {
        label: corpus.label.clone(),
        papers: corpus.papers,
        runs,
        cold,
        files,
        bytes,
        warnings,
        slug_clashes,
        no_change,
        incremental,
        hugo: None,
    }
}

/// A build from nothing: no output folder and no `.paperpress/` state from earlier builds.
fn cold_build(corpus: &Corpus, out: &Path) -> Run {
    remove(out);
    remove(&corpus.root.join(".paperpress"));
    let run = run(&mut paperpress_build(&corpus.root, out));
    if let Some(line) = run.stdout.lines().rev().find(|l| !l.trim().is_empty()) {
        println!("  {line} [{}]", time(run.wall_ms));
    }
    run
}

/// Builds again into the existing output `runs` times, calling `change(k)` before run `k`
/// (outside the timing), and counts the output files each run rewrote.
fn rebuild(corpus: &Corpus, out: &Path, runs: usize, change: impl Fn(usize)) -> Rebuild {
    let mut walls = Vec::new();
    let mut most = 0;
    for k in 0..runs {
        change(k);
        let before = common::modification_times(out);
        walls.push(run(&mut paperpress_build(&corpus.root, out)).wall_ms);
        most = most.max(rewritten(&before, &common::modification_times(out)));
    }
    Rebuild {
        wall_ms: common::median_ms(&mut walls),
        rewritten: most,
    }
}

/// The warnings of a build, and how many of them are slug clashes. The build prints the
/// first few of a kind and then "warning: … and N more slug clashes", which counts N.
fn warnings(run: &Run) -> (usize, usize) {
    let (mut all, mut clashes) = (0, 0);
    for line in run.stderr.lines().chain(run.stdout.lines()) {
        let Some(text) = line.strip_prefix("warning: ") else {
            continue;
        };
        let more = text
            .strip_prefix("… and ")
            .and_then(|rest| rest.split_once(" more "));
        let (count, clash) = match more {
            Some((n, kind)) => (n.parse().unwrap_or(0), kind.starts_with("slug clash")),
            None => (1, text.contains("is also wanted by")),
        };
        all += count;
        clashes += if clash { count } else { 0 };
    }
    (all, clashes)
}

// ---------------------------------------------------------------------------------------
// Hugo

struct HugoRow {
    run: Summary,
    files: usize,
    bytes: u64,
}

/// Builds the digest's papers with Hugo `runs` times, each into an empty output folder.
fn measure_hugo(base: &Path, corpus: &Corpus, runs: usize) -> HugoRow {
    let site = base.join(format!("hugo-{}", corpus.key));
    ensure_hugo_site(&site, corpus);
    let out = base.join(format!("hugo-out-{}", corpus.key));
    let mut all = Vec::new();
    for _ in 0..runs {
        remove(&out);
        let mut cmd = Command::new("hugo");
        cmd.arg("--quiet").arg("-s").arg(&site).arg("-d").arg(&out);
        let run = run(&mut cmd);
        println!("  hugo, {} [{}]", corpus.label, time(run.wall_ms));
        all.push(run);
    }
    let (files, bytes) = files_and_bytes(&out);
    remove(&out);
    let run = Summary::of(&all);
    println!(
        "Hugo, {}: {} (CPU {}, peak RSS {}), {files} files, {:.1} MB",
        corpus.label,
        time(run.wall_ms),
        time(run.cpu_ms),
        mib(run.peak_rss),
        bytes as f64 / 1e6
    );
    HugoRow { run, files, bytes }
}

/// A Hugo site with the digest's papers as `content/papers/<date>-<name>.md`, made once
/// per digest, and the configuration and templates of `benches/hugo/`, copied every time
/// so that edits to them count. A paperpress entry's TOML front matter is what Hugo reads
/// as it is: title, date, the `authors` and `topics` taxonomies, and arxiv, upvotes and
/// rank as page parameters; the abstract is the body.
fn ensure_hugo_site(site: &Path, corpus: &Corpus) {
    let content = site.join("content/papers");
    if !site.join(COMPLETE).is_file() {
        remove(site);
        std::fs::create_dir_all(&content).unwrap();
        let papers = corpus.root.join("content/papers");
        for entry in entry_files(&corpus.root) {
            let relative = entry.strip_prefix(&papers).unwrap();
            let name = relative.to_string_lossy().replace(['/', '\\'], "-");
            std::fs::copy(&entry, content.join(name)).unwrap();
        }
        std::fs::write(site.join(COMPLETE), "").unwrap();
    }
    remove(&site.join("layouts"));
    copy_tree(&common::repo().join("benches/hugo"), site);
}

// ---------------------------------------------------------------------------------------
// Report

fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn time(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{ms:.0} ms")
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn print_report(rows: &[Row], hugo: bool) {
    let mut t = String::new();
    t.push_str("\n| papers | paperpress wall (median) | CPU user+sys | peak RSS | files | output MB | KB/paper | Hugo wall | Hugo / paperpress |\n");
    t.push_str("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for r in rows {
        let label = r.label.replacen(" papers", "", 1);
        let (hugo_wall, ratio) = match &r.hugo {
            Some(h) => (
                time(h.run.wall_ms),
                format!("{:.1}×", h.run.wall_ms / r.cold.wall_ms),
            ),
            None => ("–".to_string(), "–".to_string()),
        };
        writeln!(
            t,
            "| {label} | {} | {} | {} | {} | {:.1} | {:.1} | {hugo_wall} | {ratio} |",
            time(r.cold.wall_ms),
            time(r.cold.cpu_ms),
            mib(r.cold.peak_rss),
            r.files,
            r.bytes as f64 / 1e6,
            r.bytes as f64 / 1e3 / r.papers as f64,
        )
        .unwrap();
    }
    t.push('\n');
    for r in rows {
        let share = |ms: f64| 100.0 * ms / r.cold.wall_ms;
        writeln!(
            t,
            "- {}: one abstract edited, rebuild {} ({:.0}% of cold), {} files rewritten; nothing changed, rebuild {} ({:.0}% of cold), {} of {} files rewritten. {} warnings ({} slug clashes). Median of {} runs.",
            r.label,
            time(r.incremental.wall_ms),
            share(r.incremental.wall_ms),
            r.incremental.rewritten,
            time(r.no_change.wall_ms),
            share(r.no_change.wall_ms),
            r.no_change.rewritten,
            r.files,
            r.warnings,
            r.slug_clashes,
            r.runs,
        )
        .unwrap();
    }
    for r in rows {
        if let Some(h) = &r.hugo {
            writeln!(
                t,
                "- Hugo, {}: CPU {}, peak RSS {}, {} files, {:.1} MB.",
                r.label,
                time(h.run.cpu_ms),
                mib(h.run.peak_rss),
                h.files,
                h.bytes as f64 / 1e6
            )
            .unwrap();
        }
    }
    if !hugo {
        t.push_str("- Hugo: not run.\n");
    }
    writeln!(t, "\nMachine: {}", machine()).unwrap();
    print!("{t}");
}

/// CPUs, CPU model and memory, from /proc where there is one.
fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let field = |file: &str, key: &str| {
        std::fs::read_to_string(file)
            .ok()
            .and_then(|t| {
                t.lines()
                    .find(|l| l.starts_with(key))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.trim().to_string())
            })
            .unwrap_or_else(|| "unknown".to_string())
    };
    let memory = field("/proc/meminfo", "MemTotal")
        .trim_end_matches(" kB")
        .parse::<f64>()
        .map_or("unknown memory".to_string(), |kb| {
            format!("{:.1} GiB", kb / (1024.0 * 1024.0))
        });
    format!(
        "{cpus} CPUs (nproc), {}, {memory}; paperpress {}",
        field("/proc/cpuinfo", "model name"),
        env!("CARGO_PKG_VERSION")
    )
}
