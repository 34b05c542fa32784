//! Which paper gets which slug: the one home of the rules, used by the build and by the
//! importers and `new` (which write the slug the build would give into each new entry, so
//! that a later title edit never moves its page).
//!
//! - A `slug` written in an entry always wins. Two entries writing the same one are an
//!   error naming both.
//! - Entries without one clash only among themselves (and lose to written ones): the
//!   earliest, by date, then arXiv id, then path, keeps the plain slug, so adding a newer
//!   paper never moves an older one's page. Each other one gets a suffix from its own
//!   arXiv id, else its date, and a number only as a last resort, so its address does not
//!   depend on how many others there are.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::content::Content;
use crate::content::arxiv::ArxivId;
use crate::diagnostics::{Diagnostic, Kind, Report};

/// The slug a title asks for, as the build makes it: from the title's text with its
/// math made readable (`$\alpha$` is `α`, so `a`), cut to a readable length.
pub fn wanted(title: &str) -> String {
    super::links::title_slug(&crate::markdown::render_title(title, false).plain)
}

/// The slug the build gives each paper of `content`, by entry, and the pool of every
/// address a new paper may not take: those slugs and the papers' old addresses.
pub fn of_content(content: &Content) -> (HashMap<PathBuf, String>, SlugPool) {
    let wanted: Vec<String> = content.papers.iter().map(|p| wanted(&p.title)).collect();
    let requests: Vec<SlugRequest> = content
        .papers
        .iter()
        .zip(&wanted)
        .map(|(p, wanted)| SlugRequest {
            source: &p.source,
            explicit: p.slug.as_deref(),
            wanted,
            date: p.date,
            arxiv: p.arxiv.as_ref(),
            aliases: &p.aliases,
            slug_line: p.lines.slug,
        })
        .collect();
    let slugs = assign(&requests, &mut Report::default());
    let mut pool = SlugPool::default();
    for slug in &slugs {
        pool.take(slug);
    }
    for alias in content.papers.iter().flat_map(|p| &p.aliases) {
        if let Some(old) = alias_slug(alias) {
            pool.take(old);
        }
    }
    let by_entry = content
        .papers
        .iter()
        .map(|p| p.source.clone())
        .zip(slugs)
        .collect();
    (by_entry, pool)
}

/// The slug of an alias that is a paper's old address (`papers/old/`), if it is one.
pub fn alias_slug(alias: &str) -> Option<&str> {
    alias
        .strip_prefix("papers/")
        .and_then(|rest| rest.strip_suffix('/'))
        .filter(|s| !s.is_empty() && !s.contains('/'))
}

/// Which of two papers comes first when both want one name (a slug, or a citation key,
/// see `cite_keys`): the earliest digest day, then the arXiv id (papers without one
/// first), then the entry's path. A paper added later to a digest comes after the papers
/// already in it, so it never takes a name from one of them.
pub fn precedence<'a>(
    date: NaiveDate,
    arxiv: Option<&'a ArxivId>,
    source: &'a Path,
) -> (NaiveDate, Option<&'a str>, &'a Path) {
    (date, arxiv.map(|a| a.id.as_str()), source)
}

/// What the rules look at in a paper.
pub struct SlugRequest<'a> {
    pub source: &'a Path,
    /// The `slug` the entry sets (already slugified).
    pub explicit: Option<&'a str>,
    /// The slug of its title.
    pub wanted: &'a str,
    pub date: NaiveDate,
    pub arxiv: Option<&'a ArxivId>,
    /// The entry's `aliases`: earlier addresses, which no other paper may take.
    pub aliases: &'a [String],
    /// The line of the entry's `slug`.
    pub slug_line: Option<usize>,
}

/// Slugs in use, and for each `<wanted>-<date>` the next number to try, so that handing
/// out numbered slugs stays linear however many papers share a title and a day.
#[derive(Default)]
pub struct SlugPool {
    taken: HashSet<String>,
    next_number: HashMap<String, usize>,
}

impl SlugPool {
    pub fn take(&mut self, slug: &str) {
        self.taken.insert(slug.to_string());
    }

    pub fn is_taken(&self, slug: &str) -> bool {
        self.taken.contains(slug)
    }

    /// The first free slug of `wanted`, `wanted-<arXiv id>`, `wanted-<date>`,
    /// `wanted-<date>-2`, ..., now taken. `also_taken` names slugs that are not free for
    /// this paper though the pool does not hold them.
    pub fn claim(
        &mut self,
        wanted: &str,
        arxiv: Option<&ArxivId>,
        date: NaiveDate,
        also_taken: &dyn Fn(&str) -> bool,
    ) -> String {
        let free = |pool: &SlugPool, s: &str| !pool.taken.contains(s) && !also_taken(s);
        let dated = format!("{wanted}-{}", date.format("%Y-%m-%d"));
        let mut named = vec![wanted.to_string()];
        if let Some(id) = arxiv {
            named.push(format!("{wanted}-{}", slug::slugify(&id.id)));
        }
        named.push(dated.clone());
        let slug = match named.into_iter().find(|s| free(self, s)) {
            Some(slug) => slug,
            None => {
                let mut n = self.next_number.get(&dated).copied().unwrap_or(2);
                while !free(self, &format!("{dated}-{n}")) {
                    n += 1;
                }
                self.next_number.insert(dated.clone(), n + 1);
                format!("{dated}-{n}")
            }
        };
        self.take(&slug);
        slug
    }
}

/// Gives every paper a unique slug, in the order given. Clashes of written slugs are
/// errors; other clashes are warnings that say where the paper went.
pub fn assign(papers: &[SlugRequest], report: &mut Report) -> Vec<String> {
    let mut slugs = vec![String::new(); papers.len()];
    let mut pool = SlugPool::default();
    // Written slugs first, in path order so that an error names the files stably.
    let mut explicit: Vec<usize> = (0..papers.len())
        .filter(|&i| papers[i].explicit.is_some())
        .collect();
    explicit.sort_by(|&a, &b| papers[a].source.cmp(papers[b].source));
    let mut writer: HashMap<&str, &Path> = HashMap::new();
    for &i in &explicit {
        let slug = papers[i].explicit.expect("filtered above");
        if let Some(first) = writer.get(slug) {
            report.error(Diagnostic::new(
                papers[i].source,
                papers[i].slug_line,
                format!(
                    "slug: {slug:?} is also set in {}; two papers cannot have one address, so change one of them",
                    first.display()
                ),
            ));
        } else {
            writer.insert(slug, papers[i].source);
        }
        pool.take(slug);
        slugs[i] = slug.to_string();
    }
    // An earlier address of a paper redirects to it: it is not free for another paper
    // (the paper itself may take it back).
    let mut alias_owner: HashMap<&str, usize> = HashMap::new();
    for (i, p) in papers.iter().enumerate() {
        for old in p.aliases.iter().filter_map(|a| alias_slug(a)) {
            alias_owner.entry(old).or_insert(i);
        }
    }
    let free_for = |slug: &str, i: usize| alias_owner.get(slug).is_none_or(|&o| o == i);
    // The others, earliest first.
    let mut implicit: Vec<usize> = (0..papers.len())
        .filter(|&i| papers[i].explicit.is_none())
        .collect();
    implicit.sort_by_key(|&i| precedence(papers[i].date, papers[i].arxiv, papers[i].source));
    // Each plain slug goes to its earliest claimant first, so a suffixed slug never takes
    // the plain slug of a paper whose title happens to give it.
    let mut claimant: HashMap<&str, usize> = HashMap::new();
    for &i in &implicit {
        let wanted = papers[i].wanted;
        if !pool.is_taken(wanted) && !claimant.contains_key(wanted) && free_for(wanted, i) {
            claimant.insert(wanted, i);
            slugs[i] = wanted.to_string();
        }
    }
    for wanted in claimant.keys() {
        pool.take(wanted);
    }
    for &i in &implicit {
        if !slugs[i].is_empty() {
            continue;
        }
        let p = &papers[i];
        let slug = pool.claim(p.wanted, p.arxiv, p.date, &|s| !free_for(s, i));
        let holder = if let Some(w) = writer.get(p.wanted) {
            format!("is also set in {}", w.display())
        } else if let Some(&first) = claimant.get(p.wanted) {
            format!("is also wanted by {}", papers[first].source.display())
        } else if let Some(&owner) = alias_owner.get(p.wanted) {
            format!(
                "is an earlier address (in `aliases`) of {}",
                papers[owner].source.display()
            )
        } else {
            "is taken".to_string()
        };
        report.warn(
            Diagnostic::new(
                p.source,
                None,
                format!(
                    "slug {:?} {holder}; this paper is published at papers/{slug}/ (set `slug` in its front matter to choose another)",
                    p.wanted,
                ),
            )
            .of_kind(Kind::SlugClash),
        );
        slugs[i] = slug;
    }
    slugs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 5, d).unwrap()
    }

    #[test]
    fn the_earliest_keeps_the_plain_slug_and_others_get_their_own_suffix() {
        let id = ArxivId::parse("2505.01234").unwrap();
        let papers = [
            SlugRequest {
                source: Path::new("b.md"),
                explicit: None,
                wanted: "x",
                date: day(9),
                arxiv: Some(&id),
                aliases: &[],
                slug_line: None,
            },
            SlugRequest {
                source: Path::new("a.md"),
                explicit: None,
                wanted: "x",
                date: day(8),
                arxiv: None,
                aliases: &[],
                slug_line: None,
            },
            SlugRequest {
                source: Path::new("c.md"),
                explicit: None,
                wanted: "x",
                date: day(10),
                arxiv: None,
                aliases: &[],
                slug_line: None,
            },
        ];
        let mut report = Report::default();
        let slugs = assign(&papers, &mut report);
        assert_eq!(slugs, ["x-2505-01234", "x", "x-2025-05-10"]);
        assert_eq!(report.warnings.len(), 2);
        assert!(report.warnings.iter().all(|w| w.kind == Kind::SlugClash));
    }

    #[test]
    fn written_slugs_win_and_may_not_clash() {
        let papers = [
            SlugRequest {
                source: Path::new("a.md"),
                explicit: None,
                wanted: "x",
                date: day(1),
                arxiv: None,
                aliases: &[],
                slug_line: None,
            },
            SlugRequest {
                source: Path::new("b.md"),
                explicit: Some("x"),
                wanted: "y",
                date: day(9),
                arxiv: None,
                aliases: &[],
                slug_line: None,
            },
            SlugRequest {
                source: Path::new("c.md"),
                explicit: Some("x"),
                wanted: "z",
                date: day(9),
                arxiv: None,
                aliases: &[],
                slug_line: None,
            },
        ];
        let mut report = Report::default();
        let slugs = assign(&papers, &mut report);
        assert_eq!(slugs[1], "x");
        assert_eq!(slugs[0], "x-2025-05-01");
        assert_eq!(report.errors.len(), 1);
        assert!(
            report.errors[0]
                .to_string()
                .starts_with("c.md: slug: \"x\" is also set in b.md")
        );
    }
}
