//! Entry text as LaTeX, for the fields of a BibTeX entry: characters LaTeX or BibTeX
//! would read as syntax escaped, math kept as `$...$`, other Unicode left as UTF-8 (biber
//! and biblatex read it).
//!
//! BibTeX counts every brace in a field, escaped or not, so braces in text become
//! `\textbraceleft{}` and `\textbraceright{}`, and `\{` `\}` in math become `\lbrace`
//! `\rbrace`: a field's braces then always balance. Math whose own braces do not balance,
//! or that holds a `$`, cannot be kept as math and is written as text.

use pulldown_cmark::{Event, Options, Parser};

/// Plain text for a BibTeX field.
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_text(&mut out, text);
    out
}

/// Appends `text` for a BibTeX field to `out`, with each run of whitespace and control
/// characters as one space (none at the start of `out`). Every character it changes is
/// ASCII, so the text is copied in slices between them.
fn push_text(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let escaped = match byte {
            b'\\' => "\\textbackslash{}",
            b'{' => "\\textbraceleft{}",
            b'}' => "\\textbraceright{}",
            b'~' => "\\textasciitilde{}",
            b'^' => "\\textasciicircum{}",
            b'<' => "\\textless{}",
            b'>' => "\\textgreater{}",
            b'|' => "\\textbar{}",
            b'&' => "\\&",
            b'%' => "\\%",
            b'$' => "\\$",
            b'#' => "\\#",
            b'_' => "\\_",
            0..=0x20 | 0x7f => {
                let after_space = if i > start {
                    bytes[i - 1] == b' '
                } else {
                    out.is_empty() || out.ends_with(' ')
                };
                if byte == b' ' && !after_space {
                    continue;
                }
                out.push_str(&text[start..i]);
                if !after_space {
                    out.push(' ');
                }
                start = i + 1;
                continue;
            }
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(escaped);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

/// One space, unless `out` is empty or already ends with one.
fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// A formula as `$...$`, or as text when it cannot be kept as math.
fn math(latex: &str) -> String {
    match math_body(latex.trim()) {
        Some(body) if !body.is_empty() => format!("${body}$"),
        _ => text(&format!("${latex}$")),
    }
}

/// The formula with what would break the field or the document escaped, if its braces
/// balance and it holds no `$` (which would end it early).
fn math_body(latex: &str) -> Option<String> {
    if latex.contains('$') {
        return None;
    }
    let mut out = String::with_capacity(latex.len() + 8);
    let mut depth = 0usize;
    let mut chars = latex.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                '{' => out.push_str("\\lbrace "),
                '}' => out.push_str("\\rbrace "),
                next => {
                    out.push('\\');
                    out.push(next);
                }
            },
            '{' => {
                depth += 1;
                out.push(c);
            }
            '}' => {
                depth = depth.checked_sub(1)?;
                out.push(c);
            }
            // A comment and a macro parameter in TeX; a percent sign and a hash here.
            '%' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_whitespace() || c.is_control() => push_space(&mut out),
            c => out.push(c),
        }
    }
    (depth == 0).then_some(out)
}

/// A title for BibTeX: its math kept, found as the pages find it (titles are not
/// Markdown), and every word with a capital past the first letter of one of its
/// hyphenated parts (`BERT`, `GPT-4`, `LLaMA`, `3D`, but not `Pre-Trained`) in braces,
/// so that styles that lowercase titles leave it as written.
pub fn title(title: &str) -> String {
    let source = super::prepare(title);
    let mut out = String::with_capacity(source.len() + 16);
    let mut last = 0;
    for (event, range) in Parser::new_ext(&source, Options::ENABLE_MATH).into_offset_iter() {
        if let Event::InlineMath(latex) | Event::DisplayMath(latex) = event {
            out.push_str(&protected_words(&source[last..range.start]));
            out.push_str(&math(&latex));
            last = range.end;
        }
    }
    out.push_str(&protected_words(&source[last..]));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Title text (outside math): `\$` is a dollar, and words with inner capitals are braced.
fn protected_words(piece: &str) -> String {
    let piece = piece.replace("\\$", "$");
    let mut out = String::with_capacity(piece.len() + 8);
    let mut rest = piece.as_str();
    while !rest.is_empty() {
        let space = rest.len() - rest.trim_start().len();
        out.push_str(&rest[..space]);
        rest = &rest[space..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        // Punctuation around a word stays outside its braces: `{BERT}:`, `({GPT})`.
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let inner_capital = core
            .split('-')
            .any(|part| part.chars().skip(1).any(char::is_uppercase));
        if inner_capital {
            let start = word.find(core).unwrap_or(0);
            out.push_str(&text(&word[..start]));
            out.push('{');
            out.push_str(&text(core));
            out.push('}');
            out.push_str(&text(&word[start + core.len()..]));
        } else {
            out.push_str(&text(word));
        }
        rest = &rest[end..];
    }
    out
}

/// A name for BibTeX's `author` list: a name that holds the word "and" is braced, so
/// that it stays one name.
pub fn name(name: &str) -> String {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.split(' ').any(|w| w.eq_ignore_ascii_case("and")) {
        format!("{{{}}}", text(&name))
    } else {
        text(&name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped_and_braces_balance() {
        assert_eq!(
            text("R&D: 50% of #1_x {a} \\ ~^ <b>|"),
            "R\\&D: 50\\% of \\#1\\_x \\textbraceleft{}a\\textbraceright{} \\textbackslash{} \\textasciitilde{}\\textasciicircum{} \\textless{}b\\textgreater{}\\textbar{}"
        );
    }

    #[test]
    fn titles_keep_math_and_protect_acronyms() {
        assert_eq!(
            title("BERT & $O(n^2)$ Attention: 100% {of} \\$5"),
            "{BERT} \\& $O(n^2)$ Attention: 100\\% \\textbraceleft{}of\\textbraceright{} \\$5"
        );
        assert_eq!(
            title("Costs $800 and $5 per hour"),
            "Costs \\$800 and \\$5 per hour"
        );
        assert_eq!(title("$\\{x\\}$ sets"), "$\\lbrace x\\rbrace $ sets");
        assert_eq!(
            title("DeBERTa: (Not) Pre-Trained (GPT-4) ELECTRA-Style"),
            "{DeBERTa}: (Not) Pre-Trained ({GPT-4}) {ELECTRA-Style}"
        );
        assert_eq!(title("$a % b$"), "$a \\% b$");
        // Unbalanced braces cannot be math in a BibTeX field.
        assert_eq!(title("$x}$ y"), "\\$x\\textbraceright{}\\$ y");
    }

    #[test]
    fn names_with_and_stay_one_name() {
        assert_eq!(name("Procter and  Gamble"), "{Procter and Gamble}");
        assert_eq!(name("Ada Lovelace"), "Ada Lovelace");
    }
}
