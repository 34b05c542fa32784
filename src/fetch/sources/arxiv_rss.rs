//! arXiv's announcements of the day for some categories: `rss.arxiv.org/rss/cs.CL+cs.LG`,
//! read by `import arxiv-rss`. The feed's own date is the papers' digest day; arXiv
//! announces nothing on weekends and holidays, when the feed is empty.

use chrono::{DateTime, Utc};

use super::{Page, Request, Source};
use crate::diagnostics::Diagnostic;
use crate::fetch::http::BodyKind;
use crate::import::arxiv_rss::{self, AnnounceTypes};

pub const ENDPOINT: &str = "https://rss.arxiv.org/rss";

pub struct ArxivRss {
    pub endpoint: String,
    /// arXiv categories (`cs.CL`, `hep-th`), checked with `check_category`.
    pub categories: Vec<String>,
    pub announce: AnnounceTypes,
    /// When the fetch started, for the cache file's name.
    pub started: DateTime<Utc>,
}

/// A category as arXiv writes it: an archive (`cs`, `hep-th`, `cond-mat`) and perhaps a
/// subject class (`CL`, `stat-mech`). Anything else would not be a path segment of the
/// feed's URL.
pub fn check_category(text: &str) -> Result<String, String> {
    let (archive, subject) = text.split_once('.').unwrap_or((text, ""));
    let archive_ok = archive.starts_with(|c: char| c.is_ascii_lowercase())
        && archive.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    let subject_ok =
        !text.ends_with('.') && subject.chars().all(|c| c.is_ascii_alphabetic() || c == '-');
    if archive_ok && subject_ok {
        Ok(text.to_string())
    } else {
        Err(format!(
            "expected an arXiv category such as \"cs.CL\" or \"hep-th\", found {text:?}"
        ))
    }
}

impl Source for ArxivRss {
    fn name(&self) -> &'static str {
        "arxiv-rss"
    }

    fn import_format(&self) -> &'static str {
        "arxiv-rss"
    }

    fn body_kind(&self) -> BodyKind {
        BodyKind::Xml
    }

    fn first_request(&self) -> Request {
        let categories = self.categories.join("+");
        // A mirror's own query (`?key=...`) stays after the path.
        let (base, query) = match self.endpoint.split_once('?') {
            Some((base, query)) => (base, format!("?{query}")),
            None => (self.endpoint.as_str(), String::new()),
        };
        Request {
            url: format!("{}/{categories}{query}", base.trim_end_matches('/')),
            cache_name: format!(
                "{}-{categories}.xml",
                self.started.format("%Y-%m-%dT%H%M%SZ")
            ),
            start: 0,
        }
    }

    fn read(&self, body: &str, request: &Request, _: usize) -> Result<Page, Vec<Diagnostic>> {
        // Exactly what `import arxiv-rss --announce ...` reads, so a cached reply replays
        // the same.
        let (selection, mut warnings) =
            arxiv_rss::parse_selected(body, &request.url, &self.announce)?;
        if let Some(note) = selection.left_out_note() {
            warnings.push(Diagnostic::new(&request.url, None, note));
        }
        Ok(Page {
            papers: selection.papers,
            next: None,
            warnings,
        })
    }

    fn nothing_found(&self) -> String {
        format!(
            "no papers: arXiv's feed for {} announces none of the chosen types today (it announces nothing on weekends and holidays)",
            self.categories.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_for_every_category_in_one_feed() {
        let source = ArxivRss {
            endpoint: ENDPOINT.into(),
            categories: vec!["cs.CL".into(), "hep-th".into()],
            announce: AnnounceTypes::default(),
            started: DateTime::parse_from_rfc3339("2026-04-27T06:00:09Z")
                .unwrap()
                .into(),
        };
        let request = source.first_request();
        assert_eq!(request.url, "https://rss.arxiv.org/rss/cs.CL+hep-th");
        assert_eq!(request.cache_name, "2026-04-27T060009Z-cs.CL+hep-th.xml");
        let mirror = ArxivRss {
            endpoint: "https://mirror.example.org/rss?key=abc".into(),
            ..source
        };
        assert_eq!(
            mirror.first_request().url,
            "https://mirror.example.org/rss/cs.CL+hep-th?key=abc"
        );
        for good in ["cs.CL", "hep-th", "cond-mat.stat-mech", "math"] {
            assert!(check_category(good).is_ok(), "{good}");
        }
        for bad in ["", "CS.CL", "cs.", "cs/CL", "cs.CL?x=1", "../x", "cs CL"] {
            assert!(check_category(bad).is_err(), "{bad}");
        }
    }
}
