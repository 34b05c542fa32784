//! Paper cards rendered once per build and reused by every listing.
//!
//! A paper is listed on the home page, its day, week and month, each of its topics and
//! each of its authors: at 10,000 papers that is over 100,000 cards, and rendering each
//! through Tera, from a copy of the whole card in each listing's context, took most of a
//! build. So a listing holds only each paper's path and day, and prints its card with
//! the `card` filter (`{{ p | card(root=root, heading=2, show_date=true, body="summary") }}`). The filter
//! finds the paper's card by its path, renders the theme's `card.html` once per paper and
//! style with a placeholder for `root`, and then only puts each listing's own `root` in.
//! Cards are kept by the fingerprint of their paper's card value, from build to build: an
//! edited paper has a new value, so it gets a new card everywhere, and a rebuild that
//! renders listings again does not make the cards of unchanged papers again.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, RwLock, Weak};

use rustc_hash::{FxHashMap, FxHashSet};
use tera::{Tera, Value};

use crate::fingerprint::Fingerprint;
use crate::site::{Site, Valued};

/// The template a card is rendered with.
pub const CARD_TEMPLATE: &str = "card.html";

use crate::site::links::{ROOT_MARK, ROOT_PLACEHOLDER};

/// One style of a card: its heading level, whether it shows its date, what it shows of
/// the abstract, and whether it is a one-line row (`row=true`).
type Style = (u8, bool, Body, bool);

/// What a card shows of the paper's text (`body=` of the `card` filter).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    /// The summary (`"summary"`, the default).
    Summary,
    /// The summary, which opens to the whole abstract (`"abstract"`): the card is made
    /// from the paper page's value, which has `content`.
    Abstract,
    /// Neither (`"none"`).
    Nothing,
}

impl Body {
    fn name(self) -> &'static str {
        match self {
            Body::Summary => "summary",
            Body::Abstract => "abstract",
            Body::Nothing => "none",
        }
    }
}

/// The cards, shared by the threads that render pages.
#[derive(Default)]
pub struct Cards {
    /// By the fingerprint of the paper's card value.
    made: Mutex<FxHashMap<Fingerprint, PaperCards>>,
    papers: Mutex<Papers>,
    /// While a one-off build renders one template's files: how many more times each
    /// paper (in site order) is listed on them (see `expect_uses`). Empty otherwise.
    uses: RwLock<Vec<AtomicU32>>,
}

/// The cards made of one paper.
struct PaperCards {
    /// Whether the paper's text holds the placeholder's mark: its cards are then made
    /// for each listing, with the listing's root.
    holds_mark: bool,
    styles: Vec<(Style, Arc<Card>)>,
}

/// A card made with the placeholder root, kept as the pieces between the placeholders:
/// a listing's card is these pieces joined by its root.
struct Card {
    pieces: Vec<String>,
    len: usize,
}

impl Card {
    fn new(html: &str) -> Card {
        let pieces: Vec<String> = html.split(ROOT_PLACEHOLDER).map(String::from).collect();
        let len = pieces.iter().map(String::len).sum();
        Card { pieces, len }
    }

    fn with_root(&self, root: &str) -> String {
        let mut html = String::with_capacity(self.len + root.len() * (self.pieces.len() - 1));
        for (i, piece) in self.pieces.iter().enumerate() {
            if i > 0 {
                html.push_str(root);
            }
            html.push_str(piece);
        }
        html
    }
}

/// This build's papers.
#[derive(Default)]
struct Papers {
    /// Their card values (shared, not copied), in site order.
    cards: Vec<Valued>,
    /// What their pages add to their cards (the whole abstract), for cards that open to
    /// it.
    pages: Vec<Valued>,
    /// Each one's index, by path; made when the site's shape, which covers every
    /// paper's URL and place, changes.
    by_path: FxHashMap<String, usize>,
    shape: Option<Fingerprint>,
}

impl Cards {
    /// Starts a build: takes its card values, and forgets the cards of papers that
    /// changed or went once they are twice as many as the papers (so a rebuild after an edit
    /// does not walk them all).
    pub fn begin(&self, site: &Site) {
        let cards: Vec<Valued> = site.papers.iter().map(|p| p.card.clone()).collect();
        let pages: Vec<Valued> = site.papers.iter().map(|p| p.page.clone()).collect();
        let mut papers = lock(&self.papers);
        if papers.shape != Some(site.shape) {
            // A card's `path`, as `site::values` writes it.
            let paths = site.papers.iter().map(|p| site.links.link(&p.place.dir));
            papers.by_path = paths.enumerate().map(|(i, path)| (path, i)).collect();
            papers.shape = Some(site.shape);
        }
        papers.cards = cards;
        papers.pages = pages;
        drop(papers);
        let mut made = lock(&self.made);
        // Each paper has one entry, by its card (cards that open to the abstract are not
        // kept).
        if made.len() > 2 * site.papers.len() + 64 {
            let current: FxHashSet<Fingerprint> =
                site.papers.iter().map(|p| p.card.fingerprint).collect();
            made.retain(|card, _| current.contains(card));
        }
    }

    /// Forgets every card made (see `Renderer::for_a_one_off_build`), freeing
    /// them on a thread of their own: tens of thousands of cards take long enough to free
    /// that the next template's pages should not wait for it.
    pub fn forget(&self) {
        let made = std::mem::take(&mut *lock(&self.made));
        crate::pipeline::free_in_background(made);
        std::mem::take(&mut *self.uses.write().unwrap_or_else(|e| e.into_inner()));
    }

    /// Before one template's files, in a one-off build: what they list (the producers'
    /// `listed` of each file), to count how many times they list each paper of the
    /// `papers` the site has. A card is then forgotten once printed that
    /// many times, and one printed once is not kept at all: the home page lists every
    /// paper once, and keeping its cards to the end of its pages held 200 MB at 100,000
    /// papers for nothing. A theme that prints a card more often than its listings hold
    /// the paper only has that card made again.
    pub fn expect_uses<'a>(&self, papers: usize, listings: impl Iterator<Item = &'a [usize]>) {
        let mut uses: Vec<AtomicU32> = (0..papers).map(|_| AtomicU32::new(0)).collect();
        for &paper in listings.flatten() {
            *uses[paper].get_mut() += 1;
        }
        *self.uses.write().unwrap_or_else(|e| e.into_inner()) = uses;
    }

    /// Counts one printing of paper `i`'s card: whether it is the last one expected.
    fn count_printing_is_last(&self, i: usize) -> bool {
        let uses = self.uses.read().unwrap_or_else(|e| e.into_inner());
        let Some(left) = uses.get(i) else {
            return false;
        };
        // Zero is "not counted": such a card is kept as before, to the template's end.
        let before = left.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1));
        before == Ok(1)
    }

    /// The card value of the paper at `path`, or with `whole` its page's value (the card
    /// and the whole abstract).
    /// Also its index in site order.
    fn card_of(&self, path: &str, whole: bool) -> Option<(usize, Valued)> {
        let papers = lock(&self.papers);
        let &i = papers.by_path.get(path)?;
        let card = papers.cards[i].clone();
        if whole {
            let page = papers.pages[i].clone();
            drop(papers);
            Some((i, card.merged(&page)))
        } else {
            Some((i, card))
        }
    }
}

/// A lock that a thread which panicked while holding it left whole: every change under
/// it is one assignment or one insert.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The `card` filter. It holds the Tera it belongs to weakly, so the two do not keep
/// each other alive.
pub struct CardFilter {
    pub tera: Weak<Tera>,
    pub cards: Arc<Cards>,
}

impl tera::Filter for CardFilter {
    fn filter(&self, listed: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let path = listed
            .get("path")
            .and_then(Value::as_str)
            .ok_or("card: expects a paper of a listing (`paginator.papers`, `papers`)")?;
        let root = string_arg(args, "root")?.ok_or("card: needs root=root")?;
        let heading =
            match args.get("heading") {
                None => 2,
                Some(h) => h.as_u64().filter(|h| (1..=6).contains(h)).ok_or(
                    "card: heading must be a number from 1 to 6, without quotes (heading=2)",
                )? as u8,
            };
        let show_date = bool_arg(args, "show_date", true)?;
        let body = match string_arg(args, "body")? {
            None | Some("summary") => Body::Summary,
            Some("abstract") => Body::Abstract,
            Some("none") => Body::Nothing,
            Some(other) => {
                return Err(format!(
                    "card: body must be \"summary\", \"abstract\" or \"none\", not {other:?}"
                )
                .into());
            }
        };
        let row = bool_arg(args, "row", false)?;
        if let Some(unknown) = args
            .keys()
            .find(|k| !["root", "heading", "show_date", "body", "row"].contains(&k.as_str()))
        {
            return Err(format!(
                "card: unknown argument {unknown} (it takes root, heading, show_date, body and row)"
            )
            .into());
        }
        let style = (heading, show_date, body, row);
        let (i, paper) = self
            .cards
            .card_of(path, body == Body::Abstract)
            .ok_or_else(|| format!("card: no paper of this build is at {path}"))?;
        if body == Body::Abstract {
            // A card that opens to the whole abstract is long (4 KB), and a theme shows
            // it on one listing, the paper's day: kept, the cards of 100,000 papers
            // would hold 400 MB for nothing.
            return self.make_for_listing(&paper, root, style);
        }
        let last = self.cards.count_printing_is_last(i);
        let found = {
            let mut made = lock(&self.cards.made);
            let found = made.get(&paper.fingerprint).map(|made| {
                let card = made.styles.iter().find(|(s, _)| *s == style);
                (made.holds_mark, card.map(|(_, card)| card.clone()))
            });
            if last {
                made.remove(&paper.fingerprint);
            }
            found
        };
        let card = match found {
            Some((false, Some(card))) => card,
            Some((true, _)) => return self.make_for_listing(&paper, root, style),
            _ => {
                // The card value is serde_json's own text, which writes the mark as it
                // is: looking for it there spares reading the whole card back.
                if found.is_none() && paper.text().contains(ROOT_MARK) {
                    lock(&self.cards.made).insert(
                        paper.fingerprint,
                        PaperCards {
                            holds_mark: true,
                            styles: Vec::new(),
                        },
                    );
                    return self.make_for_listing(&paper, root, style);
                }
                // Made with the placeholder root like every card, so that `card.html` sees
                // the same `root` whether the card is kept or not.
                let html = self.make(&paper, ROOT_PLACEHOLDER, style)?;
                let card = Arc::new(Card::new(&html));
                if last {
                    // Not kept: this is its one printing on this template's files.
                    return Ok(Value::String(card.with_root(root)));
                }
                let mut made = lock(&self.cards.made);
                let made = made.entry(paper.fingerprint).or_insert(PaperCards {
                    holds_mark: false,
                    styles: Vec::new(),
                });
                // Another thread may have made it meanwhile: both are the same.
                if !made.styles.iter().any(|(s, _)| *s == style) {
                    made.styles.push((style, card.clone()));
                }
                card
            }
        };
        Ok(Value::String(card.with_root(root)))
    }

    /// A card is HTML already: printing it escapes nothing.
    fn is_safe(&self) -> bool {
        true
    }
}

impl CardFilter {
    /// The card of a paper whose text holds the placeholder's mark, made with the
    /// listing's own root.
    fn make_for_listing(&self, paper: &Valued, root: &str, style: Style) -> tera::Result<Value> {
        // The abstract a card opens to has the placeholder in its relative links; the
        // entry's own text keeps its marks.
        let mut paper = paper.json();
        if let Some(listing) = paper.get("listing_content").and_then(Value::as_str) {
            paper["listing_content"] = Value::String(listing.replace(ROOT_PLACEHOLDER, root));
        }
        Ok(Value::String(self.make(&paper, root, style)?))
    }

    fn make(
        &self,
        paper: &impl serde::Serialize,
        root: &str,
        (heading, show_date, body, row): Style,
    ) -> tera::Result<String> {
        let tera = self.tera.upgrade().ok_or("card: the theme is gone")?;
        let mut context = tera::Context::new();
        context.insert("paper", paper);
        context.insert("root", root);
        context.insert("heading", &heading);
        context.insert("show_date", &show_date);
        context.insert("body", body.name());
        context.insert("row", &row);
        tera.render(CARD_TEMPLATE, &context)
    }
}

fn bool_arg(args: &HashMap<String, Value>, name: &str, default: bool) -> tera::Result<bool> {
    match args.get(name) {
        None => Ok(default),
        Some(b) => b
            .as_bool()
            .ok_or_else(|| format!("card: {name} must be true or false").into()),
    }
}

fn string_arg<'a>(args: &'a HashMap<String, Value>, name: &str) -> tera::Result<Option<&'a str>> {
    match args.get(name) {
        None => Ok(None),
        Some(v) => v
            .as_str()
            .map(Some)
            .ok_or_else(|| format!("card: {name} must be a string").into()),
    }
}
