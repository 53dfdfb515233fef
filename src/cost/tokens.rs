//! Token counting as litellm 1.109.1's `token_counter`, `encode` and `decode` do it: which
//! tiktoken encoding a model name gets, text counted in 1,024-character chunks, chat messages
//! with their per-message overhead, tool calls, tool definitions rendered the way OpenAI
//! renders them, `tool_choice`, images (inline data-URL dimensions, `detail` low/high/auto),
//! Anthropic content blocks and documents. It knows nothing of prices.
//!
//! The text of each piece is counted by a [`TextCounter`]: a tiktoken encoding here, or a
//! caller's tokenizer (the Python binding passes a Hugging Face tokenizer object through one).
//!
//! Deviations from litellm 1.109.1 (also in docs/compatibility.md):
//! - litellm counts Claude 3.5+/4 bare names and DeepSeek chat models with Hugging Face tokenizer
//!   files it ships, and downloads Cohere and Llama tokenizers from the Hugging Face hub; here
//!   every model is counted with its tiktoken encoding (litellm's own offline fallback).
//! - Images are never fetched: `detail: "high"` on an http(s) URL counts as an image of
//!   litellm's default size (300x300), where litellm downloads it.
//! - PDF documents count as one image (litellm's figure when `pypdf` is not installed).

use std::collections::HashSet;
use std::sync::OnceLock;

use serde_json::{Map, Value};
use tiktoken_rs::CoreBPE;

use super::entries;
use crate::types::pyrepr;

/// Characters per chunk when counting long text (litellm's TIKTOKEN_ENCODE_CHUNK_SIZE_CHARS).
pub const CHUNK_CHARS: usize = 1024;
/// Longest text counted exactly; longer text is sampled (TOKEN_COUNTER_MAX_EXACT_CHARS).
pub const MAX_EXACT_CHARS: usize = 4_000_000;
/// Samples taken from text longer than [`MAX_EXACT_CHARS`].
const EXTRAPOLATION_SAMPLES: usize = 16;
/// litellm's DEFAULT_IMAGE_TOKEN_COUNT (`use_default_image_token_count=True`).
pub const DEFAULT_IMAGE_TOKENS: usize = 250;
/// OpenAI's base cost of one image; each 512px tile costs twice as much.
pub const IMAGE_BASE_TOKENS: usize = 85;
const DEFAULT_IMAGE_SIDE: u32 = 300;
const MAX_SHORT_SIDE_HIGH_RES: u32 = 768;
const MAX_LONG_SIDE_HIGH_RES: u32 = 2000;
const TILE_SIDE: u32 = 512;
/// Largest inline image read for its dimensions (MAX_IMAGE_URL_DOWNLOAD_SIZE_MB = 50).
const MAX_IMAGE_BYTES: usize = 50 * 1024 * 1024;
/// Tokens priming the assistant's reply, added once to a message count.
pub const REPLY_PRIMER_TOKENS: usize = 3;

/// Why a count failed; `message` is litellm's wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenError {
    pub message: String,
}

impl TokenError {
    fn new(message: impl Into<String>) -> Self {
        TokenError {
            message: message.into(),
        }
    }
}

impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TokenError {}

/// Counts the tokens of one piece of text.
pub trait TextCounter {
    fn count(&mut self, text: &str) -> Result<usize, TokenError>;
}

impl<F: FnMut(&str) -> Result<usize, TokenError>> TextCounter for F {
    fn count(&mut self, text: &str) -> Result<usize, TokenError> {
        self(text)
    }
}

// ---------------------------------------------------------------------------------------------
// Encodings

/// A tiktoken byte-pair encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    O200kBase,
    O200kHarmony,
    Cl100kBase,
    P50kBase,
    P50kEdit,
    R50kBase,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::O200kBase => "o200k_base",
            Encoding::O200kHarmony => "o200k_harmony",
            Encoding::Cl100kBase => "cl100k_base",
            Encoding::P50kBase => "p50k_base",
            Encoding::P50kEdit => "p50k_edit",
            Encoding::R50kBase => "r50k_base",
        }
    }

    /// The encoding called `name` (`gpt2` is r50k's table).
    pub fn from_name(name: &str) -> Option<Encoding> {
        Some(match name {
            "o200k_base" => Encoding::O200kBase,
            "o200k_harmony" => Encoding::O200kHarmony,
            "cl100k_base" => Encoding::Cl100kBase,
            "p50k_base" => Encoding::P50kBase,
            "p50k_edit" => Encoding::P50kEdit,
            "r50k_base" | "gpt2" => Encoding::R50kBase,
            _ => return None,
        })
    }

    fn cell(self) -> &'static OnceLock<Option<CoreBPE>> {
        static CELLS: [OnceLock<Option<CoreBPE>>; 6] = [
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
        ];
        &CELLS[self as usize]
    }

    /// The encoder, built on first use (tens of milliseconds). `None` only if tiktoken-rs
    /// fails to build its embedded table, which it does not.
    pub fn bpe(self) -> Option<&'static CoreBPE> {
        self.cell()
            .get_or_init(|| match self {
                Encoding::O200kBase => tiktoken_rs::o200k_base().ok(),
                Encoding::O200kHarmony => tiktoken_rs::o200k_harmony().ok(),
                Encoding::Cl100kBase => tiktoken_rs::cl100k_base().ok(),
                Encoding::P50kBase => tiktoken_rs::p50k_base().ok(),
                Encoding::P50kEdit => tiktoken_rs::p50k_edit().ok(),
                Encoding::R50kBase => tiktoken_rs::r50k_base().ok(),
            })
            .as_ref()
    }

    /// Whether the encoder has been built in this process (for tests of laziness).
    pub fn is_built(self) -> bool {
        self.cell().get().is_some()
    }

    /// Tokens of `text` with special-token text counted as ordinary text (one piece, no
    /// chunking).
    pub fn count_ordinary(self, text: &str) -> usize {
        if text.is_empty() {
            return 0;
        }
        match self.bpe() {
            Some(bpe) => bpe.count_ordinary(text),
            None => text.len().div_ceil(4),
        }
    }

    /// Tokens of `text` as litellm counts it: 1,024-character chunks, each encoded on its own;
    /// text past [`MAX_EXACT_CHARS`] sampled and extrapolated.
    pub fn count(self, text: &str) -> usize {
        chunked_count(text, &mut |piece: &str| self.count_ordinary(piece))
    }

    /// Token ids of `text`, special-token text encoded as ordinary text.
    pub fn encode_ordinary(self, text: &str) -> Vec<u32> {
        self.bpe()
            .map(|bpe| bpe.encode_ordinary(text))
            .unwrap_or_default()
    }

    /// Token ids with the special tokens in `allowed` encoded as themselves; `Err(token)` when
    /// the text holds a special token listed in `disallowed` (tiktoken's check).
    pub fn encode(
        self,
        text: &str,
        allowed: &HashSet<&str>,
        disallowed: &HashSet<&str>,
    ) -> Result<Vec<u32>, String> {
        let Some(bpe) = self.bpe() else {
            return Ok(Vec::new());
        };
        if !disallowed.is_empty() {
            let mut first: Option<(usize, &str)> = None;
            for token in disallowed {
                if let Some(pos) = text.find(token) {
                    if first.is_none_or(|(p, _)| pos < p) {
                        first = Some((pos, token));
                    }
                }
            }
            if let Some((_, token)) = first {
                return Err(token.to_string());
            }
        }
        if allowed.is_empty() {
            return Ok(bpe.encode_ordinary(text));
        }
        Ok(bpe
            .encode(text, allowed)
            .map(|(ids, _)| ids)
            .unwrap_or_default())
    }

    /// The special tokens of this encoding.
    pub fn special_tokens(self) -> Vec<String> {
        let mut out: Vec<String> = self
            .bpe()
            .map(|b| b.special_tokens().into_iter().map(str::to_owned).collect())
            .unwrap_or_default();
        out.sort();
        out
    }

    /// Text of token ids; bytes that are not UTF-8 become U+FFFD (tiktoken's `errors="replace"`).
    /// `Err(id)` for an id outside the vocabulary.
    pub fn decode(self, tokens: &[u32]) -> Result<String, u32> {
        let Some(bpe) = self.bpe() else {
            return Ok(String::new());
        };
        let out = bpe.decode_bytes(tokens).map_err(|e| e.token)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
}

/// Sum of `count` over 1,024-character chunks of `text`, as litellm's tiktoken counter;
/// beyond [`MAX_EXACT_CHARS`] characters, 16 evenly spaced samples extrapolated to the length.
pub fn chunked_count(text: &str, count: &mut dyn FnMut(&str) -> usize) -> usize {
    if text.is_empty() {
        return 0;
    }
    let chars = text.chars().count();
    if chars > MAX_EXACT_CHARS {
        return extrapolated(text, chars, &mut |s: &str| Ok(chunked_exact(s, count)))
            .unwrap_or_default();
    }
    chunked_exact(text, count)
}

fn chunked_exact(text: &str, count: &mut dyn FnMut(&str) -> usize) -> usize {
    let mut total = 0;
    let mut start = 0;
    let mut n = 0;
    for (i, _) in text.char_indices() {
        if n == CHUNK_CHARS {
            total += count(&text[start..i]);
            start = i;
            n = 0;
        }
        n += 1;
    }
    total + count(&text[start..])
}

/// litellm's extrapolation for very long text: `round(sum(samples) * len / sampled_len)`.
fn extrapolated(
    text: &str,
    chars: usize,
    count: &mut dyn FnMut(&str) -> Result<usize, TokenError>,
) -> Result<usize, TokenError> {
    let sample_count = EXTRAPOLATION_SAMPLES.min(MAX_EXACT_CHARS);
    let sample_chars = MAX_EXACT_CHARS / sample_count;
    let last_start = chars - sample_chars;
    let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let byte_at = |c: usize| offsets.get(c).copied().unwrap_or(text.len());
    let mut sum = 0usize;
    let mut sampled = 0usize;
    for index in 0..sample_count {
        let start = last_start * index / (sample_count - 1).max(1);
        let piece = &text[byte_at(start)..byte_at(start + sample_chars)];
        sampled += sample_chars;
        sum += count(piece)?;
    }
    Ok((sum as f64 * chars as f64 / sampled as f64).round_ties_even() as usize)
}

// --- which encoding a model gets ---------------------------------------------------------------

/// litellm's `azure_llms`: Azure deployment names and the model each stands for.
pub const AZURE_LLMS: &[(&str, &str)] = &[
    ("gpt-35-turbo", "azure/gpt-35-turbo"),
    ("gpt-35-turbo-16k", "azure/gpt-35-turbo-16k"),
    ("gpt-35-turbo-instruct", "azure/gpt-35-turbo-instruct"),
    ("azure/gpt-41", "gpt-4.1"),
    ("azure/gpt-41-mini", "gpt-4.1-mini"),
    ("azure/gpt-41-nano", "gpt-4.1-nano"),
];

fn is_azure_llm(model: &str) -> bool {
    AZURE_LLMS.iter().any(|(k, _)| *k == model)
}

/// litellm's `open_ai_chat_completion_models`: catalog keys listed under `openai`, minus the
/// bare fine-tune price keys (`ft:gpt-4o`).
pub fn openai_models() -> &'static HashSet<String> {
    static MODELS: OnceLock<HashSet<String>> = OnceLock::new();
    MODELS.get_or_init(|| {
        super::catalog::entries()
            .iter()
            .filter(|e| e.provider == "openai")
            .filter(|e| !(e.key.starts_with("ft:") && e.key.matches(':').count() <= 1))
            .map(|e| e.key.to_owned())
            .collect()
    })
}

const MODEL_TO_ENCODING: &[(&str, &str)] = &[
    ("o1", "o200k_base"),
    ("o3", "o200k_base"),
    ("o4-mini", "o200k_base"),
    ("gpt-5", "o200k_base"),
    ("gpt-4.1", "o200k_base"),
    ("gpt-4o", "o200k_base"),
    ("gpt-4", "cl100k_base"),
    ("gpt-3.5-turbo", "cl100k_base"),
    ("gpt-3.5", "cl100k_base"),
    ("gpt-35-turbo", "cl100k_base"),
    ("davinci-002", "cl100k_base"),
    ("babbage-002", "cl100k_base"),
    ("text-embedding-ada-002", "cl100k_base"),
    ("text-embedding-3-small", "cl100k_base"),
    ("text-embedding-3-large", "cl100k_base"),
    ("text-davinci-003", "p50k_base"),
    ("text-davinci-002", "p50k_base"),
    ("text-davinci-001", "r50k_base"),
    ("text-curie-001", "r50k_base"),
    ("text-babbage-001", "r50k_base"),
    ("text-ada-001", "r50k_base"),
    ("davinci", "r50k_base"),
    ("curie", "r50k_base"),
    ("babbage", "r50k_base"),
    ("ada", "r50k_base"),
    ("code-davinci-002", "p50k_base"),
    ("code-davinci-001", "p50k_base"),
    ("code-cushman-002", "p50k_base"),
    ("code-cushman-001", "p50k_base"),
    ("davinci-codex", "p50k_base"),
    ("cushman-codex", "p50k_base"),
    ("text-davinci-edit-001", "p50k_edit"),
    ("code-davinci-edit-001", "p50k_edit"),
    ("text-similarity-davinci-001", "r50k_base"),
    ("text-similarity-curie-001", "r50k_base"),
    ("text-similarity-babbage-001", "r50k_base"),
    ("text-similarity-ada-001", "r50k_base"),
    ("text-search-davinci-doc-001", "r50k_base"),
    ("text-search-curie-doc-001", "r50k_base"),
    ("text-search-babbage-doc-001", "r50k_base"),
    ("text-search-ada-doc-001", "r50k_base"),
    ("code-search-babbage-code-001", "r50k_base"),
    ("code-search-ada-code-001", "r50k_base"),
    ("gpt2", "gpt2"),
    ("gpt-2", "gpt2"),
];

const MODEL_PREFIX_TO_ENCODING: &[(&str, &str)] = &[
    ("o1-", "o200k_base"),
    ("o3-", "o200k_base"),
    ("o4-mini-", "o200k_base"),
    ("gpt-5", "o200k_base"),
    ("gpt-4.5-", "o200k_base"),
    ("gpt-4.1-", "o200k_base"),
    ("chatgpt-4o-", "o200k_base"),
    ("gpt-4o-", "o200k_base"),
    ("gpt-4-", "cl100k_base"),
    ("gpt-3.5-turbo-", "cl100k_base"),
    ("gpt-35-turbo-", "cl100k_base"),
    ("gpt-oss-", "o200k_harmony"),
    ("ft:gpt-4o", "o200k_base"),
    ("ft:gpt-4", "cl100k_base"),
    ("ft:gpt-3.5-turbo", "cl100k_base"),
    ("ft:davinci-002", "cl100k_base"),
    ("ft:babbage-002", "cl100k_base"),
];

/// tiktoken's `encoding_name_for_model` (exact names, then prefixes).
pub fn tiktoken_encoding_name(model: &str) -> Option<&'static str> {
    MODEL_TO_ENCODING
        .iter()
        .find(|(m, _)| *m == model)
        .or_else(|| {
            MODEL_PREFIX_TO_ENCODING
                .iter()
                .find(|(p, _)| model.starts_with(p))
        })
        .map(|&(_, e)| e)
}

fn last_segment(model: &str) -> &str {
    model.rsplit('/').next().unwrap_or(model)
}

fn deployment_name(model: &str) -> &str {
    let name = last_segment(model);
    if name.starts_with("ft:") {
        name.split(':').nth(1).unwrap_or("")
    } else {
        name
    }
}

fn is_listed_non_chat_model(model: &str) -> bool {
    [model.to_owned(), format!("azure/{model}")]
        .iter()
        .filter_map(|name| entries::str_field(name, "mode"))
        .any(|mode| mode != "chat" && mode != "responses")
}

fn is_azure_openai_chat_model(model: &str) -> bool {
    let name = deployment_name(model);
    let Some(entry) = entries::get(&format!("azure/{name}")) else {
        return false;
    };
    entry.get("litellm_provider").and_then(Value::as_str) == Some("azure")
        && matches!(
            entry.get("mode").and_then(Value::as_str),
            Some("chat" | "responses")
        )
        && (entry.get("supports_pdf_input") == Some(&Value::Bool(true)) || name.starts_with("gpt-"))
}

fn is_openai_model_name(name: &str) -> bool {
    let models = openai_models();
    models.contains(name)
        || tiktoken_encoding_name(name).is_some()
        || models.iter().any(|listed| {
            (name.len() > listed.len()
                && name.starts_with(listed.as_str())
                && name.as_bytes()[listed.len()] == b'-')
                || (listed.len() > name.len()
                    && listed.starts_with(name)
                    && listed.as_bytes()[name.len()] == b'-')
        })
}

fn is_azure_openai_text_model(model: &str) -> bool {
    let Some(entry) = entries::get(model) else {
        return false;
    };
    entry.get("litellm_provider").and_then(Value::as_str) == Some("azure")
        && matches!(
            entry.get("mode").and_then(Value::as_str),
            Some("chat" | "completion" | "responses" | "realtime")
        )
        && is_openai_model_name(last_segment(model))
}

fn is_openai_cost_map_model(model: &str) -> bool {
    is_azure_llm(model) || openai_models().contains(model) || is_azure_openai_text_model(model)
}

fn listed_openai_model_name(model: &str) -> Option<String> {
    let segments: Vec<&str> = model.split('/').collect();
    let listed = (0..segments.len()).any(|start| {
        let suffix = segments[start..].join("/");
        is_openai_cost_map_model(&suffix) || is_openai_cost_map_model(&format!("azure/{suffix}"))
    });
    listed.then(|| segments[segments.len() - 1].to_owned())
}

/// `^(?:gpt-(?:[5-9]|[1-9]\d+)|o[1-9]\d*)(?:[.-]|$)`: a gpt-5+ or o-series name.
fn is_versioned_openai_name(name: &str) -> bool {
    let b = name.as_bytes();
    let digits_from = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let end = if let Some(rest) = name.strip_prefix("gpt-") {
        let start = 4;
        let n = digits_from(start);
        let ok = match n {
            0 => false,
            1 => (b'5'..=b'9').contains(&rest.as_bytes()[0]),
            _ => rest.as_bytes()[0] != b'0',
        };
        if !ok {
            return false;
        }
        // `gpt-5` matches [5-9] then needs [.-] or end; `gpt-10` matches [1-9]\d+.
        start + if n == 1 { 1 } else { n }
    } else if let Some(rest) = name.strip_prefix('o') {
        if !rest
            .as_bytes()
            .first()
            .is_some_and(|c| (b'1'..=b'9').contains(c))
        {
            return false;
        }
        1 + digits_from(1)
    } else {
        return false;
    };
    matches!(b.get(end), None | Some(b'.' | b'-'))
}

fn openai_model_name(model: &str) -> Option<String> {
    if let Some(name) = listed_openai_model_name(model) {
        return Some(name);
    }
    let name = last_segment(model);
    if tiktoken_encoding_name(name) == Some("o200k_base") || is_versioned_openai_name(name) {
        return Some(name.to_owned());
    }
    is_azure_openai_chat_model(model).then(|| deployment_name(model).to_owned())
}

fn fix_model_name(model: &str) -> String {
    if is_azure_llm(model) {
        model.replace("-35", "-3.5")
    } else if openai_models().contains(model) {
        model.to_owned()
    } else {
        "gpt-3.5-turbo".to_owned()
    }
}

/// The tiktoken encoding litellm's `token_counter` uses for `model` (its
/// `openai_tokenizer_encoding_name`): OpenAI names by tiktoken's table, newer OpenAI releases
/// o200k_base, anything else as gpt-3.5-turbo (cl100k_base).
pub fn encoding_name_for_model(model: &str) -> &'static str {
    let to_use = openai_model_name(model).unwrap_or_else(|| fix_model_name(model));
    if to_use.contains("gpt-4o") {
        return "o200k_base";
    }
    if let Some(name) = tiktoken_encoding_name(&to_use) {
        return name;
    }
    let variant = MODEL_TO_ENCODING
        .iter()
        .filter(|(m, _)| {
            to_use.len() > m.len() && to_use.starts_with(m) && to_use.as_bytes()[m.len()] == b'-'
        })
        .max_by_key(|(m, _)| m.len());
    if let Some(&(_, e)) = variant {
        return e;
    }
    if is_listed_non_chat_model(&to_use) {
        "cl100k_base"
    } else {
        "o200k_base"
    }
}

/// [`encoding_name_for_model`] as an [`Encoding`].
pub fn encoding_for_model(model: &str) -> Encoding {
    Encoding::from_name(encoding_name_for_model(model)).unwrap_or(Encoding::Cl100kBase)
}

/// Which Hugging Face tokenizer litellm would select for `model` (`None`: tiktoken). Counting
/// here always uses tiktoken; this names the deviation.
pub fn huggingface_tokenizer_kind(model: &str) -> Option<&'static str> {
    let lower = model.to_lowercase();
    let provider_is =
        |name: &str, p: &str| entries::str_field(name, "litellm_provider").as_deref() == Some(p);
    if provider_is(model, "cohere") && model.contains("command-r") {
        return Some("cohere");
    }
    if provider_is(model, "anthropic") && !model.contains("claude-3") {
        return Some("anthropic");
    }
    let deepseek_v = ["deepseek-", "deepseek_", "deepseek."].iter().any(|p| {
        lower.match_indices(p).any(|(i, _)| {
            let rest = &lower[i + p.len()..];
            let rest = ["chat-", "chat_", "chat."]
                .iter()
                .find_map(|c| rest.strip_prefix(c))
                .unwrap_or(rest);
            rest.starts_with("v3") || rest.starts_with("v4")
        })
    });
    let name = last_segment(&lower);
    let deepseek_named = ["deepseek-chat", "deepseek-reasoner", "deepseek-flash"]
        .iter()
        .any(|n| name == *n || name.strip_suffix(":free") == Some(n));
    if deepseek_v || deepseek_named {
        return Some("deepseek");
    }
    if lower.contains("llama-2") || lower.contains("replicate") {
        return Some("llama2");
    }
    if lower.contains("llama-3") {
        return Some("llama3");
    }
    None
}

// ---------------------------------------------------------------------------------------------
// token_counter

/// The arguments of litellm's `token_counter` (already converted to JSON).
#[derive(Debug, Clone, Copy, Default)]
pub struct CountRequest<'a> {
    pub model: &'a str,
    /// `text=`: a string or a list whose strings are joined.
    pub text: Option<&'a Value>,
    pub messages: Option<&'a [Value]>,
    pub count_response_tokens: bool,
    pub tools: Option<&'a Value>,
    pub tool_choice: Option<&'a Value>,
    pub use_default_image_token_count: bool,
    pub default_token_count: Option<i64>,
}

fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::Bool(true)) => true,
    }
}

/// litellm's `token_counter`, counting each piece of text with `counter`.
pub fn token_counter(
    req: &CountRequest<'_>,
    counter: &mut dyn TextCounter,
) -> Result<i64, TokenError> {
    if req.text.is_some() && req.messages.is_some() {
        return Err(TokenError::new("text and messages cannot both be set"));
    }
    if let Some(text) = req.text {
        if truthy(req.tools) || truthy(req.tool_choice) {
            return Err(TokenError::new(
                "tools or tool_choice cannot be set if using text",
            ));
        }
        let joined = match text {
            Value::String(s) => s.clone(),
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
            _ => String::new(),
        };
        return Ok(counter.count(&joined)? as i64);
    }
    let Some(messages) = req.messages else {
        return Err(TokenError::new("Either text or messages must be provided"));
    };
    let mut ctx = Ctx {
        counter,
        legacy: fix_model_name(req.model) == "gpt-3.5-turbo-0301",
        use_default_image: req.use_default_image_token_count,
        default_token_count: req.default_token_count,
    };
    let mut total = count_messages(&mut ctx, messages)?;
    if !req.count_response_tokens {
        let includes_system = messages
            .iter()
            .any(|m| m.get("role").and_then(Value::as_str) == Some("system"));
        total += count_extra(
            &mut ctx,
            req.model,
            req.tools,
            req.tool_choice,
            includes_system,
        )? as i64;
    }
    Ok(total)
}

/// Tiktoken counting for `model` (litellm's `openai_tokenizer` path).
pub fn tiktoken_counter(model: &str) -> impl FnMut(&str) -> Result<usize, TokenError> {
    let encoding = encoding_for_model(model);
    move |text: &str| Ok(encoding.count(text))
}

/// Prompt tokens of `messages` for `model` with its tiktoken encoding (what the engine uses
/// to fill in usage a provider did not report).
pub fn count_messages_for_model(model: &str, messages: &[Value]) -> usize {
    let mut counter = tiktoken_counter(model);
    let req = CountRequest {
        model,
        messages: Some(messages),
        use_default_image_token_count: true,
        default_token_count: Some(0),
        ..CountRequest::default()
    };
    token_counter(&req, &mut counter).map_or(0, |n| n.max(0) as usize)
}

/// Tokens of plain text for `model`.
pub fn count_text(model: &str, text: &str) -> usize {
    encoding_for_model(model).count(text)
}

struct Ctx<'c> {
    counter: &'c mut dyn TextCounter,
    legacy: bool,
    use_default_image: bool,
    default_token_count: Option<i64>,
}

impl Ctx<'_> {
    fn count(&mut self, text: &str) -> Result<i64, TokenError> {
        if text.is_empty() {
            return Ok(0);
        }
        let chars = text.chars().count();
        if chars > MAX_EXACT_CHARS {
            let counter = &mut *self.counter;
            return extrapolated(text, chars, &mut |s: &str| counter.count(s)).map(|n| n as i64);
        }
        Ok(self.counter.count(text)? as i64)
    }
}

fn count_messages(ctx: &mut Ctx<'_>, messages: &[Value]) -> Result<i64, TokenError> {
    let (per_message, per_name) = if ctx.legacy { (4, -1) } else { (3, 1) };
    let mut total = 0i64;
    for message in messages {
        total += per_message;
        let Value::Object(fields) = message else {
            continue;
        };
        for (key, value) in fields {
            match (key.as_str(), value) {
                (_, Value::Null) => {}
                ("tool_calls" | "function_call", _) => {
                    total += count_function_call(ctx, key, value, message)?;
                }
                (_, Value::String(s)) => {
                    total += ctx.count(s)?;
                    if key == "name" {
                        total += per_name;
                    }
                }
                ("content", Value::Array(parts)) => total += count_content_list(ctx, parts)?,
                ("provider_specific_fields", fields) => {
                    for summary in compaction_summaries(fields) {
                        total += ctx.count(summary)?;
                    }
                }
                ("search_results", Value::Array(results)) => {
                    let text = search_results_text(results);
                    if !text.is_empty() {
                        total += ctx.count(&text)?;
                    }
                }
                _ => {}
            }
        }
    }
    Ok(total)
}

fn count_function_call(
    ctx: &mut Ctx<'_>,
    key: &str,
    value: &Value,
    message: &Value,
) -> Result<i64, TokenError> {
    if key == "tool_calls" {
        let Value::Array(calls) = value else {
            return Err(TokenError::new(format!(
                "Unsupported type {} for key tool_calls in message {}",
                python_type(value),
                pyrepr::repr(message)
            )));
        };
        let mut total = 0;
        for call in calls {
            let Some(function) = call.get("function") else {
                return Err(TokenError::new(format!(
                    "Unsupported tool call {} must contain a function key",
                    pyrepr::repr(call)
                )));
            };
            let arguments = function.get("arguments").map_or(String::new(), python_str);
            total += ctx.count(&arguments)?;
        }
        return Ok(total);
    }
    let Value::Object(function) = value else {
        return Err(TokenError::new(format!(
            "Unsupported type {} for key function_call in message {}",
            python_type(value),
            pyrepr::repr(message)
        )));
    };
    let arguments = function.get("arguments").map_or(String::new(), python_str);
    ctx.count(&arguments)
}

fn compaction_summaries(fields: &Value) -> Vec<&str> {
    let Some(blocks) = fields.get("compaction_blocks").and_then(Value::as_array) else {
        return Vec::new();
    };
    blocks
        .iter()
        .filter(|b| b.get("type").and_then(Value::as_str) == Some("compaction"))
        .filter_map(|b| b.get("content").and_then(Value::as_str))
        .filter(|c| !c.is_empty())
        .collect()
}

fn search_results_text(results: &[Value]) -> String {
    let mut text = String::new();
    for result in results {
        let Value::Object(result) = result else {
            continue;
        };
        for key in ["source", "title"] {
            if let Some(s) = result.get(key).and_then(Value::as_str) {
                text.push_str(s);
            }
        }
        if let Some(Value::Array(blocks)) = result.get("content") {
            for block in blocks {
                if let Some(s) = block.get("text").and_then(Value::as_str) {
                    text.push_str(s);
                }
            }
        }
        if let Some(citations) = result.get("citations") {
            if !citations.is_null() {
                text.push_str(&citations.to_string());
            }
        }
    }
    text
}

fn count_content_list(ctx: &mut Ctx<'_>, parts: &[Value]) -> Result<i64, TokenError> {
    match count_content_list_inner(ctx, parts) {
        Ok(n) => Ok(n),
        Err(e) => match ctx.default_token_count {
            Some(d) => Ok(d),
            None => Err(TokenError::new(format!(
                "Error getting number of tokens from content list: {}, default_token_count=None",
                e.message
            ))),
        },
    }
}

fn count_content_list_inner(ctx: &mut Ctx<'_>, parts: &[Value]) -> Result<i64, TokenError> {
    let mut total = 0;
    for part in parts {
        let block = match part {
            Value::String(s) => {
                total += ctx.count(s)?;
                continue;
            }
            Value::Object(block) => block,
            other => {
                return Err(TokenError::new(format!(
                    "'{}' object is not subscriptable",
                    python_type_name(other)
                )))
            }
        };
        let Some(kind) = block.get("type") else {
            return Err(TokenError::new("'type'"));
        };
        let kind_str = kind.as_str().unwrap_or("");
        match kind_str {
            "text" | "thinking" | "redacted_thinking" | "compaction" => {
                let field = match kind_str {
                    "text" => "text",
                    "compaction" => "content",
                    _ => "thinking",
                };
                let text = block.get(field).map_or(String::new(), |v| {
                    if truthy(Some(v)) {
                        python_str(v)
                    } else {
                        String::new()
                    }
                });
                if !text.is_empty() {
                    total += ctx.count(&text)?;
                }
            }
            "image_url" => total += image_url_tokens(ctx, block.get("image_url"))?,
            "image" => {
                let source = block
                    .get("source")
                    .ok_or_else(|| TokenError::new("'source'"))?;
                let data = anthropic_source_data(source)?;
                total += image_tokens(&data, Detail::Auto, ctx.use_default_image)? as i64;
            }
            "document" => total += document_tokens(ctx, block)?,
            "file" => total += file_tokens(ctx, block.get("file"))?,
            "tool_use" | "tool_result" | "search_result" => {
                total += anthropic_block_tokens(ctx, block, kind_str)?;
            }
            "tool_reference" => {
                let name = block.get("tool_name").map_or(String::new(), |v| {
                    if truthy(Some(v)) {
                        python_str(v)
                    } else {
                        String::new()
                    }
                });
                if !name.is_empty() {
                    total += ctx.count(&name)?;
                }
            }
            _ => {
                return Err(TokenError::new(format!(
                    "Invalid content item type: {}. Expected str or dict with 'type' field (text, \
                     image_url, image, document, file, tool_use, tool_result, thinking, \
                     redacted_thinking, compaction, tool_reference, search_result).",
                    python_str(kind)
                )))
            }
        }
    }
    Ok(total)
}

fn anthropic_block_tokens(
    ctx: &mut Ctx<'_>,
    block: &Map<String, Value>,
    kind: &str,
) -> Result<i64, TokenError> {
    let fields: &[&str] = match kind {
        "tool_use" => &["name", "input", "caller"],
        "tool_result" => &["content"],
        _ => &["source", "title", "content"],
    };
    let mut total = 0;
    for name in fields {
        let value = match block.get(*name) {
            None | Some(Value::Null) => continue,
            Some(v) => v,
        };
        let counted = match value {
            Value::String(s) => ctx.count(s),
            Value::Array(items) => count_content_list(ctx, items),
            Value::Object(_) => ctx.count(&pyrepr::repr(value)),
            _ => Ok(0),
        };
        match counted {
            Ok(n) => total += n,
            Err(e) => {
                if let Some(d) = ctx.default_token_count {
                    return Ok(d);
                }
                return Err(TokenError::new(format!(
                    "Error counting field '{name}': {}",
                    e.message
                )));
            }
        }
    }
    Ok(total)
}

fn document_tokens(ctx: &mut Ctx<'_>, document: &Map<String, Value>) -> Result<i64, TokenError> {
    let source = document
        .get("source")
        .ok_or_else(|| TokenError::new("'source'"))?;
    let mut total = 0;
    for key in ["title", "context"] {
        if let Some(v) = document.get(key) {
            if truthy(Some(v)) {
                total += ctx.count(&python_str(v))?;
            }
        }
    }
    let kind = source
        .get("type")
        .ok_or_else(|| TokenError::new("'type'"))?;
    match kind.as_str() {
        Some("text") => {
            let data = source
                .get("data")
                .ok_or_else(|| TokenError::new("'data'"))?;
            Ok(total + ctx.count(&python_str(data))?)
        }
        Some("content") => match source.get("content") {
            Some(Value::String(s)) => Ok(total + ctx.count(s)?),
            Some(Value::Array(items)) => Ok(total + count_content_list(ctx, items)?),
            Some(_) => Ok(total),
            None => Err(TokenError::new("'content'")),
        },
        _ => {
            let data = anthropic_source_data(source)?;
            Ok(total + image_tokens(&data, Detail::Auto, ctx.use_default_image)? as i64)
        }
    }
}

fn file_tokens(ctx: &mut Ctx<'_>, file: Option<&Value>) -> Result<i64, TokenError> {
    let Some(Value::Object(file)) = file else {
        return Ok(0);
    };
    let name = match file.get("filename") {
        Some(Value::String(s)) if !s.is_empty() => ctx.count(s)?,
        _ => 0,
    };
    match file.get("file_data") {
        Some(Value::String(data)) if !data.is_empty() => {
            Ok(name + image_tokens(data, Detail::Auto, ctx.use_default_image)? as i64)
        }
        _ => Ok(name),
    }
}

fn anthropic_source_data(source: &Value) -> Result<String, TokenError> {
    let kind = source
        .get("type")
        .ok_or_else(|| TokenError::new("'type'"))?;
    Ok(match kind.as_str() {
        Some("base64") => match source.get("data") {
            Some(d) if truthy(Some(d)) => {
                let media = source
                    .get("media_type")
                    .filter(|m| truthy(Some(m)))
                    .map_or("image/png".to_owned(), python_str);
                format!("data:{media};base64,{}", python_str(d))
            }
            _ => String::new(),
        },
        Some("url") => source
            .get("url")
            .filter(|u| truthy(Some(u)))
            .map_or(String::new(), python_str),
        _ => String::new(),
    })
}

// --- tools and tool_choice -----------------------------------------------------------------------

fn count_extra(
    ctx: &mut Ctx<'_>,
    model: &str,
    tools: Option<&Value>,
    tool_choice: Option<&Value>,
    includes_system: bool,
) -> Result<usize, TokenError> {
    let section = chat_template_section(model);
    let tools: &[Value] = match tools {
        Some(Value::Array(t)) => t,
        _ => &[],
    };
    let definitions = if tools.is_empty() {
        0
    } else if let Some(section) = section {
        template_tool_tokens(ctx, tools, includes_system, section)?
    } else {
        let text = format_function_definitions(tools);
        let discount = if includes_system { 4 } else { 0 };
        ctx.count(&text)? + 9 - discount
    };
    let choice = if section.is_some() {
        0
    } else {
        tool_choice_tokens(ctx, tool_choice)?
    };
    Ok((REPLY_PRIMER_TOKENS as i64 + definitions + choice).max(0) as usize)
}

fn tool_choice_tokens(ctx: &mut Ctx<'_>, choice: Option<&Value>) -> Result<i64, TokenError> {
    match choice {
        Some(Value::String(s)) if s == "none" => Ok(1),
        Some(Value::Object(o)) => {
            if let Some(Value::Object(f)) = o.get("function") {
                if let Some(Value::String(name)) = f.get("name") {
                    return Ok(7 + ctx.count(name)?);
                }
            }
            if o.get("type").and_then(Value::as_str) == Some("none") {
                return Ok(1);
            }
            if let Some(Value::String(name)) = o.get("name") {
                return Ok(7 + ctx.count(name)?);
            }
            Ok(0)
        }
        _ => Ok(0),
    }
}

#[derive(Clone, Copy)]
struct TemplateSection {
    preamble_tokens: i64,
    implicit_system_turn_tokens: i64,
    qwen: bool,
}

/// Models whose chat template renders tools itself (DeepSeek V4 family, Qwen 3.5).
fn chat_template_section(model: &str) -> Option<TemplateSection> {
    if model.is_empty() {
        return None;
    }
    let lower = model.to_lowercase();
    let deepseek_v4 = lower.match_indices("deepseek-v4").any(|(i, m)| {
        let rest = &lower[i + m.len()..];
        let next = rest.as_bytes().first().copied();
        !(matches!(next, Some(b'.') | Some(b'0'..=b'9'))
            || (next == Some(b'p') && rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit)))
    });
    let bare = lower.strip_prefix("deepseek/").unwrap_or(&lower);
    let deepseek_named = ["deepseek-chat", "deepseek-reasoner", "deepseek-flash"]
        .iter()
        .any(|n| bare == *n || bare.strip_suffix(":free") == Some(n));
    if deepseek_v4 || deepseek_named {
        return Some(TemplateSection {
            preamble_tokens: 222,
            implicit_system_turn_tokens: 0,
            qwen: false,
        });
    }
    let qwen = lower.match_indices("qwen3").any(|(i, m)| {
        let rest = &lower[i + m.len()..];
        let rest = rest
            .strip_prefix('.')
            .or_else(|| rest.strip_prefix('_'))
            .unwrap_or(rest);
        rest.starts_with('5') && !rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
    });
    qwen.then_some(TemplateSection {
        preamble_tokens: 196,
        implicit_system_turn_tokens: 5,
        qwen: true,
    })
}

fn template_tool_tokens(
    ctx: &mut Ctx<'_>,
    tools: &[Value],
    includes_system: bool,
    section: TemplateSection,
) -> Result<i64, TokenError> {
    let functions: Vec<Map<String, Value>> = tools
        .iter()
        .filter_map(Value::as_object)
        .filter(|t| !is_anthropic_web_search_tool(t))
        .flat_map(function_definitions)
        .filter(|f| truthy(f.get("name")))
        .collect();
    if functions.is_empty() {
        return Ok(0);
    }
    let rendered = if section.qwen {
        functions
            .into_iter()
            .map(|f| {
                let mut wrapper = Map::new();
                wrapper.insert("type".into(), Value::from("function"));
                wrapper.insert("function".into(), Value::Object(f));
                format!("\n{}", pyrepr::json_dumps(&Value::Object(wrapper)))
            })
            .collect::<String>()
    } else {
        functions
            .into_iter()
            .map(|f| pyrepr::json_dumps(&Value::Object(f)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let system_turn = if includes_system {
        0
    } else {
        section.implicit_system_turn_tokens
    };
    Ok(section.preamble_tokens + system_turn + ctx.count(&rendered)?)
}

fn is_anthropic_web_search_tool(tool: &Map<String, Value>) -> bool {
    tool.get("name").and_then(Value::as_str) == Some("web_search")
        && !tool.contains_key("input_schema")
        && tool.get("type").and_then(Value::as_str) != Some("function")
}

/// Keys of an Anthropic tool the request bridge maps; others are folded into the parameters.
const ANTHROPIC_MAPPED_KEYS: &[&str] = &[
    "name",
    "input_schema",
    "description",
    "cache_control",
    "strict",
    "type",
    "eager_input_streaming",
    "custom",
];

/// The function definitions one tool stands for: OpenAI `{"function": {...}}`, Gemini
/// `function_declarations`, or an Anthropic / bare tool (`input_schema` / `parameters`).
fn function_definitions(tool: &Map<String, Value>) -> Vec<Map<String, Value>> {
    if let Some(Value::Object(f)) = tool.get("function") {
        return vec![f.clone()];
    }
    let declarations = tool
        .get("function_declarations")
        .filter(|d| truthy(Some(d)))
        .or_else(|| tool.get("functionDeclarations"));
    if let Some(Value::Array(list)) = declarations {
        return list.iter().filter_map(Value::as_object).cloned().collect();
    }
    let input_schema = tool.get("input_schema").filter(|v| !v.is_null());
    let parameters = input_schema
        .filter(|v| truthy(Some(v)))
        .or_else(|| tool.get("parameters").filter(|v| truthy(Some(v))));
    let mut params = match parameters {
        Some(Value::Object(p)) => p.clone(),
        _ => Map::new(),
    };
    if input_schema.is_some() {
        for (k, v) in tool {
            if !ANTHROPIC_MAPPED_KEYS.contains(&k.as_str()) {
                params.insert(k.clone(), v.clone());
            }
        }
    }
    let mut out = Map::new();
    out.insert(
        "name".into(),
        tool.get("name").cloned().unwrap_or(Value::Null),
    );
    out.insert("parameters".into(), Value::Object(params));
    if let Some(d) = tool.get("description").filter(|d| !d.is_null()) {
        out.insert("description".into(), d.clone());
    }
    if let Some(s) = tool.get("strict").filter(|s| !s.is_null()) {
        out.insert("strict".into(), Value::Bool(truthy(Some(s))));
    }
    vec![out]
}

/// OpenAI's rendering of tool definitions (`namespace functions { ... }`), as litellm formats it.
pub fn format_function_definitions(tools: &[Value]) -> String {
    let mut lines = vec!["namespace functions {".to_owned(), String::new()];
    for tool in tools.iter().filter_map(Value::as_object) {
        for function in function_definitions(tool) {
            format_function(&function, &mut lines);
        }
    }
    lines.push("} // namespace functions".to_owned());
    lines.join("\n")
}

fn format_function(function: &Map<String, Value>, lines: &mut Vec<String>) {
    let Some(name) = function.get("name").filter(|n| truthy(Some(n))) else {
        return;
    };
    let name = python_str(name);
    let description = function
        .get("description")
        .filter(|d| truthy(Some(d)))
        .map(python_str);
    let empty = Map::new();
    let parameters = match function.get("parameters") {
        Some(Value::Object(p)) => p,
        _ => &empty,
    };
    if let Some(d) = &description {
        lines.push(format!("// {d}"));
    }
    let has_properties =
        matches!(parameters.get("properties"), Some(Value::Object(p)) if !p.is_empty());
    if has_properties {
        lines.push(format!("type {name} = (_: {{"));
        lines.push(format_object_parameters(parameters, 0));
        lines.push("}) => any;".to_owned());
    } else {
        lines.push(format!("type {name} = () => any;"));
    }
    lines.push(String::new());
}

fn format_object_parameters(parameters: &Map<String, Value>, indent: usize) -> String {
    let Some(Value::Object(properties)) = parameters.get("properties") else {
        return String::new();
    };
    if properties.is_empty() {
        return String::new();
    }
    let required: Vec<&Value> = match parameters.get("required") {
        Some(Value::Array(r)) => r.iter().collect(),
        _ => Vec::new(),
    };
    let mut lines = Vec::new();
    for (key, props) in properties {
        if let Some(d) = props.get("description").filter(|d| truthy(Some(d))) {
            if props.is_object() {
                lines.push(format!("// {}", python_str(d)));
            }
        }
        let is_required = required.iter().any(|r| r.as_str() == Some(key.as_str()));
        let question = if is_required { "" } else { "?" };
        lines.push(format!(
            "{key}{question}: {},",
            format_type(Some(props), indent)
        ));
    }
    let pad = " ".repeat(indent);
    lines
        .into_iter()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn format_type(props: Option<&Value>, indent: usize) -> String {
    let Some(Value::Object(props)) = props else {
        return "any".to_owned();
    };
    let enum_union = || match props.get("enum") {
        Some(Value::Array(items)) => Some(
            items
                .iter()
                .map(|i| format!("\"{}\"", python_str(i)))
                .collect::<Vec<_>>()
                .join(" | "),
        ),
        _ => None,
    };
    match props.get("type").and_then(Value::as_str) {
        Some("string") => enum_union().unwrap_or_else(|| "string".to_owned()),
        Some("array") => format!("{}[]", format_type(props.get("items"), indent)),
        Some("object") => format!("{{\n{}\n}}", format_object_parameters(props, indent + 2)),
        Some("integer" | "number") => enum_union().unwrap_or_else(|| "number".to_owned()),
        Some("boolean") => "boolean".to_owned(),
        Some("null") => "null".to_owned(),
        _ => "any".to_owned(),
    }
}

// --- images ------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    Low,
    High,
    Auto,
}

fn image_url_tokens(ctx: &mut Ctx<'_>, image_url: Option<&Value>) -> Result<i64, TokenError> {
    match image_url {
        Some(Value::Object(o)) => {
            let detail = match o.get("detail") {
                None => Detail::Auto,
                Some(Value::String(s)) if s == "low" => Detail::Low,
                Some(Value::String(s)) if s == "high" => Detail::High,
                Some(Value::String(s)) if s == "auto" => Detail::Auto,
                Some(other) => {
                    return Err(TokenError::new(format!(
                        "Invalid detail value: {}. Expected 'low', 'high', or 'auto'.",
                        python_str(other)
                    )))
                }
            };
            let url = match o.get("url") {
                Some(u) if truthy(Some(u)) => python_str(u),
                _ => {
                    return Err(TokenError::new(
                        "Missing required key 'url' in image_url dict.",
                    ))
                }
            };
            Ok(image_tokens(&url, detail, ctx.use_default_image)? as i64)
        }
        Some(Value::String(s)) => {
            if s.trim().is_empty() {
                return Err(TokenError::new("Empty image_url string is not valid."));
            }
            Ok(image_tokens(s, Detail::Auto, ctx.use_default_image)? as i64)
        }
        other => Err(TokenError::new(format!(
            "Invalid image_url type: {}. Expected str or dict with 'url' field.",
            other.map_or("NoneType", python_type_name)
        ))),
    }
}

/// litellm's `calculate_img_tokens`: 250 with `use_default_image_token_count`; 85 for
/// `detail: "low"`; else 85 plus 170 per 512px tile of the image scaled to fit 768x2000.
/// `auto` reads only inline base64 data URLs (others count 85); `high` also decodes any
/// `data:` URL and counts an http(s) URL as a 300x300 image (not fetched).
fn image_tokens(data: &str, detail: Detail, use_default: bool) -> Result<usize, TokenError> {
    if use_default {
        return Ok(DEFAULT_IMAGE_TOKENS);
    }
    let dims = match detail {
        Detail::Low => return Ok(IMAGE_BASE_TOKENS),
        Detail::Auto => inline_image_dimensions(data),
        Detail::High => Some(high_detail_dimensions(data)?),
    };
    let Some((width, height)) = dims else {
        return Ok(IMAGE_BASE_TOKENS);
    };
    let (w, h) = resize_high_res(width, height);
    let tiles = w.div_ceil(TILE_SIDE) as usize * h.div_ceil(TILE_SIDE) as usize;
    Ok(IMAGE_BASE_TOKENS + IMAGE_BASE_TOKENS * 2 * tiles)
}

fn high_detail_dimensions(data: &str) -> Result<(u32, u32), TokenError> {
    if data.starts_with("http://") || data.starts_with("https://") {
        return Ok((DEFAULT_IMAGE_SIDE, DEFAULT_IMAGE_SIDE));
    }
    let Some((_, encoded)) = data.split_once(',') else {
        return Err(TokenError::new(
            "not enough values to unpack (expected 2, got 1)",
        ));
    };
    let bytes = base64_decode(encoded, false).map_err(TokenError::new)?;
    Ok(image_dimensions(&bytes).unwrap_or((DEFAULT_IMAGE_SIDE, DEFAULT_IMAGE_SIDE)))
}

fn inline_image_dimensions(data: &str) -> Option<(u32, u32)> {
    if !data.starts_with("data:image/") {
        return None;
    }
    let max_encoded = 4 * MAX_IMAGE_BYTES.div_ceil(3);
    if data.len() > max_encoded + 128 {
        return None;
    }
    let (header, encoded) = data.split_once(',')?;
    if header.len() > 128 || !header.ends_with(";base64") || encoded.len() > max_encoded {
        return None;
    }
    let bytes = base64_decode(encoded, true).ok()?;
    if bytes.len() > MAX_IMAGE_BYTES || image_type(&bytes).is_none() {
        return None;
    }
    let (w, h) = image_dimensions(&bytes)?;
    (w > 0 && h > 0).then_some((w, h))
}

fn resize_high_res(width: u32, height: u32) -> (u32, u32) {
    if width <= MAX_SHORT_SIDE_HIGH_RES && height <= MAX_SHORT_SIDE_HIGH_RES {
        return (width, height);
    }
    let longer = width.max(height) as f64;
    let shorter = width.min(height) as f64;
    let aspect = longer / shorter;
    if width <= height {
        let mut w = MAX_SHORT_SIDE_HIGH_RES;
        let mut h = (w as f64 * aspect) as u32;
        if h > MAX_LONG_SIDE_HIGH_RES {
            h = MAX_LONG_SIDE_HIGH_RES;
            w = (h as f64 / aspect) as u32;
        }
        (w, h)
    } else {
        let mut h = MAX_SHORT_SIDE_HIGH_RES;
        let mut w = (h as f64 * aspect) as u32;
        if w > MAX_LONG_SIDE_HIGH_RES {
            w = MAX_LONG_SIDE_HIGH_RES;
            h = (w as f64 / aspect) as u32;
        }
        (w, h)
    }
}

fn image_type(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if b.starts_with(b"GIF8") && b.get(5) == Some(&b'a') {
        Some("gif")
    } else if b.starts_with(b"\xff\xd8\xff") {
        Some("jpeg")
    } else if b.len() >= 12 && &b[0..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Some("webp")
    } else {
        None
    }
}

/// Width and height of a PNG, GIF, JPEG or WebP image; `None` if unreadable or another type.
fn image_dimensions(b: &[u8]) -> Option<(u32, u32)> {
    let be32 =
        |i: usize| -> Option<u32> { Some(u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?)) };
    let le16 = |i: usize| -> Option<u32> {
        Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?) as u32)
    };
    let le24 = |i: usize| -> Option<u32> {
        let s = b.get(i..i + 3)?;
        Some(s[0] as u32 | (s[1] as u32) << 8 | (s[2] as u32) << 16)
    };
    match image_type(b)? {
        "png" => Some((be32(16)?, be32(20)?)),
        "gif" => Some((le16(6)?, le16(8)?)),
        "jpeg" => jpeg_dimensions(b),
        _ => match b.get(12..16)? {
            b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
            b"VP8 " => Some((le16(26)? & 0x3FFF, le16(28)? & 0x3FFF)),
            b"VP8L" => {
                let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
                Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
            }
            _ => Some((DEFAULT_IMAGE_SIDE, DEFAULT_IMAGE_SIDE)),
        },
    }
}

fn jpeg_dimensions(b: &[u8]) -> Option<(u32, u32)> {
    let mut pos: usize = 0;
    let mut size: usize = 2;
    let mut ftype: u8 = 0;
    while !(0xC0..=0xCF).contains(&ftype) || matches!(ftype, 0xC4 | 0xC8 | 0xCC) {
        pos += size;
        let mut byte = *b.get(pos)?;
        pos += 1;
        while byte == 0xFF {
            byte = *b.get(pos)?;
            pos += 1;
        }
        ftype = byte;
        let len = u16::from_be_bytes(b.get(pos..pos + 2)?.try_into().ok()?) as usize;
        pos += 2;
        size = len.checked_sub(2)?;
    }
    pos += 1;
    let h = u16::from_be_bytes(b.get(pos..pos + 2)?.try_into().ok()?) as u32;
    let w = u16::from_be_bytes(b.get(pos + 2..pos + 4)?.try_into().ok()?) as u32;
    Some((w, h))
}

/// Standard base64. `strict`: any character outside the alphabet (or bad padding) is an error,
/// as Python's `b64decode(validate=True)`; otherwise such characters are skipped.
fn base64_decode(text: &str, strict: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut seen_pad = 0;
    let mut data_chars = 0usize;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                seen_pad += 1;
                continue;
            }
            _ if strict => return Err("Non-base64 digit found".to_owned()),
            _ => continue,
        };
        if seen_pad > 0 && strict {
            return Err("Excess data after padding".to_owned());
        }
        data_chars += 1;
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if data_chars % 4 == 1 {
        return Err("Invalid base64-encoded string".to_owned());
    }
    if strict && (data_chars + seen_pad) % 4 != 0 {
        return Err("Incorrect padding".to_owned());
    }
    Ok(out)
}

// --- Python-compatible text of JSON values -----------------------------------------------------------

/// `str(value)` of the Python object this JSON value came from.
pub fn python_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => pyrepr::repr(other),
    }
}

fn python_type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

fn python_type(v: &Value) -> String {
    format!("<class '{}'>", python_type_name(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn count(model: &str, messages: Value) -> i64 {
        let messages = messages.as_array().unwrap().clone();
        let mut c = tiktoken_counter(model);
        token_counter(
            &CountRequest {
                model,
                messages: Some(&messages),
                ..CountRequest::default()
            },
            &mut c,
        )
        .unwrap()
    }

    #[test]
    fn encodings_by_model() {
        for (model, want) in [
            ("gpt-4o", "o200k_base"),
            ("gpt-4o-mini", "o200k_base"),
            ("openai/gpt-4o", "o200k_base"),
            ("o1", "o200k_base"),
            ("gpt-4.1", "o200k_base"),
            ("gpt-5", "o200k_base"),
            ("gpt-4", "cl100k_base"),
            ("gpt-3.5-turbo", "cl100k_base"),
            ("claude-sonnet-4-5", "cl100k_base"),
            ("", "cl100k_base"),
            ("zzz-model", "cl100k_base"),
            ("text-embedding-3-small", "cl100k_base"),
        ] {
            assert_eq!(encoding_name_for_model(model), want, "{model}");
        }
        assert!(is_versioned_openai_name("gpt-5"));
        assert!(is_versioned_openai_name("gpt-5.1-codex"));
        assert!(is_versioned_openai_name("o3-mini"));
        assert!(is_versioned_openai_name("gpt-10"));
        assert!(!is_versioned_openai_name("gpt-4o"));
        assert!(!is_versioned_openai_name("gpt-05"));
        assert!(!is_versioned_openai_name("omni"));
    }

    #[test]
    fn litellm_documented_counts() {
        assert_eq!(
            count(
                "gpt-4o",
                json!([{"role": "user", "content": "hello world how are you"}])
            ),
            12
        );
        assert_eq!(count("gpt-4o", json!([])), 3);
        assert_eq!(count_text("gpt-4o", "hello world"), 2);
    }

    #[test]
    fn chunks_change_counts_at_boundaries() {
        let text = "a".repeat(3000);
        let enc = Encoding::Cl100kBase;
        let chunked = enc.count(&text);
        let by_hand =
            2 * enc.count_ordinary(&"a".repeat(1024)) + enc.count_ordinary(&"a".repeat(952));
        assert_eq!(chunked, by_hand);
    }

    #[test]
    fn tool_definitions_render_like_openai() {
        let tools = json!([{"type": "function", "function": {
            "name": "get_weather", "description": "Weather",
            "parameters": {"type": "object", "properties": {
                "city": {"type": "string", "description": "City"},
                "unit": {"type": "string", "enum": ["c", "f"]},
                "opts": {"type": "object", "properties": {"deep": {"type": "boolean"}}}
            }, "required": ["city"]}}}]);
        let text = format_function_definitions(tools.as_array().unwrap());
        assert_eq!(
            text,
            "namespace functions {\n\n// Weather\ntype get_weather = (_: {\n// City\ncity: string,\nunit?: \"c\" | \"f\",\nopts?: {\n  deep?: boolean,\n},\n}) => any;\n\n} // namespace functions"
        );
    }

    #[test]
    fn images() {
        // 1x1 PNG, inline: auto reads it (one tile), low is the base.
        let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
        assert_eq!(image_tokens(png, Detail::Auto, false).unwrap(), 255);
        assert_eq!(image_tokens(png, Detail::Low, false).unwrap(), 85);
        assert_eq!(
            image_tokens("https://x/y.png", Detail::Auto, false).unwrap(),
            85
        );
        assert_eq!(
            image_tokens("https://x/y.png", Detail::Auto, true).unwrap(),
            250
        );
        assert_eq!(resize_high_res(4000, 2000), (1536, 768));
        assert_eq!(resize_high_res(100, 5000), (40, 2000));
    }

    #[test]
    fn python_reprs() {
        assert_eq!(
            pyrepr::repr(&json!({"city": "Paris", "n": 1, "x": 1.5, "b": true, "z": null})),
            "{'city': 'Paris', 'n': 1, 'x': 1.5, 'b': True, 'z': None}"
        );
        assert_eq!(
            pyrepr::json_dumps(&json!({"a": [1, "é"]})),
            "{\"a\": [1, \"é\"]}"
        );
    }

    #[test]
    fn decode_replaces_bad_utf8_and_rejects_unknown_ids() {
        let enc = Encoding::Cl100kBase;
        assert_eq!(enc.decode(&[15339, 1917]).unwrap(), "hello world");
        assert!(enc.decode(&[u32::MAX]).is_err());
    }
}
