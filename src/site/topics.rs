//! Keyword rules from `site.toml`: which declared topics a paper without its own
//! `topics` gets. A keyword matches case-insensitively as a whole word or phrase in the
//! title or abstract.
//!
//! All keywords of all topics go into one Aho-Corasick automaton, so each paper's text is
//! scanned once however many topics and keywords the site declares.

use aho_corasick::AhoCorasick;

use crate::config::TopicRule;

pub struct TopicMatcher {
    automaton: Option<AhoCorasick>,
    /// For each pattern: (topic index, is it an exclude phrase).
    owners: Vec<(usize, bool)>,
    topic_count: usize,
}

impl TopicMatcher {
    pub fn new(rules: &[TopicRule]) -> TopicMatcher {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (topic, rule) in rules.iter().enumerate() {
            let phrases = rule
                .keywords
                .iter()
                .map(|k| (k, false))
                .chain(rule.exclude.iter().map(|k| (k, true)));
            for (phrase, is_exclude) in phrases {
                let phrase = phrase.trim().to_lowercase();
                if !phrase.is_empty() {
                    patterns.push(phrase);
                    owners.push((topic, is_exclude));
                }
            }
        }
        let automaton = (!patterns.is_empty())
            .then(|| AhoCorasick::new(&patterns).expect("plain string patterns always build"));
        TopicMatcher {
            automaton,
            owners,
            topic_count: rules.len(),
        }
    }

    /// Indices of the declared topics whose rules match this title and abstract.
    pub fn topics_for(&self, title: &str, body: &str) -> Vec<usize> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let text = format!("{title}\n{body}").to_lowercase();
        let mut matched = vec![false; self.topic_count];
        let mut excluded = vec![false; self.topic_count];
        for m in automaton.find_overlapping_iter(&text) {
            if is_word_boundary(&text, m.start(), m.end()) {
                let (topic, is_exclude) = self.owners[m.pattern().as_usize()];
                if is_exclude {
                    excluded[topic] = true;
                } else {
                    matched[topic] = true;
                }
            }
        }
        (0..self.topic_count)
            .filter(|&t| matched[t] && !excluded[t])
            .collect()
    }
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(name: &str, keywords: &[&str], exclude: &[&str]) -> TopicRule {
        TopicRule {
            name: name.into(),
            description: String::new(),
            keywords: keywords.iter().map(|s| s.to_string()).collect(),
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn whole_words_case_insensitive_with_excludes() {
        let m = TopicMatcher::new(&[
            rule(
                "Vision",
                &["vision", "image classification"],
                &["vision-language"],
            ),
            rule("Speech", &["speech"], &[]),
            rule("RL", &["reinforcement learning"], &[]),
        ]);
        assert_eq!(
            m.topics_for("Better Image  Classification", "x"),
            Vec::<usize>::new()
        );
        assert_eq!(m.topics_for("Better Image Classification", "x"), [0]);
        assert_eq!(
            m.topics_for("Supervision matters", "no match here"),
            Vec::<usize>::new()
        );
        assert_eq!(m.topics_for("A Vision-Language model", "speech."), [1]);
        assert_eq!(
            m.topics_for("T", "Deep Reinforcement Learning for SPEECH"),
            [1, 2]
        );
        assert!(TopicMatcher::new(&[]).topics_for("a", "b").is_empty());
    }
}
