// **sparqlXml** writes SPARQL Query Results XML Format (https://www.w3.org/TR/rdf-sparql-XMLres/).
import type { Term } from '@rdfjs/types';
import { escapeXml } from '../../core/escape-xml.js';
import { RDF_LANG_STRING, XSD_STRING, type ResultsWriter } from './results-writer.js';

const OPEN = '<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n';

function xmlTerm(term: Term): string {
  switch (term.termType) {
    case 'NamedNode': return `<uri>${escapeXml(term.value)}</uri>`;
    case 'BlankNode': return `<bnode>${escapeXml(term.value)}</bnode>`;
    case 'Literal': {
      const value = escapeXml(term.value);
      if (term.language) return `<literal xml:lang="${escapeXml(term.language)}">${value}</literal>`;
      const datatype = term.datatype.value;
      return datatype === XSD_STRING || datatype === RDF_LANG_STRING
        ? `<literal>${value}</literal>`
        : `<literal datatype="${escapeXml(datatype)}">${value}</literal>`;
    }
    case 'Quad':
      return `<triple><subject>${xmlTerm(term.subject)}</subject><predicate>${xmlTerm(term.predicate)}</predicate><object>${xmlTerm(term.object)}</object></triple>`;
    default: throw new Error(`cannot write a ${term.termType} as a SPARQL XML result term`);
  }
}

export const sparqlXml: ResultsWriter = {
  select(result) {
    const out = [OPEN, '  <head>\n'];
    for (const name of result.variables) out.push(`    <variable name="${escapeXml(name)}"/>\n`);
    out.push('  </head>\n  <results>\n');
    for (const row of result.rows) {
      out.push('    <result>\n');
      for (const [name, term] of row) out.push(`      <binding name="${escapeXml(name)}">${xmlTerm(term)}</binding>\n`);
      out.push('    </result>\n');
    }
    out.push('  </results>\n</sparql>\n');
    return out.join('');
  },
  boolean(value) {
    return `${OPEN}  <head/>\n  <boolean>${value}</boolean>\n</sparql>\n`;
  },
};
