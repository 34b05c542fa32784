//! Template values of the graph's nodes, built once per build. Pages and listings share
//! these instead of serializing a paper again for every place it is shown.

use rayon::prelude::*;
use serde_json::{Value, json};

use super::{GroupNode, Site};

/// "9 May 2025": unambiguous in every locale, unlike 9/5/2025.
pub fn display_date(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// Labels for well-known link names; any other name is shown as written.
fn link_label(name: &str) -> String {
    match name {
        "pdf" => "PDF".into(),
        "code" => "Code".into(),
        "project" => "Project".into(),
        "doi" => "DOI".into(),
        "html" => "HTML".into(),
        "video" => "Video".into(),
        "slides" => "Slides".into(),
        "data" | "dataset" => "Data".into(),
        other => other.to_string(),
    }
}

/// Display order of links: arXiv, PDF, code, project, DOI, then the rest by name.
fn link_rank(name: &str) -> usize {
    ["arxiv", "pdf", "code", "project", "doi"]
        .iter()
        .position(|n| *n == name)
        .unwrap_or(5)
}

pub fn fill(site: &mut Site) {
    let links = site.links;
    let base_url = site.config.base_url.clone();
    let group_value = |g: &GroupNode| {
        json!({
            "name": g.name,
            "slug": g.slug,
            "description": g.description,
            "path": links.link(&g.dir),
            "count": g.papers.len(),
        })
    };
    for t in &mut site.topics {
        t.value = group_value(t);
    }
    for a in &mut site.authors {
        a.value = group_value(a);
    }
    for d in &mut site.days {
        d.value = json!({
            "date": d.date.format("%Y-%m-%d").to_string(),
            "date_display": display_date(d.date),
            "path": links.link(&d.dir),
            "count": d.papers.len(),
        });
    }

    let ref_value = |g: &GroupNode| json!({ "name": g.name, "path": links.link(&g.dir) });
    let values: Vec<Value> = site
        .papers
        .par_iter()
        .map(|node| {
            let p = &node.paper;
            let mut link_list: Vec<(String, String)> = p.links.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            if let Some(id) = &p.arxiv {
                link_list.push(("arxiv".into(), id.abs_url()));
                if !p.links.contains_key("pdf") {
                    link_list.push(("pdf".into(), id.pdf_url()));
                }
            }
            link_list.sort_by(|a, b| link_rank(&a.0).cmp(&link_rank(&b.0)).then_with(|| a.0.cmp(&b.0)));
            json!({
                "title": node.title.plain,
                "title_html": node.title.html,
                "slug": node.slug,
                "path": links.link(&node.dir),
                "permalink": format!("{base_url}{}", node.dir),
                "date": p.date.format("%Y-%m-%d").to_string(),
                "date_display": display_date(p.date),
                "day_path": links.link(&site.days[node.day].dir),
                "authors": node.authors.iter().map(|&a| ref_value(&site.authors[a])).collect::<Vec<_>>(),
                "topics": node.topics.iter().map(|&t| ref_value(&site.topics[t])).collect::<Vec<_>>(),
                "arxiv": p.arxiv.as_ref().map(|a| json!({ "id": a.id, "version": a.version, "url": a.abs_url() })),
                "links": link_list.into_iter().map(|(name, url)| {
                    let label = if name == "arxiv" { "arXiv".to_string() } else { link_label(&name) };
                    json!({ "name": name, "label": label, "url": url })
                }).collect::<Vec<_>>(),
                "upvotes": p.upvotes,
                "draft": p.draft,
                "summary": node.body.summary,
                "has_code": node.body.has_code,
                "description": node.body.description,
                "extra": p.extra,
                "source": p.source.to_string_lossy(),
            })
        })
        .collect();
    for (node, card) in site.papers.iter_mut().zip(values) {
        let mut value = card.clone();
        value["content"] = Value::String(std::mem::take(&mut node.body.html));
        node.card = card;
        node.value = value;
    }

    for node in &mut site.pages {
        let p = &node.page;
        node.value = json!({
            "title": p.title,
            "path": links.link(&p.dir),
            "permalink": format!("{base_url}{}", p.dir),
            "content": std::mem::take(&mut node.body.html),
            "has_code": node.body.has_code,
            "extra": p.extra,
            "source": p.source.to_string_lossy(),
        });
    }

    let c = &site.config;
    site.site_value = json!({
        "title": c.title,
        "description": c.description,
        "base_url": c.base_url,
        "language": c.language,
        "nav": {
            "home": links.link(""),
            "topics": links.link(super::links::TOPICS_DIR),
            "authors": links.link(super::links::AUTHORS_DIR),
            "days": links.link(super::links::DAYS_DIR),
        },
        "pages": site.pages.iter().map(|n| json!({ "title": n.page.title, "path": n.value["path"] })).collect::<Vec<_>>(),
        "has_authors": !site.authors.is_empty(),
    });
}
