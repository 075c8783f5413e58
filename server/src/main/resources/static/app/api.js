// The one way the dashboard talks to the server: JSON in and out, the session cookie for login,
// the common error body {"error":{code,message,field}} turned into an ApiError.

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

// Queries of a page the operator leaves are stopped on the server too, so that the next page does not
// wait behind them: each read carries an id, and the ids of those still open are sent to
// /api/v1/queries/cancel when its page aborts them or the document goes away.
const open = new Set();
const CANCEL = '/api/v1/queries/cancel';

function newId() {
  const b = crypto.getRandomValues(new Uint8Array(12)); // randomUUID needs a secure context; http on a LAN is not one
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function cancel(ids) {
  if (ids.length) {
    navigator.sendBeacon(CANCEL, new Blob([JSON.stringify({ ids })], { type: 'application/json' }));
  }
}

window.addEventListener('pagehide', () => { cancel([...open]); open.clear(); });

async function send(path, options) {
  let res;
  const id = newId();
  const signal = options.signal;
  const onAbort = () => { if (open.delete(id)) cancel([id]); };
  if (path.startsWith('/api/v1/projects/')) {
    open.add(id);
    options = { ...options, headers: { ...options.headers, 'X-DataEye-Query-Id': id } };
    signal?.addEventListener('abort', onAbort);
  }
  try {
    res = await fetch(path, { credentials: 'same-origin', ...options });
  } catch (e) {
    throw new ApiError(0, 'network', e.message);
  } finally {
    open.delete(id);
    signal?.removeEventListener('abort', onAbort);
  }
  if (res.status === 401 && !path.startsWith('/api/v1/session')) {
    window.dispatchEvent(new CustomEvent('dataeye:unauthorized'));
  }
  if (!res.ok) {
    let body = {};
    try { body = (await res.json()).error || {}; } catch { /* not JSON: a proxy or the container */ }
    throw new ApiError(res.status, body.code || 'http_' + res.status, body.message || res.statusText || 'HTTP ' + res.status + ' ' + path, body.field);
  }
  return res;
}

export async function get(path, signal) {
  const res = await send(path, { headers: { Accept: 'application/json' }, signal });
  return res.json();
}

export async function post(path, body, signal) {
  const res = await send(path, {
    method: 'POST', signal,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.status === 204 ? null : res.json();
}

/** A PUT of JSON, or of text with its content type (a CSV upload). */
export async function put(path, body, contentType = 'application/json', signal) {
  const res = await send(path, {
    method: 'PUT', signal,
    headers: { Accept: 'application/json', 'Content-Type': contentType },
    body: contentType === 'application/json' ? JSON.stringify(body) : body,
  });
  return res.status === 204 ? null : res.json();
}

export async function del(path, signal) {
  const res = await send(path, { method: 'DELETE', headers: { Accept: 'application/json' }, signal });
  return res.status === 204 ? null : res.json();
}

/** A POST whose answer is a file (CSV): returned as text. */
export async function postForText(path, body, signal) {
  const res = await send(path, {
    method: 'POST', signal, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  return res.text();
}

export async function login(username, password) {
  const res = await send('/api/v1/session', {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }),
  });
  return res.json();
}

export async function logout() {
  await send('/api/v1/session/logout', { method: 'POST' });
}

export const session = () => get('/api/v1/session');
