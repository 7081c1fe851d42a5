import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { codeTable } from '../../lib/cdt/code-set';
import {
  ImportError,
  decodeText,
  detectColumns,
  parseTable,
  readImport,
} from '../../lib/licensed/parse';
import {
  KNOWN,
  binary,
  bomTabs,
  fakeText,
  large,
  markup,
  quotedMultiline,
  semicolons,
  wellFormed,
  wrongColumns,
} from '../fixtures/licensed';

const isKnown = (code: string) => codeTable()[Number(code.slice(1))] !== 0;
const enc = (s: string) => new TextEncoder().encode(s);

describe('licensed file import', () => {
  it('reads the ADA shape: header names pick the code and nomenclature columns', () => {
    const p = readImport(wellFormed.bytes, isKnown);
    expect(p.columns).toEqual({ code: 0, text: 1, header: true });
    expect(p.labels).toEqual(['CDT Code', 'Nomenclature', 'Descriptor']);
    expect(p.rows).toBe(KNOWN.length + 1);
    expect(p.matched).toBe(KNOWN.length);
    expect(p.unknown).toMatchObject({ count: 1, examples: [{ line: 8, code: 'D0001' }] });
    expect(p.descriptors.D2740).toBe(fakeText('D2740'));
    expect(p.delimiter).toBe(',');
  });

  it('reads a semicolon export and counts duplicates, invalid and empty rows with their lines', () => {
    const p = readImport(semicolons.bytes, isKnown);
    expect(p.delimiter).toBe(';');
    expect(p.labels[p.columns.code]).toBe('Proc Code');
    expect(p.labels[p.columns.text]).toBe('Description');
    expect(p.matched).toBe(KNOWN.length);
    expect(p.descriptors.D0120).toBe(fakeText('D0120'));
    expect(p.duplicates).toEqual({
      count: 1,
      examples: [{ line: 8, code: 'D0120', text: 'Repeated row' }],
    });
    expect(p.invalid).toMatchObject({ count: 1, examples: [{ line: 9, code: 'ZZ100' }] });
    expect(p.empty).toMatchObject({ count: 1, examples: [{ line: 10, code: 'D0140' }] });
  });

  it('strips a UTF-8 BOM and reads tabs', () => {
    const p = readImport(bomTabs.bytes, isKnown);
    expect(p.delimiter).toBe('\t');
    expect(p.labels[0]).toBe('Code');
    expect(p.descriptors.D0150).toBe(`${fakeText('D0150')} – café`);
  });

  it('reads UTF-16 (Excel "Unicode text") and Windows-1252', () => {
    const text = `Code\tDescription\nD0120\t${fakeText('D0120')} café\n`;
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i);
    expect(readImport(utf16, isKnown).descriptors.D0120).toBe(`${fakeText('D0120')} café`);
    const latin1 = Uint8Array.from(text, (ch) => ch.charCodeAt(0));
    expect(readImport(latin1, isKnown).descriptors.D0120).toBe(`${fakeText('D0120')} café`);
  });

  it('keeps quoted commas, quotes and line breaks, and numbers lines by the file', () => {
    const p = readImport(quotedMultiline.bytes, isKnown);
    expect(p.descriptors.D0120).toBe('First line, with a comma second line "quoted"');
    expect(p.descriptors.D2740).toBe('One Two Three');
    expect(parseTable(decodeText(quotedMultiline.bytes)).lines).toEqual([1, 2, 4, 5, 8]);
  });

  it('keeps markup as text (the card renders text only)', () => {
    const p = readImport(markup.bytes, isKnown);
    expect(p.descriptors.D2740).toBe("<script>document.title='pwned'</script>crown text");
  });

  it('finds the columns of a file without a header from what the cells look like', () => {
    const rows = KNOWN.map((c) => ['120.00', c, fakeText(c), 'Y']);
    expect(detectColumns(rows)).toEqual({ code: 1, text: 2, header: false });
    const p = readImport(enc(rows.map((r) => r.join(',')).join('\n')), isKnown);
    expect(p.matched).toBe(KNOWN.length);
  });

  it('uses the columns the user chose', () => {
    const p = readImport(wellFormed.bytes, isKnown, { code: 0, text: 2 });
    expect(p.descriptors.D0120).toBe('Longer licensed explanation, for D0120.');
    expect(p.empty.count).toBe(1);
  });

  it.each([
    [binary.bytes, /not text \(byte 9 is a NUL\)/],
    [wrongColumns.bytes, /No code column found/],
    [enc('Just one column\nof words'), /one column \(line 1: "Just one column"\)/],
    [enc(''), /empty/],
    [enc('Code,Descriptor\n'), /no data rows/],
    [enc('Code,Descriptor\nabc,Something\n12345,Other'), /No valid CDT code.*line 2: "abc"/],
    [enc('\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f'.repeat(3)), /control characters/],
  ])('refuses bad input with a message naming the problem (%#)', (bytes, message) => {
    expect(() => readImport(bytes, isKnown)).toThrow(ImportError);
    expect(() => readImport(bytes, isKnown)).toThrow(message);
  });

  it('reads a 10 MB file', () => {
    const f = large(10);
    const p = readImport(f.bytes, isKnown);
    expect(f.bytes.length).toBeGreaterThan(10e6);
    expect(p.rows).toBeGreaterThan(100_000);
    expect(p.descriptors.D2740).toBe(fakeText('D2740'));
  });

  it('never throws anything but an ImportError, and every stored code is well-formed (fuzz)', () => {
    const cell = fc.oneof(
      fc.constantFrom(...KNOWN, 'd2740', ' D0150 ', 'D99999', '', '"', '""', ',', ';', '\t'),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 30 }),
        fc.constantFrom(',', ';', '\t', '|'),
        fc.constantFrom('\n', '\r\n'),
        (rows, delimiter, newline) => {
          const text = Papa.unparse(rows, { delimiter, newline, quotes: rows.length % 2 === 0 });
          try {
            const p = readImport(enc(text), isKnown);
            for (const [code, desc] of Object.entries(p.descriptors)) {
              expect(code).toMatch(/^D\d{4}$/);
              expect(desc.trim()).not.toBe('');
            }
            expect(p.rows).toBe(p.matched + p.unknown.count + sumProblems(p));
          } catch (e) {
            expect(e).toBeInstanceOf(ImportError);
          }
        },
      ),
      { numRuns: 500, seed: 20261129 },
    );
  });
});

function sumProblems(p: ReturnType<typeof readImport>) {
  return p.invalid.count + p.duplicates.count + p.empty.count;
}
