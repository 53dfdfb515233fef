//! Per-token pricing of one call from its usage counts and a catalog entry (litellm's
//! `cost_per_token` / `completion_cost` for token-priced models). It does not find the entry
//! (`super::catalog::lookup`) nor count tokens (`super::tokens`); per-second, per-image and
//! per-character prices, batch / priority / flex tiers and custom prices are the caller's.

use super::catalog::ModelEntry;

/// Token counts of one call, OpenAI-shaped: `cached_tokens`, `cache_creation_tokens` are
/// SUBSETS of `prompt_tokens`, `reasoning_tokens` a subset of `completion_tokens`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UsageCounts {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    /// Prompt tokens read from the provider's prompt cache (`prompt_tokens_details.cached_tokens`,
    /// Anthropic `cache_read_input_tokens`).
    pub cached_tokens: u64,
    /// Prompt tokens written to the cache (Anthropic `cache_creation_input_tokens`).
    pub cache_creation_tokens: u64,
    /// Completion tokens spent reasoning (`completion_tokens_details.reasoning_tokens`).
    pub reasoning_tokens: u64,
}

impl UsageCounts {
    pub fn new(prompt_tokens: u64, completion_tokens: u64) -> Self {
        UsageCounts {
            prompt_tokens,
            completion_tokens,
            ..UsageCounts::default()
        }
    }

    /// From Anthropic's native usage, whose `input_tokens` EXCLUDES cache reads and writes;
    /// the OpenAI-shaped `prompt_tokens` (what litellm reports and we bill) includes both.
    pub fn from_anthropic(
        input_tokens: u64,
        output_tokens: u64,
        cache_read_input_tokens: u64,
        cache_creation_input_tokens: u64,
    ) -> Self {
        UsageCounts {
            prompt_tokens: input_tokens
                .saturating_add(cache_read_input_tokens)
                .saturating_add(cache_creation_input_tokens),
            completion_tokens: output_tokens,
            cached_tokens: cache_read_input_tokens,
            cache_creation_tokens: cache_creation_input_tokens,
            reasoning_tokens: 0,
        }
    }
}

/// The per-token prices that apply to a call of `prompt_tokens` prompt tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TokenPrices {
    pub input: f64,
    pub output: f64,
    pub cache_read: f64,
    pub cache_creation: f64,
    pub reasoning: f64,
}

/// Prices for a call: the base prices, replaced field by field by the highest long-context
/// tier whose threshold the prompt exceeds (`*_above_200k_tokens`, as litellm). A missing
/// cache price falls back to the input price, a missing reasoning price to the output price,
/// and a missing input or output price counts as 0 (litellm's default) — but an entry with
/// neither input nor output price is unpriced: `None`.
pub fn token_prices(entry: &ModelEntry, prompt_tokens: u64) -> Option<TokenPrices> {
    if entry.input_cost_per_token.is_none() && entry.output_cost_per_token.is_none() {
        return None;
    }
    let tier = entry
        .tiers
        .iter()
        .rev()
        .find(|t| prompt_tokens > t.above_tokens);
    let pick = |tiered: Option<f64>, base: Option<f64>| tiered.or(base);
    let input = pick(
        tier.and_then(|t| t.input_cost_per_token),
        entry.input_cost_per_token,
    )
    .unwrap_or(0.0);
    let output = pick(
        tier.and_then(|t| t.output_cost_per_token),
        entry.output_cost_per_token,
    )
    .unwrap_or(0.0);
    let cache_read = pick(
        tier.and_then(|t| t.cache_read_input_token_cost),
        entry.cache_read_input_token_cost,
    )
    .unwrap_or(input);
    let cache_creation = pick(
        tier.and_then(|t| t.cache_creation_input_token_cost),
        entry.cache_creation_input_token_cost,
    )
    .unwrap_or(input);
    let reasoning = entry.output_cost_per_reasoning_token.unwrap_or(output);
    Some(TokenPrices {
        input,
        output,
        cache_read,
        cache_creation,
        reasoning,
    })
}

/// `(prompt_cost, completion_cost)` in USD, or `None` when the entry has no token prices.
/// Prompt: uncached tokens at the input price, cache reads at `cache_read_input_token_cost`,
/// cache writes at `cache_creation_input_token_cost` (subsets clamp to `prompt_tokens`).
/// Completion: reasoning tokens at `output_cost_per_reasoning_token` if the map has one, the
/// rest at the output price.
pub fn cost_per_token(entry: &ModelEntry, usage: &UsageCounts) -> Option<(f64, f64)> {
    let prices = token_prices(entry, usage.prompt_tokens)?;
    let cached = usage.cached_tokens.min(usage.prompt_tokens);
    let creation = usage
        .cache_creation_tokens
        .min(usage.prompt_tokens - cached);
    let uncached = usage.prompt_tokens - cached - creation;
    let prompt = uncached as f64 * prices.input
        + cached as f64 * prices.cache_read
        + creation as f64 * prices.cache_creation;
    let reasoning = usage.reasoning_tokens.min(usage.completion_tokens);
    let completion = (usage.completion_tokens - reasoning) as f64 * prices.output
        + reasoning as f64 * prices.reasoning;
    Some((prompt, completion))
}

/// Total USD cost of a call (`prompt_cost + completion_cost`), `None` when unpriced.
pub fn completion_cost(entry: &ModelEntry, usage: &UsageCounts) -> Option<f64> {
    cost_per_token(entry, usage).map(|(p, c)| p + c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::catalog::{get, lookup, PriceTier};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1e-9)
    }

    #[test]
    fn gpt_4o_basic() {
        let e = get("gpt-4o").unwrap();
        let (p, c) = cost_per_token(e, &UsageCounts::new(1000, 1000)).unwrap();
        assert!(close(p, 0.0025) && close(c, 0.01), "{p} {c}");
        assert!(close(
            completion_cost(e, &UsageCounts::new(1000, 1000)).unwrap(),
            0.0125
        ));
    }

    #[test]
    fn gpt_4o_cached_prompt() {
        let e = get("gpt-4o").unwrap();
        let usage = UsageCounts {
            cached_tokens: 500,
            ..UsageCounts::new(1000, 0)
        };
        let (p, c) = cost_per_token(e, &usage).unwrap();
        assert!(close(p, 0.001875), "{p}");
        assert_eq!(c, 0.0);
        // A cached count above prompt_tokens is clamped, never negative.
        let usage = UsageCounts {
            cached_tokens: 5000,
            ..UsageCounts::new(1000, 0)
        };
        let (p, _) = cost_per_token(e, &usage).unwrap();
        assert!(close(p, 1000.0 * 1.25e-6), "{p}");
    }

    #[test]
    fn other_reference_entries() {
        let mini = get("gpt-4o-mini").unwrap();
        let (p, c) = cost_per_token(mini, &UsageCounts::new(1_000_000, 1_000_000)).unwrap();
        assert!(close(p, 0.15) && close(c, 0.6), "{p} {c}");
        let azure = lookup("azure", "gpt-4o").unwrap();
        assert!(cost_per_token(azure, &UsageCounts::new(10, 10)).is_some());
        let o3 = get("o3-mini").unwrap();
        let (p, c) = cost_per_token(o3, &UsageCounts::new(2000, 500)).unwrap();
        assert!(
            close(p, 2000.0 * 1.1e-6) && close(c, 500.0 * 4.4e-6),
            "{p} {c}"
        );
    }

    #[test]
    fn anthropic_cache_reads_and_writes() {
        let e = get("claude-sonnet-4-5").unwrap();
        // Native Anthropic usage: 100 fresh input, 1000 cache reads, 200 cache writes.
        let usage = UsageCounts::from_anthropic(100, 50, 1000, 200);
        assert_eq!(usage.prompt_tokens, 1300);
        let (p, c) = cost_per_token(e, &usage).unwrap();
        let want = 100.0 * 3e-6 + 1000.0 * 3e-7 + 200.0 * 3.75e-6;
        assert!(close(p, want), "{p} vs {want}");
        assert!(close(c, 50.0 * 1.5e-5), "{c}");
    }

    #[test]
    fn long_context_tier() {
        let e = get("gemini-2.5-pro").unwrap();
        let (p, c) = cost_per_token(e, &UsageCounts::new(200_000, 100)).unwrap();
        assert!(close(p, 200_000.0 * 1.25e-6) && close(c, 100.0 * 1e-5));
        let (p, c) = cost_per_token(e, &UsageCounts::new(200_001, 100)).unwrap();
        assert!(close(p, 200_001.0 * 2.5e-6) && close(c, 100.0 * 1.5e-5));
    }

    #[test]
    fn reasoning_and_fallbacks() {
        let entry = ModelEntry {
            key: "test",
            provider: "test",
            input_cost_per_token: Some(1e-6),
            output_cost_per_token: Some(2e-6),
            output_cost_per_reasoning_token: Some(3e-6),
            tiers: vec![PriceTier {
                above_tokens: 10,
                input_cost_per_token: Some(5e-6),
                ..PriceTier::default()
            }]
            .into_boxed_slice(),
            ..ModelEntry::default()
        };
        let usage = UsageCounts {
            reasoning_tokens: 40,
            cached_tokens: 2,
            ..UsageCounts::new(10, 100)
        };
        let (p, c) = cost_per_token(&entry, &usage).unwrap();
        // No cache price in the map: cached tokens bill at the input price.
        assert!(close(p, 10.0 * 1e-6), "{p}");
        assert!(close(c, 60.0 * 2e-6 + 40.0 * 3e-6), "{c}");
        let (p, _) = cost_per_token(&entry, &UsageCounts::new(11, 0)).unwrap();
        assert!(close(p, 11.0 * 5e-6), "{p}");
    }

    #[test]
    fn unpriced_is_none() {
        let whisper = get("whisper-1").unwrap();
        assert!(whisper.input_cost_per_token.is_none());
        assert_eq!(completion_cost(whisper, &UsageCounts::new(10, 10)), None);
        assert_eq!(
            completion_cost(&ModelEntry::default(), &UsageCounts::new(1, 1)),
            None
        );
    }
}
