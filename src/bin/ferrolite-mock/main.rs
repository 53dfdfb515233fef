//! ferrolite-mock: loopback mock LLM-provider HTTP server (OpenAI, Azure, Anthropic wire
//! formats) for tests and benchmarks. This file owns the CLI and process lifecycle.
//!
//! Usage: `ferrolite-mock [--port N] [--host 127.0.0.1] [--threads N] [--exit-on-stdin-eof]`
//! Prints `LISTENING <port>` on stdout once bound. Scenarios are selected per request with a
//! `/s/<key=value,...>/` path prefix (see `scenario.rs`). The server relies on the default
//! SIGTERM/SIGINT disposition (immediate exit; it holds no state worth flushing). It does not
//! raise RLIMIT_NOFILE: fixtures expecting thousands of connections run it under `ulimit -n`.

mod anthropic;
mod cohere;
mod gemini;
mod http;
mod ollama;
mod openai;
mod reply;
mod scenario;
mod server;
mod stats;
#[cfg(test)]
mod tests;

use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::Arc;

const USAGE: &str =
    "usage: ferrolite-mock [--port N] [--host 127.0.0.1] [--threads N] [--exit-on-stdin-eof]";

#[derive(Debug, PartialEq, Eq)]
struct Args {
    host: String,
    port: u16,
    threads: usize,
    exit_on_stdin_eof: bool,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut out = Args {
        host: "127.0.0.1".into(),
        port: 0,
        threads: 1,
        exit_on_stdin_eof: false,
    };
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--port" => {
                let v = value("--port")?;
                out.port = v.parse().map_err(|_| format!("invalid --port '{v}'"))?;
            }
            "--host" => out.host = value("--host")?,
            "--threads" => {
                let v = value("--threads")?;
                out.threads = match v.parse() {
                    Ok(n) if n >= 1 => n,
                    _ => return Err(format!("invalid --threads '{v}'")),
                };
            }
            "--exit-on-stdin-eof" => out.exit_on_stdin_eof = true,
            "-h" | "--help" => return Ok(None),
            _ => return Err(format!("unknown argument '{arg}'")),
        }
    }
    Ok(Some(out))
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("ferrolite-mock: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.threads)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("ferrolite-mock: cannot start runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let listener = match server::bind(&args.host, args.port) {
            Ok(l) => l,
            Err(e) => {
                eprintln!(
                    "ferrolite-mock: cannot listen on {}:{}: {e}",
                    args.host, args.port
                );
                return ExitCode::from(2);
            }
        };
        let port = match listener.local_addr() {
            Ok(addr) => addr.port(),
            Err(e) => {
                eprintln!("ferrolite-mock: {e}");
                return ExitCode::FAILURE;
            }
        };
        let mut stdout = std::io::stdout().lock();
        if writeln!(stdout, "LISTENING {port}")
            .and_then(|()| stdout.flush())
            .is_err()
        {
            return ExitCode::FAILURE;
        }
        drop(stdout);
        if args.exit_on_stdin_eof {
            // A plain thread: blocking stdin reads must not occupy a runtime worker.
            std::thread::spawn(|| {
                let mut buf = [0u8; 256];
                let mut stdin = std::io::stdin();
                while matches!(stdin.read(&mut buf), Ok(n) if n > 0) {}
                std::process::exit(0);
            });
        }
        server::serve(listener, Arc::new(server::State::default())).await;
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod cli_tests {
    use super::*;

    fn parse(v: &[&str]) -> Result<Option<Args>, String> {
        parse_args(v.iter().map(|s| s.to_string()))
    }

    #[test]
    fn cli_flags() {
        let a = parse(&[
            "--port",
            "8080",
            "--host=::1",
            "--threads",
            "2",
            "--exit-on-stdin-eof",
        ])
        .expect("ok")
        .expect("args");
        assert_eq!(
            a,
            Args {
                host: "::1".into(),
                port: 8080,
                threads: 2,
                exit_on_stdin_eof: true
            }
        );
        let d = parse(&[]).expect("ok").expect("args");
        assert_eq!((d.host.as_str(), d.port, d.threads), ("127.0.0.1", 0, 1));
        assert!(parse(&["--help"]).expect("ok").is_none());
        assert!(parse(&["--port"]).is_err());
        assert!(parse(&["--port", "x"]).is_err());
        assert!(parse(&["--threads", "0"]).is_err());
        assert!(parse(&["--bogus"]).is_err());
    }
}
