// DataEye SDK for WeChat mini programs. The explicit API, queue, retries and consent are the browser
// SDK's (DataEyeClient without a window); what differs is the host: wx.request transport, wx storage,
// and autocapture of App/Page lifecycles with Sensors' event names ($MPLaunch, $MPShow, $MPHide,
// $MPViewScreen, $MPShare). Call init() at the top of app.js, before App().
import { DataEyeClient } from '../client.js';
import { wxStorage, wxTransport } from './wx.js';

const SHARE_PARAM = 'share_source';

/** Properties of where the app was opened from: scene, path and the sharer (share_source in the query). */
export function launchProps(options = {}) {
  const props = { $scene: options.scene != null ? String(options.scene) : '' };
  if (options.path) props.$url_path = options.path;
  const query = options.query || {};
  if (query[SHARE_PARAM]) props.share_source = String(query[SHARE_PARAM]);
  for (const part of ['source', 'medium', 'campaign', 'content', 'term']) {
    if (query['utm_' + part]) props['$utm_' + part] = String(query['utm_' + part]);
  }
  return props;
}

/** The shared path with this person as the share source, so the friend's visit is credited to the share. */
export function withShareSource(path, sharer) {
  const clean = path.replace(new RegExp(`([?&])${SHARE_PARAM}=[^&]*&?`), '$1').replace(/[?&]$/, '');
  return `${clean}${clean.includes('?') ? '&' : '?'}${SHARE_PARAM}=${encodeURIComponent(sharer)}`;
}

function wrap(options, name, before) {
  const original = options[name];
  options[name] = function wrapped(...args) {
    try {
      before.apply(this, args);
    } catch {
      // analytics must never break the app
    }
    return original ? original.apply(this, args) : undefined;
  };
}

const withoutPath = ({ $url_path, ...rest }) => rest;

export function init(config, host = {}) {
  const wx = host.wx || globalThis.wx;
  const now = host.now || Date.now;
  let online = true;
  let visit = {}; // scene, sharer and campaign of the current launch or show: sent with every event
  const client = new DataEyeClient({ ...config, autocapture: false }, {
    window: null, storage: wxStorage(wx), transport: wxTransport(wx, config.serverUrl.replace(/\/+$/, '') + '/api/v1/events'),
    tabId: 'app', now, timers: host.timers, lib: 'dataeye-miniprogram', online: () => online, context: () => visit,
  });
  wx.getNetworkType?.({ success: (r) => { online = r.networkType !== 'none'; } });
  wx.onNetworkStatusChange?.((r) => {
    online = r.isConnected;
    if (online) client.flush();
  });
  const auto = config.autocapture !== false;
  const track = (name, props) => {
    if (auto) client.track(name, props);
  };
  let shownAt = null;

  const appFn = host.App || globalThis.App;
  const pageFn = host.Page || globalThis.Page;
  const App = (options = {}) => {
    wrap(options, 'onLaunch', (opts) => {
      visit = withoutPath(launchProps(opts));
      track('$MPLaunch', launchProps(opts));
    });
    wrap(options, 'onShow', (opts) => {
      shownAt = now();
      visit = withoutPath(launchProps(opts));
      track('$MPShow', launchProps(opts));
    });
    wrap(options, 'onHide', () => {
      track('$MPHide', { event_duration: shownAt === null ? 0 : Math.round((now() - shownAt) / 100) / 10 });
      client.flush();
    });
    return appFn(options);
  };
  const Page = (options = {}) => {
    wrap(options, 'onShow', function onShow() {
      track('$MPViewScreen', { $url_path: this.route });
    });
    if (typeof options.onShareAppMessage === 'function') {
      const original = options.onShareAppMessage;
      options.onShareAppMessage = function share(event) {
        const result = original.call(this, event) || {};
        const sharer = client.loginId || client.anonymousId;
        const path = withShareSource(result.path || `/${this.route}`, sharer);
        track('$MPShare', { $url_path: this.route, $share_method: event && event.from === 'button' ? 'button' : 'menu',
          $share_path: path });
        return { ...result, path };
      };
    }
    return pageFn(options);
  };
  if (!host.App) globalThis.App = App;
  if (!host.Page) globalThis.Page = Page;
  client.App = App;
  client.Page = Page;
  return client;
}
