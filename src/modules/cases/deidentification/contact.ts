/** Ways to reach a person: phone numbers, e-mail addresses, URLs and IP addresses. */

import { type Candidate, PRIORITY } from './candidates';

// ---------------------------------------------------------------------------------------------
// Phone
// ---------------------------------------------------------------------------------------------

// Mexican numbers are 10 digits (area code 2 or 3 digits); the first digit is never 0 or 1 once the
// long-distance / mobile prefixes (+52, 52, 01, 044, 045, the old "1" after 52) are stripped. The
// look-arounds keep the number from being a slice of a longer digit run (NSS, folio, lab series).
const PHONE_PREFIX = '(?:(?:\\+52|52)[ .-]?(?:1[ .-]?)?|01[ .-]?|04[45][ .-]?)?';
const PHONE_BODY = '(?:\\(?[2-9]\\d\\)?[ .-]?\\d{4}[ .-]?\\d{4}|\\(?[2-9]\\d{2}\\)?[ .-]?\\d{3}[ .-]?\\d{4})';
const PHONE_RE = new RegExp(`(?<!\\d[-. ]?|[\\p{L}+])${PHONE_PREFIX}${PHONE_BODY}(?![-. ]?\\d)(?![\\p{L}])`, 'gu');
// With an explicit label, shorter local numbers (7-8 digits) are accepted too.
const PHONE_LABELLED_RE = new RegExp(
  `(?<![\\p{L}])(?:[Tt]el(?:[eé]fono)?s?\\.?|[Cc]el(?:ular)?\\.?|[Mm][oó]vil|[Pp]hone|[Mm]obile|[Cc]ell|[Cc]ontacto|WhatsApp)(?![\\p{L}])[\\s:#.]{0,4}(\\+?[\\d(][\\d ().-]{5,18}\\d)(?![-.]?\\d)`,
  'gdu',
);

export function findPhones(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(PHONE_RE)) {
    out.push({ kind: 'phone', start: m.index, end: m.index + m[0].length, priority: PRIORITY.phone });
  }
  for (const m of text.matchAll(PHONE_LABELLED_RE)) {
    const digits = m[1].replace(/\D/g, '').length;
    if (digits < 7 || digits > 13) continue;
    const [start, end] = m.indices![1]!;
    out.push({ kind: 'phone', start, end, priority: PRIORITY.phoneLabelled });
  }
}

// ---------------------------------------------------------------------------------------------
// Email, URL, IP
// ---------------------------------------------------------------------------------------------

// The look-behind anchors the local part at the start of its run so a long run without "@" is
// walked once, not once per starting position.
const EMAIL_RE = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;
const URL_RE = /(?<![\w.@/])(?:https?:\/\/|www\.)[^\s<>"'`]{2,2048}/gi;
const IPV4_RE = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?!\.?\d)/g;
const IPV6_RE =
  /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?(?![\w:])/g;

export function findEmails(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(EMAIL_RE)) {
    let value = m[0];
    // A sentence-final period or hyphen is not part of the domain.
    value = value.replace(/[.-]+$/, '');
    const tld = value.slice(value.lastIndexOf('.') + 1);
    if (!/^[A-Za-z]{2,24}$/.test(tld)) continue;
    out.push({ kind: 'email', start: m.index, end: m.index + value.length, priority: PRIORITY.email });
  }
}

export function findUrls(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(URL_RE)) {
    // Trailing punctuation usually belongs to the sentence; a ")" only when unbalanced.
    let value = m[0];
    for (;;) {
      const last = value[value.length - 1];
      if ('.,;:!?¡¿'.includes(last)) value = value.slice(0, -1);
      else if (last === ')' && !value.includes('(')) value = value.slice(0, -1);
      else break;
    }
    if (value.length < 8) continue;
    out.push({ kind: 'url', start: m.index, end: m.index + value.length, priority: PRIORITY.url });
  }
}

export function findIps(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(IPV4_RE)) {
    const octets = [m[1], m[2], m[3], m[4]];
    // Leading zeros ("01.02.03.04") are dates/versions far more often than addresses.
    if (octets.some((o) => Number(o) > 255 || (o.length > 1 && o[0] === '0'))) continue;
    out.push({ kind: 'ip_address', start: m.index, end: m.index + m[0].length, priority: PRIORITY.ip_address });
  }
  for (const m of text.matchAll(IPV6_RE)) {
    const value = m[0];
    // A lone "::" or a "::" with a single short group is punctuation, not an address.
    const groups = value.split(':').filter((g) => g.length > 0);
    if (groups.length < 2) continue;
    if (value.includes('::') ? groups.length > 7 : groups.length !== 8) continue;
    out.push({ kind: 'ip_address', start: m.index, end: m.index + value.length, priority: PRIORITY.ip_address });
  }
}
