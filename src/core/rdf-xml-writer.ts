// **writeRdfXml** serialises triples as RDF/XML (https://www.w3.org/TR/rdf-syntax-grammar/), one rdf:Description per subject.
import type { Quad, Term } from '@rdfjs/types';
import { NS } from './namespaces.js';
import { escapeXml } from './escape-xml.js';

const RDF = NS.rdf;
// An XML NCName tail: what may stand after the prefix of a qualified element name.
const NCNAME_TAIL = /[A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD][-.\w\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]*$/;
const KNOWN_PREFIXES = new Map(Object.entries(NS).map(([prefix, iri]) => [iri as string, prefix]));

/** Thrown when a predicate IRI has no XML-name ending; RDF/XML cannot express such a triple. */
export class RdfXmlUnrepresentable extends Error {}

function splitPredicate(iri: string): { ns: string; local: string } {
  // The local part must start after the last '#', '/' or ':' so the namespace stays a meaningful IRI.
  const cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'), iri.lastIndexOf(':')) + 1;
  const match = NCNAME_TAIL.exec(iri.slice(cut));
  if (!match || match[0].length === 0) throw new RdfXmlUnrepresentable(`predicate <${iri}> cannot be written as an XML element name`);
  const local = match[0];
  return { ns: iri.slice(0, iri.length - local.length), local };
}

/** Writes the triples of `quads` (graph terms are ignored) as an RDF/XML document. */
export function writeRdfXml(quads: Iterable<Quad>): string {
  const prefixes = new Map<string, string>([[RDF, 'rdf']]);
  const bnodeIds = new Map<string, string>();
  const nodeId = (value: string): string => {
    let id = bnodeIds.get(value);
    // rdf:nodeID must be an NCName; store-minted labels may start with a digit.
    if (id === undefined) bnodeIds.set(value, (id = `b${bnodeIds.size}`));
    return id;
  };
  const prefixFor = (ns: string): string => {
    let prefix = prefixes.get(ns);
    if (prefix === undefined) {
      const known = KNOWN_PREFIXES.get(ns);
      prefix = known !== undefined && ![...prefixes.values()].includes(known) ? known : `ns${prefixes.size}`;
      prefixes.set(ns, prefix);
    }
    return prefix;
  };

  const bySubject = new Map<string, { subject: Term; lines: string[] }>();
  // A page repeats a few dozen predicates thousands of times: split and name each once.
  const names = new Map<string, string>();
  for (const quad of quads) {
    const key = `${quad.subject.termType}:${quad.subject.value}`;
    let entry = bySubject.get(key);
    if (entry === undefined) bySubject.set(key, (entry = { subject: quad.subject, lines: [] }));
    let name = names.get(quad.predicate.value);
    if (name === undefined) {
      const { ns, local } = splitPredicate(quad.predicate.value);
      names.set(quad.predicate.value, (name = `${prefixFor(ns)}:${local}`));
    }
    entry.lines.push(`    <${name}${objectPart(quad.object, name, nodeId)}\n`);
  }

  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF'];
  for (const [ns, prefix] of prefixes) out.push(`\n    xmlns:${prefix}="${escapeXml(ns)}"`);
  out.push('>\n');
  for (const { subject, lines } of bySubject.values()) {
    const about = subject.termType === 'BlankNode'
      ? `rdf:nodeID="${nodeId(subject.value)}"`
      : `rdf:about="${escapeXml(subject.value)}"`;
    out.push(`  <rdf:Description ${about}>\n`, ...lines, '  </rdf:Description>\n');
  }
  out.push('</rdf:RDF>\n');
  return out.join('');
}

function objectPart(object: Term, name: string, nodeId: (value: string) => string): string {
  switch (object.termType) {
    case 'NamedNode': return ` rdf:resource="${escapeXml(object.value)}"/>`;
    case 'BlankNode': return ` rdf:nodeID="${nodeId(object.value)}"/>`;
    case 'Literal': {
      const text = escapeXml(object.value);
      if (object.language) return ` xml:lang="${escapeXml(object.language)}">${text}</${name}>`;
      const datatype = object.datatype.value;
      if (datatype === `${NS.xsd}string`) return `>${text}</${name}>`;
      return ` rdf:datatype="${escapeXml(datatype)}">${text}</${name}>`;
    }
    default: throw new RdfXmlUnrepresentable(`a ${object.termType} cannot be written in RDF/XML`);
  }
}
