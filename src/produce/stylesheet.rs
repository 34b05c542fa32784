//! `syntax.css`: the colours of highlighted code, made from the configured syntect
//! themes, for sites that have code blocks.

use serde::Serialize;

use super::{Context, Producer, Unit};
use crate::markdown::highlight;
use crate::site::Site;

pub struct Syntax;

/// What the stylesheet is made of.
#[derive(Serialize)]
struct Themes<'s> {
    light: &'s str,
    dark: &'s str,
}

impl Producer for Syntax {
    fn template(&self) -> Option<&'static str> {
        None
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        let has_code = site.papers.iter().any(|p| p.body.has_code)
            || site.pages.iter().any(|p| p.body.has_code);
        if has_code {
            vec![Unit::default()]
        } else {
            Vec::new()
        }
    }
    fn file(&self, _site: &Site, _unit: Unit) -> String {
        highlight::CSS_FILE.into()
    }
    fn context<'s>(&self, site: &'s Site, _unit: Unit) -> Context<'s> {
        let m = &site.config.markdown;
        Box::new(Themes {
            light: &m.highlight_theme,
            dark: &m.highlight_theme_dark,
        })
    }
    fn make(&self, site: &Site, _unit: Unit) -> Result<String, String> {
        let m = &site.config.markdown;
        highlight::stylesheet(&m.highlight_theme, &m.highlight_theme_dark)
            .map_err(|message| format!("markdown: {message}"))
    }
}
