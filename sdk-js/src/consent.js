import { readJson, writeJson } from './storage.js';

/**
 * Three purposes a visitor can agree to or withdraw:
 *  analytics       — any collection at all (events, autocapture, the queue);
 *  personalisation — profile operations (profile.set …) that build a per-person profile;
 *  marketing       — campaign attribution: UTM, referrer and first-touch properties.
 */
export const PURPOSES = ['analytics', 'personalisation', 'marketing'];

export class Consent {
  constructor(storage, key, { required = false, defaults = {} } = {}) {
    this.storage = storage;
    this.key = key;
    const base = {};
    for (const p of PURPOSES) base[p] = defaults[p] ?? !required;
    this.state = { ...base, ...readJson(storage, key, {}) };
    this.listeners = [];
  }

  allows(purpose) {
    return this.state[purpose] === true;
  }

  get() {
    return { ...this.state };
  }

  /** Sets some purposes, remembers the choice, and tells listeners which purposes changed. */
  set(choice) {
    const before = this.get();
    for (const p of PURPOSES) {
      if (typeof choice[p] === 'boolean') this.state[p] = choice[p];
    }
    writeJson(this.storage, this.key, this.state);
    const changed = PURPOSES.filter((p) => before[p] !== this.state[p]);
    if (changed.length) this.listeners.forEach((l) => l(changed, this.get()));
    return this.get();
  }

  onChange(listener) {
    this.listeners.push(listener);
  }
}
