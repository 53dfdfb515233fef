//! All pyo3 code: the `litellm._litellm` extension module. Everything here runs on the
//! caller's thread with the GIL (or explicitly detached while waiting); engine threads never
//! see a Python object.

mod args;
mod auth;
mod bridge;
mod calls;
mod catalog;
mod classes;
mod cost;
mod errors;
mod json;
mod log;
mod settings;
mod stream;
mod wait;

use pyo3::prelude::*;

#[pymodule]
fn _litellm(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // Panics are contained and reported as litellm.APIError (and logged); Rust's default
    // hook would print them to stderr on its own.
    crate::engine::guard::install_quiet_panic_hook();
    m.add_function(wrap_pyfunction!(calls::completion, m)?)?;
    m.add_function(wrap_pyfunction!(calls::embedding, m)?)?;
    m.add_function(wrap_pyfunction!(calls::prepare_async, m)?)?;
    m.add_function(wrap_pyfunction!(calls::get_llm_provider, m)?)?;
    m.add_function(wrap_pyfunction!(calls::supported_openai_params, m)?)?;
    m.add_function(wrap_pyfunction!(calls::provider_list, m)?)?;
    m.add_function(wrap_pyfunction!(calls::engine_providers, m)?)?;
    m.add_function(wrap_pyfunction!(calls::stream_chunk_builder, m)?)?;
    m.add_function(wrap_pyfunction!(calls::shutdown, m)?)?;
    m.add_function(wrap_pyfunction!(settings::load_dotenv, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::model_cost_json, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::chat_model_names, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::model_info, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::count_text, m)?)?;
    m.add_function(wrap_pyfunction!(classes::usage_details_from_json, m)?)?;
    cost::register(m)?;
    m.add_class::<calls::AsyncCall>()?;
    m.add_class::<bridge::LoopBridge>()?;
    m.add_class::<stream::NativeStream>()?;
    m.add("PENDING", stream::pending_sentinel(m.py())?)?;
    Ok(())
}
