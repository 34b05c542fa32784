//! Live reload: what an open browser learns after each build.
//!
//! `serve` adds a small script to every HTML page it sends (never to the files on disk,
//! and never in `build`). The script long-polls `/__paperpress/events`: the answer comes
//! as soon as a build finishes, and says which output files changed (the page reloads
//! if it is one of them; stylesheets are swapped in place) or which errors the build
//! found (shown over the page until a good save clears them).

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::diagnostics::Diagnostic;

pub const SCRIPT: &str = include_str!("live.js");
pub const SCRIPT_PATH: &str = "/__paperpress/live.js";
pub const EVENTS_PATH: &str = "/__paperpress/events";

/// Builds remembered for browsers that are a few builds behind.
const HISTORY: usize = 32;
/// More changed files than this and the browser simply reloads.
const MAX_LISTED: usize = 2000;

#[derive(Default)]
pub struct Live {
    state: Mutex<State>,
    news: Condvar,
}

#[derive(Default)]
struct State {
    generation: u64,
    /// Whether a build has succeeded yet (else there is no "last good build" to show).
    built: bool,
    errors: Vec<ShownError>,
    /// The files each recent build changed (`None`: too many to list).
    history: VecDeque<(u64, Option<Vec<String>>)>,
}

#[derive(Clone, Serialize)]
struct ShownError {
    file: String,
    line: Option<usize>,
    message: String,
}

/// What the browser receives.
#[derive(Serialize)]
struct Event<'a> {
    generation: u64,
    built: bool,
    errors: &'a [ShownError],
    /// Output files changed since the browser's generation; `null` means "reload".
    changed: Option<Vec<String>>,
}

impl Live {
    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panicked handler thread cannot leave the state half-written: every update is
        // a few plain assignments. Keep serving.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A build succeeded and changed these output files.
    pub fn built<'a>(&self, files: impl IntoIterator<Item = &'a str>) {
        let files: Vec<String> = files.into_iter().map(str::to_string).collect();
        let listed = (files.len() <= MAX_LISTED).then_some(files);
        self.lock().built = true;
        self.publish(Vec::new(), listed);
    }

    /// A build failed with these errors.
    pub fn failed(&self, errors: &[Diagnostic]) {
        let shown = errors
            .iter()
            .map(|e| ShownError {
                file: e.file.to_string_lossy().replace('\\', "/"),
                line: e.line,
                message: e.message.clone(),
            })
            .collect();
        self.publish(shown, Some(Vec::new()));
    }

    fn publish(&self, errors: Vec<ShownError>, changed: Option<Vec<String>>) {
        let mut state = self.lock();
        state.generation += 1;
        state.errors = errors;
        let generation = state.generation;
        state.history.push_back((generation, changed));
        if state.history.len() > HISTORY {
            state.history.pop_front();
        }
        drop(state);
        self.news.notify_all();
    }

    /// Waits (at most `timeout`) for a build after `since`, then answers with JSON. The
    /// first request of a page (`initial`) is answered at once when the site has errors,
    /// so that a page opened during a broken build shows them.
    pub fn wait(&self, since: u64, initial: bool, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        let mut state = self.lock();
        // A generation from the future comes from a page of an earlier server: reload it.
        let news = |s: &State| s.generation != since || (initial && !s.errors.is_empty());
        while !news(&state) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            state = self
                .news
                .wait_timeout(state, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        let changed = if since > state.generation {
            None
        } else {
            changed_since(&state.history, since)
        };
        let event = Event {
            generation: state.generation,
            built: state.built,
            errors: &state.errors,
            changed,
        };
        serde_json::to_string(&event).expect("the event serializes")
    }
}

/// The output files changed by the builds after `since`, if all of them are remembered
/// and listed.
fn changed_since(
    history: &VecDeque<(u64, Option<Vec<String>>)>,
    since: u64,
) -> Option<Vec<String>> {
    let oldest_remembered = history.front().map_or(u64::MAX, |(g, _)| *g);
    let newest = history.back().map_or(0, |(g, _)| *g);
    if since < newest && since + 1 < oldest_remembered {
        return None;
    }
    let mut files: Vec<String> = Vec::new();
    for (_, changed) in history.iter().filter(|(g, _)| *g > since) {
        files.extend(changed.as_ref()?.iter().cloned());
    }
    files.sort();
    files.dedup();
    Some(files)
}

/// Adds the live-reload script to an HTML page (before `</body>`, or at the end).
pub fn inject(html: &str, generation: u64) -> String {
    let tag = format!(
        "<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\" data-events=\"{EVENTS_PATH}\"></script>"
    );
    match html.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &html[..at], &html[at..]),
        None => format!("{html}{tag}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(json: &str) -> serde_json::Value {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_browser_learns_what_changed_since_its_page() {
        let live = Live::default();
        live.built(["index.html", "style.css"]);
        live.built(["papers/a/index.html"]);
        let e = event(&live.wait(0, false, Duration::ZERO));
        assert_eq!(e["generation"], 2);
        assert_eq!(
            e["changed"],
            serde_json::json!(["index.html", "papers/a/index.html", "style.css"])
        );
        let e = event(&live.wait(1, false, Duration::ZERO));
        assert_eq!(e["changed"], serde_json::json!(["papers/a/index.html"]));
        let e = event(&live.wait(2, false, Duration::ZERO));
        assert_eq!(
            e["changed"],
            serde_json::json!([]),
            "nothing new: the poll times out"
        );
    }

    #[test]
    fn errors_are_shown_at_once_and_cleared_by_a_good_build() {
        let live = Live::default();
        live.failed(&[Diagnostic::new("content/papers/a.md", Some(3), "date: bad")]);
        let g = live.generation();
        let e = event(&live.wait(g, true, Duration::from_secs(5)));
        assert_eq!(e["errors"][0]["file"], "content/papers/a.md");
        assert_eq!(e["errors"][0]["line"], 3);
        live.built(["papers/a/index.html"]);
        let e = event(&live.wait(g, false, Duration::ZERO));
        assert_eq!(e["errors"], serde_json::json!([]));
        assert_eq!(e["changed"], serde_json::json!(["papers/a/index.html"]));
    }

    #[test]
    fn a_browser_too_far_behind_reloads() {
        let live = Live::default();
        for _ in 0..HISTORY + 2 {
            live.built(["index.html"]);
        }
        assert_eq!(
            event(&live.wait(0, false, Duration::ZERO))["changed"],
            serde_json::Value::Null
        );
        let many: Vec<String> = (0..=MAX_LISTED).map(|i| format!("p{i}.html")).collect();
        let g = live.generation();
        live.built(many.iter().map(String::as_str));
        assert_eq!(
            event(&live.wait(g, false, Duration::ZERO))["changed"],
            serde_json::Value::Null
        );
    }

    #[test]
    fn a_page_of_an_earlier_server_reloads_at_once() {
        let live = Live::default();
        live.built(["index.html"]);
        let e = event(&live.wait(40, false, Duration::from_secs(30)));
        assert_eq!(e["changed"], serde_json::Value::Null);
    }

    #[test]
    fn a_waiting_browser_wakes_up_when_a_build_finishes() {
        let live = std::sync::Arc::new(Live::default());
        let waiter = {
            let live = live.clone();
            std::thread::spawn(move || live.wait(0, false, Duration::from_secs(30)))
        };
        std::thread::sleep(Duration::from_millis(50));
        live.built(["index.html"]);
        let e = event(&waiter.join().unwrap());
        assert_eq!(e["changed"], serde_json::json!(["index.html"]));
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let page = inject("<html><body><p>x</p></body></html>", 7);
        assert!(page.ends_with("data-events=\"/__paperpress/events\"></script></body></html>"));
        assert!(page.contains("data-generation=\"7\""));
        assert!(inject("<p>no body</p>", 1).starts_with("<p>no body</p><script"));
    }
}
