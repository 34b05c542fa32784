//! Text as search and similarity see it: words folded to one form, so that "Poincaré"
//! and "poincare", or "Models" and "models", are the same word.
//!
//! The search page's script folds queries the same way (NFD, no marks, lower case), so
//! what the index holds and what a reader types meet.

mod stop_words;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub use stop_words::{is_stop_word, stop_words};

/// `text` in lower case, without accents or other combining marks.
pub fn fold(text: &str) -> String {
    let mut folded = String::new();
    fold_into(text, &mut folded);
    folded
}

/// Appends `text`, folded, to `out`: a buffer reused for every word.
fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.extend(text.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        let chars = text.nfd().filter(|&c| !is_combining_mark(c));
        // A final sigma is a sigma: "ΔΣ" and "δσ" are one word, whatever the position
        // (the search page's script folds it the same way).
        let lower = chars.flat_map(char::to_lowercase);
        out.extend(lower.map(|c| if c == 'ς' { 'σ' } else { c }));
    }
}

/// Whether `c` ends a word: anything but letters, digits and the combining marks of
/// accents written apart from their letter ("o" and U+0308 for "ö").
fn is_separator(c: char) -> bool {
    !c.is_alphanumeric() && !is_combining_mark(c)
}

/// The folded words of `text`, in order: runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(is_separator)
        .filter(|w| !w.is_empty())
        .map(fold)
        .filter(|w| !w.is_empty())
}

/// Calls `each` with the words of `text` that say what it is about, folded: no stop
/// words, nothing shorter than two letters, no bare numbers. No string is made per word:
/// this is what indexing thousands of abstracts needs.
pub fn for_each_term(text: &str, mut each: impl FnMut(&str)) {
    let mut folded = String::new();
    let mut emit = |word: &str| {
        folded.clear();
        fold_into(word, &mut folded);
        if is_term(&folded) {
            each(&folded);
        }
    };
    // Words as `text.split(is_separator)` finds them, read byte by byte: most of an
    // abstract is ASCII, whose bytes need no decoding to tell letters from the rest.
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (in_word, len) = if bytes[i].is_ascii() {
            (bytes[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..]
                .chars()
                .next()
                .expect("i is at a character boundary");
            (!is_separator(c), c.len_utf8())
        };
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                emit(&text[from..i]);
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(from) = start {
        emit(&text[from..]);
    }
}

fn is_term(word: &str) -> bool {
    word.chars().nth(1).is_some()
        && !word.bytes().all(|b| b.is_ascii_digit())
        && !is_stop_word(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("Poincaré"), "poincare");
        assert_eq!(fold("ÉCOLE Schrödinger"), "ecole schrodinger");
        assert_eq!(fold("naïve façade"), "naive facade");
        assert_eq!(fold("Ωmega"), "ωmega");
        assert_eq!(fold("ΔΣ modulators"), fold("δς modulators"));
        assert_eq!(fold("ΔΣ"), "δσ");
    }

    #[test]
    fn an_accent_written_apart_from_its_letter_stays_in_the_word() {
        let decomposed = "Schro\u{308}dinger equations";
        assert_eq!(
            words(decomposed).collect::<Vec<_>>(),
            ["schrodinger", "equations"]
        );
        let mut each = Vec::new();
        for_each_term(decomposed, |t| each.push(t.to_string()));
        assert_eq!(each, ["schrodinger", "equations"]);
    }

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        let w: Vec<String> = words("Vision-Language models (ViT-L/14), 3D & Poincaré!").collect();
        assert_eq!(
            w,
            [
                "vision", "language", "models", "vit", "l", "14", "3d", "poincare"
            ]
        );
    }

    #[test]
    fn terms_are_the_words_split_on_separators_whatever_the_script() {
        let texts = [
            "Vision-Language models (ViT-L/14), 3D & Poincaré!",
            "“Smart quotes” — and dashes… ΔΣ modulators, naïve Schro\u{308}dinger",
            "数学 and 𝑥-rays; émigré’s café",
            "",
            "   ",
            "ends with a word",
        ];
        for text in texts {
            let mut fast = Vec::new();
            for_each_term(text, |t| fast.push(t.to_string()));
            let slow: Vec<String> = words(text).filter(|w| is_term(w)).collect();
            assert_eq!(fast, slow, "{text}");
        }
    }

    #[test]
    fn terms_leave_out_stop_words_single_letters_and_numbers() {
        let text = "We show that the models of ViT-L/14 reach 3D in 2025, à la Poincaré";
        let mut each = Vec::new();
        for_each_term(text, |t| each.push(t.to_string()));
        assert_eq!(each, ["models", "vit", "reach", "3d", "la", "poincare"]);
    }
}
