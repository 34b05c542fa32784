//! Where in an entry's file something is written, for messages: the line of a
//! front-matter key, or of a piece of text in the body. The entry is read again, which
//! only happens for the few entries a message is about.

use std::path::Path;

use crate::config::line_of_offset;
use crate::content::front_matter;

/// The line of a front-matter key (`arxiv`, or `links.doi`, which may be the line of
/// `[links]`).
pub fn of_key(root: &Path, source: &Path, key: &str) -> Option<usize> {
    let text = std::fs::read_to_string(root.join(source)).ok()?;
    front_matter::parse(&text).ok()?.line_of(key)
}

/// The line of the first of `needles` found in the entry's body.
pub fn in_body(root: &Path, source: &Path, needles: &[&str]) -> Option<usize> {
    let text = std::fs::read_to_string(root.join(source)).ok()?;
    let body = front_matter::parse(&text).ok()?.body;
    // The body is the end of the file.
    let body_start = text.len().checked_sub(body.len())?;
    let at = needles
        .iter()
        .filter(|s| !s.is_empty())
        .find_map(|s| body.find(s))?;
    Some(line_of_offset(&text, body_start + at))
}
