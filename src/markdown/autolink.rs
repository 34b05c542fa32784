//! Bare web addresses in an entry's text become links: abstracts copied from arXiv say
//! "Code is at https://github.com/…" without Markdown's angle brackets. The `linkify`
//! crate finds them, with the trailing punctuation of the sentence left out; only
//! `http` and `https` addresses are linked, and text already inside a link, an image or
//! code is left alone.

use linkify::{LinkFinder, LinkKind};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// `events` with every bare web address in their text made a link.
pub fn bare_urls(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]).url_must_have_scheme(true);
    let mut out = Vec::with_capacity(events.len());
    // Text is linked only outside links and images (code blocks come as one piece of
    // text inside their tags, inline code as its own event).
    let mut depth = 0usize;
    let mut pending = String::new();
    for event in events {
        match event {
            Event::Text(text) if depth == 0 => {
                pending.push_str(&text);
                continue;
            }
            _ => flush(&finder, &mut pending, &mut out),
        }
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
        out.push(event);
    }
    flush(&finder, &mut pending, &mut out);
    out
}

/// Puts the text gathered so far out, its addresses as links. pulldown-cmark splits
/// text at characters that might be Markdown (`_`, `*`), so an address can come in
/// several pieces: they are joined first.
fn flush(finder: &LinkFinder, pending: &mut String, out: &mut Vec<Event<'_>>) {
    if pending.is_empty() {
        return;
    }
    let text = std::mem::take(pending);
    for span in finder.spans(&text) {
        let piece = span.as_str().to_string();
        let is_web = span.kind() == Some(&LinkKind::Url) && {
            let lower = piece.to_ascii_lowercase();
            lower.starts_with("https://") || lower.starts_with("http://")
        };
        if is_web {
            out.push(Event::Start(Tag::Link {
                link_type: LinkType::Autolink,
                dest_url: CowStr::from(piece.clone()),
                title: CowStr::from(""),
                id: CowStr::from(""),
            }));
            out.push(Event::Text(CowStr::from(piece)));
            out.push(Event::End(TagEnd::Link));
        } else {
            out.push(Event::Text(CowStr::from(piece)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn html(markdown: &str) -> String {
        let events = bare_urls(Parser::new_ext(markdown, Options::empty()).collect());
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, events.into_iter());
        out
    }

    #[test]
    fn a_bare_address_becomes_a_link_without_the_sentence_s_full_stop() {
        assert_eq!(
            html("Code is at https://github.com/a_b/c_d."),
            "<p>Code is at <a href=\"https://github.com/a_b/c_d\">https://github.com/a_b/c_d</a>.</p>\n"
        );
    }

    #[test]
    fn links_code_and_other_schemes_are_left_alone() {
        let out = html("[site](https://a.org) `https://b.org` ftp://c.org\n\n    https://d.org\n");
        assert_eq!(out.matches("<a ").count(), 1, "{out}");
        assert!(out.contains("<code>https://b.org</code>"), "{out}");
        assert!(out.contains("ftp://c.org"), "{out}");
        assert!(out.contains("<pre><code>https://d.org"), "{out}");
    }
}
