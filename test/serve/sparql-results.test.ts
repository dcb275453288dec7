// SPARQL 1.1 results serialisers: JSON, XML, CSV and TSV per the W3C formats, for SELECT and ASK.
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import type { Term } from '@rdfjs/types';
import type { SelectResult } from '../../src/store/catalogue-store.js';
import { RESULTS_WRITERS } from '../../src/serve/sparql-results/index.js';

const { namedNode, literal, blankNode } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

const result: SelectResult = {
  variables: ['s', 'o', 'n'],
  rows: [
    new Map<string, Term>([['s', namedNode('http://ex.org/a')], ['o', literal('Tab\there, "quoted", comma', 'en')], ['n', literal('42', namedNode(`${XSD}integer`))]]),
    new Map<string, Term>([['s', blankNode('b1')], ['o', literal('line\nbreak & <tag>')]]),
    new Map<string, Term>([['o', literal('2024-01-01', namedNode(`${XSD}date`))], ['n', literal('1.5', namedNode(`${XSD}decimal`))]]),
  ],
};

const writer = (format: 'json' | 'xml' | 'csv' | 'tsv') => RESULTS_WRITERS.get(format)!;

describe('SPARQL results writers', () => {
  it('writes SPARQL JSON with language, datatype and absent unbound variables', () => {
    expect(JSON.parse(writer('json').select(result))).toEqual({
      head: { vars: ['s', 'o', 'n'] },
      results: {
        bindings: [
          { s: { type: 'uri', value: 'http://ex.org/a' }, o: { type: 'literal', value: 'Tab\there, "quoted", comma', 'xml:lang': 'en' }, n: { type: 'literal', value: '42', datatype: `${XSD}integer` } },
          { s: { type: 'bnode', value: 'b1' }, o: { type: 'literal', value: 'line\nbreak & <tag>' } },
          { o: { type: 'literal', value: '2024-01-01', datatype: `${XSD}date` }, n: { type: 'literal', value: '1.5', datatype: `${XSD}decimal` } },
        ],
      },
    });
    expect(JSON.parse(writer('json').boolean(true))).toEqual({ head: {}, boolean: true });
  });

  it('writes SPARQL XML, escaping markup', () => {
    const xml = writer('xml').select(result);
    expect(xml).toContain('<sparql xmlns="http://www.w3.org/2005/sparql-results#">');
    expect(xml).toContain('<variable name="s"/>');
    expect(xml).toContain('<binding name="o"><literal xml:lang="en">Tab\there, &quot;quoted&quot;, comma</literal></binding>');
    expect(xml).toContain('<binding name="s"><bnode>b1</bnode></binding>');
    expect(xml).toContain('<literal>line\nbreak &amp; &lt;tag&gt;</literal>');
    expect(xml).toContain(`<literal datatype="${XSD}integer">42</literal>`);
    expect(writer('xml').boolean(false)).toContain('<boolean>false</boolean>');
  });

  it('writes CSV with CRLF lines, RFC 4180 quoting and empty unbound cells', () => {
    expect(writer('csv').select(result)).toBe(
      's,o,n\r\nhttp://ex.org/a,"Tab\there, ""quoted"", comma",42\r\n_:b1,"line\nbreak & <tag>",\r\n,2024-01-01,1.5\r\n',
    );
  });

  it('writes TSV with terms in SPARQL syntax, bare numbers and escaped strings', () => {
    expect(writer('tsv').select(result)).toBe(
      '?s\t?o\t?n\n<http://ex.org/a>\t"Tab\\there, \\"quoted\\", comma"@en\t42\n_:b1\t"line\\nbreak & <tag>"\t\n'
      + `\t"2024-01-01"^^<${XSD}date>\t1.5\n`,
    );
  });

  it('writes ASK results for CSV and TSV as one _askResult column', () => {
    expect(writer('csv').boolean(true)).toBe('_askResult\r\ntrue\r\n');
    expect(writer('tsv').boolean(false)).toBe('?_askResult\nfalse\n');
  });
});
