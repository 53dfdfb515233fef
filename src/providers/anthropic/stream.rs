//! Anthropic SSE events (`message_start` ... `message_stop`) -> OpenAI `chat.completion.chunk`
//! objects, one event at a time with O(1) work per event. SSE framing is `http::sse`'s job; what
//! the engine does with the chunks (usage chunk, `[DONE]`) is the engine's.

use std::collections::HashMap;

use serde_json::{json, Value};

use super::error::error_in_body;
use super::response::NativeUsage;
use super::{map_stop_reason, request::json_mode, JSON_TOOL_NAME};
use crate::error::{ErrorKind, LlmError, Result};
use crate::http::sse::SseEvent;
use crate::types::{ids, ChatRequest};

/// What one event produced, as OpenAI-shaped chunk objects (the engine converts them).
#[derive(Debug, Default)]
pub struct JsonStep {
    pub chunks: Vec<Value>,
    pub done: bool,
}

/// What an Anthropic content block (by its `index`) turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Text,
    /// A tool call; `k` is its OpenAI `tool_calls[].index` (tool blocks counted from 0).
    Tool {
        k: usize,
    },
    /// The JSON-mode tool: its input streams as content.
    JsonTool,
    Thinking,
    /// Server tools, results, anything else: not surfaced.
    Other,
}

const KNOWN_EVENTS: &[&str] = &[
    "message_start",
    "content_block_start",
    "content_block_delta",
    "content_block_stop",
    "message_delta",
    "message_stop",
    "ping",
    "error",
];

fn unfinished() -> LlmError {
    LlmError::new(
        ErrorKind::APIConnectionError,
        "Stream ended before a finish_reason was received",
    )
    .with_status(500)
}

pub struct StreamState {
    id: String,
    created: u64,
    /// Chunks carry the requested model name, as litellm's do.
    model: String,
    json_mode: bool,
    blocks: HashMap<u64, Block>,
    tool_count: usize,
    json_tool_seen: bool,
    usage: NativeUsage,
    /// Text of the thinking block in progress, re-sent whole with its signature.
    thinking: String,
    /// `message_stop` or a finishing `message_delta` arrived.
    stopped: bool,
}

impl StreamState {
    pub fn new(req: &ChatRequest) -> Self {
        StreamState {
            id: ids::completion_id(),
            created: ids::unix_now(),
            model: req.model.clone(),
            json_mode: json_mode(req),
            blocks: HashMap::new(),
            tool_count: 0,
            json_tool_seen: false,
            usage: NativeUsage::default(),
            thinking: String::new(),
            stopped: false,
        }
    }

    /// The body ended: a stream that never finished is an error, as in litellm.
    pub fn finish(&self) -> Result<()> {
        if self.stopped {
            return Ok(());
        }
        Err(unfinished())
    }

    fn chunk(&self, delta: Value, finish_reason: Option<&str>) -> Value {
        json!({
            "id": self.id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
        })
    }

    fn one(&self, delta: Value) -> JsonStep {
        JsonStep {
            chunks: vec![self.chunk(delta, None)],
            done: false,
        }
    }

    pub fn on_event(&mut self, ev: &SseEvent) -> Result<JsonStep> {
        let data = ev.data.trim();
        let name = ev.event.as_deref();
        if name == Some("error") {
            return Err(error_in_body(data));
        }
        if data.is_empty() {
            return Ok(JsonStep::default());
        }
        let v: Value = match serde_json::from_str(data) {
            Ok(v) => v,
            // Unknown events may carry anything; known ones must be JSON.
            Err(_) if name.is_some_and(|n| !KNOWN_EVENTS.contains(&n)) => {
                return Ok(JsonStep::default())
            }
            // litellm's Anthropic handler gives up on a line it cannot parse, and then reports
            // the stream as one that ended without a finish.
            Err(_) => return Err(unfinished()),
        };
        let kind = v.get("type").and_then(Value::as_str).or(name).unwrap_or("");
        match kind {
            "message_start" => {
                if let Some(u) = v.get("message").and_then(|m| m.get("usage")) {
                    self.usage.update(u);
                }
                // No chunk of its own: as in litellm, the role rides on the first content chunk.
                Ok(JsonStep::default())
            }
            "content_block_start" => Ok(self.block_start(&v)),
            "content_block_delta" => Ok(self.block_delta(&v)),
            "message_delta" => Ok(self.message_delta(&v)),
            "message_stop" => {
                self.stopped = true;
                Ok(JsonStep {
                    chunks: Vec::new(),
                    done: true,
                })
            }
            "error" => Err(error_in_body(data)),
            // ping, content_block_stop and anything new.
            _ => Ok(JsonStep::default()),
        }
    }

    fn block_start(&mut self, v: &Value) -> JsonStep {
        let index = v.get("index").and_then(Value::as_u64).unwrap_or(0);
        let cb = v.get("content_block").unwrap_or(&Value::Null);
        let str_of = |k: &str| cb.get(k).and_then(Value::as_str).unwrap_or("");
        let (block, step) = match cb.get("type").and_then(Value::as_str) {
            Some("text") => {
                let t = str_of("text");
                let step = if t.is_empty() {
                    JsonStep::default()
                } else {
                    self.one(json!({"content": t}))
                };
                (Block::Text, step)
            }
            Some("tool_use") if self.json_mode && str_of("name") == JSON_TOOL_NAME => {
                self.json_tool_seen = true;
                (Block::JsonTool, JsonStep::default())
            }
            Some("tool_use") => {
                let k = self.tool_count;
                self.tool_count += 1;
                let step = self.one(json!({"tool_calls": [{
                    "index": k,
                    "id": str_of("id"),
                    "type": "function",
                    "function": {"name": str_of("name"), "arguments": ""},
                }]}));
                (Block::Tool { k }, step)
            }
            Some("thinking") => {
                self.thinking.clear();
                let t = str_of("thinking");
                let step = if t.is_empty() {
                    JsonStep::default()
                } else {
                    self.thinking.push_str(t);
                    self.one(json!({"reasoning_content": t}))
                };
                (Block::Thinking, step)
            }
            Some("redacted_thinking") => (
                Block::Other,
                self.one(json!({"thinking_blocks": [cb.clone()]})),
            ),
            _ => (Block::Other, JsonStep::default()),
        };
        self.blocks.insert(index, block);
        step
    }

    fn block_delta(&mut self, v: &Value) -> JsonStep {
        let index = v.get("index").and_then(Value::as_u64).unwrap_or(0);
        let block = self.blocks.get(&index).copied();
        let delta = v.get("delta").unwrap_or(&Value::Null);
        let str_of = |k: &str| delta.get(k).and_then(Value::as_str).unwrap_or("");
        match delta.get("type").and_then(Value::as_str) {
            Some("text_delta") => {
                let t = str_of("text");
                if t.is_empty() {
                    return JsonStep::default();
                }
                self.one(json!({"content": t}))
            }
            Some("input_json_delta") => {
                let partial = str_of("partial_json");
                match block {
                    _ if partial.is_empty() => JsonStep::default(),
                    Some(Block::Tool { k }) => self.one(json!({"tool_calls": [{
                        "index": k,
                        "function": {"arguments": partial},
                    }]})),
                    Some(Block::JsonTool) => self.one(json!({"content": partial})),
                    _ => JsonStep::default(),
                }
            }
            Some("thinking_delta") => {
                let t = str_of("thinking");
                if t.is_empty() {
                    return JsonStep::default();
                }
                if block == Some(Block::Thinking) {
                    self.thinking.push_str(t);
                }
                self.one(json!({"reasoning_content": t}))
            }
            Some("signature_delta") => {
                let sig = str_of("signature");
                let thinking = std::mem::take(&mut self.thinking);
                self.one(json!({"thinking_blocks": [{
                    "type": "thinking",
                    "thinking": thinking,
                    "signature": sig,
                }]}))
            }
            // citations_delta and anything new.
            _ => JsonStep::default(),
        }
    }

    fn message_delta(&mut self, v: &Value) -> JsonStep {
        if let Some(u) = v.get("usage") {
            self.usage.update(u);
        }
        let native = v
            .get("delta")
            .and_then(|d| d.get("stop_reason"))
            .and_then(Value::as_str);
        // A message_delta always carries the finish (litellm defaults it to "stop").
        self.stopped = true;
        let finish = match native {
            Some("tool_use") if self.json_tool_seen && self.tool_count == 0 => "stop",
            Some(r) => map_stop_reason(r),
            None => "stop",
        };
        let mut chunk = self.chunk(json!({}), Some(finish));
        if let Some(o) = chunk.as_object_mut() {
            o.insert("usage".into(), self.usage.to_openai());
        }
        JsonStep {
            chunks: vec![chunk],
            done: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use proptest::prelude::*;

    fn req() -> ChatRequest {
        ChatRequest {
            model: "claude-sonnet-4-5".into(),
            messages: vec![json!({"role": "user", "content": "hi"})],
            stream: true,
            ..Default::default()
        }
    }

    fn ev(name: &str, data: Value) -> SseEvent {
        SseEvent {
            event: Some(name.into()),
            data: data.to_string(),
        }
    }

    /// providers.md §3.3, verbatim.
    fn reference_stream() -> Vec<SseEvent> {
        vec![
            ev(
                "message_start",
                json!({"type":"message_start","message":{"id":"msg_01X","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":412,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}),
            ),
            ev(
                "content_block_start",
                json!({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}),
            ),
            ev("ping", json!({"type":"ping"})),
            ev(
                "content_block_delta",
                json!({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking."}}),
            ),
            ev(
                "content_block_stop",
                json!({"type":"content_block_stop","index":0}),
            ),
            ev(
                "content_block_start",
                json!({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_02","name":"get_weather","input":{}}}),
            ),
            ev(
                "content_block_delta",
                json!({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}),
            ),
            ev(
                "content_block_delta",
                json!({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\": "}}),
            ),
            ev(
                "content_block_delta",
                json!({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\"Paris\"}"}}),
            ),
            ev(
                "content_block_stop",
                json!({"type":"content_block_stop","index":1}),
            ),
            ev(
                "message_delta",
                json!({"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":57}}),
            ),
            ev("message_stop", json!({"type":"message_stop"})),
        ]
    }

    fn run(s: &mut StreamState, events: &[SseEvent]) -> (Vec<Value>, bool) {
        let mut chunks = Vec::new();
        let mut done = false;
        for e in events {
            let step = s.on_event(e).unwrap();
            assert!(!done, "events after done");
            chunks.extend(step.chunks);
            done = step.done;
        }
        (chunks, done)
    }

    #[test]
    fn full_reference_sequence() {
        let mut s = StreamState::new(&req());
        let (chunks, done) = run(&mut s, &reference_stream());
        assert!(done);
        let deltas: Vec<&Value> = chunks.iter().map(|c| &c["choices"][0]["delta"]).collect();
        assert_eq!(
            deltas,
            vec![
                &json!({"content": "Checking."}),
                &json!({"tool_calls": [{"index": 0, "id": "toolu_02", "type": "function",
                                         "function": {"name": "get_weather", "arguments": ""}}]}),
                &json!({"tool_calls": [{"index": 0, "function": {"arguments": "{\"city\": "}}]}),
                &json!({"tool_calls": [{"index": 0, "function": {"arguments": "\"Paris\"}"}}]}),
                &json!({}),
            ]
        );
        let id = chunks[0]["id"].as_str().unwrap();
        assert!(id.starts_with("chatcmpl-"));
        for c in &chunks {
            assert_eq!(c["id"], id);
            assert_eq!(c["object"], "chat.completion.chunk");
            assert_eq!(c["model"], "claude-sonnet-4-5");
            assert_eq!(c["created"], chunks[0]["created"]);
        }
        let last = chunks.last().unwrap();
        assert_eq!(last["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(
            last["usage"],
            json!({"prompt_tokens": 412, "completion_tokens": 57, "total_tokens": 469,
                   "prompt_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0,
                       "text_tokens": 412, "cache_creation_tokens": 0},
                   "completion_tokens_details": {"reasoning_tokens": 0, "text_tokens": 57},
                   "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0})
        );
        assert!(chunks[..chunks.len() - 1]
            .iter()
            .all(|c| c["choices"][0]["finish_reason"].is_null() && c.get("usage").is_none()));
    }

    #[test]
    fn second_tool_counts_from_zero_and_cache_usage() {
        let mut s = StreamState::new(&req());
        let events = vec![
            ev(
                "message_start",
                json!({"type":"message_start","message":{"usage":{"input_tokens":10,"cache_creation_input_tokens":4,"cache_read_input_tokens":6,"output_tokens":1}}}),
            ),
            ev(
                "content_block_start",
                json!({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}),
            ),
            ev(
                "content_block_delta",
                json!({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Hmm, "}}),
            ),
            ev(
                "content_block_delta",
                json!({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"two tools."}}),
            ),
            ev(
                "content_block_delta",
                json!({"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"SIG"}}),
            ),
            ev(
                "content_block_start",
                json!({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"a","name":"f","input":{}}}),
            ),
            ev(
                "content_block_start",
                json!({"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"b","name":"g","input":{}}}),
            ),
            ev(
                "content_block_delta",
                json!({"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{}"}}),
            ),
            ev(
                "message_delta",
                json!({"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":9}}),
            ),
        ];
        let (chunks, done) = run(&mut s, &events);
        assert!(!done);
        let d = |i: usize| &chunks[i]["choices"][0]["delta"];
        assert_eq!(d(0), &json!({"reasoning_content": "Hmm, "}));
        assert_eq!(
            d(2),
            &json!({"thinking_blocks": [{"type": "thinking", "thinking": "Hmm, two tools.", "signature": "SIG"}]})
        );
        assert_eq!(d(3)["tool_calls"][0]["index"], 0);
        assert_eq!(d(4)["tool_calls"][0]["index"], 1);
        assert_eq!(d(5)["tool_calls"][0]["index"], 1);
        let last = chunks.last().unwrap();
        assert_eq!(last["choices"][0]["finish_reason"], "length");
        assert_eq!(last["usage"]["prompt_tokens"], 20);
        assert_eq!(last["usage"]["completion_tokens"], 9);
        assert_eq!(last["usage"]["prompt_tokens_details"]["cached_tokens"], 6);
    }

    #[test]
    fn json_mode_streams_content() {
        let mut r = req();
        r.params.insert(
            "response_format".into(),
            json!({"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}}),
        );
        let mut s = StreamState::new(&r);
        let events = vec![
            ev(
                "message_start",
                json!({"type":"message_start","message":{"usage":{"input_tokens":5,"output_tokens":1}}}),
            ),
            ev(
                "content_block_start",
                json!({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":JSON_TOOL_NAME,"input":{}}}),
            ),
            ev(
                "content_block_delta",
                json!({"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}}),
            ),
            ev(
                "content_block_delta",
                json!({"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"a\": "}}),
            ),
            ev(
                "content_block_delta",
                json!({"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"1}"}}),
            ),
            ev(
                "content_block_stop",
                json!({"type":"content_block_stop","index":0}),
            ),
            ev(
                "message_delta",
                json!({"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":8}}),
            ),
            ev("message_stop", json!({"type":"message_stop"})),
        ];
        let (chunks, done) = run(&mut s, &events);
        assert!(done);
        let deltas: Vec<&Value> = chunks.iter().map(|c| &c["choices"][0]["delta"]).collect();
        assert_eq!(
            deltas,
            vec![
                &json!({"content": "{\"a\": "}),
                &json!({"content": "1}"}),
                &json!({}),
            ]
        );
        assert_eq!(chunks[2]["choices"][0]["finish_reason"], "stop");
    }

    #[test]
    fn error_events() {
        let mut s = StreamState::new(&req());
        let e = s
            .on_event(&ev(
                "error",
                json!({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}),
            ))
            .unwrap_err();
        assert_eq!((e.kind, e.status), (ErrorKind::InternalServerError, 500));
        assert_eq!(e.message, "Overloaded");
        assert!(e.body.is_some());
        let e = s
            .on_event(&ev(
                "error",
                json!({"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}),
            ))
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::RateLimitError);
        let e = s
            .on_event(&ev(
                "error",
                json!({"type":"error","error":{"type":"api_error","message":"Internal server error"}}),
            ))
            .unwrap_err();
        assert_eq!((e.kind, e.status), (ErrorKind::InternalServerError, 500));
        // An error object without an `event:` line is still an error.
        let e = s
            .on_event(&SseEvent {
                event: None,
                data: r#"{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 5 tokens > 4 maximum"}}"#.into(),
            })
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::ContextWindowExceededError);
    }

    #[test]
    fn unknown_and_malformed_events() {
        let mut s = StreamState::new(&req());
        for e in [
            ev("ping", json!({"type": "ping"})),
            ev("future_event", json!({"type": "future_event", "x": 1})),
            SseEvent {
                event: Some("future_event".into()),
                data: "not json".into(),
            },
            SseEvent {
                event: None,
                data: "   ".into(),
            },
            ev(
                "content_block_delta",
                json!({"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{}}}),
            ),
            ev(
                "content_block_delta",
                json!({"type":"content_block_delta","index":9,"delta":{"type":"input_json_delta","partial_json":"{"}}),
            ),
        ] {
            let step = s.on_event(&e).unwrap();
            assert!(step.chunks.is_empty() && !step.done, "{e:?}");
        }
        let e = s
            .on_event(&SseEvent {
                event: Some("content_block_delta".into()),
                data: "{broken".into(),
            })
            .unwrap_err();
        // As litellm: a line it cannot read ends the stream as one that never finished.
        assert_eq!(e.kind, ErrorKind::APIConnectionError);
        assert!(e.message.contains("finish_reason"));
    }

    const TYPES: &[&str] = &[
        "message_start",
        "content_block_start",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
        "ping",
        "error",
        "other",
    ];
    const BLOCKS: &[&str] = &[
        "text",
        "tool_use",
        "thinking",
        "redacted_thinking",
        "server_tool_use",
        "text_delta",
        "input_json_delta",
        "thinking_delta",
        "signature_delta",
        "citations_delta",
    ];

    fn garbage_value(seed: u64) -> Value {
        match seed % 7 {
            0 => Value::Null,
            1 => json!(u64::MAX),
            2 => json!(-1),
            3 => json!("json_tool_call"),
            4 => json!([1, "x", null]),
            5 => json!({"nested": {"deep": []}}),
            _ => json!(1.5e300),
        }
    }

    /// Structured nonsense: right event names, wrong or missing fields, huge numbers.
    #[test]
    fn garbage_never_panics() {
        let mut r = req();
        r.params
            .insert("response_format".into(), json!({"type": "json_object"}));
        let plain = req();
        for json_mode in [false, true] {
            let mut s = StreamState::new(if json_mode { &r } else { &plain });
            let mut x: u64 = 0x2545_f491_4f6c_dd1d;
            for _ in 0..5000 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let ty = TYPES[(x % TYPES.len() as u64) as usize];
                let block = BLOCKS[((x >> 8) % BLOCKS.len() as u64) as usize];
                let g = |shift: u32| garbage_value(x >> shift);
                let data = json!({
                    "type": ty,
                    "index": if x & 1 == 0 { json!((x >> 20) % 4) } else { g(21) },
                    "content_block": {"type": block, "id": g(24), "name": if x & 2 == 0 { json!("json_tool_call") } else { g(27) }, "text": g(30), "thinking": g(33)},
                    "delta": {"type": block, "text": g(36), "partial_json": g(39), "thinking": g(42), "signature": g(45), "stop_reason": g(48)},
                    "message": {"usage": {"input_tokens": g(51), "cache_read_input_tokens": json!(u64::MAX)}},
                    "usage": {"output_tokens": g(54), "cache_creation_input_tokens": json!(u64::MAX)},
                    "error": g(57),
                });
                let data = if x % 11 == 0 { g(60) } else { data };
                let name = if x % 5 == 0 {
                    None
                } else {
                    Some(ty.to_string())
                };
                let _ = s.on_event(&SseEvent {
                    event: name,
                    data: data.to_string(),
                });
            }
        }
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(
            name in prop::option::of(0usize..TYPES.len()),
            bytes in prop::collection::vec(any::<u8>(), 0..200),
        ) {
            let mut s = StreamState::new(&req());
            let data = String::from_utf8_lossy(&bytes).into_owned();
            let event = name.map(|i| TYPES[i].to_string());
            let _ = s.on_event(&SseEvent { event: event.clone(), data: data.clone() });
            // The same bytes wrapped as a JSON string, object field and event body.
            let _ = s.on_event(&SseEvent { event, data: json!({"type": "content_block_delta", "delta": {"type": "text_delta", "text": data}}).to_string() });
        }
    }
}
