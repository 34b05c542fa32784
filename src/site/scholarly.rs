//! A paper's scholarly metadata, made once per paper when its values are: schema.org
//! `ScholarlyArticle` JSON-LD for search engines, and the Highwire `citation_*` tags that
//! Zotero and Google Scholar read.
//!
//! Dates come from the paper's `published`, at its precision, and are left out when it
//! is unknown: the digest day is when the digest showed the paper, not when it came out.
//! Every URL is absolute, since both are read away from the site.

use serde::Serialize;

use super::value_types::Citation;
use crate::content::doi;
use crate::content::partial_date::PartialDate;

/// What the metadata is made from, as `values` has it at hand.
pub struct Scholarly<'a> {
    /// The title as plain text.
    pub title: &'a str,
    /// The absolute URL of the paper's page.
    pub permalink: String,
    /// Each author's name, with the absolute URL of their page on the site.
    pub authors: Vec<(&'a str, String)>,
    pub published: Option<PartialDate>,
    /// The summary as plain text (the page's `<meta name="description">`). Not the whole
    /// abstract: the page shows that already, and a second copy in the JSON-LD was a
    /// twentieth of a large digest's output.
    pub description: &'a str,
    /// The paper's topics.
    pub keywords: Vec<&'a str>,
    /// The arXiv id (without version) and its abstract page.
    pub arxiv: Option<(&'a str, String)>,
    pub doi: Option<String>,
    pub pdf_url: Option<String>,
}

#[derive(Serialize)]
struct ScholarlyArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Person<'a>>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "<[&str]>::is_empty")]
    keywords: &'a [&'a str],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    identifier: Vec<Identifier<'a>>,
    #[serde(rename = "sameAs", skip_serializing_if = "Vec::is_empty")]
    same_as: Vec<String>,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct Identifier<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "propertyID")]
    property: &'static str,
    value: &'a str,
}

impl Scholarly<'_> {
    /// The `ScholarlyArticle` as JSON that is safe inside `<script>`.
    pub fn json_ld(&self) -> String {
        let mut identifier = Vec::new();
        let mut same_as = Vec::new();
        if let Some((id, url)) = &self.arxiv {
            identifier.push(Identifier {
                kind: "PropertyValue",
                property: "arXiv",
                value: id,
            });
            same_as.push(url.clone());
        }
        if let Some(doi) = &self.doi {
            identifier.push(Identifier {
                kind: "PropertyValue",
                property: "DOI",
                value: doi,
            });
            same_as.push(doi::resolver_url(doi));
        }
        let article = ScholarlyArticle {
            context: "https://schema.org",
            kind: "ScholarlyArticle",
            headline: self.title,
            url: &self.permalink,
            author: self
                .authors
                .iter()
                .map(|(name, url)| Person {
                    kind: "Person",
                    name,
                    url,
                })
                .collect(),
            // ISO 8601 at the date's precision: `2025`, `2025-03`, `2025-03-14`.
            date_published: self.published.map(|d| d.to_string()),
            description: self.description,
            keywords: &self.keywords,
            identifier,
            same_as,
        };
        script_safe_json(&article)
    }

    /// The values of the `citation_*` tags.
    pub fn citation(&self) -> Citation<'_> {
        Citation {
            title: self.title,
            authors: self.authors.iter().map(|(name, _)| *name).collect(),
            publication_date: self.published.map(citation_date),
            pdf_url: self.pdf_url.as_deref(),
            arxiv_id: self.arxiv.as_ref().map(|(id, _)| *id),
            doi: self.doi.clone(),
        }
    }
}

/// `citation_publication_date` as Google Scholar asks for it: `2025/03/14` for a full
/// date, else the year alone (a month without its day is not one of its forms).
fn citation_date(date: PartialDate) -> String {
    match (date.month, date.day) {
        (Some(month), Some(day)) => format!("{:04}/{month:02}/{day:02}", date.year),
        _ => format!("{:04}", date.year),
    }
}

/// JSON to print inside a `<script>` element: `<`, `>` and `&` are written as `\u003c`,
/// `\u003e` and `\u0026`, which JSON reads as the same characters, so that no text from an
/// entry (a title holding `</script>` or `<!--`) can end the element or change how the
/// HTML around it is read.
pub fn script_safe_json<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("metadata serializes to JSON");
    let mut safe = String::with_capacity(json.len() + 64);
    let mut plain_from = 0;
    // Copies runs of other characters at once; the three are ASCII, so every cut is on a
    // character boundary.
    for (i, b) in json.bytes().enumerate() {
        let escaped = match b {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            _ => continue,
        };
        safe.push_str(&json[plain_from..i]);
        safe.push_str(escaped);
        plain_from = i + 1;
    }
    safe.push_str(&json[plain_from..]);
    safe
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scholarly<'a>(title: &'a str, published: Option<PartialDate>) -> Scholarly<'a> {
        Scholarly {
            title,
            permalink: "https://example.org/papers/x/".into(),
            authors: vec![("Ada", "https://example.org/authors/ada/".into())],
            published,
            description: "An abstract.",
            keywords: vec!["NLP"],
            arxiv: Some(("2505.01234", "https://arxiv.org/abs/2505.01234".into())),
            doi: Some("10.1/x".into()),
            pdf_url: Some("https://arxiv.org/pdf/2505.01234".into()),
        }
    }

    #[test]
    fn json_ld_cannot_end_its_script_element() {
        let title = "A </script><script>alert(1)</script> & <!-- b";
        let json = scholarly(title, None).json_ld();
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
        let read: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(read["headline"], title);
        assert_eq!(read["@type"], "ScholarlyArticle");
        assert!(read.get("datePublished").is_none());
    }

    #[test]
    fn dates_keep_their_precision() {
        let at = |text: &str| {
            let s = scholarly("T", PartialDate::parse(text));
            let read: serde_json::Value = serde_json::from_str(&s.json_ld()).unwrap();
            let date = read["datePublished"].as_str().unwrap().to_string();
            (date, s.citation().publication_date.unwrap())
        };
        assert_eq!(at("1967"), ("1967".into(), "1967".into()));
        assert_eq!(at("2025-03"), ("2025-03".into(), "2025".into()));
        assert_eq!(at("2025-03-04"), ("2025-03-04".into(), "2025/03/04".into()));
    }
}
