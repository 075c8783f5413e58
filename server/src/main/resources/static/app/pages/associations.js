// Product associations: what is bought together (pairs and triples) with support, confidence and
// lift, worded as statements an operator reads ("35% of buyers of X also buy Y"), and bundle ideas.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, field, select, pickerField, resultCard, table, empty } from '../ui.js';
import { PALETTE } from '../charts.js';
import { dateFields, queryForm, run, range, projectPath, formParams } from './common.js';

const num = (v, fallback) => (v != null && v !== '' && !isNaN(+v) ? +v : fallback);

/** The rule in the reader's language, from its numbers (the API's own statement is English). */
export function statement(rule, scope, windowDays) {
  const of = rule.confidence > 0 ? Math.round(rule.count / rule.confidence) : 0;
  const vars = { pct: fmt.pct(rule.confidence), x: rule.antecedent.join(t('assoc.and')), y: rule.consequent,
    c: fmt.int(rule.count), n: fmt.int(of), within: windowDays ? t('assoc.within', { d: windowDays }) : '' };
  return t(scope === 'order' ? 'assoc.stmtOrder' : 'assoc.stmtPerson', vars);
}

export async function render(ctx) {
  const p = ctx.params;
  // per person and by category unless asked otherwise: a shop whose orders hold one product (digital
  // goods, like the simulated one) has nothing bought together within an order
  const scope = p.get('scope') === 'order' ? 'order' : 'person';
  const item = p.get('item') || 'category';
  const body = {
    ...range(ctx), item, scope,
    min_support: num(p.get('support'), 0.001), min_count: num(p.get('count'), 5),
    max_size: p.get('size') === '2' ? 2 : 3, limit: num(p.get('limit'), 50),
  };
  if (scope === 'person' && p.get('window')) body.window_days = num(p.get('window'), null);
  const form = queryForm(ctx, [
    pickerField(t('assoc.item'), 'item', ctx.catalog.properties('order_paid'), item),
    field(t('assoc.scope'), select('scope', [['order', t('assoc.scope.order')], ['person', t('assoc.scope.person')]], scope)),
    field(t('assoc.window'), h('input', { type: 'number', name: 'window', min: 1, max: 3660, value: p.get('window') || '',
      placeholder: t('assoc.windowAny') })),
    field(t('assoc.minSupport'), h('input', { type: 'number', name: 'support', min: 0, max: 1, step: 'any', value: body.min_support })),
    field(t('assoc.minCount'), h('input', { type: 'number', name: 'count', min: 1, step: 1, value: body.min_count })),
    field(t('assoc.maxSize'), select('size', [['2', t('assoc.pairs')], ['3', t('assoc.triples')]], String(body.max_size))),
    field(t('assoc.limit'), h('input', { type: 'number', name: 'limit', min: 1, max: 1000, value: body.limit })),
    ...dateFields(ctx),
  ], (f) => formParams(f, ['item', 'scope', 'window', 'support', 'count', 'size', 'limit', 'from', 'to']));
  ctx.fieldName = (f) => ({ min_support: 'support', min_count: 'count', max_size: 'size', window_days: 'window' })[f];
  const out = h('div', { class: 'results' });
  ctx.main.append(form, out);

  await run(ctx, out, form, (signal) => api.post(projectPath(ctx, '/query/associations'), body, signal), (r) => {
    out.append(h('p', { class: 'lead summary' }, t(scope === 'order' ? 'assoc.summaryOrder' : 'assoc.summaryPerson',
      { n: fmt.int(r.transactions), min: fmt.int(r.min_count) })));
    if (!r.rules.length) { out.append(empty(t('assoc.none'), t('assoc.noneHint'))); return; }
    const rulesByLift = r.rules;
    out.append(h('section', { class: 'card statements', 'aria-label': t('assoc.statements') },
      h('header', { class: 'card-head' }, h('h2', {}, t('assoc.statements'))),
      h('ol', { class: 'statements' }, rulesByLift.filter((x) => x.lift > 1).slice(0, 10).map((x) => h('li', {}, statement(x, r.scope, r.window_days),
        ' ', h('span', { class: 'hint' }, t('assoc.liftNote', { lift: fmt.dec(x.lift) })))))));

    const ruleLabel = (x) => `${x.antecedent.join(' + ')} → ${x.consequent}`;
    const top = rulesByLift.slice(0, 15);
    const option = {
      color: PALETTE, tooltip: { trigger: 'axis', valueFormatter: fmt.dec }, grid: { left: 220, right: 30, top: 10, bottom: 30 },
      xAxis: { type: 'value', name: t('assoc.lift') }, yAxis: { type: 'category', inverse: true, data: top.map(ruleLabel) },
      series: [{ name: t('assoc.lift'), type: 'bar', data: top.map((x) => x.lift) }],
    };
    const ruleCols = [
      { label: t('assoc.rule'), value: ruleLabel },
      { label: t('assoc.count'), numeric: true, value: (x) => x.count, format: fmt.int },
      { label: t('assoc.support'), numeric: true, value: (x) => x.support, format: fmt.pct },
      { label: t('assoc.confidence'), numeric: true, value: (x) => x.confidence, format: fmt.pct },
      { label: t('assoc.lift'), numeric: true, value: (x) => x.lift, format: fmt.dec },
    ];
    out.append(resultCard({ title: t('assoc.rules'), className: 'rules-card', option, startWith: 'table', tableEl: table(ruleCols, rulesByLift),
      csv: { name: 'association-rules.csv', columns: ['antecedent', 'consequent', 'count', 'support', 'confidence', 'lift', 'statement'],
        rows: rulesByLift.map((x) => [x.antecedent.join('|'), x.consequent, x.count, x.support, x.confidence, x.lift, x.statement]) } }));

    const bundleCols = [
      { label: t('assoc.bundle'), value: (x) => x.items.join(' + ') },
      { label: t('assoc.count'), numeric: true, value: (x) => x.count, format: fmt.int },
      { label: t('assoc.support'), numeric: true, value: (x) => x.support, format: fmt.pct },
      { label: t('assoc.lift'), numeric: true, value: (x) => x.lift, format: fmt.dec },
      { label: t('assoc.score'), numeric: true, value: (x) => x.score, format: fmt.num },
    ];
    out.append(resultCard({ title: t('assoc.bundles'), className: 'bundles-card', option: null,
      tableEl: r.bundles.length ? table(bundleCols, r.bundles, { caption: t('assoc.bundlesCaption') }) : empty(t('assoc.none'), t('assoc.noneHint')),
      csv: { name: 'bundle-suggestions.csv', columns: ['items', 'count', 'support', 'lift', 'score'],
        rows: r.bundles.map((x) => [x.items.join('|'), x.count, x.support, x.lift, x.score]) } }));

    const itemCols = [
      { label: t('assoc.item'), value: (x) => x.item },
      { label: t('assoc.count'), numeric: true, value: (x) => x.count, format: fmt.int },
      { label: t('assoc.support'), numeric: true, value: (x) => x.support, format: fmt.pct },
    ];
    out.append(resultCard({ title: t('assoc.items'), option: null, tableEl: table(itemCols, r.items),
      csv: { name: 'association-items.csv', columns: ['item', 'count', 'support'], rows: r.items.map((x) => [x.item, x.count, x.support]) } }));
  });
}
