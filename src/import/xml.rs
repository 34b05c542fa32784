//! Reading the XML feeds of arXiv (the API's Atom, the announcements' RSS) with
//! roxmltree: elements are matched by namespace URI, never by prefix, since responses
//! declare the same namespaces under different prefixes and in different places.

use roxmltree::{Document, Node};

use crate::diagnostics::Diagnostic;

pub const ATOM: &[&str] = &["http://www.w3.org/2005/Atom"];
/// arXiv's own elements; the namespace has been written with `http` and `https`.
pub const ARXIV: &[&str] = &[
    "http://arxiv.org/schemas/atom",
    "https://arxiv.org/schemas/atom",
];
/// Dublin Core, for `dc:creator`.
pub const DUBLIN_CORE: &[&str] = &["http://purl.org/dc/elements/1.1/"];
/// RSS 2.0 elements are in no namespace at all.
pub const NO_NAMESPACE: &[&str] = &[];

/// Whether `node` is the element `name` in one of `namespaces` (in no namespace, for
/// `NO_NAMESPACE`).
pub fn is(node: &Node, namespaces: &[&str], name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && match node.tag_name().namespace() {
            Some(ns) => namespaces.contains(&ns),
            None => namespaces.is_empty(),
        }
}

pub fn children<'a, 'i>(
    node: Node<'a, 'i>,
    namespaces: &'a [&'a str],
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children().filter(move |c| is(c, namespaces, name))
}

/// All the text inside an element.
pub fn text(node: Node) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|t| t.text())
        .collect()
}

/// The text of the first child element `name`, if there is one.
pub fn text_of(node: Node, namespaces: &[&str], name: &str) -> Option<String> {
    children(node, namespaces, name).next().map(text)
}

/// The line a node starts on, for messages.
pub fn line_of(doc: &Document, node: Node) -> usize {
    doc.text_pos_at(node.range().start).row as usize
}

/// Parses a document, or says where it is broken and what it was expected to be.
pub fn parse<'i>(xml: &'i str, shown: &str, expected: &str) -> Result<Document<'i>, Diagnostic> {
    Document::parse(xml).map_err(|e| {
        Diagnostic::new(
            shown,
            Some(e.pos().row as usize),
            format!("not valid XML: {e}; is this {expected}?"),
        )
    })
}
