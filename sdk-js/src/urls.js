// Allow/deny URL patterns for autocapture: RegExps, or strings where * matches anything.
function toRegExp(p) {
  if (p instanceof RegExp) return p;
  return new RegExp('^' + String(p).split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
}

export function compilePatterns(list) {
  return (list || []).map(toRegExp);
}

/** Deny wins; with no allow list every other page is allowed. */
export function urlAllowed(url, allow, deny) {
  if (deny.some((r) => r.test(url))) return false;
  return allow.length === 0 || allow.some((r) => r.test(url));
}
