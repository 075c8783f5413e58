// The frame: login, header (project switcher, pages, language, logout) and a hash router
// (#/{project}/{page}?{query}) so that every page's query is in the URL, bookmarkable and shared.
import * as api from './api.js';
import { t, locale, setLocale, LOCALES } from './i18n.js';
import { h, field, errorView, loading } from './ui.js';
import { disposeAll, loadECharts } from './charts.js';

/** Pages, in the order of the navigation. Each is a module under pages/ exporting render(ctx). */
const PAGES = ['overview', 'events', 'funnel', 'retention', 'paths', 'channels', 'associations', 'segments', 'virtual-events', 'nps', 'live'];
const DEFAULT_PAGE = 'overview';

const app = document.getElementById('app');
const state = { user: null, projects: [], catalogs: new Map() };
let current = null; // { abort } of the page on screen

function parseHash() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const [project, page] = path.split('/');
  return { project: decodeURIComponent(project || ''), page: page || '', params: new URLSearchParams(query || '') };
}

export function href(project, page, params) {
  const q = params && String(params) ? '?' + params : '';
  return `#/${encodeURIComponent(project)}/${page}${q}`;
}

/** The catalog of a project (event names with counts; properties per event), fetched once. */
function catalog(projectId) {
  if (!state.catalogs.has(projectId)) {
    const props = new Map();
    const events = api.get(`/api/v1/projects/${encodeURIComponent(projectId)}/catalog/events`).then((r) => r.events);
    // virtual events (docs/features/virtual-events.md) are analysed by name like stored ones
    const virtual = api.get(`/api/v1/projects/${encodeURIComponent(projectId)}/virtual-events`)
      .then((r) => r.virtual_events.map((v) => v.name)).catch(() => []);
    state.catalogs.set(projectId, {
      events,
      /** Event names for pickers, virtual ones last; a failure leaves the pickers empty (typing still works). */
      names: Promise.all([events.then((es) => es.map((e) => e.event)).catch(() => []), virtual])
        .then(([stored, defined]) => [...stored, ...defined.filter((n) => !stored.includes(n))]),
      properties(event) {
        const key = event || '';
        if (!props.has(key)) {
          const q = event ? '?event=' + encodeURIComponent(event) : '';
          props.set(key, api.get(`/api/v1/projects/${encodeURIComponent(projectId)}/catalog/properties${q}`)
            .then((r) => r.properties).catch(() => []));
        }
        return props.get(key);
      },
    });
  }
  return state.catalogs.get(projectId);
}

function languageSwitch() {
  const other = LOCALES.find((l) => l !== locale);
  return h('button', {
    type: 'button', class: 'lang', lang: other, 'aria-label': t('language') + ': ' + t('langOther'),
    onclick: () => { setLocale(other); render(); },
  }, t('langOther'));
}

function loginView(message) {
  disposeAll();
  const user = h('input', { name: 'username', autocomplete: 'username', required: true, value: 'admin' });
  const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const status = h('p', { class: 'login-status', role: 'alert' }, message || '');
  const form = h('form', { class: 'login card', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, t('loginTitle')),
    field(t('username'), user), field(t('password'), pass),
    h('button', { type: 'submit', class: 'primary' }, t('login')), status,
    h('p', { class: 'hint' }, t('loginHint')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.textContent = '';
    try {
      state.user = await api.login(user.value, pass.value);
      await start();
    } catch (err) {
      status.textContent = err.code === 'bad_credentials' ? t('badCredentials') : err.message;
      pass.select();
    }
  });
  app.replaceChildren(h('header', { class: 'top' }, h('span', { class: 'brand' }, 'DataEye ', h('span', { lang: 'zh-CN' }, '数据之眼')),
    h('span', { class: 'spacer' }), languageSwitch()), h('main', { id: 'main' }, form));
  (user.value ? pass : user).focus();
}

function header(project, page) {
  const switcher = h('select', {
    id: 'project', 'aria-label': t('project'),
    onchange: (e) => { location.hash = href(e.target.value, page); },
  }, state.projects.map((p) => h('option', { value: p.id, selected: p.id === project.id ? true : null }, p.name)));
  const nav = h('nav', { 'aria-label': t('nav') }, h('ul', {}, PAGES.map((id) => h('li', {},
    h('a', { href: href(project.id, id), 'aria-current': id === page ? 'page' : null, 'data-page': id }, t('page.' + id))))));
  return h('header', { class: 'top' },
    h('span', { class: 'brand' }, 'DataEye ', h('span', { lang: 'zh-CN' }, '数据之眼')),
    h('label', { class: 'project', for: 'project' }, t('project')), switcher, nav,
    h('span', { class: 'spacer' }),
    h('span', { class: 'user' }, state.user?.username || ''),
    languageSwitch(),
    h('button', {
      type: 'button', class: 'logout',
      onclick: async () => { try { await api.logout(); } finally { state.user = null; loginView(); } },
    }, t('logout')));
}

async function render() {
  if (current) current.abort.abort();
  disposeAll();
  if (!state.user) return loginView();
  let { project: projectId, page, params } = parseHash();
  const project = state.projects.find((p) => p.id === projectId) || state.projects[0];
  if (!project) {
    app.replaceChildren(h('main', { id: 'main' }, errorView({ code: 'unknown_project', message: 'no projects' })));
    return;
  }
  if (!PAGES.includes(page) || project.id !== projectId) {
    history.replaceState(null, '', href(project.id, PAGES.includes(page) ? page : DEFAULT_PAGE, params));
    ({ page, params } = parseHash());
  }
  const main = h('main', { id: 'main', tabindex: '-1' }, h('h1', {}, t('page.' + page)), loading());
  app.replaceChildren(header(project, page), main);
  // on a tablet the navigation scrolls sideways: the current page's entry is brought into view
  app.querySelector('nav a[aria-current]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  document.title = t('page.' + page) + ' · DataEye 数据之眼';
  const abort = new AbortController();
  current = { abort };
  const module = await import(`./pages/${page}.js`);
  if (abort.signal.aborted) return;
  main.lastChild.remove();
  const ctx = {
    project, page, params, main, signal: abort.signal, catalog: catalog(project.id),
    /** After a virtual event is saved or archived: the pickers fetch the names again. */
    forgetCatalog() { state.catalogs.delete(project.id); },
    /** Puts a new query into the URL; the page re-renders from it (one path for bookmarks and clicks). */
    go(newParams) {
      const next = href(project.id, page, newParams);
      if (next === location.hash) render(); else location.hash = next;
    },
    /** Marks the moment the page's main result is on screen (first meaningful paint, for the browser test). */
    painted() { performance.mark('dataeye:painted'); main.dataset.painted = 'true'; },
  };
  await module.render(ctx);
}

async function start() {
  const [projects, user] = await Promise.all([api.get('/api/v1/projects'), state.user || api.session()]);
  state.projects = projects.projects;
  state.user = user;
  render();
}

window.addEventListener('hashchange', () => render());
window.addEventListener('dataeye:unauthorized', () => { if (state.user) { state.user = null; loginView(t('hint.unauthorized')); } });

start().catch((err) => {
  if (err.status === 401) loginView();
  else app.replaceChildren(h('main', { id: 'main' }, errorView(err, () => location.reload())));
});
// fetch the chart library while the first page's data loads
loadECharts();
