//! litellm 1.109.1's `cost_per_token` and `completion_cost` for token-priced calls: which
//! catalog key prices a model, custom per-token / per-second prices, cached-input,
//! cache-creation (5-minute and 1-hour), reasoning, audio and image tokens, long-context
//! tiers (`*_above_<n>k_tokens`) and per-second prices. Entries come from the run-time
//! catalog ([`super::entries`], [`super::info`]). Images, video, speech, rerank, search and
//! batch pricing are not handled here.

use serde_json::{Map, Value};

use super::entries;
use super::info::{self, InfoError};
use super::tokens;
use crate::error::LlmError;

/// Why a call could not be priced.
#[derive(Debug)]
pub enum CostError {
    /// The model routes to no provider (litellm's BadRequestError from `get_llm_provider`).
    Provider(Box<LlmError>),
    /// litellm's ModelNotMappedError.
    NotMapped(String),
    /// A ValueError with litellm's wording.
    Value(String),
}

impl From<InfoError> for CostError {
    fn from(e: InfoError) -> Self {
        CostError::NotMapped(e.message().to_owned())
    }
}

/// Token counts of a call, OpenAI-shaped (`usage` of a ModelResponse).
#[derive(Debug, Clone, Default)]
pub struct Usage {
    pub prompt_tokens: f64,
    pub completion_tokens: f64,
    /// `prompt_tokens_details`, when present.
    pub prompt_details: Option<Map<String, Value>>,
    /// `completion_tokens_details`, when present.
    pub completion_details: Option<Map<String, Value>>,
    /// Anthropic-style `cache_read_input_tokens` / `cache_creation_input_tokens` attributes.
    pub cache_read_input_tokens: Option<f64>,
    pub cache_creation_input_tokens: Option<f64>,
}

fn num(v: Option<&Value>) -> f64 {
    v.and_then(Value::as_f64).unwrap_or(0.0)
}

fn opt_num(v: Option<&Value>) -> Option<f64> {
    v.and_then(Value::as_f64)
}

impl Usage {
    /// From a JSON usage object (`Usage.model_dump()` or a provider's dict).
    pub fn from_json(v: &Value) -> Usage {
        let obj = |k: &str| v.get(k).and_then(Value::as_object).cloned();
        Usage {
            prompt_tokens: num(v.get("prompt_tokens")),
            completion_tokens: num(v.get("completion_tokens")),
            prompt_details: obj("prompt_tokens_details"),
            completion_details: obj("completion_tokens_details"),
            cache_read_input_tokens: opt_num(v.get("cache_read_input_tokens")),
            cache_creation_input_tokens: opt_num(v.get("cache_creation_input_tokens")),
        }
    }

    /// litellm's `Usage(prompt_tokens, completion_tokens, cache_creation_input_tokens,
    /// cache_read_input_tokens)`: cache counts land in `prompt_tokens_details`.
    pub fn from_counts(
        prompt: f64,
        completion: f64,
        cache_creation: f64,
        cache_read: f64,
    ) -> Usage {
        let mut details = None;
        if cache_creation > 0.0 || cache_read > 0.0 {
            let mut d = Map::new();
            d.insert("cached_tokens".into(), Value::from(cache_read));
            d.insert("cache_creation_tokens".into(), Value::from(cache_creation));
            details = Some(d);
        }
        Usage {
            prompt_tokens: prompt,
            completion_tokens: completion,
            prompt_details: details,
            completion_details: None,
            cache_read_input_tokens: (cache_read > 0.0).then_some(cache_read),
            cache_creation_input_tokens: (cache_creation > 0.0).then_some(cache_creation),
        }
    }

    fn prompt_detail(&self, k: &str) -> f64 {
        self.prompt_details.as_ref().map_or(0.0, |d| num(d.get(k)))
    }

    fn completion_detail(&self, k: &str) -> f64 {
        self.completion_details
            .as_ref()
            .map_or(0.0, |d| num(d.get(k)))
    }
}

/// Caller-supplied prices (`custom_cost_per_token`).
#[derive(Debug, Clone, Copy, Default)]
pub struct CustomPrices {
    pub input: f64,
    pub output: f64,
    pub cache_read: Option<f64>,
    pub cache_creation: Option<f64>,
}

/// The arguments of `cost_per_token` this module uses.
#[derive(Debug, Clone, Default)]
pub struct CostRequest {
    pub model: String,
    pub prompt_tokens: f64,
    pub completion_tokens: f64,
    pub response_time_ms: f64,
    pub custom_llm_provider: Option<String>,
    pub region_name: Option<String>,
    pub cache_creation_input_tokens: f64,
    pub cache_read_input_tokens: f64,
    pub custom_cost_per_token: Option<CustomPrices>,
    pub custom_cost_per_second: Option<f64>,
    pub usage: Option<Usage>,
    pub call_type: String,
    /// Characters of a speech call's input (text-to-speech is priced per character).
    pub prompt_characters: Option<f64>,
}

fn custom_pricing(req: &CostRequest) -> Option<(f64, f64)> {
    if req.custom_cost_per_token.is_none() && req.custom_cost_per_second.is_none() {
        return None;
    }
    let mut cache_read = 0.0;
    let mut cache_creation = 0.0;
    let mut anthropic_style = false;
    if let Some(u) = &req.usage {
        if u.prompt_details.is_some() {
            cache_read = u.prompt_detail("cached_tokens");
            let write = u.prompt_detail("cache_write_tokens");
            cache_creation = if write != 0.0 {
                write
            } else {
                u.prompt_detail("cache_creation_tokens")
            };
        }
        if u.cache_read_input_tokens.is_some() || u.cache_creation_input_tokens.is_some() {
            anthropic_style = true;
            if let Some(r) = u.cache_read_input_tokens {
                cache_read = r;
            }
            if let Some(c) = u.cache_creation_input_tokens {
                cache_creation = c;
            }
        }
    }
    if cache_read == 0.0 && req.cache_read_input_tokens != 0.0 {
        cache_read = req.cache_read_input_tokens;
        anthropic_style = true;
    }
    if cache_creation == 0.0 && req.cache_creation_input_tokens != 0.0 {
        cache_creation = req.cache_creation_input_tokens;
        anthropic_style = true;
    }
    let mut prompt = req.prompt_tokens;
    if anthropic_style {
        prompt += cache_read + cache_creation;
    }
    if let Some(p) = req.custom_cost_per_token {
        let regular = (prompt - cache_read - cache_creation).max(0.0);
        let input = regular * p.input
            + cache_read * p.cache_read.unwrap_or(p.input)
            + cache_creation * p.cache_creation.unwrap_or(p.input);
        return Some((input, req.completion_tokens * p.output));
    }
    let per_second = req.custom_cost_per_second?;
    Some((0.0, per_second * req.response_time_ms / 1000.0))
}

/// litellm's `cost_per_token`: `(prompt_cost, completion_cost)` in USD.
pub fn cost_per_token(req: &CostRequest) -> Result<(f64, f64), CostError> {
    if let Some(cost) = custom_pricing(req) {
        return Ok(cost);
    }
    let usage = req.usage.clone().unwrap_or_else(|| {
        Usage::from_counts(
            req.prompt_tokens,
            req.completion_tokens,
            req.cache_creation_input_tokens,
            req.cache_read_input_tokens,
        )
    });
    let mut model = req.model.clone();
    let provider: String;
    let mut model_with_provider = model.clone();
    match req.custom_llm_provider.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => {
            let dup = format!("{p}/");
            while let Some(rest) = model.strip_prefix(&dup) {
                if rest.starts_with(&dup) {
                    model = rest.to_owned();
                } else {
                    break;
                }
            }
            model_with_provider = if model.starts_with(&dup) {
                model.clone()
            } else {
                format!("{p}/{model}")
            };
            if let Some(region) = &req.region_name {
                let bare = model.strip_prefix(&dup).unwrap_or(&model);
                let regional = format!("{p}/{region}/{bare}");
                if entries::contains(&regional) {
                    model_with_provider = regional;
                }
            }
            provider = p.to_owned();
        }
        None => {
            provider = crate::providers::resolve(&model, None, None)
                .map_err(|e| CostError::Provider(Box::new(e.with_context("", &model))))?
                .provider;
        }
    }
    if super::priced_at_zero(&provider) {
        return Ok((0.0, 0.0));
    }
    let relative = model_with_provider == format!("{provider}/{model}")
        && entries::contains(&model_with_provider);
    let without_prefix = match model.split_once('/') {
        Some((_, rest)) if !relative => rest.to_owned(),
        _ => model.clone(),
    };
    if entries::contains(&model_with_provider) {
        model = model_with_provider;
    } else if entries::contains(&model) {
    } else if entries::contains(&without_prefix) {
        model = without_prefix.clone();
    }
    if matches!(req.call_type.as_str(), "speech" | "aspeech") {
        let info = info::model_info(&without_prefix, Some(&provider))?;
        if let Some(rate) = opt_num(info.get("input_cost_per_character")) {
            let Some(chars) = req.prompt_characters else {
                return Err(CostError::Value(format!(
                    "prompt_characters must be provided for tts calls. prompt_characters=None, \
                     model={model}, custom_llm_provider={provider}, call_type={}",
                    req.call_type
                )));
            };
            return Ok((chars * rate, 0.0));
        }
        return Ok(generic_cost(&info, &usage, &provider));
    }
    if let Some(cost) = per_second_cost(&model, &provider, req.response_time_ms) {
        return Ok(cost);
    }
    let priced_model = if provider == "vertex_ai" {
        &without_prefix
    } else {
        &model
    };
    let model_info = info::model_info(priced_model, Some(&provider))?;
    Ok(generic_cost(&model_info, &usage, &provider))
}

fn has_token_pricing(i: &Map<String, Value>) -> bool {
    num(i.get("input_cost_per_token")) > 0.0
        || num(i.get("output_cost_per_token")) > 0.0
        || i.get("tiered_pricing").is_some_and(|v| !v.is_null())
}

fn per_second_cost(model: &str, provider: &str, response_time_ms: f64) -> Option<(f64, f64)> {
    let i = info::model_info(model, Some(provider)).ok()?;
    if has_token_pricing(&i) {
        return None;
    }
    let mode = i.get("mode").and_then(Value::as_str);
    if !matches!(
        mode,
        None | Some("chat" | "completion" | "audio_transcription" | "responses")
    ) {
        return None;
    }
    let rate = [
        "cost_per_second",
        "input_cost_per_second",
        "output_cost_per_second",
    ]
    .iter()
    .find_map(|k| opt_num(i.get(*k)))?;
    Some((rate * response_time_ms / 1000.0, 0.0))
}

struct Rates {
    input: f64,
    output: f64,
    cache_read: f64,
    cache_creation: f64,
    cache_creation_1h: f64,
}

fn above_threshold(key: &str) -> Option<(String, f64)> {
    let (_, rest) = key.rsplit_once("_above_")?;
    let n = rest.split("_tokens").next()?;
    let value = if let Some(k) = n.strip_suffix('k') {
        k.parse::<f64>().ok()? * 1000.0
    } else {
        n.parse::<f64>().ok()?
    };
    Some((n.to_owned(), value))
}

/// litellm's `_get_token_base_cost` for the standard service tier.
fn base_rates(i: &Map<String, Value>, usage: &Usage, inclusive: bool) -> Rates {
    let rate = |k: &str| opt_num(i.get(k));
    let mut input = rate("input_cost_per_token").unwrap_or(0.0);
    let mut output = rate("output_cost_per_token").unwrap_or(0.0);
    if output == 0.0 {
        if let Some(image) = rate("output_cost_per_image_token") {
            output = image;
        }
    }
    let mut cache_creation = rate("cache_creation_input_token_cost");
    let mut cache_read = rate("cache_read_input_token_cost");
    let mut one_hour_key = "cache_creation_input_token_cost_above_1hr".to_owned();
    const PREFIXES: [&str; 4] = [
        "input_cost_per_token_above_",
        "output_cost_per_token_above_",
        "cache_read_input_token_cost_above_",
        "cache_creation_input_token_cost_above_",
    ];
    const NON_STANDARD: [&str; 6] = [
        "_flex",
        "_priority",
        "_batches",
        "_balanced",
        "_ultrafast",
        "_fast",
    ];
    let mut thresholds: Vec<(f64, String)> = i
        .iter()
        .filter(|(k, v)| {
            !v.is_null()
                && PREFIXES.iter().any(|p| k.starts_with(p))
                && k.contains("_tokens")
                && !NON_STANDARD.iter().any(|s| k.ends_with(s))
        })
        .filter_map(|(k, _)| above_threshold(k).map(|(label, n)| (n, label)))
        .collect();
    thresholds.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
    for (threshold, label) in thresholds {
        let exceeds =
            usage.prompt_tokens > threshold || (inclusive && usage.prompt_tokens == threshold);
        if !exceeds {
            continue;
        }
        input = rate(&format!("input_cost_per_token_above_{label}_tokens")).unwrap_or(input);
        output = rate(&format!("output_cost_per_token_above_{label}_tokens")).unwrap_or(output);
        cache_creation = rate(&format!(
            "cache_creation_input_token_cost_above_{label}_tokens"
        ))
        .or(cache_creation);
        cache_read =
            rate(&format!("cache_read_input_token_cost_above_{label}_tokens")).or(cache_read);
        let tiered_1h = format!("cache_creation_input_token_cost_above_1hr_above_{label}_tokens");
        if rate(&tiered_1h).is_some() {
            one_hour_key = tiered_1h;
        }
    }
    let cache_read = cache_read.unwrap_or(input);
    let cache_creation = cache_creation.unwrap_or(input);
    let cache_creation_1h = rate(&one_hour_key).unwrap_or(cache_creation);
    Rates {
        input,
        output,
        cache_read,
        cache_creation,
        cache_creation_1h,
    }
}

/// litellm's `generic_cost_per_token` (standard tier, no regional uplift).
pub fn generic_cost(i: &Map<String, Value>, usage: &Usage, provider: &str) -> (f64, f64) {
    let fireworks_default;
    let i = if provider == "fireworks_ai"
        && i.get("cache_read_input_token_cost")
            .is_none_or(Value::is_null)
    {
        let mut with = i.clone();
        with.insert(
            "cache_read_input_token_cost".into(),
            i.get("input_cost_per_token")
                .cloned()
                .unwrap_or(Value::Null),
        );
        fireworks_default = with;
        &fireworks_default
    } else {
        i
    };
    // Prompt side.
    let mut cache_hit = 0.0;
    let mut cache_creation = 0.0;
    let mut text = usage.prompt_tokens;
    let mut audio = 0.0;
    let mut image = 0.0;
    let mut video = 0.0;
    let mut cached_audio = 0.0;
    let mut one_hour = 0.0;
    let mut five_minute: Option<f64> = None;
    if let Some(d) = usage.prompt_details.as_ref().filter(|d| !d.is_empty()) {
        cache_hit = num(d.get("cached_tokens"));
        let write = num(d.get("cache_write_tokens"));
        cache_creation = if write != 0.0 {
            write
        } else {
            num(d.get("cache_creation_tokens"))
        };
        let cached = d.get("cached_tokens_details");
        let cached_detail = |k: &str| {
            cached
                .and_then(|c| c.get(k))
                .and_then(Value::as_f64)
                .unwrap_or(0.0)
        };
        cached_audio = cached_detail("audio_tokens").min(cache_hit);
        let cached_text = cached_detail("text_tokens").min(cache_hit - cached_audio);
        let cached_image =
            cached_detail("image_tokens").min(cache_hit - cached_audio - cached_text);
        text = (num(d.get("text_tokens")) - cached_text).max(0.0);
        audio = (num(d.get("audio_tokens")) - cached_audio).max(0.0);
        image = (num(d.get("image_tokens")) - cached_image).max(0.0);
        video = num(d.get("video_tokens")).max(0.0);
        if let Some(Value::Object(ttl)) = d.get("cache_creation_token_details") {
            one_hour = num(ttl.get("ephemeral_1h_input_tokens"));
            five_minute = opt_num(ttl.get("ephemeral_5m_input_tokens"));
        }
        let total = text + cache_hit + audio + cache_creation + image + video;
        if (cache_hit > 0.0 || cache_creation > 0.0) && total > usage.prompt_tokens {
            let budget = (usage.prompt_tokens - cache_hit - cache_creation).max(0.0);
            audio = audio.min(budget);
            image = image.min(budget - audio);
            video = video.min(budget - audio - image);
            text = budget - audio - image - video;
        } else if text == 0.0 {
            text =
                (usage.prompt_tokens - cache_hit - audio - cache_creation - image - video).max(0.0);
        }
    }
    let rates = base_rates(i, usage, provider == "xai");
    let modality = |k: &str| opt_num(i.get(k)).unwrap_or(rates.input);
    let mut prompt = text * rates.input;
    let audio_cache_read =
        opt_num(i.get("cache_read_input_audio_token_cost")).unwrap_or(rates.cache_read);
    prompt += (cache_hit - cached_audio) * rates.cache_read + cached_audio * audio_cache_read;
    if audio > 0.0 {
        prompt += audio * modality("input_cost_per_audio_token");
    }
    if image > 0.0 {
        prompt += image * modality("input_cost_per_image_token");
    }
    if video > 0.0 {
        prompt += video * modality("input_cost_per_video_token");
    }
    if cache_creation > 0.0 || one_hour > 0.0 {
        let five = five_minute.unwrap_or((cache_creation - one_hour).max(0.0));
        prompt += five * rates.cache_creation + one_hour * rates.cache_creation_1h;
    }
    // Completion side.
    let audio_out = usage.completion_detail("audio_tokens");
    let reasoning = usage.completion_detail("reasoning_tokens");
    let image_out = usage.completion_detail("image_tokens");
    let video_out = usage.completion_detail("video_tokens");
    let mut text_out = usage.completion_detail("text_tokens");
    let breakdown = audio_out > 0.0 || reasoning > 0.0 || image_out > 0.0 || video_out > 0.0;
    let mut text_is_total = false;
    if text_out == 0.0 {
        if breakdown {
            text_out =
                (usage.completion_tokens - reasoning - audio_out - image_out - video_out).max(0.0);
        } else {
            text_out = usage.completion_tokens;
            text_is_total = true;
        }
    }
    let out_rate = |k: &str| opt_num(i.get(k)).unwrap_or(rates.output);
    let mut completion = text_out * rates.output;
    if !text_is_total {
        if audio_out > 0.0 {
            completion += audio_out * out_rate("output_cost_per_audio_token");
        }
        if reasoning > 0.0 {
            completion += reasoning * out_rate("output_cost_per_reasoning_token");
        }
        if image_out > 0.0 {
            completion += image_out * out_rate("output_cost_per_image_token");
        }
        if video_out > 0.0 {
            completion += video_out * out_rate("output_cost_per_video_token");
        }
    }
    (prompt, completion)
}

/// The arguments of `completion_cost` this module uses.
#[derive(Debug, Clone, Default)]
pub struct CompletionCostRequest {
    /// The response as JSON (`model`, `usage`), when one was passed.
    pub response: Option<Value>,
    /// `_hidden_params` of the response (`custom_llm_provider`, `region_name`).
    pub hidden: Option<Map<String, Value>>,
    pub model: Option<String>,
    pub prompt: String,
    pub messages: Vec<Value>,
    pub completion: String,
    pub total_time: f64,
    pub call_type: Option<String>,
    pub custom_llm_provider: Option<String>,
    pub region_name: Option<String>,
    pub custom_cost_per_token: Option<CustomPrices>,
    pub custom_cost_per_second: Option<f64>,
}

fn known_provider_prefix(model: &str) -> bool {
    let head = model.split('/').next().unwrap_or("");
    crate::providers::PROVIDER_LIST.binary_search(&head).is_ok()
}

fn cost_map_model_name(model: &str, provider: Option<&str>) -> String {
    match provider {
        Some(p) if !known_provider_prefix(model) => {
            let prefixed = format!("{p}/{model}");
            let segments: Vec<&str> = prefixed.split('/').collect();
            if entries::contains(&segments[1..].join("/")) {
                return prefixed;
            }
            let tail = &segments[1..];
            let strippable = tail
                .iter()
                .position(|s| {
                    known_provider_prefix(s) && crate::providers::PROVIDER_LIST.contains(s)
                })
                .unwrap_or(tail.len());
            (0..=strippable.min(tail.len().saturating_sub(1)))
                .map(|start| format!("{}/{}", segments[0], tail[start..].join("/")))
                .find(|c| entries::contains(c))
                .unwrap_or(prefixed)
        }
        _ => model.to_owned(),
    }
}

fn provider_for_cost(model: Option<&str>, provider: Option<&str>) -> Option<String> {
    if let Some(p) = provider {
        return Some(p.to_owned());
    }
    let m = model?;
    crate::providers::resolve(m, None, None)
        .ok()
        .map(|r| r.provider)
}

fn resolves_to_rates(model: &str, provider: Option<&str>) -> bool {
    let Ok(found) = info::lookup(model, provider) else {
        return false;
    };
    let e = &found.entry;
    [
        "input_cost_per_token",
        "output_cost_per_token",
        "input_cost_per_second",
        "output_cost_per_second",
        "cost_per_second",
    ]
    .iter()
    .any(|k| e.get(*k).is_some_and(|v| !v.is_null()))
        || e.get("tiered_pricing").is_some_and(|v| !v.is_null())
}

fn select_model(req: &CompletionCostRequest) -> Option<String> {
    let provider = provider_for_cost(req.model.as_deref(), req.custom_llm_provider.as_deref());
    let served = req
        .response
        .as_ref()
        .and_then(|r| r.get("model"))
        .and_then(Value::as_str)
        .filter(|m| !m.is_empty())
        .map(str::to_owned);
    if let Some(served) = served {
        let served_name = cost_map_model_name(&served, provider.as_deref());
        let Some(requested) = &req.model else {
            return Some(served_name);
        };
        let requested_name = cost_map_model_name(requested, provider.as_deref());
        if served_name == requested_name
            || requested_name.split_once('/').map(|x| x.1) == Some(served_name.as_str())
        {
            return Some(served_name);
        }
        let pricing_provider = provider_for_cost(Some(&requested_name), provider.as_deref());
        if resolves_to_rates(&served_name, pricing_provider.as_deref()) {
            return Some(served_name);
        }
        return Some(
            if resolves_to_rates(&requested_name, pricing_provider.as_deref()) {
                requested_name
            } else {
                served_name
            },
        );
    }
    req.model
        .as_ref()
        .map(|m| cost_map_model_name(m, provider.as_deref()))
}

/// litellm's `completion_cost` for chat / text / embedding calls: USD.
pub fn completion_cost(req: &CompletionCostRequest) -> Result<f64, CostError> {
    let selected = select_model(req);
    let response_model = req
        .response
        .as_ref()
        .and_then(|r| r.get("model"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut candidates: Vec<String> = Vec::new();
    for c in [selected, response_model, req.model.clone()]
        .into_iter()
        .flatten()
    {
        if !candidates.contains(&c) {
            candidates.push(c);
        }
    }
    if candidates.is_empty() {
        return Err(CostError::Value(
            "Model is None and does not exist in passed completion_response. Passed \
             completion_response=None, model=None"
                .to_owned(),
        ));
    }
    let mut last_error = None;
    for candidate in &candidates {
        match cost_for_candidate(req, candidate) {
            Ok(cost) => return Ok(cost),
            Err(e) => last_error = Some(e),
        }
    }
    Err(last_error.unwrap_or_else(|| CostError::Value("no model to price".to_owned())))
}

fn cost_for_candidate(req: &CompletionCostRequest, candidate: &str) -> Result<f64, CostError> {
    let mut provider = req.custom_llm_provider.clone();
    let mut region = req.region_name.clone();
    let model = candidate.to_owned();
    let (prompt_tokens, completion_tokens, cache_creation, cache_read, usage) = match &req.response
    {
        Some(response) => {
            let usage_json = response
                .get("usage")
                .cloned()
                .unwrap_or(Value::Object(Map::new()));
            let usage_json = if usage_json.is_null() {
                Value::Object(Map::new())
            } else {
                usage_json
            };
            let mut cache_read = num(usage_json.get("cache_read_input_tokens"));
            if let Some(Value::Object(d)) = usage_json.get("prompt_tokens_details") {
                if !d.is_empty() {
                    cache_read = num(d.get("cached_tokens"));
                }
            }
            if let Some(hidden) = &req.hidden {
                if let Some(p) = hidden.get("custom_llm_provider").and_then(Value::as_str) {
                    provider = Some(p.to_owned());
                }
                if let Some(r) = hidden.get("region_name").and_then(Value::as_str) {
                    region = Some(r.to_owned());
                }
            }
            (
                num(usage_json.get("prompt_tokens")),
                num(usage_json.get("completion_tokens")),
                num(usage_json.get("cache_creation_input_tokens")),
                cache_read,
                Some(Usage::from_json(&usage_json)),
            )
        }
        None => {
            let mut counter = tokens::tiktoken_counter(&model);
            let count = |req: tokens::CountRequest<'_>, counter: &mut dyn tokens::TextCounter| {
                tokens::token_counter(&req, counter).map_err(|e| CostError::Value(e.message))
            };
            let prompt = if !req.messages.is_empty() {
                count(
                    tokens::CountRequest {
                        model: &model,
                        messages: Some(&req.messages),
                        ..Default::default()
                    },
                    &mut counter,
                )?
            } else if !req.prompt.is_empty() {
                let text = Value::from(req.prompt.as_str());
                count(
                    tokens::CountRequest {
                        model: &model,
                        text: Some(&text),
                        ..Default::default()
                    },
                    &mut counter,
                )?
            } else {
                0
            };
            let text = Value::from(req.completion.as_str());
            let completion = count(
                tokens::CountRequest {
                    model: &model,
                    text: Some(&text),
                    ..Default::default()
                },
                &mut counter,
            )?;
            (prompt as f64, completion as f64, 0.0, 0.0, None)
        }
    };
    if provider.is_none() {
        if let Ok(r) = crate::providers::resolve(&model, None, None) {
            provider = Some(r.provider);
        }
    }
    let call_type = req
        .call_type
        .clone()
        .unwrap_or_else(|| "completion".to_owned());
    let (p, c) = cost_per_token(&CostRequest {
        model,
        prompt_tokens,
        completion_tokens,
        response_time_ms: req.total_time * 1000.0,
        custom_llm_provider: provider,
        region_name: region,
        cache_creation_input_tokens: cache_creation,
        cache_read_input_tokens: cache_read,
        custom_cost_per_token: req.custom_cost_per_token,
        custom_cost_per_second: req.custom_cost_per_second,
        usage,
        call_type,
        prompt_characters: None,
    })?;
    Ok(p + c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1e-9)
    }

    fn cpt(model: &str, p: f64, c: f64) -> (f64, f64) {
        cost_per_token(&CostRequest {
            model: model.into(),
            prompt_tokens: p,
            completion_tokens: c,
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn recorded_examples() {
        let (p, c) = cpt("gpt-4o", 1000.0, 500.0);
        assert!(close(p, 0.0025) && close(c, 0.005));
        let (p, _) = cost_per_token(&CostRequest {
            model: "anthropic/claude-sonnet-4-5".into(),
            prompt_tokens: 1000.0,
            completion_tokens: 100.0,
            cache_creation_input_tokens: 100.0,
            cache_read_input_tokens: 200.0,
            ..Default::default()
        })
        .unwrap();
        assert!(close(p, 0.002535), "{p}");
        assert!(matches!(
            cost_per_token(&CostRequest {
                model: "zzz-model".into(),
                ..Default::default()
            }),
            Err(CostError::Provider(_))
        ));
    }
}
