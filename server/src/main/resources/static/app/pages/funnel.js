// Funnels: a step builder (event + optional filter per step), conversion window, breakdown;
// the steps as chart and table, and per step the persons who dropped (list and CSV).
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, field, select, picker, pickerField, resultCard, table, loading, errorView, download } from '../ui.js';
import { PALETTE } from '../charts.js';
import { dateFields, queryForm, run, range, noEvents, projectPath, groupLabel, virtualNote } from './common.js';

const OPS = ['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'is_set', 'is_not_set'];

/** Steps from the URL: s1=event&s1p=property&s1o=op&s1v=value … */
function stepsFrom(params) {
  const steps = [];
  for (let i = 1; i <= 10 && params.get('s' + i) != null; i++) {
    steps.push({ event: params.get('s' + i), p: params.get(`s${i}p`) || '', o: params.get(`s${i}o`) || 'eq', v: params.get(`s${i}v`) || '' });
  }
  return steps;
}

function stepQuery(s) {
  const q = { event: s.event };
  if (s.p) {
    const f = { property: s.p, op: s.o };
    if (!['is_set', 'is_not_set'].includes(s.o)) f.value = ['gt', 'gte', 'lt', 'lte'].includes(s.o) && s.v !== '' && !isNaN(+s.v) ? +s.v : s.v;
    q.filters = [f];
  }
  return q;
}

export async function render(ctx) {
  const p = ctx.params;
  let steps = stepsFrom(p);
  if (steps.length === 0) {
    if (!(await ctx.catalog.events).length) { ctx.main.append(noEvents()); ctx.painted(); return; }
    steps = [{ event: '', o: 'eq' }, { event: '', o: 'eq' }, { event: '', o: 'eq' }];
  }
  const names = ctx.catalog.names;
  const allProps = ctx.catalog.properties(null);

  const list = h('ol', { class: 'steps' });
  const addRow = (s) => {
    const n = list.children.length + 1;
    const [ev, evList] = picker('s' + n, names, s.event, t('event'));
    ev.setAttribute('aria-label', `${t('step')} ${n}: ${t('event')}`);
    ev.required = true;
    const [prop, propList] = picker(`s${n}p`, allProps, s.p, t('filter'));
    prop.setAttribute('aria-label', `${t('step')} ${n}: ${t('filter')} ${t('property')}`);
    const op = select(`s${n}o`, OPS.map((o) => [o, o]), s.o || 'eq');
    op.setAttribute('aria-label', `${t('step')} ${n}: ${t('filter')}`);
    const val = h('input', { name: `s${n}v`, value: s.v || '', placeholder: t('value'), 'aria-label': `${t('step')} ${n}: ${t('value')}` });
    const remove = h('button', { type: 'button', class: 'icon', 'aria-label': t('removeStep', { n }), title: t('removeStep', { n }) }, '×');
    const li = h('li', { class: 'step' }, ev, evList, prop, propList, op, val, remove);
    remove.addEventListener('click', () => {
      if (list.children.length <= 2) return;
      const kept = readSteps().filter((_, i) => i !== [...list.children].indexOf(li));
      list.replaceChildren();
      kept.forEach(addRow);
    });
    list.append(li);
  };
  const readSteps = () => [...list.children].map((li) => {
    const [ev, prop, op, val] = li.querySelectorAll('input, select');
    return { event: ev.value.trim(), p: prop.value.trim(), o: op.value, v: val.value.trim() };
  });
  steps.forEach(addRow);
  const add = h('button', { type: 'button', class: 'add-step', onclick: () => { if (list.children.length < 10) addRow({ event: '', o: 'eq' }); } }, '+ ' + t('addStep'));

  const form = queryForm(ctx, [
    h('fieldset', { class: 'wide' }, h('legend', {}, t('steps')), list, add),
    field(t('window'), select('w', ['30m', '1h', '1d', '3d', '7d', '14d', '30d'].map((w) => [w, w]), p.get('w') || '7d')),
    ...dateFields(ctx),
    pickerField(t('breakdown'), 'by', allProps, p.get('by') || '', t('none')),
  ], (f) => {
    const q = new URLSearchParams();
    readSteps().filter((s) => s.event).forEach((s, i) => {
      q.set('s' + (i + 1), s.event);
      if (s.p) { q.set(`s${i + 1}p`, s.p); q.set(`s${i + 1}o`, s.o); if (s.v) q.set(`s${i + 1}v`, s.v); }
    });
    for (const n of ['w', 'from', 'to', 'by']) if (f.elements[n].value.trim()) q.set(n, f.elements[n].value.trim());
    return q;
  });
  ctx.fieldName = (f) => {
    const m = /^steps\[(\d+)\](?:\.filters\[\d+\]\.(property|op|value))?/.exec(f);
    if (m) return 's' + (+m[1] + 1) + ({ property: 'p', op: 'o', value: 'v' }[m[2]] || '');
    return { window: 'w', 'breakdown.property': 'by' }[f];
  };
  const out = h('div', { class: 'results' });
  ctx.main.append(form, out);

  steps = steps.filter((s) => s.event);
  if (steps.length < 2) { out.append(h('p', { class: 'state empty' }, t('needTwoSteps'))); ctx.painted(); return; }
  const body = { steps: steps.map(stepQuery), window: p.get('w') || '7d', ...range(ctx) };
  if (p.get('by')) body.breakdown = { property: p.get('by'), limit: 5 };

  await run(ctx, out, form, (signal) => api.post(projectPath(ctx, '/query/funnel'), body, signal), (r) => {
    out.append(virtualNote(ctx, r) || '');
    const all = r.groups[0];
    const labels = all.steps.map((s) => `${s.step}. ${s.event}`);
    const option = {
      color: PALETTE, tooltip: { trigger: 'axis' }, legend: { type: 'scroll', bottom: 0 },
      grid: { left: 60, right: 20, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0 } }, yAxis: { type: 'value' },
      series: r.groups.map((g) => ({ name: groupLabel(g.group), type: 'bar', data: g.steps.map((s) => s.persons),
        label: { show: r.groups.length === 1, position: 'top', formatter: (x) => fmt.pct(g.steps[x.dataIndex].conversion) } })),
    };
    const dropped = h('div', { class: 'dropped' });
    const columns = [
      { label: t('step'), value: (s) => `${s.step}. ${s.event}` },
      { label: t('persons'), numeric: true, value: (s) => s.persons, format: fmt.int },
      { label: t('conversion'), numeric: true, value: (s) => s.conversion, format: fmt.pct },
      { label: t('stepConversion'), numeric: true, value: (s) => s.step_conversion, format: fmt.pct },
      { label: t('droppedHere'), numeric: true, value: (s) => s.dropped_here, format: fmt.int },
      { label: t('medianTime'), numeric: true, value: (s) => s.median_seconds, format: fmt.seconds },
      { label: t('whoDropped'), value: () => '', render: (s) => (s.step < 2 || !s.dropped_here ? '' :
        h('button', { type: 'button', class: 'link', onclick: () => showDropped(ctx, body, s.step, dropped) }, t('whoDropped'))) },
    ];
    const csvCols = ['group', 'step', 'event', 'persons', 'conversion', 'step_conversion', 'dropped_here', 'median_seconds'];
    const csvRows = r.groups.flatMap((g) => g.steps.map((s) => [g.group, s.step, s.event, s.persons, s.conversion,
      s.step_conversion, s.dropped_here, s.median_seconds]));
    out.append(resultCard({ title: t('page.funnel'), option, tableEl: table(columns, all.steps, { caption: t('total') }),
      startWith: 'table', csv: { name: 'funnel.csv', columns: csvCols, rows: csvRows } }));
    if (r.groups.length > 1) {
      const last = all.steps.length - 1;
      const gcols = [{ label: groupLabel(body.breakdown.property), value: (g) => groupLabel(g.group) },
        { label: t('entered'), numeric: true, value: (g) => g.steps[0].persons, format: fmt.int },
        ...all.steps.slice(1).map((s, i) => ({ label: `${s.step}. ${s.event}`, numeric: true,
          value: (g) => g.steps[i + 1].step_conversion, format: fmt.pct })),
        { label: t('overall'), numeric: true, value: (g) => g.steps[last].conversion, format: fmt.pct }];
      out.append(h('section', { class: 'card' }, h('header', { class: 'card-head' }, h('h2', {}, t('breakdown') + ': ' + body.breakdown.property)),
        h('div', { class: 'card-body' }, table(gcols, r.groups))));
    }
    out.append(dropped);
  });
}

async function showDropped(ctx, body, step, out) {
  out.replaceChildren(loading());
  try {
    const r = await api.post(projectPath(ctx, `/query/funnel/dropped?step=${step}&limit=100`), body, ctx.signal);
    const csv = h('button', { type: 'button', class: 'csv', onclick: async () => {
      const text = await api.postForText(projectPath(ctx, `/query/funnel/dropped?step=${step}&format=csv&limit=1000000`), body);
      download(`dropped-at-step-${step}.csv`, text.replace(/^\ufeff/, ''));
    } }, t('droppedCsv'));
    out.replaceChildren(h('section', { class: 'card' },
      h('header', { class: 'card-head' }, h('h2', {}, t('droppedTitle', { a: step - 1, b: step })), h('div', { class: 'card-tools' }, csv)),
      saveAsSegment(ctx, body, step),
      h('ul', { class: 'persons' }, r.persons.map((id) => h('li', {}, h('a', { href: `#/${encodeURIComponent(ctx.project.id)}/live?person=${encodeURIComponent(id)}` }, id))))));
    out.querySelector('h2').scrollIntoView({ block: 'nearest' });
  } catch (err) {
    out.replaceChildren(errorView(err, () => showDropped(ctx, body, step, out)));
  }
}

/** The persons who dropped at a step, saved as a static segment (POST …/segments with from_funnel). */
function saveAsSegment(ctx, body, step) {
  const { breakdown, ...query } = body; // the list is the same for every group
  const name = h('input', { name: 'segment_name', required: true, maxlength: 200,
    value: t('droppedSegmentName', { step, event: body.steps[step - 1].event, from: body.from, to: body.to }) });
  const status = h('span', { class: 'seg-status', role: 'status' });
  const form = h('form', { class: 'query inline save-segment', 'aria-label': t('saveAsSegment') },
    field(t('segmentName'), name), h('div', { class: 'field run' }, h('button', { type: 'submit' }, t('saveAsSegment'))), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.replaceChildren(t('loading'));
    try {
      const s = await api.post(projectPath(ctx, '/segments'), { name: name.value.trim(), kind: 'static', from_funnel: { query, step } }, ctx.signal);
      status.replaceChildren(t('savedAsSegment') + ' ',
        h('a', { href: `#/${encodeURIComponent(ctx.project.id)}/segments?id=${encodeURIComponent(s.id)}` }, s.name));
    } catch (err) {
      status.replaceChildren(errorView(err, null, form, () => 'segment_name'));
    }
  });
  return form;
}
