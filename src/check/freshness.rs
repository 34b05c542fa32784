//! A digest that a scheduled job fills every day goes stale without a sound when its
//! source stops sending papers: `--max-age DAYS` turns that into a warning.

use chrono::NaiveDate;

use crate::content::{CONTENT_DIR, PAPERS_DIR};
use crate::diagnostics::{Diagnostic, Kind};
use crate::site::Site;

/// A warning when the newest digest day is more than `max_age` days before `today`
/// (or when there are no papers at all). Days in the future do not count: see
/// `future_days`.
pub fn stale_digest(site: &Site, max_age: u64, today: NaiveDate) -> Option<Diagnostic> {
    let folder = format!("{CONTENT_DIR}/{PAPERS_DIR}");
    let limit = format!(
        "--max-age is {max_age} day{}",
        if max_age == 1 { "" } else { "s" }
    );
    // A day after tomorrow (UTC, so any time zone's today) is a typo, and must not hide
    // that the real days stopped.
    let tomorrow = today.succ_opt().unwrap_or(today);
    let Some(newest) = site.days.iter().find(|d| d.date <= tomorrow) else {
        return Some(
            Diagnostic::new(
                folder,
                None,
                format!("the digest has no papers ({limit}); is the import still running?"),
            )
            .of_kind(Kind::StaleDigest),
        );
    };
    let age = (today - newest.date).num_days();
    if age <= i64::try_from(max_age).unwrap_or(i64::MAX) {
        return None;
    }
    let example = newest
        .papers
        .first()
        .map(|&i| format!(" ({})", site.papers[i].paper.source.display()))
        .unwrap_or_default();
    Some(
        Diagnostic::new(
            folder,
            None,
            format!(
                "the newest digest day is {}{example}, {age} day{} before today ({today}, UTC), and {limit}; is the import still running?",
                newest.date,
                if age == 1 { "" } else { "s" }
            ),
        )
        .of_kind(Kind::StaleDigest),
    )
}

/// A warning for each digest day after tomorrow: a date typo (`2062` for `2026`) would
/// otherwise keep the digest looking fresh for decades.
pub fn future_days(site: &Site, today: NaiveDate) -> Vec<Diagnostic> {
    let tomorrow = today.succ_opt().unwrap_or(today);
    site.days
        .iter()
        .take_while(|d| d.date > tomorrow)
        .flat_map(|d| d.papers.iter().map(move |&i| (d.date, i)))
        .map(|(date, i)| {
            Diagnostic::new(
                &site.papers[i].paper.source,
                None,
                format!("date: {date} is in the future (today is {today}, UTC); is it a typo?"),
            )
            .of_kind(Kind::StaleDigest)
        })
        .collect()
}
