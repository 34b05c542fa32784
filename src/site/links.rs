//! Where every node lives: site-relative paths, and how to reach the root from a page.
//!
//! Internal links are relative (`{{ root }}{{ node.path }}`), so one build works at a
//! domain root, under a subpath such as `https://user.github.io/digest/`, and from disk.

/// What `card.html` receives as `root` while a card is made once for every listing; each
/// use is then replaced by the listing's own root (see `render::cards`). The abstract a
/// card opens to has it in its relative links too. Its mark is a noncharacter of the last
/// private use plane: no escaping changes it, and text never needs it. A card whose paper
/// holds the mark all the same is made for each listing with the real root.
pub const ROOT_MARK: char = '\u{10FFFF}';
pub const ROOT_PLACEHOLDER: &str = "\u{10FFFF}root\u{10FFFF}";

/// Builds link paths in the style the site asked for.
#[derive(Clone, Copy)]
pub struct LinkStyle {
    /// `papers/x/index.html` instead of `papers/x/`.
    pub explicit_index: bool,
}

impl LinkStyle {
    /// The link path of a folder page (`dir` is empty for the home page or ends with `/`).
    pub fn link(&self, dir: &str) -> String {
        if self.explicit_index {
            format!("{dir}index.html")
        } else {
            dir.to_string()
        }
    }
}

/// The output file of a folder page: `papers/x/` → `papers/x/index.html`.
pub fn output_file(dir: &str) -> String {
    format!("{dir}index.html")
}

/// Every paper's BibTeX entry in one file at the site root.
pub const BIBLIOGRAPHY_FILE: &str = "papers.bib";

/// The file of a paper's BibTeX entry in its page's folder:
/// `papers/x/` → `papers/x/cite.bib`.
pub fn cite_file(dir: &str) -> String {
    format!("{dir}cite.bib")
}

/// Relative prefix from a page in folder `dir` to the site root: `` → `./`, `a/b/` → `../../`.
pub fn root_prefix(dir: &str) -> String {
    let depth = dir.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// The folder of page `number` (1-based) of a paginated listing whose first page is `dir`.
pub fn pagination_dir(dir: &str, number: usize) -> String {
    if number <= 1 {
        dir.to_string()
    } else {
        format!("{dir}page/{number}/")
    }
}

/// Longest slug made from a title; longer ones are cut at a word boundary. URLs and file
/// names stay readable, and a 200-character title does not make a 200-character address.
const MAX_TITLE_SLUG: usize = 80;

/// The slug of a paper title: `slug::slugify`, cut to a readable length.
pub fn title_slug(title: &str) -> String {
    let slug = slug::slugify(title);
    if slug.is_empty() {
        return "paper".to_string();
    }
    if slug.len() <= MAX_TITLE_SLUG {
        return slug;
    }
    // slugify gives ASCII only, so byte positions are character positions.
    let cut = slug[..=MAX_TITLE_SLUG]
        .rfind('-')
        .filter(|&i| i > 0)
        .unwrap_or(MAX_TITLE_SLUG);
    slug[..cut].to_string()
}

pub fn paper_dir(slug: &str) -> String {
    format!("papers/{slug}/")
}
pub fn topic_dir(slug: &str) -> String {
    format!("topics/{slug}/")
}
pub fn author_dir(slug: &str) -> String {
    format!("authors/{slug}/")
}
pub fn day_dir(date: &str) -> String {
    format!("days/{date}/")
}
pub fn week_dir(key: &str) -> String {
    format!("weeks/{key}/")
}
pub fn month_dir(key: &str) -> String {
    format!("months/{key}/")
}
/// The output file of a day's email digest, in HTML or plain text (`ext`).
pub fn day_email_file(day_dir: &str, ext: &str) -> String {
    format!("{day_dir}email.{ext}")
}
pub const TOPICS_DIR: &str = "topics/";
pub const AUTHORS_DIR: &str = "authors/";
pub const DAYS_DIR: &str = "days/";
pub const ARCHIVE_DIR: &str = "archive/";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(root_prefix(""), "./");
        assert_eq!(root_prefix("topics/x/page/2/"), "../../../../");
        assert_eq!(pagination_dir("", 1), "");
        assert_eq!(pagination_dir("", 3), "page/3/");
        assert_eq!(
            LinkStyle {
                explicit_index: true
            }
            .link("papers/a/"),
            "papers/a/index.html"
        );
        assert_eq!(
            LinkStyle {
                explicit_index: false
            }
            .link(""),
            ""
        );
        assert_eq!(
            title_slug("Model Soups: Averaging!"),
            "model-soups-averaging"
        );
        assert_eq!(title_slug("?!"), "paper");
        let long = title_slug(&"word ".repeat(40));
        assert!(long.len() <= 80 && long.ends_with("word"), "{long}");
    }
}
