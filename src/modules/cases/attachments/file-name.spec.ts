import { sanitiseFileName } from './inspect';

describe('sanitiseFileName', () => {
  it.each([
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['C:\\x\\y.pdf', 'pdf', 'y.pdf'],
    ['informe\u202Efdp.exe', 'pdf', 'informefdp.pdf'],
    ['a\u2066b\u2069c.png', 'png', 'abc.png'],
    ['na\u0000me\u0007\u0085.docx', 'docx', 'name.docx'],
    ['', 'pdf', 'archivo.pdf'],
    ['...', 'pdf', 'archivo.pdf'],
    ['.bashrc', 'png', 'bashrc.png'],
    ['..\\..\\', 'jpg', 'archivo.jpg'],
    ['  muchos    espacios\t\nentre  palabras .JPEG', 'jpg', 'muchos espacios entre palabras.jpg'],
    ['a<b>c:d"e|f?g*h.pdf', '.pdf', 'abcdefgh.pdf'],
    ['foto.exe', 'png', 'foto.png'],
    ['archivo.tar.gz', 'docx', 'archivo.tar.docx'],
    ['CON.pdf', 'pdf', '_CON.pdf'],
    ['sin extension', 'pdf', 'sin extension.pdf'],
  ])('%j → %s', (name, extension, expected) => {
    expect(sanitiseFileName(name, extension)).toBe(expected);
  });

  it('NFC-normalises', () => {
    const decomposed = 'Jose\u0301.pdf';
    expect(sanitiseFileName(decomposed, 'pdf')).toBe('Jos\u00e9.pdf');
  });

  it('limits the name to 120 characters including the extension, without splitting characters', () => {
    const long = sanitiseFileName(`${'a'.repeat(300)}.pdf`, 'pdf');
    expect(long).toHaveLength(120);
    expect(long.endsWith('.pdf')).toBe(true);
    const emoji = sanitiseFileName(`${'😀'.repeat(200)}.png`, 'png');
    expect(Array.from(emoji)).toHaveLength(120);
    expect(emoji.endsWith('😀.png')).toBe(true);
  });
});
