//! Token counting with tiktoken BPEs (o200k_base, cl100k_base, embedded in tiktoken-rs and built
//! lazily on first use): litellm's `token_counter`, `encode`, `decode` for text, chat messages
//! and tool definitions. It knows nothing of prices or of the model catalog.
//!
//! Approximations (documented deviations from litellm 1.109.1):
//! - Claude, Llama, Cohere, ... : litellm counts with the models' Hugging Face tokenizers; we
//!   count every non-OpenAI model with cl100k_base (no tokenizer files, no network).
//! - Images are never fetched: a `detail: "low"` image counts [`LOW_DETAIL_IMAGE_TOKENS`], any
//!   other image [`DEFAULT_IMAGE_TOKENS`] (litellm's `use_default_image_token_count` figure;
//!   litellm itself downloads the image and applies OpenAI's tile formula).
//! - Tool definitions: see [`count_tools`].

use std::sync::OnceLock;

use serde_json::{Map, Value};
use tiktoken_rs::CoreBPE;

/// Tokens every chat message costs besides its contents (OpenAI cookbook, gpt-3.5/4/4o).
pub const TOKENS_PER_MESSAGE: usize = 3;
/// Extra token when a message carries a `name`.
pub const TOKENS_PER_NAME: usize = 1;
/// Tokens priming the assistant's reply (`<|start|>assistant<|message|>`), added once.
pub const REPLY_PRIMING_TOKENS: usize = 3;
/// An image part with `detail: "low"` (OpenAI's fixed low-detail cost).
pub const LOW_DETAIL_IMAGE_TOKENS: usize = 85;
/// Any other image part (litellm's DEFAULT_IMAGE_TOKEN_COUNT).
pub const DEFAULT_IMAGE_TOKENS: usize = 250;
/// Fixed cost of the tool-definition preamble the provider adds when tools are present.
pub const TOOLS_OVERHEAD_TOKENS: usize = 9;

/// A tiktoken byte-pair encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// GPT-4o, GPT-4.1, GPT-4.5, GPT-5+, o-series, chatgpt-4o, gpt-oss.
    O200kBase,
    /// GPT-4, GPT-3.5, text-embedding-*, and the approximation for every other model.
    Cl100kBase,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::O200kBase => "o200k_base",
            Encoding::Cl100kBase => "cl100k_base",
        }
    }

    fn cell(self) -> &'static OnceLock<Option<CoreBPE>> {
        static O200K: OnceLock<Option<CoreBPE>> = OnceLock::new();
        static CL100K: OnceLock<Option<CoreBPE>> = OnceLock::new();
        match self {
            Encoding::O200kBase => &O200K,
            Encoding::Cl100kBase => &CL100K,
        }
    }

    /// The encoder, built on first use (tens of milliseconds; see the crate notes). `None` only
    /// if tiktoken-rs fails to build its embedded table, which it never does for these two.
    pub fn bpe(self) -> Option<&'static CoreBPE> {
        self.cell()
            .get_or_init(|| match self {
                Encoding::O200kBase => tiktoken_rs::o200k_base().ok(),
                Encoding::Cl100kBase => tiktoken_rs::cl100k_base().ok(),
            })
            .as_ref()
    }

    /// Whether the encoder has been built in this process (for tests of laziness).
    pub fn is_built(self) -> bool {
        self.cell().get().is_some()
    }

    /// Number of tokens of `text`, special-token text counted as ordinary text.
    pub fn count(self, text: &str) -> usize {
        if text.is_empty() {
            return 0;
        }
        match self.bpe() {
            Some(bpe) => bpe.count_ordinary(text),
            // Unreachable in practice; keep a sane estimate rather than failing a call.
            None => text.len().div_ceil(4),
        }
    }
}

/// The encoding for a model name. Provider prefixes (`openai/`, `azure/`, `openrouter/openai/`)
/// and an `ft:` prefix are ignored; names are matched case-insensitively.
/// o200k_base: `gpt-4o*`, `chatgpt-4o*`, `gpt-4.1*`, `gpt-4.5*`, `gpt-<5+>*`, `gpt-oss*`,
/// `gpt-image*`, `o<digit>*` (o1, o3-mini, o4-mini), `codex*`, `computer-use*`.
/// cl100k_base: everything else (gpt-4, gpt-3.5, text-embedding-*, and all non-OpenAI models,
/// including Claude, as an approximation).
pub fn encoding_for_model(model: &str) -> Encoding {
    let name = model.rsplit('/').next().unwrap_or(model);
    let name = name
        .strip_prefix("ft:")
        .unwrap_or(name)
        .to_ascii_lowercase();
    let o200k_prefix = [
        "gpt-4o",
        "chatgpt-4o",
        "gpt-4.1",
        "gpt-4.5",
        "gpt-oss",
        "gpt-image",
        "codex",
        "computer-use",
    ]
    .iter()
    .any(|p| name.starts_with(p));
    let gpt_major_5_plus = name
        .strip_prefix("gpt-")
        .and_then(|rest| rest.bytes().next())
        .is_some_and(|b| (b'5'..=b'9').contains(&b));
    let o_series = name.strip_prefix('o').is_some_and(|rest| {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && matches!(rest.as_bytes().get(digits), None | Some(b'-'))
    });
    if o200k_prefix || gpt_major_5_plus || o_series {
        Encoding::O200kBase
    } else {
        Encoding::Cl100kBase
    }
}

/// Tokens of plain text (litellm `token_counter(model, text=...)`): no special tokens, no
/// message framing. `count_text("gpt-4o", "hello world") == 2`.
pub fn count_text(model: &str, text: &str) -> usize {
    encoding_for_model(model).count(text)
}

/// litellm `encode`: token ids of `text` (ordinary encoding).
pub fn encode(model: &str, text: &str) -> Vec<u32> {
    encoding_for_model(model)
        .bpe()
        .map(|bpe| bpe.encode_ordinary(text))
        .unwrap_or_default()
}

/// litellm `decode`: text of token ids; `None` if an id is not in the vocabulary or the bytes
/// are not UTF-8.
pub fn decode(model: &str, tokens: &[u32]) -> Option<String> {
    encoding_for_model(model).bpe()?.decode(tokens).ok()
}

/// Prompt tokens of a chat request's messages, by OpenAI's cookbook formula as litellm applies
/// it: [`TOKENS_PER_MESSAGE`] per message; the tokens of every string field's value (role,
/// content, name, tool_call_id, ...); [`TOKENS_PER_NAME`] more for `name`; for a content-part
/// list, each part's `text` and a fixed count per image part (see the module notes); for
/// `tool_calls` / `function_call`, each function's name and arguments; and
/// [`REPLY_PRIMING_TOKENS`] once. Null, numeric and other object fields add nothing.
/// One user message "hello world how are you" with gpt-4o = 12.
pub fn count_messages(model: &str, messages: &[Value]) -> usize {
    let enc = encoding_for_model(model);
    let mut total = REPLY_PRIMING_TOKENS;
    for message in messages {
        total += TOKENS_PER_MESSAGE;
        let Value::Object(fields) = message else {
            continue;
        };
        for (field, value) in fields {
            total += match (field.as_str(), value) {
                ("name", Value::String(s)) => enc.count(s) + TOKENS_PER_NAME,
                ("content", Value::Array(parts)) => count_content_parts(enc, parts),
                ("tool_calls", Value::Array(calls)) => calls
                    .iter()
                    .filter_map(|call| call.get("function"))
                    .map(|f| count_function_call(enc, f))
                    .sum(),
                ("function_call", f @ Value::Object(_)) => count_function_call(enc, f),
                (_, Value::String(s)) => enc.count(s),
                _ => 0,
            };
        }
    }
    total
}

fn count_content_parts(enc: Encoding, parts: &[Value]) -> usize {
    parts
        .iter()
        .map(|part| match part {
            Value::String(s) => enc.count(s),
            Value::Object(p) => match p.get("type").and_then(Value::as_str) {
                Some("image_url" | "image") => image_tokens(p),
                _ => p
                    .get("text")
                    .and_then(Value::as_str)
                    .map_or(0, |t| enc.count(t)),
            },
            _ => 0,
        })
        .sum()
}

fn image_tokens(part: &Map<String, Value>) -> usize {
    let detail = part
        .get("image_url")
        .and_then(|u| u.get("detail"))
        .and_then(Value::as_str);
    if detail == Some("low") {
        LOW_DETAIL_IMAGE_TOKENS
    } else {
        DEFAULT_IMAGE_TOKENS
    }
}

fn count_function_call(enc: Encoding, function: &Value) -> usize {
    let name = function.get("name").and_then(Value::as_str).unwrap_or("");
    let arguments = match function.get("arguments") {
        Some(Value::String(s)) => enc.count(s),
        Some(Value::Null) | None => 0,
        Some(other) => enc.count(&other.to_string()),
    };
    enc.count(name) + arguments
}

/// Approximate prompt tokens of tool definitions (`tools=[{"type": "function", "function":
/// {...}}]`, or legacy `functions=[{...}]`). OpenAI renders the definitions into the system
/// prompt as a TypeScript-like `namespace functions { type name = (_: {...}) => any; }` block;
/// we render the same shape (descriptions as `//` comments, optional parameters with `?`,
/// enums as unions, arrays as `T[]`, nested objects inline) and count it, plus
/// [`TOOLS_OVERHEAD_TOKENS`]. Expect a few tokens of difference from the provider's count.
/// Anything but a non-empty array counts 0.
pub fn count_tools(model: &str, tools: &Value) -> usize {
    let Value::Array(tools) = tools else {
        return 0;
    };
    if tools.is_empty() {
        return 0;
    }
    let mut text = String::from("namespace functions {\n\n");
    for tool in tools {
        let function = tool.get("function").unwrap_or(tool);
        let name = function.get("name").and_then(Value::as_str).unwrap_or("");
        if let Some(description) = function.get("description").and_then(Value::as_str) {
            text.push_str("// ");
            text.push_str(description);
            text.push('\n');
        }
        text.push_str("type ");
        text.push_str(name);
        text.push_str(" = (");
        match function.get("parameters") {
            Some(params) if has_properties(params) => {
                text.push_str("_: ");
                render_object(params, &mut text);
            }
            _ => {}
        }
        text.push_str(") => any;\n\n");
    }
    text.push_str("} // namespace functions");
    encoding_for_model(model).count(&text) + TOOLS_OVERHEAD_TOKENS
}

fn has_properties(schema: &Value) -> bool {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty())
}

fn render_object(schema: &Value, out: &mut String) {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    out.push_str("{\n");
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (name, prop) in props {
            if let Some(description) = prop.get("description").and_then(Value::as_str) {
                out.push_str("// ");
                out.push_str(description);
                out.push('\n');
            }
            out.push_str(name);
            if !required.contains(&name.as_str()) {
                out.push('?');
            }
            out.push_str(": ");
            render_type(prop, out);
            out.push_str(",\n");
        }
    }
    out.push('}');
}

fn render_type(schema: &Value, out: &mut String) {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let rendered: Vec<String> = values.iter().map(Value::to_string).collect();
        out.push_str(&rendered.join(" | "));
        return;
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if types.is_empty() {
        out.push_str("any");
        return;
    }
    for (i, t) in types.iter().enumerate() {
        if i > 0 {
            out.push_str(" | ");
        }
        match *t {
            "string" => out.push_str("string"),
            "number" | "integer" => out.push_str("number"),
            "boolean" => out.push_str("boolean"),
            "null" => out.push_str("null"),
            "array" => {
                match schema.get("items") {
                    Some(items) => render_type(items, out),
                    None => out.push_str("any"),
                }
                out.push_str("[]");
            }
            "object" if has_properties(schema) => render_object(schema, out),
            _ => out.push_str("any"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn encodings_by_model() {
        use Encoding::*;
        for (model, want) in [
            ("gpt-4o", O200kBase),
            ("gpt-4o-mini", O200kBase),
            ("openai/gpt-4o", O200kBase),
            ("azure/gpt-4.1-mini", O200kBase),
            ("gpt-5", O200kBase),
            ("gpt-5.1-codex", O200kBase),
            ("o1", O200kBase),
            ("o3-mini", O200kBase),
            ("o4-mini-2025-04-16", O200kBase),
            ("chatgpt-4o-latest", O200kBase),
            ("ft:gpt-4o-mini-2024-07-18:org::id", O200kBase),
            ("gpt-4", Cl100kBase),
            ("gpt-4-turbo", Cl100kBase),
            ("gpt-3.5-turbo", Cl100kBase),
            ("text-embedding-3-small", Cl100kBase),
            ("claude-sonnet-4-5", Cl100kBase),
            ("ollama/llama3", Cl100kBase),
            ("omni-moderation-latest", Cl100kBase),
            ("", Cl100kBase),
        ] {
            assert_eq!(encoding_for_model(model), want, "{model}");
        }
    }

    #[test]
    fn known_tiktoken_counts() {
        assert_eq!(Encoding::O200kBase.count("hello world"), 2);
        assert_eq!(Encoding::Cl100kBase.count("hello world"), 2);
        assert_eq!(Encoding::O200kBase.count("Hello, world!"), 4);
        assert_eq!(Encoding::Cl100kBase.count("Hello, world!"), 4);
        assert_eq!(count_text("gpt-4o", "hello world"), 2);
        assert_eq!(count_text("gpt-4o", ""), 0);
        // Special-token text is ordinary text: not one token.
        assert!(count_text("gpt-4", "<|endoftext|>") > 1);
        // The two vocabularies differ on less common text.
        let text = "Ferrolite tokenizes multilingual text: naïve café, 東京, привет.";
        assert_ne!(
            Encoding::O200kBase.count(text),
            Encoding::Cl100kBase.count(text)
        );
        // cl100k ids of "hello world" are stable public facts.
        assert_eq!(encode("gpt-4", "hello world"), vec![15339, 1917]);
        assert_eq!(
            decode("gpt-4o", &encode("gpt-4o", "round trip ✓")).as_deref(),
            Some("round trip ✓")
        );
    }

    #[test]
    fn litellm_documented_message_example() {
        let messages = [json!({"role": "user", "content": "hello world how are you"})];
        assert_eq!(count_messages("gpt-4o", &messages), 12);
        assert_eq!(count_messages("gpt-3.5-turbo", &messages), 12);
    }

    #[test]
    fn message_fields() {
        let enc = Encoding::O200kBase;
        let base = count_messages("gpt-4o", &[json!({"role": "user", "content": "hi"})]);
        assert_eq!(base, 3 + enc.count("user") + enc.count("hi") + 3);
        let named = count_messages(
            "gpt-4o",
            &[json!({"role": "user", "content": "hi", "name": "bob"})],
        );
        assert_eq!(named, base + enc.count("bob") + 1);
        let parts = count_messages(
            "gpt-4o",
            &[json!({"role": "user", "content": [
                {"type": "text", "text": "hi"},
                {"type": "image_url", "image_url": {"url": "https://x/y.png", "detail": "low"}},
                {"type": "image_url", "image_url": {"url": "https://x/z.png"}},
            ]})],
        );
        assert_eq!(parts, base + 85 + 250);
        let tool_call = count_messages(
            "gpt-4o",
            &[json!({"role": "assistant", "content": null, "tool_calls": [
                {"id": "call_1", "type": "function",
                 "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}
            ]})],
        );
        assert_eq!(
            tool_call,
            3 + enc.count("assistant")
                + enc.count("get_weather")
                + enc.count("{\"city\":\"Paris\"}")
                + 3
        );
        let tool_result = count_messages(
            "gpt-4o",
            &[json!({"role": "tool", "tool_call_id": "call_1", "content": "sunny"})],
        );
        assert_eq!(
            tool_result,
            3 + enc.count("tool") + enc.count("call_1") + enc.count("sunny") + 3
        );
        assert_eq!(count_messages("gpt-4o", &[]), 3);
    }

    #[test]
    fn tools_approximation() {
        let tools = json!([{
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Get the current weather",
                "parameters": {
                    "type": "object",
                    "properties": {
                        "city": {"type": "string", "description": "City name"},
                        "unit": {"type": "string", "enum": ["c", "f"]},
                        "days": {"type": "array", "items": {"type": "integer"}}
                    },
                    "required": ["city"]
                }
            }
        }]);
        let n = count_tools("gpt-4o", &tools);
        // Rendered definition is ~40 tokens; the count must be in that neighbourhood.
        assert!((30..70).contains(&n), "{n}");
        let legacy = json!([tools[0]["function"].clone()]);
        assert_eq!(count_tools("gpt-4o", &legacy), n);
        assert_eq!(count_tools("gpt-4o", &json!([])), 0);
        assert_eq!(count_tools("gpt-4o", &json!(null)), 0);
        let no_params = json!([{"type": "function", "function": {"name": "ping"}}]);
        assert!(count_tools("gpt-4o", &no_params) < n);
    }
}
