// What several analysis pages share: the date range (default: the last 30 days in the project's
// time zone), the query form with its Run button, and running a query with loading/empty/error states.
import { t, fmt, today, daysBefore } from '../i18n.js';
import { h, field, loading, errorView, empty } from '../ui.js';

export function range(ctx) {
  const to = ctx.params.get('to') || today(ctx.project.time_zone);
  const from = ctx.params.get('from') || daysBefore(to, 29);
  return { from, to };
}

export function dateFields(ctx) {
  const { from, to } = range(ctx);
  return [field(t('from'), h('input', { type: 'date', name: 'from', value: from, required: true })),
    field(t('to'), h('input', { type: 'date', name: 'to', value: to, required: true }))];
}

/** The form: fields, then Run; submitting turns the fields into URL parameters via read(form). */
export function queryForm(ctx, fields, read) {
  const form = h('form', { class: 'query', 'aria-label': t('page.' + ctx.page) },
    fields, h('div', { class: 'field run' }, h('button', { type: 'submit', class: 'primary' }, t('run'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.go(read(form));
  });
  return form;
}

/** Runs fetch() into `out` with a loading state; show(result) renders; errors say what to do. */
export async function run(ctx, out, form, fetcher, show) {
  out.replaceChildren(loading());
  try {
    const result = await fetcher(ctx.signal);
    if (ctx.signal.aborted) return;
    out.replaceChildren();
    show(result);
  } catch (err) {
    if (ctx.signal.aborted || err.name === 'AbortError') return;
    out.replaceChildren(errorView(err, () => run(ctx, out, form, fetcher, show), form, ctx.fieldName));
  }
  ctx.painted();
}

export function noEvents() {
  return empty(t('noEvents'), t('noEventsHint'));
}

export const projectPath = (ctx, rest) => `/api/v1/projects/${encodeURIComponent(ctx.project.id)}${rest}`;

/** Reads the named form values into URL parameters, leaving out the empty ones. */
export function formParams(form, names) {
  const p = new URLSearchParams();
  for (const n of names) {
    const el = form.elements[n];
    if (!el) continue;
    const v = el.type === 'checkbox' ? (el.checked ? '1' : '') : el.value.trim();
    if (v) p.set(n, v);
  }
  return p;
}

export const groupLabel = (g) => (g === '$all' ? t('total') : g === '$other' ? 'other' : g === '$none' ? t('none') : g);

/**
 * The virtual-event definitions an analysis answer used (its `virtual_events`), as a note above the
 * result: numbers that changed because a definition changed can be traced to the version that made them.
 */
export function virtualNote(ctx, answer) {
  const used = answer?.virtual_events || [];
  if (!used.length) return null;
  return h('p', { class: 've-note', role: 'note' }, t('ve.uses'), ' ', used.flatMap((v, i) => [i ? ', ' : '',
    h('a', { href: `#/${encodeURIComponent(ctx.project.id)}/virtual-events?name=${encodeURIComponent(v.name)}`, 'data-ve': v.name },
      `${v.name} v${v.version}`),
    ' ', t('ve.savedOn', { at: fmt.time(v.saved_at, ctx.project.time_zone) })]));
}
