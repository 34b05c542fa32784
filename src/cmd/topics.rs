//! `paperpress topics`: the digest's topics with their paper counts and distinctive
//! words; `--explain PAPER`, why one paper got its topics; `--suggest`, rules to propose,
//! as `site.toml` snippets. It reads the site and changes nothing.

use std::path::Path;

use paperpress::content::arxiv::ArxivId;
use paperpress::pipeline::{BuildOptions, Session};
use paperpress::site::topic_report::{self, Proposal, TOO_LARGE};
use paperpress::site::{Site, TopicMatcher};

use super::print_errors;
use crate::RootArg;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// Show why one paper got its topics: the words and phrases of each rule that
    /// matched. PAPER is its slug, its entry file or its arXiv id
    #[arg(long, value_name = "PAPER", conflicts_with = "suggest")]
    explain: Option<String>,
    /// Propose topic rules, as site.toml snippets, for papers without a topic and for
    /// topics that hold more than 30% of the papers. Nothing is changed
    #[arg(long)]
    suggest: bool,
    /// Count entries marked `draft = true` too, as `build --drafts` publishes them
    #[arg(long)]
    drafts: bool,
}

pub fn run(args: Args) -> bool {
    let root = args.root.root;
    if !root.join(paperpress::config::CONFIG_FILE).is_file() {
        print_errors(&[paperpress::config::not_a_site(&root)]);
        return false;
    }
    let mut session = Session::open(BuildOptions {
        output: root.join("output"),
        root: root.clone(),
        base_url: None,
        include_drafts: args.drafts,
    });
    let (site, report) = session.graph();
    if report.has_errors() {
        print_errors(&report.errors);
        eprintln!("Fix the errors above first: topics are read from a site that builds.");
        return false;
    }
    if let Some(wanted) = args.explain {
        return explain(&site, &root, &wanted);
    }
    if args.suggest {
        suggest(&site);
    } else {
        list(&site);
    }
    true
}

fn list(site: &Site) {
    let (topics, untopiced) = topic_report::summaries(site);
    let n = site.papers.len();
    if topics.is_empty() {
        println!("No topics yet. `paperpress topics --suggest` proposes some.");
    }
    let width = topics
        .iter()
        .map(|t| t.name.chars().count())
        .max()
        .unwrap_or(0);
    for t in &topics {
        println!(
            "{:<width$}  {:>5} paper{} ({:>2.0}%)  {}",
            t.name,
            t.papers,
            if t.papers == 1 { " " } else { "s" },
            percent(t.papers, n),
            t.terms.join(", ")
        );
    }
    if untopiced > 0 {
        println!(
            "{untopiced} of {n} papers have no topic: `paperpress topics --suggest` proposes rules for them."
        );
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// Finds the paper by slug, entry file or arXiv id, and prints why it has its topics.
fn explain(site: &Site, root: &Path, wanted: &str) -> bool {
    let Some(index) = find_paper(site, root, wanted) else {
        eprintln!(
            "error: no paper has the slug, entry file or arXiv id {wanted:?}; try a slug from a paper's address (papers/<slug>/), a path such as content/papers/2025-05-09/x.md, or an id such as 2505.01234 (add --drafts for a draft)"
        );
        return false;
    };
    let node = &site.papers[index];
    let paper = &node.paper;
    println!("{}", node.title.plain);
    println!("  entry: {}", paper.source.display());
    let names: Vec<&str> = node
        .place
        .topics
        .iter()
        .map(|&t| site.topics[t].name.as_str())
        .collect();
    let config = &site.config;
    let matcher = TopicMatcher::new(&config.topics).with_max(config.max_topics);
    let found = matcher.explain(&paper.title, &paper.body);
    if paper.topics.is_some() {
        println!(
            "  topics: {} (written in the entry, so the rules of site.toml are not applied)",
            list_or_none(&names)
        );
        if !found.is_empty() {
            println!("  the rules would have matched:");
        }
    } else {
        println!(
            "  topics: {} (from the rules of site.toml, at most max_topics = {})",
            list_or_none(&names),
            config.max_topics
        );
    }
    for m in &found {
        let name = &config.topics[m.topic].name;
        let hits: usize = m.keywords.iter().map(|(_, n)| n).sum();
        let words: Vec<String> = m
            .keywords
            .iter()
            .map(|(k, n)| {
                if *n > 1 {
                    format!("\"{k}\" ×{n}")
                } else {
                    format!("\"{k}\"")
                }
            })
            .collect();
        let verdict = if !m.excluded_by.is_empty() {
            let phrases: Vec<String> = m.excluded_by.iter().map(|e| format!("\"{e}\"")).collect();
            format!("excluded by {}", phrases.join(", "))
        } else if m.given || paper.topics.is_some() {
            format!("{hits} hit{}", if hits == 1 { "" } else { "s" })
        } else {
            format!(
                "{hits} hit{}, dropped: max_topics = {} keeps topics with more hits",
                if hits == 1 { "" } else { "s" },
                config.max_topics
            )
        };
        let words = if words.is_empty() {
            String::new()
        } else {
            format!(": {}", words.join(", "))
        };
        println!("    {name} ({verdict}){words}");
    }
    if found.is_empty() && paper.topics.is_none() {
        println!("  no keyword of any topic is in its title or abstract");
    }
    true
}

fn list_or_none(names: &[&str]) -> String {
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

fn find_paper(site: &Site, root: &Path, wanted: &str) -> Option<usize> {
    let wanted = wanted.trim();
    let by_slug = site
        .papers
        .iter()
        .position(|p| p.place.slug == wanted.trim_matches('/').trim_start_matches("papers/"));
    let by_id = || {
        let id = ArxivId::parse(wanted)?;
        site.papers
            .iter()
            .position(|p| p.paper.arxiv.as_ref().is_some_and(|a| a.id == id.id))
    };
    let by_file = || {
        let given = Path::new(wanted);
        let candidates = [given.to_path_buf(), root.join(given)];
        let same = |source: &Path| {
            candidates.iter().any(|c| {
                c == source
                    || std::fs::canonicalize(c)
                        .ok()
                        .zip(std::fs::canonicalize(source).ok())
                        .is_some_and(|(a, b)| a == b)
            })
        };
        site.papers.iter().position(|p| same(&p.paper.source))
    };
    by_slug.or_else(by_id).or_else(by_file)
}

fn suggest(site: &Site) {
    let suggestions = topic_report::suggest(site);
    let n = site.papers.len();
    println!("# Proposed topic rules. Nothing was changed: copy the ones you want into site.toml.");
    let (count, proposals) = &suggestions.untopiced;
    if *count > 0 {
        println!();
        println!("# {count} of {n} papers have no topic. Topics that would give some of them one:");
        print_proposals(site, proposals);
    }
    for (topic, proposals) in &suggestions.too_large {
        let t = &site.topics[*topic];
        println!();
        println!(
            "# \"{}\" holds {} of {n} papers ({:.0}%), more than {:.0}%. Narrower topics among its papers:",
            t.name,
            t.papers.len(),
            percent(t.papers.len(), n),
            TOO_LARGE * 100.0
        );
        println!("# (then narrow its own keywords, or add these words to its `exclude`)");
        print_proposals(site, proposals);
    }
    if *count == 0 && suggestions.too_large.is_empty() {
        println!(
            "# Every paper has a topic, and no topic holds more than {:.0}% of the papers.",
            TOO_LARGE * 100.0
        );
    }
}

fn print_proposals(site: &Site, proposals: &[Proposal]) {
    if proposals.is_empty() {
        println!("# (none: no word is shared by enough of these papers)");
    }
    for p in proposals {
        let examples: Vec<String> = p
            .papers
            .iter()
            .take(2)
            .map(|&i| format!("\"{}\"", site.papers[i].title.plain))
            .collect();
        println!();
        println!(
            "# {} paper{}, e.g. {}",
            p.papers.len(),
            if p.papers.len() == 1 { "" } else { "s" },
            examples.join("; ")
        );
        println!("[[topics]]");
        println!("name = {}", toml_string(&p.name));
        let keywords: Vec<String> = p.keywords.iter().map(|k| toml_string(k)).collect();
        println!("keywords = [{}]", keywords.join(", "));
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}
