// Privacy decisions of autocapture, as small pure functions (text rules) and element rules that only
// read tag names and attributes — never an input's value.

export const DEFAULT_OPT_OUT_CLASS = 'dataeye-no-capture';
const MAX_TEXT = 255;
const SENSITIVE_NAME = /pass|pwd|secret|token|card|cc-?(num|number|csc|exp)|cvv|cvc|ssn|id.?card|身份证|银行卡|密码/i;
const SENSITIVE_AUTOCOMPLETE = /^(cc-|current-password|new-password|one-time-code)/i;
const DIGIT_RUN = /\d[\d -]{11,}\d/g;
const ID_CARD = /(^|\D)\d{17}[\dXx](?!\d)/;

/** Luhn check over a run of digits. */
export function luhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Text that holds something shaped like a bank card (13–19 digits passing Luhn) or a Chinese ID number. */
export function looksSensitive(text) {
  if (ID_CARD.test(text)) return true;
  for (const run of text.match(DIGIT_RUN) || []) {
    const digits = run.replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) return true;
  }
  return false;
}

/** The text autocapture may send: whitespace collapsed, cut to 255 characters, nothing card-like. */
export function safeText(text) {
  if (!text) return '';
  const t = String(text).replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
  return looksSensitive(t) ? '' : t;
}

/** Form fields and fields that hold secrets or payment data: their text and value are never read. */
export function isSensitiveElement(el) {
  const tag = el.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
  const name = `${el.getAttribute('name') || ''} ${el.id || ''}`;
  return SENSITIVE_NAME.test(name) || SENSITIVE_AUTOCOMPLETE.test(el.getAttribute('autocomplete') || '');
}

/** False when the element or an ancestor carries the opt-out class. */
export function isOptedOut(el, optOutClass = DEFAULT_OPT_OUT_CLASS) {
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    if (e.classList.contains(optOutClass)) return true;
  }
  return false;
}
