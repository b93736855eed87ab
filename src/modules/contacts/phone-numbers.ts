/** Spaces, dashes, dots and brackets people type between the digits of a number. */
const SEPARATORS = /[\s().-]/g;

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{7,14}$/;

/** A Mexican number as dialled at home: ten digits since the 2019 numbering plan. */
const MEXICAN_NATIONAL = /^\d{10}$/;

/**
 * A number typed by a person, as E.164 (`+522281234567`), or null when it is not a phone number.
 * Ten digits without a country code are read as a Mexican number; any other number needs its
 * `+` and country code, so that a WhatsApp link reaches the right person abroad too.
 */
export function toE164(typed: string): string | null {
  const compact = typed.trim().replace(SEPARATORS, '');
  if (E164.test(compact)) return compact;
  if (MEXICAN_NATIONAL.test(compact)) return `+52${compact}`;
  return null;
}

/** A `tel:` link for a number as stored (E.164, or a work phone written the office's way). */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

/** The link that opens a WhatsApp chat: wa.me takes the international number, digits only. */
export function whatsappHref(number: string): string {
  return `https://wa.me/${number.replace(/\D/g, '')}`;
}

export function mailtoHref(email: string): string {
  return `mailto:${email}`;
}
