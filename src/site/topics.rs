//! Keyword rules from `site.toml`: which declared topics a paper without its own
//! `topics` gets. A keyword matches case-insensitively as a whole word or phrase in the
//! title or abstract. A paper gets at most `max_topics` of them: the ones with the most
//! keyword hits, equal counts going to the topic declared first.
//!
//! All keywords of all topics go into one Aho-Corasick automaton, so each paper's text is
//! scanned once however many topics and keywords the site declares.

use aho_corasick::AhoCorasick;

use crate::config::TopicRule;

pub struct TopicMatcher {
    automaton: Option<AhoCorasick>,
    /// The phrases, lower case, in pattern order.
    patterns: Vec<String>,
    /// For each pattern: (topic index, is it an exclude phrase).
    owners: Vec<(usize, bool)>,
    topic_count: usize,
    max_topics: usize,
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
            patterns,
            owners,
            topic_count: rules.len(),
            max_topics: usize::MAX,
        }
    }

    /// Gives each paper at most `max` topics.
    pub fn with_max(self, max: usize) -> TopicMatcher {
        TopicMatcher {
            max_topics: max,
            ..self
        }
    }

    /// Indices of the declared topics whose rules match this title and abstract, in
    /// declaration order, at most `max_topics` of them.
    pub fn topics_for(&self, title: &str, body: &str) -> Vec<usize> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let text = format!("{title}\n{body}").to_lowercase();
        let mut hits = vec![0usize; self.topic_count];
        let mut excluded = vec![false; self.topic_count];
        for m in automaton.find_overlapping_iter(&text) {
            if is_word_boundary(&text, m.start(), m.end()) {
                let (topic, is_exclude) = self.owners[m.pattern().as_usize()];
                if is_exclude {
                    excluded[topic] = true;
                } else {
                    hits[topic] += 1;
                }
            }
        }
        let mut matched: Vec<usize> = (0..self.topic_count)
            .filter(|&t| hits[t] > 0 && !excluded[t])
            .collect();
        if matched.len() > self.max_topics {
            // Most hits first; the sort is stable, so ties stay in declaration order.
            matched.sort_by_key(|&t| std::cmp::Reverse(hits[t]));
            matched.truncate(self.max_topics);
            matched.sort_unstable();
        }
        matched
    }
}

/// Why a paper got, or did not get, one topic by the rules.
#[derive(Debug, PartialEq, Eq)]
pub struct TopicMatch {
    /// Index of the declared topic.
    pub topic: usize,
    /// Each keyword that matched, with how often, in the order first met.
    pub keywords: Vec<(String, usize)>,
    /// The exclude phrases that matched: the topic is not given.
    pub excluded_by: Vec<String>,
    /// Whether the paper gets it (matched, not excluded, within `max_topics`).
    pub given: bool,
}

impl TopicMatcher {
    /// Every topic whose keywords or exclude phrases match this title and abstract, in
    /// declaration order, with the phrases that matched: what `topics_for` decides from.
    pub fn explain(&self, title: &str, body: &str) -> Vec<TopicMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let text = format!("{title}\n{body}").to_lowercase();
        let mut found: Vec<TopicMatch> = (0..self.topic_count)
            .map(|topic| TopicMatch {
                topic,
                keywords: Vec::new(),
                excluded_by: Vec::new(),
                given: false,
            })
            .collect();
        for m in automaton.find_overlapping_iter(&text) {
            if !is_word_boundary(&text, m.start(), m.end()) {
                continue;
            }
            let pattern = m.pattern().as_usize();
            let (topic, is_exclude) = self.owners[pattern];
            let phrase = &self.patterns[pattern];
            let entry = &mut found[topic];
            if is_exclude {
                if !entry.excluded_by.contains(phrase) {
                    entry.excluded_by.push(phrase.clone());
                }
            } else {
                match entry.keywords.iter_mut().find(|(k, _)| k == phrase) {
                    Some((_, n)) => *n += 1,
                    None => entry.keywords.push((phrase.clone(), 1)),
                }
            }
        }
        let given = self.topics_for(title, body);
        found.retain(|f| !f.keywords.is_empty() || !f.excluded_by.is_empty());
        for f in &mut found {
            f.given = given.contains(&f.topic);
        }
        found
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

    #[test]
    fn a_paper_keeps_the_topics_with_the_most_hits_then_the_first_declared() {
        let rules = [
            rule("A", &["alpha"], &[]),
            rule("B", &["beta"], &[]),
            rule("C", &["gamma", "gammas"], &[]),
            rule("D", &["delta"], &[]),
        ];
        let text = "alpha beta gamma gammas delta delta delta";
        let all = TopicMatcher::new(&rules);
        assert_eq!(all.topics_for("T", text), [0, 1, 2, 3]);
        let two = TopicMatcher::new(&rules).with_max(2);
        // D has three hits and C two; A and B one each.
        assert_eq!(two.topics_for("T", text), [2, 3]);
        let three = TopicMatcher::new(&rules).with_max(3);
        // A ties with B for the third place and was declared first.
        assert_eq!(three.topics_for("T", text), [0, 2, 3]);
    }
}
