//! `paperpress new`

use chrono::NaiveDate;

use super::print_errors;
use crate::RootArg;
use crate::cmd::import::parse_date;

#[derive(clap::Args)]
pub struct Args {
    /// The paper's title
    title: String,
    /// Its arXiv id (e.g. 2309.05494 or 2309.05494v2)
    #[arg(long, value_name = "ID")]
    arxiv: Option<String>,
    /// The digest day [default: today, in UTC]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<NaiveDate>,
    #[command(flatten)]
    root: RootArg,
}

pub fn run(args: Args) -> bool {
    let date = args.date.unwrap_or_else(|| {
        chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).date_naive()
    });
    match paperpress::scaffold::new_entry(&args.root.root, &args.title, args.arxiv.as_deref(), date)
    {
        Ok((path, warnings)) => {
            super::print_warnings(&warnings);
            println!("{}", args.root.root.join(path).display());
            true
        }
        Err(errors) => {
            print_errors(&errors);
            false
        }
    }
}
