//! `paperpress build`

use std::path::PathBuf;

use paperpress::pipeline::{self, BuildOptions};

use super::{print_errors, print_warnings};
use crate::RootArg;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// Output folder [default: <root>/output]
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Absolute URL the site is published at, overriding base_url in site.toml
    /// (e.g. https://user.github.io/digest/)
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include entries marked `draft = true`
    #[arg(long)]
    drafts: bool,
}

impl Args {
    pub fn root(&self) -> &std::path::Path {
        &self.root.root
    }

    /// The build's options, for the site at `root` (the given one, or its absolute form).
    pub fn into_options(self, root: PathBuf) -> BuildOptions {
        BuildOptions {
            output: self.output.unwrap_or_else(|| root.join("output")),
            root,
            base_url: self.base_url,
            include_drafts: self.drafts,
        }
    }
}

pub fn run(args: Args) -> bool {
    let root = args.root.root.clone();
    let options = args.into_options(root);
    let output = options.output.clone();
    match pipeline::build(&options) {
        Ok(summary) if summary.unchanged => {
            print_warnings(&summary.warnings);
            println!(
                "Nothing changed since the last build: {} is up to date ({} papers, {} pages; checked in {:.2} s, nothing written; delete .paperpress/builds/ to build anyway)",
                output.display(),
                summary.papers,
                summary.pages,
                summary.elapsed.as_secs_f64()
            );
            true
        }
        Ok(summary) => {
            print_warnings(&summary.warnings);
            println!(
                "Built {} paper{} into {} pages in {} ({} files) in {:.2} s",
                summary.papers,
                if summary.papers == 1 { "" } else { "s" },
                summary.pages,
                output.display(),
                summary.files_written,
                summary.elapsed.as_secs_f64()
            );
            true
        }
        Err(report) => {
            print_warnings(&report.warnings);
            print_errors(&report.errors);
            let n = report.errors.len();
            let errors = format!("{n} error{}", if n == 1 { "" } else { "s" });
            if output.exists() {
                eprintln!(
                    "Build failed with {errors}; {} was left as it was.",
                    output.display()
                );
            } else {
                eprintln!("Build failed with {errors}; nothing was written.");
            }
            false
        }
    }
}
