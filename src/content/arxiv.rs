//! arXiv identifiers: new style (`2309.05494`, `2309.05494v2`) and old style
//! (`cond-mat/0412498`, `math.GT/0309136v1`). The version is kept apart from the id,
//! because the id is what identifies a paper across versions.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArxivId {
    pub id: String,
    /// `v2` and the like, when the entry names a version.
    pub version: Option<String>,
}

impl ArxivId {
    /// Parses an id, tolerating an `arXiv:` prefix and an arxiv.org abs/pdf URL.
    pub fn parse(text: &str) -> Option<ArxivId> {
        let mut s = text.trim();
        for prefix in [
            "https://arxiv.org/abs/",
            "http://arxiv.org/abs/",
            "https://arxiv.org/pdf/",
            "http://arxiv.org/pdf/",
        ] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.trim_end_matches(".pdf");
            }
        }
        if let Some(prefix) = s.get(..6)
            && prefix.eq_ignore_ascii_case("arxiv:")
        {
            s = &s[6..];
        }
        let (id, version) = split_version(s);
        if is_new_style(id) || is_old_style(id) {
            Some(ArxivId {
                id: id.to_string(),
                version: version.map(str::to_string),
            })
        } else {
            None
        }
    }

    pub fn abs_url(&self) -> String {
        format!("https://arxiv.org/abs/{}", self.id)
    }

    pub fn pdf_url(&self) -> String {
        format!("https://arxiv.org/pdf/{}", self.id)
    }
}

impl fmt::Display for ArxivId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.id, self.version.as_deref().unwrap_or(""))
    }
}

fn split_version(s: &str) -> (&str, Option<&str>) {
    if let Some(i) = s.rfind('v') {
        let digits = &s[i + 1..];
        if i > 0 && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return (&s[..i], Some(&s[i..]));
        }
    }
    (s, None)
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `YYMM.NNNN` (2007–2014) or `YYMM.NNNNN` (2015 on).
fn is_new_style(id: &str) -> bool {
    match id.split_once('.') {
        Some((yymm, num)) => {
            yymm.len() == 4
                && all_digits(yymm)
                && (num.len() == 4 || num.len() == 5)
                && all_digits(num)
        }
        None => false,
    }
}

/// `archive[.SUBJ]/YYMMNNN`, before 2007.
fn is_old_style(id: &str) -> bool {
    let Some((archive, num)) = id.split_once('/') else {
        return false;
    };
    let (name, subject) = archive.split_once('.').unwrap_or((archive, ""));
    let name_ok = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    let subject_ok = subject.is_empty()
        || (subject.len() == 2 && subject.chars().all(|c| c.is_ascii_uppercase()));
    name_ok && subject_ok && num.len() == 7 && all_digits(num)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ids_and_versions() {
        let a = ArxivId::parse("2309.05494v2").unwrap();
        assert_eq!(
            (a.id.as_str(), a.version.as_deref()),
            ("2309.05494", Some("v2"))
        );
        assert_eq!(ArxivId::parse("arXiv:1706.03762").unwrap().id, "1706.03762");
        assert_eq!(
            ArxivId::parse("https://arxiv.org/abs/2401.00001v1")
                .unwrap()
                .to_string(),
            "2401.00001v1"
        );
        assert_eq!(
            ArxivId::parse("cond-mat/0412498").unwrap().id,
            "cond-mat/0412498"
        );
        assert_eq!(
            ArxivId::parse("math.GT/0309136v1")
                .unwrap()
                .version
                .as_deref(),
            Some("v1")
        );
        for bad in [
            "",
            "aaaaaé",
            "2309.5494x",
            "May 9",
            "12345.6789",
            "cond-mat/12",
            "v2",
            "2309.05494v",
        ] {
            assert!(ArxivId::parse(bad).is_none(), "{bad}");
        }
    }
}
