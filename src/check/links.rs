//! Internal links and `#anchors` of the rendered pages: each one must lead to a file the
//! site has and, with a fragment, to an id on that page.
//!
//! Every page is read once (in parallel) for its ids and links; links are resolved
//! against the set of the site's files, and fragments against the ids of their page, so
//! the work grows with the number of links, not with pages times pages.

use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::html;
use crate::render::RenderedPage;

/// Where a link leads, as far as the site can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Another site, or a path of the host outside the site's base path: not checked.
    Elsewhere,
    /// A path below the site's root (`papers/x/`, `style.css`, or empty for the root),
    /// and the fragment, if the link has one.
    Site {
        path: String,
        fragment: Option<String>,
    },
    /// More `..` than there are folders above the page.
    AboveRoot,
}

/// Resolves links as a browser would on the published site.
pub struct Resolver {
    /// `https://user.github.io/digest/`: absolute links that start with it are internal.
    base_url: String,
    /// `/digest/`: links that start with it are internal, read from the site's root.
    base_path: String,
}

impl Resolver {
    pub fn new(base_url: &str, base_path: &str) -> Resolver {
        Resolver {
            base_url: base_url.to_string(),
            base_path: base_path.to_string(),
        }
    }

    /// Where `href`, found on the output file `page` (`papers/x/index.html`), leads.
    pub fn resolve(&self, page: &str, href: &str) -> Target {
        // Browsers ignore spaces around a URL.
        let href = href.trim_matches(|c: char| c.is_ascii_whitespace());
        let (rest, fragment) = match href.split_once('#') {
            Some((rest, fragment)) => (rest, Some(fragment.to_string())),
            None => (href, None),
        };
        let path = rest.split('?').next().unwrap_or("");
        let from_root = if let Some(inside) = self.strip_base_url(path) {
            inside
        } else if path.starts_with("//") || has_scheme(path) {
            return Target::Elsewhere;
        } else if let Some(absolute) = path.strip_prefix('/') {
            match self.strip_base_path(absolute) {
                Some(inside) => inside,
                None => return Target::Elsewhere,
            }
        } else if path.is_empty() {
            // `#id` or `?q`: this very page.
            return Target::Site {
                path: page.to_string(),
                fragment,
            };
        } else {
            let dir = page.rfind('/').map_or("", |i| &page[..=i]);
            return normalize(&format!("{dir}{path}"))
                .map_or(Target::AboveRoot, |path| Target::Site { path, fragment });
        };
        normalize(from_root).map_or(Target::AboveRoot, |path| Target::Site { path, fragment })
    }

    /// The part of an absolute URL after the site's base URL, if it starts with it.
    fn strip_base_url<'h>(&self, url: &'h str) -> Option<&'h str> {
        let base = self.base_url.as_str();
        if url.len() >= base.len() && url.is_char_boundary(base.len()) {
            let (head, tail) = url.split_at(base.len());
            if head.eq_ignore_ascii_case(base) {
                return Some(tail);
            }
        }
        url.eq_ignore_ascii_case(base.trim_end_matches('/'))
            .then_some("")
    }

    /// A root-relative path (without its first `/`) below the base path, from the root.
    fn strip_base_path<'h>(&self, absolute: &'h str) -> Option<&'h str> {
        let base = self.base_path.trim_start_matches('/');
        absolute
            .strip_prefix(base)
            .or_else(|| (absolute == base.trim_end_matches('/')).then_some(""))
    }
}

/// `mailto:`, `https:` and the like (RFC 3986: a letter, then letters, digits, `+-.`).
fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => {
            let scheme = &url[..i];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !scheme.contains('/')
        }
        None => false,
    }
}

/// A site path with `.` and `..` resolved and `%xx` decoded; `None` when `..` climbs
/// above the root. A path ending in `/` (or in `.` or `..`) stays a folder.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(percent_decode_str(s).decode_utf8_lossy().into_owned()),
        }
    }
    let last = path.rsplit('/').next().unwrap_or("");
    let mut out = parts.join("/");
    if matches!(last, "" | "." | "..") && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// A link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The output file the link is on.
    pub page: String,
    /// The link as written in the page (references decoded).
    pub href: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The site has no file at this path (nor a folder with an `index.html`).
    NoFile(String),
    /// The file exists, but has no element with this id.
    NoAnchor {
        file: String,
        id: String,
    },
    AboveRoot,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::NoFile(path) => write!(f, "the site has no page or file /{path}"),
            Problem::NoAnchor { file, id } => write!(f, "/{file} has no id {id:?}"),
            Problem::AboveRoot => write!(f, "it climbs above the site's root"),
        }
    }
}

/// One page's ids, and the links it has to other pages' anchors, checked once every
/// page's ids are known.
#[derive(Default)]
struct PageScan {
    ids: FxHashSet<String>,
    broken: Vec<Broken>,
    /// (href, file, fragment)
    anchors_elsewhere: Vec<(String, String, String)>,
}

/// Every internal link of the HTML pages that leads nowhere, in page order. `other_files`
/// are the site's files that are not among `pages` (static files, stylesheets).
pub fn broken_links<'a>(
    pages: &'a [RenderedPage],
    other_files: impl Iterator<Item = &'a str>,
    resolver: &Resolver,
) -> Vec<Broken> {
    let files: FxHashSet<&str> = pages
        .iter()
        .map(|p| p.file.as_str())
        .chain(other_files)
        .collect();
    let html_pages: Vec<&RenderedPage> =
        pages.iter().filter(|p| p.file.ends_with(".html")).collect();
    let scans: Vec<PageScan> = html_pages
        .par_iter()
        .map(|page| scan_page(page, &files, resolver))
        .collect();

    let ids: FxHashMap<&str, &FxHashSet<String>> = html_pages
        .iter()
        .zip(&scans)
        .map(|(page, scan)| (page.file.as_str(), &scan.ids))
        .collect();
    let mut broken = Vec::new();
    for (page, scan) in html_pages.iter().zip(&scans) {
        broken.extend(scan.broken.iter().cloned());
        for (href, file, fragment) in &scan.anchors_elsewhere {
            if !ids
                .get(file.as_str())
                .is_some_and(|ids| has_id(ids, fragment))
            {
                broken.push(Broken {
                    page: page.file.clone(),
                    href: href.clone(),
                    problem: Problem::NoAnchor {
                        file: file.clone(),
                        id: decoded(fragment),
                    },
                });
            }
        }
    }
    broken.sort_by(|a, b| a.page.cmp(&b.page));
    broken
}

fn scan_page(page: &RenderedPage, files: &FxHashSet<&str>, resolver: &Resolver) -> PageScan {
    let found = html::scan(&page.html);
    let mut scan = PageScan {
        ids: found.ids.into_iter().collect(),
        ..PageScan::default()
    };
    let mut anchors_here = Vec::new();
    for href in found.links {
        let problem = match resolver.resolve(&page.file, &href) {
            Target::Elsewhere => None,
            Target::AboveRoot => Some(Problem::AboveRoot),
            Target::Site { path, fragment } => match existing_file(files, &path) {
                None => Some(Problem::NoFile(path)),
                Some(file) => {
                    match fragment {
                        // Only pages have ids; `#top` and `#` are the top of any page.
                        Some(f) if file.ends_with(".html") && !is_top(&f) => {
                            if file == page.file {
                                anchors_here.push((href, f));
                            } else {
                                scan.anchors_elsewhere.push((href, file.to_string(), f));
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
            },
        };
        if let Some(problem) = problem {
            scan.broken.push(Broken {
                page: page.file.clone(),
                href,
                problem,
            });
        }
    }
    for (href, fragment) in anchors_here {
        if !has_id(&scan.ids, &fragment) {
            scan.broken.push(Broken {
                page: page.file.clone(),
                href,
                problem: Problem::NoAnchor {
                    file: page.file.clone(),
                    id: decoded(&fragment),
                },
            });
        }
    }
    scan
}

/// The file a site path names: itself, or the `index.html` of the folder it names (with
/// or without its final `/`, which web servers add).
fn existing_file<'f>(files: &FxHashSet<&'f str>, path: &str) -> Option<&'f str> {
    if !path.is_empty()
        && !path.ends_with('/')
        && let Some(file) = files.get(path)
    {
        return Some(file);
    }
    let folder = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        format!("{path}/index.html")
    };
    files.get(folder.as_str()).copied()
}

/// Whether a page has the element a fragment points at (as written, or percent-decoded,
/// as browsers try both).
fn has_id(ids: &FxHashSet<String>, fragment: &str) -> bool {
    ids.contains(fragment) || ids.contains(&decoded(fragment))
}

fn decoded(fragment: &str) -> String {
    percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned()
}

/// `#` and `#top` lead to the top of a page without any element (HTML standard).
fn is_top(fragment: &str) -> bool {
    fragment.is_empty() || fragment.eq_ignore_ascii_case("top")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str, fragment: Option<&str>) -> Target {
        Target::Site {
            path: path.to_string(),
            fragment: fragment.map(str::to_string),
        }
    }

    #[test]
    fn resolves_relative_root_and_absolute_links() {
        let r = Resolver::new("https://u.github.io/digest/", "/digest/");
        let page = "papers/x/index.html";
        assert_eq!(r.resolve(page, "../y/"), site("papers/y/", None));
        assert_eq!(
            r.resolve(page, "../../topics/a/index.html#main"),
            site("topics/a/index.html", Some("main"))
        );
        assert_eq!(r.resolve(page, "#abstract"), site(page, Some("abstract")));
        assert_eq!(r.resolve(page, "?q=1"), site(page, None));
        assert_eq!(r.resolve(page, "./"), site("papers/x/", None));
        assert_eq!(r.resolve(page, ".."), site("papers/", None));
        assert_eq!(r.resolve(page, "../../.."), Target::AboveRoot);
        assert_eq!(r.resolve(page, "a%20b.png"), site("papers/x/a b.png", None));
        assert_eq!(
            r.resolve("404.html", "/digest/style.css"),
            site("style.css", None)
        );
        assert_eq!(r.resolve("404.html", "/digest"), site("", None));
        assert_eq!(r.resolve("404.html", "/other/"), Target::Elsewhere);
        assert_eq!(
            r.resolve(page, "HTTPS://u.github.io/digest/days/"),
            site("days/", None)
        );
        assert_eq!(
            r.resolve(page, "https://u.github.io/other/"),
            Target::Elsewhere
        );
        assert_eq!(r.resolve(page, "//u.github.io/digest/"), Target::Elsewhere);
        assert_eq!(r.resolve(page, "mailto:a@b.org"), Target::Elsewhere);
        let root = Resolver::new("http://localhost/", "/");
        assert_eq!(
            root.resolve("index.html", "/papers/x/"),
            site("papers/x/", None)
        );
        assert_eq!(root.resolve("index.html", "page/2/"), site("page/2/", None));
    }

    fn page(file: &str, html: &str) -> RenderedPage {
        RenderedPage {
            file: file.to_string(),
            html: html.to_string(),
        }
    }

    #[test]
    fn finds_missing_files_and_anchors() {
        let pages = [
            page(
                "index.html",
                "<a href=\"papers/a/index.html#m\"></a><a href=\"papers/a/\"></a>\
                 <a href=\"papers/a\"></a><a href=\"papers/b/#x\"></a><a href=\"#top\"></a>\
                 <a href=\"#nope\"></a><a href=\"style.css#x\"></a><a href=\"..\"></a>\
                 <a href=\"https://elsewhere.org/\"></a>",
            ),
            page(
                "papers/a/index.html",
                "<h2 id=\"m\"></h2><a href=\"../../index.html#gone\"></a>\
                 <img src=\"fig.png\">",
            ),
        ];
        let r = Resolver::new("http://localhost/", "/");
        let broken = broken_links(&pages, ["style.css"].into_iter(), &r);
        let found: Vec<(&str, &str, String)> = broken
            .iter()
            .map(|b| (b.page.as_str(), b.href.as_str(), b.problem.to_string()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "index.html",
                    "papers/b/#x",
                    "the site has no page or file /papers/b/".to_string()
                ),
                ("index.html", "..", "it climbs above the site's root".into()),
                (
                    "index.html",
                    "#nope",
                    "/index.html has no id \"nope\"".into()
                ),
                (
                    "papers/a/index.html",
                    "fig.png",
                    "the site has no page or file /papers/a/fig.png".into()
                ),
                (
                    "papers/a/index.html",
                    "../../index.html#gone",
                    "/index.html has no id \"gone\"".into()
                ),
            ]
        );
    }
}
