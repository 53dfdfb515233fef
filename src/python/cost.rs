//! The binding of token counting, pricing and the catalog overlay (`litellm.token_counter`,
//! `encode`, `decode`, `litellm.encoding`, `completion_cost`, `cost_per_token`,
//! `litellm.model_cost` writes). Arguments are converted to JSON once; every rule lives in
//! `crate::cost`.

use std::collections::HashSet;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde_json::Value;

use super::json::to_json;
use crate::cost::tokens::{self, CountRequest, Encoding, TextCounter, TokenError};

fn opt_json(obj: Option<&Bound<'_, PyAny>>, path: &str) -> PyResult<Option<Value>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => to_json(o, path).map(Some),
    }
}

/// Counts with a Python callable (`str -> int`), for a caller's Hugging Face tokenizer.
struct PyCounter<'py> {
    count: Bound<'py, PyAny>,
}

impl TextCounter for PyCounter<'_> {
    fn count(&mut self, text: &str) -> Result<usize, TokenError> {
        self.count
            .call1((text,))
            .and_then(|n| n.extract::<usize>())
            .map_err(|e| TokenError {
                message: e.to_string(),
            })
    }
}

/// `token_counter(...)`; `count` is an optional callable counting one text with a custom
/// tokenizer.
#[pyfunction]
#[pyo3(signature = (model, text=None, messages=None, count_response_tokens=false, tools=None,
    tool_choice=None, use_default_image_token_count=false, default_token_count=None, count=None))]
#[allow(clippy::too_many_arguments)]
pub fn token_counter(
    model: &str,
    text: Option<&Bound<'_, PyAny>>,
    messages: Option<&Bound<'_, PyAny>>,
    count_response_tokens: bool,
    tools: Option<&Bound<'_, PyAny>>,
    tool_choice: Option<&Bound<'_, PyAny>>,
    use_default_image_token_count: bool,
    default_token_count: Option<i64>,
    count: Option<&Bound<'_, PyAny>>,
) -> PyResult<i64> {
    let text = opt_json(text, "text")?;
    let messages = match opt_json(messages, "messages")? {
        None => None,
        Some(Value::Array(items)) => Some(items),
        Some(_) => return Err(PyTypeError::new_err("messages must be a list")),
    };
    let tools = opt_json(tools, "tools")?;
    let tool_choice = opt_json(tool_choice, "tool_choice")?;
    let req = CountRequest {
        model,
        text: text.as_ref(),
        messages: messages.as_deref(),
        count_response_tokens,
        tools: tools.as_ref(),
        tool_choice: tool_choice.as_ref(),
        use_default_image_token_count,
        default_token_count,
    };
    let result = match count {
        Some(f) if !f.is_none() => {
            let mut counter = PyCounter { count: f.clone() };
            tokens::token_counter(&req, &mut counter)
        }
        _ => {
            let mut counter = tokens::tiktoken_counter(model);
            tokens::token_counter(&req, &mut counter)
        }
    };
    result.map_err(|e| PyValueError::new_err(e.message))
}

/// The tiktoken encoding name `token_counter` uses for `model`.
#[pyfunction]
pub fn encoding_name_for_model(model: &str) -> &'static str {
    tokens::encoding_name_for_model(model)
}

fn encoding(name: &str) -> PyResult<Encoding> {
    Encoding::from_name(name)
        .ok_or_else(|| PyValueError::new_err(format!("Unknown encoding {name}")))
}

/// `Encoding.encode(text, allowed_special=..., disallowed_special=...)`: `allowed` / `disallowed`
/// are the resolved sets of special tokens.
#[pyfunction]
#[pyo3(signature = (name, text, allowed=Vec::new(), disallowed=Vec::new()))]
pub fn encoding_encode(
    name: &str,
    text: &str,
    allowed: Vec<String>,
    disallowed: Vec<String>,
) -> PyResult<Vec<u32>> {
    let enc = encoding(name)?;
    let allowed: HashSet<&str> = allowed.iter().map(String::as_str).collect();
    let disallowed: HashSet<&str> = disallowed.iter().map(String::as_str).collect();
    enc.encode(text, &allowed, &disallowed).map_err(|token| {
        PyValueError::new_err(
            format!(
                "Encountered text corresponding to disallowed special token {token:?}.\n\
             If you want this text to be encoded as a special token, pass it to `allowed_special`, \
             e.g. `allowed_special={{{token:?}, ...}}`.\n\
             If you want this text to be encoded as normal text, disable the check for this token \
             by passing `disallowed_special=(enc.special_tokens_set - {{{token:?}}})`.\n\
             To disable this check for all special tokens, pass `disallowed_special=()`.\n"
            )
            .replace('"', "'"),
        )
    })
}

/// `Encoding.decode(tokens)` (invalid UTF-8 replaced).
#[pyfunction]
pub fn encoding_decode(name: &str, tokens: Vec<u32>) -> PyResult<String> {
    encoding(name)?
        .decode(&tokens)
        .map_err(|id| PyValueError::new_err(format!("Invalid token for decoding: {id}")))
}

/// The special tokens of an encoding.
#[pyfunction]
pub fn encoding_special_tokens(name: &str) -> PyResult<Vec<String>> {
    Ok(encoding(name)?.special_tokens())
}

/// Number of tokens of `text` in encoding `name` (ordinary text).
#[pyfunction]
pub fn encoding_count(name: &str, text: &Bound<'_, PyString>) -> PyResult<usize> {
    Ok(encoding(name)?.count_ordinary(text.to_str()?))
}

/// Adds this module's functions to the extension module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(token_counter, m)?)?;
    m.add_function(wrap_pyfunction!(encoding_name_for_model, m)?)?;
    m.add_function(wrap_pyfunction!(encoding_encode, m)?)?;
    m.add_function(wrap_pyfunction!(encoding_decode, m)?)?;
    m.add_function(wrap_pyfunction!(encoding_special_tokens, m)?)?;
    m.add_function(wrap_pyfunction!(encoding_count, m)?)?;
    m.add_function(wrap_pyfunction!(model_info_dict, m)?)?;
    m.add_function(wrap_pyfunction!(supports, m)?)?;
    m.add_function(wrap_pyfunction!(max_tokens, m)?)?;
    m.add_function(wrap_pyfunction!(cost_per_token, m)?)?;
    m.add_function(wrap_pyfunction!(completion_cost, m)?)?;
    m.add_function(wrap_pyfunction!(catalog_set, m)?)?;
    m.add_function(wrap_pyfunction!(catalog_remove, m)?)?;
    m.add_function(wrap_pyfunction!(catalog_clear, m)?)?;
    m.add_function(wrap_pyfunction!(catalog_reset, m)?)?;
    m.add_function(wrap_pyfunction!(catalog_entry, m)?)?;
    m.add_function(wrap_pyfunction!(catalog_register, m)?)?;
    m.add_function(wrap_pyfunction!(validate_environment, m)?)?;
    m.add_function(wrap_pyfunction!(valid_models, m)?)?;
    Ok(())
}

// --- model info and capabilities -------------------------------------------------------------

use super::json::to_py;
use crate::cost::info;

/// `get_model_info` without `supported_openai_params`: `(info, None)` or `(None, message)`
/// when the model is not mapped.
#[pyfunction]
#[pyo3(signature = (model, custom_llm_provider=None))]
pub fn model_info_dict<'py>(
    py: Python<'py>,
    model: &str,
    custom_llm_provider: Option<&str>,
) -> PyResult<(Option<Bound<'py, PyAny>>, Option<String>)> {
    match info::model_info(model, custom_llm_provider) {
        Ok(map) => Ok((Some(to_py(py, &Value::Object(map))?), None)),
        Err(e) => Ok((None, Some(e.message().to_owned()))),
    }
}

/// `supports_<key>(model, custom_llm_provider)`.
#[pyfunction]
#[pyo3(signature = (model, custom_llm_provider, key))]
pub fn supports(model: &str, custom_llm_provider: Option<&str>, key: &str) -> bool {
    if key == "supports_response_schema" {
        return info::supports_response_schema(model, custom_llm_provider);
    }
    info::supports(model, custom_llm_provider, key)
}

/// `get_max_tokens(model)`: `(found, value or the unmapped name)`.
#[pyfunction]
pub fn max_tokens<'py>(py: Python<'py>, model: &str) -> PyResult<(bool, Bound<'py, PyAny>)> {
    match info::max_tokens(model) {
        Ok(v) => Ok((true, to_py(py, &v.unwrap_or(Value::Null))?)),
        Err(name) => Ok((false, PyString::new(py, &name).into_any())),
    }
}

// --- pricing -------------------------------------------------------------------------------

use crate::cost::price::{
    self, CompletionCostRequest, CostError, CostRequest, CustomPrices, Usage,
};

fn cost_error(py: Python<'_>, e: CostError) -> PyErr {
    match e {
        CostError::Provider(e) => super::errors::to_pyerr(py, &e),
        CostError::Value(m) => PyValueError::new_err(m),
        CostError::NotMapped(m) => match py
            .import("litellm.exceptions")
            .and_then(|m| m.getattr("ModelNotMappedError"))
            .and_then(|cls| cls.call1((m.clone(),)))
        {
            Ok(exc) => PyErr::from_value(exc),
            Err(err) => err,
        },
    }
}

fn custom_prices(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<CustomPrices>> {
    let Some(v) = opt_json(obj, "custom_cost_per_token")? else {
        return Ok(None);
    };
    let get = |k: &str| v.get(k).and_then(Value::as_f64);
    let required =
        |k: &str| get(k).ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(format!("'{k}'")));
    Ok(Some(CustomPrices {
        input: required("input_cost_per_token")?,
        output: required("output_cost_per_token")?,
        cache_read: get("cache_read_input_token_cost"),
        cache_creation: get("cache_creation_input_token_cost"),
    }))
}

/// `cost_per_token(...)` -> `(prompt_cost, completion_cost)`.
#[pyfunction]
#[pyo3(signature = (model, prompt_tokens=0.0, completion_tokens=0.0, response_time_ms=0.0,
    custom_llm_provider=None, region_name=None, cache_creation_input_tokens=0.0,
    cache_read_input_tokens=0.0, custom_cost_per_token=None, custom_cost_per_second=None,
    usage_object=None, call_type="completion", prompt_characters=None))]
#[allow(clippy::too_many_arguments)]
pub fn cost_per_token(
    py: Python<'_>,
    model: &str,
    prompt_tokens: f64,
    completion_tokens: f64,
    response_time_ms: f64,
    custom_llm_provider: Option<String>,
    region_name: Option<String>,
    cache_creation_input_tokens: f64,
    cache_read_input_tokens: f64,
    custom_cost_per_token: Option<&Bound<'_, PyAny>>,
    custom_cost_per_second: Option<f64>,
    usage_object: Option<&Bound<'_, PyAny>>,
    call_type: &str,
    prompt_characters: Option<f64>,
) -> PyResult<(f64, f64)> {
    let usage = opt_json(usage_object, "usage_object")?.map(|u| Usage::from_json(&u));
    let req = CostRequest {
        model: model.to_owned(),
        prompt_tokens,
        completion_tokens,
        response_time_ms,
        custom_llm_provider,
        region_name,
        cache_creation_input_tokens,
        cache_read_input_tokens,
        custom_cost_per_token: custom_prices(custom_cost_per_token)?,
        custom_cost_per_second,
        usage,
        call_type: call_type.to_owned(),
        prompt_characters,
    };
    price::cost_per_token(&req).map_err(|e| cost_error(py, e))
}

/// What pricing reads of a response: its `model` and `usage`. A response object gives just
/// those two attributes (dumping the whole object would cost more than the pricing); a dict
/// is taken as it is.
fn response_facts(response: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Value>> {
    let Some(r) = response.filter(|r| !r.is_none()) else {
        return Ok(None);
    };
    if r.is_instance_of::<pyo3::types::PyDict>() {
        return to_json(r, "completion_response").map(Some);
    }
    let mut m = serde_json::Map::new();
    for key in ["model", "usage", "object"] {
        if let Ok(v) = r.getattr(key) {
            if !v.is_none() {
                m.insert(
                    key.to_string(),
                    to_json(&v, &format!("completion_response.{key}"))?,
                );
            }
        }
    }
    Ok(Some(Value::Object(m)))
}

/// `completion_cost(...)` in USD.
#[pyfunction]
#[pyo3(signature = (completion_response=None, hidden_params=None, model=None, prompt=String::new(),
    messages=None, completion=String::new(), total_time=0.0, call_type=None,
    custom_llm_provider=None, region_name=None, custom_cost_per_token=None,
    custom_cost_per_second=None))]
#[allow(clippy::too_many_arguments)]
pub fn completion_cost(
    py: Python<'_>,
    completion_response: Option<&Bound<'_, PyAny>>,
    hidden_params: Option<&Bound<'_, PyAny>>,
    model: Option<String>,
    prompt: String,
    messages: Option<&Bound<'_, PyAny>>,
    completion: String,
    total_time: f64,
    call_type: Option<String>,
    custom_llm_provider: Option<String>,
    region_name: Option<String>,
    custom_cost_per_token: Option<&Bound<'_, PyAny>>,
    custom_cost_per_second: Option<f64>,
) -> PyResult<f64> {
    let messages = match opt_json(messages, "messages")? {
        Some(Value::Array(m)) => m,
        _ => Vec::new(),
    };
    let hidden = match opt_json(hidden_params, "_hidden_params") {
        Ok(Some(Value::Object(m))) => Some(m),
        _ => None,
    };
    let req = CompletionCostRequest {
        response: response_facts(completion_response)?,
        hidden,
        model,
        prompt,
        messages,
        completion,
        total_time,
        call_type,
        custom_llm_provider,
        region_name,
        custom_cost_per_token: custom_prices(custom_cost_per_token)?,
        custom_cost_per_second,
    };
    price::completion_cost(&req).map_err(|e| cost_error(py, e))
}

// --- the catalog overlay (litellm.model_cost writes) ---------------------------------------

use crate::cost::entries;

/// `litellm.model_cost[key] = entry`.
#[pyfunction]
pub fn catalog_set(key: &str, entry: &Bound<'_, PyAny>) -> PyResult<()> {
    match to_json(entry, &format!("model_cost['{key}']"))? {
        Value::Object(map) => {
            entries::set(key, map);
            Ok(())
        }
        _ => Err(PyTypeError::new_err(format!(
            "litellm.model_cost['{key}'] must be a dict"
        ))),
    }
}

/// `del litellm.model_cost[key]`; false when absent.
#[pyfunction]
pub fn catalog_remove(key: &str) -> bool {
    entries::remove(key)
}

/// `litellm.model_cost.clear()`.
#[pyfunction]
pub fn catalog_clear() {
    entries::clear();
}

/// Drop every run-time change.
#[pyfunction]
pub fn catalog_reset() {
    entries::reset();
}

/// The entry under `key` as the engine sees it, or None.
#[pyfunction]
pub fn catalog_entry<'py>(py: Python<'py>, key: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    entries::get(key)
        .map(|e| to_py(py, &Value::Object((*e).clone())))
        .transpose()
}

/// `register_model`: merge `entry` onto the catalog entry `key` resolves to; returns the key
/// written.
#[pyfunction]
#[pyo3(signature = (key, entry, custom_llm_provider=None))]
pub fn catalog_register(
    key: &str,
    entry: &Bound<'_, PyAny>,
    custom_llm_provider: Option<&str>,
) -> PyResult<String> {
    match to_json(entry, &format!("model_cost['{key}']"))? {
        Value::Object(map) => Ok(entries::register(key, map, custom_llm_provider)),
        _ => Err(PyTypeError::new_err(format!(
            "model_cost['{key}'] must be a dict"
        ))),
    }
}

// --- environment -----------------------------------------------------------------------------

use crate::cost::environment;

/// `validate_environment`: `(keys_in_environment, missing_keys)`; `env` are the names set.
#[pyfunction]
#[pyo3(signature = (model, env, passed))]
pub fn validate_environment(
    model: &str,
    env: Vec<String>,
    passed: Vec<String>,
) -> (bool, Vec<String>) {
    let provider = crate::providers::resolve(model, None, None)
        .ok()
        .map(|r| r.provider);
    let env = env.into_iter().collect();
    let passed: Vec<&str> = passed.iter().map(String::as_str).collect();
    environment::validate(provider.as_deref(), &env, &passed)
}

/// `get_valid_models` without network.
#[pyfunction]
#[pyo3(signature = (custom_llm_provider, env))]
pub fn valid_models(custom_llm_provider: Option<&str>, env: Vec<String>) -> Vec<String> {
    let providers: Vec<&str> = match custom_llm_provider.filter(|p| !p.is_empty()) {
        Some(p) => vec![p],
        None => {
            let env = env.into_iter().collect();
            environment::providers_with_keys(crate::providers::PROVIDER_LIST, &env)
        }
    };
    providers
        .into_iter()
        .flat_map(environment::valid_models_of)
        .collect()
}
