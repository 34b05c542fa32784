//! The GitHub Actions workflow that `init` writes: fetch, check and commit the newest
//! papers every day, then build and deploy the site on GitHub Pages.
//!
//! The text lives in `workflow.yml`, the one copy that README shows too; the only part
//! made here is the steps that install paperpress, which depend on `--install-from`.

use super::install_source::{GitPin, InstallSource};

/// Where `init` writes the workflow, relative to the site's folder.
pub const WORKFLOW_PATH: &str = ".github/workflows/paperpress.yml";

/// The workflow with a placeholder line wherever paperpress is installed.
pub const TEMPLATE: &str = include_str!("workflow.yml");

/// The placeholder line's text, indented as a step of a job.
pub const INSTALL_MARKER: &str = "      # @install-paperpress@";

/// The workflow that installs paperpress from `source`.
pub fn workflow(source: &InstallSource) -> String {
    let steps = install_steps(source);
    let mut text = String::with_capacity(TEMPLATE.len() + 2 * steps.len());
    for line in TEMPLATE.split_inclusive('\n') {
        if line.trim_end() == INSTALL_MARKER {
            text.push_str(&steps);
        } else {
            text.push_str(line);
        }
    }
    text
}

/// The steps of a job that put the `paperpress` binary on the PATH: restore it from the
/// cache, or install it and save it there. The cache key holds the exact version or
/// commit, so a restored binary is always the one asked for.
fn install_steps(source: &InstallSource) -> String {
    const CACHE: &str = "paperpress-${{ runner.os }}-${{ runner.arch }}";
    // `resolve` is a step before the others; `env` is the install step's environment.
    let (resolve, key, name, env, install) = match source {
        InstallSource::CratesIo(version) => (
            String::new(),
            format!("{CACHE}-crates-io-{version}"),
            format!("paperpress {version} from crates.io"),
            String::new(),
            format!("cargo install paperpress --version ={version} --locked"),
        ),
        InstallSource::Git {
            url,
            pin: GitPin::Rev(rev),
        } => (
            String::new(),
            format!("{CACHE}-git-{rev}"),
            format!("paperpress from {url} at {rev}"),
            String::new(),
            format!("cargo install paperpress --git {url} --rev {rev} --locked"),
        ),
        InstallSource::Git {
            url,
            pin: GitPin::Tag(tag),
        } => (
            resolve_tag_step(url, tag),
            format!("{CACHE}-git-${{{{ steps.paperpress-tag.outputs.commit }}}}"),
            format!("paperpress from {url} at tag {tag}"),
            "        env:\n          COMMIT: ${{ steps.paperpress-tag.outputs.commit }}\n"
                .to_string(),
            format!("cargo install paperpress --git {url} --rev \"$COMMIT\" --locked"),
        ),
    };
    format!(
        "{resolve}      - name: Restore paperpress from the cache
        id: paperpress-cache
        uses: actions/cache/restore@v5
        with:
          path: ~/.cargo/bin/paperpress
          key: {key}
      - name: Install {name}
        if: steps.paperpress-cache.outputs.cache-hit != 'true'
{env}        run: |
          set -euo pipefail
          rustup update stable --no-self-update
          {install}
      - name: Save paperpress in the cache
        if: steps.paperpress-cache.outputs.cache-hit != 'true'
        uses: actions/cache/save@v5
        with:
          path: ~/.cargo/bin/paperpress
          key: ${{{{ steps.paperpress-cache.outputs.cache-primary-key }}}}
      - run: paperpress --version
"
    )
}

/// A step that finds the commit a tag names now, so that a moved tag installs (and
/// caches) the commit it names, never the one cached before.
fn resolve_tag_step(url: &str, tag: &str) -> String {
    format!(
        r#"      - name: Find the commit of paperpress's tag {tag}
        id: paperpress-tag
        env:
          REPOSITORY: "{url}"
          TAG: "{tag}"
        run: |
          set -euo pipefail
          refs=$(git ls-remote --exit-code --tags "$REPOSITORY" "refs/tags/$TAG" "refs/tags/$TAG^{{}}") || {{
            echo "::error::cannot find tag $TAG in $REPOSITORY"
            exit 1
          }}
          # An annotated tag is listed twice; its commit is on the line ending in ^{{}}.
          commit=$(printf '%s\n' "$refs" | sort -k 2 | tail -n 1 | cut -f 1)
          echo "tag $TAG is commit $commit"
          echo "commit=$commit" >> "$GITHUB_OUTPUT"
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_installs_paperpress_in_the_two_jobs_that_run_it() {
        let markers = TEMPLATE
            .lines()
            .filter(|line| line.trim() == INSTALL_MARKER.trim())
            .collect::<Vec<_>>();
        assert_eq!(markers, [INSTALL_MARKER, INSTALL_MARKER]);
        let text = workflow(&InstallSource::this_version());
        assert!(!text.contains("@install-paperpress@"));
        assert_eq!(text.matches("cargo install paperpress").count(), 2);
    }
}
