//! ferrolite: litellm's API on a Rust engine. Module tree and re-exports only.

// `LlmError` carries the provider's status, headers and body by value; errors are the cold
// path, so the larger `Result` is worth not boxing every error.
#![allow(clippy::result_large_err)]

pub mod config;
pub mod cost;
pub mod engine;
pub mod error;
pub mod http;
pub mod providers;
pub mod types;

#[cfg(feature = "python")]
mod python;

pub use error::{ErrorKind, LlmError};
