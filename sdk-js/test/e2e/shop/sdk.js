// How a shop puts the SDK on its pages (after /dist/dataeye.min.js); tests may add options in window.SDK_OVERRIDES.
window.de = DataEye.init(Object.assign({
  serverUrl: SHOP_CONFIG.collector,
  writeKey: SHOP_CONFIG.writeKey,
  flushIntervalMs: 200,
  backoff: { baseMs: 200, maxMs: 2000 },
}, window.SDK_OVERRIDES || {}));
