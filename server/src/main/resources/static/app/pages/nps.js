// NPS: the score with its confidence interval, promoters/passives/detractors, the weekly trend,
// and the score by first-touch channel and by segment.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, resultCard, table, empty } from '../ui.js';
import { PALETTE } from '../charts.js';
import { dateFields, queryForm, run, range, projectPath } from './common.js';
import { channelName } from './channels.js';

const COLUMNS = ['group', 'responses', 'promoters', 'passives', 'detractors', 'nps', 'ci_low', 'ci_high'];

function tile(key, value, sub) {
  return h('div', { class: 'tile', 'data-metric': key },
    h('div', { class: 'tile-label' }, t('nps.' + key)), h('div', { class: 'tile-value' }, value), h('div', { class: 'tile-sub' }, sub || ''));
}

/** A card with the groups' scores: a line (weeks) or bars (channels, segments) with the interval, and the table. */
function groupsCard(title, r, label, kind, csvName) {
  const groups = r.groups.filter((g) => g.responses > 0);
  if (!groups.length) return resultCard({ title, option: null, tableEl: empty(t('nps.none'), t('nps.noneHint')) });
  const names = groups.map((g) => label(g.group));
  const option = {
    color: PALETTE, tooltip: { trigger: 'axis', valueFormatter: fmt.one }, legend: { bottom: 0 },
    grid: { left: 50, right: 20, top: 20, bottom: 50 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: kind === 'bar' && names.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', min: -100, max: 100 },
    // the interval: dashed lines along the weeks; whisker ends above and below each bar
    series: [
      { name: 'NPS', type: kind, data: groups.map((g) => g.nps ?? null), showSymbol: true, barMaxWidth: 60 },
      ...[['ciLow', 'ci_low'], ['ciHigh', 'ci_high']].map(([key, field]) => (kind === 'line'
        ? { name: t('nps.' + key), type: 'line', data: groups.map((g) => g[field] ?? null), color: '#8a94a6', lineStyle: { type: 'dashed' }, showSymbol: false }
        : { name: t('nps.' + key), type: 'scatter', data: groups.map((g) => g[field] ?? null), color: '#4b5563', symbol: 'rect', symbolSize: [28, 3] })),
    ],
  };
  const cols = [
    { label: t('group'), value: (g) => label(g.group) },
    { label: t('nps.responses'), numeric: true, value: (g) => g.responses, format: fmt.int },
    { label: t('nps.promoters'), numeric: true, value: (g) => g.promoters, format: fmt.int },
    { label: t('nps.passives'), numeric: true, value: (g) => g.passives, format: fmt.int },
    { label: t('nps.detractors'), numeric: true, value: (g) => g.detractors, format: fmt.int },
    { label: 'NPS', numeric: true, value: (g) => g.nps, format: fmt.one },
    { label: t('nps.ciCol', { level: fmt.pct(r.confidence) }), numeric: true, value: (g) => g.ci_low,
      render: (g) => (g.ci_low == null ? '–' : `${fmt.one(g.ci_low)} … ${fmt.one(g.ci_high)}`) },
  ];
  return resultCard({ title, option, tableEl: table(cols, groups),
    csv: { name: csvName, columns: COLUMNS, rows: groups.map((g) => COLUMNS.map((c) => g[c])) } });
}

export async function render(ctx) {
  // the scores do not wait for the segment list: it only names the checkboxes and the by-segment groups
  const segmentsList = api.get(projectPath(ctx, '/segments'), ctx.signal).then((r) => r.segments).catch(() => []);
  const chosen = ctx.params.getAll('seg').filter(Boolean);
  // segments to compare: checkboxes (at most 20 are sent), filled in when the list arrives
  const segBoxes = h('fieldset', { class: 'wide checks' }, h('legend', {}, t('nps.segments')));
  const form = queryForm(ctx, [...dateFields(ctx), segBoxes], (f) => {
    const q = new URLSearchParams();
    for (const n of ['from', 'to']) if (f.elements[n].value) q.set(n, f.elements[n].value);
    segBoxes.querySelectorAll('input:checked').forEach((c) => q.append('seg', c.value));
    return q;
  });
  ctx.fieldName = (f) => (f.startsWith('segments') ? 'seg' : null);
  const tiles = h('div', { class: 'results nps-overall' });
  const trend = h('div', { class: 'results' });
  const byChannel = h('div', { class: 'results' });
  const bySegment = h('div', { class: 'results' });
  ctx.main.append(form, tiles, trend, byChannel, bySegment);

  const base = { ...range(ctx) };
  const query = (extra) => (signal) => api.post(projectPath(ctx, '/query/nps'), { ...base, ...extra }, signal);
  // the score first: the breakdowns (by segment evaluates every built-in segment) would otherwise
  // share the store's two threads with it and hold back the page's first paint
  await run(ctx, tiles, form, query({ by: 'week' }), (r) => {
    const o = r.overall;
    if (!o.responses) { tiles.append(empty(t('nps.none'), t('nps.noneHint'))); trend.replaceChildren(); return; }
    const share = (n) => fmt.pct(n / o.responses);
    tiles.append(h('div', { class: 'tiles' },
      tile('score', fmt.one(o.nps), t('nps.scoreSub')),
      tile('ci', `${fmt.one(o.ci_low)} … ${fmt.one(o.ci_high)}`, t('nps.ciSub', { level: fmt.pct(r.confidence) })),
      tile('responses', fmt.int(o.responses), r.ignored ? t('nps.ignored', { n: fmt.int(r.ignored) }) : ''),
      tile('promoters', fmt.int(o.promoters), share(o.promoters) + ' · 9–10'),
      tile('passives', fmt.int(o.passives), share(o.passives) + ' · 7–8'),
      tile('detractors', fmt.int(o.detractors), share(o.detractors) + ' · 0–6')));
    trend.replaceChildren(groupsCard(t('nps.trend'), r, fmt.day, 'line', 'nps-by-week.csv'));
  });
  const bySegments = segmentsList.then((all) => {
    // only the segments the operator ticked: comparing every built-in by default cost the server
    // seconds of work at 1M persons on each visit, which the next page then waited behind
    const segs = chosen.slice(0, 20);
    segBoxes.append(...all.map((s) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'seg', value: s.id, checked: segs.includes(s.id) ? true : null }), ' ' + s.name)));
    const names = new Map(all.map((s) => [s.id, s.name]));
    return segs.length ? run(ctx, bySegment, form, query({ by: 'segment', segments: segs }),
      (r) => bySegment.append(groupsCard(t('nps.bySegment'), r, (id) => names.get(id) || id, 'bar', 'nps-by-segment.csv')))
      : bySegment.replaceChildren(h('p', { class: 'state empty' }, t('nps.pickSegments')));
  });
  await Promise.all([
    run(ctx, byChannel, form, query({ by: 'channel' }), (r) => byChannel.append(groupsCard(t('nps.byChannel'), r, channelName, 'bar', 'nps-by-channel.csv'))),
    bySegments,
  ]);
}
