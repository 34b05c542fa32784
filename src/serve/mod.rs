//! The preview server of `paperpress serve`: the output folder over HTTP, with live
//! reload (see `live`). It binds to loopback unless told otherwise, answers GET and
//! HEAD only, never serves a file outside the folder, and sends the site's own 404 page
//! for paths that do not exist.

pub mod files;
pub mod live;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response};

use files::Resolved;
use live::Live;

/// Served while there is no build to show.
const NOT_BUILT: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not built yet</title></head><body><h1>The site has not been built yet</h1><p>The terminal running <code>paperpress serve</code> says why. This page reloads once a build succeeds.</p><script src=\"/__paperpress/live.js\" data-generation=\"0\" data-events=\"/__paperpress/events\"></script></body></html>";

/// How long a live-reload poll waits for a build before answering "nothing new".
const POLL: Duration = Duration::from_secs(25);

pub struct Server {
    http: tiny_http::Server,
    address: SocketAddr,
}

impl Server {
    /// Binds the address. A port in use is the likely failure; the message says how to
    /// choose another.
    pub fn bind(address: SocketAddr) -> Result<Server, String> {
        let listener = listen(address).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AddrInUse {
                format!(
                    "port {} on {} is already in use (another `paperpress serve`?); choose another with --port",
                    address.port(),
                    address.ip()
                )
            } else {
                format!("cannot serve on {address}: {e}; choose another address with --bind or --port")
            }
        })?;
        let http = tiny_http::Server::from_listener(listener, None)
            .map_err(|e| format!("cannot serve on {address}: {e}"))?;
        let address = http.server_addr().to_ip().unwrap_or(address);
        Ok(Server { http, address })
    }

    /// The address bound (with the real port when port 0 was asked for).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Serves `root` on a background thread, one thread per request (a preview has few
    /// visitors, and live-reload polls wait for minutes).
    pub fn run(self, root: PathBuf, live: Arc<Live>) {
        std::thread::spawn(move || {
            for request in self.http.incoming_requests() {
                let root = root.clone();
                let live = live.clone();
                std::thread::spawn(move || handle(request, &root, &live));
            }
        });
    }
}

/// A listening socket whose connections send each response at once. Without
/// `TCP_NODELAY`, the second response on a kept-alive connection waits ~40 ms for the
/// browser's delayed acknowledgement (Nagle's algorithm): most of a live reload's time.
/// Accepted connections inherit the option from the listener.
fn listen(address: SocketAddr) -> std::io::Result<std::net::TcpListener> {
    use socket2::{Domain, Protocol, Socket, Type};
    let socket = Socket::new(
        Domain::for_address(address),
        Type::STREAM,
        Some(Protocol::TCP),
    )?;
    #[cfg(not(windows))]
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&address.into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name, value).expect("header names and values are ASCII")
}

fn handle(request: Request, root: &Path, live: &Live) {
    let response = respond(request.method(), request.url(), root, live);
    // The browser may have gone away meanwhile; nothing to do about it.
    let _ = request.respond(response);
}

fn respond(
    method: &Method,
    url: &str,
    root: &Path,
    live: &Live,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let no_store = header("Cache-Control", "no-store");
    if !matches!(method, Method::Get | Method::Head) {
        return Response::from_string("Only GET and HEAD are served.\n")
            .with_status_code(405)
            .with_header(header("Allow", "GET, HEAD"));
    }
    let path = url.split('?').next().unwrap_or("");
    if path == live::SCRIPT_PATH {
        return Response::from_data(live::SCRIPT.as_bytes().to_vec())
            .with_header(header("Content-Type", "text/javascript; charset=utf-8"))
            .with_header(no_store);
    }
    if path == live::EVENTS_PATH {
        let query = url.split_once('?').map_or("", |(_, q)| q);
        let param = |name: &str| {
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
        };
        let since = param("since").and_then(|s| s.parse().ok()).unwrap_or(0);
        let initial = param("initial").is_some();
        return Response::from_string(live.wait(since, initial, POLL))
            .with_header(header("Content-Type", "application/json; charset=utf-8"))
            .with_header(no_store);
    }
    // The generation before the file is read: if a build lands in between, the page asks
    // for news since the older one and gets refreshed.
    let generation = live.generation();
    if !root.join(crate::output::MARKER).is_file() {
        // Nothing built yet (the first build failed): a bare page, whose script shows the
        // build's errors. Never whatever else the folder holds.
        return Response::from_string(NOT_BUILT)
            .with_status_code(503)
            .with_header(header("Content-Type", "text/html; charset=utf-8"))
            .with_header(no_store);
    }
    let (file, status) = match files::resolve(root, url) {
        Resolved::File(file) => (file, 200),
        Resolved::Redirect(location) => {
            return Response::from_string(format!("Moved to {location}\n"))
                .with_status_code(301)
                .with_header(header("Location", &location));
        }
        Resolved::NotFound => (root.join("404.html"), 404),
    };
    let bytes = match std::fs::read(&file) {
        Ok(bytes) => bytes,
        // No 404 page yet (the first build failed, say): a bare one, which still gets
        // the live script so that the build's errors show.
        Err(_) => b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1></body></html>".to_vec(),
    };
    let content_type = files::content_type(&file);
    let body = if content_type.starts_with("text/html") {
        live::inject(&String::from_utf8_lossy(&bytes), generation).into_bytes()
    } else {
        bytes
    };
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", &content_type))
        .with_header(no_store)
}
