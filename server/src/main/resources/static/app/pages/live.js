// The newest events as they are stored: the developer's check that instrumentation arrives.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, pickerField, field, resultCard, table, empty } from '../ui.js';
import { queryForm, run, projectPath, formParams } from './common.js';

export async function render(ctx) {
  const p = ctx.params;
  const zone = ctx.project.time_zone;
  const form = queryForm(ctx, [
    pickerField(t('event'), 'event', ctx.catalog.names, p.get('event') || '', t('allEvents')),
    field(t('person'), h('input', { name: 'person', value: p.get('person') || '' })),
  ], (f) => formParams(f, ['event', 'person']));
  const out = h('div', { class: 'results' });
  ctx.main.append(h('p', { class: 'lead' }, t('liveTitle')), form, out);
  const q = new URLSearchParams({ limit: '100' });
  if (p.get('event')) q.set('event', p.get('event'));
  if (p.get('person')) q.set('person', p.get('person'));
  await run(ctx, out, form, (signal) => api.get(projectPath(ctx, '/events?' + q), signal), (r) => {
    if (!r.events.length) { out.append(empty()); return; }
    const cols = [
      { label: t('time'), value: (e) => e.ts, format: (ts) => fmt.time(ts, zone) },
      { label: t('event'), value: (e) => e.event },
      { label: t('person'), value: (e) => e.person_id },
      { label: t('channel'), value: (e) => e.channel },
      { label: t('os'), value: (e) => e.os },
      { label: t('amount'), numeric: true, value: (e) => e.amount, format: (a) => (a == null ? '' : fmt.cny(a)) },
      { label: t('url'), value: (e) => e.url || e.path },
    ];
    out.append(h('p', { class: 'hint' }, t('newest', { n: r.events.length, tz: zone })));
    out.append(resultCard({ title: t('page.live'), option: null, tableEl: table(cols, r.events),
      csv: { name: 'events.csv', columns: ['ts', 'event', 'person_id', 'channel', 'os', 'amount', 'url'],
        rows: r.events.map((e) => [e.ts, e.event, e.person_id, e.channel, e.os, e.amount, e.url]) } }));
  });
}
