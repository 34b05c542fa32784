//! The syntax and theme sets are loaded lazily, only when an entry has code. This runs in
//! its own test binary (its own process), so no other test can have loaded them first.

use paperpress::config::MarkdownConfig;
use paperpress::markdown::{highlight, render};

#[test]
fn highlighting_sets_load_only_when_code_appears() {
    let config = MarkdownConfig::default();
    let prose = render(
        "Text with $x^2$ math and `inline code`.",
        None,
        300,
        &config,
    );
    assert!(!prose.has_code);
    assert!(
        !highlight::is_loaded(),
        "an entry without code blocks must not load syntect"
    );
    let code = render("```rust\nfn main() {}\n```", None, 300, &config);
    assert!(code.has_code);
    assert!(highlight::is_loaded());
}
