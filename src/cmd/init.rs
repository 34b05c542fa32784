//! `paperpress init`

use std::path::PathBuf;

use paperpress::scaffold::install_source::InstallSource;
use paperpress::scaffold::workflow::WORKFLOW_PATH;
use paperpress::scaffold::{GITIGNORE_PATH, init};

use super::print_errors;

#[derive(clap::Args)]
pub struct Args {
    /// The folder for the new site (created if missing)
    dir: PathBuf,
    /// Write no GitHub Actions workflow (.github/workflows/paperpress.yml)
    #[arg(long, conflicts_with = "install_from")]
    no_ci: bool,
    /// Where the workflow installs paperpress from: a crates.io version (0.1.0), a git
    /// repository at a tag (git+https://github.com/OWNER/paperpress@v0.1.0) or at a commit
    /// (git+https://github.com/OWNER/paperpress#rev=<40-digit commit id>)
    #[arg(long, value_name = "SOURCE", default_value_t = InstallSource::this_version())]
    install_from: InstallSource,
}

pub fn run(args: Args) -> bool {
    let ci = (!args.no_ci).then_some(&args.install_from);
    match init(&args.dir, ci) {
        Ok(written) => {
            for rel in &written {
                println!("created  {}", args.dir.join(rel).display());
            }
            let dir = if args.dir == std::path::Path::new(".") {
                "this folder".to_string()
            } else {
                args.dir.display().to_string()
            };
            if !written.iter().any(|rel| rel.as_os_str() == GITIGNORE_PATH) {
                println!(
                    "kept     {} as it was: have it ignore /output/ and /.paperpress/",
                    args.dir.join(GITIGNORE_PATH).display()
                );
            }
            // `cd .` is no step to take.
            let preview = if args.dir == std::path::Path::new(".") {
                "paperpress serve --open".to_string()
            } else {
                format!("cd {dir} && paperpress serve --open")
            };
            println!("A new site is in {dir}. Preview it with:\n  {preview}");
            if let Some(InstallSource::CratesIo(version)) = ci {
                println!(
                    "The workflow installs paperpress {version} from crates.io. If your \
                     paperpress came from a git repository instead, make the site with \
                     --install-from git+https://HOST/OWNER/paperpress@TAG (see README)."
                );
            }
            if ci.is_some() {
                println!(
                    "To publish it every day on GitHub Pages, push {dir} to a GitHub repository \
                     and choose \"GitHub Actions\" as the Pages source; {WORKFLOW_PATH} does the rest."
                );
            }
            true
        }
        Err(error) => {
            print_errors(&[error]);
            false
        }
    }
}
