// Retry policy of the sender: jittered exponential backoff for network errors, 5xx, 408 and 429
// (honouring Retry-After), and no retry for other 4xx — the same request would be refused again.

/** 'ok' (remove the batch), 'retry' (keep it, wait), or 'drop' (remove it, do not retry). */
export function outcome(status) {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry';
  return 'drop';
}

/** Delay before retry number `attempt` (1-based): base·2^(attempt−1), capped, then a random 50–100% of it. */
export function backoffDelay(attempt, { baseMs = 1000, maxMs = 60000 } = {}, random = Math.random, retryAfterMs = 0) {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(30, attempt - 1));
  return Math.max(retryAfterMs, Math.round(exp * (0.5 + random() * 0.5)));
}
