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
    Ok(())
}
