//! A paper entry: the typed result of reading one `content/papers/**/*.md` file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::arxiv::ArxivId;
use super::doi::doi_of;
use super::fields::Fields;
use super::front_matter::FrontMatter;
use super::partial_date::PartialDate;
use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone)]
pub struct Paper {
    /// Path relative to the site root, with `/` separators, as shown in messages.
    pub source: PathBuf,
    pub title: String,
    /// The digest day the paper appeared.
    pub date: NaiveDate,
    /// The source's publication date, as precise as the source gives it; `None` when
    /// unknown. Scholarly metadata comes from this, never from `date`.
    pub published: Option<PartialDate>,
    /// The paper's position on its day's page at the source (1 = top), when known.
    pub rank: Option<u64>,
    pub authors: Vec<String>,
    pub arxiv: Option<ArxivId>,
    /// `None` when the entry sets no topics: then the site's keyword rules decide.
    pub topics: Option<Vec<String>>,
    pub upvotes: Option<u64>,
    /// Checked external links by name (`pdf`, `code`, `project`, `doi`, ...).
    pub links: BTreeMap<String, String>,
    pub draft: bool,
    pub slug: Option<String>,
    /// Earlier addresses of the paper's page, as site-relative folders (`papers/old/`)
    /// or files (`old.html`); each gets a redirect page.
    pub aliases: Vec<String>,
    /// Where `slug` and `aliases` are written, for the errors the site graph finds in them.
    pub lines: KeyLines,
    pub summary: Option<String>,
    pub extra: Map<String, Value>,
    /// The abstract and any notes, in Markdown.
    pub body: String,
    /// Keys of the front matter that paperpress does not know, as diagnostics: near
    /// misses of known fields are warnings, and under `strict = true` all are errors.
    pub unknown_fields: Vec<Diagnostic>,
}

/// Lines of the keys whose mistakes are found only with the whole site in view.
#[derive(Debug, Clone, Copy, Default)]
pub struct KeyLines {
    pub slug: Option<usize>,
    pub aliases: Option<usize>,
    pub bibtex_key: Option<usize>,
}

impl Paper {
    pub fn from_front_matter(source: &Path, fm: FrontMatter) -> Result<Paper, Vec<Diagnostic>> {
        let mut f = Fields::new(source, fm);
        let title = f.required_string("title", "add `title = \"...\"` to the front matter");
        let date = f.date("date");
        let published = f.text_or_number("published").and_then(|text| {
            let date = PartialDate::parse(&text);
            if date.is_none() {
                f.error(
                    "published",
                    format!("expected YYYY, YYYY-MM or YYYY-MM-DD, found {text:?}"),
                );
            }
            date
        });
        let rank = f.count("rank");
        let authors = f.string_list("authors").unwrap_or_default();
        let arxiv = f.string("arxiv").and_then(|text| {
            let id = ArxivId::parse(&text);
            if id.is_none() {
                f.error("arxiv", format!("expected an arXiv id such as \"2309.05494\" or \"2309.05494v2\", found {text:?}"));
            }
            id
        });
        let topics = f.string_list("topics");
        let upvotes = f.count("upvotes");
        let mut links = f.string_table("links");
        for (name, url) in links.iter_mut() {
            match check_link(name, url) {
                Ok(checked) => *url = checked,
                Err(message) => f.error(&format!("links.{name}"), message),
            }
        }
        let draft = f.bool("draft");
        let slug = f.string("slug").and_then(|s| {
            let slug = slug::slugify(&s);
            if slug.is_empty() {
                f.error(
                    "slug",
                    format!("{s:?} has no letters or digits to make a URL from"),
                );
                return None;
            }
            Some(slug)
        });
        let aliases = f
            .string_list_raw("aliases")
            .into_iter()
            .filter_map(|text| match alias_path(&text) {
                Ok(path) => Some(path),
                Err(message) => {
                    f.error("aliases", message);
                    None
                }
            })
            .collect();
        let summary = f.string("summary").filter(|s| !s.trim().is_empty());
        let lines = KeyLines {
            slug: f.line_of("slug"),
            aliases: f.line_of("aliases"),
            bibtex_key: f.line_of("bibtex_key"),
        };
        let unknown_fields = f.unknown_keys();
        let (extra, body, mut errors) = f.into_rest();
        if !errors.is_empty() || title.is_none() || date.is_none() {
            // A misspelt field often explains the error (`titel` and a missing title).
            errors.extend(
                unknown_fields
                    .iter()
                    .filter(|d| d.kind == crate::diagnostics::Kind::NearMissField)
                    .cloned(),
            );
        }
        match (title, date) {
            (Some(title), Some(date)) if errors.is_empty() => Ok(Paper {
                source: source.to_path_buf(),
                title: title.split_whitespace().collect::<Vec<_>>().join(" "),
                date,
                published,
                rank,
                authors,
                arxiv,
                topics,
                upvotes,
                links,
                draft,
                slug,
                aliases,
                lines,
                summary,
                extra,
                body,
                unknown_fields,
            }),
            _ => Err(errors),
        }
    }
}

impl Paper {
    /// The paper's DOI (`10.1234/x`): from its `links.doi`, a resolver URL as importers
    /// write it, else from a `doi` field; `None` when neither holds a well-formed one.
    pub fn doi(&self) -> Option<String> {
        let from_link = self.links.get("doi").and_then(|url| {
            let decoded = percent_encoding::percent_decode_str(url)
                .decode_utf8()
                .ok()?;
            doi_of(&decoded)
        });
        let from_field = || {
            self.extra
                .get("doi")
                .and_then(Value::as_str)
                .and_then(doi_of)
        };
        from_link
            .or_else(from_field)
            .filter(|doi| super::doi::checked(doi).is_some())
    }
}

/// An alias as the site-relative path of its redirect page: `/papers/old/`,
/// `papers/old` and `/papers/old/index.html` give `papers/old/`, `/old.html` gives
/// `old.html`. Only paths inside the site are allowed: no scheme, host, query, fragment,
/// `.`, `..` or other hidden names.
pub fn alias_path(text: &str) -> Result<String, String> {
    let trimmed = text.trim().trim_start_matches('/');
    let segments: Vec<&str> = trimmed.split('/').filter(|s| !s.is_empty()).collect();
    let bad = segments.is_empty()
        || text.contains("://")
        || text.contains(['?', '#', '\\', '"', '<', '>'])
        || text.chars().any(|c| c.is_whitespace() || c.is_control())
        // Hidden names (`.git`, `.well-known`, the output's marker) are not the site's.
        || segments.iter().any(|s| s.starts_with('.'));
    if bad {
        return Err(format!(
            "{text:?} is not a path of this site; write an old address such as \"/papers/old-slug/\""
        ));
    }
    let path = segments.join("/");
    match path.strip_suffix("index.html") {
        // `/papers/old/index.html` is the folder `/papers/old/`.
        Some("") => Err(format!(
            "{text:?} is the site's home page; write an old address such as \"/papers/old-slug/\""
        )),
        Some(folder) if folder.ends_with('/') => Ok(folder.to_string()),
        _ if path.ends_with(".html") => Ok(path),
        _ => Ok(format!("{path}/")),
    }
}

/// Links point to other sites, so only web addresses are allowed: a `javascript:` or
/// `data:` URL in an entry must never reach a reader's click. A bare DOI is turned into
/// its resolver URL.
pub fn check_link(name: &str, url: &str) -> Result<String, String> {
    if name == "doi" && url.starts_with("10.") {
        return Ok(format!("https://doi.org/{url}"));
    }
    let lower = url.to_ascii_lowercase();
    let has_web_scheme = lower.starts_with("https://") || lower.starts_with("http://");
    if !has_web_scheme {
        return Err(format!(
            "expected an http(s) URL such as \"https://...\", found {url:?}"
        ));
    }
    if url.len() <= "https://".len()
        || url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    {
        return Err(format!(
            "{url:?} is not a well-formed URL (spaces, quotes and angle brackets are not allowed)"
        ));
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter;

    fn load(text: &str) -> Result<Paper, Vec<String>> {
        let fm = front_matter::parse(text).unwrap();
        Paper::from_front_matter(Path::new("content/papers/x.md"), fm)
            .map_err(|e| e.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn reads_all_fields() {
        let p = load(
            "+++\ntitle = \"  A   B \"\ndate = 2025-05-09\nauthors = [\"Ada\"]\narxiv = \"2309.05494v2\"\n\
             topics = [\"NLP\"]\nupvotes = 3\nvenue = \"ICML\"\n[links]\ncode = \"https://github.com/x/y\"\ndoi = \"10.1/2\"\n+++\nAbstract.\n",
        )
        .unwrap();
        assert_eq!(p.title, "A B");
        assert_eq!(p.arxiv.unwrap().version.as_deref(), Some("v2"));
        assert_eq!(p.links["doi"], "https://doi.org/10.1/2");
        assert_eq!(p.extra["venue"], "ICML");
        assert_eq!(p.topics.unwrap(), ["NLP"]);
        assert_eq!(p.body, "Abstract.\n");
    }

    #[test]
    fn a_doi_comes_from_the_link_else_from_a_doi_field() {
        let doi = |fields: &str| {
            load(&format!(
                "+++\ntitle = \"A\"\ndate = 2025-05-09\n{fields}\n+++\n"
            ))
            .unwrap()
            .doi()
        };
        let link = "[links]\ndoi = \"https://doi.org/10.1002/a%3Cb%3E\"";
        assert_eq!(doi(link).as_deref(), Some("10.1002/a<b>"));
        assert_eq!(doi("doi = \"10.1/x\"").as_deref(), Some("10.1/x"));
        let both = format!("doi = \"10.1/field\"\n{link}");
        assert_eq!(doi(&both).as_deref(), Some("10.1002/a<b>"));
        assert_eq!(doi("doi = \"10.1/two words\""), None);
        assert_eq!(doi("doi = 10"), None);
        assert_eq!(doi(""), None);
    }

    #[test]
    fn reports_every_bad_field_with_its_line() {
        let errors = load(
            "+++\ntitle = \"A\"\ndate = \"May 9\"\narxiv = \"nope\"\nupvotes = -1\n[links]\ncode = \"javascript:alert(1)\"\n+++\n",
        )
        .unwrap_err();
        assert_eq!(
            errors[0],
            "content/papers/x.md:3: date: expected YYYY-MM-DD, found \"May 9\""
        );
        assert!(errors[1].starts_with("content/papers/x.md:4: arxiv: expected an arXiv id"));
        assert!(errors[2].starts_with("content/papers/x.md:5: upvotes:"));
        assert!(
            errors[3].starts_with("content/papers/x.md:6: links.code: expected an http(s) URL")
        );
        assert_eq!(errors.len(), 4);
    }

    #[test]
    fn a_year_may_be_written_as_a_number() {
        let p = load("+++\ntitle = \"A\"\ndate = 2025-05-09\npublished = 1967\n+++\n").unwrap();
        assert_eq!(p.published.unwrap().to_string(), "1967");
        let p = load("---\ntitle: A\ndate: 2025-05-09\npublished: 1967-03\n---\n").unwrap();
        assert_eq!(p.published.unwrap().to_string(), "1967-03");
    }

    #[test]
    fn missing_required_fields() {
        let errors = load("---\nauthors: [A]\n---\n").unwrap_err();
        assert!(errors[0].contains("title: missing"), "{errors:?}");
        assert!(errors[1].contains("date: missing"), "{errors:?}");
    }
}
