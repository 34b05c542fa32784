//! `daily-text`: a daily-papers page copied from the browser as text. Some page chrome
//! ("Subscribe", "Get trending papers in your email inbox!"), a date line ("May 9"),
//! then for each paper a title line and an abstract line.

use chrono::NaiveDate;

use super::ImportedPaper;
use crate::diagnostics::Diagnostic;

/// Lines of the page's chrome that are never papers, wherever they stand.
const CHROME: &[&str] = &[
    "new",
    "get trending papers in your email inbox!",
    "subscribe",
    "byak and the research community",
    "daily papers",
    "submit paper",
    "search",
    "previous",
    "next",
    "load more",
    "view all",
    "upvote",
];

/// No real title is this long; a longer line means the title/abstract pairing slipped.
const MAX_TITLE_CHARS: usize = 400;

fn is_chrome(line: &str) -> bool {
    let lower = line.to_lowercase();
    CHROME.contains(&lower.as_str())
        // "Submitted by akhaliq" under a paper, when the page is copied with it.
        || (lower.starts_with("submitted by ") && line.split_whitespace().count() <= 4)
        || line
            .chars()
            .all(|c| c.is_ascii_digit() || c == '·' || c == '•')
}

/// Reads a date line such as "May 9", "May 9, 2025" or "9 May 2025". Without a year, the
/// year of `hint` is used.
fn parse_date_line(line: &str, hint: Option<NaiveDate>) -> Option<NaiveDate> {
    if line.len() > 24 || !line.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let cleaned = line.replace(',', "");
    let formats = ["%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"];
    let with_year = |text: &str| {
        formats
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
    };
    with_year(&cleaned).or_else(|| {
        let year = chrono::Datelike::year(&hint?);
        with_year(&format!("{cleaned} {year}"))
    })
}

pub fn parse(
    text: &str,
    file: &str,
    date: Option<NaiveDate>,
) -> Result<(Vec<ImportedPaper>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let mut warnings = Vec::new();

    // Everything up to the page's date line is chrome. A paste without a date line starts
    // at the first line that is not known chrome.
    let date_line = lines
        .iter()
        .take(40)
        .position(|(_, l)| parse_date_line(l, date).is_some());
    let (start, page_date) = match date_line {
        Some(i) => (i + 1, parse_date_line(lines[i].1, date)),
        None => (0, None),
    };
    let day = match (date, page_date) {
        (Some(given), Some(page)) if given != page => {
            warnings.push(Diagnostic::new(
                file,
                Some(lines[start - 1].0),
                format!(
                    "the page says {:?} but --date is {given}; using --date",
                    lines[start - 1].1
                ),
            ));
            given
        }
        (Some(given), _) => given,
        (None, Some(page))
            if lines[start - 1]
                .1
                .chars()
                .filter(char::is_ascii_digit)
                .count()
                >= 4 =>
        {
            page
        }
        _ => {
            return Err(vec![Diagnostic::new(
                file,
                date_line.map(|i| lines[i].0),
                "cannot tell the digest day (the page's date line has no year); pass --date YYYY-MM-DD",
            )]);
        }
    };

    let body: Vec<(usize, &str)> = lines[start..]
        .iter()
        .copied()
        .filter(|(_, l)| !is_chrome(l))
        .collect();
    let mut papers = Vec::new();
    let mut errors = Vec::new();
    for pair in body.chunks(2) {
        let (title_line, title) = pair[0];
        if title.chars().count() > MAX_TITLE_CHARS {
            errors.push(Diagnostic::new(
                file,
                Some(title_line),
                format!(
                    "expected a paper title but found a paragraph of {} characters; each paper needs a title line followed by its abstract line (is a title missing above?)",
                    title.chars().count()
                ),
            ));
            break; // everything after would be misaligned too
        }
        let Some(&(_, abstract_text)) = pair.get(1) else {
            errors.push(Diagnostic::new(
                file,
                Some(title_line),
                format!("the title {title:?} has no abstract line after it; add the abstract or delete the line"),
            ));
            break;
        };
        papers.push(ImportedPaper {
            title: title.to_string(),
            date: Some(day),
            // The page lists papers in its own (ranked) order.
            rank: Some(papers.len() as u64 + 1),
            abstract_text: abstract_text.to_string(),
            source_line: title_line,
            ..ImportedPaper::default()
        });
    }
    if papers.is_empty() && errors.is_empty() {
        errors.push(Diagnostic::new(
            file,
            None,
            "no papers found: expected title and abstract lines after the page's date line",
        ));
    }
    if errors.is_empty() {
        Ok((papers, warnings))
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn skips_chrome_and_pairs_titles_with_abstracts() {
        let text = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n\nMay 9\n\nTitle One\n\nAbstract one.\n\nTitle Two\n\nAbstract two.\n";
        let (papers, warnings) = parse(text, "f.txt", date("2025-05-09")).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(papers.len(), 2);
        assert_eq!(papers[0].title, "Title One");
        assert_eq!(papers[1].abstract_text, "Abstract two.");
        assert_eq!(papers[1].source_line, 15);
        assert_eq!(papers[0].date, date("2025-05-09"));
        assert_eq!((papers[0].rank, papers[1].rank), (Some(1), Some(2)));
    }

    #[test]
    fn submitter_lines_are_chrome() {
        let text = "May 9\n\nTitle One\n\nSubmitted by akhaliq\n\nAbstract one.\n\n12\n\nTitle Two\n\nAbstract two.\n";
        let (papers, _) = parse(text, "f.txt", date("2025-05-09")).unwrap();
        let titles: Vec<&str> = papers.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["Title One", "Title Two"]);
        assert_eq!(papers[0].abstract_text, "Abstract one.");
    }

    #[test]
    fn date_from_the_page_or_flag() {
        let (p, _) = parse("May 9, 2025\nT\nA\n", "f", None).unwrap();
        assert_eq!(p[0].date, date("2025-05-09"));
        let err = parse("May 9\nT\nA\n", "f", None).unwrap_err();
        assert!(err[0].message.contains("--date"));
        let (_, warnings) = parse("May 9\nT\nA\n", "f", date("2025-05-10")).unwrap();
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn misaligned_input_is_an_error_with_a_line() {
        let long = "word ".repeat(100);
        let err = parse(
            &format!("May 9\nT\n{long}\n{long}\n"),
            "f",
            date("2025-05-09"),
        )
        .unwrap_err();
        assert_eq!(err[0].line, Some(4));
        let err = parse("May 9\nT\nA\nLonely title\n", "f", date("2025-05-09")).unwrap_err();
        assert_eq!(err[0].line, Some(4));
        assert!(parse("", "f", date("2025-05-09")).is_err());
    }
}
