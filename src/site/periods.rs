//! Weeks and months: the periods of the archive, each made of the digest days it holds.
//!
//! Days are newest first, and a week or a month is a run of consecutive dates, so the
//! days of one period sit next to each other in `Site::days`: one pass over the days
//! makes every period, and a period's papers are its days' papers in turn (newest day
//! first, each day in `day_order`). Only periods that have papers exist. Weeks are ISO
//! weeks: they start on Monday, and belong to the year that holds their Thursday, so
//! 30 December 2024 is in week 1 of 2025 (`2025-W01`).

use std::ops::Range;

use super::value_types::PeriodValue;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::DayNode;
use super::links::{self, LinkStyle};
use super::memo::Valued;
use super::values::display_date;

/// What kind of period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Week,
    Month,
}

impl Span {
    /// What identifies the period that holds `date`: (ISO year, week) or (year, month).
    fn id(self, date: NaiveDate) -> (i32, u32) {
        match self {
            Span::Week => {
                let week = date.iso_week();
                (week.year(), week.week())
            }
            Span::Month => (date.year(), date.month()),
        }
    }

    /// The period's name in URLs: `2025-W19`, `2025-05`.
    fn key(self, (year, number): (i32, u32)) -> String {
        match self {
            Span::Week => format!("{year:04}-W{number:02}"),
            Span::Month => format!("{year:04}-{number:02}"),
        }
    }

    /// The first and last calendar day of the period that holds `date` (Monday to
    /// Sunday for a week). At the very ends of the calendar, `date` itself.
    fn bounds(self, date: NaiveDate) -> (NaiveDate, NaiveDate) {
        let bounds = match self {
            Span::Week => {
                let week = date.iso_week();
                NaiveDate::from_isoywd_opt(week.year(), week.week(), Weekday::Mon)
                    .and_then(|monday| Some((monday, monday.checked_add_days(Days::new(6))?)))
            }
            Span::Month => date.with_day(1).and_then(|first| {
                let next = first.checked_add_months(Months::new(1))?;
                Some((first, next.pred_opt()?))
            }),
        };
        bounds.unwrap_or((date, date))
    }

    /// "Week 19 of 2025", "May 2025".
    fn title(self, (year, number): (i32, u32), start: NaiveDate) -> String {
        match self {
            Span::Week => format!("Week {number} of {year}"),
            Span::Month => start.format("%B %Y").to_string(),
        }
    }

    fn dir(self, key: &str) -> String {
        match self {
            Span::Week => links::week_dir(key),
            Span::Month => links::month_dir(key),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Span::Week => "week",
            Span::Month => "month",
        }
    }
}

/// A week or a month that has papers.
pub struct PeriodNode {
    /// `2025-W19`, `2025-05`.
    pub key: String,
    /// `weeks/2025-W19/`, `months/2025-05/`.
    pub dir: String,
    /// Indices into `Site::days`: the period's days, newest first.
    pub days: Range<usize>,
    /// Indices into `Site::papers`: newest day first, each day in `day_order`.
    pub papers: Vec<usize>,
    /// `{kind, key, title, start, end, range_display, path, permalink, count, day_count}`.
    pub value: Valued,
}

/// The weeks and months of the site, each newest first.
pub struct Periods {
    pub weeks: Vec<PeriodNode>,
    pub months: Vec<PeriodNode>,
    /// For each day (by its index into `Site::days`), the index of its week.
    pub week_of_day: Vec<usize>,
    /// For each day, the index of its month.
    pub month_of_day: Vec<usize>,
}

impl Periods {
    /// The periods of `days` (newest first), with their values.
    pub fn new(days: &[DayNode], links: LinkStyle, base_url: &str) -> Periods {
        let (weeks, week_of_day) = periods(Span::Week, days, links, base_url);
        let (months, month_of_day) = periods(Span::Month, days, links, base_url);
        Periods {
            weeks,
            months,
            week_of_day,
            month_of_day,
        }
    }

    /// The weeks that have papers in month `month`, newest first. A week that straddles
    /// two months is in both.
    pub fn weeks_of_month(&self, month: usize) -> Range<usize> {
        covering(&self.week_of_day, &self.months[month].days)
    }

    /// The months that week `week` has papers in (one or two), newest first.
    pub fn months_of_week(&self, week: usize) -> Range<usize> {
        covering(&self.month_of_day, &self.weeks[week].days)
    }
}

/// The periods (by `of_day`, each day's period) that the run of days `days` falls in.
/// Both are in date order, so they are the periods of its first and last day and those
/// between.
fn covering(of_day: &[usize], days: &Range<usize>) -> Range<usize> {
    match (
        of_day.get(days.start),
        days.end.checked_sub(1).and_then(|d| of_day.get(d)),
    ) {
        (Some(&first), Some(&last)) if !days.is_empty() => first..last + 1,
        _ => 0..0,
    }
}

/// The periods of one span, and each day's period.
fn periods(
    span: Span,
    days: &[DayNode],
    links: LinkStyle,
    base_url: &str,
) -> (Vec<PeriodNode>, Vec<usize>) {
    let mut nodes = Vec::new();
    let mut of_day = Vec::with_capacity(days.len());
    let mut start = 0;
    while start < days.len() {
        let id = span.id(days[start].date);
        let end = start
            + days[start..]
                .iter()
                .take_while(|d| span.id(d.date) == id)
                .count();
        of_day.extend(std::iter::repeat_n(nodes.len(), end - start));
        nodes.push(period(span, id, days, start..end, links, base_url));
        start = end;
    }
    (nodes, of_day)
}

fn period(
    span: Span,
    id: (i32, u32),
    all_days: &[DayNode],
    days: Range<usize>,
    links: LinkStyle,
    base_url: &str,
) -> PeriodNode {
    let key = span.key(id);
    let dir = span.dir(&key);
    let (start, end) = span.bounds(all_days[days.start].date);
    let papers: Vec<usize> = all_days[days.clone()]
        .iter()
        .flat_map(|d| d.papers.iter().copied())
        .collect();
    let value = Valued::of(&PeriodValue {
        kind: span.name(),
        title: span.title(id, start),
        start: start.format("%Y-%m-%d").to_string(),
        end: end.format("%Y-%m-%d").to_string(),
        range_display: range_display(start, end),
        path: links.link(&dir),
        permalink: format!("{base_url}{dir}"),
        count: papers.len(),
        day_count: days.len(),
        key: key.clone(),
    });
    PeriodNode {
        key,
        dir,
        days,
        papers,
        value,
    }
}

/// "5–11 May 2025", "28 April – 4 May 2025", "29 December 2025 – 4 January 2026": the
/// shared month and year are written once.
fn range_display(start: NaiveDate, end: NaiveDate) -> String {
    if start.year() != end.year() {
        format!("{} – {}", display_date(start), display_date(end))
    } else if start.month() != end.month() {
        format!("{} – {}", start.format("%-d %B"), display_date(end))
    } else if start != end {
        format!("{}–{}", start.day(), display_date(end))
    } else {
        display_date(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn day(s: &str, papers: Range<usize>) -> DayNode {
        DayNode {
            date: date(s),
            dir: links::day_dir(s),
            papers: papers.collect(),
            value: Valued::default(),
        }
    }

    #[test]
    fn weeks_follow_iso_and_months_the_calendar() {
        assert_eq!(
            Span::Week.key(Span::Week.id(date("2024-12-30"))),
            "2025-W01"
        );
        assert_eq!(
            Span::Week.key(Span::Week.id(date("2024-12-29"))),
            "2024-W52"
        );
        assert_eq!(
            Span::Week.key(Span::Week.id(date("2021-01-03"))),
            "2020-W53"
        );
        assert_eq!(
            Span::Month.key(Span::Month.id(date("2024-12-30"))),
            "2024-12"
        );
        assert_eq!(
            Span::Week.bounds(date("2025-01-01")),
            (date("2024-12-30"), date("2025-01-05"))
        );
        assert_eq!(
            Span::Month.bounds(date("2024-02-10")),
            (date("2024-02-01"), date("2024-02-29"))
        );
        assert_eq!(
            Span::Month.bounds(date("2024-12-10")),
            (date("2024-12-01"), date("2024-12-31"))
        );
        // The ends of the calendar do not panic.
        let _ = Span::Week.bounds(NaiveDate::MAX);
        let _ = Span::Month.bounds(NaiveDate::MAX);
        let _ = Span::Week.bounds(NaiveDate::MIN);
    }

    #[test]
    fn ranges_write_what_they_share_once() {
        assert_eq!(
            range_display(date("2025-05-05"), date("2025-05-11")),
            "5–11 May 2025"
        );
        assert_eq!(
            range_display(date("2025-04-28"), date("2025-05-04")),
            "28 April – 4 May 2025"
        );
        assert_eq!(
            range_display(date("2024-12-30"), date("2025-01-05")),
            "30 December 2024 – 5 January 2025"
        );
    }

    #[test]
    fn days_group_into_periods_in_one_pass() {
        let links = LinkStyle {
            explicit_index: false,
        };
        // Newest first, as in the site: two days of 2025-W01 across the new year.
        let days = [
            day("2025-01-06", 0..1),
            day("2025-01-01", 1..3),
            day("2024-12-30", 3..4),
            day("2024-12-20", 4..6),
        ];
        let p = Periods::new(&days, links, "https://x.org/");
        let keys = |nodes: &[PeriodNode]| nodes.iter().map(|n| n.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&p.weeks), ["2025-W02", "2025-W01", "2024-W51"]);
        assert_eq!(keys(&p.months), ["2025-01", "2024-12"]);
        assert_eq!(p.weeks[1].papers, [1, 2, 3]);
        assert_eq!(p.months[1].papers, [3, 4, 5]);
        assert_eq!(p.week_of_day, [0, 1, 1, 2]);
        assert_eq!(p.month_of_day, [0, 0, 1, 1]);
        assert_eq!(p.weeks_of_month(0), 0..2);
        assert_eq!(p.weeks_of_month(1), 1..3);
        assert_eq!(p.months_of_week(1), 0..2);
        assert_eq!(p.months_of_week(2), 1..2);
        let w = &p.weeks[1].value.json();
        assert_eq!(w["title"], "Week 1 of 2025");
        assert_eq!(w["start"], "2024-12-30");
        assert_eq!(w["path"], "weeks/2025-W01/");
        assert_eq!(w["permalink"], "https://x.org/weeks/2025-W01/");
        assert_eq!(w["count"], 3);
        assert_eq!(w["day_count"], 2);
        assert_eq!(p.months[1].value.json()["title"], "December 2024");
        assert!(Periods::new(&[], links, "https://x.org/").weeks.is_empty());
    }
}
