// Small DOM helpers, the states every page shows (loading, empty, error), and the result card
// every chart lives in: chart and table views of the same rows, and a CSV export of those rows.
import { t } from './i18n.js';
import { chart } from './charts.js';

/** h('div', {class: 'x', onclick: f}, 'text', child) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'value') el.value = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

let ids = 0;
export const uid = (p) => `${p}-${++ids}`;

/** A labelled form control; `control` gets the id the label points at. */
export function field(label, control, extraClass) {
  control.id = control.id || uid('f');
  return h('div', { class: 'field ' + (extraClass || '') }, h('label', { for: control.id }, label), control);
}

export function select(name, options, value) {
  return h('select', { name },
    options.map(([v, label]) => h('option', { value: v, selected: v === value ? true : null }, label)));
}

/** A text input with suggestions (keyboard- and screen-reader-friendly: a native datalist). */
export function picker(name, values, value, placeholder) {
  const list = uid('dl');
  const datalist = h('datalist', { id: list });
  // suggestions may still be loading: the query does not wait for them
  Promise.resolve(values).then((vs) => datalist.replaceChildren(...vs.map((v) => h('option', { value: v }))), () => {});
  return [
    h('input', { name, list, value: value || '', placeholder: placeholder || '', autocomplete: 'off', spellcheck: 'false' }),
    datalist,
  ];
}

export function pickerField(label, name, values, value, placeholder) {
  const [input, list] = picker(name, values, value, placeholder);
  const f = field(label, input);
  f.append(list);
  return f;
}

export function loading() {
  return h('p', { class: 'state loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('loading'));
}

export function empty(message, hint) {
  return h('div', { class: 'state empty', role: 'status' }, h('p', { class: 'state-title' }, message || t('empty')),
    h('p', {}, hint || t('emptyHint')));
}

/** An error says what went wrong and what to do; a field named by the server is highlighted. */
export function errorView(err, retry, form, fieldName) {
  const hint = t('hint.' + err.code) !== 'hint.' + err.code ? t('hint.' + err.code) : t('hint.other');
  if (form && err.field) {
    // the API names fields of its JSON body (steps[1].event); a page maps them to its inputs
    const f = err.field.replace(/^\./, '');
    const name = (fieldName && fieldName(f)) || f.replace(/\[\d+\].*$/, '').replace(/\..*$/, '');
    const el = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (el) { el.setAttribute('aria-invalid', 'true'); el.focus(); }
  }
  return h('div', { class: 'state error', role: 'alert' },
    h('p', { class: 'state-title' }, t('errorTitle') + ': ' + err.message + (err.field ? ` (${err.field})` : '')),
    h('p', {}, hint),
    retry ? h('button', { type: 'button', onclick: retry }, t('retry')) : null);
}

export function csvText(columns, rows) {
  const cell = (v) => {
    const s = v == null ? '' : String(v);
    return /[",\n\r]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
  };
  return [columns, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

export function download(filename, text, type = 'text/csv;charset=utf-8') {
  // a BOM so that spreadsheet programs read Chinese as UTF-8
  const blob = new Blob(['\ufeff' + text], { type });
  const a = h('a', { href: URL.createObjectURL(blob), download: filename });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

/**
 * A table. columns: [{label, value(row) → raw, format(raw) → text, numeric}]; rows: any objects.
 * cellStyle(row, col) may return inline styles (the retention heat map).
 */
export function table(columns, rows, { caption, cellStyle, rowHeader = true } = {}) {
  return h('div', { class: 'table-wrap', tabindex: '0' },
    h('table', {},
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : '' }, c.label)))),
      h('tbody', {}, rows.map((r) => h('tr', { class: r._total ? 'total' : null }, columns.map((c, i) => {
        const raw = c.value(r);
        const content = c.render ? c.render(r) : (c.format ? c.format(raw) : raw ?? '');
        const attrs = { class: c.numeric ? 'num' : '', style: cellStyle ? cellStyle(r, c) : null };
        return i === 0 && rowHeader ? h('th', { scope: 'row', ...attrs }, content) : h('td', attrs, content);
      }))))));
}

/**
 * The card around a result: title, [Chart | Table] switch, CSV export of the table's rows.
 * option: an ECharts option (or null: table only). csv: {name, columns, rows} of raw values.
 */
export function resultCard(spec) {
  let { title, option, tableEl, csv } = spec;
  const { startWith = 'chart', chartHeight } = spec;
  const chartEl = option ? h('div', { class: 'chart', role: 'img', 'aria-label': title, style: chartHeight ? `height:${chartHeight}px` : null }) : null;
  const body = h('div', { class: 'card-body' });
  let view = option ? startWith : 'table';
  const btnChart = option ? h('button', { type: 'button', class: 'toggle', 'data-view': 'chart' }, t('chart')) : null;
  const btnTable = option ? h('button', { type: 'button', class: 'toggle', 'data-view': 'table' }, t('table')) : null;
  const show = () => {
    body.replaceChildren(view === 'chart' ? chartEl : tableEl);
    btnChart?.setAttribute('aria-pressed', String(view === 'chart'));
    btnTable?.setAttribute('aria-pressed', String(view === 'table'));
    if (view === 'chart') chart(chartEl, option);
  };
  btnChart?.addEventListener('click', () => { view = 'chart'; show(); });
  btnTable?.addEventListener('click', () => { view = 'table'; show(); });
  const card = h('section', { class: 'card' + (spec.className ? ' ' + spec.className : ''), 'aria-label': title },
    h('header', { class: 'card-head' }, h('h2', {}, title),
      h('div', { class: 'card-tools', role: 'group' }, btnChart, btnTable,
        csv ? h('button', { type: 'button', class: 'csv', onclick: () => download(csv.name, csvText(csv.columns, csv.rows)) }, t('csv')) : null)),
    body);
  show();
  /** New numbers in the same card (live pages): the chosen view stays. */
  card.update = (next) => {
    ({ option, tableEl, csv } = { option, tableEl, csv, ...next });
    show();
  };
  return card;
}
