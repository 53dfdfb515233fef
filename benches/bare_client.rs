//! The physical limit the benchmarks compare against: a bare Rust client (reqwest + tokio +
//! serde_json, the same stack the engine uses) doing the same calls as the Python benchmark,
//! with nothing in between. Prints one JSON line of measurements.
//!
//! Usage:
//!   bare_client sync   <base-url> <calls> <warmup>
//!   bare_client conc   <base-url> <concurrency> <rounds>
//!   bare_client stream <base-url> <repeats>          (base selects chunk count / pacing)

use std::time::{Duration, Instant};

use serde_json::{json, Value};

fn cpu_seconds() -> f64 {
    // Process CPU time (user + system, all threads), like getrusage(RUSAGE_SELF).
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec we pass.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

fn body(stream: bool) -> Vec<u8> {
    let mut b = json!({
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": "Say something."}],
    });
    if stream {
        b["stream"] = json!(true);
    }
    serde_json::to_vec(&b).unwrap_or_default()
}

async fn one_call(client: &reqwest::Client, url: &str, body: &[u8]) -> Result<usize, String> {
    let resp = client
        .post(url)
        .header("content-type", "application/json")
        .header("authorization", "Bearer sk-bench")
        .body(body.to_vec())
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let bytes = resp.bytes().await.map_err(|e| e.to_string())?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    let content = v["choices"][0]["message"]["content"]
        .as_str()
        .unwrap_or_default();
    let usage = v["usage"]["total_tokens"].as_u64().unwrap_or(0);
    Ok(content.len() + usage as usize)
}

async fn one_stream(client: &reqwest::Client, url: &str, body: &[u8]) -> Result<usize, String> {
    let mut resp = client
        .post(url)
        .header("content-type", "application/json")
        .header("authorization", "Bearer sk-bench")
        .body(body.to_vec())
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let mut buf: Vec<u8> = Vec::new();
    let mut chunks = 0usize;
    while let Some(bytes) = resp.chunk().await.map_err(|e| e.to_string())? {
        buf.extend_from_slice(&bytes);
        // Parse every complete SSE event, as a client must; consumed bytes are dropped once
        // per network read, not once per event.
        let mut start = 0;
        while let Some(pos) = find_blank_line(&buf[start..]) {
            let line = &buf[start..start + pos];
            start += pos + 2;
            if let Some(data) = line.strip_prefix(b"data: ") {
                if data == b"[DONE]" {
                    return Ok(chunks);
                }
                let v: Value = serde_json::from_slice(data).map_err(|e| e.to_string())?;
                if v["choices"][0]["delta"]["content"].is_string() {
                    chunks += 1;
                }
            }
        }
        buf.drain(..start);
    }
    Ok(chunks)
}

fn find_blank_line(b: &[u8]) -> Option<usize> {
    b.windows(2).position(|w| w == b"\n\n")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: bare_client sync|conc|stream <base-url> <n> [m]");
        std::process::exit(2);
    }
    let mode = args[1].as_str();
    let url = format!("{}/chat/completions", args[2].trim_end_matches('/'));
    let n: usize = args[3].parse().unwrap_or(1);
    let m: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(0);
    // The tightest client: one thread drives the connection and the consumer, so no chunk
    // ever crosses threads (concurrency mode uses two workers, as the engine does).
    let rt = if mode == "conc" {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    }
    .expect("runtime");
    let client = reqwest::Client::builder()
        .tcp_nodelay(true)
        .build()
        .expect("client");
    match mode {
        "sync" => {
            let b = body(false);
            for _ in 0..m {
                rt.block_on(one_call(&client, &url, &b))
                    .expect("warmup call");
            }
            let c0 = cpu_seconds();
            let t0 = Instant::now();
            for _ in 0..n {
                rt.block_on(one_call(&client, &url, &b)).expect("call");
            }
            let cpu = cpu_seconds() - c0;
            println!(
                "{}",
                json!({"cpu_us_per_call": cpu * 1e6 / n as f64,
                       "wall_us_per_call": t0.elapsed().as_secs_f64() * 1e6 / n as f64})
            );
        }
        "conc" => {
            let b = body(false);
            let mut walls = Vec::new();
            let mut lat: Vec<f64> = Vec::new();
            for round in 0..=m {
                let t0 = Instant::now();
                let res: Vec<(f64, bool)> = rt.block_on(async {
                    let mut set = tokio::task::JoinSet::new();
                    for _ in 0..n {
                        let (c, u, b) = (client.clone(), url.clone(), b.clone());
                        set.spawn(async move {
                            let s = Instant::now();
                            let ok = one_call(&c, &u, &b).await.is_ok();
                            (s.elapsed().as_secs_f64(), ok)
                        });
                    }
                    let mut out = Vec::new();
                    while let Some(r) = set.join_next().await {
                        out.push(r.unwrap_or((0.0, false)));
                    }
                    out
                });
                let wall = t0.elapsed().as_secs_f64();
                if round == 0 {
                    continue; // warm round
                }
                assert!(res.iter().all(|r| r.1), "bare client saw errors");
                walls.push(wall);
                lat.extend(res.iter().map(|r| r.0));
            }
            walls.sort_by(f64::total_cmp);
            lat.sort_by(f64::total_cmp);
            let pct = |p: f64| lat[((lat.len() as f64 - 1.0) * p) as usize];
            println!(
                "{}",
                json!({"wall_ms": walls[walls.len() / 2] * 1e3, "p50_ms": pct(0.5) * 1e3,
                       "p99_ms": pct(0.99) * 1e3})
            );
        }
        "stream" => {
            let b = body(true);
            rt.block_on(one_stream(&client, &url, &b))
                .expect("warmup stream");
            let c0 = cpu_seconds();
            let mut chunks = 0;
            for _ in 0..n {
                chunks = rt.block_on(one_stream(&client, &url, &b)).expect("stream");
            }
            let cpu = cpu_seconds() - c0;
            println!(
                "{}",
                json!({"cpu_us_per_stream": cpu * 1e6 / n as f64, "chunks": chunks})
            );
        }
        other => {
            eprintln!("unknown mode {other}");
            std::process::exit(2);
        }
    }
    drop(rt);
    std::thread::sleep(Duration::from_millis(1));
}
