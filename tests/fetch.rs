//! `paperpress fetch` against a local server that replays recorded replies and misbehaves
//! on purpose: empty days, server errors, rate limits, cut-off and stalled replies, HTML
//! error pages, arXiv error entries and pagination. No test touches the internet.

mod common;
#[path = "fetch/server.rs"]
mod server;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::*;
use server::{Reply, Server, closed_port_url};

const DAY: &str = "2026-08-03";

fn hf_sample() -> Vec<u8> {
    std::fs::read(repo_root().join("tests/fixtures/fetch/hf_daily_papers_2026-08-03.json")).unwrap()
}

fn import_fixture(name: &str) -> String {
    read(&repo_root().join("tests/fixtures/import"), name)
}

/// `paperpress fetch SOURCE ARGS... --root ROOT --endpoint URL`, with `--delay 0` unless
/// the test gives one.
fn fetch(root: &Path, endpoint: &str, args: &[&str]) -> Output {
    let mut all: Vec<&str> = vec!["fetch"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", root.to_str().unwrap(), "--endpoint", endpoint]);
    if !args.contains(&"--delay") {
        all.extend_from_slice(&["--delay", "0"]);
    }
    paperpress(&all)
}

fn hf_daily(root: &Path, server: &Server, extra: &[&str]) -> Output {
    let endpoint = format!("{}/api/daily_papers", server.base);
    let mut args = vec!["hf-daily", "--date", DAY];
    args.extend_from_slice(extra);
    fetch(root, &endpoint, &args)
}

fn entries(root: &Path) -> Vec<String> {
    snapshot(&root.join("content/papers")).into_keys().collect()
}

fn cache_files(root: &Path, source: &str) -> Vec<String> {
    snapshot(&root.join(".paperpress/cache").join(source))
        .into_keys()
        .collect()
}

/// The run failed, said why naming the URL, and wrote neither entries nor cache files.
fn assert_failed_and_wrote_nothing(run: &Output, root: &Path, url: &str, reason: &str) {
    let err = stderr(run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("error: ") && l.contains(url) && l.contains(reason)),
        "no error naming {url} and {reason:?}:\n{err}"
    );
    assert!(err.contains("Nothing was written."), "{err}");
    assert!(entries(root).is_empty(), "entries written on failure");
    assert!(
        !root.join(".paperpress").exists(),
        "the cache was written on failure"
    );
}

#[test]
fn a_day_of_hugging_face_papers_is_written_cached_and_replays_with_import() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![Reply::json(&hf_sample())]);
    let run = hf_daily(dir.path(), &server, &["--topic", "Daily"]);
    assert!(run.status.success(), "{}", stderr(&run));

    let received = server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].target, "/api/daily_papers?date=2026-08-03");
    let agent = received[0].header("user-agent").unwrap();
    assert!(
        agent.starts_with(&format!("paperpress/{} ", env!("CARGO_PKG_VERSION"))),
        "{agent}"
    );

    let printed = stdout(&run);
    assert!(
        printed.contains("imported 3 papers: 3 new, 0 updated, 0 unchanged, 0 skipped"),
        "{printed}"
    );
    assert_eq!(
        entries(dir.path()),
        [
            "2026-08-03/beyond-feeling-better-capability-sustaining-emotional-dialogue-as-a-longitudinal.md",
            "2026-08-03/constitutional-midtraining-content-presence-drives-alignment-gains.md",
            "2026-08-03/embl-ai-librarian-life-sciences-knowledge-layer-for-ai-agents.md",
        ]
    );
    let entry = read(
        dir.path(),
        "content/papers/2026-08-03/embl-ai-librarian-life-sciences-knowledge-layer-for-ai-agents.md",
    );
    for field in [
        "date = 2026-08-03",
        "arxiv = \"2607.28229\"",
        "upvotes = 4",
        "topics = [\"Daily\"]",
    ] {
        assert!(entry.contains(field), "{field} missing:\n{entry}");
    }

    // The reply is cached as it came, under the day's name.
    assert_eq!(cache_files(dir.path(), "hf-daily"), ["2026-08-03.json"]);
    let cached = dir
        .path()
        .join(".paperpress/cache/hf-daily/2026-08-03.json");
    assert_eq!(std::fs::read(&cached).unwrap(), hf_sample());
    assert!(
        stderr(&run).contains(
            "saved .paperpress/cache/hf-daily/2026-08-03.json (paperpress import hf-json reads it)"
        ),
        "{}",
        stderr(&run)
    );

    // Replayed offline with `import`, it writes the same entries.
    let replay = site("title = \"T\"\n", &[]);
    let run = paperpress(&[
        "import",
        "hf-json",
        cached.to_str().unwrap(),
        "--date",
        DAY,
        "--topic",
        "Daily",
        "--root",
        replay.path().to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        snapshot(&replay.path().join("content")),
        snapshot(&dir.path().join("content"))
    );

    // The entries build.
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let page = read(
        &out,
        "papers/embl-ai-librarian-life-sciences-knowledge-layer-for-ai-agents/index.html",
    );
    assert_eq!(
        texts(&page, "h1"),
        ["EMBL AI Librarian: Life-Sciences Knowledge Layer for AI Agents"]
    );
}

#[test]
fn a_day_without_papers_exits_0_says_so_and_writes_no_entry() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![Reply::json(b"[]")]);
    let run = hf_daily(dir.path(), &server, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("no papers: the Hugging Face daily page of 2026-08-03 lists none"),
        "{}",
        stdout(&run)
    );
    assert!(entries(dir.path()).is_empty());
    assert_eq!(cache_files(dir.path(), "hf-daily"), ["2026-08-03.json"]);
}

#[test]
fn a_server_error_is_tried_again_after_a_pause() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![
        Reply::new("500 Internal Server Error", &[], b"oops"),
        Reply::json(&hf_sample()),
    ]);
    let run = hf_daily(dir.path(), &server, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let received = server.received();
    assert_eq!(received.len(), 2);
    assert!(received[1].at - received[0].at >= Duration::from_secs(1));
    assert!(
        stderr(&run)
            .contains("HTTP 500 Internal Server Error; trying again in 1 s (attempt 2 of 4)"),
        "{}",
        stderr(&run)
    );
    assert_eq!(entries(dir.path()).len(), 3);
}

#[test]
fn too_many_requests_waits_as_long_as_retry_after_asks() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![
        Reply::new("429 Too Many Requests", &[("Retry-After", "2")], b""),
        Reply::json(&hf_sample()),
    ]);
    let run = hf_daily(dir.path(), &server, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let received = server.received();
    assert_eq!(received.len(), 2);
    // Longer than the first backoff step (1 s): the server's wait was the one honoured.
    assert!(received[1].at - received[0].at >= Duration::from_secs(2));
    assert!(
        stderr(&run).contains("trying again in 2 s"),
        "{}",
        stderr(&run)
    );
    assert_eq!(entries(dir.path()).len(), 3);
}

#[test]
fn a_retry_after_beyond_two_minutes_fails_at_once_instead_of_hanging() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![Reply::new(
        "503 Service Unavailable",
        &[("Retry-After", "3600")],
        b"",
    )]);
    let run = hf_daily(dir.path(), &server, &[]);
    assert_failed_and_wrote_nothing(
        &run,
        dir.path(),
        "/api/daily_papers?date=2026-08-03",
        "the server asks to wait 3600 s before trying again, longer than paperpress waits (120 s): run it again later",
    );
    assert_eq!(server.received().len(), 1);
}

#[test]
fn errors_that_persist_fail_after_the_retries_naming_the_url() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![
        Reply::new("502 Bad Gateway", &[], b""),
        Reply::new("502 Bad Gateway", &[], b""),
    ]);
    let run = hf_daily(dir.path(), &server, &["--retries", "1"]);
    assert_failed_and_wrote_nothing(
        &run,
        dir.path(),
        &format!("{}/api/daily_papers?date=2026-08-03", server.base),
        "HTTP 502 Bad Gateway (gave up after 2 attempts)",
    );
    assert_eq!(server.received().len(), 2);
}

#[test]
fn a_client_error_is_not_tried_again() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![Reply::new(
        "404 Not Found",
        &[("Content-Type", "text/plain")],
        b"no such\n  route",
    )]);
    let run = hf_daily(dir.path(), &server, &[]);
    assert_failed_and_wrote_nothing(
        &run,
        dir.path(),
        "/api/daily_papers?date=2026-08-03",
        "HTTP 404 Not Found: \"no such route\"",
    );
    assert_eq!(server.received().len(), 1);
}

#[test]
fn a_body_shorter_than_its_content_length_is_a_failure() {
    let dir = site("title = \"T\"\n", &[]);
    let sample = hf_sample();
    let cut = |claimed: usize| {
        let mut bytes = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {claimed}\r\n\r\n"
        )
        .into_bytes();
        bytes.extend_from_slice(&sample[..sample.len() / 2]);
        Reply::raw(&bytes)
    };
    let server = Server::start(vec![cut(sample.len()), cut(sample.len())]);
    let run = hf_daily(dir.path(), &server, &["--retries", "1"]);
    assert_failed_and_wrote_nothing(
        &run,
        dir.path(),
        "/api/daily_papers?date=2026-08-03",
        "the reply was cut off before its end",
    );
    assert_eq!(server.received().len(), 2, "a cut-off reply is tried again");
}

#[test]
fn a_chunked_body_cut_off_before_its_last_chunk_is_a_failure() {
    let dir = site("title = \"T\"\n", &[]);
    let sample = hf_sample();
    let mut bytes =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            .to_vec();
    bytes.extend_from_slice(format!("{:x}\r\n", sample.len()).as_bytes());
    bytes.extend_from_slice(&sample);
    bytes.extend_from_slice(b"\r\n");
    // The whole JSON came, but not the closing zero-length chunk: the reply is incomplete.
    let server = Server::start(vec![Reply::raw(&bytes)]);
    let run = hf_daily(dir.path(), &server, &["--retries", "0"]);
    assert_failed_and_wrote_nothing(
        &run,
        dir.path(),
        "/api/daily_papers?date=2026-08-03",
        "the reply was cut off before its end",
    );
}

#[test]
fn an_html_error_page_is_a_failure_whatever_its_status_or_type() {
    let page = b"<!DOCTYPE html>\n<html><head><title>Service maintenance</title></head><body>Back soon</body></html>";
    for reply in [
        Reply::ok("text/html; charset=utf-8", page),
        Reply::json(page),
    ] {
        let dir = site("title = \"T\"\n", &[]);
        let server = Server::start(vec![reply]);
        let run = hf_daily(dir.path(), &server, &[]);
        assert_failed_and_wrote_nothing(
            &run,
            dir.path(),
            "/api/daily_papers?date=2026-08-03",
            "the reply is an HTML page, not JSON: an error page?: \"<!DOCTYPE html> <html><head><title>Service maintenance",
        );
        assert_eq!(server.received().len(), 1, "an error page is not retried");
    }
}

#[test]
fn a_reply_slower_than_the_timeout_is_a_failure() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![
        Reply::json(&hf_sample()).after(Duration::from_secs(5)),
    ]);
    let run = hf_daily(dir.path(), &server, &["--timeout", "0.5", "--retries", "0"]);
    assert_failed_and_wrote_nothing(
        &run,
        dir.path(),
        "/api/daily_papers?date=2026-08-03",
        "no reply in time",
    );
}

#[test]
fn no_server_at_all_is_a_failure_after_the_retries() {
    let dir = site("title = \"T\"\n", &[]);
    let url = closed_port_url();
    let run = fetch(
        dir.path(),
        &url,
        &["hf-daily", "--date", DAY, "--retries", "1"],
    );
    assert_failed_and_wrote_nothing(
        &run,
        dir.path(),
        &format!("{url}?date=2026-08-03"),
        "the connection failed",
    );
    assert!(
        stderr(&run).contains("(attempt 2 of 2)"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn malformed_json_is_a_failure_naming_the_url() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![Reply::json(b"{\"error\": \"Invalid date\"}")]);
    let run = hf_daily(dir.path(), &server, &[]);
    assert_failed_and_wrote_nothing(
        &run,
        dir.path(),
        "/api/daily_papers?date=2026-08-03",
        "not daily-papers JSON but an error from Hugging Face: \"Invalid date\"",
    );
}

#[test]
fn nothing_is_asked_of_the_source_outside_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(vec![Reply::json(&hf_sample())]);
    let run = hf_daily(dir.path(), &server, &[]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("site.toml"), "{}", stderr(&run));
    assert!(server.received().is_empty());
}

#[test]
fn dry_run_writes_neither_entries_nor_cache() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![Reply::json(&hf_sample())]);
    let run = hf_daily(dir.path(), &server, &["--dry-run"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stdout(&run).contains("would import 3 papers: 3 new"));
    assert!(entries(dir.path()).is_empty());
    assert!(!dir.path().join(".paperpress").exists());
}

/// An arXiv API page: `ids` as entries made from the first entry of the recorded
/// old-style response, and `total` as `opensearch:totalResults`.
fn arxiv_page(total: Option<usize>, ids: &[&str]) -> Vec<u8> {
    // (The recorded file has CRLF line ends; the pages made from it have LF.)
    let fixture = import_fixture("arxiv-old-style.xml").replace("\r\n", "\n");
    let start = fixture.find("  <entry").unwrap();
    let end = fixture.find("</entry>").unwrap() + "</entry>\n".len();
    let template = &fixture[start..end];
    let mut page = fixture[..start].to_string();
    page = page.replace(
        "<opensearch:totalResults xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\">2</opensearch:totalResults>\n",
        &total.map_or(String::new(), |t| format!(
            "<opensearch:totalResults xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\">{t}</opensearch:totalResults>\n"
        )),
    );
    for id in ids {
        page.push_str(
            &template
                .replace("2401.01234", id)
                .replace("10.1234/moe.2024.5", &format!("10.1234/{id}"))
                .replace("Sparse Mixtures of Experts for", &format!("Paper {id} on")),
        );
    }
    page.push_str("</feed>\n");
    page.into_bytes()
}

fn arxiv_query(root: &Path, server: &Server, query: &str, extra: &[&str]) -> Output {
    let endpoint = format!("{}/api/query", server.base);
    let mut args = vec!["arxiv-query", query];
    args.extend_from_slice(extra);
    fetch(root, &endpoint, &args)
}

fn arxiv_target(start: usize, count: usize) -> String {
    format!(
        "/api/query?search_query=cat%3Acs.CL&start={start}&max_results={count}&sortBy=submittedDate&sortOrder=descending"
    )
}

#[test]
fn arxiv_pages_are_followed_up_to_max_and_each_is_cached() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![
        Reply::atom(&arxiv_page(Some(40), &["2401.00001", "2401.00002"])),
        Reply::atom(&arxiv_page(Some(40), &["2401.00003", "2401.00004"])),
        Reply::atom(&arxiv_page(Some(40), &["2401.00005"])),
    ]);
    let run = arxiv_query(
        dir.path(),
        &server,
        "cat:cs.CL",
        &["--max", "5", "--page-size", "2"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        server.targets(),
        [arxiv_target(0, 2), arxiv_target(2, 2), arxiv_target(4, 1)]
    );
    assert!(
        stdout(&run).contains("imported 5 papers: 5 new"),
        "{}",
        stdout(&run)
    );
    assert_eq!(entries(dir.path()).len(), 5);
    let entry = read(
        dir.path(),
        "content/papers/2024-01-03/paper-2401-00005-on-o-log-n-routing-in-multilingual-models-etude-de-cas.md",
    );
    assert!(entry.contains("arxiv = \"2401.00005v2\""), "{entry}");

    let cached = cache_files(dir.path(), "arxiv-query");
    assert_eq!(cached.len(), 3, "{cached:?}");
    for (file, start) in cached.iter().zip(["00000", "00002", "00004"]) {
        // <fetch time, UTC>-<query>-<start>.xml; one run shares its time.
        let (time, rest) = file.split_at(18);
        assert!(
            chrono::NaiveDateTime::parse_from_str(time, "%Y-%m-%dT%H%M%SZ").is_ok(),
            "{file}"
        );
        assert_eq!(rest, format!("-cat-cs-cl-{start}.xml"));
        assert_eq!(&file[..18], &cached[0][..18]);
    }
}

#[test]
fn arxiv_paging_stops_at_the_total_or_an_empty_page() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![
        Reply::atom(&arxiv_page(Some(3), &["2401.00001", "2401.00002"])),
        Reply::atom(&arxiv_page(Some(3), &["2401.00003"])),
    ]);
    let run = arxiv_query(
        dir.path(),
        &server,
        "cat:cs.CL",
        &["--max", "50", "--page-size", "2"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(server.targets(), [arxiv_target(0, 2), arxiv_target(2, 2)]);
    assert_eq!(entries(dir.path()).len(), 3);

    // No total given: an empty page ends it.
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![
        Reply::atom(&arxiv_page(None, &["2401.00001", "2401.00002"])),
        Reply::atom(&arxiv_page(None, &[])),
    ]);
    let run = arxiv_query(
        dir.path(),
        &server,
        "cat:cs.CL",
        &["--max", "50", "--page-size", "2"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(server.targets(), [arxiv_target(0, 2), arxiv_target(2, 2)]);
    assert_eq!(entries(dir.path()).len(), 2);
}

#[test]
fn arxiv_calls_are_three_seconds_apart_unless_delay_says_otherwise() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![
        Reply::atom(&arxiv_page(Some(2), &["2401.00001"])),
        Reply::atom(&arxiv_page(Some(2), &["2401.00002"])),
    ]);
    let endpoint = format!("{}/api/query", server.base);
    let run = paperpress(&[
        "fetch",
        "arxiv-query",
        "cat:cs.CL",
        "--page-size",
        "1",
        "--root",
        dir.path().to_str().unwrap(),
        "--endpoint",
        &endpoint,
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let received = server.received();
    assert_eq!(received.len(), 2);
    assert!(received[1].at - received[0].at >= Duration::from_secs(3));
}

#[test]
fn a_query_that_finds_nothing_exits_0_and_says_so() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![Reply::atom(&arxiv_page(Some(0), &[]))]);
    let run = arxiv_query(dir.path(), &server, "ti:nothing", &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("no papers: the arXiv API finds none for \"ti:nothing\""),
        "{}",
        stdout(&run)
    );
    assert_eq!(server.received().len(), 1);
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn the_arxiv_error_entry_is_a_failure_and_a_later_bad_page_undoes_the_run() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![Reply::atom(
        import_fixture("arxiv-api-error.xml").as_bytes(),
    )]);
    let run = arxiv_query(dir.path(), &server, "cat:cs.CL", &[]);
    assert_failed_and_wrote_nothing(
        &run,
        dir.path(),
        &format!("{}{}", server.base, arxiv_target(0, 100)),
        "the arXiv API answered with an error: incorrect id format for 1234.bad",
    );

    // The first page was good, the second an error page: nothing at all is written.
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![
        Reply::atom(&arxiv_page(Some(4), &["2401.00001", "2401.00002"])),
        Reply::ok("text/html", b"<html><body>Rate exceeded.</body></html>"),
    ]);
    let run = arxiv_query(dir.path(), &server, "cat:cs.CL", &["--page-size", "2"]);
    assert_failed_and_wrote_nothing(
        &run,
        dir.path(),
        &arxiv_target(2, 2),
        "the reply is an HTML page, not XML",
    );
}

#[test]
fn fetch_config_keeps_what_the_editor_asked_for() {
    // arXiv categories: the second fixture entry is cond-mat only.
    let dir = site("title = \"T\"\n[fetch]\ncategories = [\"cs.LG\"]\n", &[]);
    let server = Server::start(vec![Reply::atom(
        import_fixture("arxiv-old-style.xml").as_bytes(),
    )]);
    let run = arxiv_query(dir.path(), &server, "cat:cs.CL", &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let printed = stdout(&run);
    assert!(
        printed.contains("skipped    # Phase Transitions in Old-Style Identifiers: left out by [fetch] categories in site.toml (it has cond-mat.stat-mech)"),
        "{printed}"
    );
    assert!(printed.contains("imported 2 papers: 1 new, 0 updated, 0 unchanged, 1 skipped"));
    assert_eq!(entries(dir.path()).len(), 1);

    // Upvotes (3, 4 and 2 in the recorded day) and keywords.
    let dir = site(
        "title = \"T\"\n[fetch]\nmin_upvotes = 3\nkeywords = [\"alignment\", \"AI agents\"]\n",
        &[],
    );
    let server = Server::start(vec![Reply::json(&hf_sample())]);
    let run = hf_daily(dir.path(), &server, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let printed = stdout(&run);
    assert!(
        printed.contains("skipped    Beyond Feeling Better: Capability-Sustaining Emotional Dialogue as a Longitudinal Research Paradigm: left out by [fetch] keywords in site.toml"),
        "{printed}"
    );
    assert_eq!(
        entries(dir.path()),
        [
            "2026-08-03/constitutional-midtraining-content-presence-drives-alignment-gains.md",
            "2026-08-03/embl-ai-librarian-life-sciences-knowledge-layer-for-ai-agents.md",
        ]
    );
    let dir = site("title = \"T\"\n[fetch]\nmin_upvotes = 4\n", &[]);
    let server = Server::start(vec![Reply::json(&hf_sample())]);
    let run = hf_daily(dir.path(), &server, &[]);
    assert!(
        stdout(&run).contains("left out by [fetch] min_upvotes = 4 in site.toml (it has 3)"),
        "{}",
        stdout(&run)
    );
    assert_eq!(entries(dir.path()).len(), 1);

    // Only papers a declared topic matches.
    let dir = site(
        "title = \"T\"\n[fetch]\ntopics_only = true\n[[topics]]\nname = \"Dialogue\"\nkeywords = [\"emotional dialogue\"]\n",
        &[],
    );
    let server = Server::start(vec![Reply::json(&hf_sample())]);
    let run = hf_daily(dir.path(), &server, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stdout(&run).contains("1 new, 0 updated, 0 unchanged, 2 skipped"));
    assert_eq!(
        entries(dir.path()),
        [
            "2026-08-03/beyond-feeling-better-capability-sustaining-emotional-dialogue-as-a-longitudinal.md"
        ]
    );

    // A filter nothing could pass is an error before any call.
    let dir = site("title = \"T\"\n[fetch]\ntopics_only = true\n", &[]);
    let server = Server::start(vec![Reply::json(&hf_sample())]);
    let run = hf_daily(dir.path(), &server, &[]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("topics_only"), "{}", stderr(&run));
    assert!(server.received().is_empty());
}

const EXCLUDED: &str =
    "2026-08-03/constitutional-midtraining-content-presence-drives-alignment-gains.md";

#[test]
fn an_excluded_paper_is_never_written_again_by_fetch_update_or_import() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![Reply::json(&hf_sample())]);
    assert!(hf_daily(dir.path(), &server, &[]).status.success());
    let entry = dir.path().join("content/papers").join(EXCLUDED);
    let before = std::fs::read(&entry).unwrap();

    // The editor excludes a paper but (for now) keeps its entry; the source's upvotes
    // change. `--update` rewrites the others and leaves that one alone.
    write(
        dir.path(),
        "site.toml",
        "title = \"T\"\n[fetch]\nexclude = [\"2607.26654v1\"]\n",
    );
    let changed = String::from_utf8(hf_sample())
        .unwrap()
        .replace("\"upvotes\": ", "\"upvotes\": 1");
    let server = Server::start(vec![Reply::json(changed.as_bytes())]);
    let run = hf_daily(dir.path(), &server, &["--update"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let printed = stdout(&run);
    assert!(
        printed.contains("skipped    Constitutional Midtraining: Content Presence Drives Alignment Gains: arXiv 2607.26654 (excluded in site.toml)"),
        "{printed}"
    );
    assert!(
        printed.contains("0 new, 2 updated, 0 unchanged, 1 skipped"),
        "{printed}"
    );
    assert_eq!(std::fs::read(&entry).unwrap(), before);

    // Removed for good: the entry is deleted, and neither fetch nor import brings it back.
    std::fs::remove_file(&entry).unwrap();
    let server = Server::start(vec![Reply::json(&hf_sample())]);
    let run = hf_daily(dir.path(), &server, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!entry.exists());
    let cached = dir
        .path()
        .join(".paperpress/cache/hf-daily/2026-08-03.json");
    for update in [false, true] {
        let mut args = vec![
            "import",
            "hf-json",
            cached.to_str().unwrap(),
            "--date",
            DAY,
            "--root",
            dir.path().to_str().unwrap(),
        ];
        if update {
            args.push("--update");
        }
        let run = paperpress(&args);
        assert!(run.status.success(), "{}", stderr(&run));
        assert!(
            stdout(&run).contains("(excluded in site.toml)"),
            "{}",
            stdout(&run)
        );
        assert!(!entry.exists());
    }
    assert_eq!(entries(dir.path()).len(), 2);
}

#[test]
fn an_exclude_item_that_names_no_paper_is_an_error_with_its_line() {
    let dir = site(
        "title = \"T\"\n\n[fetch]\nexclude = [\"2607.26654\", \"Constitutional Midtraining\"]\n",
        &[],
    );
    let file = repo_root().join("tests/fixtures/fetch/hf_daily_papers_2026-08-03.json");
    let run = paperpress(&[
        "import",
        "hf-json",
        file.to_str().unwrap(),
        "--date",
        DAY,
        "--root",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains(
            "site.toml:4: fetch.exclude: \"Constitutional Midtraining\" is neither an arXiv id"
        ),
        "{err}"
    );
    assert!(entries(dir.path()).is_empty());
}

fn rss_sample() -> Vec<u8> {
    std::fs::read(repo_root().join("tests/fixtures/import/arxiv_rss_cs_cl_2026-04-27.xml")).unwrap()
}

#[test]
fn a_day_of_arxiv_announcements_is_written_cached_and_replays_with_import() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![Reply::ok("application/rss+xml", &rss_sample())]);
    let endpoint = format!("{}/rss", server.base);
    let run = fetch(dir.path(), &endpoint, &["arxiv-rss", "cs.CL", "cs.LG"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(server.targets(), ["/rss/cs.CL+cs.LG"]);
    let written = entries(dir.path());
    assert!(!written.is_empty());
    // The feed's announcement day is every paper's digest day.
    assert!(
        written.iter().all(|e| e.starts_with("2026-04-27/")),
        "{written:?}"
    );
    let cached = cache_files(dir.path(), "arxiv-rss");
    assert_eq!(cached.len(), 1, "{cached:?}");
    assert!(cached[0].ends_with("-cs.CL+cs.LG.xml"), "{cached:?}");
    let cached = dir
        .path()
        .join(".paperpress/cache/arxiv-rss")
        .join(&cached[0]);
    assert_eq!(std::fs::read(&cached).unwrap(), rss_sample());

    let replay = site("title = \"T\"\n", &[]);
    let run = paperpress(&[
        "import",
        "arxiv-rss",
        cached.to_str().unwrap(),
        "--root",
        replay.path().to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        snapshot(&replay.path().join("content")),
        snapshot(&dir.path().join("content"))
    );
}

#[test]
fn an_empty_announcement_day_exits_0_and_a_bad_category_asks_nothing() {
    let dir = site("title = \"T\"\n", &[]);
    let empty = String::from_utf8(rss_sample()).unwrap();
    let start = empty.find("<item>").unwrap();
    let end = empty.rfind("</item>").unwrap() + "</item>".len();
    let empty = format!("{}{}", &empty[..start], &empty[end..]);
    let server = Server::start(vec![Reply::ok("application/rss+xml", empty.as_bytes())]);
    let endpoint = format!("{}/rss", server.base);
    let run = fetch(dir.path(), &endpoint, &["arxiv-rss", "cs.CL"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("no papers: arXiv's feed for cs.CL announces none"),
        "{}",
        stdout(&run)
    );
    assert!(entries(dir.path()).is_empty());

    let run = fetch(dir.path(), &endpoint, &["arxiv-rss", "cs.CL/../x"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("expected an arXiv category"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        server.received().len(),
        1,
        "the bad category was not asked for"
    );
}

#[test]
fn papers_of_another_day_in_the_reply_are_filed_under_the_day_asked_for_with_a_warning() {
    let dir = site("title = \"T\"\n", &[]);
    let server = Server::start(vec![Reply::json(&hf_sample())]);
    let endpoint = format!("{}/api/daily_papers", server.base);
    let run = fetch(dir.path(), &endpoint, &["hf-daily", "--date", "2026-08-05"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(
            "the reply lists papers of the daily page of 2026-08-03 too; they are filed under 2026-08-05, the day asked for"
        ),
        "{}",
        stderr(&run)
    );
    assert!(
        entries(dir.path())
            .iter()
            .all(|e| e.starts_with("2026-08-05/"))
    );
}
