//! Text as sources send it: titles and abstracts hard-wrapped at ~80 columns (arXiv),
//! with real paragraph breaks as blank lines, or, in arXiv's abstracts, as a line break
//! followed by indentation.

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

/// Paragraphs unwrapped as `unwrap_paragraphs` does, where a line that starts with more
/// indentation than the text's wrapped lines also starts a paragraph: arXiv abstracts
/// mark a new paragraph with a line break followed by indentation, and keep blank lines
/// rare.
///
/// The indentation is judged against the text's common indentation (the least of its
/// lines after the first), never against zero: some responses indent every wrapped line,
/// and those lines continue their paragraph. The first line is left out of that measure,
/// since it follows the opening tag rather than a line break.
pub fn unwrap_indented_paragraphs(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let common = text
        .lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(indentation)
        .min()
        .unwrap_or(0);
    paragraphs_past(&text, common)
}

/// Paragraphs of text that is not hard-wrapped (arXiv's announcement feeds send each
/// paragraph as one line): any line break followed by indentation starts a paragraph.
pub fn unwrap_unwrapped_paragraphs(text: &str) -> String {
    paragraphs_past(&text.replace("\r\n", "\n"), 0)
}

fn indentation(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count()
}

/// Paragraphs, where a blank line or a line indented past `common` starts one.
fn paragraphs_past(text: &str, common: usize) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let starts_paragraph = line.trim().is_empty() || (i > 0 && indentation(line) > common);
        if starts_paragraph && !current.is_empty() {
            paragraphs.push(unwrap_line(&current.join(" ")));
            current.clear();
        }
        if !line.trim().is_empty() {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(unwrap_line(&current.join(" ")));
    }
    paragraphs.join("\n\n")
}

pub use crate::content::doi::doi_of;

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

    #[test]
    fn indentation_after_a_line_break_starts_a_paragraph() {
        // arXiv's style: each paragraph starts indented, wrapped lines do not.
        assert_eq!(
            unwrap_indented_paragraphs(
                "  We study routing, where tokens go to\n$k \\ll n$ experts.\n  A second paragraph\nwraps too.\n"
            ),
            "We study routing, where tokens go to $k \\ll n$ experts.\n\nA second paragraph wraps too."
        );
        // Blank lines still separate paragraphs, with CRLF line ends too.
        assert_eq!(
            unwrap_indented_paragraphs("  One\r\nline.\r\n\r\n  Two.\r\n"),
            "One line.\n\nTwo."
        );
        // A single line break without indentation is a hard wrap.
        assert_eq!(
            unwrap_indented_paragraphs("One\nparagraph\nonly."),
            "One paragraph only."
        );
    }

    #[test]
    fn a_feed_of_one_line_paragraphs_keeps_them() {
        assert_eq!(
            unwrap_unwrapped_paragraphs(
                "First paragraph is one long line.\n  Second one.\n  Third one.\nstill third."
            ),
            "First paragraph is one long line.\n\nSecond one.\n\nThird one. still third."
        );
    }

    #[test]
    fn indentation_is_judged_against_the_texts_own() {
        // Every wrapped line indented by two: one paragraph.
        assert_eq!(
            unwrap_indented_paragraphs(
                "Sparse Mixtures of Experts\n  in Multilingual Models\n  at Scale"
            ),
            "Sparse Mixtures of Experts in Multilingual Models at Scale"
        );
        // Wrapped lines indented by two, a new paragraph by four.
        assert_eq!(
            unwrap_indented_paragraphs("  First\n  paragraph.\n    Second\n  paragraph.\n"),
            "First paragraph.\n\nSecond paragraph."
        );
        // Pretty-printed XML: the text starts on its own line, every line indented alike.
        assert_eq!(
            unwrap_indented_paragraphs("\n      One\n      paragraph.\n    "),
            "One paragraph."
        );
        assert_eq!(unwrap_indented_paragraphs(""), "");
        assert_eq!(unwrap_indented_paragraphs("   \n  "), "");
    }
}
