//! Which templates a template is made of: the ones it extends, includes and imports macros
//! from, followed to the end. A change to any of them changes the pages it renders, so a
//! page's fingerprint includes the fingerprint of all of them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use tera::Tera;
use tera::ast::Node;

use crate::fingerprint::{self, Fingerprint};

/// For every template: a fingerprint of its own source and of every template it uses.
/// `card`, the template of the `card` filter, counts as used by every template whose
/// source calls a `card(` filter: the call names no template. (A mention of it in a
/// comment only costs a needless render.)
pub fn fingerprints(
    tera: &Tera,
    sources: &HashMap<&str, &str>,
    card: &str,
) -> HashMap<String, Fingerprint> {
    let direct: HashMap<&str, BTreeSet<String>> = tera
        .templates
        .iter()
        .map(|(name, t)| {
            let mut uses: BTreeSet<String> = t.parents.iter().cloned().collect();
            uses.extend(t.imported_macro_files.iter().map(|(file, _)| file.clone()));
            collect_includes(&t.ast, &mut uses);
            let calls_card = sources
                .get(name.as_str())
                .is_some_and(|s| s.contains("card("));
            if name != card && calls_card && tera.templates.contains_key(card) {
                uses.insert(card.to_string());
            }
            for m in t.macros.values() {
                collect_includes(&m.body, &mut uses);
            }
            (name.as_str(), uses)
        })
        .collect();
    direct
        .keys()
        .map(|&name| {
            let closure = closure(name, &direct);
            let parts: BTreeMap<&str, &str> = closure
                .iter()
                .map(|n| (n.as_str(), sources.get(n.as_str()).copied().unwrap_or("")))
                .collect();
            (name.to_string(), fingerprint::of(&parts))
        })
        .collect()
}

/// `name` and every template it uses, directly or through others.
fn closure(name: &str, direct: &HashMap<&str, BTreeSet<String>>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![name.to_string()];
    while let Some(n) = stack.pop() {
        if let Some(uses) = direct.get(n.as_str()) {
            stack.extend(uses.iter().filter(|u| !seen.contains(*u)).cloned());
        }
        seen.insert(n);
    }
    seen
}

fn collect_includes(nodes: &[Node], out: &mut BTreeSet<String>) {
    for node in nodes {
        match node {
            Node::Include(_, names, _) => out.extend(names.iter().cloned()),
            Node::Block(_, block, _) => collect_includes(&block.body, out),
            Node::MacroDefinition(_, m, _) => collect_includes(&m.body, out),
            Node::FilterSection(_, f, _) => collect_includes(&f.body, out),
            Node::Forloop(_, f, _) => {
                collect_includes(&f.body, out);
                if let Some(empty) = &f.empty_body {
                    collect_includes(empty, out);
                }
            }
            Node::If(i, _) => {
                for (_, _, body) in &i.conditions {
                    collect_includes(body, out);
                }
                if let Some((_, body)) = &i.otherwise {
                    collect_includes(body, out);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fingerprints_of(templates: &[(&str, &str)]) -> HashMap<String, Fingerprint> {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.to_vec()).unwrap();
        let sources = templates.iter().copied().collect();
        fingerprints(&tera, &sources, "card.html")
    }

    #[test]
    fn a_template_changes_with_what_it_extends_includes_and_imports() {
        let base = [
            (
                "base.html",
                "<main>{% block content %}{% endblock %}</main>",
            ),
            ("card.html", "card"),
            ("snippet.html", "snippet"),
            (
                "macros.html",
                "{% macro m() %}{% include \"deep.html\" %}{% endmacro %}",
            ),
            ("deep.html", "deep"),
            (
                "paper.html",
                "{% extends \"base.html\" %}{% import \"macros.html\" as x %}{% block content %}{% if a %}{% include \"snippet.html\" %}{% endif %}{% for p in ps %}{{ p | card(root=\"\") }}{% endfor %}{% endblock %}",
            ),
            (
                "page.html",
                "{% extends \"base.html\" %}{% block content %}page{% endblock %}",
            ),
        ];
        let before = fingerprints_of(&base);
        for (changed, paper_changes, page_changes) in [
            ("base.html", true, true),
            ("snippet.html", true, false),
            // The `card` filter's template, for the pages that call the filter.
            ("card.html", true, false),
            ("deep.html", true, false),
        ] {
            let edited: Vec<(&str, &str)> = base
                .iter()
                .map(|&(n, s)| {
                    if n == changed {
                        (n, "{# edited #}")
                    } else {
                        (n, s)
                    }
                })
                .collect();
            let edited = fingerprints_of(&edited);
            assert_eq!(
                before["paper.html"] != edited["paper.html"],
                paper_changes,
                "{changed}"
            );
            assert_eq!(
                before["page.html"] != edited["page.html"],
                page_changes,
                "{changed}"
            );
        }
    }
}
