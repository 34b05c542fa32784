//! README's reference tables say what the code does: the field tables list exactly the
//! fields paperpress knows.

mod common;

use paperpress::content::known_fields::{IMPORTER_FIELDS, PAPER_FIELDS};

/// The first column of the README table whose header row is `header`, without backticks,
/// up to the end of the table.
fn first_column(readme: &str, header: &str) -> Vec<String> {
    let start = readme
        .find(header)
        .unwrap_or_else(|| panic!("README has no table {header:?}"));
    readme[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.split('|').nth(1))
        .map(|cell| cell.trim().trim_matches('`').to_string())
        .collect()
}

#[test]
fn readme_field_tables_list_exactly_the_known_fields() {
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).unwrap();
    let mut fields = first_column(&readme, "| field | type | meaning |");
    assert_eq!(fields.pop().as_deref(), Some("anything else"));
    assert_eq!(fields, PAPER_FIELDS);
    assert_eq!(
        first_column(&readme, "| field | written by | meaning |"),
        IMPORTER_FIELDS
    );
}

#[test]
fn every_field_an_importer_writes_is_a_known_field() {
    // Under `strict = true` an unknown field is an error, so a site made of every
    // importer's output builds only if each field they write is in the known list.
    let dir = common::site("title = \"T\"\nstrict = true\n", &[]);
    let root = dir.path();
    for (format, file) in [
        ("arxiv-atom", "arxiv-old-style.xml"),
        ("arxiv-atom", "arxiv-new-style.xml"),
        ("arxiv-rss", "arxiv_rss_cs_cl_2026-04-27.xml"),
        ("hf-json", "hf_daily_papers_2026-08-03.json"),
        ("hf-json", "hf-daily-papers.json"),
        ("bibtex", "lab.bib"),
    ] {
        let path = common::repo_root().join("tests/fixtures/import").join(file);
        let run = common::paperpress(&[
            "import",
            format,
            path.to_str().unwrap(),
            "--root",
            root.to_str().unwrap(),
            "--date",
            "2025-05-09",
            "--update",
        ]);
        assert!(run.status.success(), "{file}: {}", common::stderr(&run));
    }
    let papers = common::snapshot(&root.join("content/papers")).len();
    assert!(papers >= 10, "{papers} entries");
    common::build(root, &root.join("out"), &[]);
}

#[test]
fn readme_template_table_names_every_template_the_producers_render() {
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).unwrap();
    // A row may name several templates that share their variables: "`a.xml`, `b.json`".
    let listed: Vec<String> = first_column(&readme, "| template | page | variables |")
        .iter()
        .flat_map(|cell| {
            cell.split(',')
                .map(|t| t.trim().trim_matches('`').to_string())
        })
        .collect();
    for template in paperpress::produce::templates() {
        assert!(
            listed.iter().any(|t| t == template),
            "README's template table lacks {template}"
        );
    }
}
