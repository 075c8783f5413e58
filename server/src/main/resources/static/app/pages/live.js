// Live events: with no filter, the events pushed by the server as they become durable (SSE,
// `…/live/events`); with an event or person filter, the newest stored events that match.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, pickerField, field, resultCard, table, empty, errorView } from '../ui.js';
import { queryForm, run, projectPath, formParams } from './common.js';

const KEEP = 200;

function columns(zone) {
  return [
    { label: t('time'), value: (e) => e.ts, format: (ts) => fmt.time(ts, zone) },
    { label: t('event'), value: (e) => e.event },
    { label: t('person'), value: (e) => e.person_id },
    { label: t('channel'), value: (e) => e.channel },
    { label: t('amount'), numeric: true, value: (e) => e.amount, format: (a) => (a == null ? '' : fmt.cny(a)) },
    { label: t('url'), value: (e) => e.url || e.path },
  ];
}
const csvOf = (events) => ({ name: 'events.csv', columns: ['ts', 'event', 'person_id', 'channel', 'amount', 'url'],
  rows: events.map((e) => [e.ts, e.event, e.person_id, e.channel, e.amount, e.url || e.path]) });

export async function render(ctx) {
  const p = ctx.params;
  const zone = ctx.project.time_zone;
  const form = queryForm(ctx, [
    pickerField(t('event'), 'event', ctx.catalog.names, p.get('event') || '', t('allEvents')),
    field(t('person'), h('input', { name: 'person', value: p.get('person') || '' })),
  ], (f) => formParams(f, ['event', 'person']));
  const out = h('div', { class: 'results' });
  ctx.main.append(h('p', { class: 'lead' }, t('liveTitle')), form, out);
  if (!p.get('event') && !p.get('person')) return stream(ctx, out, zone);

  const q = new URLSearchParams({ limit: '100' });
  if (p.get('event')) q.set('event', p.get('event'));
  if (p.get('person')) q.set('person', p.get('person'));
  await run(ctx, out, form, (signal) => api.get(projectPath(ctx, '/events?' + q), signal), (r) => {
    if (!r.events.length) { out.append(empty()); return; }
    out.append(h('p', { class: 'hint' }, t('newest', { n: r.events.length, tz: zone })));
    out.append(resultCard({ title: t('page.live'), option: null, tableEl: table(columns(zone), r.events), csv: csvOf(r.events) }));
  });
}

function stream(ctx, out, zone) {
  let events = [];
  let paused = false;
  const status = h('p', { class: 'live-status', role: 'status' }, t('ov.connecting'));
  const pause = h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => {
    paused = !paused;
    pause.setAttribute('aria-pressed', String(paused));
    pause.textContent = paused ? t('live.resume') : t('live.pause');
    if (!paused) draw();
  } }, t('live.pause'));
  const card = resultCard({ title: t('live.stream'), option: null, tableEl: h('p', { class: 'state empty' }, t('live.waiting')), csv: csvOf([]) });
  out.append(h('div', { class: 'ov-bar' }, status, pause), card);
  const draw = () => card.update({ tableEl: events.length ? table(columns(zone), events) : h('p', { class: 'state empty' }, t('live.waiting')),
    csv: csvOf(events) });
  let first = true;
  const es = new EventSource(projectPath(ctx, '/live/events?backlog=50'));
  ctx.signal.addEventListener('abort', () => es.close());
  es.addEventListener('open', () => {
    status.textContent = t('timesIn', { tz: zone });
    status.classList.remove('stale');
    if (first) { first = false; ctx.painted(); }
  });
  es.addEventListener('events', (e) => {
    const m = JSON.parse(e.data);
    events = [...m.events.reverse(), ...events].slice(0, KEEP);
    if (m.skipped) status.textContent = t('live.skipped', { n: fmt.int(m.skipped) });
    if (!paused) draw();
  });
  es.onerror = () => {
    if (es.readyState === EventSource.CLOSED) {
      status.replaceWith(errorView({ code: 'network', message: t('ov.closed') }, () => ctx.go(ctx.params)));
    } else {
      status.textContent = t('ov.reconnecting');
      status.classList.add('stale');
    }
  };
}
