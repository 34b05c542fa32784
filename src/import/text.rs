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

/// `10.1234/x` from a DOI or a doi.org URL.
pub fn doi_of(text: &str) -> Option<String> {
    let text = text.trim();
    let start = text.find("10.")?;
    let doi = &text[start..];
    doi.contains('/').then(|| doi.to_string())
}

/// LaTeX text formatting that BibTeX files carry in titles and abstracts, as plain text:
/// `\emph{x}`, `\textit{x}`, `\textbf{x}` and the like become `x`, and TeX quotes
/// (``` ``x'' ```, `` `x' ``) become typographic ones. Math is not touched (callers pass
/// text outside `$...$`).
pub fn plain_latex(text: &str) -> String {
    const COMMANDS: [&str; 11] = [
        "emph", "textit", "textbf", "texttt", "textsc", "textrm", "textsf", "textup", "textmd",
        "text", "mbox",
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // How many `}` still close a command that was removed.
    let mut open: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            let name: String = rest[1..]
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect();
            if COMMANDS.contains(&name.as_str()) && rest[1 + name.len()..].starts_with('{') {
                depth += 1;
                open.push(depth);
                rest = &rest[2 + name.len()..];
                continue;
            }
        }
        match c {
            '{' => depth += 1,
            '}' => {
                if open.last() == Some(&depth) {
                    open.pop();
                    depth = depth.saturating_sub(1);
                    rest = &rest[1..];
                    continue;
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.replace("``", "\u{201c}")
        .replace("''", "\u{201d}")
        .replace('`', "\u{2018}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dois_from_urls_and_bare_text() {
        assert_eq!(
            doi_of("http://dx.doi.org/10.1145/1.2").as_deref(),
            Some("10.1145/1.2")
        );
        assert_eq!(doi_of(" 10.1/x ").as_deref(), Some("10.1/x"));
        assert_eq!(doi_of("none"), None);
    }

    #[test]
    fn latex_formatting_becomes_plain_text() {
        assert_eq!(
            plain_latex(
                "A \\emph{Great} and \\textit{Nice {Deep}} ``Quoted'' \\textbf{X} `y' \\alpha{z}"
            ),
            "A Great and Nice {Deep} \u{201c}Quoted\u{201d} X \u{2018}y' \\alpha{z}"
        );
    }

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
