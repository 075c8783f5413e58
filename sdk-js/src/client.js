import { landing, utmOf } from './campaign.js';
import { Consent } from './consent.js';
import { sampled, uuid } from './ids.js';
import { PersistentQueue } from './queue.js';
import { Sender } from './sender.js';
import { browserStorage, memoryStorage, readJson, writeJson } from './storage.js';
import { fetchTransport } from './transport.js';
import { compilePatterns, urlAllowed } from './urls.js';

export const VERSION = typeof __DATAEYE_VERSION__ === 'string' ? __DATAEYE_VERSION__ : 'dev';

const AUTOCAPTURE_DEFAULTS = { pageview: true, click: true, stay: true, exposure: true, exposureRatio: 0.5,
  exposureSelector: null, hashRoutes: false };

/**
 * The browser SDK. `env` replaces the browser's pieces in tests (storage, transport, timers, clock);
 * in a page everything comes from `window`.
 */
export class DataEyeClient {
  constructor(config, env = {}) {
    if (!config || !config.serverUrl || !config.writeKey) throw new Error('DataEye: serverUrl and writeKey are required');
    const w = env.window !== undefined ? env.window : (typeof window !== 'undefined' ? window : null);
    this.w = w;
    this.config = config;
    this.now = env.now || Date.now;
    this.lastTimestamp = 0;
    this.storage = env.storage || (w ? browserStorage() : memoryStorage());
    const ns = `dataeye:${config.writeKey}:`;
    this.ns = ns;
    this.consent = new Consent(this.storage, ns + 'consent', config.consent);
    this.identity = readJson(this.storage, ns + 'id', null) || { anonymous_id: uuid() };
    writeJson(this.storage, ns + 'id', this.identity);
    this.superProps = readJson(this.storage, ns + 'super', {});
    this.sampleRate = config.sampling ?? 1;
    this.allow = compilePatterns(config.urls?.allow);
    this.deny = compilePatterns(config.urls?.deny);
    this.optOutClass = config.optOutClass || 'dataeye-no-capture';
    this.onError = config.onError || (() => {});
    this.lib = env.lib || 'dataeye-js';
    this.Autocapture = env.Autocapture || null; // the browser entry passes it; the mini program has none
    this.context = env.context || null; // host properties for every event (the mini program's scene and sharer)

    const endpoint = config.serverUrl.replace(/\/+$/, '') + '/api/v1/events';
    this.queue = new PersistentQueue(this.storage, ns + 'q:', env.tabId || tabId(w), { max: config.maxQueue ?? 1000, now: this.now });
    this.queue.load();
    const nav = w && w.navigator;
    this.sender = new Sender({
      queue: this.queue, transport: env.transport || fetchTransport(endpoint), writeKey: config.writeKey,
      batchSize: config.batchSize ?? 20, flushIntervalMs: config.flushIntervalMs ?? 1000, backoff: config.backoff,
      timers: env.timers || globalThis, now: this.now, random: env.random,
      online: env.online || (() => !nav || nav.onLine !== false),
      onDrop: (batch, status) => this.onError({ code: 'dropped', status, events: batch.length }),
    });
    this.persistTimer = null;
    this.campaign = { latest: {}, utm: {} };
    this.consent.onChange((changed, state) => this.consentChanged(changed, state));
    if (!this.consent.allows('analytics')) this.sender.stop();
    if (w) this.attach(w, config.autocapture === false ? null : { ...AUTOCAPTURE_DEFAULTS, ...(config.autocapture || {}) });
    if (this.queue.size > 0) this.sender.schedule();
  }

  // ---------- explicit API ----------
  track(event, properties = {}) {
    this.enqueue({ type: 'track', event }, properties);
  }

  /** Links this browser's anonymous id to the shop's user id; later events carry both. */
  identify(loginId) {
    if (loginId == null || loginId === '') return;
    const id = String(loginId);
    if (this.identity.login_id === id) return;
    this.identity = { ...this.identity, login_id: id };
    writeJson(this.storage, this.ns + 'id', this.identity);
    this.enqueue({ type: 'identify' }, {});
  }

  login(loginId) {
    this.identify(loginId);
  }

  /** Forgets the login; with {resetAnonymousId: true} the browser also starts as a new visitor (shared devices). */
  logout({ resetAnonymousId = false } = {}) {
    this.identity = { anonymous_id: resetAnonymousId ? uuid() : this.identity.anonymous_id };
    writeJson(this.storage, this.ns + 'id', this.identity);
  }

  get profile() {
    const op = (type) => (properties) => {
      if (this.consent.allows('personalisation')) this.enqueue({ type }, properties, { superProps: false });
    };
    return {
      set: op('profile_set'),
      setOnce: op('profile_set_once'),
      increment: op('profile_increment'),
      append: op('profile_append'),
      unset: (names) => op('profile_unset')(Object.fromEntries([].concat(names).map((n) => [n, true]))),
      delete: () => op('profile_delete')({}),
    };
  }

  /** Super properties: sent with every later event, kept across pages. */
  register(properties) {
    Object.assign(this.superProps, properties);
    writeJson(this.storage, this.ns + 'super', this.superProps);
  }

  registerOnce(properties) {
    for (const [k, v] of Object.entries(properties)) if (!(k in this.superProps)) this.superProps[k] = v;
    writeJson(this.storage, this.ns + 'super', this.superProps);
  }

  unregister(name) {
    delete this.superProps[name];
    writeJson(this.storage, this.ns + 'super', this.superProps);
  }

  setConsent(choice) {
    return this.consent.set(choice);
  }

  getConsent() {
    return this.consent.get();
  }

  /** Sends what is queued now; resolves when the queue is empty or a request failed. */
  flush() {
    return this.sender.flush();
  }

  /** Events not yet acknowledged by the server. */
  pending() {
    return this.queue.size;
  }

  get anonymousId() {
    return this.identity.anonymous_id;
  }

  get loginId() {
    return this.identity.login_id;
  }

  // ---------- machinery ----------
  enqueue(fields, properties, { superProps = true, auto = false } = {}) {
    if (!this.consent.allows('analytics')) return;
    const props = superProps ? { ...this.superProps } : {};
    if (this.w) {
      const l = this.w.location;
      Object.assign(props, { $url: l.href, $url_path: l.pathname, $title: this.w.document.title });
      if (superProps && this.consent.allows('marketing')) Object.assign(props, this.campaign.latest);
    }
    if (this.context) Object.assign(props, this.context());
    Object.assign(props, properties);
    // as the server does for the Sensors SDKs: an event without a campaign of its own keeps the latest one
    for (const part of ['source', 'medium', 'campaign', 'content', 'term']) {
      const latest = props['$latest_utm_' + part];
      if (latest !== undefined && props['$utm_' + part] === undefined && props['utm_' + part] === undefined) props['$utm_' + part] = latest;
    }
    for (const k of Object.keys(props)) if (typeof props[k] === 'function' || props[k] === undefined) delete props[k];
    // strictly increasing per client: two events of one millisecond (a route change and a quick back)
    // keep their order in every analysis that sorts by time (paths, funnels)
    const timestamp = Math.max(this.now(), this.lastTimestamp + 1);
    this.lastTimestamp = timestamp;
    const e = { ...fields, event_id: uuid(), timestamp, anonymous_id: this.identity.anonymous_id,
      lib: this.lib, lib_version: VERSION, properties: props };
    if (this.identity.login_id) e.login_id = this.identity.login_id;
    if (auto && this.sampleRate < 1) props.$sample_rate = this.sampleRate;
    this.queue.push(e);
    this.sender.schedule();
    this.persistSoon();
  }

  /** Autocapture's way in: URL rules and sampling apply here, never to explicit track calls. */
  auto(name, props, kind) {
    // a page view names its own URL (the one routed to, which may no longer be the current one)
    const href = kind === 'pageview' && props.$url ? props.$url : this.w?.location.href;
    if (!this.w || !urlAllowed(href, this.allow, this.deny)) return;
    if (!sampled(this.identity.anonymous_id, this.sampleRate)) return;
    if (kind === 'pageview' && this.consent.allows('marketing')) Object.assign(props, utmOf(href));
    this.enqueue({ type: 'track', event: name }, props, { auto: true });
  }

  // writing localStorage on every click would cost more than the click's capture itself
  persistSoon() {
    if (this.persistTimer !== null) return;
    this.persistTimer = this.sender.timers.setTimeout(() => {
      this.persistTimer = null;
      this.queue.persist();
    }, 50);
  }

  attach(w, autocapture) {
    const d = w.document;
    this.landing();
    if (autocapture && this.Autocapture) {
      this.autocapture = new this.Autocapture({ window: w, optOutClass: this.optOutClass, options: autocapture,
        emit: (name, props, kind) => this.auto(name, props, kind) });
      this.autocapture.install();
    }
    d.addEventListener('visibilitychange', () => {
      this.autocapture?.visible();
      if (d.visibilityState === 'hidden') this.queue.persist();
    });
    w.addEventListener('pagehide', () => {
      this.autocapture?.pageHide();
      this.sender.pageHide();
    });
    w.addEventListener('pageshow', (e) => {
      if (e.persisted) {
        this.queue.persist(false);
        this.autocapture?.pageShow();
      }
    });
    w.addEventListener('online', () => this.sender.flush());
  }

  landing() {
    if (!this.consent.allows('marketing')) return;
    const stored = readJson(this.storage, this.ns + 'campaign', {});
    const r = landing(stored, this.w.location.href, this.w.document.referrer, this.now());
    writeJson(this.storage, this.ns + 'campaign', r.stored);
    this.campaign = r;
    if (r.firstTouch && this.consent.allows('analytics')) {
      this.enqueue({ type: 'profile_set_once' }, r.firstTouch, { superProps: false });
    }
  }

  consentChanged(changed, state) {
    if (changed.includes('analytics')) {
      if (state.analytics) this.sender.restart();
      else this.sender.stop();
    }
    if (changed.includes('marketing')) {
      if (state.marketing && this.w) this.landing();
      else if (!state.marketing) {
        this.campaign = { latest: {}, utm: {} };
        this.storage.removeItem(this.ns + 'campaign');
      }
    }
  }
}

function tabId(w) {
  try {
    const s = w.sessionStorage;
    let id = s.getItem('dataeye:tab');
    if (!id) s.setItem('dataeye:tab', (id = uuid()));
    return id;
  } catch {
    return uuid();
  }
}
