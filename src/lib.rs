//! ferrolite: litellm's API on a Rust engine. Module tree and re-exports only.

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
