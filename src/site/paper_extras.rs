//! What a paper's own page shows beyond its card (`PaperPageExtras`): the entry's
//! publication facts, searches for a paper without an arXiv id, and the abstract as a
//! listing that opens to it shows it.

use serde_json::Value;

use super::value_types::{Facts, LinkValue};

/// For a paper without an arXiv id: searches for its title where papers are found.
pub fn find_links(title: &str) -> Vec<LinkValue> {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    let query = utf8_percent_encode(title, NON_ALPHANUMERIC).to_string();
    vec![
        LinkValue {
            name: "find_arxiv".into(),
            label: "Find on arXiv".into(),
            url: format!("https://arxiv.org/search/?searchtype=title&query={query}"),
        },
        LinkValue {
            name: "find_hugging_face".into(),
            label: "Find on Hugging Face".into(),
            url: format!("https://huggingface.co/papers?q={query}"),
        },
    ]
}

/// The abstract as a listing shows it (`listing_content`): without ids (see
/// `markdown::Rendered::listing_html`), and with links and images that are relative to
/// the paper's page made relative to the site's root, behind the placeholder the `card`
/// filter replaces by each listing's own root. Paths from the host's root mean the same
/// anywhere and stay. `None` when `content` serves as it is.
pub fn listing_content(body: &crate::markdown::Rendered, dir: &str) -> Option<String> {
    use super::links::ROOT_PLACEHOLDER;
    let html = body.listing_html.as_deref().unwrap_or(&body.html);
    let site = url::Url::parse("https://site.invalid/").ok()?;
    let page = site.join(dir).ok()?;
    let rewritten = crate::render::absolute_urls::rewrite_relative(html, |value| {
        if value.starts_with('/') {
            return Some(value.to_string());
        }
        let resolved = page.join(value).ok()?;
        Some(format!(
            "{ROOT_PLACEHOLDER}{}",
            &resolved[url::Position::BeforePath..][1..]
        ))
    })
    // The HTML is this build's own rendering; if it cannot be read, the listing shows it
    // as the page does.
    .ok()?;
    match (rewritten, &body.listing_html) {
        (std::borrow::Cow::Owned(changed), _) => Some(changed),
        (std::borrow::Cow::Borrowed(_), Some(listing)) => Some(listing.clone()),
        (std::borrow::Cow::Borrowed(_), None) => None,
    }
}

/// The entry's publication facts, from the fields importers write.
pub fn facts(extra: &serde_json::Map<String, Value>) -> Facts<'_> {
    let text = |key: &str| {
        extra
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    let mut categories: Vec<&str> = text("primary_category").into_iter().collect();
    let listed = match extra.get("categories") {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(s)) => s.split([',', ' ']).collect(),
        _ => Vec::new(),
    };
    for category in listed.into_iter().map(str::trim) {
        if !category.is_empty() && !categories.contains(&category) {
            categories.push(category);
        }
    }
    Facts {
        venue: text("venue")
            .or_else(|| text("journal"))
            .or_else(|| text("booktitle")),
        journal_ref: text("journal_ref"),
        comment: text("comment"),
        categories,
    }
}
