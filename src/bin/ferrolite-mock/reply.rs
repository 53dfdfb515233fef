//! Provider-neutral reply building blocks: the `Reply` a provider module returns, SSE event
//! buffers, reply text / tool-call generation, token estimates and JSON string escaping.

use serde_json::Value;

use crate::http::Request;
use crate::scenario::{Scenario, Step};

/// Fixed `created` timestamp so replies are byte-for-byte reproducible.
pub const CREATED: u64 = 1_700_000_000;
pub const DEFAULT_REPLY: &str = "Hello from the mock!";
const LOREM: &str = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor \
incididunt ut labore et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation \
ullamco laboris nisi ut aliquip ex ea commodo consequat ";
/// Argument values for successive parallel tool calls.
const CITIES: [&str; 8] = [
    "Paris", "London", "Tokyo", "Berlin", "Madrid", "Rome", "Oslo", "Lima",
];
pub const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";

/// What the server should send; timing and failure injection are applied by the server.
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Body,
    /// Close the connection after sending (e.g. after a mid-stream error).
    pub close: bool,
}

pub enum Body {
    Full(Vec<u8>),
    Events(Sse),
}

impl Reply {
    pub fn json(status: u16, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type: "application/json",
            body: Body::Full(body),
            close: false,
        }
    }

    pub fn html(status: u16) -> Reply {
        Reply {
            status,
            content_type: "text/html",
            body: Body::Full(HTML_502.as_bytes().to_vec()),
            close: false,
        }
    }

    /// Newline-delimited JSON (Ollama): the lines of `lines`, each counted as an event.
    pub fn ndjson(lines: Sse, close: bool) -> Reply {
        Reply {
            status: 200,
            content_type: "application/x-ndjson",
            body: Body::Events(lines),
            close,
        }
    }

    pub fn events(sse: Sse, close: bool) -> Reply {
        Reply {
            status: 200,
            content_type: "text/event-stream",
            body: Body::Events(sse),
            close,
        }
    }
}

/// A rendered SSE stream: all event bytes in one buffer plus each event's end offset and
/// whether it is a content event (counted by `stall_after` / `cut_after`).
pub struct Sse {
    pub buf: String,
    pub ends: Vec<(usize, bool)>,
    nl: &'static str,
}

impl Sse {
    pub fn new(crlf: bool, capacity: usize) -> Sse {
        Sse {
            buf: String::with_capacity(capacity),
            ends: Vec::new(),
            nl: if crlf { "\r\n" } else { "\n" },
        }
    }

    /// Starts an event: optional `event:` line, then `data: `; the caller appends the data.
    pub fn begin(&mut self, event: Option<&str>) {
        if let Some(name) = event {
            self.buf.push_str("event: ");
            self.buf.push_str(name);
            self.buf.push_str(self.nl);
        }
        self.buf.push_str("data: ");
    }

    /// Ends the current event.
    pub fn end(&mut self, content: bool) {
        self.buf.push_str(self.nl);
        self.buf.push_str(self.nl);
        self.ends.push((self.buf.len(), content));
    }

    /// One NDJSON line (no SSE fields).
    pub fn line(&mut self, text: &str, content: bool) {
        self.buf.push_str(text);
        self.buf.push('\n');
        self.ends.push((self.buf.len(), content));
    }

    /// A keep-alive comment in this stream's line ending.
    pub fn comment(&self) -> &'static str {
        if self.nl == "\r\n" {
            ": keep-alive\r\n\r\n"
        } else {
            ": keep-alive\n\n"
        }
    }

    /// Bytes of event `i`.
    pub fn event(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1].0 };
        &self.buf.as_bytes()[start..self.ends[i].0]
    }
}

/// Everything a provider module needs to answer one request.
pub struct Ctx<'a> {
    pub sc: &'a Scenario,
    /// 1-based ordinal of this request within its stats bucket (ids, fail_times).
    pub n: u64,
    /// Whether the scenario's failure switches apply to this request (`fail_times`).
    pub failing: bool,
    pub req: &'a Request,
    /// The parsed body; `None` if it is not JSON.
    pub json: Option<&'a Value>,
    /// Query string (without `?`), possibly empty.
    pub query: &'a str,
}

impl Ctx<'_> {
    pub fn stream(&self) -> bool {
        self.json
            .and_then(|j| j.get("stream"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    pub fn model(&self) -> Option<&str> {
        self.json
            .and_then(|j| j.get("model"))
            .and_then(Value::as_str)
    }

    /// The failure error kind, if failing.
    pub fn error(&self) -> Option<crate::scenario::ErrorKind> {
        if self.failing {
            self.sc.error
        } else {
            None
        }
    }

    /// The failure status, if failing.
    pub fn status(&self) -> Option<u16> {
        if self.failing {
            self.sc.status
        } else {
            None
        }
    }

    pub fn midstream_error(&self) -> bool {
        self.failing && self.sc.midstream_error
    }

    /// The reply content selected by the scenario.
    pub fn content(&self) -> Content {
        if let Some(script) = &self.sc.script {
            let step = &script[self.turn().min(script.len() - 1)];
            return match step {
                Step::Text(t) => Content::Text(t.clone()),
                Step::Tools(calls) => Content::Tools(
                    calls
                        .iter()
                        .map(|c| ToolCall::new(c.name.clone(), c.arguments.clone()))
                        .collect(),
                ),
            };
        }
        if self.sc.tools > 0 {
            let tools = self
                .json
                .and_then(|j| j.get("tools"))
                .and_then(Value::as_array);
            let name_of = |i: usize| -> Option<String> {
                let t = tools?.get(i)?;
                t.get("function")
                    .and_then(|f| f.get("name"))
                    .or_else(|| t.get("name"))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            };
            let calls = (0..self.sc.tools)
                .map(|i| {
                    let name = name_of(i)
                        .or_else(|| name_of(0))
                        .unwrap_or_else(|| "get_weather".to_owned());
                    ToolCall::city(name, CITIES[i % CITIES.len()])
                })
                .collect();
            return Content::Tools(calls);
        }
        let text = if self.sc.echo {
            String::from_utf8_lossy(&self.req.body).into_owned()
        } else if let Some(n) = self.sc.reply_bytes {
            lorem(n)
        } else if let Some(r) = &self.sc.reply {
            r.clone()
        } else {
            DEFAULT_REPLY.to_owned()
        };
        Content::Text(text)
    }

    /// Assistant messages already in the conversation (the `script` step to answer with).
    pub fn turn(&self) -> usize {
        self.json
            .and_then(|j| j.get("messages"))
            .and_then(Value::as_array)
            .map_or(0, |msgs| {
                msgs.iter()
                    .filter(|m| m.get("role").and_then(Value::as_str) == Some("assistant"))
                    .count()
            })
    }

    /// Rough prompt size: words in message/system text (at least 1).
    pub fn input_tokens(&self) -> u64 {
        let Some(j) = self.json else { return 1 };
        let mut n = 0;
        if let Some(m) = j.get("messages") {
            count_words(m, &mut n);
        }
        if let Some(s) = j.get("system") {
            count_words(s, &mut n);
        }
        n.max(1)
    }
}

pub enum Content {
    Text(String),
    Tools(Vec<ToolCall>),
}

impl Content {
    /// Number of content events a stream of this content has (also the output token count).
    pub fn output_tokens(&self, chunks: usize) -> u64 {
        match self {
            Content::Text(_) => chunks as u64,
            Content::Tools(calls) => 3 * calls.len() as u64,
        }
    }
}

pub struct ToolCall {
    pub name: String,
    arguments: String,
    /// Where streams split the arguments into their two fragments (a char boundary).
    split: usize,
}

impl ToolCall {
    /// The default call: `{"city": "<city>"}`, streamed as `{"city": ` then `"<city>"}`.
    pub fn city(name: String, city: &str) -> ToolCall {
        let mut arguments = String::from("{\"city\": ");
        let split = arguments.len();
        push_json_str(&mut arguments, city);
        arguments.push('}');
        ToolCall {
            name,
            arguments,
            split,
        }
    }

    /// A call with the given arguments text, streamed in two halves.
    pub fn new(name: String, arguments: String) -> ToolCall {
        let mut split = arguments.len() / 2;
        while !arguments.is_char_boundary(split) {
            split -= 1;
        }
        ToolCall {
            name,
            arguments,
            split,
        }
    }

    /// The full arguments JSON text.
    pub fn arguments(&self) -> &str {
        &self.arguments
    }

    /// The two pieces a stream sends the arguments in.
    pub fn fragments(&self) -> [&str; 2] {
        let (a, b) = self.arguments.split_at(self.split);
        [a, b]
    }
}

/// Walks message content and counts whitespace-separated words in text strings.
fn count_words(v: &Value, n: &mut u64) {
    match v {
        Value::String(s) => *n += s.split_whitespace().count() as u64,
        Value::Array(items) => items.iter().for_each(|i| count_words(i, n)),
        Value::Object(map) => {
            for (k, v) in map {
                if matches!(k.as_str(), "content" | "text") {
                    count_words(v, n);
                } else if v.is_array() || v.is_object() {
                    count_words_nested(v, n);
                }
            }
        }
        _ => {}
    }
}

/// Inside non-text containers only `content` / `text` strings count.
fn count_words_nested(v: &Value, n: &mut u64) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| count_words_nested(i, n)),
        Value::Object(_) => count_words(v, n),
        _ => {}
    }
}

/// Deterministic ASCII text of exactly `n` bytes.
pub fn lorem(n: usize) -> String {
    let mut s = String::with_capacity(n);
    while s.len() < n {
        let take = (n - s.len()).min(LOREM.len());
        s.push_str(&LOREM[..take]);
    }
    s
}

/// Splits `text` into `n` nearly equal pieces on char boundaries (pieces may be empty when
/// the text has fewer chars than `n`).
pub fn split_pieces(text: &str, n: usize) -> Vec<&str> {
    let n = n.max(1);
    let chars = text.chars().count();
    let base = chars / n;
    let extra = chars % n;
    let mut pieces = Vec::with_capacity(n);
    let mut it = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let mut start = it.next().unwrap_or(0);
    for i in 0..n {
        let len = base + usize::from(i < extra);
        let end = if len == 0 {
            start
        } else {
            it.nth(len - 1).unwrap_or(text.len())
        };
        pieces.push(&text[start..end]);
        start = end;
    }
    pieces
}

/// Appends `s` as a JSON string literal.
pub fn push_json_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        if esc.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789abcdef"[usize::from(b & 0xf)]));
        } else {
            out.push_str(esc);
        }
        last = i + 1;
    }
    out.push_str(&s[last..]);
    out.push('"');
}

/// Appends a decimal number.
pub fn push_num(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits[i..].iter().for_each(|&d| out.push(char::from(d)));
}

/// Serializes a JSON value (infallible for `Value`).
pub fn to_vec(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_nearly_equal_and_complete() {
        let p = split_pieces("Hello from the mock!", 3);
        assert_eq!(p, vec!["Hello f", "rom the", " mock!"]);
        assert_eq!(split_pieces("héllo", 2), vec!["hél", "lo"]);
        assert_eq!(split_pieces("ab", 4), vec!["a", "b", "", ""]);
        assert_eq!(split_pieces("", 2), vec!["", ""]);
        let text = lorem(1001);
        assert_eq!(split_pieces(&text, 7).concat(), text);
    }

    #[test]
    fn lorem_is_exact_and_ascii() {
        for n in [0, 1, 17, 200, 5000] {
            let t = lorem(n);
            assert_eq!(t.len(), n);
            assert!(t.is_ascii());
        }
        assert!(lorem(11).starts_with("lorem ipsum"));
    }

    #[test]
    fn json_escaping_matches_serde() {
        for s in [
            "plain",
            "q\"b\\s",
            "nl\n\r\t",
            "ctl\u{1}\u{1f}",
            "ünï😀",
            "",
        ] {
            let mut out = String::new();
            push_json_str(&mut out, s);
            let back: String = serde_json::from_str(&out).expect("valid JSON string");
            assert_eq!(back, s);
        }
    }

    #[test]
    fn word_count() {
        let v: Value = serde_json::json!({
            "system": "Be brief.",
            "messages": [
                {"role": "user", "content": "one two three"},
                {"role": "user", "content": [{"type": "text", "text": "four five"},
                    {"type": "image_url", "image_url": {"url": "data:xyz"}}]}
            ]
        });
        let sc = Scenario::default();
        let req = Request::default();
        let ctx = Ctx {
            sc: &sc,
            n: 1,
            failing: true,
            req: &req,
            json: Some(&v),
            query: "",
        };
        assert_eq!(ctx.input_tokens(), 7);
    }

    #[test]
    fn sse_events() {
        let mut sse = Sse::new(true, 64);
        sse.begin(Some("ping"));
        sse.buf.push_str("{}");
        sse.end(false);
        sse.begin(None);
        sse.buf.push_str("[DONE]");
        sse.end(true);
        assert_eq!(sse.event(0), b"event: ping\r\ndata: {}\r\n\r\n");
        assert_eq!(sse.event(1), b"data: [DONE]\r\n\r\n");
        assert_eq!(sse.comment(), ": keep-alive\r\n\r\n");
    }
}
