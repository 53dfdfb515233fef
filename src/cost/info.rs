//! litellm 1.109.1's model-info lookup: which catalog entry answers for a model and provider
//! (`get_model_info`'s candidate names, case-insensitive keys, the provider check, the
//! catalog's `fallback_generalizations` rules), the ModelInfo dict it builds, and the
//! capability checks (`supports_*`) that read it. Entries come from [`super::entries`], so
//! run-time changes to `litellm.model_cost` count. It does not price (`super::pricing`).

use std::sync::OnceLock;

use fancy_regex::Regex;
use serde_json::{Map, Value};

use super::entries::{self, Entry};
use super::tokens::AZURE_LLMS;

/// Why no entry answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InfoError {
    /// litellm's ModelNotMappedError.
    NotMapped(String),
}

impl InfoError {
    pub fn message(&self) -> &str {
        match self {
            InfoError::NotMapped(m) => m,
        }
    }
}

fn not_mapped(model: &str, provider: Option<&str>) -> InfoError {
    InfoError::NotMapped(format!(
        "This model isn't mapped yet. model={model}, custom_llm_provider={}. Add it here - \
         https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json.",
        provider.unwrap_or("None")
    ))
}

/// The entry found for a model.
#[derive(Debug, Clone)]
pub struct Found {
    /// The catalog key (or the candidate a generalization rule matched).
    pub key: String,
    /// The entry, with rule-filled fields merged in.
    pub entry: Map<String, Value>,
    /// The provider the lookup settled on (`None` when the model routes nowhere).
    pub provider: Option<String>,
    /// The model name looked up (after Azure aliasing).
    pub model: String,
}

// --- provider resolution ------------------------------------------------------------------------

/// `get_llm_provider(model, custom_llm_provider)` as `(model, provider)`.
pub fn resolve(model: &str, custom_llm_provider: Option<&str>) -> Option<(String, String)> {
    crate::providers::resolve(model, custom_llm_provider, None)
        .ok()
        .map(|r| (r.model, r.provider))
}

// --- name helpers --------------------------------------------------------------------------------

const BEDROCK_CROSS_REGION: &[&str] = &["global", "us", "eu", "apac", "jp", "au", "us-gov"];

const BEDROCK_REGIONS: &[&str] = &[
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "us-gov-east-1",
    "us-gov-west-1",
    "ca-central-1",
    "ca-west-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-7",
    "ap-east-2",
    "sa-east-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-central-2",
    "eu-south-1",
    "eu-south-2",
    "eu-north-1",
    "me-south-1",
    "me-central-1",
    "il-central-1",
    "af-south-1",
    "mx-central-1",
];

fn strip_bedrock_routing_prefix(model: &str) -> &str {
    let mut m = model;
    for prefix in [
        "bedrock/",
        "chat_completions/",
        "converse/",
        "invoke/",
        "openai/",
        "mantle/",
        "nova-2/",
        "nova/",
    ] {
        if let Some(rest) = m.strip_prefix(prefix) {
            m = rest;
        }
    }
    m
}

fn bedrock_arn_model(model: &str) -> &str {
    if model.to_lowercase().contains("arn") {
        model.rsplit('/').next().unwrap_or(model)
    } else {
        model
    }
}

fn strip_throughput_suffix(model: &str) -> String {
    let mut m = model.to_owned();
    // `model:1:51k` -> `model:1`
    if let Some(pos) = m.rfind(':') {
        let tail = &m[pos + 1..];
        let before = &m[..pos];
        let version = before.rfind(':').map(|p| &before[p + 1..]);
        if tail.len() > 1
            && tail.ends_with('k')
            && tail[..tail.len() - 1].bytes().all(|b| b.is_ascii_digit())
            && version.is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        {
            m.truncate(pos);
        }
    }
    // `...-v1[1m]` -> `...-v1`
    if m.ends_with(']') {
        if let Some(open) = m.rfind('[') {
            let inner = &m[open + 1..m.len() - 1];
            if !inner.is_empty()
                && inner
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                m.truncate(open);
            }
        }
    }
    m
}

/// litellm's `get_bedrock_base_model`: routing prefixes, ARNs, throughput suffixes and
/// cross-region (`us.`) or region (`us-east-1/`) prefixes removed.
pub fn bedrock_base_model(model: &str) -> String {
    let mut stripped = model;
    for rp in ["bedrock/converse/", "bedrock/", "converse/"] {
        if let Some(rest) = stripped.strip_prefix(rp) {
            stripped = rest;
            break;
        }
    }
    if stripped.starts_with("nova-2/") {
        return "amazon.nova-2-custom".to_owned();
    }
    if stripped.starts_with("nova/") {
        return "amazon.nova-custom".to_owned();
    }
    let m = strip_throughput_suffix(bedrock_arn_model(strip_bedrock_routing_prefix(model)));
    if let Some((region, rest)) = m.split_once('.') {
        if BEDROCK_CROSS_REGION.contains(&region) {
            return rest.to_owned();
        }
    }
    if let Some((region, rest)) = m.split_once('/') {
        if BEDROCK_REGIONS.contains(&region) {
            return rest.to_owned();
        }
    }
    m
}

fn strip_trailing_number(model: &str) -> &str {
    // re.sub(r"-\d+$", "", model)
    let digits = model.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits > 0 && model.len() > digits && model.as_bytes()[model.len() - digits - 1] == b'-' {
        &model[..model.len() - digits - 1]
    } else {
        model
    }
}

fn strip_date_suffix(model: &str) -> &str {
    // re.sub(r"-\d{4}-\d{2}-\d{2}$", "", model)
    let b = model.as_bytes();
    if b.len() >= 11 {
        let tail = &b[b.len() - 11..];
        let pattern_ok = tail[0] == b'-'
            && tail[5] == b'-'
            && tail[8] == b'-'
            && [1, 2, 3, 4, 6, 7, 9, 10]
                .iter()
                .all(|&i| tail[i].is_ascii_digit());
        if pattern_ok {
            return &model[..model.len() - 11];
        }
    }
    model
}

fn strip_fine_tune(model: &str) -> String {
    // re.sub(r"(:[^:]*){3}$", "", model): drop the last three `:segment`s.
    let positions: Vec<usize> = model.match_indices(':').map(|(i, _)| i).collect();
    if positions.len() >= 3 {
        model[..positions[positions.len() - 3]].to_owned()
    } else {
        model.to_owned()
    }
}

fn strip_model_name(model: &str, provider: Option<&str>) -> String {
    match provider {
        Some("bedrock" | "bedrock_converse") => bedrock_base_model(model),
        Some("vertex_ai" | "gemini" | "databricks") => strip_trailing_number(model).to_owned(),
        _ if model.contains("ft:") => strip_fine_tune(model),
        _ => strip_date_suffix(model).to_owned(),
    }
}

fn fireworks_resource_name(model: &str) -> String {
    let s = model.strip_prefix("fireworks_ai/").unwrap_or(model);
    if s.starts_with("accounts/") || s.contains('#') {
        return s.to_owned();
    }
    if s.starts_with("routers/") || s.starts_with("models/") {
        return format!("accounts/fireworks/{s}");
    }
    format!("accounts/fireworks/models/{s}")
}

/// litellm's candidate names for a model, in lookup order, and the provider they assume.
pub fn candidate_names(model: &str, provider: Option<&str>) -> (Vec<String>, Option<String>) {
    let (mut split, provider, combined, stripped, combined_stripped, prefixed) = match provider {
        None => {
            let (split, provider) = match resolve(model, None) {
                Some((m, p)) => (m, Some(p)),
                None => (model.to_owned(), None),
            };
            let stripped = strip_model_name(model, provider.as_deref());
            (
                split,
                provider,
                model.to_owned(),
                stripped.clone(),
                stripped,
                model.to_owned(),
            )
        }
        Some(p) => {
            let (split, combined, prefixed) =
                match model.strip_prefix(p).and_then(|r| r.strip_prefix('/')) {
                    Some(rest) => (rest.to_owned(), model.to_owned(), format!("{p}/{model}")),
                    None => (
                        model.to_owned(),
                        format!("{p}/{model}"),
                        format!("{p}/{model}"),
                    ),
                };
            let stripped = strip_model_name(&split, Some(p));
            let combined_stripped = format!("{p}/{stripped}");
            (
                split,
                Some(p.to_owned()),
                combined,
                stripped,
                combined_stripped,
                prefixed,
            )
        }
    };
    if matches!(provider.as_deref(), Some("bedrock" | "bedrock_converse")) {
        let stripped = strip_bedrock_routing_prefix(&split);
        let region_free = match stripped.split_once('/') {
            Some((region, rest)) if BEDROCK_REGIONS.contains(&region) => rest,
            _ => stripped,
        };
        split = if region_free.starts_with("arn:") {
            bedrock_arn_model(region_free).to_owned()
        } else {
            strip_bedrock_routing_prefix(&split).to_owned()
        };
    }
    let prefixed = if provider.as_deref() == Some("fireworks_ai") {
        format!("fireworks_ai/{}", fireworks_resource_name(&split))
    } else {
        prefixed
    };
    let names = vec![
        combined.clone(),
        model.to_owned(),
        combined,
        split,
        combined_stripped,
        stripped,
        prefixed,
    ];
    (names, provider)
}

/// litellm's `_check_provider_match`: may a call on `provider` use this entry?
fn provider_matches(entry: &Map<String, Value>, provider: Option<&str>) -> bool {
    let Some(p) = provider.filter(|p| !p.is_empty()) else {
        return true;
    };
    let Some(listed) = entry.get("litellm_provider").and_then(Value::as_str) else {
        return true;
    };
    if listed == p {
        return true;
    }
    (p == "vertex_ai" && listed.starts_with("vertex_ai"))
        || (p == "fireworks_ai" && listed.starts_with("fireworks_ai"))
        || (p.starts_with("bedrock") && listed.starts_with("bedrock"))
        || p == "litellm_proxy"
        || (p == "azure_ai" && matches!(listed, "azure" | "openai"))
        || p == "github"
        || p == "nadir"
}

// --- fallback generalizations ----------------------------------------------------------------

struct Rule {
    pattern: Regex,
    model_info: Map<String, Value>,
    fill_missing_for: Vec<String>,
}

fn capability_rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        let Some(raw) = super::catalog::raw_entry("fallback_generalizations") else {
            return Vec::new();
        };
        let Ok(value) = serde_json::from_str::<Value>(raw.get()) else {
            return Vec::new();
        };
        let rules = value
            .get("rules")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        rules
            .into_iter()
            .filter_map(|rule| {
                let pattern = rule.get("pattern")?.as_str()?;
                let info = rule.get("model_info")?.as_object()?.clone();
                if info.contains_key("litellm_provider") || rule.get("extends").is_some() {
                    return None;
                }
                let fill = rule
                    .get("fill_missing_for_providers")
                    .and_then(Value::as_array)
                    .map(|v| {
                        v.iter()
                            .filter_map(|p| p.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default();
                Some(Rule {
                    pattern: Regex::new(&format!("(?i){pattern}")).ok()?,
                    model_info: info,
                    fill_missing_for: fill,
                })
            })
            .collect()
    })
}

fn union_of<'r>(rules: impl Iterator<Item = &'r Rule>) -> Option<Map<String, Value>> {
    let mut out: Option<Map<String, Value>> = None;
    for rule in rules {
        let map = out.get_or_insert_with(Map::new);
        for (k, v) in &rule.model_info {
            map.insert(k.clone(), v.clone());
        }
    }
    out
}

fn matches(rule: &Rule, model: &str) -> bool {
    rule.pattern.is_match(model).unwrap_or(false)
}

/// The union of every capability rule matching `model` (later rules win), if any matches.
pub fn generalization(model: &str) -> Option<Map<String, Value>> {
    if model.is_empty() {
        return None;
    }
    union_of(capability_rules().iter().filter(|r| matches(r, model)))
}

fn fill_missing(key: &str, entry: &Map<String, Value>) -> Option<Map<String, Value>> {
    let mode = match entry.get("mode") {
        None => "chat",
        Some(Value::String(m)) => m.as_str(),
        Some(_) => return None,
    };
    let provider = match entry.get("litellm_provider") {
        None => "",
        Some(Value::String(p)) => p.as_str(),
        Some(_) => return None,
    };
    if !matches!(mode, "chat" | "responses") || key.is_empty() || provider.is_empty() {
        return None;
    }
    union_of(
        capability_rules()
            .iter()
            .filter(|r| r.fill_missing_for.iter().any(|p| p == provider) && matches(r, key)),
    )
    .filter(|m| !m.is_empty())
}

// --- the lookup ----------------------------------------------------------------------------------

fn azure_alias(model: &str) -> Option<&'static str> {
    if model == "ada" {
        return Some("azure/ada");
    }
    AZURE_LLMS
        .iter()
        .find(|(k, _)| *k == model)
        .map(|&(_, v)| v)
}

/// litellm's `get_model_info_helper` lookup (without building the ModelInfo dict).
pub fn lookup(model: &str, custom_llm_provider: Option<&str>) -> Result<Found, InfoError> {
    let mut model = azure_alias(model).unwrap_or(model).to_owned();
    let mut provider = custom_llm_provider.map(str::to_owned);
    if provider.as_deref() == Some("vertex_ai_beta") {
        provider = Some("vertex_ai".to_owned());
    }
    if provider.as_deref() == Some("vertex_ai") {
        let in_group = |key: &str, group: &str| {
            entries::str_field(key, "litellm_provider").as_deref() == Some(group)
        };
        if in_group(&format!("meta/{model}"), "vertex_ai-llama_models") {
            model = format!("meta/{model}");
        } else if in_group(&format!("{model}@latest"), "vertex_ai-mistral_models")
            || in_group(&format!("{model}@latest"), "vertex_ai-ai21_models")
        {
            model = format!("{model}@latest");
        }
    }
    let (names, provider) = candidate_names(&model, provider.as_deref());
    let found = names.iter().find_map(|name| {
        let key = entries::find_key(name)?;
        let entry = entries::get(&key)?;
        provider_matches(&entry, provider.as_deref()).then_some((key, entry))
    });
    if let Some((key, entry)) = found {
        let mut merged: Map<String, Value> = Map::clone(&entry);
        if let Some(fill) = fill_missing(&key, &entry) {
            for (k, v) in fill {
                if !merged.contains_key(&k) {
                    merged.insert(k, v);
                }
            }
        }
        return Ok(Found {
            key,
            entry: merged,
            provider,
            model,
        });
    }
    let any_exact = names.iter().any(|n| entries::find_key(n).is_some());
    if !any_exact {
        for name in &names {
            if let Some(mut info) = generalization(name) {
                if let Some(p) = &provider {
                    info.insert("litellm_provider".into(), Value::from(p.as_str()));
                }
                return Ok(Found {
                    key: name.clone(),
                    entry: info,
                    provider,
                    model,
                });
            }
        }
    }
    Err(not_mapped(&model, provider.as_deref()))
}

/// litellm's ModelInfo fields besides `key`, `max_tokens`, the two token prices,
/// `litellm_provider`, `mode` and `supported_openai_params`; each is read from the entry.
pub const INFO_FIELDS: &[&str] = include!("info_fields.in");

fn above_threshold_key(k: &str) -> bool {
    // r"_above_\d+k?_tokens(?:_batches)?$"
    let k = k.strip_suffix("_batches").unwrap_or(k);
    let Some(k) = k.strip_suffix("_tokens") else {
        return false;
    };
    let Some(pos) = k.rfind("_above_") else {
        return false;
    };
    let n = &k[pos + 7..];
    let n = n.strip_suffix('k').unwrap_or(n);
    !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
}

fn or_value(a: Option<&Value>, b: Option<&Value>) -> Value {
    match a {
        Some(v) if super::tokens_truthy(v) => v.clone(),
        _ => b.cloned().unwrap_or(Value::Null),
    }
}

/// The provider-wide facts litellm adds where the entry says nothing (`get_provider_info`).
pub fn provider_info(provider: Option<&str>, model: &str) -> Option<Map<String, Value>> {
    let mut out = Map::new();
    match provider? {
        "xai" => {
            out.insert("supports_web_search".into(), Value::Bool(true));
        }
        "fireworks_ai" => {
            let key = format!("fireworks_ai/{}", fireworks_resource_name(model));
            let entry = entries::get(&key);
            let flag = |name: &str| {
                entry
                    .as_ref()
                    .and_then(|e| e.get(name))
                    .and_then(Value::as_bool)
            };
            out.insert(
                "supports_function_calling".into(),
                Value::Bool(flag("supports_function_calling").unwrap_or(true)),
            );
            out.insert("supports_prompt_caching".into(), Value::Bool(true));
            for name in [
                "supports_reasoning",
                "supports_vision",
                "supports_pdf_input",
            ] {
                if flag(name) == Some(true) {
                    out.insert(name.into(), Value::Bool(true));
                }
            }
        }
        _ => return None,
    }
    Some(out)
}

/// The ModelInfo dict of `get_model_info` minus `supported_openai_params`.
pub fn model_info(
    model: &str,
    custom_llm_provider: Option<&str>,
) -> Result<Map<String, Value>, InfoError> {
    if custom_llm_provider.is_none() || custom_llm_provider == Some("lemonade") {
        if let Some(info) = dynamic_info(model, custom_llm_provider) {
            return Ok(info);
        }
    }
    let found = lookup(model, custom_llm_provider)?;
    let e = &found.entry;
    let mut out = Map::new();
    out.insert("key".into(), Value::from(found.key.clone()));
    out.insert(
        "max_tokens".into(),
        or_value(e.get("max_output_tokens"), e.get("max_input_tokens")),
    );
    for price in ["input_cost_per_token", "output_cost_per_token"] {
        let v = match e.get(price) {
            None | Some(Value::Null) => Value::from(0),
            Some(v) => v.clone(),
        };
        out.insert(price.into(), v);
    }
    out.insert(
        "litellm_provider".into(),
        match e.get("litellm_provider") {
            Some(v) => v.clone(),
            None => found.provider.clone().map_or(Value::Null, Value::from),
        },
    );
    out.insert("mode".into(), e.get("mode").cloned().unwrap_or(Value::Null));
    for field in INFO_FIELDS {
        out.insert(
            (*field).into(),
            e.get(*field).cloned().unwrap_or(Value::Null),
        );
    }
    for (k, v) in e {
        if !out.contains_key(k) && above_threshold_key(k) {
            out.insert(k.clone(), v.clone());
        }
    }
    let chat_like = matches!(
        e.get("mode").and_then(Value::as_str),
        None | Some("chat" | "responses")
    );
    let extra = provider_info(found.provider.as_deref(), &found.model).filter(|_| chat_like);
    if let Some(extra) = extra {
        for (k, v) in extra {
            if !v.is_null() && out.get(&k).is_none_or(Value::is_null) {
                out.insert(k, v);
            }
        }
    }
    Ok(out)
}

/// Providers whose model info litellm asks the provider's server for; without a server (no
/// network here) litellm falls back to a default entry for lemonade.
fn dynamic_info(model: &str, custom_llm_provider: Option<&str>) -> Option<Map<String, Value>> {
    let provider = match custom_llm_provider {
        Some(p) => p.to_owned(),
        None => resolve(model, None)?.1,
    };
    if provider != "lemonade" {
        return None;
    }
    let bare = model.strip_prefix("lemonade/").unwrap_or(model);
    let mut out = Map::new();
    out.insert("key".into(), Value::from(format!("lemonade/{bare}")));
    for k in ["max_tokens", "max_input_tokens", "max_output_tokens"] {
        out.insert(k.into(), Value::Null);
    }
    out.insert("input_cost_per_token".into(), Value::from(0.0));
    out.insert("output_cost_per_token".into(), Value::from(0.0));
    out.insert("litellm_provider".into(), Value::from("lemonade"));
    out.insert("mode".into(), Value::from("chat"));
    Some(out)
}

/// litellm's `supports_factory(model, custom_llm_provider, key)`: true only when the entry
/// (or the bare model's entry, or the provider's defaults) says `true`.
pub fn supports(model: &str, custom_llm_provider: Option<&str>, key: &str) -> bool {
    let provider_says = |m: &str, p: Option<&str>| {
        provider_info(p, m).is_some_and(|i| i.get(key) == Some(&Value::Bool(true)))
    };
    let Some((model, provider)) = resolve(model, custom_llm_provider) else {
        return provider_says(model, custom_llm_provider);
    };
    let info = match model_info(&model, Some(&provider)) {
        Ok(info) => info,
        Err(_) => return provider_says(&model, Some(&provider)),
    };
    match info.get(key) {
        Some(Value::Bool(true)) => true,
        None | Some(Value::Null) => {
            let bare = entries::find_key(&model)
                .and_then(|k| entries::get(&k))
                .is_some_and(|e| e.get(key) == Some(&Value::Bool(true)));
            bare || provider_says(&model, Some(&provider))
        }
        Some(_) => false,
    }
}

/// litellm's `supports_response_schema`: some providers support it for every model.
pub fn supports_response_schema(model: &str, custom_llm_provider: Option<&str>) -> bool {
    let Some((model, provider)) = resolve(model, custom_llm_provider) else {
        return false;
    };
    if matches!(
        provider.as_str(),
        "predibase" | "fireworks_ai" | "lm_studio" | "nebius" | "databricks"
    ) {
        return true;
    }
    supports(&model, Some(&provider), "supports_response_schema")
}

/// Max output tokens (`get_max_tokens`): `Ok(value)` with the entry's `max_output_tokens`
/// (`Ok(None)` when the entry has none); `Err(name)` with the name litellm's message shows when
/// the model is not in the catalog.
pub fn max_tokens(model: &str) -> Result<Option<Value>, String> {
    if let Some(e) = entries::get(model) {
        if let Some(v) = e.get("max_output_tokens") {
            return Ok(Some(v.clone()));
        }
    }
    let (bare, provider) = resolve(model, None).ok_or_else(|| model.to_owned())?;
    if provider == "huggingface" {
        return Ok(None);
    }
    let e = entries::get(&bare).ok_or_else(|| bare.clone())?;
    Ok(e.get("max_output_tokens").cloned())
}

/// The entry of a catalog key, for callers that only need to know it exists.
pub fn entry(key: &str) -> Option<Entry> {
    entries::get(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_strips() {
        assert_eq!(
            bedrock_base_model("us.anthropic.claude-3-5-sonnet-20240620-v1:0"),
            "anthropic.claude-3-5-sonnet-20240620-v1:0"
        );
        assert_eq!(
            bedrock_base_model("bedrock/us-east-1/meta.llama3"),
            "meta.llama3"
        );
        assert_eq!(
            bedrock_base_model("anthropic.claude-3-5-sonnet-20241022-v2:0:51k"),
            "anthropic.claude-3-5-sonnet-20241022-v2:0"
        );
        assert_eq!(strip_date_suffix("gpt-4o-2024-08-06"), "gpt-4o");
        assert_eq!(
            strip_trailing_number("gemini-1.5-pro-002"),
            "gemini-1.5-pro"
        );
        assert_eq!(
            strip_fine_tune("ft:gpt-3.5-turbo:my-org:custom:id"),
            "ft:gpt-3.5-turbo"
        );
        assert!(above_threshold_key(
            "input_cost_per_token_above_200k_tokens"
        ));
        assert!(above_threshold_key(
            "cache_read_input_token_cost_above_272k_tokens_batches"
        ));
        assert!(!above_threshold_key("input_cost_per_token_priority"));
    }

    #[test]
    fn lookups() {
        let f = lookup("gpt-4o", None).unwrap();
        assert_eq!(f.key, "gpt-4o");
        assert_eq!(
            lookup("gpt-35-turbo", None).unwrap().key,
            "azure/gpt-35-turbo"
        );
        let f = lookup("anthropic.claude-3-5-sonnet-20240620-v1:0", Some("bedrock")).unwrap();
        assert_eq!(f.key, "anthropic.claude-3-5-sonnet-20240620-v1:0");
        assert!(lookup("zzz-model", None).is_err());
        let info = model_info("gpt-4o", None).unwrap();
        assert_eq!(info["max_tokens"], Value::from(16384));
        assert_eq!(info["litellm_provider"], Value::from("openai"));
        assert!(supports("gpt-4o", None, "supports_vision"));
        assert!(!supports("zzz-model", None, "supports_vision"));
    }
}
