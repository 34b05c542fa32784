//! paperpress: a static site generator for research-paper digests.
//!
//! Data flows one way: files (`content`) → the site graph (`site`) → pages (`render`) →
//! the output folder (`output`). `pipeline` runs the stages; `import` writes entries;
//! `fetch` downloads what `import` reads.

pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod fetch;
pub mod fingerprint;
pub mod import;
pub mod markdown;
pub mod memory;
pub mod output;
pub mod pipeline;
pub mod produce;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod text;
pub mod timings;
pub mod watch;
