//! An OpenSSH server on 127.0.0.1 for one test: a throwaway host key and user key in a
//! temporary folder, a free port, running as the current user. Killed when dropped.

use crate::common::{tool, OutputInTime};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Sshd {
    child: Child,
    pub port: u16,
    /// The keys, configuration and known_hosts.
    pub dir: tempfile::TempDir,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// sshd (`#[needs("sshd", "ssh", "ssh-keygen", "rsync")]` on the test), found like the
/// others, after them so that a missing client fails before a server starts.
pub fn tools() -> PathBuf {
    for client in ["ssh", "ssh-keygen", "rsync"] {
        tool(client);
    }
    tool("sshd")
}

fn keygen(file: &Path) {
    let out = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(file)
        .stdin(Stdio::null())
        .output_in_time();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Sshd {
    /// Starts sshd accepting `user_key.pub`; `known_hosts` holds its host key for
    /// 127.0.0.1 on its port. A second key, `wrong_key`, is not accepted.
    pub fn start(sshd: &Path) -> Sshd {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for name in ["host_key", "user_key", "wrong_key"] {
            keygen(&d.join(name));
        }
        std::fs::copy(d.join("user_key.pub"), d.join("authorized_keys")).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let host_pub = std::fs::read_to_string(d.join("host_key.pub")).unwrap();
        std::fs::write(
            d.join("known_hosts"),
            format!("[127.0.0.1]:{port} {host_pub}"),
        )
        .unwrap();
        std::fs::write(
            d.join("sshd_config"),
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\nPidFile none\n\
                 AuthorizedKeysFile {d}/authorized_keys\nStrictModes no\nUsePAM no\n\
                 PasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 PermitRootLogin prohibit-password\nPubkeyAuthentication yes\n\
                 Subsystem sftp internal-sftp\n",
                d = d.display()
            ),
        )
        .unwrap();
        // sshd wants its privilege separation folder.
        let _ = std::fs::create_dir_all("/run/sshd");
        let child = Command::new(sshd)
            .args(["-D", "-e", "-f"])
            .arg(d.join("sshd_config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(d.join("sshd.log")).unwrap())
            .spawn()
            .unwrap();
        let server = Sshd { child, port, dir };
        let ready = (0..100).any(|_| {
            std::thread::sleep(Duration::from_millis(50));
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        assert!(ready, "sshd did not start: {}", server.log());
        server
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("sshd.log")).unwrap_or_default()
    }

    /// `--to`, `--ssh-key`, `--known-hosts` and the port for publishing to `path`.
    pub fn args(&self, path: &Path, key: &str) -> Vec<String> {
        let d = self.dir.path();
        let user = std::env::var("USER").unwrap_or_else(|_| "root".into());
        vec![
            "--to".into(),
            format!("{user}@127.0.0.1:{}", path.display()),
            "--ssh-key".into(),
            d.join(key).display().to_string(),
            "--known-hosts".into(),
            d.join("known_hosts").display().to_string(),
            "--ssh-option".into(),
            format!("Port={}", self.port),
        ]
    }
}
