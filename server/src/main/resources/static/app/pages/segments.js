// Segments: built-in and saved segments with their stored sizes (live on demand), a segment's size over time (stored daily
// snapshots, with a button that computes missing days), a builder for the common conditions with
// the definition as editable JSON (checked by the API), members as CSV, and a person's memberships.
import * as api from '../api.js';
import { t, fmt, today } from '../i18n.js';
import { h, field, select, picker, resultCard, table, empty, errorView, loading, download, csvText } from '../ui.js';
import { PALETTE } from '../charts.js';
import { dateFields, range, projectPath } from './common.js';

const OPS = ['gte', 'lte', 'eq', 'gt', 'lt', 'neq'];
const PROP_OPS = ['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'is_set', 'is_not_set'];
const TYPES = ['event', 'spend', 'property', 'segment'];

const segPath = (ctx, id, rest = '') => projectPath(ctx, '/segments/' + encodeURIComponent(id) + rest);
const kindLabel = (s) => t('seg.kind.' + s.kind) + (s.tuned ? ' · ' + t('seg.tuned') : '');

export async function render(ctx) {
  const p = ctx.params;
  const listOut = h('div', { class: 'results seg-list' });
  const sizesOut = h('div', { class: 'results seg-sizes' });
  const builderOut = h('div', { class: 'results seg-builder' });
  const lookupOut = h('div', { class: 'results seg-lookup' });
  ctx.main.append(listOut, sizesOut, builderOut, lookupOut);
  listOut.append(loading());
  let segments;
  let stored;
  try {
    ({ segments, latest_sizes: stored } = await api.get(projectPath(ctx, '/segments'), ctx.signal));
  } catch (err) {
    if (ctx.signal.aborted) return;
    listOut.replaceChildren(errorView(err, () => ctx.go(p)));
    ctx.painted();
    return;
  }
  if (ctx.signal.aborted) return;
  const chosen = segments.find((s) => s.id === p.get('id')) || segments[0];
  listOut.replaceChildren(listCard(ctx, segments, stored || {}, chosen));
  ctx.painted();
  builderOut.append(builder(ctx, segments));
  lookupOut.append(lookup(ctx));
  await sizesOverTime(ctx, sizesOut, chosen);
}

/**
 * The list. Sizes come from the stored daily counts (the end of yesterday), so opening the page counts
 * nothing over the events; a segment without a current stored size is counted live, and "Count now"
 * counts every segment as of today.
 */
function listCard(ctx, segments, stored, chosen) {
  const sizes = new Map();
  const cells = new Map();
  const asOf = today(ctx.project.time_zone);
  const show = (s, persons, note) => {
    sizes.set(s.id, persons);
    const [number, asOfNote] = cells.get(s.id);
    number.textContent = fmt.int(persons);
    asOfNote.textContent = note;
  };
  const countLive = (s) => {
    const [number, asOfNote] = cells.get(s.id);
    number.textContent = '…';
    asOfNote.textContent = '';
    api.get(segPath(ctx, s.id, '/size'), ctx.signal).then((r) => show(s, r.persons, t('seg.sizeToday')),
      (err) => { if (!ctx.signal.aborted) { number.textContent = '!'; number.title = err.message; } });
  };
  const sizeCell = (s) => {
    const number = h('span', { 'data-size': s.id }, '…');
    const asOfNote = h('small', { class: 'muted size-as-of' });
    cells.set(s.id, [number, asOfNote]);
    const known = stored[s.id];
    queueMicrotask(() => (known ? show(s, known.persons, t('seg.sizeAsOf', { date: fmt.day(known.date) })) : countLive(s)));
    return h('span', {}, number, ' ', asOfNote);
  };
  const link = (s) => {
    const q = new URLSearchParams(ctx.params);
    q.set('id', s.id);
    return h('a', { href: `#/${encodeURIComponent(ctx.project.id)}/segments?${q}`, 'aria-current': s === chosen ? 'true' : null }, s.name);
  };
  const cols = [
    { label: t('seg.name'), value: (s) => s.name, render: link },
    { label: 'ID', value: (s) => s.id, render: (s) => h('code', {}, s.id) },
    { label: t('seg.kind'), value: kindLabel },
    { label: t('seg.sizeStored'), numeric: true, value: () => null, render: sizeCell },
    { label: t('seg.members'), value: () => '', render: (s) => h('a', { class: 'csv-link', href: segPath(ctx, s.id, '/members?format=csv'),
      download: `segment-${s.id}.csv` }, t('seg.exportMembers')) },
    { label: t('seg.description'), value: (s) => s.description || '', wrap: true },
  ];
  const card = resultCard({ title: t('seg.list'), option: null,
    tableEl: table(cols, segments, { cellStyle: (s, c) => (c.wrap ? 'white-space:normal;min-width:18rem' : null) }) });
  // the list as CSV, with the sizes known when it is clicked
  card.querySelector('.card-tools').append(
    h('button', { type: 'button', class: 'count-now', title: t('seg.size', { date: fmt.day(asOf) }),
      onclick: () => segments.forEach(countLive) }, t('seg.countNow')),
    h('button', { type: 'button', class: 'csv', onclick: () =>
      download('segments.csv', csvText(['id', 'name', 'kind', 'persons'], segments.map((s) => [s.id, s.name, s.kind, sizes.get(s.id)]))) },
    t('csv')));
  return card;
}

async function sizesOverTime(ctx, out, s) {
  const { from, to } = range(ctx);
  const form = h('form', { class: 'query', 'aria-label': t('seg.sizesTitle', { name: s.name }) }, ...dateFields(ctx),
    h('div', { class: 'field run' }, h('button', { type: 'submit', class: 'primary' }, t('run'))));
  const body = h('div', {});
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams(ctx.params);
    q.set('from', form.elements.from.value);
    q.set('to', form.elements.to.value);
    ctx.go(q);
  });
  out.replaceChildren(h('h2', { class: 'section' }, t('seg.sizesTitle', { name: s.name })), form, body);
  const show = (r) => {
    if (!r.sizes.length) {
      body.replaceChildren(empty(t('seg.noSizes'), t('seg.noSizesHint')));
      return;
    }
    const option = {
      color: PALETTE, tooltip: { trigger: 'axis', valueFormatter: fmt.int }, grid: { left: 60, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: r.sizes.map((x) => fmt.day(x.date)) }, yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: s.name, type: 'line', data: r.sizes.map((x) => x.persons) }],
    };
    body.replaceChildren(resultCard({ title: t('seg.sizesChart', { name: s.name }), option,
      tableEl: table([{ label: t('seg.date'), value: (x) => x.date, format: fmt.day },
        { label: t('persons'), numeric: true, value: (x) => x.persons, format: fmt.int }], r.sizes),
      csv: { name: `segment-${s.id}-sizes.csv`, columns: ['date', 'persons'], rows: r.sizes.map((x) => [x.date, x.persons]) } }));
  };
  const range_ = `?from=${from}&to=${to}`;
  // days without a stored snapshot (the nightly job had not run yet) can be computed now
  const compute = h('button', { type: 'button', class: 'compute', onclick: async () => {
    body.replaceChildren(loading());
    const days = `?from=${form.elements.from.value}&to=${form.elements.to.value}`;
    try { show(await api.post(segPath(ctx, s.id, '/sizes' + days), {}, ctx.signal)); } catch (err) { body.replaceChildren(errorView(err, null, form)); }
  } }, t('seg.compute'));
  form.append(h('div', { class: 'field run' }, compute));
  body.append(loading());
  try {
    show(await api.get(segPath(ctx, s.id, '/sizes' + range_), ctx.signal));
  } catch (err) {
    if (!ctx.signal.aborted) body.replaceChildren(errorView(err, null, form));
  }
}

/** One condition of the builder as a definition node. */
function conditionNode(c) {
  let node;
  const lastDays = +c.days > 0 ? { last_days: +c.days } : undefined;
  if (c.type === 'event') {
    node = { type: 'event', event: c.event, count: { op: c.op, value: +c.n || 0 } };
    if (lastDays) node.period = lastDays;
  } else if (c.type === 'spend') {
    node = { type: 'rfm', monetary: { op: c.op, value: +c.n || 0 } };
    if (lastDays) node.period = lastDays;
  } else if (c.type === 'property') {
    node = { type: 'property', property: c.property, op: c.pop };
    if (!['is_set', 'is_not_set'].includes(c.pop)) node.value = c.value !== '' && !isNaN(+c.value) && /^(gt|gte|lt|lte)$/.test(c.pop) ? +c.value : c.value;
  } else {
    node = { type: 'segment', id: c.segment };
  }
  return c.not ? { not: node } : node;
}

function builder(ctx, segments) {
  const list = h('ol', { class: 'steps conditions' });
  const textarea = h('textarea', { name: 'definition', rows: 8, spellcheck: 'false', class: 'json' });
  const combine = select('combine', [['and', t('seg.all')], ['or', t('seg.any')]], 'and');
  const name = h('input', { name: 'name', required: true, class: 'wide-input', placeholder: t('seg.namePlaceholder') });
  const status = h('div', { class: 'seg-status', 'aria-live': 'polite' });
  const props = ctx.catalog.properties(null);

  const read = (li) => {
    const v = (k) => li.querySelector(`[data-k="${k}"]`)?.value?.trim() ?? '';
    return { type: v('type'), not: li.querySelector('[data-k="not"]').checked, event: v('event'), op: v('op'), n: v('n'), days: v('days'),
      property: v('property'), pop: v('pop'), value: v('value'), segment: v('segment') };
  };
  const sync = () => {
    const nodes = [...list.children].map((li) => conditionNode(read(li)));
    const def = nodes.length === 1 ? nodes[0] : { [combine.value]: nodes };
    textarea.value = JSON.stringify(def, null, 2);
  };
  const addRow = (c) => {
    const li = h('li', { class: 'step condition' });
    const n = () => [...list.children].indexOf(li) + 1;
    const label = (k) => `${t('seg.condition')} ${n()}: ${k}`;
    const fill = (c) => {
      const type = select('c.type', TYPES.map((x) => [x, t('seg.type.' + x)]), c.type);
      type.dataset.k = 'type';
      type.setAttribute('aria-label', label(t('seg.type')));
      type.addEventListener('change', () => { fill({ ...read(li), type: type.value }); sync(); });
      const not = h('input', { type: 'checkbox', 'data-k': 'not', checked: c.not ? true : null });
      const notLabel = h('label', { class: 'not' }, not, ' ' + t('seg.not'));
      const parts = [];
      const input = (k, attrs, placeholder) => {
        const el = h('input', { 'data-k': k, name: `c.${k}`, placeholder, 'aria-label': label(placeholder), ...attrs });
        parts.push(el);
        return el;
      };
      const opSel = (k, ops, v) => {
        const el = select(`c.${k}`, ops.map((o) => [o, t('op.' + o)]), v);
        el.dataset.k = k;
        el.setAttribute('aria-label', label(t('seg.compare')));
        parts.push(el);
      };
      if (c.type === 'event') {
        const [ev, evList] = picker('c.event', ctx.catalog.names, c.event || '', t('event'));
        ev.dataset.k = 'event';
        ev.setAttribute('aria-label', label(t('event')));
        parts.push(ev, evList);
        opSel('op', OPS, c.op || 'gte');
        input('n', { type: 'number', min: 0, value: c.n || '1', class: 'short' }, t('seg.times'));
        input('days', { type: 'number', min: 1, value: c.days || '30', class: 'short' }, t('seg.lastDays'));
      } else if (c.type === 'spend') {
        opSel('op', OPS, c.op || 'gte');
        input('n', { type: 'number', min: 0, step: '0.01', value: c.n || '100', class: 'short' }, t('seg.cny'));
        input('days', { type: 'number', min: 1, value: c.days || '', class: 'short' }, t('seg.lastDays'));
      } else if (c.type === 'property') {
        const [pr, prList] = picker('c.property', props, c.property || '', t('property'));
        pr.dataset.k = 'property';
        pr.setAttribute('aria-label', label(t('property')));
        parts.push(pr, prList);
        opSel('pop', PROP_OPS, c.pop || 'eq');
        input('value', { value: c.value || '' }, t('value'));
      } else {
        const sel = select('c.segment', segments.map((s) => [s.id, s.name]), c.segment || segments[0]?.id);
        sel.dataset.k = 'segment';
        sel.setAttribute('aria-label', label(t('seg.type.segment')));
        parts.push(sel);
      }
      const remove = h('button', { type: 'button', class: 'icon', 'aria-label': t('seg.remove', { n: n() }), title: t('seg.remove', { n: n() }),
        onclick: () => { if (list.children.length > 1) { li.remove(); sync(); } } }, '×');
      li.replaceChildren(type, notLabel, ...parts, remove);
    };
    fill(c);
    li.addEventListener('input', sync);
    li.addEventListener('change', sync);
    list.append(li);
  };
  addRow({ type: 'event', event: 'product_view', op: 'gte', n: '3', days: '30' });
  addRow({ type: 'event', event: 'order_paid', op: 'gte', n: '1', days: '30', not: true });
  combine.addEventListener('change', sync);
  sync();

  const definition = () => {
    try {
      return JSON.parse(textarea.value);
    } catch (e) {
      throw Object.assign(new Error(t('seg.badJson') + ' ' + e.message), { code: 'bad_json', field: 'definition' });
    }
  };
  const form = h('form', { class: 'query builder', 'aria-label': t('seg.builder') },
    h('fieldset', { class: 'wide' }, h('legend', {}, t('seg.conditions')), list,
      h('button', { type: 'button', class: 'add-step', onclick: () => { addRow({ type: 'event', op: 'gte', n: '1', days: '30' }); sync(); } },
        '+ ' + t('seg.add')), ' ', field(t('seg.combine'), combine, 'inline')),
    field(t('seg.json'), textarea, 'wide'),
    field(t('seg.name'), name),
    h('div', { class: 'field run' }, h('button', { type: 'button', class: 'preview', onclick: () => act('preview') }, t('seg.preview'))),
    h('div', { class: 'field run' }, h('button', { type: 'submit', class: 'primary' }, t('seg.save'))));
  // the API names fields by JSON path: definition.and[1].count.op → the second condition's inputs
  const fieldName = (f) => {
    const m = /^definition\.(?:and|or)\[(\d+)\]/.exec(f);
    const li = m ? list.children[+m[1]] : null;
    li?.querySelector('input, select')?.setAttribute('aria-invalid', 'true');
    return f.startsWith('definition') ? 'definition' : f;
  };
  const act = async (what) => {
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    status.replaceChildren(loading());
    try {
      const def = definition();
      if (what === 'preview') {
        const r = await api.post(projectPath(ctx, '/segments/preview'), { definition: def }, ctx.signal);
        status.replaceChildren(h('p', { class: 'ok preview-size' }, t('seg.previewSize', { n: fmt.int(r.persons), date: fmt.day(r.as_of) })),
          r.sample.length ? h('p', { class: 'hint' }, t('seg.sample') + ' ' + r.sample.join(', ')) : null);
      } else {
        if (!name.value.trim()) { name.setAttribute('aria-invalid', 'true'); name.focus(); status.replaceChildren(); return; }
        const s = await api.post(projectPath(ctx, '/segments'), { name: name.value.trim(), definition: def }, ctx.signal);
        const q = new URLSearchParams(ctx.params);
        q.set('id', s.id);
        ctx.go(q);
      }
    } catch (err) {
      if (!ctx.signal.aborted) status.replaceChildren(errorView(err, null, form, fieldName));
    }
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); act('save'); });
  return h('section', { class: 'card', 'aria-label': t('seg.builder') },
    h('header', { class: 'card-head' }, h('h2', {}, t('seg.builder'))),
    h('div', { class: 'card-body' }, h('p', { class: 'hint' }, t('seg.builderHint')), form, status));
}

/** Which segments a person is in, and why (each condition with the person's numbers). */
function lookup(ctx) {
  const person = ctx.params.get('person') || '';
  const input = h('input', { name: 'person', value: person, required: true, autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'query', 'aria-label': t('seg.lookup') }, field(t('person'), input),
    h('div', { class: 'field run' }, h('button', { type: 'submit', class: 'primary' }, t('seg.lookupButton'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams(ctx.params);
    q.set('person', input.value.trim());
    ctx.go(q);
  });
  const out = h('div', {});
  if (person) {
    out.append(loading());
    api.get(projectPath(ctx, `/persons/${encodeURIComponent(person)}/segments`), ctx.signal).then((r) => {
      const why = (m) => h('ul', { class: 'why' }, m.conditions.map((c) => h('li', { class: c.met ? 'met' : 'unmet' },
        (c.met ? '✓ ' : '✗ ') + c.description + (c.values && Object.keys(c.values).length
          ? ' (' + Object.entries(c.values).map(([k, v]) => `${k} = ${typeof v === 'number' ? fmt.num(v) : v ?? '–'}`).join(', ') + ')' : ''))));
      const cols = [
        { label: t('seg.name'), value: (m) => m.name },
        { label: t('seg.member'), value: (m) => (m.member ? t('yes') : t('no')), render: (m) => h('strong', { class: m.member ? 'yes' : 'no' }, m.member ? t('yes') : t('no')) },
        { label: t('seg.why'), value: () => '', render: why },
      ];
      out.replaceChildren(resultCard({ title: t('seg.lookupTitle', { person, date: fmt.day(r.as_of) }), option: null,
        tableEl: table(cols, r.segments),
        csv: { name: `segments-of-${person}.csv`, columns: ['segment', 'name', 'member'], rows: r.segments.map((m) => [m.segment, m.name, m.member]) } }));
    }, (err) => { if (!ctx.signal.aborted) out.replaceChildren(errorView(err, null, form)); });
  }
  return h('section', { class: 'card', 'aria-label': t('seg.lookup') },
    h('header', { class: 'card-head' }, h('h2', {}, t('seg.lookup'))), h('div', { class: 'card-body' }, form, out));
}
