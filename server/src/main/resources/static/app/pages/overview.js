// The real-time overview: today's tiles against yesterday at the same time, and per-minute charts,
// pushed by the server (Server-Sent Events, at most one snapshot a second), not polled.
import { t, fmt } from '../i18n.js';
import { h, resultCard, table, errorView } from '../ui.js';
import { PALETTE } from '../charts.js';
import { projectPath } from './common.js';

const TILES = [
  ['events', fmt.int], ['pv', fmt.int], ['uv', fmt.int], ['dau', fmt.int], ['new_users', fmt.int],
  ['orders', fmt.int], ['gmv', fmt.cny], ['aov', fmt.cny], ['paying_conversion', fmt.pct],
];

function tile(key, format, today, yesterday, change) {
  const c = change?.[key];
  const trend = c == null ? null : h('span', { class: 'change ' + (c >= 0 ? 'up' : 'down') },
    (c >= 0 ? '▲ ' : '▼ ') + fmt.pct(Math.abs(c)));
  return h('div', { class: 'tile', 'data-metric': key },
    h('div', { class: 'tile-label' }, t('ov.' + key)),
    h('div', { class: 'tile-value' }, format(today?.[key])),
    h('div', { class: 'tile-sub' }, t('ov.yesterday') + ' ' + format(yesterday?.[key]), ' ', trend));
}

export async function render(ctx) {
  const hours = Math.max(1, Math.min(+ctx.params.get('hours') || 3, 48));
  const status = h('p', { class: 'live-status', role: 'status' }, t('ov.connecting'));
  const hoursSel = h('select', { id: 'ov-hours', onchange: (e) => ctx.go(new URLSearchParams({ hours: e.target.value })) },
    [1, 3, 6, 12, 24, 48].map((n) => h('option', { value: n, selected: n === hours ? true : null }, t('ov.hours', { n }))));
  const tiles = h('div', { class: 'tiles' });
  const charts = h('div', { class: 'results' });
  ctx.main.append(h('div', { class: 'ov-bar' }, status, h('label', { for: 'ov-hours' }, t('ov.window')), hoursSel), tiles, charts);
  let cards = null;
  let first = true;

  const es = new EventSource(projectPath(ctx, `/overview/stream?hours=${hours}`));
  ctx.signal.addEventListener('abort', () => es.close());
  es.addEventListener('snapshot', (e) => {
    const s = JSON.parse(e.data);
    status.textContent = t('ov.live', { time: fmt.time(s.as_of, s.time_zone), tz: s.time_zone });
    status.classList.remove('stale');
    tiles.replaceChildren(...TILES.map(([k, f]) => tile(k, f, s.today, s.yesterday_same_time, s.change)),
      h('div', { class: 'tile small' }, h('div', { class: 'tile-label' }, 'WAU / MAU'),
        h('div', { class: 'tile-value' }, fmt.int(s.wau) + ' / ' + fmt.int(s.mau))));
    const labels = s.minutes.map((m) => m.minute.slice(11, 16));
    const line = (keys, format) => ({
      color: PALETTE, tooltip: { trigger: 'axis', valueFormatter: format }, legend: { bottom: 0 },
      grid: { left: 60, right: 20, top: 20, bottom: 50 }, xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: format === fmt.int ? 1 : 0, axisLabel: { formatter: (v) => format(v) } },
      series: keys.map((k) => ({ name: t('ov.' + k), type: 'line', showSymbol: false, data: s.minutes.map((m) => m[k]) })),
    });
    const cols = ['events', 'pv', 'uv', 'orders', 'gmv'];
    const tableEl = () => table([{ label: t('ov.minute'), value: (m) => m.minute.slice(11, 16) },
      ...cols.map((k) => ({ label: t('ov.' + k), numeric: true, value: (m) => m[k], format: k === 'gmv' ? fmt.cny : fmt.int }))],
    [...s.minutes].reverse());
    const csv = { name: 'overview-minutes.csv', columns: ['minute', ...cols], rows: s.minutes.map((m) => [m.minute, ...cols.map((k) => m[k])]) };
    const specs = [
      { title: t('ov.traffic'), option: line(['events', 'pv', 'uv'], fmt.int), tableEl: tableEl(), csv },
      { title: t('ov.sales'), option: line(['gmv'], fmt.cny), tableEl: tableEl(), csv },
    ];
    if (!cards) {
      cards = specs.map((spec) => resultCard(spec));
      charts.replaceChildren(...cards);
    } else {
      cards.forEach((c, i) => c.update(specs[i]));
    }
    if (first) { first = false; ctx.painted(); }
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
