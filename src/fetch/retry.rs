//! When to try a failed call again: exponential backoff, or the wait the server asks for
//! in `Retry-After` (seconds or an HTTP date), but never longer than `LONGEST_WAIT`, so a
//! scheduled job fails with a message instead of hanging for hours.

use std::time::{Duration, SystemTime};

/// The longest paperpress waits before trying again.
pub const LONGEST_WAIT: Duration = Duration::from_secs(120);

/// The wait before attempt `failed + 1`, after `failed` failures: 1 s, 2 s, 4 s, ...
pub fn backoff(failed: u32) -> Duration {
    Duration::from_secs(1 << failed.saturating_sub(1).min(6))
}

/// The wait a `Retry-After` value asks for, from `now`. `None` when it is neither a
/// number of seconds nor an HTTP date. A date in the past asks for no wait.
pub fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Seconds as people read them: `1 s`, `0.5 s`, `90 s`.
pub fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s:.1} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_stops_growing() {
        let waits: Vec<u64> = (1..=4).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8]);
        assert_eq!(backoff(40), Duration::from_secs(64));
    }

    #[test]
    fn retry_after_in_seconds_or_as_any_http_date() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(retry_after(" 7 ", now), Some(Duration::from_secs(7)));
        // The three date forms HTTP allows.
        for later in [
            "Sun, 06 Nov 1994 08:50:07 GMT",
            "Sunday, 06-Nov-94 08:50:07 GMT",
            "Sun Nov  6 08:50:07 1994",
        ] {
            assert_eq!(
                retry_after(later, now),
                Some(Duration::from_secs(30)),
                "{later}"
            );
        }
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
        assert_eq!(retry_after("-5", now), None);
    }

    #[test]
    fn seconds_read_naturally() {
        assert_eq!(seconds(Duration::from_secs(3)), "3 s");
        assert_eq!(seconds(Duration::from_millis(500)), "0.5 s");
    }
}
