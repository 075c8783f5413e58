// Virtual events (docs/features/virtual-events.md): an operator names autocaptured data after the
// fact — clicks on a selector, views of a path, a union of events — previews what it matches, saves it
// (every save a new version) and opens it in the event analysis. The definition being edited is in
// the URL (?name=…&version=…); a draft lives in the form until it is saved.
import * as api from '../api.js';
import { t, fmt, locale } from '../i18n.js';
import { h, field, select, picker, resultCard, table, empty, errorView, loading, download, csvText } from '../ui.js';
import { PALETTE } from '../charts.js';
import { projectPath } from './common.js';

const FIELDS = ['element_selector', 'element_text', 'path', 'url', 'title', 'element_path'];
const OPS = ['equals', 'not_equals', 'contains', 'not_contains', 'starts_with', 'ends_with', 'glob', 'regex'];
// the autocaptured events a rule usually names, suggested even before any arrived
const AUTOCAPTURED = ['$WebClick', '$pageview', '$AppClick', '$AppViewScreen', '$MPClick', '$MPViewScreen'];
const PREVIEW_DAYS = 14;

const vePath = (ctx, rest = '') => projectPath(ctx, '/virtual-events' + rest);
const pageHref = (ctx, page, q) => `#/${encodeURIComponent(ctx.project.id)}/${page}${q && String(q) ? '?' + q : ''}`;

/** The name in the operator's language (display name when set). */
export const displayName = (v) => (locale === 'zh-CN' ? v.display_name?.zh || v.display_name?.en : v.display_name?.en || v.display_name?.zh) || '';

/** "$WebClick: element_selector equals button.btn-add-cart" — one line per rule, "or" between them. */
export function rulesSummary(v) {
  return v.rules.map((r) => r.events.join(' | ') + (r.conditions?.length
    ? ': ' + r.conditions.map((c) => `${t('ve.field.' + c.field)} ${t('ve.op.' + c.op)} ${c.value}`).join(` ${t('ve.and')} `) : ''))
    .join(` ${t('ve.or')} `);
}

export async function render(ctx) {
  const p = ctx.params;
  const listOut = h('div', { class: 'results ve-list' });
  const editOut = h('div', { class: 'results ve-edit' });
  ctx.main.append(h('p', { class: 'lead' }, t('ve.lead')), listOut, editOut);
  listOut.append(loading());
  let defs;
  try {
    defs = (await api.get(vePath(ctx), ctx.signal)).virtual_events;
  } catch (err) {
    if (ctx.signal.aborted) return;
    listOut.replaceChildren(errorView(err, () => ctx.go(p)));
    ctx.painted();
    return;
  }
  if (ctx.signal.aborted) return;
  const chosen = defs.find((v) => v.name === p.get('name'));
  listOut.replaceChildren(listCard(ctx, defs, chosen));
  ctx.painted();

  // editing: the current version (or the one asked for) with the version history
  let current = null;
  let shown = null;
  if (chosen) {
    editOut.append(loading());
    try {
      current = await api.get(vePath(ctx, '/' + encodeURIComponent(chosen.name)), ctx.signal);
      const n = +p.get('version');
      shown = n && n !== current.version
        ? await api.get(vePath(ctx, `/${encodeURIComponent(chosen.name)}/versions/${n}`), ctx.signal) : current;
    } catch (err) {
      if (!ctx.signal.aborted) editOut.replaceChildren(errorView(err, () => ctx.go(p)));
      return;
    }
    if (ctx.signal.aborted) return;
    editOut.replaceChildren();
  }
  editOut.append(builder(ctx, current, shown));
  if (current) editOut.append(versionsCard(ctx, current, shown));
}

function listCard(ctx, defs, chosen) {
  const tools = h('a', { class: 'button-link new-ve', href: pageHref(ctx, 'virtual-events') }, '+ ' + t('ve.new'));
  if (!defs.length) {
    return h('section', { class: 'card', 'aria-label': t('ve.list') },
      h('header', { class: 'card-head' }, h('h2', {}, t('ve.list'))),
      h('div', { class: 'card-body' }, empty(t('ve.none'), t('ve.noneHint'))));
  }
  const edit = (v) => h('a', { href: pageHref(ctx, 'virtual-events', new URLSearchParams({ name: v.name })),
    'aria-current': v === chosen ? 'true' : null, 'data-ve': v.name }, v.name);
  const archive = (v) => h('button', { type: 'button', class: 'link archive', 'data-ve': v.name, onclick: async (e) => {
    if (!confirm(t('ve.archiveConfirm', { name: v.name }))) return;
    try {
      await api.del(vePath(ctx, '/' + encodeURIComponent(v.name)));
      ctx.forgetCatalog();
      ctx.go(new URLSearchParams());
    } catch (err) {
      e.target.replaceWith(errorView(err));
    }
  } }, t('ve.archive'));
  const cols = [
    { label: t('ve.name'), value: (v) => v.name, render: edit },
    { label: t('ve.displayName'), value: displayName },
    { label: t('ve.rules'), value: rulesSummary, wrap: true },
    { label: t('ve.version'), numeric: true, value: (v) => v.version },
    { label: t('ve.savedAt'), value: (v) => v.saved_at, format: (ts) => fmt.time(ts, ctx.project.time_zone) },
    { label: t('ve.savedBy'), value: (v) => v.saved_by },
    { label: t('ve.actions'), value: () => '', render: (v) => h('span', { class: 've-actions' },
      h('a', { class: 'analyse', href: analyseHref(ctx, v.name) }, t('ve.analyse')), ' ', archive(v)) },
  ];
  const card = resultCard({ title: t('ve.list'), option: null,
    tableEl: table(cols, defs, { cellStyle: (v, c) => (c.wrap ? 'white-space:normal;min-width:18rem' : null) }) });
  card.querySelector('.card-tools').append(tools, h('button', { type: 'button', class: 'csv', onclick: () => download('virtual-events.csv',
    csvText(['name', 'display_name', 'rules', 'version', 'saved_at', 'saved_by'],
      defs.map((v) => [v.name, displayName(v), JSON.stringify(v.rules), v.version, v.saved_at, v.saved_by]))) }, t('csv')));
  return card;
}

/** The event analysis with this virtual event selected (its default range: the last 30 days). */
export const analyseHref = (ctx, name) => pageHref(ctx, 'events', new URLSearchParams({ event: name }));

/**
 * The form: names, then rules (each: events it names, conditions that must all hold), Preview and
 * Save. Inputs are named by the JSON path of the definition (rules[0].conditions[1].value), so the
 * field an error names is the input highlighted.
 */
function builder(ctx, current, shown) {
  const editing = !!current;
  const def = shown || { name: '', display_name: {}, description: '',
    rules: [{ events: ['$WebClick'], conditions: [{ field: 'element_selector', op: 'equals', value: '' }] }] };
  // rules name real events only: the stored ones and the autocaptured presets
  const names = ctx.catalog.events.then((es) => [...new Set([...AUTOCAPTURED, ...es.map((e) => e.event)])], () => AUTOCAPTURED);
  const input = (name, value, attrs) => h('input', { name, value: value || '', autocomplete: 'off', spellcheck: 'false', ...attrs });
  const nameIn = input('name', def.name, { required: true, maxlength: 100, readonly: editing ? true : null, placeholder: 'add_to_cart_click' });
  const zhIn = input('display_name.zh', def.display_name?.zh, { maxlength: 200, placeholder: '点击加入购物车' });
  const enIn = input('display_name.en', def.display_name?.en, { maxlength: 200, placeholder: 'Add-to-cart click' });
  const descIn = input('description', def.description, { class: 'wide-input', maxlength: 2000 });
  const rulesList = h('ol', { class: 've-rules' });
  const status = h('div', { class: 've-status', 'aria-live': 'polite' });
  const previewOut = h('div', { class: 've-preview' });

  /** Gives every input of the rules its JSON path, after an add or a remove. */
  const renumber = () => [...rulesList.children].forEach((li, i) => {
    li.querySelector('.ve-rule-title').textContent = t('ve.rule', { n: i + 1 });
    li.querySelector('.remove-rule').setAttribute('aria-label', t('ve.removeRule', { n: i + 1 }));
    li.querySelectorAll('.ve-events input').forEach((el, j) => {
      el.name = `rules[${i}].events[${j}]`;
      el.setAttribute('aria-label', t('ve.ruleEvent', { n: i + 1, j: j + 1 }));
    });
    li.querySelectorAll('li.ve-cond').forEach((c, k) => {
      for (const el of c.querySelectorAll('[data-k]')) {
        el.name = `rules[${i}].conditions[${k}].${el.dataset.k}`;
        el.setAttribute('aria-label', t('ve.condPart', { n: i + 1, k: k + 1, part: t('ve.' + el.dataset.k) }));
      }
      c.querySelector('button').setAttribute('aria-label', t('ve.removeCond', { n: i + 1, k: k + 1 }));
    });
  });
  const eventInput = (box, value) => {
    const [el, list] = picker('event', names, value, '$WebClick');
    el.classList.add('ve-event');
    box.append(h('span', { class: 've-event-box' }, el, list));
    return el;
  };
  const condRow = (condList, c) => {
    const fieldSel = select('field', FIELDS.map((f) => [f, t('ve.field.' + f)]), c.field || 'element_selector');
    fieldSel.dataset.k = 'field';
    const opSel = select('op', OPS.map((o) => [o, t('ve.op.' + o)]), c.op || 'equals');
    opSel.dataset.k = 'op';
    const value = input('value', c.value, { 'data-k': 'value', maxlength: 500, class: 've-value', placeholder: 'button.btn-add-cart' });
    const li = h('li', { class: 've-cond' }, fieldSel, opSel, value,
      h('button', { type: 'button', class: 'icon', title: t('ve.removeCondTitle'), onclick: () => { li.remove(); renumber(); } }, '×'));
    condList.append(li);
    return value;
  };
  const ruleRow = (r) => {
    const events = h('span', { class: 've-events' });
    (r.events?.length ? r.events : ['']).forEach((e) => eventInput(events, e));
    const condList = h('ol', { class: 've-conds' });
    (r.conditions || []).forEach((c) => condRow(condList, c));
    const li = h('li', { class: 've-rule' },
      h('div', { class: 've-rule-head' }, h('strong', { class: 've-rule-title' }),
        h('button', { type: 'button', class: 'link remove-rule', onclick: () => { if (rulesList.children.length > 1) { li.remove(); renumber(); } } },
          t('ve.removeRuleShort'))),
      h('div', { class: 've-line' }, h('span', { class: 've-label' }, t('ve.events')), events,
        h('button', { type: 'button', class: 'add-event', onclick: () => { eventInput(events, '').focus(); renumber(); } }, '+ ' + t('ve.addEvent'))),
      h('div', { class: 've-line' }, h('span', { class: 've-label' }, t('ve.where')), condList,
        h('button', { type: 'button', class: 'add-cond', onclick: () => { condRow(condList, {}).focus(); renumber(); } }, '+ ' + t('ve.addCond'))));
    rulesList.append(li);
  };
  def.rules.forEach(ruleRow);
  renumber();

  /** The definition as the API takes it; empty event inputs are left out. */
  const definition = () => ({
    name: nameIn.value.trim(),
    display_name: { zh: zhIn.value.trim() || null, en: enIn.value.trim() || null },
    description: descIn.value.trim() || null,
    rules: [...rulesList.children].map((li) => ({
      events: [...li.querySelectorAll('.ve-events input')].map((el) => el.value.trim()).filter(Boolean),
      conditions: [...li.querySelectorAll('li.ve-cond')].map((c) => ({
        field: c.querySelector('[data-k=field]').value, op: c.querySelector('[data-k=op]').value, value: c.querySelector('[data-k=value]').value,
      })),
    })),
  });
  const form = h('form', { class: 'query builder ve-form', 'aria-label': t('ve.builder') },
    field(t('ve.name'), nameIn), field(t('ve.displayZh'), zhIn), field(t('ve.displayEn'), enIn), field(t('ve.description'), descIn),
    h('fieldset', { class: 'wide' }, h('legend', {}, t('ve.rulesLegend')), h('p', { class: 'hint' }, t('ve.rulesHint')), rulesList,
      h('button', { type: 'button', class: 'add-rule', onclick: () => { ruleRow({ events: [''], conditions: [] }); renumber(); } }, '+ ' + t('ve.addRule'))),
    h('div', { class: 'field run' }, h('button', { type: 'button', class: 'preview', onclick: () => act('preview') }, t('ve.preview'))),
    h('div', { class: 'field run' }, h('button', { type: 'submit', class: 'primary save' }, editing ? t('ve.saveVersion') : t('ve.save'))));
  // "rules[0].events" (no index) and other paths without an input of their own: the first input under them
  const fieldName = (f) => {
    if (form.querySelector(`[name="${CSS.escape(f)}"]`)) return f;
    const el = [...form.querySelectorAll('[name]')].find((x) => x.name.startsWith(f));
    return el ? el.name : f;
  };
  const act = async (what) => {
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    status.replaceChildren(loading());
    const body = definition();
    try {
      if (what === 'preview') {
        const r = await api.post(vePath(ctx, `/preview?days=${PREVIEW_DAYS}&samples=20`), body, ctx.signal);
        status.replaceChildren();
        showPreview(ctx, previewOut, r);
      } else {
        const saved = editing ? await api.put(vePath(ctx, '/' + encodeURIComponent(current.name)), body, 'application/json', ctx.signal)
          : await api.post(vePath(ctx), body, ctx.signal);
        ctx.forgetCatalog();
        ctx.go(new URLSearchParams({ name: saved.name, saved: String(saved.version) }));
      }
    } catch (err) {
      if (!ctx.signal.aborted) status.replaceChildren(errorView(err, null, form, fieldName));
    }
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); act('save'); });

  const savedNow = ctx.params.get('saved');
  const title = editing ? t('ve.editing', { name: current.name, v: shown.version }) : t('ve.builder');
  return h('section', { class: 'card', 'aria-label': title },
    h('header', { class: 'card-head' }, h('h2', {}, title),
      editing ? h('div', { class: 'card-tools' }, h('a', { class: 'analyse', href: analyseHref(ctx, current.name) }, t('ve.analyse'))) : null),
    h('div', { class: 'card-body' },
      savedNow && editing ? h('p', { class: 'ok saved', role: 'status' }, t('ve.saved', { name: current.name, v: savedNow })) : null,
      editing && shown.version !== current.version ? h('p', { class: 'hint' }, t('ve.oldVersion', { v: shown.version, cur: current.version })) : null,
      editing ? h('p', { class: 'hint' }, t('ve.changesAnswers')) : h('p', { class: 'hint' }, t('ve.builderHint')),
      form, status, previewOut));
}

function showPreview(ctx, out, r) {
  const summary = h('p', { class: 'ok preview-count', 'data-events': r.events },
    t('ve.previewCount', { events: fmt.int(r.events), persons: fmt.int(r.persons), days: r.days }));
  if (!r.events) {
    out.replaceChildren(summary, empty(t('ve.noMatch'), t('ve.noMatchHint')));
    return;
  }
  const option = {
    color: PALETTE, tooltip: { trigger: 'axis', valueFormatter: fmt.int }, legend: { bottom: 0 },
    grid: { left: 60, right: 20, top: 20, bottom: 50 },
    xAxis: { type: 'category', data: r.daily.map((d) => fmt.day(d.date)) }, yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('measure.count'), type: 'line', data: r.daily.map((d) => d.events) },
      { name: t('persons'), type: 'line', data: r.daily.map((d) => d.persons) }],
  };
  const daily = resultCard({ title: t('ve.previewDaily', { days: r.days }), option,
    tableEl: table([{ label: t('seg.date'), value: (d) => d.date, format: fmt.day },
      { label: t('measure.count'), numeric: true, value: (d) => d.events, format: fmt.int },
      { label: t('persons'), numeric: true, value: (d) => d.persons, format: fmt.int }], r.daily),
    csv: { name: 'virtual-event-preview.csv', columns: ['date', 'events', 'persons'], rows: r.daily.map((d) => [d.date, d.events, d.persons]) } });
  const samples = resultCard({ title: t('ve.samples'), option: null, className: 've-samples',
    tableEl: table([
      { label: t('time'), value: (s) => s.ts, format: (ts) => fmt.time(ts, ctx.project.time_zone) },
      { label: t('event'), value: (s) => s.event },
      { label: t('person'), value: (s) => s.person_id },
      { label: t('ve.field.element_selector'), value: (s) => s.element_selector },
      { label: t('ve.field.element_text'), value: (s) => s.element_text },
      { label: t('ve.field.path'), value: (s) => s.url, format: (u) => { try { return u ? new URL(u).pathname : ''; } catch { return u; } } },
      { label: t('ve.field.title'), value: (s) => s.title },
    ], r.samples),
    csv: { name: 'virtual-event-samples.csv', columns: ['ts', 'event', 'person_id', 'url', 'title', 'element_selector', 'element_text', 'element_path'],
      rows: r.samples.map((s) => [s.ts, s.event, s.person_id, s.url, s.title, s.element_selector, s.element_text, s.element_path]) } });
  out.replaceChildren(summary, daily, samples);
}

function versionsCard(ctx, current, shown) {
  const link = (v) => h('a', { href: pageHref(ctx, 'virtual-events', new URLSearchParams({ name: current.name, version: String(v.version) })),
    'aria-current': v.version === shown.version ? 'true' : null }, 'v' + v.version);
  return resultCard({ title: t('ve.versions', { name: current.name }), option: null, className: 've-versions',
    tableEl: table([
      { label: t('ve.version'), value: (v) => v.version, render: link },
      { label: t('ve.savedAt'), value: (v) => v.saved_at, format: (ts) => fmt.time(ts, ctx.project.time_zone) },
      { label: t('ve.savedBy'), value: (v) => v.saved_by },
      { label: t('ve.state'), value: (v) => (v.archived ? t('ve.archived') : v.version === current.version ? t('ve.current') : '') },
    ], current.versions),
    csv: { name: `virtual-event-${current.name}-versions.csv`, columns: ['version', 'saved_at', 'saved_by', 'archived'],
      rows: current.versions.map((v) => [v.version, v.saved_at, v.saved_by, v.archived]) } });
}
