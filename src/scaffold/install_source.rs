//! Where the CI workflow that `init` writes installs paperpress from: one exact
//! crates.io version, or a git repository at a tag or a commit (`init --install-from`).
//!
//! The workflow caches the installed binary under a key made of the exact version or
//! commit, so a cached binary is always the one asked for. A branch is refused: it
//! would install whatever the branch holds on the day of a cache miss.

use std::fmt;
use std::str::FromStr;

/// What `--install-from` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstallSource {
    /// `cargo install paperpress --version =VERSION --locked`
    CratesIo(semver::Version),
    /// `cargo install paperpress --git URL --rev COMMIT --locked`
    Git { url: String, pin: GitPin },
}

/// The exact point of a git repository to install.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitPin {
    /// A tag, resolved to its commit when the workflow runs (`git+URL@TAG`).
    Tag(String),
    /// A full commit id (`git+URL#rev=COMMIT`).
    Rev(String),
}

/// How to write a source, for error messages and `--help`.
pub const SYNTAX: &str = "a crates.io version such as 0.1.0, \
    git+https://github.com/OWNER/paperpress@TAG for a tag, \
    or git+https://github.com/OWNER/paperpress#rev=COMMIT for a commit";

impl InstallSource {
    /// This paperpress's own version, from crates.io: what `init` uses by default.
    pub fn this_version() -> InstallSource {
        let version = semver::Version::parse(env!("CARGO_PKG_VERSION"))
            .expect("Cargo only builds a crate whose version is valid semver");
        InstallSource::CratesIo(version)
    }
}

impl FromStr for InstallSource {
    type Err = String;

    fn from_str(text: &str) -> Result<InstallSource, String> {
        let text = text.trim();
        match text.strip_prefix("git+") {
            Some(git) => parse_git(git),
            None => parse_version(text),
        }
    }
}

fn parse_version(text: &str) -> Result<InstallSource, String> {
    if text.contains("://") || text.starts_with("github.com") {
        return Err(format!(
            "{text:?} looks like a repository: a git source starts with git+ and names a \
             tag or a commit, as in git+https://github.com/OWNER/paperpress@v0.1.0"
        ));
    }
    let version = semver::Version::parse(text).map_err(|_| {
        let hint = if semver::VersionReq::parse(text).is_ok() {
            " (a range or a partial version is not one exact version)"
        } else {
            ""
        };
        format!("expected {SYNTAX}; found {text:?}{hint}")
    })?;
    if !version.build.is_empty() {
        return Err(format!(
            "{text:?}: crates.io ignores build metadata (+{}); give the version without it",
            version.build
        ));
    }
    Ok(InstallSource::CratesIo(version))
}

fn parse_git(text: &str) -> Result<InstallSource, String> {
    let (address, rev) = match text.split_once('#') {
        Some((address, fragment)) => match fragment.strip_prefix("rev=") {
            Some(rev) => (address, Some(parse_rev(rev)?)),
            None => {
                return Err(format!(
                    "git+{text}: after # only rev=COMMIT is understood, found #{fragment}"
                ));
            }
        },
        None => (text, None),
    };
    let url = url::Url::parse(address).map_err(|e| format!("git+{address}: not a URL: {e}"))?;
    if url.scheme() != "https" {
        return Err(format!(
            "git+{address}: the workflow clones over https; give the repository's \
             https:// address, as in git+https://github.com/OWNER/paperpress@v0.1.0"
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "git+{address}: no user name or password in the address (it would be written \
             into the workflow); the repository must be readable without them"
        ));
    }
    if url.query().is_some() {
        return Err(format!("git+{address}: the address cannot have a ?query"));
    }
    let (path, tag) = match url.path().split_once('@') {
        Some((path, tag)) => (path.to_string(), Some(parse_tag(tag)?)),
        None => (url.path().to_string(), None),
    };
    if path.trim_matches('/').is_empty() {
        return Err(format!(
            "git+{address}: name the repository, as in https://github.com/OWNER/paperpress"
        ));
    }
    let mut repository = url.clone();
    repository.set_path(path.trim_end_matches('/'));
    let repository = repository.to_string();
    // The address goes into YAML and into a shell command: only characters that need no
    // quoting in either are accepted.
    if let Some(c) = repository
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-._~:/".contains(*c)))
    {
        return Err(format!(
            "git+{address}: {c:?} is not accepted in a repository address; \
             use its plain https:// address"
        ));
    }
    let pin = match (tag, rev) {
        (Some(_), Some(_)) => {
            return Err(format!(
                "git+{text}: give a tag (@TAG) or a commit (#rev=COMMIT), not both"
            ));
        }
        (Some(tag), None) => GitPin::Tag(tag),
        (None, Some(rev)) => GitPin::Rev(rev),
        (None, None) => {
            return Err(format!(
                "git+{text}: name a tag (git+{address}@v0.1.0) or a commit \
                 (git+{address}#rev=COMMIT), so that every run installs the same paperpress; \
                 a branch changes under you"
            ));
        }
    };
    Ok(InstallSource::Git {
        url: repository,
        pin,
    })
}

/// A full commit id: 40 hexadecimal digits (SHA-1), or 64 (SHA-256 repositories).
fn parse_rev(rev: &str) -> Result<String, String> {
    if matches!(rev.len(), 40 | 64) && rev.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(rev.to_ascii_lowercase())
    } else {
        Err(format!(
            "rev={rev}: a rev is a full commit id, 40 hexadecimal digits, as \
             `git rev-parse HEAD` prints it"
        ))
    }
}

/// A git tag name, restricted to characters that need no quoting in YAML or a shell.
fn parse_tag(tag: &str) -> Result<String, String> {
    let plain = tag
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "._/+-".contains(c));
    let well_formed = !tag.is_empty()
        && !tag.starts_with(['-', '.', '/'])
        && !tag.ends_with(['/', '.'])
        && !tag.ends_with(".lock")
        && !tag.contains("..")
        && !tag.contains("//");
    // A tag is resolved on every run; a branch's name would fail there, long after
    // `init`. The usual branch names are refused here instead.
    if ["main", "master", "develop", "trunk", "HEAD"].contains(&tag) || tag.starts_with("refs/") {
        return Err(format!(
            "@{tag}: is a branch, and a branch changes under you; name a tag (@v0.1.0) or a commit (#rev=...)"
        ));
    }
    if plain && well_formed {
        Ok(tag.to_string())
    } else {
        Err(format!(
            "@{tag}: expected a tag name such as v0.1.0 (letters, digits and . _ / + -)"
        ))
    }
}

impl fmt::Display for InstallSource {
    /// The source as `--install-from` takes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InstallSource::CratesIo(version) => write!(f, "{version}"),
            InstallSource::Git {
                url,
                pin: GitPin::Tag(tag),
            } => write!(f, "git+{url}@{tag}"),
            InstallSource::Git {
                url,
                pin: GitPin::Rev(rev),
            } => write!(f, "git+{url}#rev={rev}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<InstallSource, String> {
        text.parse()
    }

    const REV: &str = "0123456789abcdef0123456789abcdef01234567";

    #[test]
    fn a_crates_io_version_is_one_exact_version() {
        assert_eq!(parse("0.2.1").unwrap().to_string(), "0.2.1");
        assert_eq!(parse("1.0.0-beta.2").unwrap().to_string(), "1.0.0-beta.2");
        for bad in [
            "0.2",
            "^0.2.1",
            "=0.2.1",
            "~1",
            "*",
            "latest",
            "",
            "0.2.1+abc",
        ] {
            let error = parse(bad).unwrap_err();
            assert!(error.contains(&format!("{bad:?}")), "{bad}: {error}");
        }
        assert!(parse("0.2").unwrap_err().contains("not one exact version"));
    }

    #[test]
    fn a_git_source_names_a_tag_or_a_full_commit() {
        let tag = parse("git+https://github.com/me/paperpress@v0.1.0").unwrap();
        assert_eq!(
            tag,
            InstallSource::Git {
                url: "https://github.com/me/paperpress".into(),
                pin: GitPin::Tag("v0.1.0".into()),
            }
        );
        assert_eq!(
            tag.to_string(),
            "git+https://github.com/me/paperpress@v0.1.0"
        );
        let slashed = parse("git+https://gitlab.com/group/sub/paperpress.git@release/1.0").unwrap();
        assert_eq!(
            slashed.to_string(),
            "git+https://gitlab.com/group/sub/paperpress.git@release/1.0"
        );
        let rev = parse(&format!(
            "git+https://github.com/me/paperpress#rev={}",
            REV.to_uppercase()
        ))
        .unwrap();
        assert_eq!(
            rev,
            InstallSource::Git {
                url: "https://github.com/me/paperpress".into(),
                pin: GitPin::Rev(REV.into()),
            }
        );
    }

    #[test]
    fn a_bad_git_source_says_what_is_wrong() {
        let cases = [
            ("git+https://github.com/me/paperpress", "name a tag"),
            (
                "git+https://github.com/me/paperpress#rev=abc123",
                "full commit id",
            ),
            (
                "git+https://github.com/me/paperpress#tag=v1",
                "only rev=COMMIT",
            ),
            (
                &format!("git+https://github.com/me/paperpress@v1#rev={REV}"),
                "not both",
            ),
            ("git+ssh://git@github.com/me/paperpress@v1", "https://"),
            ("git+http://github.com/me/paperpress@v1", "https://"),
            (
                "git+https://tok@github.com/me/paperpress@v1",
                "no user name",
            ),
            (
                "git+https://github.com/me/paper'press@v1",
                "is not accepted",
            ),
            (
                "git+https://github.com/me/paper$press@v1",
                "is not accepted",
            ),
            ("git+https://github.com/me/paperpress?x=1@v1", "?query"),
            ("git+https://github.com/@v1", "name the repository"),
            ("git+https://github.com/me/paperpress@", "tag name"),
            ("git+https://github.com/me/paperpress@-v1", "tag name"),
            ("git+https://github.com/me/paperpress@v1..2", "tag name"),
            ("git+https://github.com/me/paperpress@v1;rm", "tag name"),
            ("git+not a url", "not a URL"),
            ("https://github.com/me/paperpress", "starts with git+"),
            ("github.com/me/paperpress", "starts with git+"),
        ];
        for (text, expected) in cases {
            let error = parse(text).unwrap_err();
            assert!(error.contains(expected), "{text}: {error}");
        }
    }

    #[test]
    fn the_default_is_this_version() {
        assert_eq!(
            InstallSource::this_version().to_string(),
            env!("CARGO_PKG_VERSION")
        );
    }
}
