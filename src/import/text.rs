//! Text as sources send it: titles and abstracts hard-wrapped at ~80 columns (arXiv),
//! with real paragraph breaks as blank lines.

/// One line: every run of whitespace (line breaks and indentation included) becomes one
/// space.
pub fn unwrap_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Paragraphs unwrapped, separated by one blank line.
pub fn unwrap_paragraphs(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(unwrap_line(&current.join(" ")));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(unwrap_line(&current.join(" ")));
    }
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_wraps_go_and_paragraph_breaks_stay() {
        assert_eq!(
            unwrap_line("Scaling Laws for\n  Neural Language\r\n Models"),
            "Scaling Laws for Neural Language Models"
        );
        assert_eq!(
            unwrap_paragraphs("  We study\n  scaling.\n\n  Second\r\n  paragraph $x_1 <\n y$.\n"),
            "We study scaling.\n\nSecond paragraph $x_1 < y$."
        );
    }
}
