//! BibTeX files: each paper's `cite.bib` and `papers.bib`, every paper's entry. The
//! entries are written once per build in the site graph (`site::bibtex`); these
//! producers only hand them over. Neither holds the abstract, as arXiv's and Google
//! Scholar's exports do not: the paper's page shows it.

use serde::Serialize;

use super::{Context, Producer, Unit};
use crate::site::{Site, Valued, links};

/// A paper's `cite.bib`.
pub struct CiteFile;

/// What a `cite.bib` is made of.
#[derive(Serialize)]
struct OneEntry<'s> {
    /// The paper's `citation`, whose `bibtex` is the entry.
    citation: &'s Valued,
}

impl Producer for CiteFile {
    fn template(&self) -> Option<&'static str> {
        None
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        (0..site.papers.len()).map(Unit::item).collect()
    }
    fn file(&self, site: &Site, unit: Unit) -> String {
        links::cite_file(&site.papers[unit.item].place.dir)
    }
    fn context<'s>(&self, site: &'s Site, unit: Unit) -> Context<'s> {
        Box::new(OneEntry {
            citation: &site.papers[unit.item].citation,
        })
    }
    fn make(&self, site: &Site, unit: Unit) -> Result<String, String> {
        site.papers[unit.item]
            .citation
            .field("bibtex")
            .ok_or_else(|| "a paper's BibTeX entry is missing".into())
    }
}

/// `papers.bib`: every paper, newest first.
pub struct Bibliography;

/// What `papers.bib` is made of.
#[derive(Serialize)]
struct AllEntries<'s> {
    /// Each paper's `citation` (whose `bibtex` is its entry).
    citations: Vec<&'s Valued>,
}

impl Producer for Bibliography {
    fn template(&self) -> Option<&'static str> {
        None
    }
    fn reserved_dir(&self) -> Option<&'static str> {
        Some(links::BIBLIOGRAPHY_FILE)
    }
    fn units(&self, _site: &Site) -> Vec<Unit> {
        vec![Unit::default()]
    }
    fn file(&self, _site: &Site, _unit: Unit) -> String {
        links::BIBLIOGRAPHY_FILE.into()
    }
    fn context<'s>(&self, site: &'s Site, _unit: Unit) -> Context<'s> {
        Box::new(AllEntries {
            citations: site.papers.iter().map(|p| &p.citation).collect(),
        })
    }
    fn make(&self, site: &Site, _unit: Unit) -> Result<String, String> {
        let mut out = String::new();
        for node in &site.papers {
            let entry = node
                .citation
                .field("bibtex")
                .ok_or("a paper's BibTeX entry is missing")?;
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&entry);
        }
        Ok(out)
    }
}
