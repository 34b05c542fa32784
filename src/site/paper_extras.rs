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
/// filter replaces by each listing's own root. `None` when `content` serves as it is.
pub fn listing_content(body: &crate::markdown::Rendered, dir: &str) -> Option<String> {
    use super::links::ROOT_PLACEHOLDER;
    let html = body.listing_html.as_deref().unwrap_or(&body.html);
    let site = url::Url::parse("https://site.invalid/").ok()?;
    let page = site.join(dir).ok()?;
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut changed = false;
    while let Some(at) = ["href=\"", "src=\""]
        .iter()
        .filter_map(|attr| rest.find(attr).map(|i| i + attr.len()))
        .min()
    {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('"').unwrap_or(rest.len());
        let target = &rest[..end];
        // Addresses with a scheme, and paths from the host's root, mean the same anywhere.
        let relative =
            !target.is_empty() && url::Url::parse(target).is_err() && !target.starts_with('/');
        match page.join(target) {
            Ok(resolved) if relative && resolved.origin() == site.origin() => {
                out.push_str(ROOT_PLACEHOLDER);
                out.push_str(&resolved[url::Position::BeforePath..][1..]);
                changed = true;
            }
            _ => out.push_str(target),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    match (changed, &body.listing_html) {
        (true, _) => Some(out),
        (false, Some(listing)) => Some(listing.clone()),
        (false, None) => None,
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
