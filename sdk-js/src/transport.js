// Sends batches to the native collector (POST /api/v1/events). The write key travels in the body and
// the body is sent as text/plain, a "simple" cross-origin request: no CORS preflight, and the same
// body works for fetch, fetch keepalive and navigator.sendBeacon (which cannot set headers).
export const BEACON_LIMIT = 60000; // browsers cap beacon/keepalive bodies at 64 KiB

export function body(writeKey, events, now) {
  return JSON.stringify({ write_key: writeKey, sent_at: now, batch: events });
}

export function fetchTransport(endpoint, { fetch = globalThis.fetch?.bind(globalThis), navigator = globalThis.navigator } = {}) {
  return {
    /** Resolves {status, retryAfterMs}; status 0 for a network error. Never rejects. */
    async send(text, { signal, keepalive = false } = {}) {
      try {
        const r = await fetch(endpoint, { method: 'POST', body: text, keepalive, signal, credentials: 'omit',
          headers: { 'Content-Type': 'text/plain;charset=UTF-8' } });
        const retryAfter = Number(r.headers.get('Retry-After'));
        return { status: r.status, retryAfterMs: retryAfter > 0 ? retryAfter * 1000 : 0 };
      } catch {
        return { status: 0, retryAfterMs: 0 };
      }
    },
    /** Fire and forget, for page hide: sendBeacon, else fetch with keepalive. */
    beacon(text) {
      try {
        if (navigator && navigator.sendBeacon && navigator.sendBeacon(endpoint, text)) return true;
      } catch {
        // fall through to keepalive
      }
      try {
        fetch(endpoint, { method: 'POST', body: text, keepalive: true, credentials: 'omit' }).catch(() => {});
        return true;
      } catch {
        return false;
      }
    },
  };
}
