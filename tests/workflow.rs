//! The GitHub Actions workflow that `paperpress init` writes: README shows exactly that
//! file, `--install-from` pins what it installs, each job has only the permissions it
//! needs, and its shell steps do what they say when run as GitHub runs them (a failed
//! fetch stops the run, an empty day does not; a push that lost a race is rebased and
//! retried; a tag is resolved to its commit).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;
use serde_yaml_ng::Value;

const WORKFLOW: &str = ".github/workflows/paperpress.yml";
const REV: &str = "0123456789abcdef0123456789abcdef01234567";

/// Runs `paperpress init DIR EXTRA...` and returns the workflow it wrote.
fn init_workflow(dir: &Path, extra: &[&str]) -> String {
    let mut args = vec!["init", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = paperpress(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    read(dir, WORKFLOW)
}

/// The workflows `init` writes for each kind of `--install-from`: the default, a git
/// tag and a git commit.
fn every_kind_of_workflow() -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let sources = [
        "",
        "git+https://github.com/me/paperpress@v0.1.0",
        &format!("git+https://github.com/me/paperpress#rev={REV}"),
    ];
    sources
        .iter()
        .enumerate()
        .map(|(n, source)| {
            let extra: Vec<&str> = if source.is_empty() {
                vec![]
            } else {
                vec!["--install-from", source]
            };
            let text = init_workflow(&dir.path().join(n.to_string()), &extra);
            (source.to_string(), text)
        })
        .collect()
}

/// The fenced ```yaml blocks of a Markdown text.
fn yaml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim() == "```yaml" => current = Some(String::new()),
            Some(_) if line.trim() == "```" => blocks.push(current.take().unwrap()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    blocks
}

/// README's section on GitHub Actions, up to the next heading of its level or above.
fn readme_actions_section() -> String {
    let readme = read(&repo_root(), "README.md");
    let start = readme
        .find("### Rebuilding every day on GitHub Actions")
        .expect("README has the GitHub Actions section");
    let rest = &readme[start + 4..];
    let end = rest
        .find("\n## ")
        .into_iter()
        .chain(rest.find("\n### "))
        .min()
        .unwrap_or(rest.len());
    rest[..end].to_string()
}

#[test]
fn readme_shows_exactly_the_workflow_init_writes() {
    let dir = tempfile::tempdir().unwrap();
    let written = init_workflow(&dir.path().join("digest"), &[]);
    let blocks = yaml_blocks(&readme_actions_section());
    assert_eq!(
        blocks.len(),
        1,
        "the section shows one workflow: {blocks:#?}"
    );
    assert!(
        blocks[0] == written,
        "README's workflow differs from what `paperpress init` writes; paste this into \
         README's \"Rebuilding every day on GitHub Actions\":\n{written}"
    );
}

#[test]
fn no_workflow_uses_the_repository_name_which_schedule_events_lack() {
    // On `schedule` events github.event has no repository: a URL made from it is
    // https://owner.github.io// on every cron run.
    let template = read(&repo_root(), "src/scaffold/workflow.yml");
    let mut texts = vec![("src/scaffold/workflow.yml".to_string(), template)];
    texts.extend(every_kind_of_workflow());
    for (n, block) in yaml_blocks(&read(&repo_root(), "README.md"))
        .into_iter()
        .enumerate()
    {
        texts.push((format!("README.md yaml block {n}"), block));
    }
    for (name, text) in &texts {
        assert!(
            !text.contains("event.repository"),
            "{name} uses github.event.repository, which is empty on schedule events"
        );
    }
    assert!(texts.len() >= 4);
}

#[test]
fn init_no_ci_writes_no_workflow_and_ignores_the_fetch_cache() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("digest");
    let run = paperpress(&["init", root.to_str().unwrap(), "--no-ci"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!root.join(".github").exists());
    assert!(!stdout(&run).contains(WORKFLOW), "{}", stdout(&run));
    assert!(root.join("site.toml").is_file());
    let ignored: Vec<String> = read(&root, ".gitignore")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    assert_eq!(ignored, ["/output/", "/.paperpress/"]);

    let with_ci = dir.path().join("with-ci");
    let run = paperpress(&["init", with_ci.to_str().unwrap()]);
    assert!(stdout(&run).contains(&format!("created  {}", with_ci.join(WORKFLOW).display())));
}

#[test]
fn a_bad_install_from_is_a_clear_error_that_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("0.1", "not one exact version"),
        ("latest", "expected a crates.io version such as 0.1.0"),
        ("https://github.com/me/paperpress", "starts with git+"),
        ("git+https://github.com/me/paperpress", "name a tag"),
        (
            "git+https://github.com/me/paperpress#rev=abc123",
            "full commit id",
        ),
        ("git+http://github.com/me/paperpress@v1", "https://"),
        ("git+https://github.com/me/paperpress@v1;reboot", "tag name"),
        ("git+https://github.com/me/paperpress@main", "is a branch"),
    ];
    for (n, (value, expected)) in cases.iter().enumerate() {
        let root = dir.path().join(n.to_string());
        let run = paperpress(&["init", root.to_str().unwrap(), "--install-from", value]);
        assert!(!run.status.success(), "{value} was accepted");
        let err = stderr(&run);
        assert!(err.contains("--install-from"), "{value}: {err}");
        assert!(err.contains(expected), "{value}: {err}");
        assert!(!root.exists(), "{value}: init wrote {}", root.display());
    }
    let run = paperpress(&[
        "init",
        dir.path().join("x").to_str().unwrap(),
        "--no-ci",
        "--install-from",
        "0.1.0",
    ]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("cannot be used with"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn init_never_replaces_a_workflow_or_a_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, WORKFLOW, "name: mine\n");
    write(root, ".gitignore", "*.tmp\n");
    let run = paperpress(&["init", root.to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(stderr(&run).contains(WORKFLOW), "{}", stderr(&run));
    assert!(stderr(&run).contains("--no-ci"), "{}", stderr(&run));
    assert_eq!(read(root, WORKFLOW), "name: mine\n");
    assert!(!root.join("site.toml").exists());

    let run = paperpress(&["init", root.to_str().unwrap(), "--no-ci"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(read(root, WORKFLOW), "name: mine\n");
    assert_eq!(read(root, ".gitignore"), "*.tmp\n");
    assert!(
        stdout(&run).contains("as it was: have it ignore /output/ and /.paperpress/"),
        "{}",
        stdout(&run)
    );
}

fn yaml(text: &str) -> Value {
    serde_yaml_ng::from_str(text).expect("the workflow is YAML")
}

fn job<'a>(workflow: &'a Value, name: &str) -> &'a Value {
    &workflow["jobs"][name]
}

fn steps(job: &Value) -> &Vec<Value> {
    job["steps"].as_sequence().expect("a job has steps")
}

/// The step of `job` whose `id` or `name` is `key`.
fn step<'a>(job: &'a Value, key: &str) -> &'a Value {
    steps(job)
        .iter()
        .find(|s| s["id"].as_str() == Some(key) || s["name"].as_str() == Some(key))
        .unwrap_or_else(|| panic!("no step {key}"))
}

fn uses(job: &Value) -> Vec<String> {
    steps(job)
        .iter()
        .filter_map(|s| s["uses"].as_str().map(str::to_string))
        .collect()
}

/// A job's `permissions` as sorted `scope: level` lines.
fn permissions(value: &Value) -> Vec<String> {
    let mut lines: Vec<String> = value
        .as_mapping()
        .expect("permissions is a mapping")
        .iter()
        .map(|(k, v)| format!("{}: {}", k.as_str().unwrap(), v.as_str().unwrap()))
        .collect();
    lines.sort();
    lines
}

#[test]
fn each_job_has_only_the_permissions_it_needs() {
    for (source, text) in every_kind_of_workflow() {
        let workflow = yaml(&text);
        assert!(
            permissions(&workflow["permissions"]).is_empty(),
            "{source}: top-level permissions grant nothing"
        );
        let jobs = workflow["jobs"].as_mapping().unwrap();
        let names: Vec<&str> = jobs.keys().map(|k| k.as_str().unwrap()).collect();
        assert_eq!(names, ["update", "build", "deploy"], "{source}");
        assert_eq!(
            permissions(&job(&workflow, "update")["permissions"]),
            ["contents: write"]
        );
        assert_eq!(
            permissions(&job(&workflow, "build")["permissions"]),
            ["contents: read", "pages: read"]
        );
        assert_eq!(
            permissions(&job(&workflow, "deploy")["permissions"]),
            ["id-token: write", "pages: write"]
        );
    }
}

#[test]
fn it_runs_daily_fetches_checks_commits_builds_and_deploys() {
    let dir = tempfile::tempdir().unwrap();
    let text = init_workflow(&dir.path().join("digest"), &[]);
    let workflow = yaml(&text);
    assert!(workflow["on"]["schedule"][0]["cron"].as_str().is_some());
    assert!(
        workflow["on"]
            .as_mapping()
            .unwrap()
            .contains_key("workflow_dispatch")
    );
    // A push of the user's own edits publishes them, without fetching.
    assert_eq!(workflow["on"]["push"]["branches"][0].as_str(), Some("main"));
    assert_eq!(
        workflow["concurrency"]["cancel-in-progress"],
        Value::Bool(false)
    );
    assert!(workflow["concurrency"]["group"].as_str().is_some());

    let update = job(&workflow, "update");
    let fetch = step(update, "Fetch the last 3 days from Hugging Face")["run"]
        .as_str()
        .unwrap();
    assert!(fetch.contains("paperpress fetch hf-daily --date \"$day\" --update"));
    assert_eq!(
        step(update, "Fetch the last 3 days from Hugging Face")["if"].as_str(),
        Some("github.event_name != 'push'")
    );
    assert_eq!(
        step(update, "Check the site")["run"].as_str(),
        Some("paperpress check --max-age 3 --deny stale-digest --format github")
    );
    let commit = step(update, "commit")["run"].as_str().unwrap();
    assert!(commit.contains("git push"), "{commit}");
    assert_eq!(
        update["outputs"]["commit"].as_str(),
        Some("${{ steps.commit.outputs.commit }}")
    );

    let build = job(&workflow, "build");
    assert_eq!(build["needs"].as_str(), Some("update"));
    assert_eq!(
        steps(build)[0]["with"]["ref"].as_str(),
        Some("${{ needs.update.outputs.commit }}"),
        "the site is built from the commit that was pushed"
    );
    assert_eq!(
        step(build, "pages")["uses"].as_str(),
        Some("actions/configure-pages@v6")
    );
    let build_step = step(build, "Build");
    assert_eq!(
        build_step["env"]["BASE_URL"].as_str(),
        Some("${{ steps.pages.outputs.base_url }}")
    );
    assert!(
        build_step["run"]
            .as_str()
            .unwrap()
            .starts_with("paperpress build --base-url \"${BASE_URL%/}/\"")
    );
    assert!(uses(build).contains(&"actions/upload-pages-artifact@v5".to_string()));
    let deploy = job(&workflow, "deploy");
    assert_eq!(deploy["needs"].as_str(), Some("build"));
    assert_eq!(uses(deploy), ["actions/deploy-pages@v5"]);
    assert_eq!(deploy["environment"]["name"].as_str(), Some("github-pages"));
}

#[test]
fn no_step_hides_a_failure() {
    for (source, text) in every_kind_of_workflow() {
        assert!(!text.contains("|| true"), "{source}");
        assert!(!text.contains("continue-on-error"), "{source}");
        let workflow = yaml(&text);
        assert_eq!(
            workflow["defaults"]["run"]["shell"].as_str(),
            Some("bash"),
            "GitHub runs `shell: bash` steps with -e and pipefail"
        );
        for name in ["update", "build"] {
            for s in steps(job(&workflow, name)) {
                if let Some(run) = s["run"].as_str().filter(|r| r.trim().contains('\n')) {
                    assert!(
                        run.starts_with("set -euo pipefail\n"),
                        "{source}: {name}: {run}"
                    );
                }
            }
        }
    }
}

#[test]
fn install_from_pins_the_exact_version_or_commit_in_the_install_and_the_cache_key() {
    for (source, text) in every_kind_of_workflow() {
        let workflow = yaml(&text);
        for name in ["update", "build"] {
            let job = job(&workflow, name);
            let key = step(job, "paperpress-cache")["with"]["key"]
                .as_str()
                .unwrap();
            let install = steps(job)
                .iter()
                .find_map(|s| s["run"].as_str().filter(|r| r.contains("cargo install")))
                .unwrap();
            let (want_install, want_key) = if source.is_empty() {
                let version = env!("CARGO_PKG_VERSION");
                (
                    format!("cargo install paperpress --version ={version} --locked"),
                    format!("-crates-io-{version}"),
                )
            } else if source.contains("#rev=") {
                (
                    format!(
                        "cargo install paperpress --git https://github.com/me/paperpress --rev {REV} --locked"
                    ),
                    format!("-git-{REV}"),
                )
            } else {
                assert_eq!(
                    step(job, "paperpress-tag")["env"]["TAG"].as_str(),
                    Some("v0.1.0")
                );
                (
                    "cargo install paperpress --git https://github.com/me/paperpress --rev \"$COMMIT\" --locked"
                        .to_string(),
                    "-git-${{ steps.paperpress-tag.outputs.commit }}".to_string(),
                )
            };
            assert!(install.contains(&want_install), "{source}: {install}");
            assert!(key.ends_with(&want_key), "{source}: {key}");
            assert!(key.starts_with("paperpress-${{ runner.os }}-${{ runner.arch }}"));
        }
    }
}

/// Runs `script` as GitHub runs a `shell: bash` step, in `dir`, with `env`.
fn run_step(script: &str, dir: &Path, env: &[(&str, &str)]) -> Output {
    let file = dir.join(".step.sh");
    std::fs::write(&file, script).unwrap();
    let mut command = Command::new("bash");
    command
        .args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&file)
        .current_dir(dir);
    // A runner's git has no identity configured: nor may the step's here.
    let home = tempfile::tempdir().unwrap();
    command
        .env("HOME", home.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_AUTHOR_NAME")
        .env_remove("GIT_AUTHOR_EMAIL")
        .env_remove("GIT_COMMITTER_NAME")
        .env_remove("GIT_COMMITTER_EMAIL")
        .env_remove("EMAIL");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().unwrap();
    std::fs::remove_file(&file).unwrap();
    out
}

/// A stand-in for `paperpress` on the PATH that logs its arguments to `LOG` and fails
/// with a fetch error when they mention `FAIL_ON`; otherwise it finds an empty day.
fn fake_paperpress(bin: &Path) -> PathBuf {
    std::fs::create_dir_all(bin).unwrap();
    let path = bin.join("paperpress");
    std::fs::write(
        &path,
        "#!/bin/sh\necho \"$*\" >> \"$LOG\"\ncase \"$*\" in *\"$FAIL_ON\"*) echo \"error: https://huggingface.co/api/daily_papers: 500\" >&2; exit 1;; esac\necho \"no papers that day\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn utc_today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

#[test]
fn the_fetch_step_fetches_three_utc_days_and_stops_the_run_on_a_failed_fetch() {
    let dir = tempfile::tempdir().unwrap();
    let workflow = yaml(&init_workflow(&dir.path().join("digest"), &[]));
    let script = step(
        job(&workflow, "update"),
        "Fetch the last 3 days from Hugging Face",
    )["run"]
        .as_str()
        .unwrap()
        .to_string();
    let bin = dir.path().join("bin");
    fake_paperpress(&bin);
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let log = dir.path().join("calls.log");
    let log_s = log.to_str().unwrap();

    // Empty days are not errors.
    let before = utc_today();
    let run = run_step(
        &script,
        dir.path(),
        &[("PATH", &path), ("LOG", log_s), ("FAIL_ON", "never")],
    );
    let after = utc_today();
    assert!(run.status.success(), "{}", stderr(&run));
    let calls: Vec<String> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let days_ending = |today: chrono::NaiveDate| -> Vec<String> {
        (0..3)
            .rev()
            .map(|ago| {
                let day = today - chrono::Days::new(ago);
                format!("fetch hf-daily --date {day} --update")
            })
            .collect()
    };
    assert!(
        calls == days_ending(before) || calls == days_ending(after),
        "{calls:?}"
    );

    // A failed fetch fails the step, visibly, and nothing after it runs.
    std::fs::remove_file(&log).unwrap();
    let yesterday = (utc_today() - chrono::Days::new(1)).to_string();
    let run = run_step(
        &script,
        dir.path(),
        &[("PATH", &path), ("LOG", log_s), ("FAIL_ON", &yesterday)],
    );
    assert!(!run.status.success());
    assert!(stderr(&run).contains("500"), "{}", stderr(&run));
    let calls = std::fs::read_to_string(&log).unwrap();
    assert_eq!(calls.lines().count(), 2, "{calls}");
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "advice.detachedHead=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        stdout(&out),
        stderr(&out)
    );
    stdout(&out).trim().to_string()
}

/// A bare "GitHub" repository holding one entry, and a clone of it as a checkout.
fn remote_and_checkout(dir: &Path) -> (PathBuf, PathBuf) {
    let remote = dir.join("remote.git");
    let seed = dir.join("seed");
    git(
        dir,
        &["init", "--quiet", "--bare", remote.to_str().unwrap()],
    );
    git(
        dir,
        &[
            "clone",
            "--quiet",
            remote.to_str().unwrap(),
            seed.to_str().unwrap(),
        ],
    );
    write(&seed, "content/papers/2026-06-10/a.md", "a\n");
    git(&seed, &["add", "."]);
    git(&seed, &["commit", "--quiet", "-m", "seed"]);
    git(
        &seed,
        &["push", "--quiet", "origin", "HEAD:refs/heads/main"],
    );
    // Shallow, as actions/checkout makes it (a plain path would ignore --depth).
    let checkout = dir.join("checkout");
    let url = format!("file://{}", remote.display());
    git(
        dir,
        &[
            "clone",
            "--quiet",
            "--depth",
            "1",
            "--branch",
            "main",
            &url,
            checkout.to_str().unwrap(),
        ],
    );
    assert_eq!(
        git(&checkout, &["rev-parse", "--is-shallow-repository"]),
        "true"
    );
    (remote, seed)
}

/// Runs the commit step in `checkout` and returns its run and the `commit` output.
fn commit_step(dir: &Path) -> (Output, String) {
    let workflow = yaml(&init_workflow(&dir.join("digest"), &[]));
    let script = step(job(&workflow, "update"), "commit")["run"]
        .as_str()
        .unwrap()
        .to_string();
    let output_file = dir.join("github_output");
    std::fs::write(&output_file, "").unwrap();
    let run = run_step(
        &script,
        &dir.join("checkout"),
        &[
            ("GITHUB_REF", "refs/heads/main"),
            ("GITHUB_OUTPUT", output_file.to_str().unwrap()),
        ],
    );
    (run, std::fs::read_to_string(output_file).unwrap())
}

#[test]
fn the_commit_step_rebases_onto_a_push_made_meanwhile_and_retries() {
    let dir = tempfile::tempdir().unwrap();
    let (remote, seed) = remote_and_checkout(dir.path());
    // The editor pushes while the run fetches.
    write(&seed, "content/pages/about.md", "about\n");
    git(&seed, &["add", "."]);
    git(&seed, &["commit", "--quiet", "-m", "an edit meanwhile"]);
    git(
        &seed,
        &["push", "--quiet", "origin", "HEAD:refs/heads/main"],
    );
    // The run's fetch wrote a new entry and a cache file that is not committed.
    let checkout = dir.path().join("checkout");
    write(&checkout, "content/papers/2026-06-12/b.md", "b\n");
    write(
        &checkout,
        ".paperpress/cache/hf-daily/2026-06-12.json",
        "[]",
    );

    let (run, output) = commit_step(dir.path());
    assert!(run.status.success(), "{}{}", stdout(&run), stderr(&run));
    let head = git(&remote, &["rev-parse", "refs/heads/main"]);
    assert_eq!(output, format!("commit={head}\n"));
    let log = git(&remote, &["log", "--format=%s", "main"]);
    assert!(log.starts_with("Papers fetched on "), "{log}");
    assert_eq!(
        log.lines().skip(1).collect::<Vec<_>>(),
        ["an edit meanwhile", "seed"]
    );
    let files = git(&remote, &["ls-tree", "-r", "--name-only", "main"]);
    assert_eq!(
        files.lines().collect::<Vec<_>>(),
        [
            "content/pages/about.md",
            "content/papers/2026-06-10/a.md",
            "content/papers/2026-06-12/b.md"
        ]
    );
}

#[test]
fn the_commit_step_commits_nothing_on_a_day_without_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (remote, _) = remote_and_checkout(dir.path());
    let before = git(&remote, &["rev-parse", "refs/heads/main"]);
    let (run, output) = commit_step(dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stdout(&run).contains("No new or changed entries."));
    assert_eq!(git(&remote, &["rev-parse", "refs/heads/main"]), before);
    assert_eq!(output, format!("commit={before}\n"));
}

#[test]
fn the_commit_step_fails_visibly_when_its_entries_conflict_with_a_push_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let (remote, seed) = remote_and_checkout(dir.path());
    write(&seed, "content/papers/2026-06-10/a.md", "the editor's\n");
    git(&seed, &["commit", "--quiet", "-am", "edit a"]);
    git(
        &seed,
        &["push", "--quiet", "origin", "HEAD:refs/heads/main"],
    );
    let pushed = git(&remote, &["rev-parse", "refs/heads/main"]);
    write(
        &dir.path().join("checkout"),
        "content/papers/2026-06-10/a.md",
        "upvotes: 12\n",
    );

    let (run, output) = commit_step(dir.path());
    assert!(!run.status.success());
    assert!(
        stdout(&run).contains("::error::the new entries conflict with a commit pushed meanwhile"),
        "{}",
        stdout(&run)
    );
    assert_eq!(git(&remote, &["rev-parse", "refs/heads/main"]), pushed);
    assert_eq!(output, "");
}

#[test]
fn a_tag_is_resolved_to_the_commit_it_names_now() {
    let dir = tempfile::tempdir().unwrap();
    let workflow = yaml(&init_workflow(
        &dir.path().join("digest"),
        &[
            "--install-from",
            "git+https://github.com/me/paperpress@v0.1.0",
        ],
    ));
    let resolve = step(job(&workflow, "build"), "paperpress-tag");
    let script = resolve["run"].as_str().unwrap().to_string();
    assert_eq!(
        resolve["env"]["REPOSITORY"].as_str(),
        Some("https://github.com/me/paperpress")
    );

    let repo = dir.path().join("paperpress");
    std::fs::create_dir_all(&repo).unwrap();
    git(&repo, &["init", "--quiet"]);
    git(&repo, &["commit", "--quiet", "--allow-empty", "-m", "one"]);
    let first = git(&repo, &["rev-parse", "HEAD"]);
    git(&repo, &["tag", "-a", "-m", "annotated", "v0.1.0"]);
    git(&repo, &["commit", "--quiet", "--allow-empty", "-m", "two"]);
    let second = git(&repo, &["rev-parse", "HEAD"]);
    git(&repo, &["tag", "v0.1.0-light"]);

    let output_file = dir.path().join("github_output");
    for (tag, want) in [("v0.1.0", &first), ("v0.1.0-light", &second)] {
        std::fs::write(&output_file, "").unwrap();
        let run = run_step(
            &script,
            dir.path(),
            &[
                ("REPOSITORY", repo.to_str().unwrap()),
                ("TAG", tag),
                ("GITHUB_OUTPUT", output_file.to_str().unwrap()),
            ],
        );
        assert!(run.status.success(), "{tag}: {}", stderr(&run));
        assert_eq!(
            std::fs::read_to_string(&output_file).unwrap(),
            format!("commit={want}\n"),
            "{tag}"
        );
    }

    std::fs::write(&output_file, "").unwrap();
    let run = run_step(
        &script,
        dir.path(),
        &[
            ("REPOSITORY", repo.to_str().unwrap()),
            ("TAG", "v9.9.9"),
            ("GITHUB_OUTPUT", output_file.to_str().unwrap()),
        ],
    );
    assert!(!run.status.success());
    assert!(
        stdout(&run).contains("::error::cannot find tag v9.9.9"),
        "{}",
        stdout(&run)
    );
    assert_eq!(std::fs::read_to_string(&output_file).unwrap(), "");
}
