// Channels & LTV: attribution (first/last/linear touch) by channel, source or campaign; LTV curves
// per acquisition channel; ROI, CAC and payback where spend was entered; spend upload (CSV) and entry.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, field, select, resultCard, table, empty, errorView, loading } from '../ui.js';
import { PALETTE } from '../charts.js';
import { dateFields, queryForm, run, range, projectPath, formParams } from './common.js';

/** The enrichment's channels (docs/api/channels.md): the ones spend can be entered for. */
export const CHANNELS = ['community', 'short_video', 'wechat', 'invite', 'search', 'social', 'paid', 'email', 'referral', 'direct'];
const MODELS = ['first_touch', 'last_touch', 'linear'];
const BYS = ['channel', 'source', 'campaign'];
const HORIZONS = [7, 30, 90];

/** A channel id in the reader's language (the id itself where there is no name). */
export const channelName = (c) => (t('ch.' + c) === 'ch.' + c ? c : t('ch.' + c));

export async function render(ctx) {
  const p = ctx.params;
  const model = MODELS.includes(p.get('model')) ? p.get('model') : 'first_touch';
  const by = BYS.includes(p.get('by')) ? p.get('by') : 'channel';
  const lookback = Math.max(1, Math.min(+p.get('lookback') || 30, 365));
  const form = queryForm(ctx, [
    field(t('attr.model'), select('model', MODELS.map((m) => [m, t('attr.' + m)]), model)),
    field(t('attr.by'), select('by', BYS.map((b) => [b, t('attr.by.' + b)]), by)),
    field(t('attr.lookback'), h('input', { type: 'number', name: 'lookback', min: 1, max: 365, value: lookback })),
    ...dateFields(ctx),
  ], (f) => formParams(f, ['model', 'by', 'lookback', 'from', 'to']));
  ctx.fieldName = (f) => ({ lookback_days: 'lookback' })[f];
  const ltvOut = h('div', { class: 'results ltv' });
  const attrOut = h('div', { class: 'results attribution' });
  const spendOut = h('div', { class: 'results spend' });
  ctx.main.append(form, ltvOut, attrOut, spendOut);
  spendOut.append(spendCard(ctx));

  const { from, to } = range(ctx);
  const ltvBody = { from, to, curve_days: 90 };
  const attrBody = { from, to, model, by, lookback_days: lookback };
  // one after the other, the top card first: run side by side they shared the store's threads and
  // both arrived late (the page's first result took 1.2–1.9 s at 10M events instead of ~0.5 s)
  attrOut.append(loading());
  await run(ctx, ltvOut, form, (signal) => api.post(projectPath(ctx, '/query/ltv'), ltvBody, signal), (r) => showLtv(ltvOut, r));
  if (ctx.signal.aborted) return;
  await run(ctx, attrOut, form, (signal) => api.post(projectPath(ctx, '/query/attribution'), attrBody, signal), (r) => showAttribution(attrOut, r, by));
}

function showLtv(out, r) {
  if (!r.rows.length) { out.append(empty()); return; }
  const per = (row, day) => row.ltv.find((x) => x.day === day)?.per_person;
  const matured = (row, day) => row.ltv.find((x) => x.day === day)?.matured_persons;
  // the curve ends where nobody has matured in any channel
  const len = Math.max(0, ...r.rows.map((row) => row.curve.reduce((last, v, i) => (v != null ? i + 1 : last), 0)));
  const option = {
    color: PALETTE, tooltip: { trigger: 'axis', valueFormatter: fmt.cny }, legend: { type: 'scroll', bottom: 0 },
    grid: { left: 70, right: 20, top: 20, bottom: 75 },
    xAxis: { type: 'category', name: t('ltv.dayAxis'), nameLocation: 'middle', nameGap: 28, data: Array.from({ length: len }, (_, i) => i) },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => fmt.cny(v) } },
    series: r.rows.map((row) => ({ name: channelName(row.channel), type: 'line', showSymbol: false, data: row.curve.slice(0, len) })),
  };
  const cols = [
    { label: t('channel'), value: (x) => x.channel, format: channelName },
    { label: t('ltv.persons'), numeric: true, value: (x) => x.persons, format: fmt.int },
    { label: t('ltv.buyers'), numeric: true, value: (x) => x.buyers, format: fmt.int },
    { label: t('ltv.revenue'), numeric: true, value: (x) => x.revenue, format: fmt.cny },
    // per person over the persons acquired at least N days ago: their number is shown (few early on)
    ...HORIZONS.map((d) => ({ label: t('ltv.day', { n: d }), numeric: true, day: d, value: (x) => per(x, d),
      render: (x) => [h('span', { 'data-ltv': d }, fmt.cny(per(x, d))),
        h('span', { class: 'n', title: t('ltv.matured', { n: fmt.int(matured(x, d) || 0) }) }, 'n=' + fmt.int(matured(x, d) || 0))] })),
  ];
  out.append(resultCard({
    title: t('ltv.title'), className: 'ltv-card', option: null,
    tableEl: table(cols, r.rows, { caption: t('ltv.caption', { date: fmt.day(r.as_of) }) }),
    csv: { name: 'ltv-by-channel.csv', columns: ['channel', 'persons', 'buyers', 'revenue', ...HORIZONS.map((d) => 'ltv_day_' + d),
      ...HORIZONS.map((d) => 'matured_day_' + d)],
    rows: r.rows.map((x) => [x.channel, x.persons, x.buyers, x.revenue, ...HORIZONS.map((d) => per(x, d)), ...HORIZONS.map((d) => matured(x, d))]) },
  }));
  const days = Array.from({ length: len }, (_, i) => i);
  out.append(resultCard({
    title: t('ltv.curves'), className: 'curves-card', option,
    tableEl: table([{ label: t('ltv.dayAxis'), value: (i) => i },
      ...r.rows.map((x) => ({ label: channelName(x.channel), numeric: true, value: (i) => x.curve[i], format: fmt.cny }))], days),
    csv: { name: 'ltv-curves.csv', columns: ['day', ...r.rows.map((x) => x.channel)], rows: days.map((i) => [i, ...r.rows.map((x) => x.curve[i])]) },
  }));

  const spent = r.rows.filter((x) => x.spend != null);
  const roiCols = [
    { label: t('channel'), value: (x) => x.channel, format: channelName },
    { label: t('roi.spend'), numeric: true, value: (x) => x.spend, format: fmt.cny },
    { label: t('ltv.revenue'), numeric: true, value: (x) => x.revenue, format: fmt.cny },
    { label: t('roi.cac'), numeric: true, value: (x) => x.cac, format: fmt.cny },
    { label: t('roi.cpp'), numeric: true, value: (x) => x.cost_per_person, format: fmt.cny },
    { label: t('roi.roi'), numeric: true, value: (x) => x.roi, format: fmt.pct },
    { label: t('roi.payback'), numeric: true, value: (x) => x.payback_days,
      format: (d) => (d == null ? t('roi.notYet') : d === 0 ? t('roi.sameDay') : t('roi.days', { n: fmt.int(d) })) },
  ];
  out.append(resultCard({
    title: t('roi.title'), className: 'roi-card', option: null,
    tableEl: spent.length ? table(roiCols, spent) : empty(t('roi.none'), t('roi.noneHint')),
    csv: { name: 'roi-by-channel.csv', columns: ['channel', 'spend', 'revenue', 'cac', 'cost_per_person', 'roi', 'payback_days'],
      rows: spent.map((x) => [x.channel, x.spend, x.revenue, x.cac, x.cost_per_person, x.roi, x.payback_days]) },
  }));
}

function showAttribution(out, r, by) {
  if (!r.rows.length) { out.append(empty()); return; }
  const label = (x) => (by === 'channel' ? channelName(x.channel) : by === 'source' ? `${x.source} (${channelName(x.channel)})` : x.campaign);
  const top = r.rows.slice(0, 15);
  const option = {
    color: PALETTE, tooltip: { trigger: 'axis', valueFormatter: fmt.cny }, grid: { left: 140, right: 30, top: 10, bottom: 30 },
    xAxis: { type: 'value', axisLabel: { formatter: (v) => fmt.cny(v) } },
    yAxis: { type: 'category', inverse: true, data: top.map(label) },
    series: [{ name: t('ltv.revenue'), type: 'bar', data: top.map((x) => x.revenue) }],
  };
  const cols = [
    { label: t('attr.by.' + by), value: label },
    { label: t('ltv.persons'), numeric: true, value: (x) => x.persons, format: fmt.int },
    { label: t('attr.orders'), numeric: true, value: (x) => x.orders, format: r.model === 'linear' ? fmt.num : fmt.int },
    { label: t('ltv.revenue'), numeric: true, value: (x) => x.revenue, format: fmt.cny },
    { label: t('attr.share'), numeric: true, value: (x) => x.revenue_share, format: fmt.pct },
  ];
  const totals = { ...r.totals, channel: t('total'), source: t('total'), campaign: t('total'), _total: true };
  const totalLabel = { ...cols[0], value: (x) => (x._total ? t('total') : label(x)) };
  out.append(resultCard({
    title: t('attr.title', { model: t('attr.' + r.model) }), className: 'attr-card', option, startWith: 'table',
    tableEl: table([totalLabel, ...cols.slice(1)], [...r.rows, totals]),
    csv: { name: `attribution-${r.model}-${by}.csv`, columns: ['channel', 'source', 'campaign', 'persons', 'orders', 'revenue', 'revenue_share'],
      rows: r.rows.map((x) => [x.channel, x.source, x.campaign, x.persons, x.orders, x.revenue, x.revenue_share]) },
  }));
}

/** Spend: a CSV file (day,channel,amount) or one row by hand; saving reloads the numbers. */
function spendCard(ctx) {
  const status = h('div', { class: 'spend-status', role: 'status' });
  const saved = (r) => {
    status.replaceChildren(h('p', { class: 'ok' }, t('spend.saved', { n: fmt.int(r.saved) })));
    ctx.go(ctx.params);
  };
  const failed = (form) => (err) => status.replaceChildren(errorView(err, null, form));
  const file = h('input', { type: 'file', name: 'spend_csv', accept: '.csv,text/csv' });
  const upload = h('form', { class: 'query inline spend-upload', 'aria-label': t('spend.upload') },
    field(t('spend.file'), file),
    h('div', { class: 'field run' }, h('button', { type: 'submit' }, t('spend.uploadButton'))));
  upload.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!file.files.length) { file.focus(); return; }
    const text = await file.files[0].text();
    api.put(projectPath(ctx, '/channels/spend'), text.replace(/^\ufeff/, ''), 'text/csv').then(saved, failed(upload));
  });
  const { to } = range(ctx);
  const manual = h('form', { class: 'query inline spend-manual', 'aria-label': t('spend.manual') },
    field(t('channel'), select('channel', CHANNELS.map((c) => [c, channelName(c)]), 'paid')),
    field(t('spend.day'), h('input', { type: 'date', name: 'day', value: to, required: true })),
    field(t('spend.amount'), h('input', { type: 'number', name: 'amount', min: 0, step: '0.01', required: true })),
    h('div', { class: 'field run' }, h('button', { type: 'submit' }, t('spend.save'))));
  manual.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = manual.elements;
    api.put(projectPath(ctx, '/channels/spend'), { spend: [{ channel: f.channel.value, day: f.day.value, amount: +f.amount.value }] })
      .then(saved, failed(manual));
  });
  return h('section', { class: 'card', 'aria-label': t('spend.title') },
    h('header', { class: 'card-head' }, h('h2', {}, t('spend.title'))),
    h('div', { class: 'card-body' }, h('p', { class: 'hint' }, t('spend.hint')), upload, manual, status));
}
