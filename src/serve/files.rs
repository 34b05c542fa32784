//! Which file answers a URL: a path below the served folder and never outside it
//! (`..`, its percent-encoded forms, backslashes, drive letters and NUL are refused),
//! with the content type a browser needs.

use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;

#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash: relative links inside it only
    /// work from `folder/`, so send the browser there.
    Redirect(String),
    NotFound,
}

/// Resolves the path of a request URL (query and fragment ignored) below `root`.
pub fn resolve(root: &Path, url: &str) -> Resolved {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
        return Resolved::NotFound;
    };
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0']) {
        return Resolved::NotFound;
    }
    let mut target = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Resolved::NotFound,
            // Hidden files are never served: an output folder may hold a deploy
            // checkout's `.git` (with its credentials) and paperpress's own marker.
            s if s.starts_with('.') => return Resolved::NotFound,
            // Exactly one plain name: no drive (`C:` on Windows) or root.
            s if !is_plain_name(s) => return Resolved::NotFound,
            s => target.push(s),
        }
    }
    // The output folder holds no links, but a user's `--output` might: a link must not
    // lead out of it either.
    let (Ok(real), Ok(real_root)) = (target.canonicalize(), root.canonicalize()) else {
        return Resolved::NotFound;
    };
    if !real.starts_with(&real_root) {
        return Resolved::NotFound;
    }
    if real.is_dir() {
        if !path.ends_with('/') {
            return Resolved::Redirect(format!("{path}/"));
        }
        let index = real.join("index.html");
        return if index.is_file() {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if real.is_file() {
        Resolved::File(real)
    } else {
        Resolved::NotFound
    }
}

fn is_plain_name(segment: &str) -> bool {
    let mut components = Path::new(segment).components();
    matches!(
        (components.next(), components.next()),
        (Some(std::path::Component::Normal(_)), None)
    )
}

/// The `Content-Type` of a file, with a charset for text.
pub fn content_type(path: &Path) -> String {
    // BibTeX is text a browser should show, not download; mime_guess does not know it.
    if path.extension().is_some_and(|e| e == "bib") {
        return "text/x-bibtex; charset=utf-8".to_string();
    }
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == "text"
        || ["json", "javascript", "xml"].contains(&mime.subtype().as_str())
        || mime.suffix().is_some_and(|s| s == "xml" || s == "json");
    if textual {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn served() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("papers/x")).unwrap();
        std::fs::write(root.join("index.html"), "home").unwrap();
        std::fs::write(root.join("papers/x/index.html"), "x").unwrap();
        std::fs::write(root.join("style.css"), "css").unwrap();
        std::fs::write(root.join("a:b.txt"), "colon").unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/config"), "token").unwrap();
        std::fs::write(root.join("papers/.hidden"), "hidden").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let root = root.canonicalize().unwrap();
        (dir, root)
    }

    #[test]
    fn pages_folders_and_query_strings() {
        let (_dir, root) = served();
        assert_eq!(resolve(&root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/papers/x/"),
            Resolved::File(root.join("papers/x/index.html"))
        );
        assert_eq!(
            resolve(&root, "/papers/x/index.html?v=3#top"),
            Resolved::File(root.join("papers/x/index.html"))
        );
        assert_eq!(
            resolve(&root, "/papers/x"),
            Resolved::Redirect("/papers/x/".into())
        );
        assert_eq!(
            resolve(&root, "/style%2Ecss"),
            Resolved::File(root.join("style.css"))
        );
        assert_eq!(resolve(&root, "/papers/y/"), Resolved::NotFound);
        assert_eq!(
            resolve(&root, "/a:b.txt"),
            Resolved::File(root.join("a:b.txt"))
        );
    }

    #[test]
    fn nothing_outside_the_served_folder() {
        let (_dir, root) = served();
        for url in [
            "/../secret.txt",
            "/papers/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/papers/..%2f..%2fsecret.txt",
            "/..\\secret.txt",
            "/%5c..%5csecret.txt",
            "/../C:/Windows/win.ini",
            "//etc/passwd",
            "/etc/passwd",
            "/index.html%00.css",
            "/%ff",
            "secret.txt",
            "/.git/config",
            "/%2egit/config",
            "/papers/.hidden",
        ] {
            assert_eq!(resolve(&root, url), Resolved::NotFound, "{url}");
        }
    }

    #[test]
    fn content_types_carry_a_charset_for_text() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("style.css")),
            "text/css; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("feed.xml")),
            "text/xml; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("search.json")),
            "application/json; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("papers/x/cite.bib")),
            "text/x-bibtex; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("paper.pdf")), "application/pdf");
        assert_eq!(content_type(Path::new("figure.png")), "image/png");
        assert_eq!(
            content_type(Path::new(".nojekyll")),
            "application/octet-stream"
        );
    }
}
