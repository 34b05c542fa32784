//! The search index as the search page's script reads it: which file holds a word, the
//! papers each word is in per field, arXiv ids, the records results show and the facets.
//! (The script itself is checked in Chromium by `.ci/search.mjs`.)

mod common;

use std::path::Path;

use common::{attrs, build, paper, read, site, texts};
use serde_json::Value;

fn json(out: &Path, rel: &str) -> Value {
    serde_json::from_str(&read(out, &format!("search/{rel}"))).unwrap()
}

/// The papers (by number) that have `word` in each field, as the script finds them:
/// the file of the longest prefix of the word that names one, lists as gaps.
fn lookup(out: &Path, word: &str) -> Option<Vec<Vec<u64>>> {
    let manifest = json(out, "index.json");
    let terms = manifest["terms"].as_object().unwrap();
    let key = (1..=word.chars().count())
        .rev()
        .map(|n| word.chars().take(n).collect::<String>())
        .find(|k| terms.contains_key(k))?;
    let file = terms[&key][0].as_str().unwrap();
    let shard = json(out, file);
    let lists = shard.get(word)?.as_array()?.clone();
    Some(
        lists
            .iter()
            .map(|gaps| {
                let mut doc = 0;
                gaps.as_array()
                    .unwrap()
                    .iter()
                    .map(|g| {
                        doc += g.as_u64().unwrap();
                        doc
                    })
                    .collect()
            })
            .collect(),
    )
}

fn digest() -> tempfile::TempDir {
    site(
        "title = \"Searchable\"\n\n[[topics]]\nname = \"Dynamical Systems\"\nkeywords = [\"orbits\"]\n",
        &[
            (
                "content/papers/old.md",
                &paper(
                    "Poincaré maps of chaotic orbits",
                    "2025-05-01",
                    "authors = [\"José Núñez\", \"Ada Lovelace\"]\narxiv = \"2505.01234v2\"\nupvotes = 7",
                    "We study return maps of orbits with $\\alpha$-stable noise.",
                ),
            ),
            (
                "content/papers/new.md",
                &paper(
                    "Transformers read long documents",
                    "2025-05-09",
                    "authors = [\"Ada Lovelace\"]",
                    "Sparse attention for long documents; no maps here.",
                ),
            ),
        ],
    )
}

#[test]
fn words_are_folded_and_found_in_their_fields_by_paper_number_oldest_first() {
    let dir = digest();
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let manifest = json(&out, "index.json");
    assert_eq!(manifest["papers"], 2);
    // Numbers go oldest first: the May 1 paper is 0.
    let docs = json(&out, "docs/0.json");
    assert_eq!(docs[0]["title"], "Poincaré maps of chaotic orbits");
    assert_eq!(docs[1]["title"], "Transformers read long documents");

    // [title, authors, topics, text]
    assert_eq!(
        lookup(&out, "poincare").unwrap(),
        [vec![0], vec![], vec![], vec![]]
    );
    assert!(
        lookup(&out, "poincaré").is_none(),
        "accents are folded away"
    );
    assert_eq!(
        lookup(&out, "nunez").unwrap(),
        [vec![], vec![0], vec![], vec![]]
    );
    assert_eq!(
        lookup(&out, "lovelace").unwrap(),
        [vec![], vec![0, 1], vec![], vec![]]
    );
    assert_eq!(
        lookup(&out, "orbits").unwrap(),
        [vec![0], vec![], vec![], vec![0]]
    );
    assert_eq!(
        lookup(&out, "maps").unwrap(),
        [vec![0], vec![], vec![], vec![0, 1]]
    );
    // The topic's name, given by its keyword to the first paper only.
    assert_eq!(
        lookup(&out, "dynamical").unwrap(),
        [vec![], vec![], vec![0], vec![]]
    );
    // Math as its readable text; stop words and bare numbers are left out.
    assert!(lookup(&out, "stable").is_some());
    for absent in ["we", "of", "about", "2505"] {
        assert!(lookup(&out, absent).is_none(), "{absent}");
    }
    let stop: Vec<&str> = manifest["stop_words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(stop.contains(&"we") && stop.contains(&"about"));
}

#[test]
fn arxiv_ids_records_and_facets() {
    let dir = digest();
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let manifest = json(&out, "index.json");
    let file = manifest["ids"]["2505"][0].as_str().unwrap();
    let ids = json(&out, file);
    assert_eq!(
        ids,
        serde_json::json!({"2505.01234": 0}),
        "without its version"
    );

    // A record leads to the paper's page and holds what a result shows.
    let docs = json(&out, "docs/0.json");
    let record = &docs[0];
    let page = format!(
        "{}index.html",
        record["path"]
            .as_str()
            .unwrap()
            .trim_end_matches("index.html")
    );
    assert!(out.join(&page).is_file(), "{page}");
    assert_eq!(
        record["authors"],
        serde_json::json!(["José Núñez", "Ada Lovelace"])
    );
    assert_eq!(record["arxiv"], "2505.01234");
    assert_eq!(record["upvotes"], 7);
    assert_eq!(record["date"], "2025-05-01");
    assert!(
        record["text"]
            .as_str()
            .unwrap()
            .contains("return maps of orbits")
    );
    assert_eq!(docs[1]["upvotes"], Value::Null);

    let facets = json(&out, "facets.json");
    assert_eq!(facets["topics"][0]["name"], "Dynamical Systems");
    assert_eq!(facets["doc_topics"], serde_json::json!([[0], []]));
    // Days: the first as a number (days from 1 January of year 1), then gaps.
    let first = facets["days"][0].as_i64().unwrap();
    assert_eq!(first, 739_372, "2025-05-01");
    assert_eq!(facets["days"][1], 8);
    assert_eq!(facets["upvotes"], serde_json::json!([7, null]));

    // Each term file is named in the manifest with a version, and exists.
    for (_, entry) in manifest["terms"].as_object().unwrap() {
        let file = entry[0].as_str().unwrap();
        assert!(out.join("search").join(file).is_file(), "{file}");
        assert_eq!(entry[1].as_str().unwrap().len(), 16);
    }
}

#[test]
fn every_page_has_a_search_box_and_the_search_page_works_without_javascript() {
    let dir = digest();
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let paper_page = read(&out, "papers/transformers-read-long-documents/index.html");
    let action = attrs(&paper_page, "form.site-search", "action");
    assert_eq!(action.len(), 1);
    assert_eq!(action[0].trim_end_matches("index.html"), "../../search/");
    assert_eq!(attrs(&paper_page, "form.site-search input", "name"), ["q"]);
    assert_eq!(
        attrs(&paper_page, "label[for=site-search-q]", "for").len(),
        1
    );

    let search = read(&out, "search/index.html");
    // Its own box replaces the header's; labelled, with a live region for the count.
    assert!(attrs(&search, "form.site-search", "action").is_empty());
    assert_eq!(texts(&search, "label[for=search-q]"), ["Search papers"]);
    assert_eq!(attrs(&search, "#search-status", "role"), ["status"]);
    // Without JavaScript: a plain message and links to browse instead.
    let fallback = texts(&search, "noscript");
    assert!(
        fallback
            .iter()
            .any(|t| t.contains("Searching needs JavaScript")),
        "{fallback:?}"
    );
    // A parser that runs scripts reads <noscript> as text: parse that text as a browser
    // without JavaScript would.
    let browse = attrs(&fallback.join(""), "a", "href");
    let browse: Vec<&str> = browse
        .iter()
        .map(|h| h.trim_end_matches("index.html"))
        .collect();
    assert_eq!(
        browse,
        ["../topics/", "../authors/", "../days/", "../archive/"]
    );
    // Filters: the topic, dates bounded by the digest's days, and upvotes (some papers
    // have them).
    assert_eq!(
        attrs(&search, "input[name=topic]", "value"),
        ["dynamical-systems"]
    );
    assert_eq!(attrs(&search, "#search-from", "min"), ["2025-05-01"]);
    assert_eq!(attrs(&search, "#search-to", "max"), ["2025-05-09"]);
    assert_eq!(attrs(&search, "input[name=min_upvotes]", "min"), ["0"]);
}

#[test]
fn a_first_step_that_renumbers_papers_makes_the_index_anew_so_its_files_agree() {
    use paperpress::pipeline::{Changes, Session, Target};
    use paperpress::site::Derived;
    let dir = digest();
    let root = dir.path();
    let mut session = Session::open(common::session_options(root));
    let files =
        |update: &paperpress::pipeline::Update| -> std::collections::BTreeMap<String, String> {
            update
                .write
                .iter()
                .map(|p| (p.file.clone(), p.html.clone()))
                .collect()
        };
    let first = session.build(Target::Memory).unwrap();
    let mut output = files(&first);
    session.commit(first);

    // An older paper shifts the numbers of both others.
    common::write(
        root,
        "content/papers/older.md",
        &paper("Quasicrystals", "2025-04-01", "", "Aperiodic tilings."),
    );
    session.apply(&Changes {
        content: vec![root.join("content/papers/older.md")],
        ..Changes::default()
    });
    session.set_derived(Derived::Provisional);
    let update = session.build(Target::Memory).unwrap();
    output.extend(files(&update));
    let manifest: Value = serde_json::from_str(&output["search/index.json"]).unwrap();
    let facets: Value = serde_json::from_str(&output["search/facets.json"]).unwrap();
    assert_eq!(manifest["papers"], 3);
    assert_eq!(facets["upvotes"].as_array().unwrap().len(), 3);
    let ids_file = manifest["ids"]["2505"][0].as_str().unwrap();
    let ids: Value = serde_json::from_str(&output[&format!("search/{ids_file}")]).unwrap();
    assert_eq!(ids["2505.01234"], 1, "the May 1 paper is now number 1");
}
