//! One module per command: each turns parsed arguments into a call to the library and
//! prints what a user needs to see.

pub mod build;
pub mod check;
pub mod fetch;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;
pub mod topics;
pub mod watch;

use paperpress::diagnostics::Diagnostic;

pub fn print_errors(errors: &[Diagnostic]) {
    for e in errors {
        eprintln!("error: {e}");
    }
}

/// Prints warnings, summarising many of one kind (see `diagnostics::summarised`).
pub fn print_warnings(warnings: &[Diagnostic]) {
    for line in paperpress::diagnostics::summarised(warnings) {
        eprintln!("{line}");
    }
}
