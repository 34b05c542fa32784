//! Checks of the papers themselves: no two are the same paper (by arXiv id in any
//! version, or by DOI), every one has a topic, and every one has a real abstract rather
//! than nothing or the text `paperpress new` leaves for the user to replace.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};

use super::lines;
use crate::content::Paper;
use crate::diagnostics::{Diagnostic, Kind};
use crate::render::Theme;
use crate::site::Site;

/// The placeholder abstract of the default theme's `templates/entry.md`.
pub const DEFAULT_PLACEHOLDER: &str = "The abstract goes here, in Markdown.";

/// Errors for papers that are another entry's paper: same arXiv id in any version, or
/// same DOI (ignoring case). The entry whose path sorts first is taken as the original;
/// each other one gets an error naming it.
pub fn duplicates(root: &Path, papers: &[&Paper]) -> Vec<Diagnostic> {
    let mut papers = papers.to_vec();
    papers.sort_by(|a, b| a.source.cmp(&b.source));
    let mut by_arxiv: HashMap<&str, &Paper> = HashMap::new();
    let mut by_doi: HashMap<String, &Paper> = HashMap::new();
    let mut errors = Vec::new();
    for paper in papers {
        let mut same_as = None;
        if let Some(id) = &paper.arxiv {
            match by_arxiv.entry(id.id.as_str()) {
                Entry::Occupied(first) => {
                    let first = *first.get();
                    let theirs = first.arxiv.as_ref().map(ToString::to_string);
                    same_as = Some(first.source.as_path());
                    errors.push(duplicate(
                        root,
                        paper,
                        "arxiv",
                        format!(
                            "{:?} is the same paper as {} (arxiv = {:?})",
                            id.to_string(),
                            first.source.display(),
                            theirs.unwrap_or_default()
                        ),
                    ));
                }
                Entry::Vacant(slot) => {
                    slot.insert(paper);
                }
            }
        }
        if let Some(doi) = doi_of(paper) {
            match by_doi.entry(doi.to_lowercase()) {
                // Already reported as the same arXiv paper.
                Entry::Occupied(first) if Some(first.get().source.as_path()) == same_as => {}
                Entry::Occupied(first) => errors.push(duplicate(
                    root,
                    paper,
                    "links.doi",
                    format!(
                        "{doi:?} is also the DOI of {}",
                        first.get().source.display()
                    ),
                )),
                Entry::Vacant(slot) => {
                    slot.insert(paper);
                }
            }
        }
    }
    errors
}

/// `10.1234/x` from `links.doi` (a DOI or a resolver URL).
fn doi_of(paper: &Paper) -> Option<String> {
    let link = paper.links.get("doi")?;
    let start = link.find("10.")?;
    let doi = &link[start..];
    doi.contains('/').then(|| doi.to_string())
}

fn duplicate(root: &Path, paper: &Paper, key: &str, what: String) -> Diagnostic {
    Diagnostic::new(
        &paper.source,
        lines::of_key(root, &paper.source, key),
        format!("{key}: {what}; keep one of the two entries"),
    )
    .of_kind(Kind::DuplicatePaper)
}

/// Warnings for papers that end up in no topic.
pub fn without_topic(root: &Path, site: &Site) -> Vec<Diagnostic> {
    site.papers
        .iter()
        .filter(|node| node.place.topics.is_empty())
        .map(|node| {
            let paper = &node.paper;
            let (line, message) = match &paper.topics {
                Some(_) => (
                    lines::of_key(root, &paper.source, "topics"),
                    "topics: the list is empty, so the paper is in no topic; name at least one",
                ),
                None => (
                    None,
                    "no topic: no keyword rule of site.toml matches the paper; add `topics = [\"...\"]` to it or a keyword to a [[topics]] rule",
                ),
            };
            Diagnostic::new(&paper.source, line, message).of_kind(Kind::NoTopic)
        })
        .collect()
}

/// Warnings for papers still in the site though `[fetch] exclude` names them: the editor
/// removed them from future imports, but not from the site.
pub fn excluded_but_present(site: &Site) -> Vec<Diagnostic> {
    site.papers
        .iter()
        .filter_map(|node| {
            let paper = &node.paper;
            let doi = paper
                .links
                .get("doi")
                .and_then(|d| crate::import::text::doi_of(d));
            let item = site
                .config
                .fetch
                .excludes(paper.arxiv.as_ref(), doi.as_deref())?;
            Some(
                Diagnostic::new(
                    &paper.source,
                    None,
                    format!(
                        "{item} is in site.toml's [fetch] exclude, yet this entry is still in the site; delete the entry to remove the paper, or take it out of exclude"
                    ),
                )
                .of_kind(Kind::ExcludedPaper),
            )
        })
        .collect()
}

/// The texts that mark an abstract nobody wrote: the default theme's placeholder, and the
/// first paragraph of the entry template in effect when it is plain text.
pub fn placeholders(theme: &Theme) -> Vec<String> {
    let mut texts = vec![DEFAULT_PLACEHOLDER.to_string()];
    let template_body = theme.entry.as_ref().and_then(|t| {
        // The body is what follows the second fence line (`+++` or `---`).
        let mut fences = 0;
        let body: Vec<&str> = t
            .source
            .lines()
            .skip_while(|line| {
                if fences < 2 && matches!(line.trim_end(), "+++" | "---") {
                    fences += 1;
                    return true;
                }
                fences < 2
            })
            .collect();
        let body = body.join("\n");
        let first = body.trim().split("\n\n").next()?.trim();
        let plain = !first.is_empty() && !first.contains("{{") && !first.contains("{%");
        plain.then(|| one_line(first))
    });
    texts.extend(template_body.filter(|t| *t != texts[0]));
    texts
}

/// Warnings for papers whose abstract is empty, still the placeholder, or a lone
/// "Abstract" heading with nothing under it.
pub fn placeholder_abstracts(
    root: &Path,
    papers: &[&Paper],
    placeholders: &[String],
) -> Vec<Diagnostic> {
    papers
        .iter()
        .filter_map(|paper| {
            let (needle, message) = abstract_problem(&paper.body, placeholders)?;
            let line = needle.and_then(|n| lines::in_body(root, &paper.source, &[n.as_str()]));
            Some(Diagnostic::new(&paper.source, line, message).of_kind(Kind::PlaceholderAbstract))
        })
        .collect()
}

/// What is wrong with an abstract, and a piece of text that finds its line.
fn abstract_problem(body: &str, placeholders: &[String]) -> Option<(Option<String>, String)> {
    let blocks = blocks(body);
    if blocks.is_empty() {
        return Some((
            None,
            "the abstract is empty; write it below the front matter".into(),
        ));
    }
    let flat = one_line(body);
    if let Some(text) = placeholders.iter().find(|p| flat.contains(p.as_str())) {
        let first_words = text
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        return Some((
            Some(first_words),
            format!(
                "the abstract is still the placeholder {text:?} of `paperpress new`; replace it with the paper's abstract"
            ),
        ));
    }
    let lone = blocks.iter().enumerate().find(|(k, block)| {
        let text = block.text.trim().trim_end_matches([':', '.']).trim();
        text.eq_ignore_ascii_case("abstract")
            && blocks.get(k + 1).is_none_or(|next| next.is_heading)
    })?;
    Some((
        Some(lone.1.text.trim().to_string()),
        "the abstract is a lone \"Abstract\" with nothing under it; write the abstract there"
            .into(),
    ))
}

/// A top-level block of Markdown (paragraph, heading, list, ...) with its text.
struct Block {
    is_heading: bool,
    text: String,
}

/// The top-level blocks of a body that have any text (an HTML comment has none).
fn blocks(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<Block> = None;
    for event in Parser::new(body) {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    current = Some(Block {
                        is_heading: matches!(tag, Tag::Heading { .. }),
                        text: String::new(),
                    });
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some(block) = current.take()
                    && !block.text.trim().is_empty()
                {
                    blocks.push(block);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if let Some(block) = current.as_mut() {
                    block.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = current.as_mut() {
                    block.text.push(' ');
                }
            }
            _ => {}
        }
    }
    blocks
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(body: &str) -> Option<String> {
        abstract_problem(body, &[DEFAULT_PLACEHOLDER.to_string()]).map(|(_, m)| m)
    }

    #[test]
    fn abstracts_nobody_wrote() {
        assert!(problem("").unwrap().contains("empty"));
        assert!(problem("\n<!-- more -->\n").unwrap().contains("empty"));
        assert!(
            problem("The abstract goes here,\nin Markdown. Math works: $x$.")
                .unwrap()
                .contains("placeholder")
        );
        assert!(problem("## Abstract\n").unwrap().contains("lone"));
        assert!(
            problem("**Abstract:**\n\n## Notes\n\nMine.")
                .unwrap()
                .contains("lone")
        );
        assert_eq!(problem("## Abstract\n\nWe scale things."), None);
        assert_eq!(problem("Abstract algebra, for language models."), None);
        assert_eq!(problem("We study abstracts.\n\n## Abstract"), Some(
            "the abstract is a lone \"Abstract\" with nothing under it; write the abstract there".into()
        ));
    }

    #[test]
    fn the_default_entry_template_has_the_placeholder() {
        let theme = Theme::load(Path::new("/nonexistent"), "default").unwrap();
        let texts = placeholders(&theme);
        assert_eq!(texts[0], DEFAULT_PLACEHOLDER);
        assert!(texts[1].starts_with(DEFAULT_PLACEHOLDER), "{texts:?}");
    }
}
