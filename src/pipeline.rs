//! One build, start to end: files → content nodes → site graph → pages → output.
//!
//! Every stage runs even when an earlier one found errors (with what it could load), so
//! a build reports all its problems at once; nothing is published unless none were found.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content;
use crate::diagnostics::{Diagnostic, Report};
use crate::output;
use crate::render::{RenderedPage, Renderer, Theme};
use crate::site::Site;

pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub include_drafts: bool,
}

pub struct BuildSummary {
    pub papers: usize,
    pub pages: usize,
    pub files_written: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

pub fn build(options: &BuildOptions) -> Result<BuildSummary, Report> {
    let started = Instant::now();
    let timings = std::env::var_os("PAPERPRESS_TIMINGS").is_some();
    let lap = |stage: &str| {
        if timings {
            eprintln!("{stage:>8}: {:.3} s", started.elapsed().as_secs_f64());
        }
    };
    let mut report = Report::default();

    let mut config = Config::load(&options.root).unwrap_or_else(|errors| {
        errors.into_iter().for_each(|e| report.error(e));
        Config::parse("").expect("the default configuration is valid")
    });
    if let Some(url) = &options.base_url
        && let Err(message) = config.set_base_url(url)
    {
        report.error(Diagnostic::new("--base-url", None, message));
    }

    let (content, load_report) = content::load(&options.root, options.include_drafts);
    report.extend(load_report);
    lap("load");
    let theme = Theme::load(&options.root, &config.theme).unwrap_or_else(|errors| {
        errors.into_iter().for_each(|e| report.error(e));
        Theme::default()
    });
    let (site, site_report) = Site::build(config, content);
    report.extend(site_report);
    lap("graph");

    let pages = match Renderer::new(&theme) {
        Ok(renderer) => renderer.render_all(&site).unwrap_or_else(|errors| {
            errors.into_iter().for_each(|e| report.error(e));
            Vec::new()
        }),
        Err(errors) if theme.templates.is_empty() => {
            drop(errors); // the theme itself failed to load; that error is already reported
            Vec::new()
        }
        Err(errors) => {
            errors.into_iter().for_each(|e| report.error(e));
            Vec::new()
        }
    };

    let mut pages = pages;
    if site.papers.iter().any(|p| p.body.has_code) || site.pages.iter().any(|p| p.body.has_code) {
        let m = &site.config.markdown;
        match crate::markdown::highlight::stylesheet(&m.highlight_theme, &m.highlight_theme_dark) {
            Ok(css) => pages.push(RenderedPage {
                file: crate::markdown::highlight::CSS_FILE.into(),
                html: css,
            }),
            Err(message) => {
                let text = std::fs::read_to_string(options.root.join(crate::config::CONFIG_FILE))
                    .unwrap_or_default();
                let line = crate::config::find_key_line(&text, "highlight_theme")
                    .or_else(|| crate::config::find_key_line(&text, "highlight_theme_dark"));
                report.error(Diagnostic::new(
                    crate::config::CONFIG_FILE,
                    line,
                    format!("markdown: {message}"),
                ));
            }
        }
    }
    lap("render");
    if report.has_errors() {
        report.sort();
        return Err(report);
    }
    let files_written =
        output::publish(&options.output, &pages, &theme.statics).map_err(|errors| {
            errors.into_iter().for_each(|e| report.error(e));
            std::mem::take(&mut report)
        })?;
    lap("publish");
    Ok(BuildSummary {
        papers: site.papers.len(),
        pages: pages.len(),
        files_written,
        elapsed: started.elapsed(),
        warnings: report.warnings,
    })
}
