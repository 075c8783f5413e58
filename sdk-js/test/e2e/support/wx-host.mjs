// A simulated WeChat mini-program host for Node: the wx APIs the SDKs use (wx.request over real HTTP,
// wx storage in a Map that outlives an "app restart", network status), App/Page registration, and a
// driver for lifecycles: launch, navigate, share, hide, show.
export function createWxHost({ storage = new Map(), system = {}, launchOptions: initial } = {}) {
  let connected = true;
  const networkListeners = [];
  const pages = {};
  const stack = [];
  let registering = null;
  let app = null;
  let appInstance = null;
  const requests = [];
  const appShowListeners = [];
  const appHideListeners = [];
  // what wx.getLaunchOptionsSync() answers from the start, as in a real app (SDKs read it in app.js)
  const launchOptions = { path: '', query: {}, scene: 1001, ...initial };

  const wx = {
    request({ url, method = 'GET', data, header = {}, success, fail, complete }) {
      requests.push({ url, method, data });
      const done = (fn, arg) => {
        fn?.(arg);
        complete?.(arg);
      };
      if (!connected) {
        setTimeout(() => done(fail, { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' }), 0);
        return { abort() {} };
      }
      let body = data;
      if (data !== undefined && typeof data !== 'string') {
        const type = Object.entries(header).find(([k]) => k.toLowerCase() === 'content-type')?.[1] || 'application/json';
        body = type.includes('x-www-form-urlencoded') ? new URLSearchParams(data).toString() : JSON.stringify(data);
      }
      fetch(url, { method, headers: header, body: method === 'GET' ? undefined : body })
        .then(async (r) => done(success, { statusCode: r.status, data: await r.text(), header: Object.fromEntries(r.headers) }),
          (e) => done(fail, { errMsg: `request:fail ${e.message}` }));
      return { abort() {} };
    },
    getStorageSync: (k) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k, v) => void storage.set(k, v),
    removeStorageSync: (k) => void storage.delete(k),
    getStorage: ({ key, success, fail, complete }) => {
      const res = storage.has(key) ? { data: storage.get(key), errMsg: 'getStorage:ok' } : { errMsg: 'getStorage:fail data not found' };
      (storage.has(key) ? success : fail)?.(res);
      complete?.(res);
    },
    setStorage: ({ key, data, success, complete }) => {
      storage.set(key, data);
      success?.({ errMsg: 'setStorage:ok' });
      complete?.({ errMsg: 'setStorage:ok' });
    },
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    getNetworkType: ({ success, complete }) => {
      const res = { networkType: connected ? 'wifi' : 'none' };
      success?.(res);
      complete?.(res);
    },
    onNetworkStatusChange: (fn) => networkListeners.push(fn),
    getSystemInfoSync: () => ({ brand: 'Apple', model: 'iPhone 15', system: 'iOS 17.1', platform: 'ios', version: '8.0.50',
      SDKVersion: '3.3.0', screenWidth: 390, screenHeight: 844, windowWidth: 390, windowHeight: 844, pixelRatio: 3,
      language: 'zh_CN', ...system }),
    getSystemInfo: ({ success, complete }) => {
      success?.(wx.getSystemInfoSync());
      complete?.(wx.getSystemInfoSync());
    },
    getLaunchOptionsSync: () => launchOptions,
    getEnterOptionsSync: () => launchOptions,
    onAppShow: (fn) => appShowListeners.push(fn),
    onAppHide: (fn) => appHideListeners.push(fn),
    onError: () => {},
    onPageNotFound: () => {},
    getAccountInfoSync: () => ({ miniProgram: { appId: 'wx0123456789abcdef', envVersion: 'release', version: '1.0.0' } }),
    canIUse: () => true,
    nextTick: (fn) => setTimeout(fn, 0),
  };

  const host = {
    wx,
    storage,
    requests,
    App(options) {
      app = options;
    },
    Page(options) {
      pages[registering] = options;
    },
    Component(options) {
      pages[registering] = options;
    },
    /** Makes this host the global one (wx, App, Page, getCurrentPages …), as SDKs that patch globals expect. */
    installGlobals() {
      Object.assign(globalThis, { wx, App: host.App, Page: host.Page, Component: host.Component, getApp: host.getApp,
        getCurrentPages: host.getCurrentPages });
    },
    getApp: () => appInstance,
    getCurrentPages: () => [...stack],
    /** Loads a page module: `define` calls Page() as the page's file would. */
    definePage(route, define) {
      registering = route;
      define();
      registering = null;
    },
    launch({ path, query = {}, scene = 1001 }) {
      Object.assign(launchOptions, { path, query, scene });
      appInstance = Object.create(app);
      app.onLaunch?.call(appInstance, { path, query, scene });
      app.onShow?.call(appInstance, { path, query, scene });
      appShowListeners.forEach((fn) => fn({ path, query, scene }));
      host.open(path, query);
    },
    open(route, query = {}) {
      const top = stack[stack.length - 1];
      if (top) pages[top.route].onHide?.call(top);
      const page = Object.assign(Object.create(pages[route]), { route, options: query });
      stack.push(page);
      page.onLoad?.call(page, query);
      page.onShow?.call(page);
      return page;
    },
    /** The user shares the current page; returns what the page gave WeChat (title, path). */
    share(from = 'menu') {
      const top = stack[stack.length - 1];
      return pages[top.route].onShareAppMessage.call(top, { from });
    },
    hide() {
      const top = stack[stack.length - 1];
      if (top) pages[top.route].onHide?.call(top);
      app.onHide?.call(appInstance);
      appHideListeners.forEach((fn) => fn());
    },
    show(options = { path: stack[stack.length - 1]?.route, query: {}, scene: 1001 }) {
      app.onShow?.call(appInstance, options);
      appShowListeners.forEach((fn) => fn(options));
      const top = stack[stack.length - 1];
      if (top) pages[top.route].onShow?.call(top);
    },
    setConnected(value) {
      connected = value;
      networkListeners.forEach((fn) => fn({ isConnected: value, networkType: value ? 'wifi' : 'none' }));
    },
  };
  return host;
}
