//! Markdown to HTML for abstracts, notes and plain pages: CommonMark with GFM tables,
//! footnotes, strikethrough and task lists; LaTeX math as MathML; highlighted code;
//! heading anchors; summaries for listings; and raw HTML sanitized, escaped or allowed.
//!
//! The pieces paperpress generates itself (MathML, highlighted code, links, headings) are
//! kept aside as numbered placeholders while the entry's own HTML is sanitized, then put
//! back: the sanitizer only judges what the author wrote.

mod autolink;
pub mod highlight;
pub mod latex;
pub mod math;
mod sanitize;
mod summary;

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::config::{MarkdownConfig, RawHtml};

/// Placeholders for trusted fragments: private-use characters an entry cannot contain
/// (they are replaced when the source is read).
const PLACEHOLDER_START: char = '\u{E000}';
const PLACEHOLDER_END: char = '\u{E001}';

/// Search engines show about this many characters of a description.
const DESCRIPTION_LENGTH: usize = 200;

/// Ids the default theme uses on its own pages; a heading never takes one of them.
const RESERVED_IDS: &[&str] = &[
    "main",
    "abstract",
    "content",
    "top",
    "footnotes",
    "cite",
    "bibtex",
];

/// An entry's Markdown, rendered.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// For listings: the front matter's summary, the part before `<!-- more -->`, or the
    /// first paragraph cut to length.
    pub summary: String,
    /// The summary as plain text (math made readable), for `<meta name="description">`.
    pub description: String,
    /// The whole body as plain text (math made readable), for the search index and for
    /// finding similar papers.
    pub text: String,
    /// The body again without ids (no heading ids, no footnotes), for a listing that
    /// shows several abstracts on one page; `None` when `html` has no ids anyway.
    pub listing_html: Option<String>,
    /// Whether the page needs the code highlighting stylesheet.
    pub has_code: bool,
    /// Whether it has formulas (and so wants the math font early).
    pub has_math: bool,
    /// Formulas that could not be rendered (shown as their source instead).
    pub warnings: Vec<String>,
}

impl Rendered {
    /// Gives back what the strings grew into and do not use: a site keeps every entry's
    /// rendering, and strings grown by doubling hold a third more than their text on
    /// average.
    fn shrink_to_fit(&mut self) {
        for s in [
            &mut self.html,
            &mut self.summary,
            &mut self.description,
            &mut self.text,
        ] {
            s.shrink_to_fit();
        }
        if let Some(listing) = &mut self.listing_html {
            listing.shrink_to_fit();
        }
    }
}

/// A title: HTML with its math rendered, and plain text for `<title>`, meta tags and feeds.
#[derive(Debug)]
pub struct RenderedTitle {
    pub html: String,
    pub plain: String,
    pub warnings: Vec<String>,
}

fn options(config: &MarkdownConfig) -> Options {
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_MATH;
    if config.smart_punctuation {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    options
}

/// Prepares source text: placeholder characters are not allowed in it, and `\(...\)` and
/// `\[...\]` become dollar delimiters.
fn prepare(source: &str) -> String {
    let source = source.replace([PLACEHOLDER_START, PLACEHOLDER_END], "\u{FFFD}");
    if !source.contains("\\(") && !source.contains("\\[") {
        return source;
    }
    // Code, and link destinations (`(https://x/a\(b\))`), are never math.
    let untouchable: Vec<std::ops::Range<usize>> = Parser::new_ext(&source, Options::empty())
        .into_offset_iter()
        .filter_map(|(e, range)| match e {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => Some(range),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                let dest = source[range.clone()]
                    .rfind("](")
                    .map_or(range.start, |i| range.start + i);
                Some(dest..range.end)
            }
            _ => None,
        })
        .collect();
    math::normalize_delimiters(&source, &untouchable)
}

/// Renders an entry's body (and its listing summary).
pub fn render(
    source: &str,
    summary_override: Option<&str>,
    summary_length: usize,
    config: &MarkdownConfig,
) -> Rendered {
    let source = prepare(source);
    let events = autolink::bare_urls(Parser::new_ext(&source, options(config)).collect());
    let mut out = Rendered::default();
    let mut body = Emitter::new(config, Mode::Body);
    out.html = body.emit(events.iter().cloned());
    let has_ids = body.ids.len() > RESERVED_IDS.len()
        || events
            .iter()
            .any(|e| matches!(e, Event::FootnoteReference(_)));
    if has_ids {
        out.listing_html = Some(Emitter::new(config, Mode::Summary).emit(events.iter().cloned()));
    }
    out.has_code = body.has_code;
    out.has_math = body.has_math;
    out.warnings = body.warnings;
    out.text = summary::plain_text(&events);

    let override_source = summary_override.map(prepare);
    let summary_events: Vec<Event> = match &override_source {
        Some(text) => autolink::bare_urls(Parser::new_ext(text, options(config)).collect()),
        None => match events.iter().position(summary::is_more_marker) {
            Some(marker) => summary::close_open_tags(events[..marker].to_vec()),
            None => summary::cut(summary::first_paragraph(&events), summary_length),
        },
    };
    out.description = cut_on_word(&summary::plain_text(&summary_events), DESCRIPTION_LENGTH);
    out.summary = Emitter::new(config, Mode::Summary).emit(summary_events.into_iter());
    out.shrink_to_fit();
    out
}

/// Renders a title: math becomes MathML, everything else stays the literal text
/// (titles are not Markdown: an asterisk in a title is an asterisk). With `smart`, the
/// HTML gets the same curly quotes and dashes as the abstracts (`[markdown]
/// smart_punctuation`); the plain text keeps the entry's characters, so slugs, citation
/// keys and search words do not depend on the setting.
pub fn render_title(title: &str, smart: bool) -> RenderedTitle {
    let source = prepare(title);
    let mut html = String::new();
    let mut plain = String::new();
    let mut warnings = Vec::new();
    let mut last = 0;
    let push_text = |text: &str, html: &mut String, plain: &mut String| {
        let text = text.replace("\\$", "$");
        if smart {
            html.push_str(&escape_html(&smart_punctuation(&text)));
        } else {
            html.push_str(&escape_html(&text));
        }
        plain.push_str(&text);
    };
    for (event, range) in Parser::new_ext(&source, Options::ENABLE_MATH).into_offset_iter() {
        if let Event::InlineMath(latex) | Event::DisplayMath(latex) = event {
            push_text(&source[last..range.start], &mut html, &mut plain);
            match math::to_mathml(&latex, false) {
                Ok(mathml) => html.push_str(&mathml),
                Err(e) => {
                    warnings.push(format!(
                        "cannot render the math `{latex}` in the title ({e}); it is shown as its source"
                    ));
                    html.push_str(&math::error_html(&latex, false));
                }
            }
            plain.push_str(&math::to_plain_text(&latex));
            last = range.end;
        }
    }
    push_text(&source[last..], &mut html, &mut plain);
    RenderedTitle {
        html: without_forbidden_controls(html),
        plain: plain.split_whitespace().collect::<Vec<_>>().join(" "),
        warnings,
    }
}

/// `text` with pulldown-cmark's smart punctuation (curly quotes, en and em dashes, an
/// ellipsis) and nothing else of Markdown: every other punctuation mark is escaped, and
/// a leading `x ` keeps `1.`, `-` or `#` at the start from making a list or a heading.
fn smart_punctuation(text: &str) -> String {
    let core = text.trim();
    if !core.contains(['\'', '"', '-', '.']) {
        return text.to_string();
    }
    let mut escaped = String::with_capacity(core.len() + 8);
    escaped.push_str("x ");
    for c in core.chars() {
        if c.is_ascii_punctuation() && !matches!(c, '\'' | '"' | '-' | '.') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..text.len() - text.trim_start().len()]);
    let mut rendered = String::with_capacity(core.len() + 8);
    for event in Parser::new_ext(&escaped, Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Text(t) => rendered.push_str(&t),
            Event::SoftBreak | Event::HardBreak => rendered.push(' '),
            _ => {}
        }
    }
    out.push_str(rendered.strip_prefix("x ").unwrap_or(&rendered));
    out.push_str(&text[text.trim_end().len()..]);
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// A whole page body: headings get ids and anchors, footnotes are kept.
    Body,
    /// A listing summary: no ids (many summaries share a page), no footnotes.
    Summary,
}

/// Turns pulldown-cmark events into HTML, keeping trusted fragments aside.
struct Emitter<'c> {
    config: &'c MarkdownConfig,
    mode: Mode,
    fragments: Vec<String>,
    ids: HashSet<String>,
    has_code: bool,
    has_math: bool,
    warnings: Vec<String>,
}

impl<'c> Emitter<'c> {
    fn new(config: &'c MarkdownConfig, mode: Mode) -> Self {
        Emitter {
            config,
            mode,
            fragments: Vec::new(),
            ids: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
            has_code: false,
            has_math: false,
            warnings: Vec::new(),
        }
    }

    /// A trusted fragment, as a placeholder event.
    fn trusted(&mut self, html: String) -> Event<'static> {
        let n = self.fragments.len();
        self.fragments.push(html);
        Event::Text(CowStr::from(format!(
            "{PLACEHOLDER_START}{n}{PLACEHOLDER_END}"
        )))
    }

    fn emit<'a>(&mut self, events: impl Iterator<Item = Event<'a>>) -> String {
        let events: Vec<Event<'a>> = events.collect();
        let mut out: Vec<Event> = Vec::with_capacity(events.len());
        // For each open link or image: its closing HTML, or None when it was dropped.
        let mut closers: Vec<Option<Event>> = Vec::new();
        let mut heading_closers: Vec<Event> = Vec::new();
        let mut has_raw_html = false;
        let mut image_depth = 0usize;
        let mut i = 0;
        while i < events.len() {
            let event = events[i].clone();
            i += 1;
            match event {
                Event::Html(html) | Event::InlineHtml(html) => {
                    if summary::is_more_marker(&Event::Html(html.clone())) {
                        continue;
                    }
                    match self.config.raw_html {
                        RawHtml::Escape => out.push(Event::Text(html)),
                        RawHtml::Sanitize | RawHtml::Allow => {
                            has_raw_html = true;
                            out.push(Event::Html(html))
                        }
                    }
                }
                // Inside an image everything becomes its `alt` text: no markup may go there.
                Event::InlineMath(latex) | Event::DisplayMath(latex) if image_depth > 0 => {
                    out.push(Event::Text(CowStr::from(math::to_plain_text(&latex))))
                }
                Event::Start(Tag::Link { .. }) if image_depth > 0 => closers.push(None),
                Event::InlineMath(latex) => out.push(self.math(&latex, false)),
                Event::DisplayMath(latex) => out.push(self.math(&latex, true)),
                Event::Start(Tag::CodeBlock(kind)) => {
                    let mut code = String::new();
                    while let Some(e) = events.get(i) {
                        i += 1;
                        match e {
                            Event::Text(t) => code.push_str(t),
                            Event::End(TagEnd::CodeBlock) => break,
                            _ => {}
                        }
                    }
                    let lang = match &kind {
                        CodeBlockKind::Fenced(lang) => lang.as_ref(),
                        CodeBlockKind::Indented => "",
                    };
                    self.has_code = true;
                    let html = highlight::code_block(&code, lang);
                    out.push(self.trusted(html));
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    ..
                }) => {
                    // `<ada@example.org>` links to the address, not to a relative path.
                    let dest_url =
                        if link_type == LinkType::Email && !dest_url.starts_with("mailto:") {
                            CowStr::from(format!("mailto:{dest_url}"))
                        } else {
                            dest_url
                        };
                    if is_safe_link(&dest_url) {
                        let open = self.link_open(&dest_url, &title);
                        out.push(self.trusted(open));
                        let close = self.trusted("</a>".into());
                        closers.push(Some(close));
                    } else {
                        closers.push(None);
                    }
                }
                Event::Start(Tag::Image { ref dest_url, .. }) => {
                    image_depth += 1;
                    if is_local_image(dest_url) {
                        closers.push(Some(Event::End(TagEnd::Image)));
                        out.push(event);
                    } else {
                        closers.push(None); // the alt text stays, as text
                    }
                }
                Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                    if end == TagEnd::Image {
                        image_depth = image_depth.saturating_sub(1);
                    }
                    if let Some(Some(close)) = closers.pop() {
                        out.push(close);
                    }
                }
                Event::Start(Tag::Heading { level, id, .. }) => {
                    let level = level as usize;
                    if self.mode == Mode::Summary {
                        out.push(self.trusted("<p><strong>".into()));
                        heading_closers.push(self.trusted("</strong></p>\n".into()));
                    } else {
                        let end = events[i..]
                            .iter()
                            .position(|e| matches!(e, Event::End(TagEnd::Heading(_))));
                        let inner = &events[i..end.map_or(events.len(), |p| i + p)];
                        let wanted = id
                            .map(|id| id.to_string())
                            .unwrap_or_else(|| heading_text(inner));
                        let id = self.unique_id(&wanted);
                        out.push(self.trusted(format!("<h{level} id=\"{id}\">")));
                        heading_closers.push(self.trusted(format!(
                            " <a class=\"heading-anchor\" href=\"#{id}\"><span class=\"visually-hidden\">Link to this section</span><span aria-hidden=\"true\">#</span></a></h{level}>\n"
                        )));
                    }
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some(close) = heading_closers.pop() {
                        out.push(close);
                    }
                }
                Event::FootnoteReference(_) if self.mode == Mode::Summary => {}
                Event::Start(Tag::FootnoteDefinition(_)) if self.mode == Mode::Summary => {
                    let end = events[i..]
                        .iter()
                        .position(|e| matches!(e, Event::End(TagEnd::FootnoteDefinition)));
                    i = end.map_or(events.len(), |p| i + p + 1);
                }
                other => out.push(other),
            }
        }
        let mut html = String::with_capacity(events.len() * 16);
        pulldown_cmark::html::push_html(&mut html, out.into_iter());
        // What pulldown-cmark writes itself is safe (links were checked above); only an
        // entry with HTML of its own needs the (costly) sanitizer.
        if has_raw_html && self.config.raw_html == RawHtml::Sanitize {
            html = sanitize::clean(&html);
        }
        // After the trusted fragments are in: highlighted code and MathML carry the
        // entry's text too.
        without_forbidden_controls(self.fill_placeholders(&html))
    }

    fn math(&mut self, latex: &str, display: bool) -> Event<'static> {
        self.has_math = true;
        let html = match math::to_mathml(latex, display) {
            Ok(mathml) => mathml,
            Err(e) => {
                self.warnings.push(format!(
                    "cannot render the math `{latex}` ({e}); it is shown as its source"
                ));
                math::error_html(latex, display)
            }
        };
        if display {
            // A formula wider than a phone scrolls in its own box, which the keyboard
            // must be able to reach to scroll it.
            return self.trusted(format!(
                "<span class=\"math-display\" tabindex=\"0\" role=\"group\" aria-label=\"Formula\">{html}</span>"
            ));
        }
        self.trusted(html)
    }

    fn link_open(&self, url: &str, title: &str) -> String {
        let mut html = format!("<a href=\"{}\"", escape_html(url));
        if !title.is_empty() {
            html.push_str(&format!(" title=\"{}\"", escape_html(title)));
        }
        if is_external(url) {
            let rel = if self.config.external_links_nofollow {
                "noopener nofollow"
            } else {
                "noopener"
            };
            html.push_str(&format!(" rel=\"{rel}\""));
            if self.config.external_links_target_blank {
                html.push_str(" target=\"_blank\"");
            }
        }
        html.push('>');
        html
    }

    /// A heading id that no other heading (nor the theme) on the page has.
    fn unique_id(&mut self, wanted: &str) -> String {
        let base = slug::slugify(wanted);
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    fn fill_placeholders(&self, html: &str) -> String {
        let mut out = String::with_capacity(
            html.len() + self.fragments.iter().map(String::len).sum::<usize>(),
        );
        let mut rest = html;
        while let Some(start) = rest.find(PLACEHOLDER_START) {
            out.push_str(&rest[..start]);
            let after = &rest[start + PLACEHOLDER_START.len_utf8()..];
            let Some(end) = after.find(PLACEHOLDER_END) else {
                rest = after;
                continue;
            };
            if let Some(fragment) = after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|n| self.fragments.get(n))
            {
                out.push_str(fragment);
            }
            rest = &after[end + PLACEHOLDER_END.len_utf8()..];
        }
        out.push_str(rest);
        out
    }
}

/// The text of a heading's events, for its id.
fn heading_text(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
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

fn is_external(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// Images are only loaded from the site itself: relative URLs without a host, so a page
/// never makes a request to another site.
pub(crate) fn is_local_image(url: &str) -> bool {
    let url = url.trim();
    !url.starts_with("//") && !url.contains(':')
}

/// Cuts `text` to at most `max` characters on a word boundary, adding an ellipsis unless
/// the cut ends a sentence.
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
    if trimmed.ends_with(['.', '!', '?']) {
        // A whole sentence: an ellipsis after its full stop ("discrepancy.…") reads wrong.
        trimmed.to_string()
    } else {
        format!("{trimmed}…")
    }
}

/// `html` with the control characters neither XML nor HTML allows shown as U+FFFD.
fn without_forbidden_controls(html: String) -> String {
    if !html.bytes().any(is_forbidden_control) {
        return html;
    }
    html.chars()
        .map(|c| match u8::try_from(c) {
            Ok(b) if is_forbidden_control(b) => char::REPLACEMENT_CHARACTER,
            _ => c,
        })
        .collect()
}

/// Control characters that neither XML 1.0 nor HTML allow (all of C0 but tab, line feed
/// and carriage return). Text pasted from PDFs holds form feeds and vertical tabs, and
/// one of them makes a feed unreadable, so they are shown as U+FFFD instead.
fn is_forbidden_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')
}

/// Escapes text for HTML and XML element content and quoted attribute values (either
/// quote), and replaces the control characters neither allows with U+FFFD. Unlike
/// Tera's default it leaves `/` alone, so URLs in `href`s stay readable.
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
            b if is_forbidden_control(b) => "\u{FFFD}",
            _ => continue,
        };
        out.push_str(&text[plain_from..i]);
        out.push_str(entity);
        plain_from = i + 1;
    }
    out.push_str(&text[plain_from..]);
    out
}
