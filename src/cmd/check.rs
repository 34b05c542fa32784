//! `paperpress check`

use std::process::ExitCode;

use paperpress::check::{self, CheckOptions};
use paperpress::diagnostics::Kind;
use paperpress::pipeline::BuildOptions;

use crate::RootArg;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// Include entries marked `draft = true`
    #[arg(long)]
    drafts: bool,
    /// Absolute URL the site is published at, overriding base_url in site.toml; links
    /// below it count as internal
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Warn when the newest digest day is more than DAYS days before today (UTC)
    #[arg(long, value_name = "DAYS")]
    max_age: Option<u64>,
    /// How to print the report: `human` lines, `json` for tools, or `github` for GitHub
    /// Actions (each problem an annotation on the run, then the summary line)
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with status 2 when there are warnings (and no errors)
    #[arg(long)]
    deny_warnings: bool,
    /// Exit with status 2 on warnings of this kind only, e.g. stale-digest (repeat for
    /// several; the kinds are those of the JSON report)
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    deny: Vec<Kind>,
}

fn parse_kind(name: &str) -> Result<Kind, String> {
    Kind::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        format!("unknown kind {name:?}; the kinds are {}", names.join(", "))
    })
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
}

pub fn run(args: Args) -> ExitCode {
    let root = args.root.root;
    let today = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).date_naive();
    let options = CheckOptions {
        build: BuildOptions {
            // Never written: the check builds in memory.
            output: root.join("output"),
            root,
            base_url: args.base_url,
            include_drafts: args.drafts,
        },
        max_age: args.max_age,
        today,
    };
    let report = check::check(&options);
    match args.format {
        Format::Json => println!("{}", report.to_json()),
        Format::Human | Format::Github => {
            let github = matches!(args.format, Format::Github);
            for e in &report.errors {
                if github {
                    println!("{}", check::github::command("error", e));
                } else {
                    println!("error: {e}");
                }
            }
            for w in &report.warnings {
                if github {
                    println!("{}", check::github::command("warning", w));
                } else {
                    println!("warning: {w}");
                }
            }
            let count =
                |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
            println!(
                "Checked {} and {}: {}, {}.",
                count(report.papers, "paper"),
                count(report.pages, "page"),
                count(report.errors.len(), "error"),
                count(report.warnings.len(), "warning"),
            );
        }
    }
    ExitCode::from(report.exit_code(args.deny_warnings, &args.deny))
}
