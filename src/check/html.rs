//! What a rendered page offers and points at: the ids a `#fragment` can land on, and the
//! URLs of its links, stylesheets and images.
//!
//! The page goes through html5ever's tokenizer once, with no tree built: attribute values
//! come out with their character references decoded (`&amp;` is `&`), as a browser reads
//! them, and the text of `<script>`, `<style>`, `<title>` and the like is not mistaken for
//! markup.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{LocalName, local_name};

/// The ids and link URLs of one page, in document order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scanned {
    /// Every `id` attribute, and the `name` of each `<a>` (an old way to make an anchor).
    pub ids: Vec<String>,
    /// `href` of `<a>`, `<area>` and `<link>`; `src` of any element; `poster` of `<video>`.
    pub links: Vec<String>,
}

/// Reads a page's ids and links.
pub fn scan(html: &str) -> Scanned {
    let tokenizer = Tokenizer::new(
        Sink(RefCell::new(Scanned::default())),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // Only a sink that asks to run a script stops the tokenizer early, and this one never does.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.into_inner()
}

struct Sink(RefCell<Scanned>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let mut found = self.0.borrow_mut();
        for attr in tag.attrs {
            let name = &attr.name.local;
            if *name == local_name!("id")
                || (*name == local_name!("name") && tag.name == local_name!("a"))
            {
                found.ids.push(attr.value.to_string());
            } else if is_link_attribute(&tag.name, name) {
                found.links.push(attr.value.to_string());
            }
        }
        if tag.self_closing {
            return TokenSinkResult::Continue;
        }
        // Without a tree builder, the tokenizer must be told which elements hold text
        // rather than markup (the HTML standard's "raw text" and "escapable raw text").
        match raw_kind(&tag.name) {
            Some(kind) => TokenSinkResult::RawData(kind),
            None if tag.name == local_name!("plaintext") => TokenSinkResult::Plaintext,
            None => TokenSinkResult::Continue,
        }
    }
}

fn is_link_attribute(element: &LocalName, attribute: &LocalName) -> bool {
    match *attribute {
        local_name!("href") => matches!(
            *element,
            local_name!("a") | local_name!("area") | local_name!("link")
        ),
        local_name!("src") => true,
        local_name!("poster") => *element == local_name!("video"),
        _ => false,
    }
}

fn raw_kind(element: &LocalName) -> Option<RawKind> {
    match *element {
        local_name!("script") => Some(RawKind::ScriptData),
        local_name!("style")
        | local_name!("xmp")
        | local_name!("iframe")
        | local_name!("noembed")
        | local_name!("noframes") => Some(RawKind::Rawtext),
        local_name!("title") | local_name!("textarea") => Some(RawKind::Rcdata),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_links_with_references_decoded() {
        let page = scan(
            "<!doctype html><html><head><title>a <a href=\"x\"> b</title>\
             <link rel=\"stylesheet\" href=\"../style.css\">\
             <style>a[href=\"y\"] { }</style></head>\
             <body><main id=\"main\"><h2 id=\"m&amp;n\">M</h2>\
             <a href=\"../a/?q=1&amp;r=2#top\">a</a><a name=\"old\"></a>\
             <img src=\"f.png\" alt=\"\"><script>var s = '<a href=\"z\">';</script>\
             <p name=\"not-an-anchor\" href=\"not-a-link\">p</p></main></body></html>",
        );
        assert_eq!(page.ids, ["main", "m&n", "old"]);
        assert_eq!(page.links, ["../style.css", "../a/?q=1&r=2#top", "f.png"]);
    }

    #[test]
    fn broken_markup_is_still_read() {
        let page = scan("<p id=a><a href='b'>unclosed <div id=\"c\"");
        assert_eq!(page.ids, ["a"]);
        assert_eq!(page.links, ["b"]);
    }
}
