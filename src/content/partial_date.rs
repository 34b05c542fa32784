//! A date known only as precisely as its source gives it: a year (`1967`), a month
//! (`1967-03`) or a day (`1967-03-14`). Scholarly sources often give no more than a year,
//! and a page must then say "1967", never an invented "1 January 1967".

use std::fmt;

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    /// 1–12.
    pub month: Option<u32>,
    /// 1–31; only with a month.
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn from_date(date: NaiveDate) -> PartialDate {
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    pub fn year_month(year: i32, month: u32) -> Option<PartialDate> {
        PartialDate::year(year)?;
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| PartialDate {
            year,
            month: Some(month),
            day: None,
        })
    }

    pub fn year(year: i32) -> Option<PartialDate> {
        (1..=9999).contains(&year).then_some(PartialDate {
            year,
            month: None,
            day: None,
        })
    }

    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (four-digit years, real calendar dates).
    pub fn parse(text: &str) -> Option<PartialDate> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str, len: usize| -> Option<u32> {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let year = number(parts.first()?, 4)? as i32;
        match parts.len() {
            1 => PartialDate::year(year),
            2 => PartialDate::year_month(year, number(parts[1], 2)?),
            3 => NaiveDate::from_ymd_opt(year, number(parts[1], 2)?, number(parts[2], 2)?)
                .filter(|_| year >= 1)
                .map(PartialDate::from_date),
            _ => None,
        }
    }

    /// For readers, at the date's own precision: "1967", "March 1967", "14 March 1967".
    pub fn display(&self) -> String {
        let month = |m: u32| {
            NaiveDate::from_ymd_opt(self.year, m, 1)
                .map(|d| d.format("%B").to_string())
                .unwrap_or_default()
        };
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", month(m), self.year),
            (Some(m), None) => format!("{} {}", month(m), self.year),
            _ => self.year.to_string(),
        }
    }
}

/// ISO 8601 at the date's precision: `1967`, `1967-03`, `1967-03-14`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_shows_each_precision() {
        for (text, shown) in [
            ("1967", "1967"),
            ("1967-03", "March 1967"),
            ("2025-05-09", "9 May 2025"),
        ] {
            let date = PartialDate::parse(text).unwrap();
            assert_eq!(date.to_string(), text);
            assert_eq!(date.display(), shown);
        }
        for bad in [
            "",
            "67",
            "1967-3",
            "1967-13",
            "2025-02-30",
            "2025-05-09T00",
            "May 1967",
            "0000",
        ] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
    }
}
