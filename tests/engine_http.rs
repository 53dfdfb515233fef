//! The engine without Python, driven exactly as the binding drives it: `prepare`, then the
//! `complete` / `stream` entry points over real HTTP to the mock provider (a separate process)
//! for OpenAI and Anthropic — plain and streaming, errors and retries, observers, panics
//! contained, bounded pools.

#![allow(clippy::result_large_err)] // as in the crate: errors are the cold path

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use std::sync::atomic::{AtomicUsize, Ordering};

use ferrolite::engine::credentials::CallCredentials;
use ferrolite::engine::stream::Next;
use ferrolite::engine::{
    self, prepare, runtime, CallObserver, CallSpec, FailPoint, GlobalSettings, PreparedCall,
    Settings, StreamEnd, TimeoutSpec,
};
use ferrolite::types::Completion;
use ferrolite::{ErrorKind, LlmError};
use serde_json::{json, Value};

struct Mock {
    child: Child,
    port: u16,
}

impl Mock {
    fn start() -> Mock {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ferrolite-mock"))
            .args(["--port", "0", "--exit-on-stdin-eof"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("mock starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("LISTENING line");
        let port = line
            .trim()
            .strip_prefix("LISTENING ")
            .and_then(|p| p.parse().ok())
            .expect("port");
        Mock { child, port }
    }

    fn base(&self, scenario: &str, suffix: &str) -> String {
        format!("http://127.0.0.1:{}/s/{scenario}{suffix}", self.port)
    }

    fn stats(&self, id: &str) -> Value {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(
            s,
            "GET /__stats/{id} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .expect("write");
        let mut out = String::new();
        s.read_to_string(&mut out).expect("read");
        let body = out.split("\r\n\r\n").nth(1).unwrap_or("{}");
        serde_json::from_str(body).expect("stats json")
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Env(HashMap<String, String>);
impl Settings for Env {
    fn module_str(&self, _: &str) -> Option<String> {
        None
    }
    fn env(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }
}

fn keys() -> Env {
    Env(HashMap::from([
        ("OPENAI_API_KEY".to_string(), "sk-test".to_string()),
        ("ANTHROPIC_API_KEY".to_string(), "sk-ant".to_string()),
    ]))
}

fn spec(model: &str, base: String, stream: bool) -> CallSpec {
    CallSpec {
        model: model.into(),
        messages: vec![json!({"role": "user", "content": "hi"})],
        credentials: CallCredentials {
            api_base: Some(base),
            ..Default::default()
        },
        stream,
        ..Default::default()
    }
}

/// What the binding does for a sync call: prepare, then the engine's entry point on the
/// engine's runtime with a pooled client.
fn complete(s: CallSpec) -> Result<Completion, LlmError> {
    let call = Arc::new(prepare(s, &keys(), &GlobalSettings::default())?);
    let (engine, _) = runtime::get()?;
    let client = engine.pool.get(&call.transport)?;
    engine
        .runtime
        .block_on(engine::complete(call, Some(client)))
}

fn stream_text(s: CallSpec) -> Result<String, LlmError> {
    let call = Arc::new(prepare(s, &keys(), &GlobalSettings::default())?);
    let (engine, _) = runtime::get()?;
    let client = engine.pool.get(&call.transport)?;
    let handle = engine
        .runtime
        .block_on(engine::stream(call, Some(client)))?;
    let mut text = String::new();
    loop {
        match handle.queue.poll(None) {
            Next::Item(Ok(c)) => {
                for ch in &c.choices {
                    text.push_str(ch.delta.content.as_deref().unwrap_or(""));
                }
            }
            Next::Item(Err(e)) => return Err(e),
            Next::End => return Ok(text),
            Next::Pending => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

#[derive(Default)]
struct Counts {
    pre: AtomicUsize,
    success: AtomicUsize,
    failure: AtomicUsize,
    stream_end: AtomicUsize,
    stream_chunks: AtomicUsize,
}

impl CallObserver for Counts {
    fn pre_call(&self, _: &PreparedCall) {
        self.pre.fetch_add(1, Ordering::SeqCst);
    }
    fn on_success(&self, _: &PreparedCall, _: &Completion) {
        self.success.fetch_add(1, Ordering::SeqCst);
    }
    fn on_failure(&self, _: &PreparedCall, _: &LlmError) {
        self.failure.fetch_add(1, Ordering::SeqCst);
    }
    fn on_stream_end(&self, _: &PreparedCall, end: &StreamEnd<'_>) {
        self.stream_end.fetch_add(1, Ordering::SeqCst);
        self.stream_chunks.fetch_add(end.chunks, Ordering::SeqCst);
    }
}

#[test]
fn openai_and_anthropic_plain_and_streaming() {
    let mock = Mock::start();
    for (model, suffix) in [
        ("openai/gpt-4o", "/v1"),
        ("anthropic/claude-sonnet-4-5", ""),
    ] {
        let c = complete(spec(model, mock.base("reply=Hi!", suffix), false)).expect("completes");
        assert_eq!(c.response["choices"][0]["message"]["content"], "Hi!");
        assert_eq!(c.response["choices"][0]["finish_reason"], "stop");
        assert!(c.hidden.response_cost.is_some(), "{model} is priced");
        let text = stream_text(spec(model, mock.base("chunks=3", suffix), true)).expect("streams");
        assert_eq!(text, "Hello from the mock!");
    }
}

#[test]
fn errors_are_classified_and_retried_exactly() {
    let mock = Mock::start();
    let e = complete(spec(
        "openai/gpt-4o",
        mock.base("id=r1,status=429,retry_after_ms=10", "/v1"),
        false,
    ))
    .expect_err("fails");
    assert_eq!(e.kind, ErrorKind::RateLimitError);
    assert_eq!(e.num_retries, Some(2));
    assert_eq!(mock.stats("r1")["requests"], 3);
    let e = complete(spec(
        "anthropic/claude-sonnet-4-5",
        mock.base("id=r2,error=context", ""),
        false,
    ))
    .expect_err("fails");
    assert_eq!(e.kind, ErrorKind::ContextWindowExceededError);
    assert_eq!(mock.stats("r2")["requests"], 1);
    let e = stream_text(spec("openai/gpt-4o", mock.base("cut_after=1", "/v1"), true))
        .expect_err("cut stream fails");
    assert_eq!(e.kind, ErrorKind::APIConnectionError);
}

#[test]
fn observers_see_every_milestone_once() {
    let mock = Mock::start();
    let counts = Arc::new(Counts::default());
    let with = |mut s: CallSpec| {
        s.ctx.observers.push(counts.clone());
        s.ctx.call_id = "call-1".into();
        s
    };
    let c = complete(with(spec(
        "openai/gpt-4o",
        mock.base("reply=x", "/v1"),
        false,
    )))
    .unwrap();
    assert_eq!(c.hidden.litellm_call_id, "call-1");
    let _ = complete(with(spec(
        "openai/gpt-4o",
        mock.base("status=400", "/v1"),
        false,
    )));
    stream_text(with(spec(
        "openai/gpt-4o",
        mock.base("chunks=3", "/v1"),
        true,
    )))
    .unwrap();
    assert_eq!(counts.pre.load(Ordering::SeqCst), 3);
    assert_eq!(counts.success.load(Ordering::SeqCst), 1);
    assert_eq!(counts.failure.load(Ordering::SeqCst), 1);
    assert_eq!(counts.stream_end.load(Ordering::SeqCst), 1);
    assert!(counts.stream_chunks.load(Ordering::SeqCst) >= 3);
}

#[test]
fn a_panic_in_the_pump_ends_the_stream_with_api_error() {
    let mock = Mock::start();
    let mut s = spec("openai/gpt-4o", mock.base("chunks=3", "/v1"), true);
    s.ctx.fail_point = Some(FailPoint::PanicInPump);
    let e = stream_text(s).expect_err("the stream fails");
    assert_eq!(e.kind, ErrorKind::APIError);
    assert_eq!(e.status, 500);
    assert_eq!(e.provider, "openai");
    assert!(e.message.contains("internal error"), "{}", e.message);
}

#[test]
fn timeouts_do_not_grow_the_client_pool() {
    let (engine, _) = runtime::get().unwrap();
    let before = engine.pool.len();
    for i in 0..1000 {
        let mut s = spec("openai/gpt-4o", "http://127.0.0.1:9/v1".into(), false);
        s.timeout = Some(TimeoutSpec::Uniform(1.0 + f64::from(i) / 7.0));
        let call = prepare(s, &keys(), &GlobalSettings::default()).unwrap();
        engine.pool.get(&call.transport).unwrap();
    }
    assert!(engine.pool.len() <= before + 1, "{}", engine.pool.len());
}

#[test]
fn bad_durations_are_clear_errors() {
    for (what, t) in [("timeout", f64::NAN), ("timeout", -1.0)] {
        let mut s = spec("openai/gpt-4o", "http://127.0.0.1:9/v1".into(), false);
        s.timeout = Some(TimeoutSpec::Uniform(t));
        let e = prepare(s, &keys(), &GlobalSettings::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadRequestError);
        assert!(e.message.contains(what), "{}", e.message);
    }
    let mut s = spec("openai/gpt-4o", "http://127.0.0.1:9/v1".into(), false);
    s.mock_delay = Some(1e300);
    let e = prepare(s, &keys(), &GlobalSettings::default()).unwrap_err();
    assert!(e.message.contains("mock_delay"), "{}", e.message);
    let mut s = spec("openai/gpt-4o", "http://127.0.0.1:9/v1".into(), false);
    s.timeout = Some(TimeoutSpec::Uniform(f64::INFINITY));
    let call = prepare(s, &keys(), &GlobalSettings::default()).unwrap();
    assert_eq!(call.timeouts.read, ferrolite::http::client::FOREVER);
}
