import { clickableOf, declaredProps, pathOf, selectorOf } from './dom.js';
import { isOptedOut, isSensitiveElement, safeText } from './privacy.js';

/** Properties of a clicked or exposed element; never an input's value, nothing card-like. */
export function elementProps(el) {
  const props = {
    $element_selector: selectorOf(el),
    $element_path: pathOf(el),
    $element_type: el.tagName.toLowerCase(),
  };
  if (!isSensitiveElement(el)) {
    // textContent, not innerText: innerText forces a layout, which costs milliseconds on a large page
    const text = safeText(el.textContent || el.getAttribute('aria-label') || el.getAttribute('title'));
    if (text) props.$element_content = text;
  }
  if (el.id) props.$element_id = el.id;
  const cls = typeof el.className === 'string' ? el.className.trim() : '';
  if (cls) props.$element_class_name = cls.slice(0, 255);
  if (el.tagName === 'A') {
    const href = el.getAttribute('href');
    if (href && !/^\s*javascript:/i.test(href)) props.$element_target_url = el.href;
  }
  return Object.assign(props, declaredProps(el));
}

/**
 * Page views (with SPA history changes), clicks, page leave with its duration, and exposure of
 * elements marked data-dataeye-expose. `emit(name, props)` applies consent, URL rules and sampling.
 */
export class Autocapture {
  constructor({ window, emit, optOutClass, options }) {
    this.w = window;
    this.d = window.document;
    this.emit = emit;
    this.optOutClass = optOutClass;
    this.o = options;
    this.routeKey = null;
    this.pageUrl = null;
    this.visibleSince = null;
    this.visibleMs = 0;
    this.exposed = new WeakSet();
    this.left = false;
  }

  install() {
    const { w, d, o } = this;
    this.routeKey = this.key();
    if (o.click) d.addEventListener('click', (e) => this.onClick(e), true);
    if (o.pageview) {
      this.patchHistory();
      w.addEventListener('popstate', () => this.onRoute());
      w.addEventListener('hashchange', () => this.onRoute());
    }
    if (o.exposure && typeof w.IntersectionObserver === 'function') this.watchExposure();
    this.startPage(d.referrer);
  }

  // --- page views and stay time ---
  key() {
    const l = this.w.location;
    return l.pathname + l.search + (this.o.hashRoutes ? l.hash : '');
  }

  startPage(referrer) {
    this.visit(this.w.location.href);
    this.view(referrer, this.pageUrl);
  }

  /** Stay time and leave are counted for the page at {@code href} from now. */
  visit(href) {
    this.pageUrl = href;
    this.visibleMs = 0;
    this.visibleSince = this.d.visibilityState === 'hidden' ? null : Date.now();
    this.left = false;
  }

  /** The page view of {@code href}: the URL routed to, not the one current when the view is sent. */
  view(referrer, href) {
    if (!this.o.pageview) return;
    let path = '';
    try {
      path = new URL(href).pathname;
    } catch {
      // leave it empty
    }
    this.emit('$pageview', { $referrer: referrer || '', $url: href, $url_path: path }, 'pageview');
  }

  patchHistory() {
    const h = this.w.history;
    for (const name of ['pushState', 'replaceState']) {
      const original = h[name];
      h[name] = (...args) => {
        const result = original.apply(h, args);
        this.onRoute();
        return result;
      };
    }
  }

  onRoute() {
    if (this.key() === this.routeKey) return;
    const previous = this.pageUrl;
    const href = this.w.location.href;
    this.leave(previous);
    this.visit(href);
    this.routeKey = this.key();
    // the router sets the new title after it changes the URL, so the view waits a tick for it; it keeps
    // this URL (a second navigation within the tick, say a quick back, must not rename this view)
    this.w.setTimeout(() => this.view(previous, href), 0);
  }

  visible() {
    if (this.d.visibilityState === 'hidden') {
      if (this.visibleSince !== null) this.visibleMs += Date.now() - this.visibleSince;
      this.visibleSince = null;
    } else if (this.visibleSince === null) {
      this.visibleSince = Date.now();
    }
  }

  /** $WebPageLeave for the page being left, with the seconds it was visible. */
  leave(url) {
    if (!this.o.stay || this.left) return;
    this.left = true;
    const ms = this.visibleMs + (this.visibleSince !== null ? Date.now() - this.visibleSince : 0);
    let path = '';
    try {
      path = new URL(url).pathname;
    } catch {
      // leave it empty
    }
    this.emit('$WebPageLeave', { event_duration: Math.round(ms / 100) / 10, $url: url, $url_path: path }, 'stay');
  }

  /** Page hide (tab closed, navigation, bfcache). */
  pageHide() {
    this.leave(this.pageUrl);
  }

  /** Back from the bfcache: a new visit of the same page. */
  pageShow() {
    this.startPage(this.d.referrer);
  }

  // --- clicks ---
  onClick(e) {
    const el = clickableOf(e.target);
    if (!el || isOptedOut(el, this.optOutClass)) return;
    this.emit('$WebClick', elementProps(el), 'click');
  }

  // --- exposure ---
  watchExposure() {
    const selector = this.o.exposureSelector || '[data-dataeye-expose]';
    const io = new this.w.IntersectionObserver((entries) => {
      for (const entry of entries) {
        const el = entry.target;
        if (entry.isIntersecting && entry.intersectionRatio >= this.o.exposureRatio && !this.exposed.has(el)) {
          this.exposed.add(el);
          io.unobserve(el);
          if (!isOptedOut(el, this.optOutClass)) this.emit('$WebExposure', elementProps(el), 'exposure');
        }
      }
    }, { threshold: [this.o.exposureRatio] });
    const observe = (root) => {
      if (root.nodeType !== 1) return;
      if (root.matches(selector)) io.observe(root);
      root.querySelectorAll(selector).forEach((el) => io.observe(el));
    };
    const start = () => {
      observe(this.d.body);
      new this.w.MutationObserver((records) => {
        for (const r of records) r.addedNodes.forEach(observe);
      }).observe(this.d.body, { childList: true, subtree: true });
    };
    if (this.d.body) start();
    else this.d.addEventListener('DOMContentLoaded', start);
  }
}
