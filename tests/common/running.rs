//! A `paperpress watch` or `serve` process for a test: its output read line by line, and
//! the process killed when the test ends (even when it fails).

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// How long a test waits for a rebuild before failing: generous, because CI machines are
/// shared and slow; a passing test does not wait for it.
pub const PATIENCE: Duration = Duration::from_secs(30);

pub struct Running {
    child: Child,
    lines: Receiver<String>,
    /// Everything printed so far, for failure messages.
    pub log: Vec<String>,
}

impl Running {
    /// `paperpress watch` on the site at `root`, writing to `root/output`, once its first
    /// build is done. Returns it and the output folder.
    pub fn watch(root: &std::path::Path) -> (Running, std::path::PathBuf) {
        let out = root.join("output");
        let mut watch = Running::start(&[
            "watch",
            "--root",
            root.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ]);
        watch.wait_for("Watching for changes");
        (watch, out)
    }

    pub fn start(args: &[&str]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_paperpress"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("paperpress starts");
        let (send, lines) = mpsc::channel();
        let streams: [Box<dyn Read + Send>; 2] = [
            Box::new(child.stdout.take().unwrap()),
            Box::new(child.stderr.take().unwrap()),
        ];
        for stream in streams {
            let send = send.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if send.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        Running {
            child,
            lines,
            log: Vec::new(),
        }
    }

    /// Waits for a line containing `text` and returns it; panics with the log if none
    /// comes within `PATIENCE`.
    pub fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.log.push(line.clone());
                    if line.contains(text) {
                        return line;
                    }
                }
                Err(_) => panic!(
                    "no line containing {text:?} within {PATIENCE:?}; output so far:\n{}",
                    self.log.join("\n")
                ),
            }
        }
    }

    /// Waits until `done` holds, reading the output as rebuilds come: on a busy machine,
    /// a change made of several file operations (a rename and a write) can arrive as two
    /// bursts, so the first rebuild's line may come before the state a test waits for.
    /// Panics with the log if `done` does not hold within `PATIENCE`.
    pub fn wait_until(&mut self, done: impl Fn() -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !done() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                panic!(
                    "the output did not reach the expected state within {PATIENCE:?}; output so far:\n{}",
                    self.log.join("\n")
                );
            }
            // A rebuild prints a line when it is done; look again then, or in a moment.
            if let Ok(line) = self
                .lines
                .recv_timeout(left.min(Duration::from_millis(200)))
            {
                self.log.push(line);
            }
        }
    }

    /// Waits for a rebuild (its ` changed: ` line), then until `done` holds.
    pub fn rebuilt_until(&mut self, done: impl Fn() -> bool) {
        self.wait_for(" changed: ");
        self.wait_until(done);
    }

    /// Lines printed since the last call, without waiting.
    pub fn drain(&mut self) -> Vec<String> {
        let lines: Vec<String> = self.lines.try_iter().collect();
        self.log.extend(lines.iter().cloned());
        lines
    }
}

impl Running {
    /// Asks the process to stop as Ctrl-C would, and waits for it (killing it after
    /// `PATIENCE`). Returns whether it exited successfully.
    pub fn interrupt(&mut self) -> bool {
        let asked = std::process::Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        let deadline = Instant::now() + PATIENCE;
        while asked && Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        false
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // Stop it the way a user does, so that it cleans up after itself.
        if let Ok(None) = self.child.try_wait() {
            self.interrupt();
        }
    }
}
