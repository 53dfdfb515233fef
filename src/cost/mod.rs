//! Model catalog, pricing and token counting (placeholder until the catalog lands).
pub mod catalog;

/// Cost of a call in USD, `None` when the model is unpriced (placeholder until pricing lands).
pub fn response_cost(
    _provider: &str,
    _model: &str,
    _usage: &crate::types::UsageCounts,
) -> Option<f64> {
    None
}
