//! The one retry policy: which failures earn another attempt and how long to wait first.
//! Matches what litellm users observe through the OpenAI SDK: exponential backoff from 0.5 s,
//! capped at 8 s, with jitter; a server's `retry-after-ms` / `retry-after` of up to 60 s wins.

use std::time::Duration;

use crate::error::LlmError;

const INITIAL_DELAY: f64 = 0.5;
const MAX_DELAY: f64 = 8.0;
const MAX_SERVER_DELAY: Duration = Duration::from_secs(60);

/// Should `err`, after `attempt` retries already made out of `max_retries`, be retried?
pub fn should_retry(err: &LlmError, attempt: u32, max_retries: u32) -> bool {
    attempt < max_retries && err.retryable
}

/// How long to sleep before retry number `attempt` (0-based).
pub fn delay(err: &LlmError, attempt: u32) -> Duration {
    if let Some(d) = err.retry_after.filter(|d| *d <= MAX_SERVER_DELAY) {
        return d;
    }
    let base = (INITIAL_DELAY * 2f64.powi(attempt.min(16) as i32)).min(MAX_DELAY);
    // Jitter of up to 25% downwards spreads out clients that failed together.
    let jitter = 1.0 - 0.25 * unit_random();
    Duration::from_secs_f64(base * jitter)
}

/// A cheap, non-cryptographic random number in [0, 1) for jitter.
fn unit_random() -> f64 {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut h = RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn backoff_grows_and_caps() {
        let e = LlmError::new(ErrorKind::InternalServerError, "x").retryable(true);
        let d0 = delay(&e, 0).as_secs_f64();
        assert!((0.375..=0.5).contains(&d0), "{d0}");
        let d5 = delay(&e, 5).as_secs_f64();
        assert!((6.0..=8.0).contains(&d5), "{d5}");
    }

    #[test]
    fn server_delay_wins_when_reasonable() {
        let mut e = LlmError::new(ErrorKind::RateLimitError, "x").retryable(true);
        e.retry_after = Some(Duration::from_millis(200));
        assert_eq!(delay(&e, 3), Duration::from_millis(200));
        e.retry_after = Some(Duration::from_secs(3600));
        assert!(delay(&e, 0) < Duration::from_secs(1));
    }

    #[test]
    fn retry_decision() {
        let e = LlmError::new(ErrorKind::RateLimitError, "x").retryable(true);
        assert!(should_retry(&e, 0, 2));
        assert!(should_retry(&e, 1, 2));
        assert!(!should_retry(&e, 2, 2));
        let e = LlmError::new(ErrorKind::BadRequestError, "x");
        assert!(!should_retry(&e, 0, 2));
    }
}
