//! LaTeX math: delimiters, MathML for pages (through pulldown-latex, never a TeX parser of
//! our own), and readable plain text for places that cannot hold markup (`<title>`, meta
//! tags, feeds).

use pulldown_latex::config::DisplayMode;
use pulldown_latex::event::{Content, Event, ScriptType, Visual};
use pulldown_latex::{Parser, RenderConfig, Storage};

use super::escape_html;

/// Rewrites `\(...\)` as `$...$` and `\[...\]` as `$$...$$` outside code, so that
/// pulldown-cmark's math support (dollar delimiters only) sees every formula.
/// `code_ranges` are byte ranges of code spans and blocks, left untouched.
pub fn normalize_delimiters(source: &str, code_ranges: &[std::ops::Range<usize>]) -> String {
    if !source.contains("\\(") && !source.contains("\\[") {
        return source.to_string();
    }
    let in_code = |i: usize| code_ranges.iter().any(|r| r.contains(&i));
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < source.len() {
        let rest = &source[i..];
        let opener = [("\\(", "\\)", "$"), ("\\[", "\\]", "$$")]
            .into_iter()
            .find(|(open, _, _)| rest.starts_with(open));
        // Display math opens a line: `Table \[2\]` in prose is an escaped bracket.
        let starts_line = source[..i]
            .rsplit('\n')
            .next()
            .is_none_or(|before| before.trim().is_empty());
        if let Some((open, close, dollars)) = opener
            && !in_code(i)
            && (open == "\\(" || starts_line)
            && let Some(len) = rest[2..].find(close)
        {
            let inner = &rest[2..2 + len];
            // A formula never spans a blank line (a paragraph break).
            if !inner.contains("\n\n") && !inner.trim().is_empty() {
                out.push_str(dollars);
                out.push_str(inner.trim());
                out.push_str(dollars);
                i += open.len() + len + close.len();
                continue;
            }
        }
        let c = rest.chars().next().expect("i is below the length");
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// MathML for a formula, or the error the LaTeX has.
pub fn to_mathml(latex: &str, display: bool) -> Result<String, String> {
    // pulldown-latex writes the annotation and the `<` and `>` operators as they are: it
    // gets the TeX names of the operators and an escaped annotation, and its output's text
    // is escaped (`escape_text`), so no markup can slip in.
    let source = latex.replace('<', r"\lt ").replace('>', r"\gt ");
    let annotation = escape_html(latex);
    let storage = Storage::new();
    let events: Vec<Event> = Parser::new(&source, &storage)
        .collect::<Result<_, _>>()
        // The parser's message draws the context over several lines; the first says it all.
        .map_err(|e| {
            e.to_string()
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })?;
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        annotation: Some(&annotation),
        ..RenderConfig::default()
    };
    let mut html = String::new();
    pulldown_latex::push_mathml(
        &mut html,
        events.into_iter().map(Ok::<_, std::io::Error>),
        config,
    )
    .map_err(|e| e.to_string())?;
    Ok(escape_text(&html))
}

/// The MathML with `<`, `>` and `&` in its text escaped: pulldown-latex writes the
/// operators `<` and `>` (`\lt`, `\gt` too) as they are, as `<mo><</mo>`, which is not
/// HTML. Its tags have no `<` or `>` in their attributes, so a `<` that does not open a tag
/// (one followed by a letter, `/` or `!`), and every `>` outside a tag, are text.
fn escape_text(mathml: &str) -> String {
    let mut out = String::with_capacity(mathml.len() + 16);
    let mut in_tag = false;
    for (i, c) in mathml.char_indices() {
        match c {
            '<' if !in_tag => {
                let opens = mathml[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_ascii_alphabetic() || n == '/' || n == '!');
                if opens {
                    in_tag = true;
                    out.push('<');
                } else {
                    out.push_str("&lt;");
                }
            }
            '>' if in_tag => {
                in_tag = false;
                out.push('>');
            }
            '>' => out.push_str("&gt;"),
            '&' if !in_tag => {
                // An entity the renderer wrote stays one; a lone `&` is text.
                let rest = &mathml[i + 1..];
                let entity_len = rest.find(';').filter(|&end| {
                    end > 0
                        && end <= 10
                        && rest[..end]
                            .trim_start_matches('#')
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric())
                });
                if entity_len.is_some() {
                    out.push('&');
                } else {
                    out.push_str("&amp;");
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// What a reader sees when a formula cannot be rendered: its source, as code.
pub fn error_html(latex: &str, display: bool) -> String {
    let delimiter = if display { "$$" } else { "$" };
    format!(
        "<code class=\"math-error\">{delimiter}{}{delimiter}</code>",
        escape_html(latex)
    )
}

/// A formula as readable text: `10^{31}` → `10³¹`, `\mathcal{O}(n \log n)` → `O(n log n)`.
/// Falls back to the source when the LaTeX does not parse.
pub fn to_plain_text(latex: &str) -> String {
    let storage = Storage::new();
    let Ok(events) = Parser::new(latex, &storage).collect::<Result<Vec<_>, _>>() else {
        return latex.to_string();
    };
    let mut out = String::new();
    let mut events = events.into_iter().peekable();
    while events.peek().is_some() {
        element(&mut events, &mut out);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

type Events<'a> = std::iter::Peekable<std::vec::IntoIter<Event<'a>>>;

/// Writes one element (a piece of content, a group, a fraction, a scripted base) as text.
fn element(events: &mut Events, out: &mut String) {
    let Some(event) = events.next() else { return };
    match event {
        Event::Content(content) => push_content(content, out),
        Event::Begin(_) => {
            while !matches!(events.peek(), None | Some(Event::End)) {
                element(events, out);
            }
            events.next();
        }
        Event::End => {}
        Event::Visual(Visual::Fraction(_)) => {
            let (num, den) = (group_text(events), group_text(events));
            out.push_str(&format!("{num}/{den}"));
        }
        Event::Visual(Visual::SquareRoot) => out.push_str(&format!("√{}", group_text(events))),
        Event::Visual(Visual::Root) => {
            let (radicand, index) = (group_text(events), group_text(events));
            out.push_str(&format!("{}√{radicand}", script(&index, true)));
        }
        Event::Visual(Visual::Negation) => element(events, out),
        Event::Script { ty, .. } => {
            element(events, out);
            let first = group_text(events);
            match ty {
                ScriptType::Superscript => out.push_str(&script(&first, true)),
                ScriptType::Subscript => out.push_str(&script(&first, false)),
                ScriptType::SubSuperscript => {
                    let second = group_text(events);
                    out.push_str(&script(&first, false));
                    out.push_str(&script(&second, true));
                }
            }
        }
        Event::Space { .. } | Event::EnvironmentFlow(_) => out.push(' '),
        Event::StateChange(_) => {}
    }
}

fn group_text(events: &mut Events) -> String {
    let mut text = String::new();
    element(events, &mut text);
    text.trim().to_string()
}

fn push_content(content: Content, out: &mut String) {
    match content {
        Content::Text(t) | Content::Number(t) => out.push_str(t),
        Content::Function(name) => {
            out.push(' ');
            out.push_str(name);
            out.push(' ');
        }
        Content::Ordinary { content, .. } | Content::Delimiter { content, .. } => out.push(content),
        Content::Punctuation(content) => {
            out.push(content);
            out.push(' ');
        }
        Content::LargeOp { content, .. } | Content::BinaryOp { content, .. } => {
            out.push(' ');
            out.push(content);
            out.push(' ');
        }
        Content::Relation { content, .. } => {
            let mut buf = [0u8; 8];
            let text = std::str::from_utf8(content.encode_utf8_to_buf(&mut buf)).unwrap_or("");
            out.push(' ');
            out.push_str(text);
            out.push(' ');
        }
    }
}

/// Unicode super- or subscript for `text` when every character has one, else `^(text)`.
fn script(text: &str, superscript: bool) -> String {
    const SUPER: &[(char, char)] = &[
        ('0', '⁰'),
        ('1', '¹'),
        ('2', '²'),
        ('3', '³'),
        ('4', '⁴'),
        ('5', '⁵'),
        ('6', '⁶'),
        ('7', '⁷'),
        ('8', '⁸'),
        ('9', '⁹'),
        ('+', '⁺'),
        ('-', '⁻'),
        ('−', '⁻'),
        ('=', '⁼'),
        ('(', '⁽'),
        (')', '⁾'),
        ('n', 'ⁿ'),
        ('i', 'ⁱ'),
        ('T', 'ᵀ'),
        ('*', '*'),
        ('′', '′'),
    ];
    const SUB: &[(char, char)] = &[
        ('0', '₀'),
        ('1', '₁'),
        ('2', '₂'),
        ('3', '₃'),
        ('4', '₄'),
        ('5', '₅'),
        ('6', '₆'),
        ('7', '₇'),
        ('8', '₈'),
        ('9', '₉'),
        ('+', '₊'),
        ('-', '₋'),
        ('−', '₋'),
        ('=', '₌'),
        ('(', '₍'),
        (')', '₎'),
        ('a', 'ₐ'),
        ('e', 'ₑ'),
        ('o', 'ₒ'),
        ('x', 'ₓ'),
        ('i', 'ᵢ'),
        ('j', 'ⱼ'),
        ('k', 'ₖ'),
        ('n', 'ₙ'),
        ('t', 'ₜ'),
        ('m', 'ₘ'),
        ('p', 'ₚ'),
        ('s', 'ₛ'),
    ];
    let table = if superscript { SUPER } else { SUB };
    let mapped: Option<String> = text
        .chars()
        .map(|c| table.iter().find(|(from, _)| *from == c).map(|(_, to)| *to))
        .collect();
    match mapped {
        Some(s) if !s.is_empty() => s,
        _ => {
            let mark = if superscript { '^' } else { '_' };
            if text.chars().count() == 1 {
                format!("{mark}{text}")
            } else {
                format!("{mark}({text})")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_that_are_markup_characters_are_escaped() {
        let mathml = to_mathml(r"x_1 < y > z \& w", false).unwrap();
        assert!(mathml.contains("<mo>&lt;</mo>"), "{mathml}");
        assert!(mathml.contains("<mo>&gt;</mo>"), "{mathml}");
        assert!(!mathml.contains("<mo><"), "{mathml}");
        assert!(!mathml.contains("& "), "{mathml}");
        assert!(
            mathml.contains("x_1 &lt; y &gt; z \\&amp; w</annotation>"),
            "{mathml}"
        );
    }

    #[test]
    fn delimiters_outside_code_become_dollars() {
        assert_eq!(
            normalize_delimiters("a \\( x^2 \\) b\n\\[y\\]", &[]),
            "a $x^2$ b\n$$y$$"
        );
        assert_eq!(
            normalize_delimiters(r"Table \[2\] and array\[i\]", &[]),
            r"Table \[2\] and array\[i\]"
        );
        let src = r"`\(x\)` and \(y\)";
        assert_eq!(
            normalize_delimiters(src, std::slice::from_ref(&(0..7))),
            r"`\(x\)` and $y$"
        );
        assert_eq!(normalize_delimiters(r"\( unclosed", &[]), r"\( unclosed");
        assert_eq!(
            normalize_delimiters("\\( a\n\nb \\)", &[]),
            "\\( a\n\nb \\)"
        );
    }

    #[test]
    fn mathml_and_errors() {
        let html = to_mathml(r"\mathcal{O}(n \log n)", false).unwrap();
        assert!(html.starts_with("<math") && html.contains("log"), "{html}");
        assert!(to_mathml(r"x^{", false).is_err());
        let html = to_mathml("a<img src=x onerror=alert(1)>", false).unwrap();
        assert!(!html.contains("<img"), "{html}");
        assert!(to_mathml(r"\frac{1}{", true).is_err());
        assert_eq!(
            error_html("a<b", false),
            "<code class=\"math-error\">$a&lt;b$</code>"
        );
    }

    #[test]
    fn readable_plain_text() {
        assert_eq!(to_plain_text("10^{31}"), "10³¹");
        assert_eq!(to_plain_text(r"\mathcal{O}(n \log n)"), "O(n log n)");
        assert_eq!(to_plain_text(r"(\xi_1, \xi_2, \dots)"), "(ξ₁, ξ₂, ⋯)");
        assert_eq!(to_plain_text(r"\frac{a}{b}"), "a/b");
        assert_eq!(to_plain_text("x^{y+z}"), "x^(y + z)");
        assert_eq!(to_plain_text("x^{"), "x^{");
    }
}
