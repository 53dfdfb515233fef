//! In-process integration tests: start the server on port 0 and speak raw HTTP to it.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::server;

/// Upper bound for any single test.
const LIMIT: Duration = Duration::from_secs(15);

async fn bounded<F: Future>(f: F) -> F::Output {
    tokio::time::timeout(LIMIT, f)
        .await
        .expect("test timed out")
}

async fn start() -> u16 {
    let listener = server::bind("127.0.0.1", 0).expect("bind");
    let port = listener.local_addr().expect("local addr").port();
    tokio::spawn(server::serve(listener, Arc::new(server::State::default())));
    port
}

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// False when the connection closed before the body was complete.
    complete: bool,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// SSE events as (event name, data) pairs; comments are skipped.
    fn events(&self) -> Vec<(Option<String>, String)> {
        let text = self.text().replace("\r\n", "\n");
        text.split("\n\n")
            .filter(|e| !e.is_empty())
            .filter_map(|e| {
                let mut name = None;
                let mut data = None;
                for line in e.lines() {
                    if let Some(v) = line.strip_prefix("event: ") {
                        name = Some(v.to_owned());
                    } else if let Some(v) = line.strip_prefix("data: ") {
                        data = Some(v.to_owned());
                    }
                }
                data.map(|d| (name, d))
            })
            .collect()
    }

    /// Parsed JSON of every `data:` line except `[DONE]`.
    fn chunks(&self) -> Vec<Value> {
        self.events()
            .into_iter()
            .filter(|(_, d)| d != "[DONE]")
            .map(|(_, d)| serde_json::from_str(&d).expect("chunk JSON"))
            .collect()
    }
}

fn request(method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut r = format!("{method} {path} HTTP/1.1\r\nhost: 127.0.0.1\r\n");
    for (n, v) in headers {
        r.push_str(&format!("{n}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        r.push_str(&format!(
            "content-type: application/json\r\ncontent-length: {}\r\n",
            body.len()
        ));
    }
    r.push_str("\r\n");
    r.push_str(body);
    r.into_bytes()
}

/// Reads more bytes; returns false on EOF.
async fn fill(s: &mut TcpStream, buf: &mut Vec<u8>) -> bool {
    let mut tmp = [0u8; 16 * 1024];
    match s.read(&mut tmp).await {
        Ok(0) | Err(_) => false,
        Ok(n) => {
            buf.extend_from_slice(&tmp[..n]);
            true
        }
    }
}

/// Decodes the complete chunks at the start of `buf` (for bodies that were cut off).
fn partial_dechunk(buf: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(nl) = buf[pos..].windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&buf[pos..pos + nl])
            .ok()
            .and_then(|s| usize::from_str_radix(s, 16).ok());
        let Some(size) = size.filter(|&s| s > 0) else {
            break;
        };
        let start = pos + nl + 2;
        if buf.len() < start + size + 2 {
            break;
        }
        out.extend_from_slice(&buf[start..start + size]);
        pos = start + size + 2;
    }
    out
}

/// Reads one response (keeping pipelined leftovers in `buf`).
async fn read_response(s: &mut TcpStream, buf: &mut Vec<u8>) -> Resp {
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        assert!(fill(s, buf).await, "EOF before response head");
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    buf.drain(..head_end);
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("status line");
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let get = |n: &str| headers.iter().find(|(h, _)| h == n).map(|(_, v)| v.clone());
    if let Some(len) = get("content-length") {
        let len: usize = len.parse().expect("content-length");
        while buf.len() < len {
            if !fill(s, buf).await {
                let body = std::mem::take(buf);
                return Resp {
                    status,
                    headers,
                    body,
                    complete: false,
                };
            }
        }
        let body = buf.drain(..len).collect();
        return Resp {
            status,
            headers,
            body,
            complete: true,
        };
    }
    assert_eq!(get("transfer-encoding").as_deref(), Some("chunked"));
    loop {
        if let Some((body, used)) =
            crate::http::decode_chunked(buf, usize::MAX).expect("valid chunked body")
        {
            buf.drain(..used);
            return Resp {
                status,
                headers,
                body,
                complete: true,
            };
        }
        if !fill(s, buf).await {
            let body = partial_dechunk(buf);
            buf.clear();
            return Resp {
                status,
                headers,
                body,
                complete: false,
            };
        }
    }
}

/// One request on a fresh connection.
async fn call(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Resp {
    let mut s = TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    s.write_all(&request(method, path, headers, body))
        .await
        .expect("write");
    let mut buf = Vec::new();
    read_response(&mut s, &mut buf).await
}

async fn stats(port: u16, id: &str) -> Value {
    call(port, "GET", &format!("/__stats/{id}"), &[], "")
        .await
        .json()
}

/// Polls the stats of `id` until `pred` holds (bounded by the test timeout).
async fn wait_stats(port: u16, id: &str, pred: impl Fn(&Value) -> bool) -> Value {
    loop {
        let v = stats(port, id).await;
        if pred(&v) {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

const ANTHROPIC_HEADERS: &[(&str, &str)] = &[
    ("x-api-key", "sk-ant-test"),
    ("anthropic-version", "2023-06-01"),
];

fn openai_body(stream: bool, include_usage: bool) -> String {
    let mut b = json!({
        "model": "gpt-4o-mini",
        "messages": [{"role": "system", "content": "Be brief."},
                     {"role": "user", "content": "What is the weather in Paris?"}],
    });
    if stream {
        b["stream"] = json!(true);
    }
    if include_usage {
        b["stream_options"] = json!({"include_usage": true});
    }
    b.to_string()
}

fn anthropic_body(stream: bool) -> String {
    json!({
        "model": "claude-sonnet-4-5", "max_tokens": 256, "system": "Be brief.",
        "messages": [{"role": "user", "content": "Weather in Paris?"}],
        "tools": [{"name": "lookup_weather", "input_schema": {"type": "object"}}],
        "stream": stream,
    })
    .to_string()
}

#[tokio::test]
async fn health_and_unknown_routes() {
    bounded(async {
        let port = start().await;
        let r = call(port, "GET", "/health", &[], "").await;
        assert_eq!((r.status, r.text().as_str()), (200, "ok"));
        let r = call(port, "POST", "/v1/images/generations", &[], "{}").await;
        assert_eq!(r.status, 404);
        assert_eq!(
            r.json()["error"]["message"],
            "Invalid URL (POST /v1/images/generations)"
        );
        let r = call(port, "POST", "/s/nope=1/v1/chat/completions", &[], "{}").await;
        assert_eq!(r.status, 400);
        assert_eq!(r.header("x-mock-error"), Some("bad-scenario"));
    })
    .await;
}

#[tokio::test]
async fn openai_non_stream_reply_and_keep_alive() {
    bounded(async {
        let port = start().await;
        let mut s = TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connect");
        let mut buf = Vec::new();
        let body = openai_body(false, false);
        // Two pipelined requests on one connection.
        let mut bytes = request("POST", "/s/id=ns/v1/chat/completions", &[], &body);
        bytes.extend(request("POST", "/s/id=ns/v1/chat/completions", &[], &body));
        s.write_all(&bytes).await.expect("write");
        let r = read_response(&mut s, &mut buf).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.header("x-ratelimit-remaining-requests"), Some("99"));
        assert!(r.header("x-request-id").is_some());
        let v = r.json();
        assert_eq!(v["id"], "chatcmpl-mock-1");
        assert_eq!(v["object"], "chat.completion");
        assert_eq!(v["created"], 1_700_000_000);
        assert_eq!(v["model"], "gpt-4o-mini");
        assert_eq!(v["system_fingerprint"], "fp_mock");
        assert_eq!(v["choices"][0]["message"]["role"], "assistant");
        assert_eq!(
            v["choices"][0]["message"]["content"],
            "Hello from the mock!"
        );
        assert_eq!(v["choices"][0]["finish_reason"], "stop");
        assert_eq!(v["usage"]["prompt_tokens"], 8);
        assert_eq!(v["usage"]["completion_tokens"], 3);
        assert_eq!(v["usage"]["total_tokens"], 11);
        let r2 = read_response(&mut s, &mut buf).await;
        assert_eq!(r2.json()["id"], "chatcmpl-mock-2");
        let st = stats(port, "ns").await;
        assert_eq!(
            (st["requests"].clone(), st["completed"].clone()),
            (json!(2), json!(2))
        );
        assert_eq!(st["last_path"], "/v1/chat/completions");
        assert_eq!(st["last_body"]["model"], "gpt-4o-mini");
        assert_eq!(st["last_headers"]["content-type"], "application/json");
        assert_eq!(st["bodies"].as_array().map(Vec::len), Some(2));
    })
    .await;
}

#[tokio::test]
async fn openai_stream_with_include_usage() {
    bounded(async {
        let port = start().await;
        let path = "/s/chunks=4,reply=abcdefgh/v1/chat/completions";
        let r = call(port, "POST", path, &[], &openai_body(true, true)).await;
        assert_eq!(r.status, 200);
        assert!(r.complete);
        assert_eq!(r.header("content-type"), Some("text/event-stream"));
        let events = r.events();
        assert_eq!(events.last().map(|e| e.1.as_str()), Some("[DONE]"));
        let chunks = r.chunks();
        assert_eq!(chunks.len(), 1 + 4 + 1 + 1);
        assert_eq!(chunks[0]["choices"][0]["delta"]["role"], "assistant");
        let text: String = chunks[1..5]
            .iter()
            .map(|c| {
                c["choices"][0]["delta"]["content"]
                    .as_str()
                    .expect("content")
                    .to_owned()
            })
            .collect();
        assert_eq!(text, "abcdefgh");
        assert_eq!(chunks[5]["choices"][0]["finish_reason"], "stop");
        assert_eq!(chunks[5]["choices"][0]["delta"], json!({}));
        for c in &chunks[..6] {
            assert_eq!(c["object"], "chat.completion.chunk");
            assert!(c["usage"].is_null() && c.get("usage").is_some());
        }
        let usage = &chunks[6];
        assert_eq!(usage["choices"], json!([]));
        assert_eq!(usage["usage"]["completion_tokens"], 4);
        assert_eq!(usage["usage"]["prompt_tokens"], 8);

        // Without include_usage: no usage chunk, no usage keys; usage=0 likewise.
        let r = call(
            port,
            "POST",
            "/v1/chat/completions",
            &[],
            &openai_body(true, false),
        )
        .await;
        let chunks = r.chunks();
        assert_eq!(chunks.len(), 1 + 3 + 1);
        assert!(chunks.iter().all(|c| c.get("usage").is_none()));
        let r = call(
            port,
            "POST",
            "/s/usage=0/v1/chat/completions",
            &[],
            &openai_body(true, true),
        )
        .await;
        assert!(r.chunks().iter().all(|c| c.get("usage").is_none()));
    })
    .await;
}

#[tokio::test]
async fn openai_stream_tool_call_fragments() {
    bounded(async {
        let port = start().await;
        let mut body: Value = serde_json::from_str(&openai_body(true, false)).expect("json");
        body["tools"] = json!([{"type": "function", "function": {"name": "weather_now"}}]);
        let r = call(
            port,
            "POST",
            "/s/tools=2/v1/chat/completions",
            &[],
            &body.to_string(),
        )
        .await;
        let chunks = r.chunks();
        let mut args = [String::new(), String::new()];
        for c in &chunks {
            for tc in c["choices"][0]["delta"]["tool_calls"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let i = tc["index"].as_u64().expect("index") as usize;
                args[i].push_str(tc["function"]["arguments"].as_str().expect("args"));
            }
        }
        assert_eq!(args, ["{\"city\": \"Paris\"}", "{\"city\": \"London\"}"]);
        assert_eq!(
            chunks[0]["choices"][0]["delta"]["tool_calls"][0]["function"]["name"],
            "weather_now"
        );
        assert_eq!(
            chunks.last().expect("last")["choices"][0]["finish_reason"],
            "tool_calls"
        );
    })
    .await;
}

#[tokio::test]
async fn anthropic_stream_event_order() {
    bounded(async {
        let port = start().await;
        let path = "/s/cache_read=7,cache_write=2/v1/messages";
        let r = call(port, "POST", path, ANTHROPIC_HEADERS, &anthropic_body(true)).await;
        assert_eq!(r.status, 200);
        assert!(r.header("request-id").is_some());
        assert_eq!(
            r.header("anthropic-ratelimit-requests-remaining"),
            Some("99")
        );
        let events = r.events();
        let names: Vec<&str> = events
            .iter()
            .map(|(n, _)| n.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(
            names,
            [
                "message_start",
                "content_block_start",
                "ping",
                "content_block_delta",
                "content_block_delta",
                "content_block_delta",
                "content_block_stop",
                "message_delta",
                "message_stop"
            ]
        );
        for (name, data) in &events {
            let v: Value = serde_json::from_str(data).expect("json");
            assert_eq!(v["type"].as_str(), name.as_deref());
        }
        let start: Value = serde_json::from_str(&events[0].1).expect("json");
        assert_eq!(start["message"]["id"], "msg_mock_1");
        assert_eq!(start["message"]["usage"]["cache_read_input_tokens"], 7);
        assert_eq!(start["message"]["usage"]["cache_creation_input_tokens"], 2);
        assert_eq!(start["message"]["usage"]["input_tokens"], 5);
        let delta: Value = serde_json::from_str(&events[7].1).expect("json");
        assert_eq!(delta["delta"]["stop_reason"], "end_turn");
        assert_eq!(delta["usage"]["output_tokens"], 3);

        // Tool use: first input_json_delta is empty, fragments concatenate to the input.
        let r = call(
            port,
            "POST",
            "/s/tools=1/v1/messages",
            ANTHROPIC_HEADERS,
            &anthropic_body(true),
        )
        .await;
        let chunks = r.chunks();
        assert_eq!(chunks[1]["content_block"]["name"], "lookup_weather");
        let partials: Vec<&str> = chunks
            .iter()
            .filter_map(|c| c["delta"]["partial_json"].as_str())
            .collect();
        assert_eq!(partials.first(), Some(&""));
        assert_eq!(partials.concat(), "{\"city\": \"Paris\"}");

        // Non-stream reply and header checks.
        let r = call(
            port,
            "POST",
            "/s/finish=max_tokens/v1/messages",
            ANTHROPIC_HEADERS,
            &anthropic_body(false),
        )
        .await;
        let v = r.json();
        assert_eq!(v["content"][0]["text"], "Hello from the mock!");
        assert_eq!(v["stop_reason"], "max_tokens");
        assert_eq!(v["usage"]["cache_read_input_tokens"], 0);
        let r = call(
            port,
            "POST",
            "/v1/messages",
            &[("anthropic-version", "2023-06-01")],
            "{}",
        )
        .await;
        assert_eq!(r.status, 401);
        assert_eq!(r.json()["error"]["type"], "authentication_error");
        let r = call(port, "POST", "/v1/messages", &[("x-api-key", "k")], "{}").await;
        assert_eq!(r.status, 400);
    })
    .await;
}

#[tokio::test]
async fn status_429_with_retry_after() {
    bounded(async {
        let port = start().await;
        let path = "/s/status=429,retry_after=3,retry_after_ms=2500/v1/chat/completions";
        let r = call(port, "POST", path, &[], &openai_body(false, false)).await;
        assert_eq!(r.status, 429);
        assert_eq!(r.header("retry-after"), Some("3"));
        assert_eq!(r.header("retry-after-ms"), Some("2500"));
        let v = r.json();
        assert_eq!(v["error"]["code"], "rate_limit_exceeded");
        assert!(v["error"].get("param").is_some());

        let r = call(port, "POST", "/s/status=429/v1/messages", ANTHROPIC_HEADERS, &anthropic_body(false))
            .await;
        assert_eq!(r.status, 429);
        assert_eq!(r.header("retry-after"), None);
        let v = r.json();
        assert_eq!(v["type"], "error");
        assert_eq!(v["error"]["type"], "rate_limit_error");
        assert_eq!(v["request_id"], "req_mock_2");

        let path = "/s/status=429,retry_after=6/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21";
        let v = call(port, "POST", path, &[], &openai_body(false, false)).await.json();
        assert_eq!(v["error"]["code"], "429");
        assert!(v["error"]["message"].as_str().expect("msg").contains("retry after 6 seconds"));
    })
    .await;
}

#[tokio::test]
async fn fail_times_counts_in_stats() {
    bounded(async {
        let port = start().await;
        let path = "/s/id=ft,status=503,fail_times=2/v1/chat/completions";
        let mut statuses = Vec::new();
        for _ in 0..3 {
            statuses.push(
                call(port, "POST", path, &[], &openai_body(false, false))
                    .await
                    .status,
            );
        }
        assert_eq!(statuses, [503, 503, 200]);
        let st = stats(port, "ft").await;
        assert_eq!(st["requests"], 3);
        assert_eq!(st["completed"], 3);
        assert_eq!(st["disconnects"], 0);
        // Reset restarts the count.
        assert_eq!(
            call(port, "DELETE", "/__stats/ft", &[], "").await.status,
            200
        );
        assert_eq!(stats(port, "ft").await["requests"], 0);
        assert_eq!(
            call(port, "POST", path, &[], &openai_body(false, false))
                .await
                .status,
            503
        );
    })
    .await;
}

#[tokio::test]
async fn cut_after_closes_the_connection() {
    bounded(async {
        let port = start().await;
        for path in [
            "/s/id=cut,chunks=5,cut_after=2/v1/chat/completions",
            "/s/id=cut,chunks=5,cut_after=2,chunk_delay_ms=5/v1/chat/completions",
        ] {
            let r = call(port, "POST", path, &[], &openai_body(true, false)).await;
            assert_eq!(r.status, 200);
            assert!(!r.complete, "body must be cut short");
            let chunks = r.chunks();
            assert_eq!(chunks.len(), 1 + 2);
            assert!(!r.text().contains("[DONE]"));
        }
        let st = stats(port, "cut").await;
        assert_eq!(
            (st["requests"].clone(), st["completed"].clone()),
            (json!(2), json!(0))
        );
    })
    .await;
}

#[tokio::test]
async fn disconnects_are_counted() {
    bounded(async {
        let port = start().await;
        // 1. Client gives up while the mock sleeps in latency_ms.
        let mut s = TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connect");
        let req = request(
            "POST",
            "/s/id=dc,latency_ms=5000/v1/chat/completions",
            &[],
            &openai_body(false, false),
        );
        s.write_all(&req).await.expect("write");
        tokio::time::sleep(Duration::from_millis(100)).await;
        drop(s);
        let st = wait_stats(port, "dc", |v| v["disconnects"] == 1).await;
        assert_eq!(
            (st["requests"].clone(), st["completed"].clone()),
            (json!(1), json!(0))
        );

        // 2. Client closes in the middle of a slow stream.
        let mut s = TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connect");
        let req = request(
            "POST",
            "/s/id=dc2,chunks=50,chunk_delay_ms=50/v1/chat/completions",
            &[],
            &openai_body(true, false),
        );
        s.write_all(&req).await.expect("write");
        let mut buf = Vec::new();
        while !String::from_utf8_lossy(&buf).contains("\"content\":\"") {
            assert!(fill(&mut s, &mut buf).await);
        }
        drop(s);
        wait_stats(port, "dc2", |v| v["disconnects"] == 1).await;

        // 3. Client closes during a stall.
        let mut s = TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connect");
        let req = request(
            "POST",
            "/s/id=dc3,stall_after=1/v1/messages",
            ANTHROPIC_HEADERS,
            &anthropic_body(true),
        );
        s.write_all(&req).await.expect("write");
        let mut buf = Vec::new();
        while !String::from_utf8_lossy(&buf).contains("text_delta") {
            assert!(fill(&mut s, &mut buf).await);
        }
        // Nothing more arrives while stalled.
        let more = tokio::time::timeout(Duration::from_millis(200), fill(&mut s, &mut buf)).await;
        assert!(more.is_err(), "stalled stream must stay silent");
        drop(s);
        let st = wait_stats(port, "dc3", |v| v["disconnects"] == 1).await;
        assert_eq!(st["completed"], 0);
    })
    .await;
}

#[tokio::test]
async fn error_kinds_and_stream_variants() {
    bounded(async {
        let port = start().await;
        let body = openai_body(false, false);
        let r = call(
            port,
            "POST",
            "/s/error=context/v1/chat/completions",
            &[],
            &body,
        )
        .await;
        assert_eq!(
            (r.status, r.json()["error"]["code"].clone()),
            (400, json!("context_length_exceeded"))
        );
        let r = call(
            port,
            "POST",
            "/s/error=quota/v1/chat/completions",
            &[],
            &body,
        )
        .await;
        assert_eq!(
            (r.status, r.json()["error"]["type"].clone()),
            (429, json!("insufficient_quota"))
        );
        let r = call(
            port,
            "POST",
            "/s/error=html/v1/chat/completions",
            &[],
            &body,
        )
        .await;
        assert_eq!(
            (r.status, r.header("content-type")),
            (502, Some("text/html"))
        );
        let r = call(
            port,
            "POST",
            "/s/error=malformed/v1/chat/completions",
            &[],
            &body,
        )
        .await;
        assert_eq!(r.status, 200);
        assert!(serde_json::from_slice::<Value>(&r.body).is_err());
        let r = call(
            port,
            "POST",
            "/s/error=empty/v1/chat/completions",
            &[],
            &body,
        )
        .await;
        assert_eq!((r.status, r.body.len()), (200, 0));
        let path = "/s/error=content_policy/openai/v1/chat/completions";
        let v = call(port, "POST", path, &[], &body).await.json();
        assert_eq!(
            v["error"]["innererror"]["code"],
            "ResponsibleAIPolicyViolation"
        );
        let r = call(
            port,
            "POST",
            "/s/error=context/v1/messages",
            ANTHROPIC_HEADERS,
            &anthropic_body(false),
        )
        .await;
        assert!(r.json()["error"]["message"]
            .as_str()
            .expect("m")
            .starts_with("prompt is too long"));

        // Azure: missing api-version, filter results, fixed model.
        let r = call(
            port,
            "POST",
            "/openai/deployments/d/chat/completions",
            &[],
            &body,
        )
        .await;
        assert_eq!(r.status, 404);
        let path = "/openai/deployments/d/chat/completions?api-version=2024-10-21";
        let r = call(port, "POST", path, &[], &openai_body(true, false)).await;
        let chunks = r.chunks();
        assert_eq!(chunks[0]["choices"], json!([]));
        assert!(chunks[0]["prompt_filter_results"].is_array());
        assert_eq!(chunks[1]["model"], "gpt-4o-2024-08-06");

        // crlf + keep-alive comments + mid-stream error.
        let path = "/s/crlf=1,keepalive_comments=1,midstream_error=1/v1/chat/completions";
        let r = call(port, "POST", path, &[], &openai_body(true, false)).await;
        let raw = r.text();
        assert!(raw.contains(": keep-alive\r\n\r\n") && raw.contains("}\r\n\r\n"));
        let chunks = r.chunks();
        assert_eq!(
            chunks.last().expect("last")["error"]["type"],
            "server_error"
        );
        assert!(!raw.contains("[DONE]"));

        // echo and reply_bytes.
        let r = call(port, "POST", "/s/echo=1/v1/chat/completions", &[], &body).await;
        let echoed = r.json()["choices"][0]["message"]["content"]
            .as_str()
            .expect("s")
            .to_owned();
        assert_eq!(echoed, body);
        let r = call(
            port,
            "POST",
            "/s/reply_bytes=1000,chunks=7/v1/chat/completions",
            &[],
            &openai_body(true, false),
        )
        .await;
        let text: String = r.chunks()[1..8]
            .iter()
            .map(|c| {
                c["choices"][0]["delta"]["content"]
                    .as_str()
                    .expect("c")
                    .to_owned()
            })
            .collect();
        assert_eq!(text.len(), 1000);
    })
    .await;
}

#[tokio::test]
async fn latency_and_first_byte_delay() {
    bounded(async {
        let port = start().await;
        let t = std::time::Instant::now();
        let r = call(
            port,
            "POST",
            "/s/latency_ms=150/v1/chat/completions",
            &[],
            &openai_body(false, false),
        )
        .await;
        assert_eq!(r.status, 200);
        assert!(t.elapsed() >= Duration::from_millis(150));
        // Headers arrive before the first event is sent.
        let mut s = TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connect");
        let req = request(
            "POST",
            "/s/first_byte_ms=300/v1/chat/completions",
            &[],
            &openai_body(true, false),
        );
        s.write_all(&req).await.expect("write");
        let mut buf = Vec::new();
        assert!(fill(&mut s, &mut buf).await);
        let head = String::from_utf8_lossy(&buf).into_owned();
        assert!(head.starts_with("HTTP/1.1 200") && !head.contains("data:"));
        let r = read_response(&mut s, &mut buf).await;
        assert!(r.complete && r.text().contains("[DONE]"));
    })
    .await;
}

/// Percent-encodes everything but ASCII alphanumerics (what a client puts in a `script=`).
fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn script_tool_call_then_text_openai() {
    bounded(async {
        let port = start().await;
        let script = json!([
            {"tool_calls": [{"name": "lookup", "arguments": {"city": "Zürich", "days": 2}}]},
            {"text": "Sunny, 21 °C, in Zürich"}
        ]);
        let path = format!("/s/script={}/v1/chat/completions", pct(&script.to_string()));
        let mut body: Value = serde_json::from_str(&openai_body(false, false)).expect("json");
        body["tools"] = json!([{"type": "function", "function": {"name": "other"}}]);

        // Turn 0: the scripted call, whatever tools the request lists.
        let r = call(port, "POST", &path, &[], &body.to_string()).await;
        assert_eq!(r.status, 200);
        let v = r.json();
        let msg = &v["choices"][0]["message"];
        assert_eq!(msg["content"], Value::Null);
        assert_eq!(msg["tool_calls"][0]["function"]["name"], "lookup");
        let args = msg["tool_calls"][0]["function"]["arguments"]
            .as_str()
            .expect("args");
        assert_eq!(args, "{\"city\":\"Zürich\",\"days\":2}");
        assert_eq!(v["choices"][0]["finish_reason"], "tool_calls");
        let call_id = msg["tool_calls"][0]["id"].clone();

        // Streamed, the same call arrives in fragments that concatenate to the arguments.
        body["stream"] = json!(true);
        let r = call(port, "POST", &path, &[], &body.to_string()).await;
        let chunks = r.chunks();
        let streamed: String = chunks
            .iter()
            .filter_map(|c| {
                c["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"].as_str()
            })
            .collect();
        assert_eq!(streamed, args);
        assert_eq!(
            chunks[0]["choices"][0]["delta"]["tool_calls"][0]["function"]["name"],
            "lookup"
        );

        // Turn 1: the conversation now holds the call and its result: the text step.
        body["messages"].as_array_mut().expect("messages").extend([
            json!({"role": "assistant", "content": null, "tool_calls": [{"id": call_id,
                       "type": "function", "function": {"name": "lookup", "arguments": args}}]}),
            json!({"role": "tool", "tool_call_id": call_id, "content": "21"}),
        ]);
        let r = call(port, "POST", &path, &[], &body.to_string()).await;
        let text: String = r
            .chunks()
            .iter()
            .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
            .collect();
        assert_eq!(text, "Sunny, 21 °C, in Zürich");
        body["stream"] = json!(false);
        let v = call(port, "POST", &path, &[], &body.to_string())
            .await
            .json();
        assert_eq!(
            v["choices"][0]["message"]["content"],
            "Sunny, 21 °C, in Zürich"
        );
        assert_eq!(v["choices"][0]["finish_reason"], "stop");

        // Past the end of the script the last step repeats.
        body["messages"]
            .as_array_mut()
            .expect("messages")
            .push(json!({"role": "assistant", "content": "ok"}));
        let v = call(port, "POST", &path, &[], &body.to_string())
            .await
            .json();
        assert_eq!(
            v["choices"][0]["message"]["content"],
            "Sunny, 21 °C, in Zürich"
        );
    })
    .await;
}

#[tokio::test]
async fn script_parallel_calls_and_string_arguments() {
    bounded(async {
        let port = start().await;
        let script = json!([{"tool_calls": [
            {"name": "a", "arguments": "{\"x\": 1}"},
            {"name": "b"}
        ]}]);
        let path = format!("/s/script={}/v1/chat/completions", pct(&script.to_string()));
        let v = call(port, "POST", &path, &[], &openai_body(false, false))
            .await
            .json();
        let calls = &v["choices"][0]["message"]["tool_calls"];
        assert_eq!(calls[0]["function"]["arguments"], "{\"x\": 1}");
        assert_eq!(calls[1]["function"]["name"], "b");
        assert_eq!(calls[1]["function"]["arguments"], "{}");
        assert_ne!(calls[0]["id"], calls[1]["id"]);

        let r = call(
            port,
            "POST",
            "/s/script=%5B%5D/v1/chat/completions",
            &[],
            "{}",
        )
        .await;
        assert_eq!(r.status, 400);
        assert!(r.text().contains("script"));
    })
    .await;
}

#[tokio::test]
async fn script_anthropic_tool_use_then_text() {
    bounded(async {
        let port = start().await;
        let script = json!([
            {"tool_calls": [{"name": "lookup_weather", "arguments": {"city": "Oslo"}}]},
            {"text": "Cold."}
        ]);
        let path = format!("/s/script={}/v1/messages", pct(&script.to_string()));
        let v = call(
            port,
            "POST",
            &path,
            ANTHROPIC_HEADERS,
            &anthropic_body(false),
        )
        .await
        .json();
        assert_eq!(v["content"][0]["type"], "tool_use");
        assert_eq!(v["content"][0]["input"], json!({"city": "Oslo"}));
        assert_eq!(v["stop_reason"], "tool_use");

        let r = call(
            port,
            "POST",
            &path,
            ANTHROPIC_HEADERS,
            &anthropic_body(true),
        )
        .await;
        let partials: String = r
            .chunks()
            .iter()
            .filter_map(|c| c["delta"]["partial_json"].as_str())
            .collect();
        assert_eq!(partials, "{\"city\":\"Oslo\"}");

        let mut body: Value = serde_json::from_str(&anthropic_body(false)).expect("json");
        body["messages"].as_array_mut().expect("messages").extend([
            json!({"role": "assistant", "content": [{"type": "tool_use", "id": "t1",
                   "name": "lookup_weather", "input": {"city": "Oslo"}}]}),
            json!({"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1",
                   "content": "-3"}]}),
        ]);
        let v = call(port, "POST", &path, ANTHROPIC_HEADERS, &body.to_string())
            .await
            .json();
        assert_eq!(v["content"][0]["text"], "Cold.");
        assert_eq!(v["stop_reason"], "end_turn");
    })
    .await;
}
