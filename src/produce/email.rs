//! The email digest of each day: `days/<date>/email.html`, one self-contained HTML file
//! a newsletter tool or a CI job can mail as it is, and `email.txt`, its plain-text twin.
//!
//! A mail is read far from the site, so every link in it is absolute (the papers'
//! `permalink`s, the day's page), and its summaries are the plain-text `description`s,
//! which hold no links at all. Neither file is a page of the site's sitemap.

use serde::Serialize;

use super::{Context, Producer, Unit};
use crate::site::{Site, Valued, links};

/// One of the two forms of a day's email.
pub struct Email {
    template: &'static str,
    /// The file's extension: `html` or `txt`.
    ext: &'static str,
}

pub static EMAIL_HTML: Email = Email {
    template: "email.html",
    ext: "html",
};

pub static EMAIL_TEXT: Email = Email {
    template: "email.txt",
    ext: "txt",
};

/// What `email.html` and `email.txt` receive. There is no `root`: nothing in a mail
/// may link relatively.
#[derive(Serialize)]
struct DayEmail<'s> {
    /// The site's settings, as every page gets them (`site.base_url` is the home page's
    /// absolute URL).
    site: &'s Valued,
    /// `{date, date_display, path, count}`.
    day: &'s Valued,
    /// The cards of the day's papers, in `day_order`: link each with its `permalink`.
    papers: Vec<&'s Valued>,
    /// The absolute URL of the day's page.
    day_permalink: String,
}

impl Producer for Email {
    fn template(&self) -> Option<&'static str> {
        Some(self.template)
    }
    fn makes_pages(&self) -> bool {
        false
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        (0..site.days.len()).map(Unit::item).collect()
    }
    fn file(&self, site: &Site, unit: Unit) -> String {
        links::day_email_file(&site.days[unit.item].dir, self.ext)
    }
    fn context<'s>(&self, site: &'s Site, unit: Unit) -> Context<'s> {
        let day = &site.days[unit.item];
        Box::new(DayEmail {
            site: &site.site_value,
            day: &day.value,
            papers: day.papers.iter().map(|&p| &site.papers[p].card).collect(),
            day_permalink: format!("{}{}", site.config.base_url, day.dir),
        })
    }
}
