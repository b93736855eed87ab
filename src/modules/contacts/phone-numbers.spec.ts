import { mailtoHref, telHref, toE164, whatsappHref } from './phone-numbers';

describe('phone numbers', () => {
  it.each([
    ['+52 228 123 4567', '+522281234567'],
    ['228 123 4567', '+522281234567'],
    ['(228) 123-45-67', '+522281234567'],
    ['  228.123.4567 ', '+522281234567'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['+34 612 345 678', '+34612345678'],
  ])('reads %j as %s', (typed, expected) => {
    expect(toE164(typed)).toBe(expected);
  });

  it.each([
    ['', 'nothing'],
    ['123 4567', 'seven digits'],
    ['52 228 123 4567', 'a country code without its plus'],
    ['+0 228 123 4567', 'a country code that starts with 0'],
    ['+52 228 123 4567 890 12', 'more than fifteen digits'],
    ['228-CALL-NOW', 'letters'],
    ['+52 228 123 4567 ext 12', 'an extension'],
    ['++522281234567', 'two plus signs'],
  ])('refuses %j (%s)', (typed) => {
    expect(toE164(typed)).toBeNull();
  });

  it('links a number for calling, for WhatsApp and an address for mail', () => {
    expect(telHref('+52 (228) 812-3400')).toBe('tel:+522288123400');
    expect(whatsappHref('+522281234567')).toBe('https://wa.me/522281234567');
    expect(mailtoHref('dra.herrera@salud.example')).toBe('mailto:dra.herrera@salud.example');
  });
});
