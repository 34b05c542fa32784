//! `paperpress serve`

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use paperpress::pipeline::BuildOptions;
use paperpress::serve::Server;
use paperpress::serve::live::Live;
use paperpress::watch::Outcome;

use super::watch::{Log, absolute_root, start};
use crate::RootArg;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// Address to listen on; the default serves this computer only
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Open the site in the default browser once it is built
    #[arg(long)]
    open: bool,
    /// Build the preview into this folder and keep it [default: a temporary folder,
    /// removed on exit, so output/ is never touched]. Its canonical links point at the
    /// preview: use `build` for a site to publish
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Include entries marked `draft = true`
    #[arg(long)]
    drafts: bool,
}

pub fn run(args: Args) -> bool {
    let Some(root) = absolute_root(&args.root.root) else {
        return false;
    };
    // Bind first: a port in use is reported before any work is done.
    let server = match Server::bind(SocketAddr::new(args.bind, args.port)) {
        Ok(server) => server,
        Err(message) => {
            eprintln!("error: {message}");
            return false;
        }
    };
    let address = server.address();
    // 0.0.0.0 is not an address a browser can open: show (and link to) loopback.
    let shown = if address.ip().is_unspecified() {
        SocketAddr::new(IpAddr::from([127, 0, 0, 1]), address.port())
    } else {
        address
    };
    let url = format!("http://{shown}/");
    if !args.bind.is_loopback() {
        eprintln!(
            "warning: serving to the network on {address}, not just this computer; other devices use this computer's address with port {}",
            address.port()
        );
    }
    let (output, _temporary) = match args.output {
        Some(dir) => (dir, None),
        None => match tempfile::Builder::new()
            .prefix("paperpress-serve-")
            .tempdir()
        {
            Ok(temp) => (temp.path().join("site"), Some(temp)),
            Err(e) => {
                eprintln!(
                    "error: cannot create a temporary folder to build into: {e}; pass --output DIR"
                );
                return false;
            }
        },
    };
    let options = BuildOptions {
        root,
        output: output.clone(),
        // Links are relative; this makes canonical links and the 404 page's links
        // point at the preview.
        base_url: Some(url.clone()),
        include_drafts: args.drafts,
    };
    let Some(mut watcher) = start(options) else {
        return false;
    };
    let live = Arc::new(Live::default());
    let mut log = Log::preview();
    let first = watcher.build_all();
    tell_browsers(&live, &first);
    log.print(&first, &watcher);
    server.run(output, live.clone());
    println!("Serving at {url} (Ctrl-C to stop)");
    if args.open
        && let Err(e) = open::that_detached(&url)
    {
        eprintln!("warning: cannot open a browser here; visit {url} ({e})");
    }
    while let Some(outcome) = watcher.rebuild_on_change() {
        tell_browsers(&live, &outcome);
        log.print(&outcome, &watcher);
    }
    println!("Stopped.");
    true
}

fn tell_browsers(live: &Live, outcome: &Outcome) {
    match outcome {
        // The second step of a rebuild that changed nothing is no news to a browser.
        Outcome::Built {
            files, settling, ..
        } if *settling && files.is_empty() => {}
        Outcome::Built { files, .. } => live.built(files.iter().map(String::as_str)),
        Outcome::Failed { errors, .. } => live.failed(errors),
    }
}
