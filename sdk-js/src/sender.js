import { backoffDelay, outcome } from './backoff.js';
import { body, BEACON_LIMIT } from './transport.js';

/**
 * Drains the queue in batches, one request at a time: soon when a batch is full, else after
 * flushIntervalMs. Retries with jittered exponential backoff, gives a batch up on a 4xx other than
 * 408/429, waits while the browser is offline, and at page hide hands what is left to sendBeacon.
 */
export class Sender {
  constructor({ queue, transport, writeKey, batchSize = 20, maxBatchEvents = 100, maxBatchBytes = 500000,
    flushIntervalMs = 1000, backoff = {}, timers = globalThis, now = Date.now, random = Math.random,
    online = () => true, onDrop = () => {} }) {
    Object.assign(this, { queue, transport, writeKey, batchSize, maxBatchEvents, maxBatchBytes, flushIntervalMs,
      backoff, timers, now, random, online, onDrop });
    this.timer = null;
    this.dueAt = Infinity;
    this.attempt = 0;
    this.retryAt = 0;
    this.inflight = null;
    this.abort = null;
    this.stopped = false;
  }

  /** Called after each enqueue. */
  schedule() {
    if (this.stopped) return;
    this.at(this.queue.size >= this.batchSize ? 0 : this.flushIntervalMs);
  }

  at(delayMs) {
    const due = Math.max(this.now() + delayMs, this.retryAt);
    if (this.timer !== null && this.dueAt <= due) return;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.dueAt = due;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.dueAt = Infinity;
      this.flush();
    }, Math.max(0, due - this.now()));
  }

  /** Sends until the queue is empty or a request fails; resolves when done. */
  flush() {
    if (this.inflight) return this.inflight;
    this.inflight = this.drain().finally(() => {
      this.inflight = null;
      this.queue.persist();
    });
    return this.inflight;
  }

  async drain() {
    while (!this.stopped && this.queue.size > 0) {
      if (!this.online()) return; // the 'online' event calls flush again
      if (this.now() < this.retryAt) {
        this.at(0);
        return;
      }
      const batch = this.queue.peek(this.maxBatchEvents, this.maxBatchBytes);
      this.abort = typeof AbortController === 'function' ? new AbortController() : null;
      const r = await this.transport.send(body(this.writeKey, batch, this.now()), { signal: this.abort?.signal });
      this.abort = null;
      if (this.stopped) return;
      const result = outcome(r.status);
      if (result === 'retry') {
        this.attempt++;
        this.retryAt = this.now() + backoffDelay(this.attempt, this.backoff, this.random, r.retryAfterMs);
        this.at(0);
        return;
      }
      this.attempt = 0;
      this.retryAt = 0;
      this.queue.remove(batch);
      if (result === 'drop') this.onDrop(batch, r.status);
    }
  }

  /** Page hide: everything still queued goes out by beacon and stays persisted for the next page. */
  pageHide() {
    let chunk = [];
    let bytes = 0;
    const send = () => {
      if (chunk.length) this.transport.beacon(body(this.writeKey, chunk, this.now()));
      chunk = [];
      bytes = 0;
    };
    if (this.online()) {
      for (const e of this.queue.items) {
        const size = JSON.stringify(e).length + 1;
        if (bytes + size > BEACON_LIMIT - 200) send();
        if (size > BEACON_LIMIT - 200) continue; // too large for a beacon: the next page sends it
        chunk.push(e);
        bytes += size;
      }
      send();
    }
    this.queue.persist(true);
  }

  /** Consent withdrawn: stop at once, abort the request in flight, forget the queue. */
  stop() {
    this.stopped = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.abort?.abort();
    this.queue.clear();
  }

  restart() {
    this.stopped = false;
  }
}
