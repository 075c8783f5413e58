// localStorage when the browser lets us use it (private modes and sandboxed frames may throw), memory otherwise.
export function memoryStorage() {
  const m = new Map();
  return {
    get length() { return m.size; },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
  };
}

export function browserStorage() {
  try {
    const s = globalThis.localStorage;
    s.setItem('dataeye:probe', '1');
    s.removeItem('dataeye:probe');
    return s;
  } catch {
    return memoryStorage();
  }
}

export function readJson(storage, key, fallback) {
  try {
    const v = storage.getItem(key);
    return v == null ? fallback : JSON.parse(v);
  } catch {
    return fallback;
  }
}

export function writeJson(storage, key, value) {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false; // quota exceeded: the caller keeps the data in memory
  }
}
