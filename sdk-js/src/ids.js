// Event ids: a random UUID v4 from crypto.getRandomValues, which (unlike crypto.randomUUID) also works
// on plain-http pages. The server stores a retried event once per id (docs/api/collector.md).
// Mini programs have no crypto.getRandomValues; there Math.random is enough to tell events apart.
export function uuid(crypto = globalThis.crypto) {
  const b = new Uint8Array(16);
  if (crypto && crypto.getRandomValues) crypto.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  let h = '';
  for (let i = 0; i < 16; i++) h += (b[i] + 0x100).toString(16).slice(1);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// FNV-1a: a stable 32-bit hash, so sampling keeps or drops a whole person, not random events of everyone.
export function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** True when the person with this id falls inside the sample (rate 0..1). */
export function sampled(id, rate) {
  if (rate >= 1) return true;
  if (!(rate > 0)) return false;
  return hash32(String(id)) / 0x100000000 < rate;
}
