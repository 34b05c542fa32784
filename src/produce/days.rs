//! Days: the list of every day, and a page per day with all its papers and links to its
//! week and month.

use chrono::NaiveDate;
use serde::Serialize;

use super::context::PageContext;
use super::{Context, Producer, Unit};
use crate::site::{Site, Valued, links};

/// `days.html`: every day that has papers, newest first.
pub struct Days;

#[derive(Serialize)]
struct AllDays<'s> {
    /// Each day's `{date, date_display, path, count}`.
    days: Vec<&'s Valued>,
}

impl Producer for Days {
    fn template(&self) -> Option<&'static str> {
        Some("days.html")
    }
    fn reserved_dir(&self) -> Option<&'static str> {
        Some("days")
    }
    fn units(&self, _site: &Site) -> Vec<Unit> {
        vec![Unit::default()]
    }
    fn file(&self, _site: &Site, _unit: Unit) -> String {
        links::output_file(links::DAYS_DIR)
    }
    fn context<'s>(&self, site: &'s Site, _unit: Unit) -> Context<'s> {
        let page = AllDays {
            days: site.days.iter().map(|d| &d.value).collect(),
        };
        Box::new(PageContext::at(
            site,
            links::DAYS_DIR,
            "Days".into(),
            "days",
            page,
        ))
    }
    fn sitemap(&self, site: &Site, _unit: Unit) -> Option<Option<NaiveDate>> {
        Some(site.days.first().map(|d| d.date))
    }
}

/// `day.html`: one day's papers, in `day_order`, with links to the days around it.
pub struct Day;

#[derive(Serialize)]
struct OneDay<'s> {
    /// `{date, date_display, path, count}`.
    day: &'s Valued,
    /// The day's papers as listings hold them: print each with the `card` filter.
    papers: Vec<&'s Valued>,
    /// The day's papers grouped by topic: each `{name, path, papers}`.
    overview: Vec<super::overview::TopicGroup<'s>>,
    /// Whether any of its papers' abstracts has code (cards that open to the abstract
    /// need `syntax.css` then).
    has_code: bool,
    /// The day before it that has papers, if any.
    prev_day: Option<&'s Valued>,
    /// The day after it that has papers, if any.
    next_day: Option<&'s Valued>,
    /// The week and the month it is in, as `period` on their own pages.
    week: &'s Valued,
    month: &'s Valued,
}

impl Producer for Day {
    fn template(&self) -> Option<&'static str> {
        Some("day.html")
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        (0..site.days.len()).map(Unit::item).collect()
    }
    fn file(&self, site: &Site, unit: Unit) -> String {
        links::output_file(&site.days[unit.item].dir)
    }
    fn context<'s>(&self, site: &'s Site, unit: Unit) -> Context<'s> {
        let i = unit.item;
        let d = &site.days[i];
        // Days are newest first: the previous (older) day comes after this one.
        let periods = &site.periods;
        let neighbour = |j: Option<usize>| j.and_then(|j| site.days.get(j)).map(|d| &d.value);
        let page = OneDay {
            day: &d.value,
            papers: d.papers.iter().map(|&p| &site.papers[p].listed).collect(),
            overview: super::overview::by_topic(site, &d.papers),
            has_code: d.papers.iter().any(|&p| site.papers[p].body.has_code),
            prev_day: neighbour(Some(i + 1)),
            next_day: neighbour(i.checked_sub(1)),
            week: &periods.weeks[periods.week_of_day[i]].value,
            month: &periods.months[periods.month_of_day[i]].value,
        };
        let title = format!(
            "Papers of {}",
            d.value.field("date_display").unwrap_or_default()
        );
        Box::new(PageContext::at(site, &d.dir, title, "days", page))
    }
    fn sitemap(&self, site: &Site, unit: Unit) -> Option<Option<NaiveDate>> {
        Some(Some(site.days[unit.item].date))
    }
    fn listed<'s>(&self, site: &'s Site, unit: Unit) -> &'s [usize] {
        &site.days[unit.item].papers
    }
}
