//! Blocks a template fills that no template it extends has.
//!
//! Tera renders a child template's top-level blocks only where a template it extends has
//! a block of the same name; any other block is dropped without a word. A misspelt
//! `{% block contnet %}` in a site's `templates/paper.html` would leave the page without
//! its content and the build green. So each such block is an error that names the
//! template, the line and the blocks it could have meant.

use std::collections::HashMap;

use tera::Tera;
use tera::ast::Node;

use crate::diagnostics::Diagnostic;

/// The blocks, across all templates, that nothing they extend has. `sources` holds each
/// template's file as shown in messages, and its text, by template name.
pub fn unknown(tera: &Tera, sources: &HashMap<&str, (&str, &str)>) -> Vec<Diagnostic> {
    let mut names: Vec<&String> = tera.templates.keys().collect();
    names.sort();
    let mut errors = Vec::new();
    for name in names {
        let template = &tera.templates[name];
        if template.parents.is_empty() {
            continue;
        }
        let ancestors: Vec<&tera::Template> = template
            .parents
            .iter()
            .filter_map(|p| tera.templates.get(p))
            .collect();
        for node in &template.ast {
            let Node::Block(_, block, _) = node else {
                continue;
            };
            if ancestors.iter().any(|a| a.blocks.contains_key(&block.name)) {
                continue;
            }
            let (shown, source) = sources.get(name.as_str()).copied().unwrap_or((name, ""));
            errors.push(Diagnostic::new(
                shown,
                line_of_block(source, &block.name),
                message(&block.name, &template.parents, &ancestors),
            ));
        }
    }
    errors
}

fn message(block: &str, parents: &[String], ancestors: &[&tera::Template]) -> String {
    let mut known: Vec<&str> = ancestors
        .iter()
        .flat_map(|a| a.blocks.keys().map(String::as_str))
        .collect();
    known.sort_unstable();
    known.dedup();
    let closest = known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(block, k), *k))
        .filter(|(distance, _)| *distance <= 2)
        .min();
    let hint = match closest {
        Some((_, k)) => format!("did you mean `{k}`?"),
        None => format!("the blocks there are {}", known.join(", ")),
    };
    format!(
        "block `{block}` is in no template this one extends ({}), so nothing of it would be shown; {hint}",
        parents.join(" → ")
    )
}

/// The line (1-based) of `{% block name %}` in a template's text.
fn line_of_block(source: &str, name: &str) -> Option<usize> {
    source
        .lines()
        .position(|line| {
            line.match_indices("block").any(|(at, _)| {
                let rest = line[at + "block".len()..].trim_start();
                rest.strip_prefix(name).is_some_and(|after| {
                    after.starts_with(|c: char| c.is_whitespace() || c == '%' || c == '-')
                })
            })
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.to_vec()).unwrap();
        tera
    }

    fn errors(templates: &[(&str, &str)]) -> Vec<String> {
        let tera = tera(templates);
        let sources = templates
            .iter()
            .map(|(name, text)| (*name, (*name, *text)))
            .collect();
        unknown(&tera, &sources)
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    const BASE: &str =
        "<main>{% block content %}{% endblock content %}</main>{% block footer %}{% endblock %}";

    #[test]
    fn a_misspelt_block_is_named_with_its_line_and_the_closest_name() {
        let errors = errors(&[
            ("base.html", BASE),
            (
                "page.html",
                "{% extends \"base.html\" %}\n{% block footer %}f{% endblock %}\n{% block contnet %}x{% endblock contnet %}",
            ),
        ]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("page.html:3"), "{errors:?}");
        assert!(
            errors[0].contains("block `contnet` is in no template this one extends (base.html)")
        );
        assert!(errors[0].contains("did you mean `content`?"), "{errors:?}");
    }

    #[test]
    fn blocks_of_any_ancestor_and_blocks_inside_blocks_are_fine() {
        let errors = errors(&[
            ("base.html", BASE),
            (
                "layout.html",
                "{% extends \"base.html\" %}{% block content %}<div>{% block inner %}{% endblock inner %}</div>{% endblock content %}",
            ),
            (
                "page.html",
                "{% extends \"layout.html\" %}{% block inner %}i{% endblock %}{% block footer %}f{% endblock %}",
            ),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn a_name_far_from_any_lists_the_blocks_there_are() {
        let errors = errors(&[
            ("base.html", BASE),
            (
                "page.html",
                "{% extends \"base.html\" %}{% block sidebar %}s{% endblock %}",
            ),
        ]);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].ends_with("the blocks there are content, footer"),
            "{errors:?}"
        );
    }
}
