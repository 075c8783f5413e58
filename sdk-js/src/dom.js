// Where an element sits in the page, as the Sensors SDK reports it: $element_selector (a CSS selector
// that finds it again) and $element_path (tags from the body). Bounded depth keeps a click cheap.
const MAX_DEPTH = 24;
const STABLE_ID = /^[A-Za-z][\w-]{0,63}$/;
const GENERATED = /\d{4,}|[0-9a-f]{8,}/i;

function stableId(el) {
  const id = el.id;
  return id && STABLE_ID.test(id) && !GENERATED.test(id) ? id : null;
}

export function selectorOf(el) {
  const parts = [];
  for (let e = el, depth = 0; e && e.nodeType === 1 && depth < MAX_DEPTH; e = e.parentElement, depth++) {
    const id = stableId(e);
    if (id) {
      parts.push('#' + id);
      break;
    }
    const tag = e.tagName.toLowerCase();
    if (tag === 'body' || tag === 'html') {
      parts.push(tag);
      break;
    }
    let n = 1;
    for (let s = e.previousElementSibling; s; s = s.previousElementSibling) {
      if (s.tagName === e.tagName) n++;
    }
    parts.push(`${tag}:nth-of-type(${n})`);
  }
  return parts.reverse().join(' > ');
}

export function pathOf(el) {
  const parts = [];
  for (let e = el, depth = 0; e && e.nodeType === 1 && depth < MAX_DEPTH; e = e.parentElement, depth++) {
    const tag = e.tagName.toLowerCase();
    if (tag === 'html') break;
    const cls = typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/)[0] : '';
    parts.push(tag + cls);
    if (tag === 'body') break;
  }
  return parts.reverse().join(' > ');
}

const CLICKABLE = new Set(['A', 'BUTTON', 'SUMMARY', 'LABEL', 'SELECT', 'TEXTAREA']);
const INPUT_CLICKS = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'image']);

/** The element a click means: the nearest link, button or marked element above the target, or null. */
export function clickableOf(target, depth = 10) {
  for (let e = target, i = 0; e && e.nodeType === 1 && i < depth; e = e.parentElement, i++) {
    if (CLICKABLE.has(e.tagName)) return e;
    if (e.tagName === 'INPUT') return INPUT_CLICKS.has((e.getAttribute('type') || 'text').toLowerCase()) ? e : null;
    if (e.hasAttribute('data-dataeye-click') || e.getAttribute('role') === 'button' || e.getAttribute('role') === 'link') return e;
  }
  return null;
}

/** Custom properties declared on the element: data-dataeye-prop-product_id="p1" → {product_id: "p1"}. */
export function declaredProps(el) {
  const out = {};
  for (const a of el.attributes) {
    if (a.name.startsWith('data-dataeye-prop-')) out[a.name.slice(18)] = a.value;
  }
  return out;
}
