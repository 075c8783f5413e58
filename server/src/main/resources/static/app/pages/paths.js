// Paths after (or before) an event, as a Sankey chart and a table of links.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, field, select, pickerField, resultCard, table, empty } from '../ui.js';
import { PALETTE } from '../charts.js';
import { dateFields, queryForm, run, range, noEvents, projectPath, formParams, virtualNote } from './common.js';

// node ids are 'step:event'; the chart's columns already show the step
const eventOf = (id) => id.slice(id.indexOf(':') + 1);
const label = (id) => `${id.slice(0, id.indexOf(':'))}. ${eventOf(id)}`;

export async function render(ctx) {
  const p = ctx.params;
  let start = p.get('start');
  if (!start) {
    const known = (await ctx.catalog.events).map((e) => e.event);
    if (!known.length) { ctx.main.append(noEvents()); ctx.painted(); return; }
    start = known.includes('product_view') ? 'product_view' : known[0];
  }
  const names = ctx.catalog.names;
  const direction = p.get('direction') === 'before' ? 'before' : 'after';
  const depth = Math.max(1, Math.min(+p.get('depth') || 3, 5));
  const nodes = Math.max(2, Math.min(+p.get('nodes') || 8, 50));
  const form = queryForm(ctx, [
    pickerField(t('startEvent'), 'start', names, start),
    field(t('direction'), select('direction', [['after', t('dir.after')], ['before', t('dir.before')]], direction)),
    field(t('depth'), h('input', { type: 'number', name: 'depth', min: 1, max: 5, value: depth })),
    field(t('maxNodes'), h('input', { type: 'number', name: 'nodes', min: 2, max: 50, value: nodes })),
    ...dateFields(ctx),
  ], (f) => formParams(f, ['start', 'direction', 'depth', 'nodes', 'from', 'to']));
  ctx.fieldName = (f) => ({ 'start.event': 'start', max_nodes: 'nodes' })[f];
  const out = h('div', { class: 'results' });
  ctx.main.append(form, out);

  const body = { start: { event: start }, direction, depth, max_nodes: nodes, ...range(ctx) };
  await run(ctx, out, form, (signal) => api.post(projectPath(ctx, '/query/paths'), body, signal), (r) => {
    out.append(virtualNote(ctx, r) || '');
    if (!r.links.length) { out.append(empty()); return; }
    const option = {
      color: PALETTE, tooltip: { trigger: 'item' },
      series: [{
        type: 'sankey', left: 10, right: 140, top: 10, bottom: 10, nodeAlign: 'left', emphasis: { focus: 'adjacency' },
        data: r.nodes.map((n) => ({ name: n.id, value: n.persons })),
        links: r.links.map((l) => ({ source: l.source, target: l.target, value: l.persons })),
        label: { formatter: (x) => eventOf(x.name) }, lineStyle: { color: 'gradient', opacity: 0.35 },
      }],
    };
    const cols = [{ label: t('source'), value: (l) => label(l.source) }, { label: t('target'), value: (l) => label(l.target) },
      { label: t('persons'), numeric: true, value: (l) => l.persons, format: fmt.int }];
    out.append(resultCard({ title: t('pathsTitle') + ': ' + start, option, chartHeight: 460, tableEl: table(cols, r.links),
      csv: { name: 'paths.csv', columns: ['source', 'target', 'persons'], rows: r.links.map((l) => [l.source, l.target, l.persons]) } }));
  });
}
