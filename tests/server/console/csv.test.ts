import { describe, expect, test } from 'vitest';
import { csvCell, toCsv, UTF8_BOM } from '../../../server/console/csv.ts';

describe('csvCell', () => {
  test.each([
    {
      name: 'equals sign',
      value: '=HYPERLINK("http://evil.example")',
      cell: `"'=HYPERLINK(""http://evil.example"")"`,
    },
    { name: 'plus sign', value: '+81 90', cell: "'+81 90" },
    { name: 'minus sign', value: '-1+2', cell: "'-1+2" },
    { name: 'at sign', value: '@SUM(A1)', cell: "'@SUM(A1)" },
    { name: 'tab', value: '\t=1', cell: "'\t=1" },
    { name: 'carriage return', value: '\r=1', cell: `"'\r=1"` },
  ])('defuses a cell starting with $name', ({ value, cell }) => {
    expect(csvCell(value)).toBe(cell);
  });

  test('doubles quotes and quotes cells with commas or line breaks', () => {
    expect(csvCell('彼は"無料"と言った')).toBe('"彼は""無料""と言った"');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('1行目\n2行目')).toBe('"1行目\n2行目"');
  });

  test('leaves plain text, numbers and empty values as they are', () => {
    expect(csvCell('送料はいくら')).toBe('送料はいくら');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(null)).toBe('');
  });
});

describe('toCsv', () => {
  test('starts with a UTF-8 BOM and ends every row with CRLF', () => {
    const csv = toCsv(
      ['text', 'count'],
      [
        ['解約したい', 3],
        ['=cmd', 1],
      ],
    );
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1)).toBe("text,count\r\n解約したい,3\r\n'=cmd,1\r\n");
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
  test('quotes a cell with a semicolon, so a semicolon-separated Excel cannot split off a formula cell', () => {
    expect(csvCell('a;=HYPERLINK("http://evil.example")')).toBe('"a;=HYPERLINK(""http://evil.example"")"');
    expect(csvCell('x;y')).toBe('"x;y"');
  });
});
