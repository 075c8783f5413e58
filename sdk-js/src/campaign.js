// UTM, referrer and first touch. Property names are the Sensors SDK's, which the server maps onto its
// utm_* and referrer columns ($latest_utm_* fills the UTM columns of events that have none).
const UTM = ['source', 'medium', 'campaign', 'content', 'term'];

/** {$utm_source: …} from a URL's query. */
export function utmOf(url) {
  const out = {};
  let params;
  try {
    params = new URL(url).searchParams;
  } catch {
    return out;
  }
  for (const part of UTM) {
    const v = params.get('utm_' + part);
    if (v) out['$utm_' + part] = v.slice(0, 255);
  }
  return out;
}

export function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** A referrer from another site (a search engine, an ad, a share), not the shop's own pages. */
export function externalReferrer(referrer, pageUrl) {
  return !!referrer && hostOf(referrer) !== '' && hostOf(referrer) !== hostOf(pageUrl);
}

/**
 * Updates the stored campaign from the landing page and returns what events carry:
 * `latest` ($latest_utm_*, $latest_referrer) for every event, `firstTouch` once per browser.
 */
export function landing(stored, url, referrer, now) {
  const utm = utmOf(url);
  const latest = { ...(stored.latest || {}) };
  if (Object.keys(utm).length > 0) {
    for (const part of UTM) delete latest['$latest_utm_' + part];
    for (const [k, v] of Object.entries(utm)) latest['$latest_' + k.slice(1)] = v;
  }
  if (externalReferrer(referrer, url)) {
    latest.$latest_referrer = referrer.slice(0, 1024);
    latest.$latest_referrer_host = hostOf(referrer);
  }
  let firstTouch = null;
  if (!stored.first) {
    firstTouch = { $first_visit_time: new Date(now).toISOString(), $first_referrer: referrer || '', $first_referrer_host: hostOf(referrer) };
    for (const [k, v] of Object.entries(utm)) firstTouch['$first_' + k.slice(1)] = v;
  }
  return { stored: { latest, first: stored.first || firstTouch }, utm, latest, firstTouch };
}
