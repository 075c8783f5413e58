// The mini program's storage and network, shaped like localStorage and the browser transport.
export function wxStorage(wx) {
  const keys = () => wx.getStorageInfoSync().keys;
  return {
    get length() { return keys().length; },
    key: (i) => keys()[i] ?? null,
    getItem: (k) => {
      const v = wx.getStorageSync(k);
      return v === '' || v === undefined ? null : v;
    },
    setItem: (k, v) => wx.setStorageSync(k, String(v)),
    removeItem: (k) => wx.removeStorageSync(k),
  };
}

export function wxTransport(wx, endpoint) {
  const send = (text) => new Promise((resolve) => {
    wx.request({
      url: endpoint, method: 'POST', data: text, header: { 'content-type': 'text/plain' }, dataType: 'text',
      success: (r) => resolve({ status: r.statusCode, retryAfterMs: Number(r.header?.['Retry-After'] || 0) * 1000 }),
      fail: () => resolve({ status: 0, retryAfterMs: 0 }),
    });
  });
  return { send, beacon: (text) => void send(text) };
}
