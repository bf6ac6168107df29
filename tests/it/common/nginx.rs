//! A real nginx on 127.0.0.1 serving a build with the configuration `laman domains nginx`
//! writes, over TLS with a certificate from a throwaway authority made by openssl.
//! Killed (with its one process) when dropped.

use super::*;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// nginx, openssl and curl (`#[needs("nginx", "openssl", "curl")]` on the test).
pub fn tools() -> (PathBuf, PathBuf, PathBuf) {
    (tool("nginx"), tool("openssl"), tool("curl"))
}

/// Two different free ports: both are held while the second is found, since the
/// system may hand out a port again as soon as it is released.
pub fn two_free_ports() -> (u16, u16) {
    let bind = || std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let (a, b) = (bind(), bind());
    (
        a.local_addr().unwrap().port(),
        b.local_addr().unwrap().port(),
    )
}

/// Makes `dir/ca.pem` (an authority) and `dir/cert.pem` + `dir/key.pem` (a certificate
/// it signed for `domain` and `*.domain`).
pub fn certificates(openssl: &Path, dir: &Path, domain: &str) {
    let run = |args: &[&str]| {
        let out = Command::new(openssl)
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .output_in_time();
        assert!(out.status.success(), "openssl {args:?}: {}", stderr(&out));
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let mut ca = vec!["req", "-x509", "-days", "2", "-subj", "/CN=laman test CA"];
    ca.extend(ec);
    ca.extend([
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    run(&ca);
    let subject = format!("/CN={domain}");
    let mut csr = vec!["req", "-subj", subject.as_str()];
    csr.extend(ec);
    csr.extend(["-keyout", "key.pem", "-out", "leaf.csr"]);
    run(&csr);
    std::fs::write(
        dir.join("leaf.ext"),
        format!("subjectAltName=DNS:{domain},DNS:*.{domain}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"),
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-out",
        "cert.pem",
        "-extfile",
        "leaf.ext",
    ]);
}

/// A running nginx; killed when dropped.
pub struct Nginx {
    child: Child,
    pub http: u16,
    pub https: u16,
    /// Where its configuration, certificates and logs are.
    pub dir: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Nginx {
    /// Writes the configuration `laman domains nginx` gives for `root` serving `webroot`
    /// (plus `extra` lines for its `http` block), checks it with `nginx -t`, and starts
    /// nginx on two free loopback ports. `dir` must hold the certificates.
    pub fn start(nginx: &Path, root: &Path, webroot: &Path, dir: &Path) -> Nginx {
        Nginx::start_with(nginx, root, webroot, dir, |conf| conf)
    }

    /// As [`Nginx::start`], with the site configuration changed by `edit` first.
    pub fn start_with(
        nginx: &Path,
        root: &Path,
        webroot: &Path,
        dir: &Path,
        edit: impl Fn(String) -> String,
    ) -> Nginx {
        let (http, https) = two_free_ports();
        let out = laman(
            root,
            &[
                "domains",
                "nginx",
                "--webroot",
                webroot.to_str().unwrap(),
                "--cert",
                dir.join("cert.pem").to_str().unwrap(),
                "--key",
                dir.join("key.pem").to_str().unwrap(),
                "--http",
                &format!("127.0.0.1:{http}"),
                "--https",
                &format!("127.0.0.1:{https}"),
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        std::fs::write(dir.join("laman.conf"), edit(stdout(&out))).unwrap();
        let conf = format!(
            "user root;\ndaemon off;\nmaster_process off;\nworker_processes 1;\npid {t}/nginx.pid;\nerror_log {t}/error.log;\nevents {{ worker_connections 256; }}\nhttp {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n  client_body_temp_path {t}/body;\n  proxy_temp_path {t}/proxy;\n  fastcgi_temp_path {t}/fastcgi;\n  uwsgi_temp_path {t}/uwsgi;\n  scgi_temp_path {t}/scgi;\n  include {t}/laman.conf;\n}}\n",
            t = dir.display()
        );
        std::fs::write(dir.join("nginx.conf"), conf).unwrap();
        let args = |c: &mut Command| {
            c.arg("-c").arg(dir.join("nginx.conf")).arg("-p").arg(dir);
        };
        let mut test = Command::new(nginx);
        test.arg("-t");
        args(&mut test);
        let test = test.output_in_time();
        assert!(test.status.success(), "nginx -t: {}", stderr(&test));
        // One process (master_process off), its output not inherited: killing it leaves
        // no worker behind holding the test's stdout open.
        let mut run = Command::new(nginx);
        args(&mut run);
        let child = run
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Nginx {
            child,
            http,
            https,
            dir: dir.to_path_buf(),
        };
        let ready = (0..100).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(50));
            std::net::TcpStream::connect(("127.0.0.1", https)).is_ok()
        });
        assert!(
            ready,
            "nginx did not start: {}",
            std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
        );
        server
    }

    /// The configuration it serves, as `laman domains nginx` wrote it.
    pub fn site_conf(&self) -> String {
        read(self.dir.join("laman.conf"))
    }
}
