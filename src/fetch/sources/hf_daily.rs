//! The Hugging Face daily papers of one day: `huggingface.co/api/daily_papers?date=D`,
//! read by `import hf-json`. The day asked for is the papers' digest day.

use chrono::NaiveDate;

use super::{Page, Request, Source, encode, with_query};
use crate::diagnostics::Diagnostic;
use crate::fetch::http::BodyKind;
use crate::import;

pub const ENDPOINT: &str = "https://huggingface.co/api/daily_papers";

pub struct HfDaily {
    pub endpoint: String,
    pub day: NaiveDate,
}

impl Source for HfDaily {
    fn name(&self) -> &'static str {
        "hf-daily"
    }

    fn import_format(&self) -> &'static str {
        "hf-json"
    }

    fn body_kind(&self) -> BodyKind {
        BodyKind::Json
    }

    fn date(&self) -> Option<NaiveDate> {
        Some(self.day)
    }

    fn first_request(&self) -> Request {
        let day = self.day.format("%Y-%m-%d").to_string();
        Request {
            url: with_query(&self.endpoint, &format!("date={}", encode(&day))),
            cache_name: format!("{day}.json"),
            start: 0,
        }
    }

    fn read(&self, body: &str, request: &Request, _: usize) -> Result<Page, Vec<Diagnostic>> {
        // Exactly what `import hf-json` reads, so a cached reply replays the same.
        let papers = import::hf_json::parse(body, &request.url)?;
        // The day asked for is every paper's digest day; a reply that says otherwise (a
        // mirror serving another day, say) is worth a word.
        let mut other_days: Vec<NaiveDate> = papers
            .iter()
            .filter_map(|p| p.date)
            .filter(|d| *d != self.day)
            .collect();
        other_days.sort();
        other_days.dedup();
        let warnings = if other_days.is_empty() {
            Vec::new()
        } else {
            let days: Vec<String> = other_days.iter().map(ToString::to_string).collect();
            vec![Diagnostic::new(
                &request.url,
                None,
                format!(
                    "the reply lists papers of the daily page of {} too; they are filed under {}, the day asked for",
                    days.join(", "),
                    self.day
                ),
            )]
        };
        Ok(Page {
            papers,
            next: None,
            warnings,
        })
    }

    fn nothing_found(&self) -> String {
        format!(
            "no papers: the Hugging Face daily page of {} lists none (yet)",
            self.day
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_for_the_day_and_caches_under_it() {
        let source = HfDaily {
            endpoint: ENDPOINT.into(),
            day: NaiveDate::from_ymd_opt(2026, 6, 12).unwrap(),
        };
        let request = source.first_request();
        assert_eq!(
            request.url,
            "https://huggingface.co/api/daily_papers?date=2026-06-12"
        );
        assert_eq!(request.cache_name, "2026-06-12.json");
    }
}
