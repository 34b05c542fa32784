//! What every HTML page's template receives, and the paginator of listings.

use serde::Serialize;

use super::feeds::{self, FeedLink};
use crate::site::{Site, Valued, links};

/// The variables of every HTML page, around the ones of its own kind (`page`, whose
/// fields templates see at the top level: `paper`, `topic`, `paginator`, ...).
#[derive(Serialize)]
pub struct PageContext<'s, T: Serialize> {
    /// The site's settings and menu: `title`, `description`, `base_url`, `language`,
    /// `nav.{home,topics,authors,days}`, `pages` (plain pages for the menu) and
    /// `has_authors`.
    pub site: &'s Valued,
    /// The relative way from this page to the site root: `./`, `../../`. Links are
    /// `{{ root }}{{ node.path }}`, so the site works under any path and from disk.
    pub root: String,
    /// This page's own link path, to mark it in the menu.
    pub current_path: String,
    /// This page's absolute URL, for `<link rel="canonical">`.
    pub permalink: String,
    /// What goes in `<title>` before the site's name (empty on the home page).
    pub page_title: String,
    /// The part of the site the page belongs to (`papers`, `topics`, `authors`, `days`,
    /// `pages`), for marking the menu.
    pub section: &'static str,
    /// The site's feeds, for `<link rel="alternate">`: each `{type, format, title,
    /// path}` (Atom first, then JSON Feed), linked as `{{ root }}{{ feed.path }}`. Empty
    /// for a site without papers, which has no feeds.
    pub feeds: Vec<FeedLink<'s>>,
    #[serde(flatten)]
    pub page: T,
}

impl<'s, T: Serialize> PageContext<'s, T> {
    /// The context of the page in folder `dir` (empty for the home page, else ending in `/`).
    pub fn at(
        site: &'s Site,
        dir: &str,
        page_title: String,
        section: &'static str,
        page: T,
    ) -> Self {
        PageContext {
            site: &site.site_value,
            root: links::root_prefix(dir),
            current_path: site.links.link(dir),
            permalink: format!("{}{dir}", site.config.base_url),
            page_title,
            section,
            feeds: feeds::site_links(site),
            page,
        }
    }
}

/// `name`, or `name (page 2)` past the first page of a listing.
pub fn numbered(name: String, page: usize) -> String {
    if page > 1 {
        format!("{name} (page {page})")
    } else {
        name
    }
}

/// How many pages a listing of `items` takes (at least one, even when empty).
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// The part of `ids` on page `page` (1-based).
pub fn page_slice(ids: &[usize], page: usize, per_page: usize) -> &[usize] {
    let start = ((page - 1) * per_page).min(ids.len());
    let end = (start + per_page).min(ids.len());
    &ids[start..end]
}

/// How many numbered links a pagination bar shows on each side of the current page.
/// The bar stays short however long the listing is (a 5,000-page index must not carry a
/// 5,000-entry list on each of its pages).
const PAGINATION_WINDOW: usize = 2;

/// One page of a paginated listing, as templates see it (`paginator`).
#[derive(Serialize)]
pub struct Paginator<'s> {
    /// This page's number, from 1.
    number: usize,
    total_pages: usize,
    /// Papers in the whole listing.
    total_items: usize,
    /// This page's papers as listings hold them (`{path, date, date_display, day_path}`):
    /// a template prints each with the `card` filter.
    papers: Vec<&'s Valued>,
    first_path: String,
    last_path: String,
    prev_path: Option<String>,
    next_path: Option<String>,
    /// The numbered links of the pagination bar.
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    path: String,
    current: bool,
    /// Pages were skipped between the previous link and this one.
    gap_before: bool,
}

impl<'s> Paginator<'s> {
    /// Page `number` of the listing of `ids` whose first page is in folder `first_dir`.
    pub fn new(site: &'s Site, first_dir: &str, ids: &[usize], number: usize) -> Self {
        let per = site.config.paginate_by;
        let total_pages = page_count(ids.len(), per);
        let link = |n: usize| site.links.link(&links::pagination_dir(first_dir, n));
        let mut shown: Vec<usize> = vec![1, total_pages];
        shown.extend(
            number.saturating_sub(PAGINATION_WINDOW).max(1)
                ..=(number + PAGINATION_WINDOW).min(total_pages),
        );
        shown.sort_unstable();
        shown.dedup();
        let pages = shown
            .iter()
            .enumerate()
            .map(|(k, &n)| PageLink {
                number: n,
                path: link(n),
                current: n == number,
                gap_before: k > 0 && shown[k - 1] + 1 != n,
            })
            .collect();
        Paginator {
            number,
            total_pages,
            total_items: ids.len(),
            papers: page_slice(ids, number, per)
                .iter()
                .map(|&i| &site.papers[i].listed)
                .collect(),
            first_path: link(1),
            last_path: link(total_pages),
            prev_path: (number > 1).then(|| link(number - 1)),
            next_path: (number < total_pages).then(|| link(number + 1)),
            pages,
        }
    }
}

/// The units of a paginated listing of `count` papers for item `item`.
pub fn listing_units(site: &Site, item: usize, count: usize) -> impl Iterator<Item = super::Unit> {
    (1..=page_count(count, site.config.paginate_by)).map(move |page| super::Unit::paged(item, page))
}
