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
        Ok(Page {
            papers,
            next: None,
            warnings: Vec::new(),
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
