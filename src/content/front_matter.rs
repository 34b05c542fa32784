//! Splitting an entry into front matter and body, and parsing the front matter (TOML
//! between `+++` lines or YAML between `---` lines) into one format-neutral map.
//!
//! Both formats end up as a `serde_json` map so that field validation is written once.
//! Each top-level key remembers its line, so later checks can say `file:line: field: ...`.

use std::collections::HashMap;

use serde_json::{Map, Value};

/// A parse failure, positioned at a 1-based line of the whole file when known.
#[derive(Debug, PartialEq)]
pub struct FrontMatterError {
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Debug)]
pub struct FrontMatter {
    pub fields: Map<String, Value>,
    /// Line (1-based, in the whole file) where each top-level key is written.
    pub key_lines: HashMap<String, usize>,
    pub body: String,
}

impl FrontMatter {
    pub fn line_of(&self, key: &str) -> Option<usize> {
        // A dotted key such as `links.pdf` lives on its own line or under `[links]`.
        self.key_lines
            .get(key)
            .or_else(|| {
                key.split('.')
                    .next()
                    .and_then(|top| self.key_lines.get(top))
            })
            .copied()
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Toml,
    Yaml,
}

pub fn parse(text: &str) -> Result<FrontMatter, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first_raw = lines.next().unwrap_or("");
    let first = first_raw.trim_end();
    let (format, fence) = match first {
        "+++" => (Format::Toml, "+++"),
        "---" => (Format::Yaml, "---"),
        _ => {
            return Err(FrontMatterError {
                line: Some(1),
                message: "expected front matter at the top: fields between two `+++` lines (TOML) or two `---` lines (YAML)".into(),
            });
        }
    };

    let mut offset = first_raw.len();
    let fm_start = offset;
    let mut fm_end = None;
    for line in lines {
        if line.trim_end() == fence {
            fm_end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((fm_end, body_start)) = fm_end else {
        return Err(FrontMatterError {
            line: Some(1),
            message: format!(
                "the front matter opened with `{fence}` on line 1 is never closed: add a line with `{fence}` after the last field"
            ),
        });
    };

    let source = &text[fm_start..fm_end];
    let first_line = 2; // the fence is line 1
    let fields = match format {
        Format::Toml => parse_toml(source, first_line)?,
        Format::Yaml => parse_yaml(source, first_line)?,
    };
    Ok(FrontMatter {
        fields,
        key_lines: key_lines(source, first_line, format),
        body: text[body_start..].to_string(),
    })
}

fn parse_toml(source: &str, first_line: usize) -> Result<Map<String, Value>, FrontMatterError> {
    let table: toml::Table = toml::from_str(source).map_err(|e| FrontMatterError {
        line: e
            .span()
            .map(|s| first_line + crate::config::line_of_offset(source, s.start) - 1),
        message: format!("front matter is not valid TOML: {}", e.message().trim()),
    })?;
    Ok(table
        .into_iter()
        .map(|(k, v)| (k, toml_to_json(v)))
        .collect())
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        // Unquoted TOML dates (`date = 2025-05-09`) become their text, like YAML's.
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn parse_yaml(source: &str, first_line: usize) -> Result<Map<String, Value>, FrontMatterError> {
    if source.trim().is_empty() {
        return Ok(Map::new());
    }
    let yaml: serde_yaml_ng::Value =
        serde_yaml_ng::from_str(source).map_err(|e| FrontMatterError {
            line: e.location().map(|l| first_line + l.line() - 1),
            message: format!("front matter is not valid YAML: {e}"),
        })?;
    match serde_json::to_value(&yaml) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(_) => Err(FrontMatterError {
            line: Some(first_line),
            message: "front matter must be a set of `key: value` fields".into(),
        }),
        Err(e) => Err(FrontMatterError {
            line: Some(first_line),
            message: format!("front matter has a value paperpress cannot read: {e}"),
        }),
    }
}

/// Finds the line of each top-level key: `key = ` / `[key]` in TOML, `key:` in YAML.
fn key_lines(source: &str, first_line: usize, format: Format) -> HashMap<String, usize> {
    let mut lines = HashMap::new();
    for (i, line) in source.lines().enumerate() {
        if line.starts_with([' ', '\t', '#']) {
            continue;
        }
        let key = match format {
            Format::Toml if line.starts_with('[') => line
                .trim_start_matches('[')
                .split(']')
                .next()
                .map(|k| k.trim().split('.').next().unwrap_or("").trim()),
            Format::Toml => line.split_once('=').map(|(k, _)| k.trim()),
            Format::Yaml => line.split_once(':').map(|(k, _)| k.trim()),
        };
        if let Some(key) = key {
            let key = key.trim_matches(|c| c == '"' || c == '\'');
            if !key.is_empty() {
                lines.entry(key.to_string()).or_insert(first_line + i);
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_and_yaml_give_the_same_fields() {
        let t =
            parse("+++\ntitle = \"A\"\ndate = 2025-05-09\nauthors = [\"X\"]\n+++\nBody\n").unwrap();
        let y = parse("---\ntitle: A\ndate: 2025-05-09\nauthors: [X]\n---\nBody\n").unwrap();
        assert_eq!(t.fields, y.fields);
        assert_eq!(t.body, "Body\n");
        assert_eq!(y.body, "Body\n");
        assert_eq!(t.line_of("date"), Some(3));
        assert_eq!(y.line_of("authors"), Some(4));
    }

    #[test]
    fn crlf_and_bom() {
        let t = parse("\u{feff}+++\r\ntitle = \"A\"\r\n+++\r\nBody\r\n").unwrap();
        assert_eq!(t.fields["title"], "A");
        assert_eq!(t.body, "Body\r\n");
        assert_eq!(t.line_of("title"), Some(2));
    }

    #[test]
    fn table_keys_have_lines() {
        let t = parse("+++\ntitle = \"A\"\n\n[links]\npdf = \"x\"\n+++\n").unwrap();
        assert_eq!(t.line_of("links.pdf"), Some(4));
    }

    #[test]
    fn errors_point_at_lines() {
        let e = parse("+++\ntitle = \"A\"\ndate = May 9\n+++\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        let e = parse("---\ntitle: A\nauthors: [x\n---\n").unwrap_err();
        assert!(e.line.is_some_and(|l| l >= 3), "{e:?}");
        let e = parse("+++\ntitle = \"A\"\n").unwrap_err();
        assert!(e.message.contains("never closed"));
        let e = parse("title: A\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(parse("").is_err());
        assert!(parse("---\n- a\n---\n").is_err());
    }
}
