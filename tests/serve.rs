//! `paperpress serve` over real HTTP: pages, the site's 404 page, redirects, content
//! types, traversal attempts, live-reload events, and a port already in use.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;

use common::running::Running;
use common::{build, paper, site, write};

struct Answer {
    status: u16,
    head: String,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// Sends one request exactly as written (no client normalizing the path).
fn request(address: &str, method: &str, path: &str) -> Answer {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Answer {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

fn get(address: &str, path: &str) -> Answer {
    request(address, "GET", path)
}

fn fixture() -> tempfile::TempDir {
    let dir = site(
        "title = \"Served digest\"\nbase_url = \"https://example.org/digest/\"\n",
        &[(
            "content/papers/2025-05-09/alpha.md",
            &paper("Alpha Models", "2025-05-09", "", "The first abstract."),
        )],
    );
    write(dir.path(), "secret.txt", "not for the web");
    dir
}

/// Starts `serve` on a free port; returns it and its `host:port`.
fn serve(root: &Path, extra: &[&str]) -> (Running, String) {
    let mut args = vec!["serve", "--root", root.to_str().unwrap(), "--port", "0"];
    args.extend_from_slice(extra);
    let mut server = Running::start(&args);
    let line = server.wait_for("Serving at http://");
    let address = line
        .split("http://")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    (server, address)
}

#[test]
fn pages_404_redirects_content_types_and_no_way_out() {
    let dir = fixture();
    let root = dir.path();
    let (_server, address) = serve(root, &[]);

    let home = get(&address, "/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type").unwrap(),
        "text/html; charset=utf-8"
    );
    assert!(home.body.contains("Alpha Models"));
    assert!(
        home.body.contains("<script src=\"/__paperpress/live.js\""),
        "pages are served with the live-reload script"
    );
    let page = get(&address, "/papers/alpha-models/");
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains(&format!("href=\"http://{address}/papers/alpha-models/\"")),
        "canonical links point at the preview, not at the published site"
    );
    let moved = get(&address, "/papers/alpha-models");
    assert_eq!(moved.status, 301);
    assert_eq!(moved.header("Location").unwrap(), "/papers/alpha-models/");
    let css = get(&address, "/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(
        css.header("Content-Type").unwrap(),
        "text/css; charset=utf-8"
    );
    assert!(!css.body.contains("<script"), "only HTML gets the script");
    let script = get(&address, "/__paperpress/live.js");
    assert_eq!(script.status, 200);
    assert!(
        script
            .header("Content-Type")
            .unwrap()
            .starts_with("text/javascript")
    );

    let missing = get(&address, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Page not found"),
        "the site's own 404 page"
    );
    assert!(missing.body.contains("/__paperpress/live.js"));

    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/papers/..%2F..%2F..%2Fsecret.txt",
        "/..%5Csecret.txt",
        "/..\\secret.txt",
        "//etc/passwd",
        "/%00",
    ] {
        let answer = get(&address, path);
        assert!(
            answer.status == 404 || answer.status == 400,
            "{path}: {}",
            answer.status
        );
        assert!(!answer.body.contains("not for the web"), "{path}");
        assert!(!answer.body.contains("root:"), "{path}");
    }
    assert_eq!(request(&address, "POST", "/").status, 405);
    assert_eq!(request(&address, "HEAD", "/").status, 200);
    assert!(
        !root.join("output").exists(),
        "serve builds into a temporary folder, never into output/"
    );
}

#[test]
fn browsers_learn_of_rebuilds_and_errors_and_built_files_never_carry_the_script() {
    let dir = fixture();
    let root = dir.path();
    let out = root.join("preview");
    let (mut server, address) = serve(root, &["--output", out.to_str().unwrap()]);
    let generation = |page: &Answer| -> u64 {
        let at = page.body.find("data-generation=\"").unwrap() + 17;
        page.body[at..].split('"').next().unwrap().parse().unwrap()
    };
    let g = generation(&get(&address, "/"));

    // A browser waits for news; a save brings it.
    let waiting = {
        let address = address.clone();
        std::thread::spawn(move || get(&address, &format!("/__paperpress/events?since={g}")))
    };
    std::thread::sleep(std::time::Duration::from_millis(200));
    let entry = "content/papers/2025-05-09/alpha.md";
    write(
        root,
        entry,
        &paper("Alpha Models", "2025-05-09", "", "Edited."),
    );
    server.wait_for(" changed: ");
    let event: serde_json::Value = serde_json::from_str(&waiting.join().unwrap().body).unwrap();
    // One generation, or two when the second step of the rebuild (similar papers) came
    // before the browser's answer: it lists the changes of both.
    let news = event["generation"].as_u64().unwrap();
    assert!(news == g + 1 || news == g + 2, "{event}");
    assert!(
        event["changed"]
            .as_array()
            .unwrap()
            .contains(&"papers/alpha-models/index.html".into()),
        "{event}"
    );

    write(
        root,
        entry,
        "+++\ntitle = \"Alpha Models\"\ndate = 2025-05-09\nupvotes = -3\n+++\n",
    );
    server.wait_for("rebuild failed");
    let event: serde_json::Value = serde_json::from_str(
        &get(
            &address,
            &format!("/__paperpress/events?since={}&initial=1", g + 2),
        )
        .body,
    )
    .unwrap();
    assert_eq!(event["errors"][0]["file"], entry);
    assert_eq!(event["errors"][0]["line"], 4);

    write(
        root,
        entry,
        &paper("Alpha Models", "2025-05-09", "", "Fixed."),
    );
    server.wait_for(" changed: ");
    let event: serde_json::Value =
        serde_json::from_str(&get(&address, &format!("/__paperpress/events?since={}", g + 2)).body)
            .unwrap();
    assert_eq!(event["errors"], serde_json::json!([]));
    assert!(
        get(&address, "/papers/alpha-models/")
            .body
            .contains("Fixed.")
    );

    for file in common::snapshot(&out).keys() {
        let text = std::fs::read_to_string(out.join(file)).unwrap_or_default();
        assert!(
            !text.contains("__paperpress"),
            "{file} carries the script on disk"
        );
    }
}

#[test]
fn ctrl_c_stops_the_server_and_removes_its_temporary_folder() {
    let dir = fixture();
    let root = dir.path();
    let mut server = Running::start(&["serve", "--root", root.to_str().unwrap(), "--port", "0"]);
    let built = server.wait_for("Built ");
    server.wait_for("Serving at");
    let folder = built
        .split(" pages in ")
        .nth(1)
        .and_then(|rest| rest.rsplit_once(" in "))
        .map(|(path, _)| std::path::PathBuf::from(path))
        .unwrap();
    assert!(folder.join("index.html").is_file(), "{}", folder.display());
    assert!(server.interrupt(), "serve exits cleanly on Ctrl-C");
    assert!(!folder.exists(), "{} is left behind", folder.display());
    assert!(!folder.parent().unwrap().exists());
}

#[test]
fn hidden_files_are_never_served_and_a_folder_not_built_is_never_shown() {
    let dir = fixture();
    let root = dir.path();
    let out = root.join("deploy");
    build(root, &out, &[]);
    write(&out, ".git/config", "url = https://token@example.org/x");
    let (server, address) = serve(root, &["--output", out.to_str().unwrap()]);
    for path in ["/.git/config", "/.paperpress-output", "/%2Egit/config"] {
        let answer = get(&address, path);
        assert_eq!(answer.status, 404, "{path}");
        assert!(!answer.body.contains("token"), "{path}");
    }
    drop(server);

    // A folder of someone else's files is refused at once, not served.
    let theirs = root.join("theirs");
    write(&theirs, "notes.txt", "private notes");
    let refused = common::paperpress(&[
        "serve",
        "--root",
        root.to_str().unwrap(),
        "--port",
        "0",
        "--output",
        theirs.to_str().unwrap(),
    ]);
    assert!(!refused.status.success());
    assert!(
        common::stderr(&refused).contains("did not write"),
        "{}",
        common::stderr(&refused)
    );

    // A first build that fails shows a page saying so (with the errors' script), and
    // nothing of the folder.
    write(
        root,
        "content/papers/2025-05-09/alpha.md",
        "+++\ntitle = 1\n+++\n",
    );
    let (_server, address) = serve(root, &[]);
    let page = get(&address, "/index.html");
    assert_eq!(page.status, 503);
    assert!(page.body.contains("has not been built yet"));
    assert!(page.body.contains("/__paperpress/live.js"));
}

#[test]
fn a_port_in_use_is_named_with_the_flag_to_change_it() {
    let dir = fixture();
    let (_server, address) = serve(dir.path(), &[]);
    let port = address.rsplit(':').next().unwrap();
    let second = common::paperpress(&[
        "serve",
        "--root",
        dir.path().to_str().unwrap(),
        "--port",
        port,
    ]);
    assert!(!second.status.success());
    let message = common::stderr(&second);
    assert!(message.contains(&format!("port {port}")), "{message}");
    assert!(message.contains("--port"), "{message}");
}
