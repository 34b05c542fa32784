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
