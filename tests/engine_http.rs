//! The engine without Python: prepared calls sent over real HTTP to the mock provider (a
//! separate process), for OpenAI and Anthropic, plain and streaming, errors and retries.

#![allow(clippy::result_large_err)] // as in the crate: errors are the cold path

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use ferrolite::engine::chunks::TokenCounter;
use ferrolite::engine::stream::{pump, Next, StreamQueue};
use ferrolite::engine::{execute, prepare, runtime, CallSpec, GlobalSettings, Settings};
use ferrolite::ErrorKind;
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
        api_base: Some(base),
        stream,
        ..Default::default()
    }
}

struct Zero;
impl TokenCounter for Zero {
    fn prompt_tokens(&self) -> u64 {
        0
    }
    fn completion_tokens(&self, _: &str) -> u64 {
        0
    }
}

fn complete(s: CallSpec) -> Result<execute::Completion, ferrolite::LlmError> {
    let call = Arc::new(prepare(s, &keys(), &GlobalSettings::default())?);
    let (engine, _) = runtime::get()?;
    let client = engine.pool.get(&call.transport)?;
    engine
        .runtime
        .block_on(execute::complete(call, Some(client)))
}

fn stream_text(s: CallSpec) -> Result<String, ferrolite::LlmError> {
    let call = Arc::new(prepare(s, &keys(), &GlobalSettings::default())?);
    let (engine, _) = runtime::get()?;
    let client = engine.pool.get(&call.transport)?;
    let queue = Arc::new(StreamQueue::default());
    engine.runtime.block_on(async {
        let (resp, _) = execute::open_stream(&call, &client).await?;
        pump(call.clone(), resp, queue.clone(), Box::new(Zero)).await;
        Ok::<(), ferrolite::LlmError>(())
    })?;
    let mut text = String::new();
    loop {
        match queue.poll(None) {
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
