//! Scenario switches: parsing the optional `/s/<key=value,...>/` path prefix into a `Scenario`.
//!
//! `script=<JSON>` (percent-encoded) scripts a conversation: a non-empty array of steps, each
//! `{"text": "..."}` or `{"tool_calls": [{"name": "...", "arguments": {...}}, ...]}` (arguments
//! an object, sent as its JSON text, or a string, sent verbatim; default `{}`). A request is
//! answered with step k, k being the number of assistant messages already in its `messages`
//! (the last step repeats). So `[{"tool_calls": [...]}, {"text": "Done"}]` asks for a tool and
//! then, once the conversation carries that call and its result, answers in text. A script
//! overrides `tools`, `reply`, `reply_bytes` and `echo`.

use serde_json::Value;

/// Error kinds selectable with `error=<kind>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// 400 context-window-exceeded body of the provider.
    Context,
    /// OpenAI `content_policy_violation`, Azure `content_filter`, Anthropic `refusal` stop.
    ContentPolicy,
    /// OpenAI/Azure 429 `insufficient_quota`, Anthropic 402 `billing_error`.
    Quota,
    /// 502 with an HTML body.
    Html,
    /// 200 with invalid JSON (streams: one data line with invalid JSON).
    Malformed,
    /// 200 with an empty body.
    Empty,
}

/// Forces the OpenAI-format flavour regardless of the path (`flavor=openai|azure`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    OpenAi,
    Azure,
}

/// One scripted tool call: the function name and the arguments JSON text.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptedCall {
    pub name: String,
    pub arguments: String,
}

/// One step of a `script`.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Text(String),
    Tools(Vec<ScriptedCall>),
}

/// Everything a request can ask of the mock. `Default` is the behaviour without a prefix.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub id: Option<String>,
    pub status: Option<u16>,
    pub error: Option<ErrorKind>,
    pub fail_times: Option<u64>,
    /// Raw `retry-after` header value (seconds, may be fractional).
    pub retry_after: Option<String>,
    pub retry_after_ms: Option<u64>,
    pub latency_ms: u64,
    pub first_byte_ms: u64,
    pub chunks: usize,
    pub reply: Option<String>,
    pub reply_bytes: Option<usize>,
    /// `Some` means one write per event (with this sleep between events).
    pub chunk_delay_ms: Option<u64>,
    pub stall_after: Option<usize>,
    pub cut_after: Option<usize>,
    pub midstream_error: bool,
    /// Number of parallel tool calls to return (0 = text reply).
    pub tools: usize,
    pub usage: bool,
    pub finish: Option<String>,
    pub keepalive_comments: bool,
    pub crlf: bool,
    pub echo: bool,
    /// Anthropic replies start with a thinking block (streamed as thinking/signature deltas).
    pub thinking: bool,
    pub cache_read: u64,
    pub cache_write: u64,
    pub flavor: Option<Flavor>,
    pub script: Option<Vec<Step>>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            id: None,
            status: None,
            error: None,
            fail_times: None,
            retry_after: None,
            retry_after_ms: None,
            latency_ms: 0,
            first_byte_ms: 0,
            chunks: 3,
            reply: None,
            reply_bytes: None,
            chunk_delay_ms: None,
            stall_after: None,
            cut_after: None,
            midstream_error: false,
            tools: 0,
            usage: true,
            finish: None,
            keepalive_comments: false,
            crlf: false,
            echo: false,
            thinking: false,
            cache_read: 0,
            cache_write: 0,
            flavor: None,
            script: None,
        }
    }
}

const MAX_CHUNKS: usize = 1_000_000;
const MAX_REPLY_BYTES: usize = 256 * 1024 * 1024;
const MAX_TOOLS: usize = 16;

impl Scenario {
    /// Whether this scenario asks for any failure (gated by `fail_times`).
    pub fn has_failure(&self) -> bool {
        self.status.is_some()
            || self.error.is_some()
            || self.midstream_error
            || self.stall_after.is_some()
            || self.cut_after.is_some()
    }
}

/// Splits `/s/<spec>/rest` into `(Some(spec), "/rest")`; other paths give `(None, path)`.
/// Returns the byte offset of `rest` in `path` as well.
pub fn split_prefix(path: &str) -> (Option<&str>, &str, usize) {
    match path.strip_prefix("/s/") {
        Some(after) => match after.find('/') {
            Some(i) => (Some(&after[..i]), &after[i..], 3 + i),
            None => (Some(after), "/", path.len()),
        },
        None => (None, path, 0),
    }
}

/// Parses a comma-separated `key=value` list (values percent-decoded).
pub fn parse(spec: &str) -> Result<Scenario, String> {
    let mut sc = Scenario::default();
    for part in spec.split(',') {
        if part.is_empty() {
            continue;
        }
        let (key, raw) = part
            .split_once('=')
            .ok_or_else(|| format!("scenario item '{part}' is not key=value"))?;
        let value = percent_decode(raw)?;
        let v = value.as_str();
        match key {
            "id" => sc.id = Some(value.clone()),
            "status" => {
                let code: u16 = num(key, v)?;
                if !(400..=599).contains(&code) {
                    return Err(format!("status={code}: must be 400..=599"));
                }
                sc.status = Some(code);
            }
            "error" => {
                sc.error = Some(match v {
                    "context" => ErrorKind::Context,
                    "content_policy" => ErrorKind::ContentPolicy,
                    "quota" => ErrorKind::Quota,
                    "html" => ErrorKind::Html,
                    "malformed" => ErrorKind::Malformed,
                    "empty" => ErrorKind::Empty,
                    _ => return Err(format!("error={v}: unknown kind")),
                })
            }
            "fail_times" => sc.fail_times = Some(num(key, v)?),
            "retry_after" => {
                let secs: f64 = num(key, v)?;
                if !secs.is_finite() || secs < 0.0 {
                    return Err(format!("retry_after={v}: must be >= 0"));
                }
                sc.retry_after = Some(value.clone());
            }
            "retry_after_ms" => sc.retry_after_ms = Some(num(key, v)?),
            "latency_ms" => sc.latency_ms = num(key, v)?,
            "first_byte_ms" => sc.first_byte_ms = num(key, v)?,
            "chunks" => {
                let n: usize = num(key, v)?;
                if n == 0 || n > MAX_CHUNKS {
                    return Err(format!("chunks={n}: must be 1..={MAX_CHUNKS}"));
                }
                sc.chunks = n;
            }
            "reply" => sc.reply = Some(value.clone()),
            "reply_bytes" => {
                let n: usize = num(key, v)?;
                if n > MAX_REPLY_BYTES {
                    return Err(format!("reply_bytes={n}: at most {MAX_REPLY_BYTES}"));
                }
                sc.reply_bytes = Some(n);
            }
            "chunk_delay_ms" => sc.chunk_delay_ms = Some(num(key, v)?),
            "stall_after" => sc.stall_after = Some(num(key, v)?),
            "cut_after" => sc.cut_after = Some(num(key, v)?),
            "midstream_error" => sc.midstream_error = flag(key, v)?,
            "tools" => {
                let n: usize = num(key, v)?;
                if n > MAX_TOOLS {
                    return Err(format!("tools={n}: at most {MAX_TOOLS}"));
                }
                sc.tools = n;
            }
            "usage" => sc.usage = flag(key, v)?,
            "finish" => sc.finish = Some(value.clone()),
            "keepalive_comments" => sc.keepalive_comments = flag(key, v)?,
            "crlf" => sc.crlf = flag(key, v)?,
            "echo" => sc.echo = flag(key, v)?,
            "thinking" => sc.thinking = flag(key, v)?,
            "cache_read" => sc.cache_read = num(key, v)?,
            "cache_write" => sc.cache_write = num(key, v)?,
            "flavor" => {
                sc.flavor = Some(match v {
                    "openai" => Flavor::OpenAi,
                    "azure" => Flavor::Azure,
                    _ => return Err(format!("flavor={v}: expected openai or azure")),
                })
            }
            "script" => sc.script = Some(parse_script(v)?),
            _ => return Err(format!("unknown scenario key '{key}'")),
        }
    }
    Ok(sc)
}

/// Parses the JSON array of a `script=` value.
fn parse_script(v: &str) -> Result<Vec<Step>, String> {
    let json: Value = serde_json::from_str(v).map_err(|e| format!("script: not JSON ({e})"))?;
    let steps = json
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or("script: expected a non-empty JSON array of steps")?;
    steps
        .iter()
        .enumerate()
        .map(|(i, step)| parse_step(i, step))
        .collect()
}

fn parse_step(i: usize, step: &Value) -> Result<Step, String> {
    let shape =
        || format!("script step {i}: expected {{\"text\": ...}} or {{\"tool_calls\": [...]}}");
    let obj = step
        .as_object()
        .filter(|o| o.len() == 1)
        .ok_or_else(shape)?;
    if let Some(text) = obj.get("text") {
        let text = text
            .as_str()
            .ok_or_else(|| format!("script step {i}: text must be a string"))?;
        return Ok(Step::Text(text.to_owned()));
    }
    let calls = obj
        .get("tool_calls")
        .and_then(Value::as_array)
        .filter(|c| !c.is_empty() && c.len() <= MAX_TOOLS)
        .ok_or_else(|| format!("script step {i}: tool_calls must hold 1..={MAX_TOOLS} calls"))?;
    let calls = calls
        .iter()
        .map(|call| {
            let bad = || {
                format!(
                    "script step {i}: each call is {{\"name\": str, \"arguments\": object or str}}"
                )
            };
            let obj = call.as_object().ok_or_else(bad)?;
            if obj.keys().any(|k| k != "name" && k != "arguments") {
                return Err(bad());
            }
            let name = obj.get("name").and_then(Value::as_str).ok_or_else(bad)?;
            let arguments = match obj.get("arguments") {
                None => "{}".to_owned(),
                Some(Value::String(s)) => s.clone(),
                Some(v @ Value::Object(_)) => v.to_string(),
                Some(_) => return Err(bad()),
            };
            Ok(ScriptedCall {
                name: name.to_owned(),
                arguments,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Step::Tools(calls))
}

fn num<T: std::str::FromStr>(key: &str, v: &str) -> Result<T, String> {
    v.parse()
        .map_err(|_| format!("{key}={v}: not a valid number"))
}

fn flag(key: &str, v: &str) -> Result<bool, String> {
    match v {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(format!("{key}={v}: expected 0 or 1")),
    }
}

/// Decodes `%XX` escapes (no `+` handling: this is a path, not a form).
pub fn percent_decode(s: &str) -> Result<String, String> {
    if !s.contains('%') {
        return Ok(s.to_owned());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("bad percent escape in '{s}'"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("'{s}' does not decode to UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_prefix_cases() {
        assert_eq!(
            split_prefix("/s/id=a,status=429/v1/chat/completions"),
            (Some("id=a,status=429"), "/v1/chat/completions", 18)
        );
        assert_eq!(split_prefix("/v1/messages"), (None, "/v1/messages", 0));
        assert_eq!(split_prefix("/s/id=a"), (Some("id=a"), "/", 7));
        assert_eq!(split_prefix("/s//v1/x"), (Some(""), "/v1/x", 3));
    }

    #[test]
    fn parses_all_keys() {
        let sc = parse(
            "id=t1,status=503,error=context,fail_times=2,retry_after=1.5,retry_after_ms=20,\
             latency_ms=5,first_byte_ms=6,chunks=7,reply=Hi%20there%2C%20you,reply_bytes=100,\
             chunk_delay_ms=0,stall_after=1,cut_after=2,midstream_error=1,tools=2,usage=0,\
             finish=length,keepalive_comments=1,crlf=true,echo=1,cache_read=9,cache_write=8,\
             flavor=azure",
        )
        .expect("parse");
        assert_eq!(sc.id.as_deref(), Some("t1"));
        assert_eq!(sc.status, Some(503));
        assert_eq!(sc.error, Some(ErrorKind::Context));
        assert_eq!(sc.fail_times, Some(2));
        assert_eq!(sc.retry_after.as_deref(), Some("1.5"));
        assert_eq!(sc.retry_after_ms, Some(20));
        assert_eq!((sc.latency_ms, sc.first_byte_ms, sc.chunks), (5, 6, 7));
        assert_eq!(sc.reply.as_deref(), Some("Hi there, you"));
        assert_eq!(sc.reply_bytes, Some(100));
        assert_eq!(sc.chunk_delay_ms, Some(0));
        assert_eq!((sc.stall_after, sc.cut_after), (Some(1), Some(2)));
        assert!(sc.midstream_error && !sc.usage && sc.keepalive_comments && sc.crlf && sc.echo);
        assert_eq!(sc.tools, 2);
        assert_eq!(sc.finish.as_deref(), Some("length"));
        assert_eq!((sc.cache_read, sc.cache_write), (9, 8));
        assert_eq!(sc.flavor, Some(Flavor::Azure));
        assert!(sc.has_failure());
    }

    #[test]
    fn defaults_and_empty() {
        let sc = parse("").expect("empty");
        assert_eq!(sc, Scenario::default());
        assert_eq!(sc.chunks, 3);
        assert!(sc.usage);
        assert!(!sc.has_failure());
        assert_eq!(parse(",id=x,").expect("commas").id.as_deref(), Some("x"));
    }

    #[test]
    fn rejects_bad_input() {
        assert!(parse("bogus=1").is_err());
        assert!(parse("status").is_err());
        assert!(parse("status=200").is_err());
        assert!(parse("status=abc").is_err());
        assert!(parse("error=nope").is_err());
        assert!(parse("chunks=0").is_err());
        assert!(parse("echo=yes").is_err());
        assert!(parse("reply=%zz").is_err());
        assert!(parse("reply=%ff").is_err());
        assert!(parse("retry_after=-1").is_err());
        assert!(parse("tools=99").is_err());
    }

    #[test]
    fn parses_scripts() {
        let spec = "script=%5B%7B%22tool_calls%22%3A%5B%7B%22name%22%3A%22f%22%2C%22arguments%22%3A%7B%22a%22%3A1%7D%7D%2C%7B%22name%22%3A%22g%22%7D%5D%7D%2C%7B%22text%22%3A%22done%2C%20ok%22%7D%5D";
        let sc = parse(spec).expect("script");
        assert_eq!(
            sc.script,
            Some(vec![
                Step::Tools(vec![
                    ScriptedCall {
                        name: "f".into(),
                        arguments: "{\"a\":1}".into()
                    },
                    ScriptedCall {
                        name: "g".into(),
                        arguments: "{}".into()
                    },
                ]),
                Step::Text("done, ok".into()),
            ])
        );
        let raw = parse("script=%5B%7B%22tool_calls%22%3A%5B%7B%22name%22%3A%22f%22%2C%22arguments%22%3A%22%7Bbad%22%7D%5D%7D%5D")
            .expect("string arguments");
        assert_eq!(
            raw.script.expect("script")[0],
            Step::Tools(vec![ScriptedCall {
                name: "f".into(),
                arguments: "{bad".into()
            }])
        );
    }

    #[test]
    fn rejects_bad_scripts() {
        for bad in [
            "not json",
            "{}",
            "[]",
            "[1]",
            "[{}]",
            r#"[{"text": 1}]"#,
            r#"[{"text": "a", "tool_calls": []}]"#,
            r#"[{"tool_calls": []}]"#,
            r#"[{"tool_calls": [{"arguments": {}}]}]"#,
            r#"[{"tool_calls": [{"name": "f", "arguments": [1]}]}]"#,
            r#"[{"tool_calls": [{"name": "f", "args": {}}]}]"#,
            r#"[{"reply": "x"}]"#,
        ] {
            let spec = format!("script={}", bad.replace(',', "%2C"));
            assert!(parse(&spec).is_err(), "accepted {bad}");
        }
        let many: Vec<String> = (0..=MAX_TOOLS).map(|_| r#"{"name": "f"}"#.into()).collect();
        let spec = format!(r#"script=[{{"tool_calls": [{}]}}]"#, many.join(","));
        assert!(parse(&spec.replace(',', "%2C")).is_err());
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%2Cb%3D%C3%A9").expect("ok"), "a,b=é");
        assert_eq!(percent_decode("a+b").expect("ok"), "a+b");
        assert!(percent_decode("%4").is_err());
    }
}
