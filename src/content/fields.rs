//! Typed reading of front-matter fields, with errors that name the field and its line.
//!
//! Each `take_*` removes the field from the map, so whatever is left at the end is the
//! entry's `extra`: fields paperpress does not know, passed on to templates untouched.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::front_matter::FrontMatter;
use crate::diagnostics::Diagnostic;

pub struct Fields<'a> {
    file: &'a Path,
    fm: FrontMatter,
    pub errors: Vec<Diagnostic>,
}

/// What a JSON value looks like, in words a user understands.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a table".into(),
    }
}

impl<'a> Fields<'a> {
    pub fn new(file: &'a Path, fm: FrontMatter) -> Self {
        Fields {
            file,
            fm,
            errors: Vec::new(),
        }
    }

    /// The line a key is written on, if the front matter has it.
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.fm.line_of(key)
    }

    pub fn error(&mut self, key: &str, message: impl std::fmt::Display) {
        let line = self.fm.line_of(key);
        self.errors.push(Diagnostic::new(
            self.file,
            line,
            format!("{key}: {message}"),
        ));
    }

    fn take(&mut self, key: &str) -> Option<Value> {
        self.fm.fields.remove(key).filter(|v| !v.is_null())
    }

    pub fn string(&mut self, key: &str) -> Option<String> {
        match self.take(key)? {
            Value::String(s) => Some(s),
            other => {
                self.error(key, format!("expected text, found {}", describe(&other)));
                None
            }
        }
    }

    /// A text field that may also be written as a number (a year: `published = 1967`, as
    /// YAML and TOML read an unquoted year).
    pub fn text_or_number(&mut self, key: &str) -> Option<String> {
        match self.take(key)? {
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            other => {
                self.error(key, format!("expected text, found {}", describe(&other)));
                None
            }
        }
    }

    /// A required, non-blank text field.
    pub fn required_string(&mut self, key: &str, hint: &str) -> Option<String> {
        match self.string(key) {
            Some(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(_) => {
                self.error(key, format!("must not be empty; {hint}"));
                None
            }
            None if self
                .errors
                .iter()
                .any(|e| e.message.starts_with(&format!("{key}:"))) =>
            {
                None
            }
            None => {
                self.errors.push(Diagnostic::new(
                    self.file,
                    Some(1),
                    format!("{key}: missing; {hint}"),
                ));
                None
            }
        }
    }

    /// A list of texts, as written. A single text value is taken as a list of one, as
    /// people write `authors: Jane Doe` in YAML. Blank items are left out.
    pub fn string_list_raw(&mut self, key: &str) -> Vec<String> {
        let items = match self.take(key) {
            None => return Vec::new(),
            Some(Value::String(s)) => vec![Value::String(s)],
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.error(
                    key,
                    format!(
                        "expected a list such as [\"a\", \"b\"], found {}",
                        describe(&other)
                    ),
                );
                return Vec::new();
            }
        };
        let mut texts = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Value::String(s) if !s.trim().is_empty() => texts.push(s),
                Value::String(_) => {}
                other => self.error(
                    key,
                    format!("expected text in the list, found {}", describe(&other)),
                ),
            }
        }
        texts
    }

    /// A list of names, each with whitespace runs made one space. Names must give a URL.
    pub fn string_list(&mut self, key: &str) -> Option<Vec<String>> {
        if self.fm.fields.get(key).is_none_or(|v| v.is_null()) {
            self.fm.fields.remove(key);
            return None;
        }
        let mut names = Vec::new();
        for s in self.string_list_raw(key) {
            let name = s.split_whitespace().collect::<Vec<_>>().join(" ");
            if slug::slugify(&name).is_empty() {
                self.error(
                    key,
                    format!("{s:?} has no letters or digits to make a URL from"),
                );
            } else {
                names.push(name);
            }
        }
        Some(names)
    }

    pub fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let text = self.required_string(key, "add `date = YYYY-MM-DD` (the digest day)")?;
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(d) if text.len() == 10 => Some(d),
            _ => {
                self.error(key, format!("expected YYYY-MM-DD, found {text:?}"));
                None
            }
        }
    }

    pub fn bool(&mut self, key: &str) -> bool {
        match self.take(key) {
            None => false,
            Some(Value::Bool(b)) => b,
            Some(other) => {
                self.error(
                    key,
                    format!("expected true or false, found {}", describe(&other)),
                );
                false
            }
        }
    }

    pub fn count(&mut self, key: &str) -> Option<u64> {
        let value = self.take(key)?;
        match value.as_u64() {
            Some(n) => Some(n),
            None => {
                self.error(
                    key,
                    format!(
                        "expected a whole number of 0 or more, found {}",
                        describe(&value)
                    ),
                );
                None
            }
        }
    }

    /// A table of names to text, such as `links`.
    pub fn string_table(&mut self, key: &str) -> BTreeMap<String, String> {
        let mut table = BTreeMap::new();
        match self.take(key) {
            None => {}
            Some(Value::Object(map)) => {
                for (name, value) in map {
                    match value {
                        Value::String(s) => {
                            table.insert(name, s.trim().to_string());
                        }
                        other => self.error(
                            &format!("{key}.{name}"),
                            format!("expected text, found {}", describe(&other)),
                        ),
                    }
                }
            }
            Some(other) => self.error(
                key,
                format!(
                    "expected a table such as `[{key}]`, found {}",
                    describe(&other)
                ),
            ),
        }
        table
    }

    /// Notes on the keys left so far that paperpress does not know (see
    /// `known_fields::unknown_keys`).
    pub fn unknown_keys(&self) -> Vec<Diagnostic> {
        let keys = self
            .fm
            .fields
            .keys()
            .map(|k| (k.as_str(), self.fm.line_of(k)));
        let set = |key: &str| self.fm.key_lines.contains_key(key);
        super::known_fields::unknown_keys(self.file, keys, &set)
    }

    /// Whatever fields are left: the entry's `extra`.
    pub fn into_rest(self) -> (Map<String, Value>, String, Vec<Diagnostic>) {
        (self.fm.fields, self.fm.body, self.errors)
    }
}
