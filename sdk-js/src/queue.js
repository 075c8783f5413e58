import { readJson, writeJson } from './storage.js';

/**
 * Events not yet acknowledged by the server, in memory and in localStorage under one key per tab
 * (tab id in sessionStorage, so a reload finds its own queue). A tab marks its queue closed when the
 * page is hidden for good; another page adopts closed queues and those not touched for `staleMs`
 * (a crashed tab). Events sent by beacon at page hide stay in the queue: the next page sends them
 * again and the server stores each event id once.
 */
export class PersistentQueue {
  constructor(storage, prefix, tabId, { max = 1000, now = Date.now, staleMs = 60000 } = {}) {
    this.storage = storage;
    this.prefix = prefix;
    this.key = prefix + tabId;
    this.max = max;
    this.now = now;
    this.staleMs = staleMs;
    this.items = [];
    this.dropped = 0;
  }

  /** Loads this tab's queue and adopts orphaned ones; returns how many events were found. */
  load() {
    const seen = new Set();
    const keys = [];
    for (let i = 0; i < this.storage.length; i++) {
      const k = this.storage.key(i);
      if (k && k.startsWith(this.prefix)) keys.push(k);
    }
    for (const k of keys) {
      const stored = readJson(this.storage, k, null);
      const own = k === this.key;
      if (!stored || !Array.isArray(stored.q)) continue;
      if (!own && !stored.closed && this.now() - stored.t < this.staleMs) continue;
      for (const e of stored.q) {
        if (e && e.event_id && !seen.has(e.event_id)) {
          seen.add(e.event_id);
          this.items.push(e);
        }
      }
      if (!own) this.storage.removeItem(k);
    }
    this.trim();
    this.persist();
    return this.items.length;
  }

  get size() {
    return this.items.length;
  }

  push(event) {
    this.items.push(event);
    this.trim();
  }

  /** Oldest first, at most `count` events and about `maxBytes` of JSON (at least one event). */
  peek(count, maxBytes = Infinity) {
    const out = [];
    let bytes = 2;
    for (const e of this.items) {
      if (out.length >= count) break;
      const size = JSON.stringify(e).length + 1;
      if (out.length > 0 && bytes + size > maxBytes) break;
      bytes += size;
      out.push(e);
    }
    return out;
  }

  remove(events) {
    const ids = new Set(events.map((e) => e.event_id));
    this.items = this.items.filter((e) => !ids.has(e.event_id));
  }

  clear() {
    this.items = [];
    this.storage.removeItem(this.key);
  }

  /** Writes the queue; `closed` hands it to the next page. On a full storage the oldest half is given up. */
  persist(closed = false) {
    if (this.items.length === 0) {
      this.storage.removeItem(this.key);
      return;
    }
    if (!writeJson(this.storage, this.key, { t: this.now(), closed, q: this.items })) {
      this.items = this.items.slice(Math.floor(this.items.length / 2));
      writeJson(this.storage, this.key, { t: this.now(), closed, q: this.items });
    }
  }

  trim() {
    if (this.items.length > this.max) {
      this.dropped += this.items.length - this.max;
      this.items = this.items.slice(this.items.length - this.max);
    }
  }
}
