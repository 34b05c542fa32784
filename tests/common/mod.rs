//! Helpers for end-to-end tests: make a site in a temp folder, run the real binary on
//! it, and read what a reader (or a link checker) would see.

#![allow(dead_code)] // each test file uses a different subset

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

pub mod running;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `paperpress` with these arguments.
pub fn paperpress(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_paperpress"))
        .args(args)
        .output()
        .expect("the paperpress binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `paperpress build --root ROOT --output OUTPUT EXTRA...`.
pub fn run_build(root: &Path, output: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    paperpress(&args)
}

/// Builds a site, panicking with paperpress's own messages if it fails.
pub fn build(root: &Path, output: &Path, extra: &[&str]) -> Output {
    let out = run_build(root, output, extra);
    assert!(
        out.status.success(),
        "build failed:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    out
}

/// Runs a build that must fail, and returns what it printed on standard error (never a
/// panic).
pub fn build_fails(root: &Path, output: &Path, extra: &[&str]) -> String {
    let run = run_build(root, output, extra);
    let err = stderr(&run);
    assert!(!run.status.success(), "the build should fail:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// What a `Session` over the site in `root` is opened with: output in `root/output`.
pub fn session_options(root: &Path) -> paperpress::pipeline::BuildOptions {
    paperpress::pipeline::BuildOptions {
        root: root.to_path_buf(),
        output: root.join("output"),
        base_url: None,
        include_drafts: false,
    }
}

/// A site in a temp folder: `site.toml` plus the given files (path → text).
pub fn site(site_toml: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "site.toml", site_toml);
    std::fs::create_dir_all(dir.path().join("content/papers")).unwrap();
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

pub fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A paper entry in TOML front matter.
pub fn paper(title: &str, date: &str, extra_fields: &str, body: &str) -> String {
    format!("+++\ntitle = {title:?}\ndate = {date}\n{extra_fields}\n+++\n\n{body}\n")
}

pub fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every file below `dir`, relative path → bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn html_files(dir: &Path) -> Vec<String> {
    snapshot(dir)
        .into_keys()
        .filter(|k| k.ends_with(".html"))
        .collect()
}

/// The site's HTML pages: every HTML file but the days' email digests, which are mails
/// read away from the site (no `<head>` links, no stylesheet, no metadata).
pub fn page_files(dir: &Path) -> Vec<String> {
    html_files(dir)
        .into_iter()
        .filter(|k| !k.ends_with("/email.html"))
        .collect()
}

pub fn parse(html: &str) -> Html {
    Html::parse_document(html)
}

/// Text of every element matching `selector`.
pub fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = parse(html);
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Values of `attr` on every element matching `selector`.
pub fn attrs(html: &str, selector: &str, attr: &str) -> Vec<String> {
    let doc = parse(html);
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Resolves a link found in output page `page` (relative to the output root) to the file
/// a static host would serve, or `None` for links to other sites. `base_path` is where the
/// site lives on its host (`/` or `/digest/`), for links that start with `/`.
pub fn resolve(page: &str, href: &str, base_path: &str) -> Option<String> {
    let href = href.split(['#', '?']).next().unwrap();
    if href.is_empty() || href.starts_with("mailto:") {
        return Some(page.to_string());
    }
    if href.contains("://") || href.starts_with("//") {
        return None;
    }
    let mut parts: Vec<&str> = if let Some(abs) = href.strip_prefix('/') {
        let base = base_path.trim_matches('/');
        let rest = abs
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{page}: {href} is outside the base path {base_path}"));
        rest.split('/').collect()
    } else {
        let mut dir: Vec<&str> = page.split('/').collect();
        dir.pop();
        dir.extend(href.split('/'));
        dir
    };
    let mut resolved: Vec<&str> = Vec::new();
    for part in parts.drain(..) {
        match part {
            "" | "." => {}
            ".." => {
                assert!(
                    resolved.pop().is_some(),
                    "{page}: {href} climbs above the site root"
                );
            }
            p => resolved.push(p),
        }
    }
    let mut path = resolved.join("/");
    if href.ends_with('/') || path.is_empty() {
        path = if path.is_empty() {
            "index.html".into()
        } else {
            format!("{path}/index.html")
        };
    }
    Some(path)
}
