//! The `paperpress` command line: argument parsing and dispatch to `cmd/`.

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Rendering allocates and frees many small strings and maps on two threads; mimalloc
// handles that pattern markedly better than the system allocator. Built with `no_thp`:
// with transparent huge pages each fresh 2 MiB of its arenas is zeroed on first touch,
// which took a quarter of a 10,000-paper build's CPU time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A static site generator for research-paper digests.
///
/// Turns a folder of paper entries (Markdown with front matter) into a static website
/// with a page per paper, topic, author and day.
#[derive(Parser)]
#[command(name = "paperpress", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    ///
    /// Renders into a temporary folder and swaps it in only when everything succeeded:
    /// a failed build leaves the previous output untouched.
    Build(cmd::build::Args),
    /// Write paper entries from a source file into content/papers/.
    ///
    /// A paper already in the site is left as it is, unless --update asks to rewrite the
    /// fields that came from the source; your own fields and text are kept even then.
    #[command(subcommand)]
    Import(cmd::import::Format),
    /// Download papers from a source and write them as `import` does.
    ///
    /// Every reply is saved under .paperpress/cache/<source>/ so the run can be replayed
    /// with `paperpress import`. A source with no papers exits 0 and says so; a source that
    /// fails or sends something unusable (an error, a cut-off reply, an HTML page) exits 1
    /// naming the URL and the reason, and nothing is written. [fetch] in site.toml chooses
    /// what is kept and lists papers never to write again.
    #[command(subcommand)]
    Fetch(cmd::fetch::Source),
    /// Build the site, then rebuild it on every save.
    ///
    /// Watches site.toml, content/, templates/, static/ and themes/. A rebuild re-reads
    /// only the changed files and writes only the output files whose bytes changed; a
    /// rebuild with errors prints them and leaves the output as it was, and the next good
    /// save catches up. Stop it with Ctrl-C.
    Watch(cmd::watch::Args),
    /// Create one paper entry from the theme's entry template and print its path.
    ///
    /// The entry goes to content/papers/<date>/<slug>.md; an existing file is never
    /// replaced.
    New(cmd::new::Args),
    /// Create a new site in DIR, ready to build, with a daily GitHub Actions workflow.
    ///
    /// Writes site.toml with comments, an example entry, a .gitignore (unless DIR has
    /// one) and .github/workflows/paperpress.yml, which fetches, checks, commits, builds
    /// and publishes the digest on GitHub Pages every day (--no-ci leaves it out). It
    /// builds nothing: preview the site with `paperpress serve --open` in DIR. A folder
    /// that already holds a site is refused, and no file is ever replaced.
    Init(cmd::init::Args),
    /// Check a site without writing anything: entries, duplicate papers, internal links
    /// and anchors, templates, topics, abstracts and, with --max-age, freshness.
    ///
    /// Prints every error and warning, then a summary (or a JSON report with --format
    /// json). Exits with 0 when clean, 1 on errors, and 2 on warnings under
    /// --deny-warnings.
    Check(cmd::check::Args),
    /// Build the site, serve it on http://127.0.0.1:1111/ and rebuild on every save.
    ///
    /// Open pages reload by themselves after a rebuild (stylesheets are swapped in
    /// place), and a build error is shown over the page until a good save clears it. The
    /// site is built into a temporary folder, so output/ is never touched, unless
    /// --output is given. Canonical links point at the preview. Stop it with Ctrl-C.
    Serve(cmd::serve::Args),
    /// List the topics with their paper counts and most distinctive words; explain one
    /// paper's topics; or propose topic rules.
    ///
    /// `--explain PAPER` (a slug, an entry file or an arXiv id) shows the words and
    /// phrases of each rule that matched the paper, and which topics max_topics dropped.
    /// `--suggest` prints site.toml snippets of topics for papers without one and for
    /// topics holding more than 30% of the papers. Nothing is written.
    Topics(cmd::topics::Args),
}

/// The site folder: where `site.toml` and `content/` are.
#[derive(clap::Args, Clone)]
pub struct RootArg {
    /// Site folder (holding site.toml and content/)
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

/// Lets a command whose output is cut short (`paperpress check | head`) end quietly, as
/// other command-line tools do, instead of panicking on the closed pipe. Only for commands
/// that use no sockets: on a socket, a closed peer must stay an error to handle.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring a signal's default action, before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    // SAFETY: first thing in `main`, before any other thread is started.
    unsafe { paperpress::memory::return_freed_memory_sooner() };
    let cli = Cli::parse();
    if matches!(
        cli.command,
        Command::Build(_)
            | Command::Check(_)
            | Command::Import(_)
            | Command::New(_)
            | Command::Init(_)
            | Command::Topics(_)
    ) {
        quiet_on_closed_pipe();
    }
    let ok = match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => return cmd::check::run(args),
        Command::Import(format) => cmd::import::run(format),
        Command::Fetch(source) => cmd::fetch::run(source),
        Command::Watch(args) => cmd::watch::run(args),
        Command::New(args) => cmd::new::run(args),
        Command::Init(args) => cmd::init::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Topics(args) => cmd::topics::run(args),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
