/** Ways to reach a person: phone numbers, e-mail addresses, URLs and IP addresses. */

import { type Candidate, PRIORITY } from './candidates';

// ---------------------------------------------------------------------------------------------
// Phone
// ---------------------------------------------------------------------------------------------

// A run of digit groups, each a maximal run of digits (1–10) or an area code in brackets, joined by
// one separator: every group ends where a non-digit begins, so a run is read once.
const DIGIT_GROUPS_RE =
  /(?<![\p{L}\p{N}+/.,:-])(\+[ ]?)?(?:\(\d{1,4}\)[ .-]?|\d{1,10}[ .-])?(?:\d{1,10}[ .-]){0,5}\d{1,10}(?!\p{N}|[.,/:-]\d)(?![\p{L}%°º])/gu;
// With an explicit label, shorter and unusual forms are accepted too.
const PHONE_LABELLED_RE = new RegExp(
  `(?<![\\p{L}])(?:[Tt]el(?:[eé]fono)?s?\\.?|TEL(?:[EÉ]FONO)?S?\\.?|[Cc]el(?:ular)?\\.?|CEL(?:ULAR)?\\.?|[Mm][oó]vil|[Pp]hone|[Mm]obile|[Cc]ell|[Cc]ontacto|[Ww]hats[Aa]pp|WA|[Ww]ha?ts|[Mm]arqu[eé] al|[Ll]lamar al|[Ll]lame al|[Cc]all|(?:[Mm]i|[Ss]u)[ \\t]+n[uú]mero(?:[ \\t]+(?:directo|personal|de[ \\t]+casa|de[ \\t]+celular))?|[Nn][uú]mero[ \\t]+(?:directo|personal|de[ \\t]+contacto|de[ \\t]+casa|de[ \\t]+celular))(?![\\p{L}])[\\s:#.]{0,4}(?:(?:al|de|es|the|at|on)[ \\t]+)?(\\+?[\\d(][\\d ().-]{5,18}\\d)(?![-.]?\\d)`,
  'gdu',
);
// Toll-free and shared-cost numbers belong to organisations (helplines, hospitals' call centres).
const ORGANISATION_PREFIX = /^(?:800|900|300|500)/;
// Units and scores after a number say it is a measurement, not a phone.
const MEASUREMENT_AFTER_RE =
  /^[ \t]*(?:mg|mcg|g|kg|ml|mL|l|UI|U|mmHg|mEq|mmol|lpm|rpm|x'|cm|mm|hrs?|h|min|d[ií]as?|days?|sem|semanas?|weeks?|años?|years?|puntos|pts|cel|c[eé]lulas)(?![\p{L}])/u;

const NATIONAL_PREFIXES = ['01', '044', '045', '52', '521'];

/**
 * Reads a run of digit groups as a phone number: ten digits in Mexico (after a +52, 52, 01, 044
 * or 045 prefix), a foreign number after "+", or a local number of seven or eight digits written
 * in groups ("812-3456", "8-12-34-56", "5555 1234").
 */
function isPhone(value: string): boolean {
  const groups = value
    .split(/[ .-]+|(?<=\))|(?=\()/)
    .map((g) => g.replace(/\D/g, ''))
    .filter((g) => g.length > 0);
  let digits = groups.join('');
  if (value.startsWith('+')) {
    if (digits.startsWith('52')) {
      digits = digits.slice(2);
      if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
      return digits.length === 10 && /^[2-9]/.test(digits);
    }
    return digits.length >= 8 && digits.length <= 14;
  }
  if (digits.length > 10) {
    // A long-distance or mobile prefix before the ten digits; eleven digits are an NSS, not a phone.
    if (!NATIONAL_PREFIXES.includes(digits.slice(0, digits.length - 10))) return false;
    digits = digits.slice(-10);
  }
  if (!/^[2-9]/.test(digits)) return false;
  if (digits.length === 10) return !ORGANISATION_PREFIX.test(digits);
  // Local numbers are written in groups; a bare run of seven or eight digits is anything.
  if (groups.length < 2) return false;
  const shape = groups.map((g) => g.length).join('-');
  if (digits.length === 7) return ['3-4', '1-2-2-2', '3-2-2'].includes(shape);
  // "2023-4471" is a year and a serial (a record), not a local number.
  if (digits.length === 8)
    return ['4-4', '2-2-2-2', '2-3-3'].includes(shape) && !(shape === '4-4' && /^(?:19|20)\d\d$/.test(groups[0]));
  return false;
}

export function findPhones(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(DIGIT_GROUPS_RE)) {
    const value = m[0].replace(/[ .-]+$/, '');
    if (!isPhone(value)) continue;
    if (MEASUREMENT_AFTER_RE.test(text.slice(m.index + value.length, m.index + value.length + 12))) continue;
    out.push({ kind: 'phone', start: m.index, end: m.index + value.length, priority: PRIORITY.phone });
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
const EMAIL_RE = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}/g;
const URL_RE = /(?<![\w.@/])(?:https?:\/\/|www\.)[^\s<>"'`]{2,2048}/gi;
// A link written without a scheme or "www": a host with a known top-level domain, then a path
// ("facebook.com/rocio.f", "bit.ly/3xYz"), or the host alone of a social network or of a personal
// blog ("pieaguantador.blogspot.com").
const BARE_URL_RE =
  /(?<![\w.@/-])(?:[a-z0-9](?:[a-z0-9-]{0,62})\.){1,4}(?:com|net|org|info|biz|app|site|online|store|[a-z]{2})(?:\.[a-z]{2})?(?:\/[^\s<>"'`]{0,2048})?(?![\w.-]*[\w])/gi;
const SOCIAL_HOST_RE =
  /^(?:[a-z0-9-]+\.)*(?:facebook|fb|instagram|tiktok|twitter|x|youtube|youtu|linkedin|whatsapp|wa|t|telegram|snapchat|pinterest|gofundme|onlyfans|bit|tinyurl|linktr|blogspot|blogger|wordpress|wixsite|tumblr|weebly|webnode|jimdo|substack|medium)\.[a-z.]+$/i;
// Institutional and clinical-reference sites: a link to a guideline, a ministry or a journal names
// no patient. Government, international, academic and non-profit hosts, and the publishers and
// guideline sites clinicians cite.
const REFERENCE_HOST_RE =
  /(?:^|\.)(?:gob\.mx|gov(?:\.[a-z]{2})?|int|edu(?:\.[a-z]{2})?|ac\.[a-z]{2}|go\.[a-z]{2}|org(?:\.[a-z]{2})?|nhs\.uk|cenetec-difusion\.com|cenetec\.salud\.gob\.mx|unam\.mx|ipn\.mx|uv\.mx|buap\.mx|udg\.mx|uanl\.mx|insp\.mx|medigraphic\.com|scielo\.[a-z.]+|uptodate\.com|medscape\.com|msdmanuals\.com|elsevier\.[a-z.]+|sciencedirect\.com|springer\.com|wiley\.com|nature\.com|thelancet\.com|nejm\.org|bmj\.com|jamanetwork\.com|cochranelibrary\.com|ncbi\.nlm\.nih\.gov|mdcalc\.com|doi\.org)$/i;

function hostOf(url: string): string {
  return url
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .split(/[/?#:]/)[0]
    .replace(/^www\./i, '')
    .toLowerCase();
}
const IPV4_RE = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?!\.?\d)/g;
const IPV6_RE =
  /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?(?![\w:])/g;

export function findEmails(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(EMAIL_RE)) {
    let value = m[0];
    // A sentence-final period or hyphen is not part of the domain.
    value = value.replace(/[.-]+$/, '');
    const tld = value.slice(value.lastIndexOf('.') + 1);
    // Without a suffix ("lupita_88@hotmail") an address still reaches its owner.
    if (!/^[A-Za-z]{2,24}$/.test(tld) && !/@[A-Za-z][A-Za-z0-9-]{2,62}$/.test(value)) continue;
    out.push({ kind: 'email', start: m.index, end: m.index + value.length, priority: PRIORITY.email });
  }
}

/** Trailing punctuation usually belongs to the sentence; a ")" only when unbalanced. */
function trimUrl(raw: string): string {
  let value = raw;
  for (;;) {
    const last = value[value.length - 1];
    if ('.,;:!?¡¿'.includes(last)) value = value.slice(0, -1);
    else if (last === ')' && !value.includes('(')) value = value.slice(0, -1);
    else break;
  }
  return value;
}

export function findUrls(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(URL_RE)) {
    const value = trimUrl(m[0]);
    if (value.length < 8 || REFERENCE_HOST_RE.test(hostOf(value))) continue;
    out.push({ kind: 'url', start: m.index, end: m.index + value.length, priority: PRIORITY.url });
  }
  for (const m of text.matchAll(BARE_URL_RE)) {
    const value = trimUrl(m[0]);
    const host = hostOf(value);
    if (!value.includes('/') && !SOCIAL_HOST_RE.test(host)) continue;
    if (REFERENCE_HOST_RE.test(host)) continue;
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
