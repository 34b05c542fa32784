//! `paperpress init`

use std::path::PathBuf;

use super::print_errors;

#[derive(clap::Args)]
pub struct Args {
    /// The folder for the new site (created if missing)
    dir: PathBuf,
}

pub fn run(args: Args) -> bool {
    match paperpress::scaffold::init(&args.dir) {
        Ok(written) => {
            for rel in &written {
                println!("created  {}", args.dir.join(rel).display());
            }
            let dir = args.dir.display();
            println!(
                "A new site is in {dir}. Preview it with:\n  cd {dir} && paperpress serve --open"
            );
            true
        }
        Err(error) => {
            print_errors(&[error]);
            false
        }
    }
}
