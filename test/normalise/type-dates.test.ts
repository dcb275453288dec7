// typeDates: the date forms records use, typed to the XSD type their text is, and what is left alone.
import { describe, expect, it } from 'vitest';
import { DataFactory, Store } from 'n3';
import { NS } from '../../src/core/namespaces.js';
import { loadBundledMappings, normalise } from '../../src/normalise/index.js';
import { typeDates, typeDateText } from '../../src/normalise/type-dates.js';

const { namedNode, literal, quad } = DataFactory;
const X = (local: string) => `${NS.xsd}${local}`;

describe('typeDates', () => {
  it.each([
    ['2024', '2024', X('gYear')],
    ['2024-02', '2024-02', X('gYearMonth')],
    ['2024-02-29', '2024-02-29', X('date')],
    ['2024-02-29Z', '2024-02-29Z', X('date')],
    ['2024-02-29T13:05:09Z', '2024-02-29T13:05:09Z', X('dateTime')],
    ['2024-02-29T13:05', '2024-02-29T13:05:00', X('dateTime')],
    ['2024-02-29 13:05:09.250+01:00', '2024-02-29T13:05:09.250+01:00', X('dateTime')],
  ])('%s → "%s"^^%s', (text, value, datatype) => {
    expect(typeDateText(text)).toEqual({ value, datatype });
  });

  it.each([['2023-02-29'], ['2024-13-01'], ['01/02/2024'], ['yesterday'], ['2024-01-01T25:00']])('refuses %s', (text) => {
    expect(typeDateText(text)).toBeUndefined();
  });

  it('types date properties only, retypes a wrong date type, and notes text that is no date', async () => {
    const s = namedNode('https://records.example.org/ds');
    const input = new Store([
      quad(s, namedNode(`${NS.dct}issued`), literal('2024-03-01')),
      quad(s, namedNode(`${NS.dct}modified`), literal('2024-03-01', namedNode(X('dateTime')))),
      quad(s, namedNode(`${NS.dcat}startDate`), literal('soon')),
      quad(s, namedNode(`${NS.dct}title`), literal('2024')),
      quad(s, namedNode(`${NS.dct}created`), literal('2024', namedNode(X('integer')))),
    ]);
    const { dataset, report } = normalise(input, { mappings: await loadBundledMappings() }, [typeDates]);
    const out = Object.fromEntries([...dataset].map((q) => [q.predicate.value, `${q.object.value}^^${(q.object as { datatype: { value: string } }).datatype.value}`]));
    expect(out).toEqual({
      [`${NS.dct}issued`]: `2024-03-01^^${X('date')}`,
      [`${NS.dct}modified`]: `2024-03-01^^${X('date')}`,
      [`${NS.dcat}startDate`]: `soon^^${X('string')}`,
      [`${NS.dct}title`]: `2024^^${X('string')}`,
      [`${NS.dct}created`]: `2024^^${X('integer')}`,
    });
    expect(report[0]!.counts).toEqual({ 'date-typed': 1, 'date-retyped': 1, 'not-a-date': 1 });
  });
});
