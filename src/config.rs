//! `site.toml`: the site's settings, validated once at load time.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;

mod errors;
mod feeds;

pub use feeds::FeedsConfig;
pub mod sharing;

pub const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Shown in the header and in every `<title>`.
    #[serde(default = "default_title")]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Absolute URL the site is published at; used for canonical links and feeds.
    /// Internal links are relative, so the site works at any base URL.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Papers per listing page (index, topic and author pages).
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// Longest summary on listing pages, in characters, cut on a word boundary.
    #[serde(default = "default_summary_length")]
    pub summary_length: usize,
    /// Most authors a card names: a longer list is shortened to "A, B, … Z" (the first
    /// ones and the last). Paper pages name everyone.
    #[serde(default = "default_card_authors")]
    pub card_authors: usize,
    /// Write internal links as `papers/x/index.html` rather than `papers/x/`, so the site
    /// can be browsed straight from disk (file://) as well as from any web server.
    #[serde(default = "default_true")]
    pub explicit_index_links: bool,
    /// How papers of one day are ordered in every listing (newest day first).
    #[serde(default = "default_day_order")]
    pub day_order: Vec<DayOrder>,
    #[serde(default)]
    pub topics: Vec<TopicRule>,
    /// The most topics keyword rules give one paper: those with the most keyword hits,
    /// then in declaration order. Topics an entry writes itself are never dropped.
    #[serde(default = "default_max_topics")]
    pub max_topics: usize,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// Unknown front-matter keys in paper entries are errors instead of extra fields.
    #[serde(default)]
    pub strict: bool,
    /// `[fetch]`: what `paperpress fetch` keeps, and papers removed for good.
    #[serde(default)]
    pub fetch: crate::fetch::curation::FetchConfig,
    /// `[feeds]`: the size and author of the Atom and JSON feeds.
    #[serde(default)]
    pub feeds: FeedsConfig,
    /// `[sitemap]`: how many URLs a sitemap file holds.
    #[serde(default)]
    pub sitemap: sharing::SitemapConfig,
    /// `[metadata]`: which metadata paper pages carry.
    #[serde(default)]
    pub metadata: sharing::MetadataConfig,
}

/// `[markdown]`: how entries' Markdown is rendered.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Straight quotes to curly ones, `--` to en dashes, `...` to an ellipsis.
    pub smart_punctuation: bool,
    /// What to do with HTML written inside entries.
    pub raw_html: RawHtml,
    /// Add `rel="nofollow"` to links to other sites.
    pub external_links_nofollow: bool,
    /// Open links to other sites in a new tab.
    pub external_links_target_blank: bool,
    /// syntect theme for code in light mode.
    pub highlight_theme: String,
    /// syntect theme for code in dark mode.
    pub highlight_theme_dark: String,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            smart_punctuation: true,
            raw_html: RawHtml::Sanitize,
            external_links_nofollow: false,
            external_links_target_blank: false,
            highlight_theme: "InspiredGitHub".into(),
            highlight_theme_dark: "base16-ocean.dark".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep harmless markup; drop scripts, event handlers, `javascript:` URLs, iframes, styles.
    Sanitize,
    /// Show it as text.
    Escape,
    /// Pass it through as written (only for sites whose every author is trusted).
    Allow,
}

/// One key of `day_order`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DayOrder {
    /// Most upvotes first; papers without upvotes after those with some.
    Upvotes,
    /// The source's order (`rank = 1` first); papers without a rank after ranked ones.
    Rank,
    /// By title, ignoring case.
    Title,
}

/// A declared topic. Papers that list no `topics` of their own get every declared topic
/// whose keywords match their title or abstract.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicRule {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

fn default_title() -> String {
    "Paper digest".into()
}
fn default_base_url() -> String {
    "http://localhost/".into()
}
fn default_language() -> String {
    "en".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate_by() -> usize {
    20
}
fn default_summary_length() -> usize {
    300
}
fn default_card_authors() -> usize {
    3
}
fn default_max_topics() -> usize {
    3
}
fn default_day_order() -> Vec<DayOrder> {
    vec![DayOrder::Upvotes, DayOrder::Rank, DayOrder::Title]
}
fn default_true() -> bool {
    true
}

impl Config {
    /// Reads `site.toml` from the site root. A missing file is an error: it is how we tell a
    /// site folder from any other folder.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                return vec![not_a_site(root)];
            }
            vec![Diagnostic::new(
                CONFIG_FILE,
                None,
                format!("cannot read {} ({e})", path.display()),
            )]
        })?;
        Self::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let config: Result<Config, _> = errors::read_all(text);
        // The checks of values run even when other keys have errors, on what the file
        // says, so that a user sees every mistake at once.
        let table: toml::Table = toml::from_str(text).unwrap_or_default();
        let mut found = match &config {
            Ok(_) => Vec::new(),
            Err(errors) => errors.clone(),
        };
        for key in ["paginate_by", "max_topics"] {
            if table.get(key).and_then(toml::Value::as_integer) == Some(0) {
                found.push(Diagnostic::new(
                    CONFIG_FILE,
                    find_key_line(text, key),
                    format!("{key}: must be at least 1"),
                ));
            }
        }
        if table
            .get("card_authors")
            .and_then(toml::Value::as_integer)
            .is_some_and(|n| (0..2).contains(&n))
        {
            found.push(Diagnostic::new(
                CONFIG_FILE,
                find_key_line(text, "card_authors"),
                "card_authors: must be at least 2 (a shortened list names the first author and the last)",
            ));
        }
        let urls_per_file = table
            .get("sitemap")
            .and_then(|t| t.get("urls_per_file"))
            .and_then(toml::Value::as_integer)
            // A negative number is already a type error.
            .filter(|n| *n >= 0);
        if let Some(message) = urls_per_file.and_then(sharing::urls_per_file_error) {
            found.push(Diagnostic::new(
                CONFIG_FILE,
                find_key_line(text, "urls_per_file"),
                message,
            ));
        }
        if let Some(url) = table.get("base_url").and_then(toml::Value::as_str)
            && let Err(msg) = checked_base_url(url.trim()).map_err(|why| base_url_error(url, why))
        {
            found.push(Diagnostic::new(
                CONFIG_FILE,
                find_key_line(text, "base_url"),
                msg,
            ));
        }
        if let Ok(config) = &config {
            let m = &config.markdown;
            for (key, name) in [
                ("highlight_theme", &m.highlight_theme),
                ("highlight_theme_dark", &m.highlight_theme_dark),
            ] {
                if let Err(message) = crate::markdown::highlight::known_theme(name) {
                    found.push(Diagnostic::new(
                        CONFIG_FILE,
                        find_key_line(text, key),
                        format!("markdown: {message}"),
                    ));
                }
            }
            for (i, topic) in config.topics.iter().enumerate() {
                if slug::slugify(&topic.name).is_empty() {
                    found.push(Diagnostic::new(
                        CONFIG_FILE,
                        None,
                        format!(
                            "topics[{i}].name: {:?} has no letters or digits to make a URL from",
                            topic.name
                        ),
                    ));
                }
            }
        }
        match config {
            Ok(mut config) if found.is_empty() => {
                let url = config.base_url.clone();
                config
                    .set_base_url(&url)
                    .expect("the base URL was checked above");
                Ok(config)
            }
            _ => {
                found.sort_by_key(|e| e.line);
                found.dedup();
                Err(found)
            }
        }
    }

    /// Sets the base URL (from `site.toml` or `--base-url`), normalised to end with `/`.
    /// It must be an absolute `http(s)` URL with a host, and a path without empty
    /// segments, query or fragment: a published page links its stylesheet from it, so
    /// `https://owner.github.io//` would send readers to another host (`//style.css`).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        self.base_url = checked_base_url(url.trim()).map_err(|why| base_url_error(url, why))?;
        Ok(())
    }

    /// The path part of the base URL (`/` or `/digest/`): where the site lives on its host.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    }
}

/// The error for a folder without `site.toml`: not a site, and what to do.
pub fn not_a_site(root: &Path) -> Diagnostic {
    let shown = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let absolute = std::path::absolute(shown).unwrap_or_else(|_| shown.to_path_buf());
    Diagnostic::new(
        CONFIG_FILE,
        None,
        format!(
            "not found in {}, so this is not a paperpress site: run paperpress in a site's folder, pass --root DIR, or start one with `paperpress init DIR`",
            absolute.display()
        ),
    )
}

/// What is wrong with a base URL, and how to write one.
fn base_url_error(url: &str, why: &str) -> String {
    format!(
        "base_url: {why}, found {url:?}; write it as \"https://owner.github.io/\" or, under a path, \"https://owner.github.io/digest/\""
    )
}

/// The base URL normalised to end with `/`, or what is wrong with it.
fn checked_base_url(url: &str) -> Result<String, &'static str> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err("expected an absolute URL starting with https:// or http://");
    };
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return Err("expected an http or https URL");
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.is_empty() {
        return Err("the URL has no host");
    }
    if url.contains('?') || url.contains('#') {
        return Err("a base URL has no query (?) or fragment (#)");
    }
    if path.contains("//") {
        return Err("its path has an empty segment (//)");
    }
    if path
        .split('/')
        .any(|segment| segment == "." || segment == "..")
    {
        return Err("its path has a `.` or `..` segment");
    }
    let bad_escape = path
        .split('%')
        .skip(1)
        .any(|after| after.len() < 2 || !after.as_bytes()[..2].iter().all(u8::is_ascii_hexdigit));
    if bad_escape {
        return Err("its path has a % not followed by two hex digits");
    }
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host);
    if host.starts_with('.') || host.ends_with("..") || host.contains("..") {
        return Err("its host has an empty label (..)");
    }
    let parsed = url::Url::parse(url).map_err(|_| "not a valid URL")?;
    if parsed.host_str().is_none_or(str::is_empty) || !parsed.username().is_empty() {
        return Err("the URL has no usable host");
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "\"<>\\".contains(c))
    {
        return Err("a URL has no spaces, quotes, angle brackets or backslashes");
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// 1-based line number of a byte offset.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// A TOML file that does not parse: the line where it stops being TOML, and what is wrong,
/// worded the same for `site.toml` and a theme's `theme.toml`.
pub fn toml_syntax_error(text: &str, e: &toml::de::Error) -> (Option<usize>, String) {
    let line = e.span().map(|s| line_of_offset(text, s.start));
    (line, format!("not valid TOML: {}", e.message().trim()))
}

/// 1-based line of a top-level `key = ...` in TOML text, for pointing errors at it.
pub fn find_key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_base_path() {
        let c = Config::parse("title = \"T\"\nbase_url = \"https://u.github.io/digest\"").unwrap();
        assert_eq!(c.base_url, "https://u.github.io/digest/");
        assert_eq!(c.base_path(), "/digest/");
        assert_eq!(c.paginate_by, 20);
        let c = Config::parse("base_url = \"https://example.org\"").unwrap();
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn errors_name_the_line() {
        let err = Config::parse("title = \"x\"\npaginate_by = 0\n").unwrap_err();
        assert_eq!(
            err[0].to_string(),
            "site.toml:2: paginate_by: must be at least 1"
        );
        let err = Config::parse("title = \"x\"\nbase_url = \"example.org\"\n").unwrap_err();
        assert!(
            err[0]
                .to_string()
                .starts_with("site.toml:2: base_url: expected")
        );
        for (bad, why) in [
            ("https://owner.github.io//", "empty segment"),
            ("https:///", "no host"),
            ("owner.github.io/digest", "starting with https://"),
            ("ftp://example.org/", "http or https"),
            ("https://example.org/a//b/", "empty segment"),
            ("https://example.org/?x=1", "query"),
            ("https://example.org/#top", "fragment"),
            ("https://user@example.org/", "usable host"),
            ("https://owner.github.io/digest/../", "`..` segment"),
            ("https://a..b/", "empty label"),
            ("https://.../", "empty label"),
            ("https://owner.github.io/%zz/", "two hex digits"),
        ] {
            let err = Config::parse(&format!("base_url = {bad:?}\n")).unwrap_err();
            assert!(err[0].message.contains(why), "{bad}: {}", err[0]);
            assert_eq!(err[0].line, Some(1));
        }
        let err = Config::parse("title = \n").unwrap_err();
        assert_eq!(err[0].line, Some(1));
        let err = Config::parse("bogus = 1\n").unwrap_err();
        assert!(err[0].message.contains("bogus"), "{}", err[0]);
    }
}
