//! arXiv's announcement feeds in RSS 2.0 (`rss.arxiv.org/rss/<category>`): what arXiv
//! announced on one day, as items of four types. `new` and `cross` (a cross-listing from
//! another category) are papers announced that day; `replace` and `replace-cross` are
//! new versions of papers announced before, which may only update entries already in the
//! site (`ImportedPaper::updates_only`). `AnnounceTypes` chooses which types are kept.
//!
//! Each item's `<description>` reads "arXiv:2604.22002v1 Announce Type: new \nAbstract:
//! ...": the id, its version and the type come from there, else from the `guid`
//! (`oai:arXiv.org:2604.22002v1`) and `<arxiv:announce_type>`. `dc:creator` is one
//! comma-joined string of names, where a person known by one name leaves a doubled
//! separator ("Ratna Kandala,  Deepti") and affiliations follow in parentheses.
//!
//! The digest day is the announcement day: the item's `pubDate`, else the channel's, as
//! a date in the feed's own offset (arXiv writes midnight in New York time, whose UTC
//! date would be the day before).

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate};
use roxmltree::Node;

use super::ImportedPaper;
use super::text::{doi_of, unwrap_line, unwrap_unwrapped_paragraphs};
use super::xml::{self, ARXIV, DUBLIN_CORE, NO_NAMESPACE, children, is, text_of};
use crate::content::arxiv::ArxivId;
use crate::content::partial_date::PartialDate;
use crate::diagnostics::Diagnostic;

/// What an item announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AnnounceType {
    /// A paper announced for the first time, in its primary category.
    New,
    /// A paper announced for the first time, cross-listed from another category.
    Cross,
    /// A new version of a paper announced before.
    Replace,
    /// A new version of a paper announced before in another category.
    ReplaceCross,
    /// A replacement of the abstract only (arXiv's feeds leave these out today).
    AbsOnly,
}

impl AnnounceType {
    pub const ALL: [AnnounceType; 5] = [
        AnnounceType::New,
        AnnounceType::Cross,
        AnnounceType::Replace,
        AnnounceType::ReplaceCross,
        AnnounceType::AbsOnly,
    ];

    /// The name arXiv writes, which `--announce` takes too.
    pub fn name(self) -> &'static str {
        match self {
            AnnounceType::New => "new",
            AnnounceType::Cross => "cross",
            AnnounceType::Replace => "replace",
            AnnounceType::ReplaceCross => "replace-cross",
            AnnounceType::AbsOnly => "absonly",
        }
    }

    pub fn parse(name: &str) -> Option<AnnounceType> {
        let name = name.trim();
        AnnounceType::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(name))
    }

    /// Whether the item is a change to a paper announced on an earlier day, rather than
    /// a paper of this day: then it may only update an entry already in the site.
    pub fn updates_only(self) -> bool {
        !matches!(self, AnnounceType::New | AnnounceType::Cross)
    }
}

/// The announce types an import keeps, as `--announce new,cross` gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnounceTypes(Vec<AnnounceType>);

impl Default for AnnounceTypes {
    /// `new` and `cross`: the papers announced that day.
    fn default() -> Self {
        AnnounceTypes(vec![AnnounceType::New, AnnounceType::Cross])
    }
}

impl FromStr for AnnounceTypes {
    type Err = String;

    /// A comma-separated list of types: `new,cross,replace`.
    fn from_str(text: &str) -> Result<Self, String> {
        let mut types = Vec::new();
        for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let Some(t) = AnnounceType::parse(name) else {
                return Err(format!(
                    "unknown announce type {name:?}: choose from {}",
                    AnnounceType::ALL.map(AnnounceType::name).join(", ")
                ));
            };
            if !types.contains(&t) {
                types.push(t);
            }
        }
        if types.is_empty() {
            return Err(format!(
                "no announce type given: choose from {}",
                AnnounceType::ALL.map(AnnounceType::name).join(", ")
            ));
        }
        types.sort();
        Ok(AnnounceTypes(types))
    }
}

impl AnnounceTypes {
    pub fn contains(&self, t: AnnounceType) -> bool {
        self.0.contains(&t)
    }

    /// The papers of the chosen types, in the feed's order, and how many of each other
    /// type were left out.
    pub fn select(&self, items: Vec<Announced>) -> Selection {
        let mut selection = Selection::default();
        for item in items {
            if self.contains(item.announce_type) {
                selection.papers.push(item.paper);
            } else {
                *selection.left_out.entry(item.announce_type).or_default() += 1;
            }
        }
        selection
    }
}

/// One item of a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Announced {
    pub announce_type: AnnounceType,
    pub paper: ImportedPaper,
}

/// What `AnnounceTypes::select` keeps and leaves out.
#[derive(Debug, Default, PartialEq)]
pub struct Selection {
    pub papers: Vec<ImportedPaper>,
    pub left_out: BTreeMap<AnnounceType, usize>,
}

impl Selection {
    /// "left out 2 items: 1 replace, 1 replace-cross (choose the types with
    /// --announce)", when any was.
    pub fn left_out_note(&self) -> Option<String> {
        let total: usize = self.left_out.values().sum();
        (total > 0).then(|| {
            let each: Vec<String> = self
                .left_out
                .iter()
                .map(|(t, n)| format!("{n} {}", t.name()))
                .collect();
            format!(
                "left out {total} item{} by announce type: {} (choose the types with --announce)",
                if total == 1 { "" } else { "s" },
                each.join(", ")
            )
        })
    }
}

/// Parses a whole feed, items of every type, in the feed's order. Every broken item is
/// an error with its line, and any error means no item is returned. Items of a type
/// paperpress does not know are left out with a warning.
pub fn parse(
    text: &str,
    shown: &str,
) -> Result<(Vec<Announced>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let doc = xml::parse(
        text,
        shown,
        "an arXiv RSS feed (rss.arxiv.org/rss/CATEGORY)",
    )
    .map_err(|e| vec![e])?;
    let root = doc.root_element();
    let at_root = |message: &str| {
        vec![Diagnostic::new(
            shown,
            Some(xml::line_of(&doc, root)),
            message,
        )]
    };
    if is(&root, xml::ATOM, "feed") {
        return Err(at_root(
            "this is an Atom feed, not RSS: import an arXiv API response with `paperpress import arxiv-atom`",
        ));
    }
    let Some(channel) = is(&root, NO_NAMESPACE, "rss")
        .then(|| children(root, NO_NAMESPACE, "channel").next())
        .flatten()
    else {
        return Err(at_root(
            "not an RSS 2.0 feed (no <rss> with a <channel>); rss.arxiv.org/rss/CATEGORY sends one",
        ));
    };
    // arXiv answers a bad category with a feed whose title says so, and no items.
    let title = unwrap_line(&text_of(channel, NO_NAMESPACE, "title").unwrap_or_default());
    if title.starts_with("Feed error for query") {
        let reason =
            unwrap_line(&text_of(channel, NO_NAMESPACE, "description").unwrap_or_default());
        return Err(at_root(&format!("arXiv answered with an error: {reason}")));
    }
    let channel_day = match text_of(channel, NO_NAMESPACE, "pubDate") {
        Some(date) => Some(announcement_day(&date).ok_or_else(|| {
            let line = children(channel, NO_NAMESPACE, "pubDate")
                .next()
                .map(|n| xml::line_of(&doc, n));
            vec![Diagnostic::new(
                shown,
                line,
                format!(
                    "the channel's <pubDate> {:?} is not an RFC 2822 date",
                    date.trim()
                ),
            )]
        })?),
        None => None,
    };

    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for (i, node) in children(channel, NO_NAMESPACE, "item").enumerate() {
        let line = xml::line_of(&doc, node);
        match item(node, line, channel_day) {
            Ok(Item::Known(mut announced)) => {
                // The position in the feed as arXiv published it, whatever is chosen:
                // the source's order. A replacement says nothing of that day's papers.
                if !announced.announce_type.updates_only() {
                    announced.paper.rank = Some(i as u64 + 1);
                }
                items.push(*announced);
            }
            Ok(Item::Unknown(message)) => {
                warnings.push(Diagnostic::new(shown, Some(line), message))
            }
            Err(message) => errors.push(Diagnostic::new(shown, Some(line), message)),
        }
    }
    if errors.is_empty() {
        Ok((items, warnings))
    } else {
        Err(errors)
    }
}

/// `parse`, then `AnnounceTypes::select`: the papers to import, and the warnings.
pub fn parse_selected(
    text: &str,
    shown: &str,
    chosen: &AnnounceTypes,
) -> Result<(Selection, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (items, warnings) = parse(text, shown)?;
    Ok((chosen.select(items), warnings))
}

/// The date of an RFC 2822 timestamp, in its own offset: "Mon, 27 Apr 2026 00:00:00
/// -0400" is 27 April.
fn announcement_day(text: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc2822(text.trim())
        .ok()
        .map(|t| t.date_naive())
}

enum Item {
    Known(Box<Announced>),
    /// Left out, with the reason.
    Unknown(String),
}

/// The parts of a `<description>`: "arXiv:ID Announce Type: TYPE \nAbstract: TEXT".
struct Description<'a> {
    id: Option<&'a str>,
    announce_type: Option<&'a str>,
    abstract_text: &'a str,
}

fn description(text: &str) -> Description<'_> {
    let (head, abstract_text) = match text.find("Abstract:") {
        Some(at) => (&text[..at], &text[at + "Abstract:".len()..]),
        // Without the label, a description that does not start with the id is all
        // abstract.
        None if !text.trim_start().starts_with("arXiv:") => ("", text),
        None => (text, ""),
    };
    let id = head.split_whitespace().find(|w| w.starts_with("arXiv:"));
    let announce_type = head.find("Announce Type:").and_then(|at| {
        head[at + "Announce Type:".len()..]
            .split_whitespace()
            .next()
    });
    Description {
        id,
        announce_type,
        abstract_text,
    }
}

fn item(node: Node, line: usize, channel_day: Option<NaiveDate>) -> Result<Item, String> {
    let title = unwrap_line(&text_of(node, NO_NAMESPACE, "title").unwrap_or_default());
    if title.is_empty() {
        return Err("item without a <title>".into());
    }
    let description_text = text_of(node, NO_NAMESPACE, "description").unwrap_or_default();
    let described = description(&description_text);
    let guid = text_of(node, NO_NAMESPACE, "guid").unwrap_or_default();
    let arxiv = described
        .id
        .and_then(ArxivId::parse)
        .or_else(|| ArxivId::parse(guid.trim().trim_start_matches("oai:arXiv.org:")))
        .ok_or_else(|| {
            format!(
                "{title:?}: no arXiv id in <description> (\"arXiv:ID Announce Type: ...\") or <guid> ({:?})",
                guid.trim()
            )
        })?;
    let type_name = text_of(node, ARXIV, "announce_type")
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .or(described.announce_type.map(str::to_string));
    let announce_type = match type_name.as_deref().map(|n| (n, AnnounceType::parse(n))) {
        Some((_, Some(t))) => t,
        Some((name, None)) => {
            return Ok(Item::Unknown(format!(
                "{title:?} left out: announce type {name:?} is not one paperpress knows ({})",
                AnnounceType::ALL.map(AnnounceType::name).join(", ")
            )));
        }
        None => {
            return Ok(Item::Unknown(format!(
                "{title:?} left out: it has no announce type (<arxiv:announce_type>, or \"Announce Type:\" in <description>)"
            )));
        }
    };
    let day = match text_of(node, NO_NAMESPACE, "pubDate") {
        Some(date) => Some(announcement_day(&date).ok_or_else(|| {
            format!(
                "{title:?}: <pubDate> {:?} is not an RFC 2822 date",
                date.trim()
            )
        })?),
        None => channel_day,
    };
    let updates_only = announce_type.updates_only();
    // The feed gives no submission date. A `new` first version was made public on its
    // announcement day, which is then its publication date; for the other types the
    // feed's day says nothing about when the paper first appeared.
    let first_version = arxiv.version.as_deref().is_none_or(|v| v == "v1");
    let published = day
        .filter(|_| announce_type == AnnounceType::New && first_version)
        .map(PartialDate::from_date);
    let mut paper = ImportedPaper {
        title,
        date: day,
        published,
        authors: children(node, DUBLIN_CORE, "creator")
            .flat_map(|c| authors(&xml::text(c)))
            .collect(),
        arxiv: Some(arxiv),
        doi: text_of(node, ARXIV, "DOI").and_then(|d| doi_of(&d)),
        abstract_text: unwrap_unwrapped_paragraphs(described.abstract_text),
        source_line: line,
        updates_only,
        ..ImportedPaper::default()
    };
    let mut categories: Vec<String> = Vec::new();
    for category in children(node, NO_NAMESPACE, "category").map(|c| unwrap_line(&xml::text(c))) {
        if !category.is_empty() && !categories.contains(&category) {
            categories.push(category);
        }
    }
    if !categories.is_empty() {
        let list = categories.into_iter().map(toml::Value::String).collect();
        paper
            .extra
            .insert("categories".into(), toml::Value::Array(list));
    }
    if let Some(journal) = text_of(node, ARXIV, "journal_reference")
        .map(|t| unwrap_line(&t))
        .filter(|t| !t.is_empty())
    {
        paper.extra.insert("journal_ref".into(), journal.into());
    }
    // The type tells how the paper came to this day's digest. A replacement updates an
    // entry of an earlier day, which keeps its own.
    if !updates_only {
        paper
            .extra
            .insert("announce_type".into(), announce_type.name().into());
    }
    Ok(Item::Known(Box::new(Announced {
        announce_type,
        paper,
    })))
}

/// The names in a `dc:creator`: split on the commas between names, never on those in an
/// affiliation's parentheses, which are left out. An empty piece (a doubled separator)
/// is no author; a one-word name is one.
fn authors(creator: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0usize;
    let mut name = String::new();
    for c in creator.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                names.push(std::mem::take(&mut name));
                continue;
            }
            _ if depth > 0 => {}
            _ => name.push(c),
        }
    }
    names.push(name);
    names
        .iter()
        .map(|n| unwrap_line(n))
        .filter(|n| !n.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_split_on_commas_outside_affiliations() {
        assert_eq!(
            authors("Anamta Khan, Ratna Kandala,  Deepti, Sheza Munir"),
            ["Anamta Khan", "Ratna Kandala", "Deepti", "Sheza Munir"]
        );
        assert_eq!(
            authors("Ada Lovelace (Analytical Engines, London), Alan\n Turing (NPL),"),
            ["Ada Lovelace", "Alan Turing"]
        );
        assert!(authors(" , ").is_empty());
    }

    #[test]
    fn announce_types_are_chosen_by_name() {
        let chosen: AnnounceTypes = "replace-cross, new,new".parse().unwrap();
        assert!(chosen.contains(AnnounceType::New));
        assert!(chosen.contains(AnnounceType::ReplaceCross));
        assert!(!chosen.contains(AnnounceType::Cross));
        assert_eq!(
            AnnounceTypes::default(),
            "new,cross".parse::<AnnounceTypes>().unwrap()
        );
        let error = "new,replaced".parse::<AnnounceTypes>().unwrap_err();
        assert_eq!(
            error,
            "unknown announce type \"replaced\": choose from new, cross, replace, replace-cross, absonly"
        );
        assert!(
            ",".parse::<AnnounceTypes>()
                .unwrap_err()
                .contains("no announce type")
        );
        assert!(AnnounceType::Replace.updates_only());
        assert!(!AnnounceType::Cross.updates_only());
    }

    #[test]
    fn descriptions_give_id_type_and_abstract() {
        let d = description(
            "arXiv:2604.22002v1 Announce Type: replace-cross \nAbstract: Text\n  here.",
        );
        assert_eq!(d.id, Some("arXiv:2604.22002v1"));
        assert_eq!(d.announce_type, Some("replace-cross"));
        assert_eq!(d.abstract_text, " Text\n  here.");
        let plain = description("Only an abstract.");
        assert_eq!((plain.id, plain.abstract_text), (None, "Only an abstract."));
    }

    #[test]
    fn the_day_is_the_feeds_own() {
        assert_eq!(
            announcement_day("Mon, 27 Apr 2026 00:00:00 -0400"),
            NaiveDate::from_ymd_opt(2026, 4, 27)
        );
        assert_eq!(announcement_day("27 April 2026"), None);
    }
}
