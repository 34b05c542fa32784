//! HTTP for `fetch`: one `ureq` agent (rustls, no OpenSSL) with a User-Agent naming
//! paperpress, connect and read timeouts, a least interval between calls, and retries
//! with backoff on connection errors, timeouts, cut-off replies, 429 and 5xx.
//!
//! A reply is only accepted whole and as the kind of text the source sends: a body
//! shorter than its `Content-Length` or a broken chunked body is a failure, and so is an
//! HTML page (an error page served with 200) where JSON or XML is expected.

use std::time::{Duration, Instant, SystemTime};

use ureq::http::StatusCode;

use super::retry::{self, LONGEST_WAIT};
use crate::diagnostics::Diagnostic;

/// Sent with every call, so the source knows who is asking.
pub const USER_AGENT: &str = concat!(
    "paperpress/",
    env!("CARGO_PKG_VERSION"),
    " (static site generator for paper digests)"
);

/// The largest reply read, far above a page of any source.
const LARGEST_BODY: u64 = 64 * 1024 * 1024;

/// What a source sends; anything else is an error page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    Xml,
}

impl BodyKind {
    /// The cache file extension.
    pub fn extension(self) -> &'static str {
        match self {
            BodyKind::Json => "json",
            BodyKind::Xml => "xml",
        }
    }

    fn name(self) -> &'static str {
        match self {
            BodyKind::Json => "JSON",
            BodyKind::Xml => "XML",
        }
    }
}

pub struct HttpOptions {
    /// Longest wait to connect, for a reply to start, and between two reads of it.
    pub timeout: Duration,
    /// How many times a failed call is tried again.
    pub retries: u32,
    /// Least time from the end of one call to the start of the next (arXiv asks for 3 s).
    pub delay: Duration,
}

pub struct Client {
    agent: ureq::Agent,
    options: HttpOptions,
    /// When the last call ended.
    last_call: Option<Instant>,
}

/// Why one attempt failed.
enum Failure {
    /// Worth another try, perhaps after the wait the server asked for.
    Passing {
        reason: String,
        retry_after: Option<Duration>,
    },
    /// Trying again would get the same answer.
    Final(String),
}

impl Client {
    pub fn new(options: HttpOptions) -> Client {
        let timeout = Some(options.timeout);
        let config = ureq::Agent::config_builder()
            .user_agent(USER_AGENT)
            .http_status_as_error(false)
            .timeout_resolve(timeout)
            .timeout_connect(timeout)
            .timeout_send_request(timeout)
            .timeout_recv_response(timeout)
            .timeout_per_read(timeout)
            // A server that drips its reply a byte at a time never trips the per-read
            // timeout: a whole call gets ten times the timeout, and no more.
            .timeout_global(Some(options.timeout.saturating_mul(10)))
            .build();
        Client {
            agent: ureq::Agent::new_with_config(config),
            options,
            last_call: None,
        }
    }

    /// The body at `url`, as text of the `expected` kind. Failures are retried as
    /// `HttpOptions` says; the error names the URL and the reason.
    pub fn get(&mut self, url: &str, expected: BodyKind) -> Result<String, Diagnostic> {
        let attempts = self.options.retries.saturating_add(1);
        let mut failed = 0;
        loop {
            self.wait_for_turn();
            let attempt = self.attempt(url, expected);
            self.last_call = Some(Instant::now());
            let failure = match attempt {
                Ok(body) => return Ok(body),
                Err(failure) => failure,
            };
            failed += 1;
            let (reason, asked) = match failure {
                Failure::Final(reason) => return Err(Diagnostic::new(url, None, reason)),
                Failure::Passing {
                    reason,
                    retry_after,
                } => (reason, retry_after),
            };
            if failed >= attempts {
                let tries = if attempts == 1 {
                    "1 attempt".to_string()
                } else {
                    format!("{attempts} attempts")
                };
                return Err(Diagnostic::new(
                    url,
                    None,
                    format!("{reason} (gave up after {tries})"),
                ));
            }
            if let Some(asked) = asked.filter(|w| *w > LONGEST_WAIT) {
                return Err(Diagnostic::new(
                    url,
                    None,
                    format!(
                        "{reason}; the server asks to wait {} before trying again, longer than paperpress waits ({}): run it again later",
                        retry::seconds(asked),
                        retry::seconds(LONGEST_WAIT)
                    ),
                ));
            }
            let wait = asked.unwrap_or_else(|| retry::backoff(failed));
            eprintln!(
                "note: {url}: {reason}; trying again in {} (attempt {} of {attempts})",
                retry::seconds(wait),
                failed + 1
            );
            std::thread::sleep(wait);
        }
    }

    /// Sleeps until `delay` has passed since the last call ended.
    fn wait_for_turn(&self) {
        if let Some(last) = self.last_call {
            let due = last + self.options.delay;
            let now = Instant::now();
            if due > now {
                std::thread::sleep(due - now);
            }
        }
    }

    fn attempt(&self, url: &str, expected: BodyKind) -> Result<String, Failure> {
        let mut response = self.agent.get(url).call().map_err(call_failure)?;
        let status = response.status();
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| retry::retry_after(v, SystemTime::now()));
            return Err(Failure::Passing {
                reason: format!("HTTP {status}"),
                retry_after,
            });
        }
        if !status.is_success() {
            let excerpt = response
                .body_mut()
                .with_config()
                .limit(4096)
                .lossy_utf8(true)
                .read_to_string()
                .map(|text| excerpt(&text))
                .unwrap_or_default();
            return Err(Failure::Final(format!("HTTP {status}{excerpt}")));
        }
        let html_type = response
            .body()
            .mime_type()
            .is_some_and(|m| m.eq_ignore_ascii_case("text/html"));
        let bytes = response
            .body_mut()
            .with_config()
            .limit(LARGEST_BODY)
            .read_to_vec()
            .map_err(body_failure)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Failure::Final(format!(
                "the reply is not UTF-8 text (invalid byte at {}), so not {}",
                e.utf8_error().valid_up_to(),
                expected.name()
            ))
        })?;
        if html_type || looks_like_html(&text, expected) {
            return Err(Failure::Final(format!(
                "the reply is an HTML page, not {}: an error page?{}",
                expected.name(),
                excerpt(&text)
            )));
        }
        Ok(text)
    }
}

/// A failed call: no connection, no reply in time, or a broken reply.
fn call_failure(e: ureq::Error) -> Failure {
    let passing = |reason: String| Failure::Passing {
        reason,
        retry_after: None,
    };
    match e {
        ureq::Error::Timeout(t) => passing(format!("no reply in time ({t} timeout)")),
        ureq::Error::Io(e) => passing(format!("the connection failed: {e}")),
        ureq::Error::HostNotFound => passing("host not found".into()),
        ureq::Error::ConnectionFailed => passing("the connection failed".into()),
        ureq::Error::Protocol(e) => passing(format!("the reply is not valid HTTP: {e}")),
        ureq::Error::BadUri(e) => Failure::Final(format!("not a URL paperpress can call: {e}")),
        other => Failure::Final(other.to_string()),
    }
}

/// A body that could not be read whole: cut off, or stalled.
fn body_failure(e: ureq::Error) -> Failure {
    match e {
        ureq::Error::BodyExceedsLimit(limit) => Failure::Final(format!(
            "the reply is larger than {} MB, far more than a source sends",
            limit / (1024 * 1024)
        )),
        ureq::Error::Timeout(t) => Failure::Passing {
            reason: format!("the reply stalled ({t} timeout)"),
            retry_after: None,
        },
        other => Failure::Passing {
            reason: format!("the reply was cut off before its end ({other})"),
            retry_after: None,
        },
    }
}

/// Whether a body that should be JSON or XML starts like an HTML page.
fn looks_like_html(text: &str, expected: BodyKind) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let head = start.get(..start.len().min(64)).unwrap_or(start);
    let head = head.to_ascii_lowercase();
    match expected {
        BodyKind::Json => head.starts_with('<'),
        BodyKind::Xml => head.starts_with("<!doctype html") || head.starts_with("<html"),
    }
}

/// The start of a reply's text, on one line, for a message: `: "..."`.
fn excerpt(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        return String::new();
    }
    let short: String = line.chars().take(160).collect();
    let more = if short.len() < line.len() { "..." } else { "" };
    format!(": {short:?}{more}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_told_from_json_and_xml() {
        let page = "\n  <!DOCTYPE html><html><title>502 Bad Gateway</title>";
        assert!(looks_like_html(page, BodyKind::Json));
        assert!(looks_like_html(page, BodyKind::Xml));
        assert!(looks_like_html("<HTML>", BodyKind::Xml));
        assert!(!looks_like_html(
            "<?xml version=\"1.0\"?><feed/>",
            BodyKind::Xml
        ));
        assert!(!looks_like_html("[]", BodyKind::Json));
        assert!(looks_like_html("<?xml?>", BodyKind::Json));
    }

    #[test]
    fn excerpts_are_one_short_line() {
        assert_eq!(
            excerpt("  <h1>Bad\n Gateway</h1> "),
            ": \"<h1>Bad Gateway</h1>\""
        );
        assert_eq!(excerpt("  "), "");
        assert!(excerpt(&"x".repeat(500)).ends_with("\"..."));
    }
}
