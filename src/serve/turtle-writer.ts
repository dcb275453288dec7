// **writeTurtle** writes triples as Turtle, consecutive triples of a subject in one block, with the prefixes it uses.
import type { Quad, Term } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';

const RDF_TYPE = `${NS.rdf}type`;
const XSD_STRING = `${NS.xsd}string`;
const XSD_INTEGER = `${NS.xsd}integer`;
const XSD_BOOLEAN = `${NS.xsd}boolean`;
// A conservative local name: what every Turtle reader takes after `prefix:` without escapes.
const LOCAL_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// Characters an IRIREF cannot hold as such (Turtle §6.3): written as \u escapes.
const IRI_UNSAFE = /[\u0000-\u0020<>"{}|^`\\]/;
const IRI_UNSAFE_ALL = /[\u0000-\u0020<>"{}|^`\\]/g;
const STRING_UNSAFE = /["\\\u0000-\u001f]/;
const STRING_UNSAFE_ALL = /["\\\u0000-\u001f]/g;
const ESCAPED: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
const BLANK_LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/;
const INTEGER = /^[+-]?\d+$/;

const uEscape = (c: string): string => ESCAPED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Same layout as N3's Writer (`s p o1, o2; p2 o3.`), written for catalogue pages: N3 matched every IRI of a
 * 5,000-triple page against the prefix table by regular expression, and finding the prefixes a page uses
 * took a second pass over it. Here each distinct IRI is encoded once (its namespace looked up by the text
 * up to its last `/` or `#`), and the prefixes used are known when the body is written.
 */
export function writeTurtle(quads: Iterable<Quad>, prefixes: Readonly<Record<string, string>>): string {
  const byNamespace = new Map<string, string>();
  for (const [prefix, ns] of Object.entries(prefixes)) if (!byNamespace.has(ns)) byNamespace.set(ns, prefix);
  // Namespaces that do not end where an IRI's last segment starts need a scan; longest first.
  const scanned = Object.entries(prefixes).sort((a, b) => b[1].length - a[1].length);
  const used = new Set<string>();
  const encoded = new Map<string, string>();

  const prefixed = (iri: string): string | undefined => {
    const cut = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1;
    const prefix = cut > 0 ? byNamespace.get(iri.slice(0, cut)) : undefined;
    if (prefix !== undefined && LOCAL_NAME.test(iri.slice(cut))) return `${prefix}:${iri.slice(cut)}`;
    for (const [p, ns] of scanned) {
      if (iri.length > ns.length && iri.startsWith(ns) && LOCAL_NAME.test(iri.slice(ns.length))) return `${p}:${iri.slice(ns.length)}`;
    }
    return undefined;
  };
  const iri = (value: string): string => {
    let text = encoded.get(value);
    if (text === undefined) {
      const short = prefixed(value);
      if (short !== undefined) used.add(short.slice(0, short.indexOf(':')));
      text = short ?? `<${IRI_UNSAFE.test(value) ? value.replace(IRI_UNSAFE_ALL, uEscape) : value}>`;
      encoded.set(value, text);
    }
    return text;
  };
  const term = (t: Term): string => {
    switch (t.termType) {
      case 'NamedNode': return iri(t.value);
      case 'BlankNode': return BLANK_LABEL.test(t.value) ? `_:${t.value}` : `_:u${Buffer.from(t.value, 'utf8').toString('hex')}`;
      case 'Literal': {
        const lexical = STRING_UNSAFE.test(t.value) ? t.value.replace(STRING_UNSAFE_ALL, uEscape) : t.value;
        if (t.language) return `"${lexical}"@${t.language}`;
        const datatype = t.datatype.value;
        if (datatype === XSD_STRING) return `"${lexical}"`;
        if (datatype === XSD_INTEGER && INTEGER.test(lexical)) return lexical;
        if (datatype === XSD_BOOLEAN && (lexical === 'true' || lexical === 'false')) return lexical;
        return `"${lexical}"^^${iri(datatype)}`;
      }
      default: throw new Error(`a ${t.termType} cannot be written in Turtle`);
    }
  };

  let body = '';
  let subject: Term | undefined;
  let predicate: Term | undefined;
  for (const quad of quads) {
    const s = quad.subject;
    const p = quad.predicate;
    const o = term(quad.object);
    if (subject !== undefined && s.termType === subject.termType && s.value === subject.value) {
      if (p.value === predicate!.value) body += `, ${o}`;
      else body += `;\n    ${p.value === RDF_TYPE ? 'a' : iri(p.value)} ${o}`;
    } else {
      body += `${subject === undefined ? '' : '.\n'}${term(s)} ${p.value === RDF_TYPE ? 'a' : iri(p.value)} ${o}`;
    }
    subject = s;
    predicate = p;
  }
  if (subject !== undefined) body += '.\n';
  // Prefix lines in the order of the given table, so documents look the same whatever the data.
  let header = '';
  for (const [prefix, ns] of Object.entries(prefixes)) if (used.has(prefix)) header += `@prefix ${prefix}: <${ns}>.\n`;
  return header === '' ? body : `${header}\n${body}`;
}
