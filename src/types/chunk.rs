//! One stream chunk as a provider sent it, in OpenAI's terms, before litellm's shaping: the
//! common currency between the provider stream translators and the engine's chunk shaper.

use std::borrow::Cow;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::{Map, Value};

/// A chunk's delta, with litellm's always-present fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Delta {
    pub content: Option<String>,
    pub role: Option<&'static str>,
    pub tool_calls: Option<Value>,
    pub function_call: Option<Value>,
    pub reasoning_content: Option<String>,
    pub thinking_blocks: Option<Value>,
    pub audio: Option<Value>,
}

impl Delta {
    /// Does this delta carry anything besides the role?
    pub fn carries_content(&self) -> bool {
        self.content.as_deref().is_some_and(|s| !s.is_empty())
            || self.tool_calls.is_some()
            || self.function_call.is_some()
            || self.reasoning_content.is_some()
            || self.thinking_blocks.is_some()
            || self.audio.is_some()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProviderChoice {
    pub index: u64,
    pub delta: Delta,
    pub finish_reason: Option<String>,
    pub logprobs: Option<Value>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProviderChunk {
    pub id: Option<String>,
    pub system_fingerprint: Option<String>,
    pub usage: Option<Value>,
    pub choices: Vec<ProviderChoice>,
    /// Fields litellm's path for this provider adds to the chunks it passes on (Gemini's
    /// `vertex_ai_*` lists), in their order.
    pub extra: Option<Map<String, Value>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChunkChoice {
    pub index: u64,
    pub delta: Delta,
    pub finish_reason: Option<String>,
    pub logprobs: Option<Value>,
}

/// One chunk as the user sees it (`ModelResponseStream`).
#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    pub id: Arc<str>,
    pub model: Arc<str>,
    pub system_fingerprint: Option<Arc<str>>,
    pub choices: Vec<ChunkChoice>,
    /// Only on the trailing usage chunk (with `choices` empty).
    pub usage: Option<Value>,
    /// On the finish chunk of a stream that streams no usage chunk: the stream's usage,
    /// which litellm keeps in that chunk's `_hidden_params["usage"]` (so a stream rebuilt
    /// without `messages=` still knows its prompt tokens).
    pub hidden_usage: Option<Value>,
    /// The provider chunk's extra fields (`ProviderChunk::extra`), on the chunks built from it.
    pub extra: Option<Arc<Map<String, Value>>>,
}

impl Delta {
    /// The delta as litellm's `Delta.model_dump()` shows it: its always-present fields (None
    /// when unset), then the optional ones that are set.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        let opt_str = |v: &Option<String>| v.clone().map_or(Value::Null, Value::String);
        m.insert("content".into(), opt_str(&self.content));
        m.insert(
            "role".into(),
            self.role.map_or(Value::Null, |r| Value::String(r.into())),
        );
        m.insert(
            "function_call".into(),
            self.function_call.clone().unwrap_or(Value::Null),
        );
        m.insert(
            "tool_calls".into(),
            self.tool_calls.clone().unwrap_or(Value::Null),
        );
        m.insert("audio".into(), self.audio.clone().unwrap_or(Value::Null));
        if let Some(r) = &self.reasoning_content {
            m.insert("reasoning_content".into(), Value::String(r.clone()));
        }
        if let Some(t) = &self.thinking_blocks {
            m.insert("thinking_blocks".into(), t.clone());
        }
        Value::Object(m)
    }
}

impl Chunk {
    /// The chunk as an OpenAI `chat.completion.chunk` JSON object (what a proxy streams),
    /// stamped `created` now as litellm stamps chunks.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), Value::String(self.id.to_string()));
        m.insert("created".into(), super::ids::unix_now().into());
        m.insert("model".into(), Value::String(self.model.to_string()));
        m.insert("object".into(), "chat.completion.chunk".into());
        m.insert(
            "system_fingerprint".into(),
            self.system_fingerprint
                .as_deref()
                .map_or(Value::Null, |s| Value::String(s.into())),
        );
        let choices = self
            .choices
            .iter()
            .map(|c| {
                let mut cm = Map::new();
                cm.insert(
                    "finish_reason".into(),
                    c.finish_reason.clone().map_or(Value::Null, Value::String),
                );
                cm.insert("index".into(), c.index.into());
                cm.insert("delta".into(), c.delta.to_json());
                cm.insert("logprobs".into(), c.logprobs.clone().unwrap_or(Value::Null));
                Value::Object(cm)
            })
            .collect();
        m.insert("choices".into(), Value::Array(choices));
        if let Some(extra) = &self.extra {
            m.extend(extra.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        if let Some(u) = &self.usage {
            m.insert("usage".into(), u.clone());
        }
        Value::Object(m)
    }
}

fn take_string(m: &mut Map<String, Value>, key: &str) -> Option<String> {
    match m.remove(key) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

fn take_non_null(m: &mut Map<String, Value>, key: &str) -> Option<Value> {
    m.remove(key).filter(|v| !v.is_null())
}

impl ProviderChunk {
    /// From an OpenAI-shaped chunk object (what translators that build JSON produce).
    pub fn from_value(mut raw: Value) -> ProviderChunk {
        let mut out = ProviderChunk::default();
        let Some(obj) = raw.as_object_mut() else {
            return out;
        };
        out.id = take_string(obj, "id").filter(|s| !s.is_empty());
        out.system_fingerprint = take_string(obj, "system_fingerprint");
        out.usage = take_non_null(obj, "usage");
        if let Some(Value::Array(choices)) = obj.get_mut("choices") {
            for c in choices.iter_mut() {
                let Some(c) = c.as_object_mut() else { continue };
                let mut delta = Delta::default();
                if let Some(Value::Object(d)) = c.get_mut("delta") {
                    delta.content = take_string(d, "content");
                    delta.tool_calls = take_non_null(d, "tool_calls");
                    delta.function_call = take_non_null(d, "function_call");
                    delta.reasoning_content =
                        take_string(d, "reasoning_content").or_else(|| take_string(d, "reasoning"));
                    delta.thinking_blocks = take_non_null(d, "thinking_blocks");
                    delta.audio = take_non_null(d, "audio");
                }
                out.choices.push(ProviderChoice {
                    index: c.get("index").and_then(Value::as_u64).unwrap_or(0),
                    delta,
                    finish_reason: take_string(c, "finish_reason"),
                    logprobs: take_non_null(c, "logprobs"),
                });
            }
        }
        out
    }
}

/// The wire shape of an OpenAI stream chunk, borrowing from the event text; unknown fields are
/// skipped without being materialised (the hot path of every OpenAI-compatible stream).
#[derive(Deserialize)]
pub struct WireChunk<'a> {
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    system_fingerprint: Option<Cow<'a, str>>,
    #[serde(default)]
    usage: Option<Value>,
    #[serde(borrow, default)]
    choices: Vec<WireChoice<'a>>,
    #[serde(default)]
    pub error: Option<Value>,
}

#[derive(Deserialize)]
struct WireChoice<'a> {
    #[serde(default)]
    index: u64,
    #[serde(borrow, default)]
    delta: Option<WireDelta<'a>>,
    #[serde(borrow, default)]
    finish_reason: Option<Cow<'a, str>>,
    #[serde(default)]
    logprobs: Option<Value>,
}

#[derive(Deserialize)]
struct WireDelta<'a> {
    #[serde(borrow, default)]
    content: Option<Cow<'a, str>>,
    #[serde(default)]
    tool_calls: Option<Value>,
    #[serde(default)]
    function_call: Option<Value>,
    #[serde(default)]
    reasoning_content: Option<String>,
    #[serde(default)]
    reasoning: Option<String>,
    #[serde(default)]
    thinking_blocks: Option<Value>,
    #[serde(default)]
    audio: Option<Value>,
}

impl WireChunk<'_> {
    /// Owned chunk, with `map_finish` applied to finish reasons.
    pub fn into_chunk(self, map_finish: fn(&str) -> &str) -> ProviderChunk {
        ProviderChunk {
            id: self.id.filter(|s| !s.is_empty()).map(Cow::into_owned),
            system_fingerprint: self.system_fingerprint.map(Cow::into_owned),
            usage: self.usage,
            extra: None,
            choices: self
                .choices
                .into_iter()
                .map(|c| {
                    let d = c.delta;
                    ProviderChoice {
                        index: c.index,
                        finish_reason: c.finish_reason.map(|f| map_finish(&f).to_string()),
                        logprobs: c.logprobs,
                        delta: match d {
                            None => Delta::default(),
                            Some(d) => Delta {
                                content: d.content.map(Cow::into_owned),
                                role: None,
                                tool_calls: d.tool_calls,
                                function_call: d.function_call,
                                reasoning_content: d.reasoning_content.or(d.reasoning),
                                thinking_blocks: d.thinking_blocks,
                                audio: d.audio,
                            },
                        },
                    }
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wire_and_value_paths_agree() {
        let v = json!({"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "m",
            "system_fingerprint": "fp", "x_groq": {"id": "q"},
            "choices": [{"index": 0, "delta": {"role": "assistant", "content": "h\"é", "refusal": null,
                "tool_calls": [{"index": 0, "id": "t", "function": {"name": "f", "arguments": ""}}]},
                "logprobs": null, "finish_reason": "eos"}], "usage": null});
        let text = v.to_string();
        let wire: WireChunk = serde_json::from_str(&text).unwrap();
        let a = wire.into_chunk(|f| if f == "eos" { "stop" } else { f });
        let mut b = ProviderChunk::from_value(v);
        b.choices[0].finish_reason = Some("stop".into());
        assert_eq!(a, b);
        assert_eq!(a.choices[0].delta.content.as_deref(), Some("h\"é"));
        assert!(a.usage.is_none());
    }
}
