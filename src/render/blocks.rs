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

use crate::diagnostics::{Diagnostic, closest_name};

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
        let mut known: Vec<&str> = Vec::new();
        for parent in template
            .parents
            .iter()
            .filter_map(|p| tera.templates.get(p))
        {
            for_each_block(&parent.ast, true, &mut |block| known.push(block));
        }
        known.sort_unstable();
        known.dedup();
        // The blocks the template fills: those at its top, also inside an `if` or a
        // `filter` there (which Tera never reaches in a template that extends another).
        let mut filled: Vec<&str> = Vec::new();
        for_each_block(&template.ast, false, &mut |block| filled.push(block));
        for block in filled {
            if known.binary_search(&block).is_ok() {
                continue;
            }
            let (shown, source) = sources.get(name.as_str()).copied().unwrap_or((name, ""));
            errors.push(Diagnostic::new(
                shown,
                line_of_block(source, block),
                message(block, &template.parents, &known),
            ));
        }
    }
    errors
}

/// Calls `found` with the name of each block in `nodes`, and in the bodies of their `if`
/// and `filter` sections, where Tera looks a block up too; with `nested`, also each block
/// inside those blocks.
fn for_each_block<'a>(nodes: &'a [Node], nested: bool, found: &mut impl FnMut(&'a str)) {
    for node in nodes {
        match node {
            Node::Block(_, block, _) => {
                found(&block.name);
                if nested {
                    for_each_block(&block.body, nested, found);
                }
            }
            Node::If(branches, _) => {
                for (_, _, body) in &branches.conditions {
                    for_each_block(body, nested, found);
                }
                if let Some((_, body)) = &branches.otherwise {
                    for_each_block(body, nested, found);
                }
            }
            Node::FilterSection(_, section, _) => for_each_block(&section.body, nested, found),
            _ => {}
        }
    }
}

fn message(block: &str, parents: &[String], known: &[&str]) -> String {
    let hint = match closest_name(block, known.iter().copied()) {
        Some(k) => format!("did you mean `{k}`?"),
        None if known.is_empty() => "and they have no blocks".to_string(),
        None => format!("the blocks there are {}", known.join(", ")),
    };
    format!(
        "block `{block}` is in no template this one extends ({}), so nothing of it would be shown; {hint}",
        parents.join(" → ")
    )
}

/// The line (1-based) of the tag `{% block name %}` in a template's text, comments aside.
fn line_of_block(source: &str, name: &str) -> Option<usize> {
    let mut rest = source;
    let mut line = 1;
    while let Some(at) = rest.find("{%").into_iter().chain(rest.find("{#")).min() {
        line += rest[..at].matches('\n').count();
        rest = &rest[at..];
        if rest.starts_with("{#") {
            let end = rest.find("#}").map_or(rest.len(), |e| e + 2);
            line += rest[..end].matches('\n').count();
            rest = &rest[end..];
            continue;
        }
        let tag = rest[2..].trim_start_matches('-').trim_start();
        if let Some(after) = tag.strip_prefix("block") {
            let after = after.trim_start();
            if after.len() < tag.len() - "block".len()
                && after.strip_prefix(name).is_some_and(|end| {
                    end.starts_with(|c: char| c.is_whitespace() || c == '%' || c == '-')
                })
            {
                return Some(line);
            }
        }
        rest = &rest[2..];
    }
    None
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
    fn blocks_inside_an_if_or_a_filter_of_the_templates_extended_count() {
        let errors = errors(&[
            (
                "base.html",
                "{% if x %}{% block search %}{% endblock %}{% endif %}{% filter upper %}{% block note %}{% endblock %}{% endfilter %}",
            ),
            (
                "page.html",
                "{% extends \"base.html\" %}{% block search %}s{% endblock %}{% block note %}n{% endblock %}",
            ),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn a_block_inside_an_if_of_a_template_that_extends_is_checked_and_the_comment_skipped() {
        let errors = errors(&[
            ("base.html", BASE),
            (
                "page.html",
                "{# {% block contnet %} in a comment #}\n{% extends \"base.html\" %}\n{% if x %}\n{%- block contnet -%}x{% endblock %}{% endif %}",
            ),
        ]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("page.html:4: block `contnet`"),
            "{errors:?}"
        );
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
