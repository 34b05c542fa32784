//! Archives: a paginated page per week and per month that has papers, and the archive
//! page that lists them all with their paper counts.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::context::{PageContext, Paginator, listing_units, numbered, page_slice};
use super::papers::newest;
use super::{Context, Producer, Unit};
use crate::site::{PeriodNode, Periods, Site, Valued, links};

/// Weeks or months.
pub struct Kind {
    dir: &'static str,
    periods: fn(&Site) -> &[PeriodNode],
    /// The weeks and the months a period's page links to, as ranges of indices.
    weeks_of: fn(&Periods, usize) -> Range<usize>,
    months_of: fn(&Periods, usize) -> Range<usize>,
}

/// `period.html` for weeks: `/weeks/2025-W19/`, linking to its months.
pub static WEEK: PeriodPage = PeriodPage(&Kind {
    dir: "weeks",
    periods: |site| &site.periods.weeks,
    weeks_of: |_, _| 0..0,
    months_of: Periods::months_of_week,
});

/// `period.html` for months: `/months/2025-05/`, linking to its weeks.
pub static MONTH: PeriodPage = PeriodPage(&Kind {
    dir: "months",
    periods: |site| &site.periods.months,
    weeks_of: Periods::weeks_of_month,
    months_of: |_, _| 0..0,
});

/// A week's or a month's own paginated listing, in the order of the day pages.
pub struct PeriodPage(&'static Kind);

/// `period.html`'s own variables.
#[derive(Serialize)]
struct OnePeriod<'s> {
    /// The week or month: `{kind, key, title, start, end, range_display, path, permalink,
    /// count, day_count}`; `kind` is `week` or `month`.
    period: &'s Valued,
    /// Its papers: newest day first, each day in `day_order`.
    paginator: Paginator<'s>,
    /// The period before it (older) that has papers, if any.
    prev: Option<&'s Valued>,
    /// The period after it (newer) that has papers, if any.
    next: Option<&'s Valued>,
    /// On a month's page, its weeks, newest first (empty on a week's page).
    weeks: Vec<&'s Valued>,
    /// On a week's page, the months it has papers in, newest first (empty on a month's).
    months: Vec<&'s Valued>,
}

impl Producer for PeriodPage {
    fn template(&self) -> Option<&'static str> {
        Some("period.html")
    }
    fn reserved_dir(&self) -> Option<&'static str> {
        Some(self.0.dir)
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        let periods = (self.0.periods)(site).iter().enumerate();
        periods
            .flat_map(|(i, p)| listing_units(site, i, p.papers.len()))
            .collect()
    }
    fn file(&self, site: &Site, unit: Unit) -> String {
        let period = &(self.0.periods)(site)[unit.item];
        links::output_file(&links::pagination_dir(&period.dir, unit.page))
    }
    fn context<'s>(&self, site: &'s Site, unit: Unit) -> Context<'s> {
        let i = unit.item;
        let kind = self.0;
        let periods = (kind.periods)(site);
        let period = &periods[i];
        let all = &site.periods;
        let values = |nodes: &'s [PeriodNode], range: Range<usize>| {
            nodes[range].iter().map(|p| &p.value).collect::<Vec<_>>()
        };
        // Periods are newest first: the previous (older) one comes after this one.
        let page = OnePeriod {
            period: &period.value,
            paginator: Paginator::new(site, &period.dir, &period.papers, unit.page),
            prev: periods.get(i + 1).map(|p| &p.value),
            next: i.checked_sub(1).map(|j| &periods[j].value),
            weeks: values(&all.weeks, (kind.weeks_of)(all, i)),
            months: values(&all.months, (kind.months_of)(all, i)),
        };
        let title = period.value.field("title").unwrap_or_default();
        let dir = links::pagination_dir(&period.dir, unit.page);
        let title = numbered(title, unit.page);
        Box::new(PageContext::at(site, &dir, title, "archive", page))
    }
    fn sitemap(&self, site: &Site, unit: Unit) -> Option<Option<NaiveDate>> {
        Some(newest(site, self.listed(site, unit)))
    }
    fn listed<'s>(&self, site: &'s Site, unit: Unit) -> &'s [usize] {
        let period = &(self.0.periods)(site)[unit.item];
        page_slice(&period.papers, unit.page, site.config.paginate_by)
    }
}

/// `archive.html`: every month and week with papers, by year.
pub struct Archive;

/// `archive.html`'s own variables.
#[derive(Serialize)]
struct ArchivePage<'s> {
    /// The years that have papers, newest first.
    years: Vec<Year<'s>>,
    /// Papers in the whole digest.
    total_papers: usize,
    /// How many weeks and months have papers.
    week_count: usize,
    month_count: usize,
}

#[derive(Serialize)]
struct Year<'s> {
    year: i32,
    /// Papers of the year.
    count: usize,
    /// Its months, newest first.
    months: Vec<Month<'s>>,
}

#[derive(Serialize)]
struct Month<'s> {
    /// The month, as `period` on its own page.
    month: &'s Valued,
    /// The weeks that have papers in it, newest first. A week across two months is in
    /// both.
    weeks: Vec<&'s Valued>,
}

impl Producer for Archive {
    fn template(&self) -> Option<&'static str> {
        Some("archive.html")
    }
    fn reserved_dir(&self) -> Option<&'static str> {
        Some(links::ARCHIVE_DIR.trim_end_matches('/'))
    }
    fn units(&self, _site: &Site) -> Vec<Unit> {
        vec![Unit::default()]
    }
    fn file(&self, _site: &Site, _unit: Unit) -> String {
        links::output_file(links::ARCHIVE_DIR)
    }
    fn context<'s>(&self, site: &'s Site, _unit: Unit) -> Context<'s> {
        let periods = &site.periods;
        let mut years: Vec<Year> = Vec::new();
        for (m, month) in periods.months.iter().enumerate() {
            let year = site.days[month.days.start].date.year();
            if years.last().is_none_or(|y| y.year != year) {
                years.push(Year {
                    year,
                    count: 0,
                    months: Vec::new(),
                });
            }
            let weeks = &periods.weeks[periods.weeks_of_month(m)];
            let entry = years.last_mut().expect("a year was just pushed");
            entry.count += month.papers.len();
            entry.months.push(Month {
                month: &month.value,
                weeks: weeks.iter().map(|w| &w.value).collect(),
            });
        }
        let page = ArchivePage {
            years,
            total_papers: site.papers.len(),
            week_count: periods.weeks.len(),
            month_count: periods.months.len(),
        };
        let dir = links::ARCHIVE_DIR;
        Box::new(PageContext::at(
            site,
            dir,
            "Archive".into(),
            "archive",
            page,
        ))
    }
    fn sitemap(&self, site: &Site, _unit: Unit) -> Option<Option<NaiveDate>> {
        Some(site.days.first().map(|d| d.date))
    }
}
