//! A scripted HTTP server on 127.0.0.1 for fetch tests: it answers the n-th connection
//! with the n-th canned reply, byte for byte (so it can send a cut-off body or stall),
//! and records each request's target, headers and arrival time.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The bytes to send for one request, after an optional pause.
pub struct Reply {
    bytes: Vec<u8>,
    pause: Duration,
}

impl Reply {
    /// A complete reply with the given status line, headers and body.
    pub fn new(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut head = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(body);
        Reply {
            bytes,
            pause: Duration::ZERO,
        }
    }

    pub fn ok(content_type: &str, body: &[u8]) -> Reply {
        Reply::new("200 OK", &[("Content-Type", content_type)], body)
    }

    pub fn json(body: &[u8]) -> Reply {
        Reply::ok("application/json; charset=utf-8", body)
    }

    pub fn atom(body: &[u8]) -> Reply {
        Reply::ok("application/atom+xml; charset=utf-8", body)
    }

    /// Exactly these bytes, then the connection closes.
    pub fn raw(bytes: &[u8]) -> Reply {
        Reply {
            bytes: bytes.to_vec(),
            pause: Duration::ZERO,
        }
    }

    /// The same reply, sent only after `pause`.
    pub fn after(mut self, pause: Duration) -> Reply {
        self.pause = pause;
        self
    }
}

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Received {
    /// The request target: path and query.
    pub target: String,
    /// The header lines, as sent.
    pub headers: Vec<String>,
    pub at: Instant,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.iter().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }
}

pub struct Server {
    pub base: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Server {
    /// Serves `replies` in order, one per connection. A request beyond the script gets a
    /// 418, so a test that makes one too many calls sees it.
    pub fn start(replies: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&received);
        std::thread::spawn(move || {
            let mut replies = replies.into_iter();
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let reply = replies.next().unwrap_or_else(|| {
                    Reply::new(
                        "418 I'm a teapot",
                        &[],
                        b"more requests than the test scripted",
                    )
                });
                let log = Arc::clone(&log);
                std::thread::spawn(move || answer(stream, reply, &log));
            }
        });
        Server { base, received }
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    pub fn targets(&self) -> Vec<String> {
        self.received().into_iter().map(|r| r.target).collect()
    }
}

/// A port on which nothing listens.
pub fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/api", listener.local_addr().unwrap());
    drop(listener);
    url
}

fn answer(stream: TcpStream, reply: Reply, log: &Mutex<Vec<Received>>) {
    let at = Instant::now();
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line.trim_end().is_empty() => break,
            Ok(_) => headers.push(line.trim_end().to_string()),
        }
    }
    let target = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_string();
    log.lock().unwrap().push(Received {
        target,
        headers,
        at,
    });
    std::thread::sleep(reply.pause);
    let mut stream = &stream;
    // The client may have given up already (timeouts): that is not the server's error.
    let _ = stream.write_all(&reply.bytes);
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Both);
}
