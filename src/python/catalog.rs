//! Catalog lookups for the Python surface (`model_cost`, `model_list`, `get_model_info`) and
//! token counting.

use pyo3::prelude::*;

use crate::cost::{catalog, tokens};
use crate::providers;

/// The whole catalog as JSON text (`litellm.model_cost` is built from it on first access).
#[pyfunction]
pub fn model_cost_json() -> &'static str {
    catalog::raw_json()
}

/// Bare chat/completion model names (`litellm.model_list`).
#[pyfunction]
pub fn chat_model_names() -> Vec<&'static str> {
    catalog::chat_model_names()
}

/// `(key, entry JSON)` of the catalog entry that prices and limits `model`, if any.
#[pyfunction]
#[pyo3(signature = (model, custom_llm_provider=None))]
pub fn model_info(model: &str, custom_llm_provider: Option<&str>) -> Option<(String, String)> {
    let (provider, bare) = match providers::resolve(model, custom_llm_provider, None) {
        Ok(r) => (r.provider, r.model),
        Err(_) => (String::new(), model.to_string()),
    };
    let entry = catalog::lookup(&provider, &bare)
        .or_else(|| catalog::get(model))
        .or_else(|| catalog::get(&bare))?;
    let raw = catalog::raw_entry(entry.key)?;
    Some((entry.key.to_string(), raw.get().to_string()))
}

/// Tokens in `text` for `model` (tiktoken-compatible encodings).
#[pyfunction]
pub fn count_text(model: &str, text: &str) -> usize {
    tokens::count_text(model, text)
}
