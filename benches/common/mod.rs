//! A generated digest for benchmarks: any number of papers, made deterministically (the
//! same digest on every run and machine) from the default digest's real abstracts and its
//! `site.toml`, shaped like a real digest so that every stage of a build has realistic
//! work to do:
//!
//! - titles from a vocabulary of a few hundred phrases in nineteen patterns ("X: Y for Z",
//!   "Towards ...", "On the ... of ..."), 30 to 140 characters; about 1.5% of papers repeat
//!   an earlier title and about 1% share an earlier title's first 80 characters, so about
//!   2.5% of the slugs clash (the build gives those papers a suffixed slug, with a warning);
//! - 3 to 8 authors from a pool of half as many names as papers (11 papers per author on
//!   average), skewed so that a few authors have several times as many;
//! - 1 to 3 of the site's `[[topics]]`, written as `topics = [...]`;
//! - consecutive days back from 2025-05-09, 50 to 150 papers a day (100,000 papers span
//!   about 2.7 years), arXiv ids of the day's month, unique, some with a version;
//! - skewed upvotes; inline math in about 10% of abstracts, a display formula in 2% and a
//!   Python code block in 2%;
//! - bodies from halves of two real abstracts, so that similar papers are similar, not
//!   identical.

#![allow(dead_code)] // each benchmark uses a different part

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use paperpress::site::links::title_slug;

/// Bump when the generated digest changes on purpose. The scale benchmark keys its cache
/// of generated digests on it, next to a hash of this file and of its inputs.
pub const GENERATOR_VERSION: u32 = 2;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The default digest's abstracts (the body of each entry).
fn abstracts() -> Vec<String> {
    let mut texts: Vec<String> = walkdir::WalkDir::new(repo().join("content/papers"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .filter_map(|t| t.splitn(3, "+++\n").nth(2).map(|b| b.trim().to_string()))
        .collect();
    if texts.is_empty() {
        texts.push("A typical abstract about pre-training language models. ".repeat(20));
    }
    texts
}

/// The names of the site's `[[topics]]`, which generated papers set as their topics.
fn topic_names(site_toml: &str) -> Vec<String> {
    let table: toml::Table = site_toml.parse().expect("site.toml parses");
    let names: Vec<String> = table
        .get("topics")
        .and_then(|t| t.as_array())
        .into_iter()
        .flatten()
        .filter_map(|t| t.get("name")?.as_str().map(str::to_string))
        .collect();
    assert!(!names.is_empty(), "site.toml declares no [[topics]]");
    names
}

/// A hash of everything the generated digest depends on: this file (the generator), the
/// default digest's `site.toml` and its abstracts. With the size and `GENERATOR_VERSION`
/// it names a cached digest, so that a changed generator or seed is never served stale.
pub fn fingerprint() -> String {
    let site = std::fs::read_to_string(repo().join("site.toml")).unwrap_or_default();
    let inputs = [include_str!("mod.rs"), &site, &abstracts().join("\n")].join("\u{0}");
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(inputs.as_bytes()))
}

/// A small deterministic generator (no randomness between runs).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }

    /// A number in [0, 1), from the generator's 31 high bits.
    fn unit(&mut self) -> f64 {
        self.next(1 << 31) as f64 / (1u64 << 31) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next(items.len())]
    }

    /// An index below `n`, small ones far more often: `n·u^1.25`, of density ∝ x^(-1/5),
    /// so that a few are drawn tens of times as often as most (prolific authors, busy
    /// topics). `u·√√u` rather than `powf`, so that every platform draws the same numbers.
    fn skewed(&mut self, n: usize) -> usize {
        let u = self.unit();
        ((n as f64 * u * u.sqrt().sqrt()) as usize).min(n - 1)
    }
}

/// Lines of a block of text, trimmed, without empty ones: the vocabularies below.
fn lines(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

const FIRST: &str =
    "Ada Alan Grace Edsger Barbara Donald Frances John Leslie Margaret Niklaus Radia
    Shafi Tim Yann Yoshua Geoffrey Daphne Andrew Ilya Oriol Kaiming Ross Jitendra Chelsea
    Sergey Pieter Percy Chris Dan Emily Hanna Jure Kyunghyun Luke Mira Noam Quoc Sasha Aisha
    Amara Anjali Arjun Beatriz Bo Camila Chiara Dmitri Elif Farah Felix Gabriel Hiroshi Ines
    Ingrid Jamal Javier Jia Jonas Karim Kenji Lars Leila Lucia Mateo Mei Mohammed Nadia Naveen
    Olga Omar Priya Rafael Rania Ravi Sakura Samuel Sofia Tariq Thandiwe Tomas Valentina Wei
    Xin Yara Yusuf Zainab Zhen Ahmed Akira Alejandro Ananya Chen Divya Emre Fatima Hyun";
const LAST: &str =
    "Lovelace Turing Hopper Dijkstra Liskov Knuth Allen McCarthy Lamport Hamilton Wirth
    Perlman Goldwasser LeCun Bengio Hinton Koller Sutskever Vinyals Girshick Malik Finn Levine
    Abbeel Liang Manning Jurafsky Bender Wallach Leskovec Zettlemoyer Shazeer Rush Bahdanau
    Graves Schmidhuber Hochreiter Vaswani Parmar Uszkoreit Gomez Kaiser Polosukhin Devlin
    Toutanova Radford Amodei Kaplan Dhariwal Neelakantan Askell Agarwal Krueger Henighan Ramesh
    Ziegler Hesse Sigler Adeyemi Andersson Bauer Becker Castillo Chatterjee Chowdhury Costa
    Dubois Eriksson Fernandes Fischer Fujita Garcia Gupta Hashimoto Hernandez Ibrahim Iyer
    Jansen Kim Kowalski Kumar Lindqvist Lopez Mahmoud Martins Mendoza Moreau Mukherjee
    Nakamura Nguyen Novak Okafor Oliveira Park Petrov Popescu Rahman Reddy Rossi Sato Schmidt
    Silva Singh Sokolov Suzuki Tanaka Torres Tran Varga Volkov Wagner Watanabe Yamamoto Yilmaz
    Zhang Zhou Zhao Wang Liu Yang Huang Xu Sun Ma Gao Lin Luo Song Tang Feng Deng Cao Peng Zeng
    Xiao Pan Yuan Dong Jiang Shen Han Du Okonkwo Mensah Banerjee Raman Sharma Bose Ortiz";

/// Author names: `pool` distinct names, first × last name combinations in a scrambled
/// order, then the same combinations again with a middle initial ("Ada B. Lovelace").
fn author_pool(pool: usize) -> Vec<String> {
    let first: Vec<&str> = FIRST.split_whitespace().collect();
    let last: Vec<&str> = LAST.split_whitespace().collect();
    let combos = first.len() * last.len();
    // A stride coprime with `combos` visits every combination once, scrambled.
    let stride = (7919..).find(|s| gcd(*s, combos) == 1).unwrap();
    (0..pool)
        .map(|k| {
            let m = (k % combos) * stride % combos;
            let round = k / combos;
            let (f, l) = (first[m % first.len()], last[m / first.len()]);
            match round {
                0 => format!("{f} {l}"),
                r => format!("{f} {} {l}", initials(r)),
            }
        })
        .collect()
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// "B.", "C.", ... then "A. B." and so on: middle initials for the `round`th reuse of
/// the first × last name combinations.
fn initials(round: usize) -> String {
    let (mut r, mut out) = (round, String::new());
    while r > 0 {
        let letter = (b'A' + ((r - 1) % 26) as u8) as char;
        out.insert_str(0, &format!("{letter}. "));
        r = (r - 1) / 26;
    }
    out.trim_end().to_string()
}

/// The vocabulary of titles.
struct Vocab {
    method_start: Vec<&'static str>,
    method_end: Vec<&'static str>,
    versions: Vec<&'static str>,
    adjectives: Vec<&'static str>,
    nouns: Vec<&'static str>,
    tasks: Vec<&'static str>,
    domains: Vec<&'static str>,
    techniques: Vec<&'static str>,
    properties: Vec<&'static str>,
    objects: Vec<&'static str>,
    conditions: Vec<&'static str>,
    gerunds: Vec<&'static str>,
    roles: Vec<&'static str>,
    questions: Vec<&'static str>,
    scales: Vec<&'static str>,
    artifacts: Vec<&'static str>,
    findings: Vec<&'static str>,
}

impl Vocab {
    fn new() -> Vocab {
        let words = |s: &'static str| s.split_whitespace().collect::<Vec<_>>();
        Vocab {
            method_start: words(
                "Flash Mega Nano Omni Hyper Meta Uni Poly Dyna Sparse Deep Open Tiny Long Fast
                 Self Auto Cross Multi Retro Neo Quant Mix Lumi Astra Nova Orca Falcon Llama
                 Gemma Mamba Hydra Atlas Titan Aurora Zephyr Vita Echo Prism Helix",
            ),
            method_end: words(
                "Former Net LM Bert GPT Mix MoE Diff CLIP Align Tune Coder Agent Bench Gen Seg
                 ViT Vox Chat Mind Flow RL Prompt Distill Lens Sight Scribe Chem Med Math",
            ),
            versions: vec!["", "", "", "", "-2", " 2.0", "-XL", "-Lite", "-R1", "v2"],
            adjectives: lines(
                "Efficient\nScalable\nRobust\nSparse\nAdaptive\nUnified\nHierarchical
                 Contrastive\nGenerative\nMultimodal\nMultilingual\nSelf-Supervised
                 Parameter-Efficient\nLong-Context\nData-Efficient\nCompute-Optimal
                 Lightweight\nInterpretable\nFaithful\nCalibrated\nContinual\nFederated
                 Differentially Private\nRetrieval-Augmented\nInstruction-Tuned\nZero-Shot
                 Few-Shot\nCross-Lingual\nOpen-Vocabulary\nMemory-Efficient\nDecoupled
                 Structured\nLatent\nCausal\nBidirectional\nAutoregressive\nDiffusion-Based
                 Token-Level\nLayer-Wise\nCurriculum-Guided",
            ),
            nouns: lines(
                "Pre-training\nRepresentation Learning\nLanguage Modeling\nVision Transformers
                 Mixture-of-Experts\nAttention\nTokenization\nDistillation\nReward Modeling
                 Speech Recognition\nImage Generation\nCode Generation\nReasoning\nAlignment
                 Embeddings\nRetrieval\nFine-Tuning\nQuantization\nPruning\nState Space Models
                 Graph Neural Networks\nVideo Understanding\nData Selection
                 Preference Optimization\nTool Use\nPlanning\nSummarization
                 Machine Translation\nQuestion Answering\nSegmentation\nObject Detection
                 Protein Modeling\nWeather Forecasting\nTime Series Modeling\nRecommendation
                 Document Understanding\nTable Understanding\nInstruction Following
                 In-Context Learning\nWorld Models",
            ),
            tasks: lines(
                "Low-Resource Machine Translation\nOpen-Domain Question Answering
                 Medical Image Segmentation\nLong-Document Summarization
                 Multilingual Speech Recognition\nAutonomous Driving\nRobotic Manipulation
                 Code Completion\nMathematical Reasoning\nVisual Question Answering
                 Text-to-Image Generation\nProtein Structure Prediction
                 Clinical Note Understanding\nScientific Claim Verification
                 Named Entity Recognition\nVideo Captioning\nRemote Sensing
                 Molecule Generation\nLegal Document Analysis\nDialogue Systems
                 Retrieval-Augmented Generation\nTime Series Forecasting\nSemantic Parsing
                 Audio Captioning\nTheorem Proving\nProgram Synthesis\nSequential Recommendation
                 Precipitation Nowcasting\n3D Scene Understanding\nSign Language Translation
                 Hate Speech Detection\nFact Checking\nTable Question Answering
                 Chart Understanding\nEmbodied Navigation\nSpeech Translation
                 Image Captioning\nAnomaly Detection\nDrug Discovery
                 Knowledge Graph Completion",
            ),
            domains: lines(
                "Healthcare\nLow-Resource Languages\nScientific Literature\nFinance\nEducation
                 Legal Texts\nSocial Media\nEarth Observation\nRobotics\nSoftware Engineering
                 Biomedicine\nChemistry\nMaterials Science\nAfrican Languages\nIndic Languages
                 Historical Documents\nEdge Devices\nMobile Phones\nMultilingual Settings
                 Noisy Web Data",
            ),
            techniques: lines(
                "Contrastive Learning\nKnowledge Distillation\nLow-Rank Adaptation
                 Reinforcement Learning from Human Feedback\nDirect Preference Optimization
                 Masked Autoencoding\nCurriculum Learning\nSynthetic Data\nSparse Attention
                 Expert Routing\nSpeculative Decoding\nChain-of-Thought Prompting\nSelf-Training
                 Weight Averaging\nModel Merging\nRotary Position Embeddings\nToken Merging
                 Quantization-Aware Training\nData Pruning\nRetrieval Augmentation
                 Test-Time Scaling\nProcess Reward Models\nDiffusion Priors
                 Energy-Based Objectives\nOptimal Transport",
            ),
            properties: lines(
                "Robustness\nLimits\nScaling Behaviour\nRole\nEmergence\nGeneralization
                 Sample Efficiency\nCalibration\nStability\nMemorization\nTransferability
                 Expressivity\nInductive Biases\nFailure Modes\nTraining Dynamics\nSensitivity
                 Hidden Costs\nGeometry\nEffectiveness\nFragility",
            ),
            objects: lines(
                "Pre-trained Language Models\nVision Transformers\nLarge Language Models
                 Diffusion Models\nMultimodal Encoders\nSpeech Foundation Models\nReward Models
                 Small Language Models\nSparse Mixture-of-Experts Models\nCode Language Models
                 Retrieval-Augmented Generators\nVision-Language Models
                 Instruction-Tuned Models\nSelf-Supervised Representations\nGraph Transformers
                 State Space Models\nMasked Autoencoders\nText Embeddings
                 Protein Language Models\nLong-Context Transformers",
            ),
            conditions: lines(
                "Distribution Shift\nLabel Noise\nLimited Compute\nAdversarial Attacks
                 Data Contamination\nQuantization\nContinual Updates\nLong Horizons
                 Low-Resource Settings\nHeavy-Tailed Data",
            ),
            gerunds: words(
                "Scaling Rethinking Revisiting Improving Understanding Accelerating Compressing
                 Aligning Evaluating Benchmarking Probing Steering Grounding Distilling Unifying",
            ),
            roles: lines(
                "Few-Shot Learners\nZero-Shot Planners\nStrong Baselines\nImplicit Retrievers
                 Good Annotators\nUniversal Compressors\nWeak Supervisors\nPoor Calibrators
                 World Models\nData-Efficient Learners",
            ),
            questions: lines(
                "Really Reason\nMemorize Their Training Data\nUnderstand Negation
                 Generalize Compositionally\nBenefit from Scale\nNeed Attention\nForget
                 Know What They Know",
            ),
            scales: lines(
                "1M Tokens\n100B Parameters\n1,000 Languages\n10,000 GPUs\na Trillion Tokens
                 Billions of Images\n128K Context\n4-Bit Precision",
            ),
            artifacts: lines(
                "Benchmark\nDataset\nToolkit\nFoundation Model\nEvaluation Suite\nCorpus
                 Leaderboard",
            ),
            findings: lines(
                "Lessons from 1,000 Training Runs\nA Large-Scale Empirical Study
                 What Matters and What Does Not\nTheory and Practice\nA Reproducibility Study
                 Insights from Ablations",
            ),
        }
    }

    fn method(&self, rng: &mut Lcg) -> String {
        let start = rng.pick(&self.method_start);
        let end = rng.pick(&self.method_end);
        format!("{start}{end}{}", rng.pick(&self.versions))
    }

    /// A title in one of the patterns of real paper titles (its length is not checked).
    fn title(&self, rng: &mut Lcg) -> String {
        let v = self;
        let (adj, noun, task) = (
            rng.pick(&v.adjectives),
            rng.pick(&v.nouns),
            rng.pick(&v.tasks),
        );
        let (obj, tech, dom) = (
            rng.pick(&v.objects),
            rng.pick(&v.techniques),
            rng.pick(&v.domains),
        );
        let gerund = rng.pick(&v.gerunds);
        match rng.next(19) {
            0 | 1 => format!("{}: {adj} {noun} for {task}", v.method(rng)),
            2 => format!("{}: {gerund} {obj} with {tech}", v.method(rng)),
            3 => format!("Towards {adj} {noun} for {task}"),
            4 => format!("Towards {adj} {noun} in {dom}"),
            5 => {
                let tail = match rng.next(4) {
                    0 => String::new(),
                    1 => format!(" under {}", rng.pick(&v.conditions)),
                    2 => format!(" for {task}"),
                    _ => format!(" in {dom}"),
                };
                format!("On the {} of {obj}{tail}", rng.pick(&v.properties))
            }
            6 => format!("{gerund} {obj} with {tech}"),
            7 => format!("{adj} {noun} for {task} in {dom}"),
            8 => format!("When Does {tech} Help {obj}?"),
            9 => {
                let hedge = rng.pick(&["", "", "Secretly ", "Also ", "Not Yet "]);
                format!("{obj} Are {hedge}{}", rng.pick(&v.roles))
            }
            10 => format!(
                "{}: Scaling {noun} to {}",
                v.method(rng),
                rng.pick(&v.scales)
            ),
            11 => format!("Revisiting {tech} for {task}"),
            12 => format!("A Survey of {tech} for {task}"),
            13 => format!("{adj} {noun} via {tech}: A Case Study in {dom}"),
            14 => format!("Do {obj} {}? Evidence from {task}", rng.pick(&v.questions)),
            15 => format!(
                "{}: An Open {} for {task} in {dom}",
                v.method(rng),
                rng.pick(&v.artifacts)
            ),
            16 => format!("{gerund} {obj} for {task}: {}", rng.pick(&v.findings)),
            17 => format!(
                "{}: {adj} and {} {noun} with {tech} for {task} in {dom}",
                v.method(rng),
                rng.pick(&v.adjectives)
            ),
            _ => format!(
                "{gerund} {obj} under {}: {} on {task} and {}",
                rng.pick(&v.conditions),
                rng.pick(&v.findings),
                rng.pick(&v.tasks)
            ),
        }
    }
}

/// Endings of a title that shares a longer title's first 80 characters: a second part, an
/// extended version.
const SEQUELS: [&str; 6] = [
    ": Extended Version",
    ", Revisited",
    " and Beyond",
    ": Part II",
    " (Technical Report)",
    " at Scale",
];

/// The titles of a digest, with their slugs, making the clashes on purpose only.
struct Titles {
    vocab: Vocab,
    titles: Vec<String>,
    slugs: HashSet<String>,
    repeats: usize,
    sequels: usize,
}

impl Titles {
    const EXACT_REPEATS: f64 = 0.015;
    const SEQUELS: f64 = 0.01;

    fn next(&mut self, rng: &mut Lcg) -> String {
        let title = if !self.titles.is_empty() && rng.chance(Self::EXACT_REPEATS) {
            self.repeats += 1;
            self.titles[rng.next(self.titles.len())].clone()
        } else if let Some(sequel) = rng
            .chance(Self::SEQUELS)
            .then(|| self.sequel(rng))
            .flatten()
        {
            self.sequels += 1;
            sequel
        } else {
            self.fresh(rng)
        };
        self.slugs.insert(title_slug(&title));
        self.titles.push(title.clone());
        title
    }

    /// A title 30 to 140 characters long whose slug no earlier paper has (a few tries;
    /// the vocabulary has hundreds of millions of titles, so more are rarely needed).
    fn fresh(&self, rng: &mut Lcg) -> String {
        let mut title = String::new();
        for _ in 0..100 {
            title = self.vocab.title(rng);
            let fits = (30..=140).contains(&title.chars().count());
            if fits && !self.slugs.contains(&title_slug(&title)) {
                break;
            }
        }
        title
    }

    /// An earlier long title's first 80-odd characters with another ending, so that both
    /// want the same (cut) slug, if an earlier title is long enough for it.
    fn sequel(&self, rng: &mut Lcg) -> Option<String> {
        for _ in 0..20 {
            let earlier = self.titles.get(rng.next(self.titles.len().max(1)))?;
            let mut prefix = String::new();
            for word in earlier.split(' ') {
                if slug::slugify(&prefix).len() > 82 {
                    break;
                }
                if !prefix.is_empty() {
                    prefix.push(' ');
                }
                prefix.push_str(word);
            }
            let sequel = format!(
                "{}{}",
                prefix.trim_end_matches([':', ',']),
                rng.pick(&SEQUELS)
            );
            if sequel != *earlier
                && sequel.chars().count() <= 140
                && title_slug(&sequel) == title_slug(earlier)
            {
                return Some(sequel);
            }
        }
        None
    }
}

/// Sentences of inline math, one of which goes into about 10% of abstracts.
const INLINE_MATH: [&str; 7] = [
    r"Training cost grows as $\mathcal{O}(n \log n)$ in the sequence length $n$ instead of $\mathcal{O}(n^2)$.",
    r"The loss follows a power law $L(C) \propto C^{-\alpha}$ in the compute $C$, with $\alpha \approx 0.05$.",
    r"We bound the generalization gap by $\epsilon \leq \sqrt{d / m}$ for $m$ samples in dimension $d$.",
    r"Our estimator is unbiased, $\mathbb{E}[\hat{g}] = \nabla_\theta L(\theta)$, with variance $\sigma^2 / B$ for a batch of $B$.",
    r"The temperature $\tau \in (0, 1]$ sets the sharpness of $p_i = \exp(s_i / \tau) / \sum_j \exp(s_j / \tau)$.",
    r"Each layer learns a rank-$r$ update $\Delta W = BA$ with $r \ll d$.",
    r"Noisy inputs are $x_t = \sqrt{\bar{\alpha}_t} x_0 + \sqrt{1 - \bar{\alpha}_t} \epsilon$ at step $t$.",
];

/// Display formulas, one of which goes into about 2% of abstracts.
const DISPLAY_MATH: [&str; 4] = [
    r"$$\mathcal{L}(\theta) = -\sum_{t=1}^{T} \log p_\theta(x_t \mid x_{<t})$$",
    r"$$\mathrm{Attention}(Q, K, V) = \mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right) V$$",
    r"$$L(N, D) = E + \frac{A}{N^{\alpha}} + \frac{B}{D^{\beta}}$$",
    r"$$\mathcal{L}_{\mathrm{DPO}} = -\mathbb{E}\left[\log \sigma\left(\beta \log \frac{\pi_\theta(y_w \mid x)}{\pi_{\mathrm{ref}}(y_w \mid x)} - \beta \log \frac{\pi_\theta(y_l \mid x)}{\pi_{\mathrm{ref}}(y_l \mid x)}\right)\right]$$",
];

/// Python examples, one of which goes into about 2% of abstracts.
const CODE: [&str; 2] = [
    "from transformers import AutoModelForCausalLM, AutoTokenizer\n\n\
     tokenizer = AutoTokenizer.from_pretrained(\"org/model-1b\")\n\
     model = AutoModelForCausalLM.from_pretrained(\"org/model-1b\")\n\
     inputs = tokenizer(\"Pre-training is\", return_tensors=\"pt\")\n\
     print(tokenizer.decode(model.generate(**inputs, max_new_tokens=20)[0]))",
    "import torch\n\n\
     def info_nce(a, b, temperature=0.07):\n    \
         logits = a @ b.T / temperature\n    \
         labels = torch.arange(len(a), device=a.device)\n    \
         return torch.nn.functional.cross_entropy(logits, labels)",
];

/// What went into a body, for the digest's description.
#[derive(Default)]
struct Extras {
    inline_math: bool,
    display_math: bool,
    code: bool,
}

/// An abstract: the first half of one real abstract's sentences and the second half of
/// another's, with, now and then, inline math, a display formula or a code block.
fn body(rng: &mut Lcg, abstracts: &[String]) -> (String, Extras) {
    let sentences = |t: &str| {
        t.split_inclusive(". ")
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let first = sentences(&abstracts[rng.next(abstracts.len())]);
    let second = sentences(&abstracts[rng.next(abstracts.len())]);
    let mut parts: Vec<String> = first[..first.len().div_ceil(2)].to_vec();
    parts.extend_from_slice(&second[second.len() / 2..]);
    let mut extras = Extras::default();
    if rng.chance(0.10) {
        extras.inline_math = true;
        parts.insert(1.min(parts.len()), format!("{} ", rng.pick(&INLINE_MATH)));
    }
    let mut text = parts.concat().trim().to_string();
    if rng.chance(0.02) {
        extras.display_math = true;
        write!(
            text,
            "\n\nWe train with the objective\n\n{}\n\nand no auxiliary losses.",
            rng.pick(&DISPLAY_MATH)
        )
        .unwrap();
    }
    if rng.chance(0.02) {
        extras.code = true;
        write!(
            text,
            "\n\nA minimal example:\n\n```python\n{}\n```",
            rng.pick(&CODE)
        )
        .unwrap();
    }
    (text, extras)
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The arXiv ids of the papers, unique: `YYMM.NNNNN` of the paper's month, numbered from a
/// few hundred up in small random steps as arXiv's are, some with a version.
#[derive(Default)]
struct ArxivIds {
    next_by_month: HashMap<(i32, u32), usize>,
}

impl ArxivIds {
    fn next(&mut self, rng: &mut Lcg, date: NaiveDate) -> (String, String) {
        let key = (date.year(), date.month());
        let number = self.next_by_month.entry(key).or_insert(100 + rng.next(900));
        *number += 1 + rng.next(4);
        assert!(
            *number < 100_000,
            "too many papers in a month for arXiv ids"
        );
        let id = format!("{:02}{:02}.{:05}", key.0 % 100, key.1, number);
        let version = match rng.next(20) {
            0..=3 => "v2",
            4 => "v3",
            _ => "",
        };
        (id.clone(), format!("{id}{version}"))
    }
}

/// The days of the digest: back from 2025-05-09, 50 to 150 papers each.
struct Days {
    date: NaiveDate,
    left: usize,
    rank: usize,
    count: usize,
}

impl Days {
    fn new() -> Days {
        let date = NaiveDate::from_ymd_opt(2025, 5, 10).unwrap();
        Days {
            date,
            left: 0,
            rank: 0,
            count: 0,
        }
    }

    /// The day of the next paper and its rank on that day.
    fn next(&mut self, rng: &mut Lcg) -> (NaiveDate, usize) {
        if self.left == 0 {
            self.date = self.date.pred_opt().unwrap();
            self.left = 50 + rng.next(101);
            self.rank = 0;
            self.count += 1;
        }
        self.left -= 1;
        self.rank += 1;
        (self.date, self.rank)
    }
}

pub struct Entry {
    pub path: PathBuf,
    pub title: String,
    /// The paper's slug as the build gives it: its title's, or for the later papers of a
    /// clash (by date, then arXiv id), the title's with the arXiv id added.
    pub slug: String,
}

/// A generated digest: its entries and a description of it.
pub struct Digest {
    /// Every entry. Those whose page is at their title's slug come first, then the few
    /// that lose a slug clash, so that benchmarks that find a page from its title
    /// (`watch`) edit papers whose page is there.
    pub entries: Vec<Entry>,
    pub description: Description,
}

/// Figures of a generated digest, to check that it is shaped as intended.
#[derive(Default)]
pub struct Description {
    pub papers: usize,
    pub days: usize,
    pub first_day: String,
    pub last_day: String,
    pub author_pool: usize,
    pub authors_used: usize,
    pub author_slots: usize,
    pub most_papers_by_one_author: usize,
    pub median_papers_per_author: usize,
    pub topic_slots: usize,
    pub topics_used: usize,
    pub title_chars: (usize, usize, usize),
    pub exact_repeats: usize,
    pub sequels: usize,
    pub slug_clash_losers: usize,
    pub inline_math: usize,
    pub display_math: usize,
    pub code: usize,
    pub upvotes_median: usize,
    pub upvotes_max: usize,
}

impl fmt::Display for Description {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let n = self.papers.max(1) as f64;
        let pct = |k: usize| 100.0 * k as f64 / n;
        writeln!(
            f,
            "{} papers over {} days ({} to {}), {:.0} a day",
            self.papers,
            self.days,
            self.first_day,
            self.last_day,
            n / self.days.max(1) as f64
        )?;
        writeln!(
            f,
            "authors: {:.2} a paper, {} used of a pool of {}; most papers by one author {}, median {}",
            self.author_slots as f64 / n,
            self.authors_used,
            self.author_pool,
            self.most_papers_by_one_author,
            self.median_papers_per_author
        )?;
        writeln!(
            f,
            "topics: {:.2} a paper, {} topics used",
            self.topic_slots as f64 / n,
            self.topics_used
        )?;
        let (min, mean, max) = self.title_chars;
        writeln!(
            f,
            "titles: {min} to {max} characters (mean {mean}); {} exact repeats, {} sharing an earlier title's first 80 characters; {} papers ({:.1}%) lose a slug clash",
            self.exact_repeats,
            self.sequels,
            self.slug_clash_losers,
            pct(self.slug_clash_losers)
        )?;
        write!(
            f,
            "abstracts: inline math {:.1}%, display math {:.1}%, code {:.1}%; upvotes median {}, max {}",
            pct(self.inline_math),
            pct(self.display_math),
            pct(self.code),
            self.upvotes_median,
            self.upvotes_max
        )
    }
}

/// A generated paper, before its slug is settled.
struct Made {
    path: PathBuf,
    title: String,
    date: NaiveDate,
    arxiv_id: String,
}

/// Writes a site with `papers` entries into `dir`: the default digest's `site.toml` and
/// `content/papers/<date>/<slug-ish name>.md`.
pub fn generate(dir: &Path, papers: usize) -> Vec<Entry> {
    generate_digest(dir, papers).entries
}

/// As `generate`, with a description of the digest made.
pub fn generate_digest(dir: &Path, papers: usize) -> Digest {
    let abstracts = abstracts();
    let site_toml = std::fs::read_to_string(repo().join("site.toml")).expect("site.toml reads");
    std::fs::write(dir.join("site.toml"), &site_toml).expect("site.toml copies");
    let topics = topic_names(&site_toml);
    let pool = author_pool((papers / 2).max(50));
    let mut rng = Lcg(2025);
    let mut titles = Titles {
        vocab: Vocab::new(),
        titles: Vec::with_capacity(papers),
        slugs: HashSet::with_capacity(papers),
        repeats: 0,
        sequels: 0,
    };
    let (mut days, mut ids) = (Days::new(), ArxivIds::default());
    let mut d = Description::default();
    let mut papers_by_author = vec![0usize; pool.len()];
    let mut papers_by_topic = vec![0usize; topics.len()];
    let mut upvotes_all = Vec::with_capacity(papers);
    let mut file_names: HashSet<String> = HashSet::new();
    let mut made = Vec::with_capacity(papers);
    for _ in 0..papers {
        let (date, rank) = days.next(&mut rng);
        if rank == 1 {
            file_names.clear();
        }
        let title = titles.next(&mut rng);
        let author_count = 3 + rng.next(6);
        let authors = distinct(&mut rng, author_count, pool.len());
        let topic_count = match rng.next(20) {
            0..=9 => 1,
            10..=16 => 2,
            _ => 3,
        };
        let paper_topics = distinct(&mut rng, topic_count, topics.len());
        let (arxiv_id, arxiv) = ids.next(&mut rng, date);
        let u = rng.unit();
        let upvotes = (400.0 * u * u * u * u * u) as usize;
        let (text, extras) = body(&mut rng, &abstracts);

        let front = format!(
            "+++\ntitle = {}\ndate = {date}\nauthors = [{}]\narxiv = \"{arxiv}\"\ntopics = [{}]\nupvotes = {upvotes}\nrank = {rank}\n+++\n\n{text}\n",
            quoted(&title),
            list(authors.iter().map(|&a| pool[a].as_str())),
            list(paper_topics.iter().map(|&t| topics[t].as_str())),
        );
        let mut name = file_name(&title);
        if !file_names.insert(name.clone()) {
            name = format!("{name}-{}", arxiv_id.replace('.', "-"));
            file_names.insert(name.clone());
        }
        let path = dir.join(format!("content/papers/{date}/{name}.md"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, front).unwrap();

        authors.iter().for_each(|&a| papers_by_author[a] += 1);
        paper_topics.iter().for_each(|&t| papers_by_topic[t] += 1);
        d.author_slots += authors.len();
        d.topic_slots += paper_topics.len();
        d.inline_math += usize::from(extras.inline_math);
        d.display_math += usize::from(extras.display_math);
        d.code += usize::from(extras.code);
        upvotes_all.push(upvotes);
        made.push(Made {
            path,
            title,
            date,
            arxiv_id,
        });
    }
    let entries = settle_slugs(made);

    d.papers = papers;
    d.days = days.count;
    d.first_day = days.date.to_string();
    d.last_day = "2025-05-09".to_string();
    d.author_pool = pool.len();
    let mut used: Vec<usize> = papers_by_author.into_iter().filter(|&c| c > 0).collect();
    used.sort_unstable();
    d.authors_used = used.len();
    d.most_papers_by_one_author = used.last().copied().unwrap_or(0);
    d.median_papers_per_author = used.get(used.len() / 2).copied().unwrap_or(0);
    d.topics_used = papers_by_topic.iter().filter(|&&c| c > 0).count();
    let lengths: Vec<usize> = titles.titles.iter().map(|t| t.chars().count()).collect();
    d.title_chars = (
        lengths.iter().copied().min().unwrap_or(0),
        lengths.iter().sum::<usize>() / lengths.len().max(1),
        lengths.iter().copied().max().unwrap_or(0),
    );
    d.exact_repeats = titles.repeats;
    d.sequels = titles.sequels;
    d.slug_clash_losers = entries
        .iter()
        .filter(|e| e.slug != title_slug(&e.title))
        .count();
    upvotes_all.sort_unstable();
    d.upvotes_median = upvotes_all.get(papers / 2).copied().unwrap_or(0);
    d.upvotes_max = upvotes_all.last().copied().unwrap_or(0);
    Digest {
        entries,
        description: d,
    }
}

/// `count` distinct indices below `n`, skewed towards small ones.
fn distinct(rng: &mut Lcg, count: usize, n: usize) -> Vec<usize> {
    let mut picked = Vec::with_capacity(count);
    while picked.len() < count.min(n) {
        let k = rng.skewed(n);
        if !picked.contains(&k) {
            picked.push(k);
        }
    }
    picked
}

/// A file name from the title's slug, cut at a word before 60 characters.
fn file_name(title: &str) -> String {
    let slug = title_slug(title);
    match slug.len() {
        0..=60 => slug,
        _ => slug[..=60]
            .rsplit_once('-')
            .map_or(&slug[..60], |(s, _)| s)
            .to_string(),
    }
}

/// A TOML array of strings, without its brackets.
fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.map(quoted).collect::<Vec<_>>().join(", ")
}

/// The slug the build gives each paper, as README says it does: among papers whose titles
/// want one slug, the earliest (by date, then arXiv id) keeps it, and each other one gets
/// its arXiv id added. Returns the entries, those that kept their title's slug first.
fn settle_slugs(made: Vec<Made>) -> Vec<Entry> {
    let wanted: Vec<String> = made.iter().map(|m| title_slug(&m.title)).collect();
    let mut earliest: HashMap<&str, usize> = HashMap::new();
    for (i, m) in made.iter().enumerate() {
        let first = earliest.entry(&wanted[i]).or_insert(i);
        let f = &made[*first];
        if (m.date, &m.arxiv_id) < (f.date, &f.arxiv_id) {
            *first = i;
        }
    }
    let (mut kept, mut moved) = (Vec::new(), Vec::new());
    for (i, m) in made.into_iter().enumerate() {
        if earliest[wanted[i].as_str()] == i {
            kept.push(Entry {
                path: m.path,
                title: m.title,
                slug: wanted[i].clone(),
            });
        } else {
            let slug = format!("{}-{}", wanted[i], m.arxiv_id.replace('.', "-"));
            moved.push(Entry {
                path: m.path,
                title: m.title,
                slug,
            });
        }
    }
    kept.extend(moved);
    kept
}

/// How many papers a benchmark generates: `PAPERPRESS_BENCH_PAPERS`, or 10,000.
pub fn papers_from_env() -> usize {
    std::env::var("PAPERPRESS_BENCH_PAPERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// The median of some durations, in ms.
pub fn median_ms(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// Every file below `dir`, with when it was last modified: what a rebuild rewrote.
pub type Times = std::collections::BTreeMap<PathBuf, std::time::SystemTime>;

pub fn modification_times(dir: &Path) -> Times {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let time = e.metadata().ok()?.modified().ok()?;
            Some((e.into_path(), time))
        })
        .collect()
}
