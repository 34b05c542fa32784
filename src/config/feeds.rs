//! `[feeds]` in `site.toml`: how many papers each feed holds, and who the feeds say
//! wrote them.

use serde::{Deserialize, Deserializer};

/// `[feeds]` as written in `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedsConfig {
    /// The newest papers each feed holds, the site's and each topic's.
    #[serde(deserialize_with = "at_least_one")]
    pub limit: usize,
    /// The feeds' author, which Atom requires; the site's title when unset.
    #[serde(deserialize_with = "not_empty")]
    pub author: Option<String>,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig {
            limit: 20,
            author: None,
        }
    }
}

impl FeedsConfig {
    /// The feed-level author: `author`, else the site's title.
    pub fn author<'c>(&'c self, site_title: &'c str) -> &'c str {
        self.author.as_deref().unwrap_or(site_title)
    }
}

fn at_least_one<'de, D: Deserializer<'de>>(deserializer: D) -> Result<usize, D::Error> {
    match usize::deserialize(deserializer)? {
        0 => Err(serde::de::Error::custom(
            "must be at least 1: a feed holds the newest papers, at most this many",
        )),
        n => Ok(n),
    }
}

fn not_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let name = String::deserialize(deserializer)?;
    if name.trim().is_empty() {
        return Err(serde::de::Error::custom(
            "must not be empty; leave it out to name the site's title as the feeds' author",
        ));
    }
    Ok(Some(name.trim().to_string()))
}
