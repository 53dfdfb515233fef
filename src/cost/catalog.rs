//! The model catalog: the embedded price / context-window map (`model_catalog.json`, generated
//! by `scripts/gen_catalog.py`), parsed lazily into compact [`ModelEntry`] values, litellm's key
//! conventions for finding the entry of a call, and bare-model-name provider routing. It does
//! not compute costs (`super::pricing`) or count tokens (`super::tokens`).
//!
//! Nothing is parsed when the library loads: the first call that needs entries parses the
//! embedded text once (`OnceLock`); the full per-model dict (every field, for Python's
//! `litellm.model_cost` / `get_model_info`) stays raw JSON, reachable with [`raw_json`] and
//! [`raw_entry`] (whose index is built on its own first use).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// The generated catalog, byte for byte (a minified JSON object, litellm's `model_cost` shape).
const CATALOG_JSON: &str = include_str!("model_catalog.json");

/// A long-context price tier: when a call's prompt has more than `above_tokens` tokens, the
/// prices present here replace the base prices (`input_cost_per_token_above_200k_tokens`, ...).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PriceTier {
    pub above_tokens: u64,
    pub input_cost_per_token: Option<f64>,
    pub output_cost_per_token: Option<f64>,
    pub cache_read_input_token_cost: Option<f64>,
    pub cache_creation_input_token_cost: Option<f64>,
}

/// What routing, limits and pricing need from one catalog entry. Everything else stays in the
/// raw JSON ([`ModelEntry::raw`]). `None` means the map does not say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelEntry {
    /// The catalog key, e.g. `gpt-4o`, `azure/gpt-4o`, `anthropic.claude-3-haiku-20240307-v1:0`.
    pub key: &'static str,
    /// `litellm_provider` as written in the map (e.g. `vertex_ai-language-models`); see
    /// [`ModelEntry::routing_provider`] for the provider a call goes to.
    pub provider: &'static str,
    /// `chat`, `completion`, `embedding`, `image_generation`, ... (absent on a few price buckets).
    pub mode: Option<&'static str>,
    pub max_tokens: Option<u64>,
    pub max_input_tokens: Option<u64>,
    pub max_output_tokens: Option<u64>,
    pub input_cost_per_token: Option<f64>,
    pub output_cost_per_token: Option<f64>,
    pub cache_read_input_token_cost: Option<f64>,
    pub cache_creation_input_token_cost: Option<f64>,
    pub output_cost_per_reasoning_token: Option<f64>,
    /// Long-context tiers, ascending by threshold (empty for most models).
    pub tiers: Box<[PriceTier]>,
    pub supports_function_calling: Option<bool>,
    pub supports_parallel_function_calling: Option<bool>,
    pub supports_tool_choice: Option<bool>,
    pub supports_vision: Option<bool>,
    pub supports_response_schema: Option<bool>,
    pub supports_reasoning: Option<bool>,
    pub supports_prompt_caching: Option<bool>,
    pub supports_system_messages: Option<bool>,
    pub supports_pdf_input: Option<bool>,
    pub supports_audio_input: Option<bool>,
    pub supports_audio_output: Option<bool>,
    pub supports_web_search: Option<bool>,
    pub supports_native_streaming: Option<bool>,
}

impl ModelEntry {
    /// The provider a call to this model is sent to (`vertex_ai-*` -> `vertex_ai`, ...).
    pub fn routing_provider(&self) -> &'static str {
        routing_provider(self.provider)
    }

    /// litellm's `get_max_tokens`: the max OUTPUT tokens, else `max_tokens`.
    pub fn max_output(&self) -> Option<u64> {
        self.max_output_tokens.or(self.max_tokens)
    }

    /// True for `chat` and `completion` models.
    pub fn is_chat_or_completion(&self) -> bool {
        matches!(self.mode, Some("chat" | "completion"))
    }

    /// The entry's full JSON object, every field as in the map.
    pub fn raw(&self) -> Option<&'static RawValue> {
        raw_entry(self.key)
    }
}

/// The whole embedded catalog as JSON text (`{"gpt-4o": {...}, ...}`, source key order).
pub fn raw_json() -> &'static str {
    CATALOG_JSON
}

/// One top-level value of the catalog as raw JSON (models and metadata keys such as
/// `fallback_generalizations` alike). The index is built on the first call.
pub fn raw_entry(key: &str) -> Option<&'static RawValue> {
    raw_index().get(key).copied()
}

/// The catalog's own copy of `key` (a `'static` string), if it is a top-level key.
pub fn raw_key(key: &str) -> Option<&'static str> {
    raw_index().get_key_value(key).map(|(k, _)| *k)
}

/// Every top-level key of the embedded catalog, in file order.
pub fn raw_keys() -> Vec<&'static str> {
    static KEYS: OnceLock<Vec<&'static str>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut de = serde_json::Deserializer::from_str(CATALOG_JSON);
        de.deserialize_map(RawKeysVisitor).unwrap_or_default()
    })
    .clone()
}

fn raw_index() -> &'static HashMap<&'static str, &'static RawValue> {
    static RAW: OnceLock<HashMap<&'static str, &'static RawValue>> = OnceLock::new();
    RAW.get_or_init(|| {
        let mut de = serde_json::Deserializer::from_str(CATALOG_JSON);
        de.deserialize_map(RawIndexVisitor).unwrap_or_default()
    })
}

/// The entry stored under exactly `key`, if it is a model.
pub fn get(key: &str) -> Option<&'static ModelEntry> {
    let catalog = catalog();
    catalog
        .index
        .get(key)
        .and_then(|&i| catalog.entries.get(i as usize))
}

/// Every model entry, in catalog order.
pub fn entries() -> &'static [ModelEntry] {
    &catalog().entries
}

/// Why the embedded catalog failed to parse (then it is empty). `None` when it loaded.
pub fn load_error() -> Option<&'static str> {
    catalog().error.as_deref()
}

/// How [`lookup_detailed`] found the entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupVia {
    /// `"<provider>/<model>"` is a key (`azure/gpt-4o`, `groq/llama-3.3-70b-versatile`).
    ProviderPrefixed,
    /// `model` itself is a key of the same provider family (`gpt-4o` for openai).
    Bare,
    /// `model` carried a `<provider>/` (or bedrock `converse/` / `invoke/`) prefix; the rest is a
    /// key of the same family.
    PrefixStripped,
    /// An OpenAI fine-tune `ft:<base>:<org>:...` priced as the `ft:<base>` key.
    FineTuneBase,
    /// Azure OpenAI has no entry of its own: the bare OpenAI entry of the same model.
    OpenAiForAzure,
}

/// An entry and how it was found.
#[derive(Debug, Clone, Copy)]
pub struct Lookup {
    pub entry: &'static ModelEntry,
    pub via: LookupVia,
}

/// The entry for pricing / limits of a call to `model` on `provider`. First match wins:
/// 1. `"<provider>/<model>"` is a key (whatever its `litellm_provider`: the key names it);
/// 2. `model` is a key whose provider is in `provider`'s family ([`same_family`]; an empty
///    provider or `litellm_proxy` accepts any) — this is how `openai` + `gpt-4o` and
///    `bedrock` + `anthropic.claude-...` find their bare keys;
/// 3. `model` minus a leading `"<provider>/"` (bedrock also `converse/`, `invoke/`) is such a key;
/// 4. an OpenAI fine-tune `ft:<base>:<org>:<suffix>:<id>` -> the key `ft:<base>` (same family);
/// 5. provider `azure` / `azure_text` -> the bare OpenAI entry of the (stripped) model name
///    (Azure OpenAI list prices and limits equal OpenAI's; `via` says so, so a caller may refuse).
pub fn lookup_detailed(provider: &str, model: &str) -> Option<Lookup> {
    let found = |entry, via| Some(Lookup { entry, via });
    if !provider.is_empty() {
        if let Some(entry) = get_prefixed(provider, model) {
            return found(entry, LookupVia::ProviderPrefixed);
        }
    }
    if let Some(entry) = get_compatible(provider, model) {
        return found(entry, LookupVia::Bare);
    }
    let stripped = strip_provider_prefix(provider, model);
    if let Some(rest) = stripped {
        if let Some(entry) = get_compatible(provider, rest) {
            return found(entry, LookupVia::PrefixStripped);
        }
    }
    let name = stripped.unwrap_or(model);
    if let Some(base) = fine_tune_key(name) {
        if let Some(entry) = get_compatible(provider, &base) {
            return found(entry, LookupVia::FineTuneBase);
        }
    }
    if family(provider) == "azure" {
        if let Some(entry) = get(name).filter(|e| family(e.provider) == "openai") {
            return found(entry, LookupVia::OpenAiForAzure);
        }
    }
    None
}

/// [`lookup_detailed`] without the how.
pub fn lookup(provider: &str, model: &str) -> Option<&'static ModelEntry> {
    lookup_detailed(provider, model).map(|l| l.entry)
}

/// The `max_tokens` to send when the caller gave none and the provider requires one
/// (Anthropic): the looked-up entry's max output tokens, else its `max_tokens`.
pub fn default_max_tokens(provider: &str, model: &str) -> Option<u64> {
    lookup(provider, model).and_then(ModelEntry::max_output)
}

/// Catalog `litellm_provider` values whose BARE keys route to a provider, and where to.
/// The first block is what litellm 1.109.1's `get_llm_provider` step 4 consults; the second
/// block is our extension (those names are in the map, litellm 1.109.1 raises "LLM Provider
/// NOT provided" for them). Not routed: `together_ai` / `fireworks_ai*` bare keys, which are
/// price buckets (`together-ai-up-to-4b`), not model names. Any `vertex_ai*` -> `vertex_ai`.
const BARE_ROUTES: &[(&str, &str)] = &[
    ("openai", "openai"),
    ("text-completion-openai", "text-completion-openai"),
    ("anthropic", "anthropic"),
    ("cohere", "cohere"),
    ("cohere_chat", "cohere_chat"),
    ("bedrock", "bedrock"),
    ("bedrock_converse", "bedrock"),
    ("ai21", "ai21"),
    ("nlp_cloud", "nlp_cloud"),
    ("watsonx", "watsonx"),
    ("replicate", "replicate"),
    ("openrouter", "openrouter"),
    ("baseten", "baseten"),
    ("perplexity", "perplexity"),
    // Beyond litellm 1.109.1 (deliberate):
    ("deepseek", "deepseek"),
    ("gemini", "gemini"),
    ("volcengine", "volcengine"),
    ("jina_ai", "jina_ai"),
];

/// Provider of a bare model name (no `/`), as litellm's `get_llm_provider` step 4 intends.
/// First match wins:
/// 1. the name is a catalog key whose `litellm_provider` is routable ([`BARE_ROUTES`]):
///    `gpt-4o` -> openai, `gpt-3.5-turbo-instruct` -> text-completion-openai,
///    `claude-sonnet-4-5` -> anthropic, `gemini-2.5-pro` -> vertex_ai (not gemini: the bare
///    key is a Vertex entry), `amazon.nova-lite-v1:0` -> bedrock, `command-r-08-2024` ->
///    cohere_chat;
/// 2. OpenAI fine-tunes `ft:<base>[:...]`: as the `ft:<base>` or `<base>` key routes, else
///    `openai` when `<base>` is a `gpt-*` / `o<digit>*` name;
/// 3. Bedrock Claude ids not in the map: `[<geo>.]anthropic.claude-*` -> bedrock (litellm's own
///    fallback rule);
/// 4. DEVIATION: any other `claude-*` name (letters, digits, `-`, `.`) -> anthropic, so ids
///    that left the map (`claude-3-5-sonnet-20240620`, `claude-3-haiku-20240307`) keep
///    working; litellm 1.109.1 only routes unmapped `claude-<family>-<major>[-<minor>][-<date>]`;
/// 5. TypeSafe Jev ids (`jev-latest`, `jev-preview`, `jev-1.13.0`, `jev-1.14.0`) -> typesafe
///    (litellm's fallback rule).
///
/// Returns `None` for anything else, including names containing `/` (provider prefixes are
/// the caller's earlier step).
pub fn provider_for_bare_model(name: &str) -> Option<&'static str> {
    if name.is_empty() || name.contains('/') {
        return None;
    }
    // Entries added or replaced at run time (`litellm.model_cost[...] = ...`) route too.
    if !super::entries::is_pristine() {
        if let Some(p) = super::entries::str_field(name, "litellm_provider") {
            if let Some(provider) = bare_route(&p) {
                return Some(provider);
            }
        }
    }
    if let Some(provider) = get(name).and_then(|e| bare_route(e.provider)) {
        return Some(provider);
    }
    if let Some(provider) = fine_tune_provider(name) {
        return Some(provider);
    }
    let lower = name.to_ascii_lowercase();
    if is_bedrock_claude_id(&lower) {
        return Some("bedrock");
    }
    if lower.starts_with("claude-")
        && lower
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
    {
        return Some("anthropic");
    }
    if matches!(
        lower.as_str(),
        "jev-latest" | "jev-preview" | "jev-1.13.0" | "jev-1.14.0"
    ) {
        return Some("typesafe");
    }
    None
}

/// `litellm.model_list`: bare keys of `chat` / `completion` models that route by name
/// ([`provider_for_bare_model`]), in catalog order.
pub fn chat_model_names() -> Vec<&'static str> {
    entries()
        .iter()
        .filter(|e| e.is_chat_or_completion() && !e.key.contains('/'))
        .filter(|e| bare_route(e.provider).is_some())
        .map(|e| e.key)
        .collect()
}

/// `litellm.models_by_provider`: every model key grouped by routing provider
/// (`vertex_ai-language-models` keys under `vertex_ai`, `bedrock_converse` under `bedrock`),
/// keys in catalog order.
pub fn models_by_provider() -> BTreeMap<&'static str, Vec<&'static str>> {
    let mut map: BTreeMap<&'static str, Vec<&'static str>> = BTreeMap::new();
    for entry in entries() {
        map.entry(entry.routing_provider())
            .or_default()
            .push(entry.key);
    }
    map
}

/// The provider a catalog `litellm_provider` value routes to: `vertex_ai-*` -> `vertex_ai`,
/// `bedrock_converse` -> `bedrock`, `fireworks_ai-embedding-models` -> `fireworks_ai`;
/// anything else unchanged.
pub fn routing_provider(litellm_provider: &str) -> &str {
    if litellm_provider.starts_with("vertex_ai") {
        return "vertex_ai";
    }
    match litellm_provider {
        "bedrock_converse" => "bedrock",
        "fireworks_ai-embedding-models" => "fireworks_ai",
        other => other,
    }
}

/// Whether a call on provider `requested` may use an entry listed under `entry_provider`:
/// same family (`openai` ~ `text-completion-openai`, `cohere` ~ `cohere_chat`, `vertex_ai` ~
/// `vertex_ai-*` ~ `vertex_ai_beta`, `bedrock` ~ `bedrock_converse`, `azure` ~ `azure_text`,
/// `*_chat` / `*_text` variants of one API), or `requested` is empty / `litellm_proxy`.
pub fn same_family(requested: &str, entry_provider: &str) -> bool {
    requested.is_empty()
        || requested == "litellm_proxy"
        || family(requested) == family(entry_provider)
}

fn family(provider: &str) -> &str {
    match routing_provider(provider) {
        "text-completion-openai" => "openai",
        "cohere_chat" => "cohere",
        "azure_text" => "azure",
        "anthropic_text" => "anthropic",
        "ollama_chat" => "ollama",
        "sagemaker_chat" => "sagemaker",
        "ai21_chat" => "ai21",
        "watsonx_text" => "watsonx",
        "text-completion-codestral" => "codestral",
        "text-completion-inception" => "inception",
        other => other,
    }
}

fn bare_route(litellm_provider: &str) -> Option<&'static str> {
    if litellm_provider.starts_with("vertex_ai") {
        return Some("vertex_ai");
    }
    BARE_ROUTES
        .iter()
        .find(|(from, _)| *from == litellm_provider)
        .map(|&(_, to)| to)
}

fn get_prefixed(provider: &str, model: &str) -> Option<&'static ModelEntry> {
    let mut key = String::with_capacity(provider.len() + 1 + model.len());
    key.push_str(provider);
    key.push('/');
    key.push_str(model);
    get(&key)
}

fn get_compatible(provider: &str, key: &str) -> Option<&'static ModelEntry> {
    get(key).filter(|e| same_family(provider, e.provider))
}

fn strip_provider_prefix<'a>(provider: &str, model: &'a str) -> Option<&'a str> {
    let mut rest = model;
    if !provider.is_empty() {
        if let Some(r) = model
            .strip_prefix(provider)
            .and_then(|r| r.strip_prefix('/'))
        {
            rest = r;
        }
    }
    if family(provider) == "bedrock" {
        for route in ["converse/", "invoke/"] {
            if let Some(r) = rest.strip_prefix(route) {
                rest = r;
            }
        }
    }
    (rest.len() != model.len()).then_some(rest)
}

/// `ft:gpt-4o-mini-2024-07-18:org::id` -> `ft:gpt-4o-mini-2024-07-18`; `None` if not a fine-tune
/// or already bare `ft:<base>`.
fn fine_tune_key(name: &str) -> Option<String> {
    let base = name.strip_prefix("ft:")?;
    let (base, _) = base.split_once(':')?;
    (!base.is_empty()).then(|| format!("ft:{base}"))
}

fn fine_tune_provider(name: &str) -> Option<&'static str> {
    let rest = name.strip_prefix("ft:")?;
    let base = rest.split(':').next().unwrap_or(rest);
    if base.is_empty() {
        return None;
    }
    let openai_family = |e: &&ModelEntry| family(e.provider) == "openai";
    if let Some(entry) = fine_tune_key(name)
        .and_then(|k| get(&k))
        .filter(openai_family)
        .or_else(|| get(base).filter(openai_family))
    {
        return bare_route(entry.provider);
    }
    let o_series = base.len() >= 2
        && base.starts_with('o')
        && base.as_bytes().get(1).is_some_and(u8::is_ascii_digit);
    (base.starts_with("gpt-") || o_series).then_some("openai")
}

/// `^(?:[a-z-]+\.)?anthropic\.claude-` on a lowercased name.
fn is_bedrock_claude_id(lower: &str) -> bool {
    const ID: &str = "anthropic.claude-";
    if lower.starts_with(ID) {
        return true;
    }
    match lower.split_once('.') {
        Some((geo, rest)) => {
            !geo.is_empty()
                && geo.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                && rest.starts_with(ID)
        }
        None => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing

struct Catalog {
    entries: Vec<ModelEntry>,
    index: HashMap<&'static str, u32>,
    error: Option<String>,
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut de = serde_json::Deserializer::from_str(CATALOG_JSON);
        let (entries, error) = match de.deserialize_map(CatalogVisitor) {
            Ok(entries) => (entries, None),
            Err(err) => (Vec::new(), Some(format!("embedded model catalog: {err}"))),
        };
        let index = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key, i as u32))
            .collect();
        Catalog {
            entries,
            index,
            error,
        }
    })
}

/// A string borrowed from the embedded text. The generator guarantees keys, providers and
/// modes need no JSON escapes, so they borrow; an escaped one (never, for a generated file)
/// is copied once and kept for the life of the process, like the catalog itself.
fn into_static(s: Cow<'static, str>) -> &'static str {
    match s {
        Cow::Borrowed(b) => b,
        Cow::Owned(o) => Box::leak(o.into_boxed_str()),
    }
}

struct Str<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Str<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

/// Any JSON value, keeping only what a known field may hold; wrong types read as `Other`
/// instead of failing the whole catalog.
enum Scalar<'de> {
    Str(Cow<'de, str>),
    Num(f64),
    UInt(u64),
    Bool(bool),
    Other,
}

impl<'de> Scalar<'de> {
    fn count(&self) -> Option<u64> {
        match *self {
            Scalar::UInt(n) => Some(n),
            Scalar::Num(n) if n.is_finite() && n >= 0.0 => Some(n as u64),
            _ => None,
        }
    }
    fn flag(&self) -> Option<bool> {
        match *self {
            Scalar::Bool(b) => Some(b),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Owned(v.to_owned())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Scalar::UInt(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Scalar::Num(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Scalar::Num(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Scalar::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// The fields of one top-level value; `provider` is `None` for non-models.
#[derive(Default)]
struct Fields {
    provider: Option<Cow<'static, str>>,
    mode: Option<Cow<'static, str>>,
    entry: ModelEntry,
    tiers: Vec<PriceTier>,
}

impl Fields {
    fn set(&mut self, field: &str, value: Scalar<'static>) {
        let e = &mut self.entry;
        match field {
            "litellm_provider" => {
                if let Scalar::Str(s) = value {
                    self.provider = Some(s);
                }
            }
            "mode" => {
                if let Scalar::Str(s) = value {
                    self.mode = Some(s);
                }
            }
            "max_tokens" => e.max_tokens = value.count(),
            "max_input_tokens" => e.max_input_tokens = value.count(),
            "max_output_tokens" => e.max_output_tokens = value.count(),
            "supports_function_calling" => e.supports_function_calling = value.flag(),
            "supports_parallel_function_calling" => {
                e.supports_parallel_function_calling = value.flag()
            }
            "supports_tool_choice" => e.supports_tool_choice = value.flag(),
            "supports_vision" => e.supports_vision = value.flag(),
            "supports_response_schema" => e.supports_response_schema = value.flag(),
            "supports_reasoning" => e.supports_reasoning = value.flag(),
            "supports_prompt_caching" => e.supports_prompt_caching = value.flag(),
            "supports_system_messages" => e.supports_system_messages = value.flag(),
            "supports_pdf_input" => e.supports_pdf_input = value.flag(),
            "supports_audio_input" => e.supports_audio_input = value.flag(),
            "supports_audio_output" => e.supports_audio_output = value.flag(),
            "supports_web_search" => e.supports_web_search = value.flag(),
            "supports_native_streaming" => e.supports_native_streaming = value.flag(),
            _ => {}
        }
    }

    /// A price field, already read as an exact `f64` (see [`price`]).
    fn set_price(&mut self, field: &str, price: Option<f64>) {
        let e = &mut self.entry;
        match field {
            "input_cost_per_token" => e.input_cost_per_token = price,
            "output_cost_per_token" => e.output_cost_per_token = price,
            "cache_read_input_token_cost" => e.cache_read_input_token_cost = price,
            "cache_creation_input_token_cost" => e.cache_creation_input_token_cost = price,
            "output_cost_per_reasoning_token" => e.output_cost_per_reasoning_token = price,
            other => {
                if let (Some((base, above)), Some(price)) = (tier_field(other), price) {
                    let tier = match self.tiers.iter_mut().position(|t| t.above_tokens == above) {
                        Some(i) => &mut self.tiers[i],
                        None => {
                            self.tiers.push(PriceTier {
                                above_tokens: above,
                                ..PriceTier::default()
                            });
                            let last = self.tiers.len() - 1;
                            &mut self.tiers[last]
                        }
                    };
                    match base {
                        TierBase::Input => tier.input_cost_per_token = Some(price),
                        TierBase::Output => tier.output_cost_per_token = Some(price),
                        TierBase::CacheRead => tier.cache_read_input_token_cost = Some(price),
                        TierBase::CacheCreation => {
                            tier.cache_creation_input_token_cost = Some(price)
                        }
                    }
                }
            }
        }
    }

    fn into_entry(self, key: Cow<'static, str>) -> Option<ModelEntry> {
        let provider = into_static(self.provider?);
        let mut tiers = self.tiers;
        tiers.sort_by_key(|t| t.above_tokens);
        Some(ModelEntry {
            key: into_static(key),
            provider,
            mode: self.mode.map(into_static),
            tiers: tiers.into_boxed_slice(),
            ..self.entry
        })
    }
}

enum TierBase {
    Input,
    Output,
    CacheRead,
    CacheCreation,
}

/// `input_cost_per_token_above_200k_tokens` -> (Input, 200_000). Variants with a further
/// suffix (`..._tokens_batches`, `..._priority`) are not long-context base prices.
fn tier_field(field: &str) -> Option<(TierBase, u64)> {
    let (base, rest) = field.split_once("_above_")?;
    let base = match base {
        "input_cost_per_token" => TierBase::Input,
        "output_cost_per_token" => TierBase::Output,
        "cache_read_input_token_cost" => TierBase::CacheRead,
        "cache_creation_input_token_cost" => TierBase::CacheCreation,
        _ => return None,
    };
    let thousands = rest.strip_suffix("k_tokens")?;
    let n: u64 = thousands.parse().ok()?;
    Some((base, n.checked_mul(1000)?))
}

struct FieldsVisitor;

impl<'de: 'static> Visitor<'de> for FieldsVisitor {
    type Value = Fields;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a catalog entry")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields::default();
        while let Some(Str(field)) = map.next_key::<Str<'de>>()? {
            if is_price_field(&field) {
                let raw: &'de RawValue = map.next_value()?;
                fields.set_price(&field, price(raw));
            } else if is_parsed_field(&field) {
                let value: Scalar<'de> = map.next_value()?;
                fields.set(&field, value);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(fields)
    }
    // Anything but an object is not a model.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Fields, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Fields::default())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Fields, E> {
        Ok(Fields::default())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Fields, E> {
        Ok(Fields::default())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Fields, E> {
        Ok(Fields::default())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Fields, E> {
        Ok(Fields::default())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Fields, E> {
        Ok(Fields::default())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Fields, E> {
        Ok(Fields::default())
    }
}

/// Cheap pre-filter so the ~150 unparsed field kinds are skipped without building a value.
fn is_parsed_field(field: &str) -> bool {
    matches!(field, "litellm_provider" | "mode")
        || field.starts_with("max_")
        || field.starts_with("supports_")
}

fn is_price_field(field: &str) -> bool {
    matches!(
        field,
        "input_cost_per_token"
            | "output_cost_per_token"
            | "cache_read_input_token_cost"
            | "cache_creation_input_token_cost"
            | "output_cost_per_reasoning_token"
    ) || tier_field(field).is_some()
}

/// A JSON number read with the standard library's correctly rounded parser, so every price is
/// the same `f64` Python's `json` gives (serde_json's default fast path is off by one ULP for a
/// few of the map's values). Non-numbers and non-finite values read as `None`.
fn price(raw: &RawValue) -> Option<f64> {
    let text = raw.get();
    if !text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return None;
    }
    text.parse::<f64>().ok().filter(|p| p.is_finite())
}

struct FieldsSeed;

impl<'de: 'static> de::DeserializeSeed<'de> for FieldsSeed {
    type Value = Fields;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Fields, D::Error> {
        d.deserialize_any(FieldsVisitor)
    }
}

struct CatalogVisitor;

impl<'de: 'static> Visitor<'de> for CatalogVisitor {
    type Value = Vec<ModelEntry>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the model catalog object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(4096));
        while let Some(Str(key)) = map.next_key::<Str<'de>>()? {
            let fields = map.next_value_seed(FieldsSeed)?;
            if let Some(entry) = fields.into_entry(key) {
                entries.push(entry);
            }
        }
        Ok(entries)
    }
}

struct RawKeysVisitor;

impl<'de: 'static> Visitor<'de> for RawKeysVisitor {
    type Value = Vec<&'static str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the model catalog object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut keys = Vec::with_capacity(map.size_hint().unwrap_or(4096));
        while let Some(Str(key)) = map.next_key::<Str<'de>>()? {
            let _: IgnoredAny = map.next_value()?;
            keys.push(into_static(key));
        }
        Ok(keys)
    }
}

struct RawIndexVisitor;

impl<'de: 'static> Visitor<'de> for RawIndexVisitor {
    type Value = HashMap<&'static str, &'static RawValue>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the model catalog object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut index = HashMap::with_capacity(map.size_hint().unwrap_or(4096));
        while let Some(Str(key)) = map.next_key::<Str<'de>>()? {
            let value: &'static RawValue = map.next_value()?;
            index.insert(into_static(key), value);
        }
        Ok(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    const REFERENCE: &str = "/work/shared/reference/model_prices_and_context_window.json";

    fn reference() -> Option<serde_json::Map<String, serde_json::Value>> {
        let text = std::fs::read_to_string(REFERENCE).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Reference entries with each field's raw JSON text, so prices compare with the exact
    /// (correctly rounded, Python-identical) value rather than serde_json's fast parse.
    fn reference_raw() -> Option<HashMap<String, HashMap<String, Box<RawValue>>>> {
        let text = std::fs::read_to_string(REFERENCE).ok()?;
        let top: HashMap<String, Box<RawValue>> = serde_json::from_str(&text).ok()?;
        Some(
            top.into_iter()
                .filter_map(|(k, v)| Some((k, serde_json::from_str(v.get()).ok()?)))
                .collect(),
        )
    }

    fn exact(fields: &HashMap<String, Box<RawValue>>, name: &str) -> Option<f64> {
        fields.get(name).map(|v| v.get().parse::<f64>().unwrap())
    }

    #[test]
    fn embedded_catalog_parses() {
        let t = Instant::now();
        let n = entries().len();
        eprintln!("catalog parse: {:?} for {n} entries", t.elapsed());
        assert_eq!(load_error(), None);
        assert!(n > 4000, "only {n} entries");
        // Every top-level value is an object; sample_spec is dropped; metadata kept raw only.
        let all: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(raw_json()).unwrap();
        assert!(all.values().all(|v| v.is_object()));
        assert!(!all.contains_key("sample_spec"));
        assert!(all.contains_key("fallback_generalizations"));
        assert!(get("fallback_generalizations").is_none());
        assert!(raw_entry("fallback_generalizations").is_some());
        assert_eq!(n, all.len() - 1);
    }

    #[test]
    fn gpt_4o_matches_reference() {
        let e = get("gpt-4o").unwrap();
        assert_eq!(e.key, "gpt-4o");
        assert_eq!(e.provider, "openai");
        assert_eq!(e.mode, Some("chat"));
        assert_eq!(e.max_output(), Some(16384));
        assert_eq!(e.supports_vision, Some(true));
        let raw: serde_json::Value = serde_json::from_str(e.raw().unwrap().get()).unwrap();
        let Some(reference) = reference() else {
            eprintln!("reference file missing; skipping comparison");
            return;
        };
        let r = &reference["gpt-4o"];
        assert_eq!(&raw, r, "raw entry keeps every field");
        let raw_fields: HashMap<String, Box<RawValue>> =
            serde_json::from_str(e.raw().unwrap().get()).unwrap();
        let num = |k: &str| exact(&raw_fields, k);
        let int = |k: &str| r.get(k).and_then(serde_json::Value::as_u64);
        let flag = |k: &str| r.get(k).and_then(serde_json::Value::as_bool);
        assert_eq!(e.max_input_tokens, int("max_input_tokens"));
        assert_eq!(e.max_output_tokens, int("max_output_tokens"));
        assert_eq!(e.max_tokens, int("max_tokens"));
        assert_eq!(e.input_cost_per_token, num("input_cost_per_token"));
        assert_eq!(e.output_cost_per_token, num("output_cost_per_token"));
        assert_eq!(
            e.cache_read_input_token_cost,
            num("cache_read_input_token_cost")
        );
        assert_eq!(
            e.cache_creation_input_token_cost,
            num("cache_creation_input_token_cost")
        );
        assert_eq!(
            e.supports_function_calling,
            flag("supports_function_calling")
        );
        assert_eq!(e.supports_tool_choice, flag("supports_tool_choice"));
        assert_eq!(e.supports_prompt_caching, flag("supports_prompt_caching"));
        assert_eq!(e.supports_reasoning, flag("supports_reasoning"));
        assert_eq!(e.supports_system_messages, flag("supports_system_messages"));
        assert_eq!(
            e.supports_parallel_function_calling,
            flag("supports_parallel_function_calling")
        );
        assert_eq!(e.supports_response_schema, flag("supports_response_schema"));
    }

    #[test]
    fn every_entry_matches_reference_core_fields() {
        let Some(reference) = reference_raw() else {
            eprintln!("reference file missing; skipping comparison");
            return;
        };
        let mut checked = 0;
        for (key, r) in &reference {
            let text = |name: &str| {
                r.get(name)
                    .and_then(|v| serde_json::from_str::<String>(v.get()).ok())
            };
            let Some(provider) = text("litellm_provider") else {
                continue;
            };
            if key == "sample_spec" {
                continue;
            }
            let e = get(key).unwrap_or_else(|| panic!("{key} missing"));
            assert_eq!(e.provider, provider, "{key}");
            assert_eq!(e.mode.map(str::to_owned), text("mode"), "{key}");
            let prices = [
                ("input_cost_per_token", e.input_cost_per_token),
                ("output_cost_per_token", e.output_cost_per_token),
                ("cache_read_input_token_cost", e.cache_read_input_token_cost),
                (
                    "cache_creation_input_token_cost",
                    e.cache_creation_input_token_cost,
                ),
                (
                    "output_cost_per_reasoning_token",
                    e.output_cost_per_reasoning_token,
                ),
            ];
            for (name, got) in prices {
                // Bit-exact: the same f64 Python's json module produces.
                assert_eq!(
                    got.map(f64::to_bits),
                    exact(r, name).map(f64::to_bits),
                    "{key}.{name}"
                );
            }
            let count = |name: &str| r.get(name).and_then(|v| v.get().parse::<u64>().ok());
            assert_eq!(e.max_output_tokens, count("max_output_tokens"), "{key}");
            assert_eq!(e.max_input_tokens, count("max_input_tokens"), "{key}");
            checked += 1;
        }
        assert!(checked > 4000);
        // One of the values serde_json's fast float path reads one ULP off (as 2.99999e-6).
        assert_eq!(
            get("databricks/databricks-claude-sonnet-4-1").and_then(|e| e.input_cost_per_token),
            Some(2.9999900000000002e-6)
        );
    }

    #[test]
    fn long_context_tiers() {
        let tiered = entries().iter().filter(|e| !e.tiers.is_empty()).count();
        assert!(tiered > 50, "{tiered}");
        let e = entries()
            .iter()
            .find(|e| e.tiers.iter().any(|t| t.above_tokens == 200_000))
            .unwrap();
        let raw: serde_json::Value = serde_json::from_str(e.raw().unwrap().get()).unwrap();
        let t = e.tiers.iter().find(|t| t.above_tokens == 200_000).unwrap();
        assert_eq!(
            t.input_cost_per_token,
            raw.get("input_cost_per_token_above_200k_tokens")
                .and_then(|v| v.as_f64())
        );
        assert!(tier_field("input_cost_per_token_above_200k_tokens_batches").is_none());
        assert!(matches!(
            tier_field("cache_read_input_token_cost_above_272k_tokens"),
            Some((TierBase::CacheRead, 272_000))
        ));
    }

    #[test]
    fn lookup_precedence() {
        // 1. provider-prefixed key wins over the bare one.
        let l = lookup_detailed("azure", "gpt-4o").unwrap();
        assert_eq!(
            (l.entry.key, l.via),
            ("azure/gpt-4o", LookupVia::ProviderPrefixed)
        );
        // 2. bare key of the same family.
        let l = lookup_detailed("openai", "gpt-4o").unwrap();
        assert_eq!((l.entry.key, l.via), ("gpt-4o", LookupVia::Bare));
        assert_eq!(lookup("", "gpt-4o").unwrap().key, "gpt-4o");
        assert_eq!(
            lookup("openai", "gpt-3.5-turbo-instruct").unwrap().provider,
            "text-completion-openai"
        );
        assert_eq!(
            lookup("vertex_ai", "gemini-2.5-pro").unwrap().key,
            "gemini-2.5-pro"
        );
        assert_eq!(
            lookup("gemini", "gemini-2.5-pro").unwrap().key,
            "gemini/gemini-2.5-pro"
        );
        assert_eq!(
            lookup("bedrock", "anthropic.claude-3-5-sonnet-20240620-v1:0")
                .unwrap()
                .provider,
            "bedrock"
        );
        // a bare key of another provider is not used.
        assert!(lookup("groq", "gpt-4o").is_none());
        assert!(lookup("anthropic", "gpt-4o").is_none());
        // 3. prefix stripped.
        let l = lookup_detailed("openai", "openai/gpt-4o").unwrap();
        assert_eq!((l.entry.key, l.via), ("gpt-4o", LookupVia::PrefixStripped));
        let l = lookup_detailed(
            "bedrock",
            "converse/anthropic.claude-3-5-sonnet-20240620-v1:0",
        )
        .unwrap();
        assert_eq!(l.via, LookupVia::PrefixStripped);
        let l = lookup_detailed("azure", "azure/gpt-4o").unwrap();
        assert_eq!(l.entry.key, "azure/gpt-4o");
        // 4. fine-tune base.
        let l = lookup_detailed("openai", "ft:gpt-4o-mini-2024-07-18:my-org::abc123").unwrap();
        assert_eq!(
            (l.entry.key, l.via),
            ("ft:gpt-4o-mini-2024-07-18", LookupVia::FineTuneBase)
        );
        // 5. azure falls back to the bare OpenAI entry.
        let bare_only = entries()
            .iter()
            .find(|e| {
                e.provider == "openai"
                    && !e.key.contains('/')
                    && !e.key.starts_with("ft:")
                    && get(&format!("azure/{}", e.key)).is_none()
            })
            .unwrap();
        let l = lookup_detailed("azure", bare_only.key).unwrap();
        assert_eq!(
            (l.entry.key, l.via),
            (bare_only.key, LookupVia::OpenAiForAzure)
        );
        assert!(lookup("azure", "my-private-deployment").is_none());
        assert!(lookup("openai", "no-such-model").is_none());
        // litellm_proxy accepts any bare entry.
        assert_eq!(
            lookup("litellm_proxy", "claude-sonnet-4-5").unwrap().key,
            "claude-sonnet-4-5"
        );
    }

    #[test]
    fn default_max_tokens_is_max_output() {
        assert_eq!(default_max_tokens("openai", "gpt-4o"), Some(16384));
        let claude = get("claude-sonnet-4-5").unwrap();
        assert_eq!(
            default_max_tokens("anthropic", "claude-sonnet-4-5"),
            claude.max_output_tokens
        );
        assert!(claude.max_output_tokens.is_some());
        assert_eq!(default_max_tokens("anthropic", "claude-unknown"), None);
    }

    #[test]
    fn bare_name_routing() {
        let cases: &[(&str, Option<&str>)] = &[
            ("gpt-4o", Some("openai")),
            ("gpt-4o-mini", Some("openai")),
            ("o3-mini", Some("openai")),
            ("text-embedding-3-small", Some("openai")),
            ("whisper-1", Some("openai")),
            ("gpt-image-1", Some("openai")),
            ("gpt-3.5-turbo-instruct", Some("text-completion-openai")),
            ("ft:gpt-4o-mini:org::id", Some("openai")),
            ("ft:gpt-4o-mini-2024-07-18:org:custom:id", Some("openai")),
            ("ft:gpt-3.5-turbo", Some("openai")),
            ("ft:davinci-002:org::id", Some("text-completion-openai")),
            ("ft:o4-mini-2025-04-16:org::x", Some("openai")),
            ("claude-3-5-sonnet-20240620", Some("anthropic")),
            ("claude-3-haiku-20240307", Some("anthropic")),
            ("claude-sonnet-4-5", Some("anthropic")),
            ("gemini-2.5-pro", Some("vertex_ai")),
            ("anthropic.claude-3-sonnet-20240229-v1:0", Some("bedrock")),
            (
                "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
                Some("bedrock"),
            ),
            ("amazon.nova-lite-v1:0", Some("bedrock")),
            ("command-r-08-2024", Some("cohere_chat")),
            ("embed-english-v3.0", Some("cohere")),
            ("deepseek-chat", Some("deepseek")),
            ("jev-latest", Some("typesafe")),
            ("together-ai-up-to-4b", None),
            ("fireworks-ai-default", None),
            ("azure/gpt-4o", None),
            ("claude-3-5-sonnet@20240620", None),
            ("totally-unknown-model", None),
            ("", None),
        ];
        for (name, want) in cases {
            assert_eq!(provider_for_bare_model(name), *want, "{name}");
        }
    }

    #[test]
    fn model_lists() {
        let names = chat_model_names();
        assert!(names.contains(&"gpt-4o"));
        assert!(names.contains(&"claude-sonnet-4-5"));
        assert!(names.contains(&"gpt-3.5-turbo-instruct"));
        assert!(!names.contains(&"text-embedding-3-small"));
        assert!(!names.contains(&"together-ai-up-to-4b"));
        assert!(names.iter().all(|n| !n.contains('/')));
        eprintln!("chat_model_names: {}", names.len());
        let by = models_by_provider();
        assert!(by["openai"].contains(&"gpt-4o"));
        assert!(by["vertex_ai"].contains(&"gemini-2.5-pro"));
        assert!(by["bedrock"].contains(&"amazon.nova-lite-v1:0"));
        assert!(by["azure"].contains(&"azure/gpt-4o"));
        assert!(!by.contains_key("vertex_ai-language-models"));
        let total: usize = by.values().map(Vec::len).sum();
        assert_eq!(total, entries().len());
    }

    #[test]
    fn routing_helpers() {
        assert_eq!(routing_provider("vertex_ai-anthropic_models"), "vertex_ai");
        assert_eq!(routing_provider("bedrock_converse"), "bedrock");
        assert_eq!(routing_provider("groq"), "groq");
        assert!(same_family("openai", "text-completion-openai"));
        assert!(same_family("vertex_ai", "vertex_ai-language-models"));
        assert!(same_family("bedrock", "bedrock_converse"));
        assert!(!same_family("gemini", "vertex_ai-language-models"));
        assert!(is_bedrock_claude_id("anthropic.claude-x"));
        assert!(is_bedrock_claude_id("us-gov.anthropic.claude-x"));
        assert!(!is_bedrock_claude_id("bedrockz/anthropic.claude-x"));
        assert!(!is_bedrock_claude_id("us.eu.anthropic.claude-x"));
    }
}
