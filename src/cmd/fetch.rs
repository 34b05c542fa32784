//! `paperpress fetch <source>`: downloads papers and writes them as `import` would.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use paperpress::config::Config;
use paperpress::fetch::curation::Curation;
use paperpress::fetch::http::{Client, HttpOptions};
use paperpress::fetch::sources::{self, arxiv_query, arxiv_rss, hf_daily};
use paperpress::fetch::{self, cache};
use paperpress::import::arxiv_rss::AnnounceTypes;

use super::import::{WriteArgs, parse_announce, parse_date, write_papers};
use super::{print_errors, print_warnings};

#[derive(clap::Subcommand)]
pub enum Source {
    /// The Hugging Face daily papers of one day (huggingface.co/api/daily_papers). The
    /// day is the papers' digest day.
    HfDaily {
        /// The day [default: today, in UTC]
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        args: Args,
    },
    /// The announcements of the day in some arXiv categories (rss.arxiv.org/rss/CATEGORY).
    /// The feed's day is the papers' digest day; on weekends and holidays it is empty.
    ArxivRss {
        /// arXiv categories, e.g. cs.CL cs.LG
        #[arg(required = true, value_name = "CATEGORY", value_parser = arxiv_rss::check_category)]
        categories: Vec<String>,
        /// The announce types to take, comma-separated: new, cross, replace,
        /// replace-cross, absonly. Replacements only update entries already in the site,
        /// under --update
        #[arg(long, value_name = "TYPES", default_value = "new,cross", value_parser = parse_announce)]
        announce: AnnounceTypes,
        #[command(flatten)]
        args: Args,
    },
    /// The papers an arXiv API query finds (export.arxiv.org/api/query), newest
    /// submissions first, page by page.
    ArxivQuery {
        /// The query in arXiv's syntax, e.g. "cat:cs.CL AND ti:diffusion"
        query: String,
        /// The most papers to fetch
        #[arg(long, value_name = "N", default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
        max: u32,
        /// Papers asked for in one call (arXiv gives at most 2000)
        #[arg(long, value_name = "N", default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=arxiv_query::LARGEST_PAGE as i64))]
        page_size: u32,
        #[command(flatten)]
        args: Args,
    },
}

/// What every source takes.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    write: WriteArgs,
    /// Call this address instead of the source's own (a mirror); the source's query is
    /// added to it
    #[arg(long, value_name = "URL", value_parser = parse_endpoint)]
    endpoint: Option<String>,
    /// Seconds to wait for a connection, for a reply to start, and between two reads of it
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = parse_seconds)]
    timeout: Duration,
    /// Least seconds between two calls [default: 3 for the arXiv API, as arXiv asks; 0 otherwise]
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    delay: Option<Duration>,
    /// How many times a call that failed on the way (no connection, a timeout, a cut-off
    /// reply, HTTP 429 or 5xx) is tried again, waiting 1, 2, 4, ... seconds or what the
    /// server's Retry-After asks (up to 2 minutes)
    #[arg(long, value_name = "N", default_value_t = 3)]
    retries: u32,
}

fn parse_seconds(s: &str) -> Result<Duration, String> {
    s.parse::<f64>()
        .ok()
        .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
        .ok_or_else(|| format!("expected a number of seconds, found {s:?}"))
}

fn parse_endpoint(s: &str) -> Result<String, String> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') => Ok(s.to_string()),
        _ => Err(format!(
            "expected an http(s) URL such as \"https://mirror.example.org/api/query\", found {s:?}"
        )),
    }
}

pub fn run(source: Source) -> bool {
    let now: DateTime<Utc> = std::time::SystemTime::now().into();
    let (source, args): (Box<dyn sources::Source>, Args) = match source {
        Source::HfDaily { date, args } => (
            Box::new(hf_daily::HfDaily {
                endpoint: args
                    .endpoint
                    .clone()
                    .unwrap_or_else(|| hf_daily::ENDPOINT.into()),
                day: date.unwrap_or(now.date_naive()),
            }),
            args,
        ),
        Source::ArxivRss {
            categories,
            announce,
            args,
        } => (
            Box::new(arxiv_rss::ArxivRss {
                endpoint: args
                    .endpoint
                    .clone()
                    .unwrap_or_else(|| arxiv_rss::ENDPOINT.into()),
                categories,
                announce,
                started: now,
            }),
            args,
        ),
        Source::ArxivQuery {
            query,
            max,
            page_size,
            args,
        } => (
            Box::new(arxiv_query::ArxivQuery {
                endpoint: args
                    .endpoint
                    .clone()
                    .unwrap_or_else(|| arxiv_query::ENDPOINT.into()),
                query,
                max: max as usize,
                page_size: page_size as usize,
                started: now,
            }),
            args,
        ),
    };
    let root = &args.write.root.root;
    // The site is checked before any call: a fetch into the wrong folder fails at once.
    let checked = args
        .write
        .check_topics()
        .map_err(|e| vec![e])
        .and_then(|()| Config::load(root))
        .and_then(|config| Curation::new(&config).map_err(|e| vec![e]));
    let curation = match checked {
        Ok(curation) => curation,
        Err(errors) => {
            print_errors(&errors);
            return false;
        }
    };
    let mut client = Client::new(HttpOptions {
        timeout: args.timeout,
        retries: args.retries,
        delay: args.delay.unwrap_or(source.default_delay()),
    });
    let fetched = match fetch::fetch(source.as_ref(), &mut client) {
        Ok(fetched) => fetched,
        Err(errors) => {
            print_errors(&errors);
            eprintln!("Nothing was written.");
            return false;
        }
    };
    if !args.write.dry_run {
        match cache::save(root, source.name(), &fetched.replies) {
            Ok(saved) => {
                for file in saved {
                    eprintln!(
                        "saved {} (paperpress import {} reads it)",
                        file.display(),
                        source.import_format()
                    );
                }
            }
            Err(e) => {
                print_errors(&[e]);
                eprintln!("Nothing was written.");
                return false;
            }
        }
    }
    print_warnings(&fetched.warnings);
    if fetched.papers.is_empty() {
        println!("{}", source.nothing_found());
        return true;
    }
    let mut papers = fetched.papers;
    let shown = match fetched.replies.as_slice() {
        [(only, _)] => only.url.clone(),
        [(first, _), rest @ ..] => {
            // A line number would not say which page it is in: messages name the title.
            for paper in &mut papers {
                paper.source_line = 0;
            }
            format!("{} and {} more pages", first.url, rest.len())
        }
        [] => source.name().to_string(),
    };
    write_papers(
        &papers,
        &|paper| curation.reason_to_leave_out(paper),
        &shown,
        source.date(),
        &args.write,
    )
}
