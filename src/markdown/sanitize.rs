//! Cleaning raw HTML written in entries (`markdown.raw_html = "sanitize"`, the default):
//! harmless markup stays, scripts, event handlers, `javascript:` URLs, iframes and styles go.
//!
//! It runs over the HTML that pulldown-cmark made of an entry, before the trusted pieces
//! paperpress generates itself (MathML, highlighted code) are put in, so the allowlist only
//! needs what Markdown and careful authors write.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(None)
        .add_tags(["input"])
        .add_tag_attributes("a", ["rel", "target", "aria-label", "class"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .add_generic_attributes(["id"])
        .add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"])
        .add_allowed_classes("div", ["footnote-definition"])
        .add_allowed_classes("code", ["math-error"])
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            // Only the alignment pulldown-cmark writes for table columns; no other styles.
            ("th" | "td", "style") => matches!(
                value,
                "text-align: left" | "text-align: center" | "text-align: right"
            )
            .then_some(Cow::Borrowed(value)),
            // Images only from the site itself: a page never loads anything from elsewhere.
            ("img", "src") => super::is_local_image(value).then_some(Cow::Borrowed(value)),
            ("input", "type") => (value == "checkbox").then_some(Cow::Borrowed(value)),
            ("a", "target") => (value == "_blank").then_some(Cow::Borrowed(value)),
            ("a", "rel") => {
                let known = value
                    .split_whitespace()
                    .all(|t| ["noopener", "noreferrer", "nofollow"].contains(&t));
                known.then_some(Cow::Borrowed(value))
            }
            _ => Some(Cow::Borrowed(value)),
        });
    b
});

pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_dangerous_markup_and_keeps_harmless_markup() {
        let dirty = r#"<p onclick="x()">Hi <b>there</b><script>alert(1)</script><iframe src="https://e.org"></iframe>
<a href="javascript:alert(1)">j</a><a href="https://e.org" target="_top">k</a><span style="color:red">s</span>
<sup>2</sup><style>p{}</style><img src="x.png" onerror="alert(1)" alt="x"></p>"#;
        let clean = clean(dirty);
        for gone in [
            "onclick",
            "<script",
            "alert(1)</",
            "<iframe",
            "javascript:",
            "_top",
            "style=",
            "<style",
            "onerror",
        ] {
            assert!(!clean.contains(gone), "{gone} survived: {clean}");
        }
        for kept in [
            "<b>there</b>",
            "<sup>2</sup>",
            "href=\"https://e.org\"",
            "<img src=\"x.png\" alt=\"x\">",
        ] {
            assert!(clean.contains(kept), "{kept} lost: {clean}");
        }
    }
}
