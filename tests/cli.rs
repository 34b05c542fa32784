//! The command line explains itself.

mod common;

use common::*;

#[test]
fn help_explains_commands_and_options() {
    let top = stdout(&paperpress(&["--help"]));
    for word in ["build", "import", "research-paper digests"] {
        assert!(top.contains(word), "{word} missing from --help:\n{top}");
    }
    let build = paperpress(&["help", "build"]);
    assert!(build.status.success());
    let text = stdout(&build)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for option in [
        "--root",
        "--output",
        "--base-url",
        "--drafts",
        "failed build leaves the previous output",
    ] {
        assert!(
            text.contains(option),
            "{option} missing from help build:\n{text}"
        );
    }
    let import = stdout(&paperpress(&["import", "daily-text", "--help"]));
    assert!(
        import.contains("--date") && import.contains("--dry-run"),
        "{import}"
    );
}

#[test]
fn unknown_options_fail_with_usage() {
    let run = paperpress(&["build", "--frobnicate"]);
    assert!(!run.status.success());
    assert!(stderr(&run).contains("--frobnicate"));
}
