// Event analysis: one event's measure over time, optionally broken down by a property.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, field, select, pickerField, resultCard, table, empty } from '../ui.js';
import { PALETTE } from '../charts.js';
import { dateFields, queryForm, run, range, noEvents, projectPath, formParams, groupLabel, virtualNote } from './common.js';

const MEASURES = ['count', 'persons', 'per_person', 'sum', 'avg', 'p50', 'p90'];
const NEEDS_PROPERTY = new Set(['sum', 'avg', 'p50', 'p90']);

export async function render(ctx) {
  const p = ctx.params;
  let event = p.get('event');
  if (!event) {
    const events = await ctx.catalog.events;
    if (!events.length) { ctx.main.append(noEvents()); ctx.painted(); return; }
    event = (events.find((e) => e.event === 'order_paid') || events[0]).event;
  }
  const measure = MEASURES.includes(p.get('measure')) ? p.get('measure') : 'count';
  const interval = p.get('interval') || 'day';
  const props = ctx.catalog.properties(event);
  const form = queryForm(ctx, [
    pickerField(t('event'), 'event', ctx.catalog.names, event),
    field(t('measure'), select('measure', MEASURES.map((m) => [m, t('measure.' + m)]), measure)),
    pickerField(t('property'), 'prop', props, p.get('prop') || (NEEDS_PROPERTY.has(measure) ? 'amount' : ''), 'amount'),
    field(t('interval'), select('interval', ['hour', 'day', 'week', 'month'].map((i) => [i, t('interval.' + i)]), interval)),
    ...dateFields(ctx),
    pickerField(t('breakdown'), 'by', props, p.get('by') || '', t('none')),
    field(t('compare'), h('input', { type: 'checkbox', name: 'compare', checked: p.get('compare') === '1' ? true : null }), 'check'),
  ], (f) => formParams(f, ['event', 'measure', 'prop', 'interval', 'from', 'to', 'by', 'compare']));
  ctx.fieldName = (f) => ({ 'measure.property': 'prop', 'measure.type': 'measure', 'breakdown.property': 'by' })[f];
  const out = h('div', { class: 'results' });
  ctx.main.append(form, out);

  const body = { event, interval, ...range(ctx), measure: { type: measure } };
  if (NEEDS_PROPERTY.has(measure)) body.measure.property = p.get('prop') || 'amount';
  if (p.get('by')) body.breakdown = { property: p.get('by'), limit: 10 };
  if (p.get('compare') === '1') body.compare = 'previous_period';
  const money = body.measure.property === 'amount' && ['sum', 'avg', 'p50', 'p90'].includes(measure);
  const show = money ? fmt.cny : measure === 'per_person' ? fmt.num : fmt.int;

  await run(ctx, out, form, (signal) => api.post(projectPath(ctx, '/query/trend'), body, signal), (r) => {
    out.append(virtualNote(ctx, r) || '');
    const all = [...r.series, ...(r.previous || []).map((s) => ({ ...s, group: s.group + ' (' + t('previous') + ')', dashed: true }))];
    if (all.every((s) => s.values.every((v) => !v))) { out.append(empty()); return; }
    const labels = r.buckets.map(fmt.day);
    const option = {
      color: PALETTE, tooltip: { trigger: 'axis', valueFormatter: show }, legend: { type: 'scroll', bottom: 0 },
      grid: { left: 60, right: 20, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: labels }, yAxis: { type: 'value', axisLabel: { formatter: (v) => show(v) } },
      series: all.map((s) => ({ name: groupLabel(s.group), type: 'line', showSymbol: false, data: s.values,
        lineStyle: s.dashed ? { type: 'dashed' } : undefined })),
    };
    const rows = r.buckets.map((b, i) => ({ b, i }));
    const columns = [{ label: t('interval.' + interval), value: (x) => x.b, format: fmt.day },
      ...all.map((s) => ({ label: groupLabel(s.group), numeric: true, value: (x) => s.values[x.i], format: show }))];
    const totals = { b: t('total'), i: -1, _total: true };
    const tableEl = table(columns.map((c, k) => (k === 0 ? c : { ...c, value: (x) => (x.i < 0 ? all[k - 1].total : c.value(x)) })),
      [...rows, totals]);
    out.append(resultCard({
      title: `${event} · ${t('measure.' + measure)}${body.measure.property ? ' ' + body.measure.property : ''}`,
      option, tableEl,
      csv: { name: `trend-${event}.csv`, columns: ['bucket', ...all.map((s) => s.group)],
        rows: r.buckets.map((b, i) => [b, ...all.map((s) => s.values[i])]) },
    }));
  });
}
