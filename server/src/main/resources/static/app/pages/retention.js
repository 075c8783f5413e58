// Retention: cohorts by the first initial event, as a heat-map table, and the weighted curve.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, field, select, pickerField, resultCard, table, empty } from '../ui.js';
import { PALETTE } from '../charts.js';
import { dateFields, queryForm, run, range, noEvents, projectPath, formParams, virtualNote } from './common.js';

export async function render(ctx) {
  const p = ctx.params;
  let initial = p.get('initial');
  let back = p.get('return');
  if (!initial || !back) {
    const known = (await ctx.catalog.events).map((e) => e.event);
    if (!known.length) { ctx.main.append(noEvents()); ctx.painted(); return; }
    const guess = (n) => (known.includes(n) ? n : known[0]);
    initial = initial || guess('signup');
    back = back || guess('order_paid');
  }
  const names = ctx.catalog.names;
  const interval = p.get('interval') === 'week' ? 'week' : 'day';
  const periods = Math.max(1, Math.min(+p.get('periods') || (interval === 'day' ? 14 : 8), interval === 'day' ? 180 : 52));
  const measure = p.get('measure') === 'revenue' ? 'revenue' : 'persons';
  const form = queryForm(ctx, [
    pickerField(t('initialEvent'), 'initial', names, initial),
    pickerField(t('returnEvent'), 'return', names, back),
    field(t('interval'), select('interval', [['day', t('interval.day')], ['week', t('interval.week')]], interval)),
    field(t('periods'), h('input', { type: 'number', name: 'periods', min: 1, max: 180, value: periods })),
    field(t('measure'), select('measure', [['persons', t('rmeasure.persons')], ['revenue', t('rmeasure.revenue')]], measure)),
    ...dateFields(ctx),
  ], (f) => formParams(f, ['initial', 'return', 'interval', 'periods', 'measure', 'from', 'to']));
  ctx.fieldName = (f) => ({ 'initial.event': 'initial', 'return.event': 'return' })[f.replace(/\.filters.*$/, '')];
  const out = h('div', { class: 'results' });
  ctx.main.append(form, out);

  const body = { initial: { event: initial }, return: { event: back }, interval, periods, measure, ...range(ctx) };
  await run(ctx, out, form, (signal) => api.post(projectPath(ctx, '/query/retention'), body, signal), (r) => {
    out.append(virtualNote(ctx, r) || '');
    if (!r.cohorts.length) { out.append(empty()); return; }
    const unit = t('unit.' + interval);
    const n = periods + 1;
    const rateFmt = measure === 'revenue' ? fmt.cny : fmt.pct;
    const valueFmt = measure === 'revenue' ? fmt.cny : fmt.int;
    const cols = [
      { label: t('cohort'), value: (c) => c.cohort, format: (d) => (d === t('average') ? d : fmt.day(d)) },
      { label: t('size'), numeric: true, value: (c) => c.size, format: fmt.int },
      ...Array.from({ length: n }, (_, i) => ({ label: t('period', { unit, n: i }), numeric: true, period: i,
        value: (c) => c.rates[i], render: (c) => cell(c, i) })),
    ];
    const cell = (c, i) => {
      if (c.rates[i] == null) return '';
      const v = c.values ? c.values[i] : null;
      return h('span', { title: v == null ? '' : valueFmt(v) }, rateFmt(c.rates[i]));
    };
    // shades relative to the highest return rate shown: day-1 rates of a few percent must still stand out
    const max = Math.max(...r.cohorts.flatMap((c) => c.rates.slice(1).filter((x) => x != null)), 1e-9);
    const heat = (c, col) => {
      if (col.period == null || col.period === 0) return null;
      const x = c.rates[col.period];
      if (x == null) return 'background:#f3f4f6';
      if (x === 0) return null;
      const a = Math.min(1, x / max);
      // a light-to-strong blue: readable text on every shade
      return `background:rgba(47,111,222,${(0.08 + 0.8 * Math.sqrt(a)).toFixed(3)});color:${a > 0.35 ? '#fff' : '#111'}`;
    };
    const avgRow = { cohort: t('average'), size: r.cohorts.reduce((s, c) => s + c.size, 0), rates: r.average, values: null, _total: true };
    out.append(resultCard({ title: t('heatmap'), option: null, tableEl: table(cols, [...r.cohorts, avgRow], { cellStyle: heat }),
      csv: { name: 'retention.csv', columns: ['cohort', 'size', ...Array.from({ length: n }, (_, i) => 'period_' + i)],
        rows: r.cohorts.map((c) => [c.cohort, c.size, ...c.values]) } }));
    const option = {
      color: PALETTE, tooltip: { trigger: 'axis', valueFormatter: rateFmt }, grid: { left: 60, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: r.average.map((_, i) => t('period', { unit, n: i })) },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => rateFmt(v) } },
      series: [{ name: t('average'), type: 'line', data: r.average, connectNulls: false }],
    };
    out.append(resultCard({ title: t('curve'), option,
      tableEl: table([{ label: t('interval.' + interval), value: (x) => x.i, format: (i) => t('period', { unit, n: i }) },
        { label: t('average'), numeric: true, value: (x) => x.v, format: rateFmt }], r.average.map((v, i) => ({ i, v }))),
      csv: { name: 'retention-curve.csv', columns: ['period', 'average'], rows: r.average.map((v, i) => [i, v]) } }));
  });
}
