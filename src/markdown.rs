//! Markdown to safe HTML, and the plain-text summaries listing pages show.
//!
//! Safety first: raw HTML in an entry is shown as text (it is never passed through),
//! links may only use web, mail or relative URLs, and images may only come from the site
//! itself, so a page never makes a request to another site.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// `true` for URLs a reader may follow: http(s), mailto, or relative to the site.
pub fn is_safe_link(url: &str) -> bool {
    let url = url.trim();
    match url.find(|c| [':', '/', '?', '#'].contains(&c)) {
        Some(i) if url.as_bytes()[i] == b':' => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Images are only loaded from the site itself: relative URLs without a host.
fn is_local_image(url: &str) -> bool {
    let url = url.trim();
    !url.starts_with("//") && !url.contains(':')
}

/// Renders Markdown to HTML with raw HTML escaped and unsafe links dropped (their text stays).
pub fn render(markdown: &str) -> String {
    let mut dropped = Vec::new();
    let events = Parser::new_ext(markdown, options()).filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Link { ref dest_url, .. }) if !is_safe_link(dest_url) => {
            dropped.push(true);
            None
        }
        Event::Start(Tag::Image { ref dest_url, .. }) if !is_local_image(dest_url) => {
            dropped.push(true);
            None
        }
        Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
            dropped.push(false);
            Some(event)
        }
        Event::End(TagEnd::Link | TagEnd::Image) => {
            if dropped.pop().unwrap_or(false) {
                None
            } else {
                Some(event)
            }
        }
        other => Some(other),
    });
    let mut html = String::with_capacity(markdown.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// The text of the first paragraph, with markup removed and white space folded.
pub fn first_paragraph_text(markdown: &str) -> String {
    let mut text = String::new();
    let mut in_paragraph = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if in_paragraph => break,
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t)
                if in_paragraph =>
            {
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            _ => {}
        }
    }
    fold_whitespace(&text)
}

/// Plain text of a whole Markdown snippet (for a front-matter `summary`).
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    fold_whitespace(&text)
}

fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cuts `text` to at most `max` characters on a word boundary, adding an ellipsis.
pub fn cut_on_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let byte_end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let head = &text[..byte_end];
    let cut = head
        .rfind(char::is_whitespace)
        .filter(|&i| i > 0)
        .unwrap_or(byte_end);
    let trimmed =
        head[..cut].trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—(".contains(c));
    format!("{trimmed}…")
}

/// Escapes text for HTML element content and quoted attribute values (either quote).
/// Unlike Tera's default it leaves `/` alone, so URLs in `href`s stay readable.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut plain_from = 0;
    // Copies runs of ordinary characters at once; every page's text goes through here.
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[plain_from..i]);
        out.push_str(entity);
        plain_from = i + 1;
    }
    out.push_str(&text[plain_from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_and_bad_links_are_inert() {
        let html = render(
            "Hi <script>alert(1)</script> [x](javascript:alert(1)) [y](https://e.org) ![i](https://e.org/p.png)",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains(r#"<a href="https://e.org">y</a>"#), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(render("![a](img/x.png)").contains(r#"<img src="img/x.png""#));
        assert!(!render("[a](JaVaScRiPt:x)").contains("href"));
    }

    #[test]
    fn summaries() {
        assert_eq!(
            first_paragraph_text("# H\n\nOne\ntwo *three*.\n\nNext."),
            "One two three."
        );
        assert_eq!(cut_on_word("alpha beta gamma", 12), "alpha beta…");
        assert_eq!(cut_on_word("alpha beta", 20), "alpha beta");
        assert_eq!(cut_on_word("αβγδεζ", 3), "αβγ…");
        assert_eq!(plain_text("A *b*\n\nC"), "A b C");
        assert_eq!(
            escape_html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
