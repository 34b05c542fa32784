//! Listing summaries: which events make the summary, and cutting them to length without
//! breaking a formula or leaving a tag open.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// `<!-- more -->`: everything before it is the summary.
pub fn is_more_marker(event: &Event) -> bool {
    matches!(event, Event::Html(h) | Event::InlineHtml(h) if h.trim() == "<!-- more -->")
}

/// The events of the first paragraph, with its start and end.
pub fn first_paragraph<'a>(events: &[Event<'a>]) -> Vec<Event<'a>> {
    let Some(start) = events
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::Paragraph)))
    else {
        return Vec::new();
    };
    let mut depth = 0;
    let mut paragraph = Vec::new();
    for event in &events[start..] {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        paragraph.push(event.clone());
        if depth == 0 {
            break;
        }
    }
    paragraph
}

/// The text of summary events, with formulas as readable text.
pub fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::InlineMath(m) | Event::DisplayMath(m) => {
                text.push_str(&super::math::to_plain_text(m))
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => text.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&text)
}

/// `text` with every run of whitespace made one space, and none at either end. One pass:
/// a whole abstract goes through it.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Ends every tag left open, as when a `<!-- more -->` marker sits inside emphasis or a list.
pub fn close_open_tags(mut events: Vec<Event>) -> Vec<Event> {
    let mut open: Vec<TagEnd> = Vec::new();
    for event in &events {
        match event {
            Event::Start(tag) => open.push(tag.to_end()),
            Event::End(_) => {
                open.pop();
            }
            _ => {}
        }
    }
    events.extend(open.into_iter().rev().map(Event::End));
    events
}

/// How much text an event shows, in characters.
fn visible_length(event: &Event) -> usize {
    match event {
        Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
            t.chars().count()
        }
        Event::SoftBreak | Event::HardBreak => 1,
        _ => 0,
    }
}

/// Keeps at most `max` characters of text, cutting a text run on a word boundary and never
/// inside a formula or inline code; closes whatever was open and ends with "…", unless
/// it ends a sentence.
pub fn cut(events: Vec<Event>, max: usize) -> Vec<Event> {
    let total: usize = events.iter().map(visible_length).sum();
    if total <= max {
        return events;
    }
    let mut out = Vec::new();
    let mut open: Vec<TagEnd> = Vec::new();
    let mut used = 0;
    for event in events {
        let len = visible_length(&event);
        if used + len > max {
            if let Event::Text(text) = &event {
                let kept = super::cut_on_word(text, max - used);
                let kept = kept.trim_end_matches('…');
                if !kept.trim().is_empty() && kept.len() < text.len() {
                    out.push(Event::Text(CowStr::from(kept.to_string())));
                }
            }
            break;
        }
        used += len;
        match &event {
            Event::Start(tag) => open.push(tag.to_end()),
            Event::End(_) => {
                open.pop();
            }
            _ => {}
        }
        out.push(event);
    }
    // A cut just after a sentence's end shows that sentence whole: "discrepancy.…" would
    // put an ellipsis after a full stop.
    let last_text = out.iter().rev().find_map(|e| match e {
        Event::Text(t) => Some(t.trim_end()),
        _ => None,
    });
    if !last_text.is_some_and(|t| t.ends_with(['.', '!', '?'])) {
        out.push(Event::Text(CowStr::Borrowed("…")));
    }
    while let Some(end) = open.pop() {
        out.push(Event::End(end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn events(md: &str) -> Vec<Event<'_>> {
        Parser::new_ext(md, Options::ENABLE_MATH).collect()
    }

    fn html(events: Vec<Event>) -> String {
        let mut s = String::new();
        pulldown_cmark::html::push_html(&mut s, events.into_iter());
        s
    }

    #[test]
    fn first_paragraph_only() {
        assert_eq!(
            html(first_paragraph(&events("# T\n\nOne *two*.\n\nThree."))),
            "<p>One <em>two</em>.</p>\n"
        );
    }

    #[test]
    fn cuts_on_words_and_closes_tags() {
        let cut_html = html(cut(
            first_paragraph(&events("Alpha *beta gamma delta* epsilon.")),
            12,
        ));
        assert_eq!(cut_html, "<p>Alpha <em>beta…</em></p>\n");
    }

    #[test]
    fn never_cuts_inside_math() {
        let cut_events = cut(
            first_paragraph(&events(
                "We show $\\mathcal{O}(n \\log n)$ time and more words.",
            )),
            12,
        );
        assert!(
            !cut_events.iter().any(|e| matches!(e, Event::InlineMath(_))),
            "{cut_events:?}"
        );
        let kept = cut(
            first_paragraph(&events("Cost $x^2$ here and more words after it.")),
            12,
        );
        assert!(
            kept.iter()
                .any(|e| matches!(e, Event::InlineMath(m) if m.as_ref() == "x^2")),
            "{kept:?}"
        );
    }
}
