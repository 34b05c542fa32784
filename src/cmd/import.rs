//! `paperpress import <format> FILE`, and the writing and reporting that `fetch` shares
//! with it.

use std::io::Read;
use std::path::PathBuf;

use chrono::NaiveDate;
use paperpress::diagnostics::Diagnostic;
use paperpress::import::arxiv_rss::AnnounceTypes;
use paperpress::import::{self, ImportedPaper, Outcome};

use super::{print_errors, print_warnings};
use crate::RootArg;

#[derive(clap::Subcommand)]
pub enum Format {
    /// An arXiv API response (Atom XML from export.arxiv.org/api/query); the digest day is
    /// each paper's published day.
    ArxivAtom(Args),
    /// An arXiv announcement feed (RSS 2.0 from rss.arxiv.org/rss/CATEGORY); the digest
    /// day is the announcement day.
    ArxivRss(RssArgs),
    /// Hugging Face daily-papers JSON (huggingface.co/api/daily_papers); the digest day is
    /// the day of the daily page.
    HfJson(Args),
    /// A BibTeX file (.bib); entries it cannot read are skipped with a warning. The digest
    /// day is --date, or today (UTC).
    Bibtex(Args),
    /// A daily-papers page copied as text: page chrome, a date line, then a title line
    /// and an abstract line per paper.
    DailyText(Args),
}

#[derive(clap::Args)]
pub struct Args {
    /// The file to import, or - for standard input
    file: PathBuf,
    /// The digest day of every paper (YYYY-MM-DD), replacing the source's; needed when the
    /// source gives none
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<NaiveDate>,
    #[command(flatten)]
    write: WriteArgs,
}

/// How papers become entries: the options `import` and `fetch` share.
#[derive(clap::Args)]
pub struct WriteArgs {
    /// A topic to set on every new entry (repeat for several)
    #[arg(long = "topic", value_name = "NAME")]
    pub topics: Vec<String>,
    #[command(flatten)]
    pub root: RootArg,
    /// Rewrite the fields that came from the source in the front matter of entries already
    /// in the site (title, authors, a newer arXiv version, links, upvotes), keeping your
    /// own: date, topics, other fields and the text (abstract and notes)
    #[arg(long)]
    pub update: bool,
    /// Show what would be written, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl WriteArgs {
    /// A `--topic` that could not be a topic name, as an error.
    pub fn check_topics(&self) -> Result<(), Diagnostic> {
        match self
            .topics
            .iter()
            .find(|t| t.trim().is_empty() || t.contains(['"', '\\']))
        {
            Some(bad) => Err(Diagnostic::new(
                "--topic",
                None,
                format!("{bad:?} is not a topic name"),
            )),
            None => Ok(()),
        }
    }
}

#[derive(clap::Args)]
pub struct RssArgs {
    #[command(flatten)]
    args: Args,
    /// The announce types to import, comma-separated: new, cross, replace, replace-cross,
    /// absonly. Replacements only update entries already in the site, under --update
    #[arg(long, value_name = "TYPES", default_value = "new,cross", value_parser = parse_announce)]
    announce: AnnounceTypes,
}

pub fn parse_announce(s: &str) -> Result<AnnounceTypes, String> {
    s.parse()
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("expected YYYY-MM-DD, found {s:?}"))?;
    // Entries store four-digit years, as the build expects them.
    if s.len() != 10 || !(1..=9999).contains(&chrono::Datelike::year(&date)) {
        return Err(format!("expected YYYY-MM-DD, found {s:?}"));
    }
    Ok(date)
}

fn read_input(file: &PathBuf) -> Result<String, Diagnostic> {
    let shown = file.display().to_string();
    if shown == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Diagnostic::new("<stdin>", None, e.to_string()))?;
        return Ok(text);
    }
    std::fs::read_to_string(file)
        .map_err(|e| Diagnostic::new(&shown, None, format!("cannot read: {e}")))
}

pub fn run(format: Format) -> bool {
    let (args, parse): (Args, Parser) = match format {
        Format::ArxivAtom(args) => (
            args,
            Box::new(|text, shown, _| {
                import::arxiv_atom::parse(text, shown).map(|p| Parsed::papers(p, Vec::new()))
            }),
        ),
        Format::ArxivRss(RssArgs { args, announce }) => (
            args,
            Box::new(move |text, shown, _| {
                let (selection, warnings) =
                    import::arxiv_rss::parse_selected(text, shown, &announce)?;
                Ok(Parsed {
                    note: selection.left_out_note(),
                    papers: selection.papers,
                    warnings,
                })
            }),
        ),
        Format::HfJson(args) => (
            args,
            Box::new(|text, shown, _| {
                import::hf_json::parse(text, shown).map(|p| Parsed::papers(p, Vec::new()))
            }),
        ),
        Format::Bibtex(args) => (
            args,
            Box::new(|text, shown, date| {
                // A BibTeX entry has no digest day of its own: the day of the import.
                let day = date.unwrap_or_else(|| {
                    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).date_naive()
                });
                import::bibtex::parse(text, shown, day).map(|(p, w)| Parsed::papers(p, w))
            }),
        ),
        Format::DailyText(args) => (
            args,
            Box::new(|text, shown, date| {
                import::daily_text::parse(text, shown, date).map(|(p, w)| Parsed::papers(p, w))
            }),
        ),
    };
    let text = match read_input(&args.file) {
        Ok(t) => t,
        Err(e) => {
            print_errors(&[e]);
            return false;
        }
    };
    if let Err(e) = args.write.check_topics() {
        print_errors(&[e]);
        return false;
    }
    let shown = args.file.display().to_string();
    let Parsed {
        papers,
        warnings,
        note,
    } = match parse(&text, &shown, args.date) {
        Ok(parsed) => parsed,
        Err(errors) => {
            print_errors(&errors);
            eprintln!("Nothing was imported.");
            return false;
        }
    };
    print_warnings(&warnings);
    if let Some(note) = note {
        println!("{note}");
    }
    if papers.is_empty() {
        // An empty day is no failure: a scheduled job goes on.
        println!("{shown} has no papers to import: nothing was imported.");
        return true;
    }
    write_papers(&papers, &|_| None, &shown, args.date, &args.write)
}

/// Papers → those kept (`leave_out` gives the reason for any other) → entries written
/// → one line per paper and a count. `source` names the input in messages; `date` is the
/// digest day for every paper (`--date`). Returns whether it succeeded.
pub fn write_papers(
    papers: &[ImportedPaper],
    leave_out: &dyn Fn(&ImportedPaper) -> Option<String>,
    source: &str,
    date: Option<NaiveDate>,
    args: &WriteArgs,
) -> bool {
    let reasons: Vec<Option<String>> = papers.iter().map(leave_out).collect();
    let kept: Vec<ImportedPaper> = papers
        .iter()
        .zip(&reasons)
        .filter(|(_, reason)| reason.is_none())
        .map(|(p, _)| p.clone())
        .collect();
    let options = import::ImportOptions {
        source,
        date,
        topics: &args.topics,
        update: args.update,
        dry_run: args.dry_run,
    };
    let (outcomes, warnings) = match import::write_entries(&args.root.root, &kept, &options) {
        Ok(written) => written,
        Err(errors) => {
            print_errors(&errors);
            eprintln!("Nothing was imported.");
            return false;
        }
    };
    print_warnings(&warnings);
    let mut outcomes = outcomes.into_iter();
    let all: Vec<Outcome> = reasons
        .into_iter()
        .map(|reason| match reason {
            Some(reason) => Outcome::Skipped(reason),
            None => outcomes.next().expect("one outcome per kept paper"),
        })
        .collect();
    print_outcomes(papers, &all, args.dry_run);
    true
}

/// One line per paper, then a count of each outcome.
fn print_outcomes(papers: &[ImportedPaper], outcomes: &[Outcome], dry_run: bool) {
    let (mut new, mut updated, mut unchanged, mut skipped) = (0, 0, 0, 0);
    for (paper, outcome) in papers.iter().zip(outcomes) {
        match outcome {
            Outcome::New(path) => {
                new += 1;
                println!("new        {}  {}", path.display(), paper.title);
            }
            Outcome::Updated(path, abstract_differs) => {
                updated += 1;
                let note = if *abstract_differs {
                    "  (the source's abstract differs; your text was kept: compare and edit it by hand)"
                } else {
                    ""
                };
                println!("updated    {}  {}{note}", path.display(), paper.title);
            }
            Outcome::Unchanged(path) => {
                unchanged += 1;
                println!("unchanged  {}  {}", path.display(), paper.title);
            }
            Outcome::Skipped(reason) => {
                skipped += 1;
                println!("skipped    {}: {reason}", paper.title);
            }
        }
    }
    let verb = if dry_run { "would import" } else { "imported" };
    let count = papers.len();
    let noun = if count == 1 { "paper" } else { "papers" };
    println!(
        "{verb} {count} {noun}: {new} new, {updated} updated, {unchanged} unchanged, {skipped} skipped"
    );
}

/// What a format's parser found: the papers to import, warnings, and a line to print
/// about what it left out.
struct Parsed {
    papers: Vec<import::ImportedPaper>,
    warnings: Vec<Diagnostic>,
    note: Option<String>,
}

impl Parsed {
    fn papers(papers: Vec<import::ImportedPaper>, warnings: Vec<Diagnostic>) -> Parsed {
        Parsed {
            papers,
            warnings,
            note: None,
        }
    }
}

/// A format's parser: text, the file as shown in messages, `--date`.
type Parser = Box<dyn Fn(&str, &str, Option<NaiveDate>) -> Result<Parsed, Vec<Diagnostic>>>;
