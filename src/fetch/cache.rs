//! Every reply `fetch` accepted, saved as it came under
//! `<root>/.paperpress/cache/<source>/`, so a run can be replayed offline with
//! `paperpress import`. Replies that failed are not saved: every cached file imports.

use std::path::{Path, PathBuf};

use super::sources::Request;
use crate::diagnostics::Diagnostic;

/// The cache folder, relative to the site root.
pub const CACHE_DIR: &str = ".paperpress/cache";

/// Writes each reply to its request's cache name (replacing an older copy of the same
/// name) and returns the files written, relative to the root. Each file is written
/// beside its place and renamed into it, so a cached file is never half-written.
pub fn save(
    root: &Path,
    source: &str,
    replies: &[(Request, String)],
) -> Result<Vec<PathBuf>, Diagnostic> {
    let folder = Path::new(CACHE_DIR).join(source);
    std::fs::create_dir_all(root.join(&folder)).map_err(|e| {
        Diagnostic::new(
            &folder,
            None,
            format!("cannot create the cache folder: {e}"),
        )
    })?;
    let mut saved = Vec::with_capacity(replies.len());
    for (request, body) in replies {
        let rel = folder.join(&request.cache_name);
        let path = root.join(&rel);
        let part = path.with_extension("part");
        std::fs::write(&part, body)
            .and_then(|()| std::fs::rename(&part, &path))
            .map_err(|e| Diagnostic::new(&rel, None, format!("cannot save the reply: {e}")))?;
        saved.push(rel);
    }
    Ok(saved)
}
