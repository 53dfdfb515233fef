//! Model catalog, pricing and token counting (placeholder until the catalog lands).
pub mod catalog;
