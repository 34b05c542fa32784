//! The report as GitHub Actions workflow commands (`::warning file=F,line=L::message`):
//! a scheduled run shows each problem as an annotation on its summary page and beside the
//! file, so a warning such as a stale digest is seen without reading the log.

use crate::diagnostics::Diagnostic;

/// `%`, CR and LF must be escaped in a command's message; properties also escape `:`
/// and `,`, which separate them.
fn escape(text: &str, property: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// One workflow command: `level` is `error` or `warning`.
pub fn command(level: &str, d: &Diagnostic) -> String {
    let mut properties = vec![format!(
        "file={}",
        escape(&d.file.to_string_lossy().replace('\\', "/"), true)
    )];
    if let Some(line) = d.line {
        properties.push(format!("line={line}"));
    }
    properties.push(format!("title={}", escape(d.kind.name(), true)));
    format!(
        "::{level} {}::{}",
        properties.join(","),
        escape(&d.message, false)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Kind;

    #[test]
    fn commands_escape_what_github_reads_as_syntax() {
        let d = Diagnostic::new("content/papers/a,b.md", Some(4), "100% sure:\nnext")
            .of_kind(Kind::NearMissField);
        assert_eq!(
            command("warning", &d),
            "::warning file=content/papers/a%2Cb.md,line=4,title=near-miss-field::100%25 sure:%0Anext"
        );
        let d = Diagnostic::new("content/papers", None, "stale").of_kind(Kind::StaleDigest);
        assert_eq!(
            command("error", &d),
            "::error file=content/papers,title=stale-digest::stale"
        );
    }
}
