//! The tests' children under a deadline: a program that hangs fails its test within a
//! bound, saying what it printed so far, instead of blocking the test until the runner
//! kills it. Pipes are always drained, so a child never blocks on a full one.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a command of the tests may run before it counts as hung: far beyond what any
/// takes on a loaded machine, far below the runner's own limit.
pub const RUN_LIMIT: Duration = Duration::from_secs(120);

/// How long a server may take to announce itself.
pub const START_LIMIT: Duration = Duration::from_secs(30);

/// [`Command::output`] with a deadline.
pub trait OutputInTime {
    /// Runs the command to its end with no standard input and both outputs captured;
    /// kills it and fails the test if it still runs after [`RUN_LIMIT`].
    fn output_in_time(&mut self) -> Output;
}

impl OutputInTime for Command {
    fn output_in_time(&mut self) -> Output {
        output_within(self, RUN_LIMIT)
    }
}

/// Runs `cmd` to its end with no standard input and both outputs captured; kills it and
/// fails the test, with what it printed so far, if it still runs after `limit`.
pub fn output_within(cmd: &mut Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let (out, out_reader) = collect(child.stdout.take().unwrap());
    let (err, err_reader) = collect(child.stderr.take().unwrap());
    let Some(status) = wait_within(&mut child, limit) else {
        // Not joined: something the child started may still hold the pipes open.
        let said =
            |b: &Arc<Mutex<Vec<u8>>>| String::from_utf8_lossy(&b.lock().unwrap()).into_owned();
        panic!(
            "{cmd:?} still ran after {limit:?}, killed.\n--- stdout so far:\n{}\n--- stderr so far:\n{}",
            said(&out),
            said(&err)
        );
    };
    out_reader.join().unwrap();
    err_reader.join().unwrap();
    let take = |b: Arc<Mutex<Vec<u8>>>| std::mem::take(&mut *b.lock().unwrap());
    Output {
        status,
        stdout: take(out),
        stderr: take(err),
    }
}

/// Reads `pipe` to its end on a thread of its own, into a buffer readable meanwhile.
fn collect(mut pipe: impl Read + Send + 'static) -> (Arc<Mutex<Vec<u8>>>, JoinHandle<()>) {
    let buffer = Arc::new(Mutex::new(Vec::new()));
    let filled = Arc::clone(&buffer);
    let reader = std::thread::spawn(move || {
        let mut chunk = [0; 8192];
        while let Ok(n @ 1..) = pipe.read(&mut chunk) {
            filled.lock().unwrap().extend_from_slice(&chunk[..n]);
        }
    });
    (buffer, reader)
}

/// Waits for `child` to end; after `limit`, kills it and returns `None`.
pub fn wait_within(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + limit;
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

/// Reads the standard error of `child` (which must be piped) until a line starts with
/// `prefix`, and returns the rest of that line. If none has come after `limit`, or the
/// child ended first, kills the child and fails the test with every line it printed.
/// The rest of its standard error is read and dropped, so the child never blocks on it.
pub fn announced(child: &mut Child, prefix: &str, limit: Duration) -> String {
    let stderr = child.stderr.take().expect("stderr is piped");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            // Once the announcement is read nobody listens: keep draining all the same.
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + limit;
    let mut said = Vec::new();
    let failure = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => match line.strip_prefix(prefix) {
                Some(rest) => return rest.to_string(),
                None => said.push(line),
            },
            Err(mpsc::RecvTimeoutError::Timeout) => break format!("nothing after {limit:?}"),
            Err(mpsc::RecvTimeoutError::Disconnected) => break "it ended first".to_string(),
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    panic!(
        "no line starting with {prefix:?} ({failure}); it printed:\n{}",
        said.join("\n")
    );
}

/// The message of the panic `f` ends in, and how long it took to get there.
#[cfg(test)]
fn panic_of(f: impl FnOnce() + std::panic::UnwindSafe) -> (String, Duration) {
    let started = Instant::now();
    let payload = std::panic::catch_unwind(f).expect_err("it panics");
    let message = payload
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    (message, started.elapsed())
}

#[cfg(test)]
fn sh(script: &str) -> Command {
    let mut cmd = Command::new("sh");
    cmd.args(["-c", script]);
    cmd
}

#[test]
fn a_hung_command_fails_at_its_limit_with_what_it_printed() {
    let (message, took) = panic_of(|| {
        output_within(
            &mut sh("echo begun; echo warming >&2; sleep 30"),
            Duration::from_millis(300),
        );
    });
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert!(message.contains("still ran after"), "{message}");
    assert!(
        message.contains("begun") && message.contains("warming"),
        "{message}"
    );
}

#[test]
fn a_command_that_ends_gives_all_its_output() {
    let out = output_within(
        &mut sh("head -c 300000 /dev/zero; echo said >&2; exit 3"),
        RUN_LIMIT,
    );
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(out.stdout.len(), 300_000);
    assert_eq!(out.stderr, b"said\n");
}

#[test]
fn a_server_that_never_announces_fails_at_its_limit_and_is_killed() {
    let mut child = sh("echo warming >&2; exec sleep 30")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (message, took) = panic_of(std::panic::AssertUnwindSafe(|| {
        announced(&mut child, "ready: ", Duration::from_millis(300));
    }));
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert!(message.contains("warming"), "{message}");
    assert!(child.try_wait().unwrap().is_some(), "{pid} still runs");
}

#[test]
fn an_announcement_is_returned_and_the_rest_is_drained() {
    let mut child = sh("echo noise >&2; echo 'ready: 42' >&2; head -c 300000 /dev/zero >&2")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    assert_eq!(announced(&mut child, "ready: ", START_LIMIT), "42");
    let status = wait_within(&mut child, RUN_LIMIT).expect("never blocked on its stderr");
    assert!(status.success());
}
