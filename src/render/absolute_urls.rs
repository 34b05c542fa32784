//! The `absolute_urls` template filter: the relative links and images of an HTML
//! fragment made absolute, for feeds and other files read away from the site.
//!
//! Pages link relatively (`../other/`, `fig.png`, `#fn-1`), which is right on the site
//! and wrong in a feed reader. `{{ paper.content | absolute_urls(base=paper.permalink) }}`
//! resolves each URL attribute against the page the HTML comes from. The HTML goes
//! through lol_html, which rewrites those attributes in place and leaves every other
//! byte as it was: the MathML, highlighted code and footnotes a feed shows are the
//! page's own. Most abstracts have no relative URL at all, and are returned as they are
//! without being parsed.

use std::borrow::Cow;
use std::collections::HashMap;

use lol_html::{RewriteStrSettings, element, rewrite_str};
use tera::Value;
use url::Url;

/// The attributes that hold a URL a reader follows or loads.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "poster",
    "cite",
    "action",
    "formaction",
    "data",
];

/// Elements that carry one of `URL_ATTRIBUTES`, as a selector.
const SELECTOR: &str = "[href], [src], [poster], [cite], [action], [formaction], [data]";

/// `html` with the URLs of its links, images and the like resolved against `base`.
///
/// Attribute values are resolved as written, character references and all: resolving
/// only ever puts the base in front of a relative value and tidies `.` and `..`
/// segments, so a reference such as `&amp;` reads the same afterwards. A value that
/// cannot be resolved is dropped rather than left relative.
pub fn absolutize<'h>(html: &'h str, base: &Url) -> Result<Cow<'h, str>, String> {
    rewrite_relative(html, |value| base.join(value).ok().map(String::from))
}

/// `html` with each URL attribute whose value has no scheme replaced by what `rewrite`
/// gives for it (trimmed), or dropped where it gives `None`. Returned as it is when it
/// has no such value.
pub fn rewrite_relative<'h>(
    html: &'h str,
    rewrite: impl Fn(&str) -> Option<String>,
) -> Result<Cow<'h, str>, String> {
    if !may_have_relative_url(html) {
        return Ok(Cow::Borrowed(html));
    }
    let settings =
        RewriteStrSettings::new().append_element_content_handler(element!(SELECTOR, |el| {
            for &name in URL_ATTRIBUTES {
                let Some(value) = el.get_attribute(name) else {
                    continue;
                };
                if is_absolute(&value) {
                    continue;
                }
                match rewrite(value.trim()) {
                    Some(url) => el.set_attribute(name, &url)?,
                    None => el.remove_attribute(name),
                }
            }
            Ok(())
        }));
    rewrite_str(html, settings)
        .map(Cow::Owned)
        .map_err(|e| format!("cannot read the HTML to rewrite its links: {e}"))
}

/// Whether a URL attribute's value stands on its own: it has a scheme.
fn is_absolute(value: &str) -> bool {
    Url::parse(value.trim()).is_ok()
}

/// A quick look for a URL attribute whose value is not absolute. It may say yes for
/// text that only looks like an attribute (then the rewrite finds nothing to do), and
/// never says no for a real one: its names are matched in any case and with spaces
/// around `=`, its values quoted either way or not at all.
fn may_have_relative_url(html: &str) -> bool {
    let is_name_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':');
    for (i, _) in html.match_indices('=') {
        let before = html[..i].trim_end_matches(|c: char| c.is_ascii_whitespace());
        let start = before
            .bytes()
            .rposition(|b| !is_name_byte(b))
            .map_or(0, |k| k + 1);
        let name = &before[start..];
        if !URL_ATTRIBUTES.iter().any(|a| a.eq_ignore_ascii_case(name)) {
            continue;
        }
        let after = html[i + 1..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let value = match after.as_bytes().first() {
            Some(&quote @ (b'"' | b'\'')) => {
                let rest = &after[1..];
                &rest[..rest.find(quote as char).unwrap_or(rest.len())]
            }
            _ => {
                let end = after
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(after.len());
                &after[..end]
            }
        };
        if !is_absolute(value) {
            return true;
        }
    }
    false
}

/// The Tera filter: `{{ html | absolute_urls(base=permalink) }}`.
pub fn filter(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let html = value.as_str().ok_or_else(|| {
        tera::Error::msg(format!(
            "absolute_urls: expects HTML text, found {value}; is the variable a paper's `content`?"
        ))
    })?;
    let base = match args.get("base") {
        Some(Value::String(base)) => base,
        Some(other) => {
            return Err(tera::Error::msg(format!(
                "absolute_urls: `base` must be an absolute URL in quotes, found {other}"
            )));
        }
        None => {
            return Err(tera::Error::msg(
                "absolute_urls: needs `base`, the absolute URL the HTML's links are relative to, as in absolute_urls(base=paper.permalink)",
            ));
        }
    };
    let base = Url::parse(base)
        .ok()
        .filter(|u| u.has_host())
        .ok_or_else(|| {
            tera::Error::msg(format!(
                "absolute_urls: `base` must be an absolute URL such as \"https://example.org/papers/x/\", found {base:?}"
            ))
        })?;
    let html = absolutize(html, &base).map_err(tera::Error::msg)?;
    Ok(Value::String(html.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn absolute(html: &str) -> String {
        let base = Url::parse("https://example.org/digest/papers/x/").unwrap();
        absolutize(html, &base).unwrap().into_owned()
    }

    #[test]
    fn relative_urls_become_absolute() {
        assert_eq!(
            absolute(
                r##"<p><a href="../y/">y</a> <img src="fig.png" alt="f"> <a href="#fn-1">1</a> <a href="/top">t</a></p>"##
            ),
            r##"<p><a href="https://example.org/digest/papers/y/">y</a> <img src="https://example.org/digest/papers/x/fig.png" alt="f"> <a href="https://example.org/digest/papers/x/#fn-1">1</a> <a href="https://example.org/top">t</a></p>"##
        );
        // Names in any case, single quotes, no quotes, spaces around `=`; a rewritten
        // attribute is written anew, quoted.
        assert_eq!(
            absolute("<a HREF = 'a?b=1&amp;c=2'>a</a><img src=b.png>"),
            "<a HREF=\"https://example.org/digest/papers/x/a?b=1&amp;c=2\">a</a><img src=\"https://example.org/digest/papers/x/b.png\">"
        );
    }

    #[test]
    fn everything_else_is_left_as_it_was() {
        let math = r#"<p>Loss <math display="inline"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>&lt;</mo><mn>1</mn></mrow><annotation encoding="application/x-tex">x^2 &lt; 1</annotation></semantics></math> and <a href="https://arxiv.org/abs/1" rel="noopener">arXiv</a>, <a href="mailto:a@b.org">mail</a>.</p>
<pre class="code hl-code" data-lang="rust"><code><span class="hl-source">fn</span></code></pre>"#;
        // Nothing relative: the very same text, not even parsed.
        assert!(matches!(
            absolutize(math, &Url::parse("https://e.org/").unwrap()).unwrap(),
            Cow::Borrowed(_)
        ));
        // With a relative link besides, only that link changes.
        let with_link = format!("{math}<a href=\"#x\">x</a>");
        assert_eq!(
            absolute(&with_link),
            format!("{math}<a href=\"https://example.org/digest/papers/x/#x\">x</a>")
        );
    }

    #[test]
    fn text_that_looks_like_an_attribute_is_text() {
        let html = "<p>Write <code>href=&quot;x&quot;</code> or src = y.</p>";
        assert_eq!(absolute(html), html);
    }

    #[test]
    fn the_filter_explains_its_arguments() {
        let html = Value::String("<a href=\"x\">x</a>".into());
        let args = |base: &str| HashMap::from([("base".to_string(), Value::String(base.into()))]);
        assert_eq!(
            filter(&html, &args("https://e.org/p/")).unwrap(),
            Value::String("<a href=\"https://e.org/p/x\">x</a>".into())
        );
        let missing = filter(&html, &HashMap::new()).unwrap_err().to_string();
        assert!(missing.contains("needs `base`"), "{missing}");
        let relative = filter(&html, &args("papers/x/")).unwrap_err().to_string();
        assert!(relative.contains("must be an absolute URL"), "{relative}");
        let null = filter(&Value::Null, &args("https://e.org/")).unwrap_err();
        assert!(null.to_string().contains("expects HTML text"), "{null}");
    }
}
