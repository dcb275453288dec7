// **parseLogRow** reads one graph-log row (N-Triples, one triple per line, as the log writes them) into triples.
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';

const { namedNode, blankNode, literal, quad } = DataFactory;

// Rows are written by tripleLine or by Oxigraph's N-Triples serialiser: `<s> <p> <o> .` with single spaces.
// This reader takes that shape and nothing else; any other line (comments, other spacing, escapes inside
// IRIs) sends the whole row to N3's full parser, so the result is always what N3 would read.
const ECHAR: Readonly<Record<string, string>> = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' };
const LANGUAGE = /^[A-Za-z]+(?:-[A-Za-z0-9]+)*$/;
const BLANK = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/;

/** Each row's blank nodes get their own label prefix, so graphs never share one by accident. */
let rows = 0;

class NotSimple extends Error {}

/** A literal's lexical form from its N-Triples text; an unescaped quote means the line is not simple. */
function unescapeLiteral(text: string): string {
  if (!text.includes('\\')) {
    if (text.includes('"')) throw new NotSimple();
    return text;
  }
  let out = '';
  let from = 0;
  for (let i = text.indexOf('\\'); i !== -1; i = text.indexOf('\\', from)) {
    const plain = text.slice(from, i);
    if (plain.includes('"')) throw new NotSimple();
    out += plain;
    const c = text[i + 1] ?? '';
    if (c === 'u' || c === 'U') {
      const length = c === 'u' ? 4 : 8;
      const hex = text.slice(i + 2, i + 2 + length);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== length) throw new NotSimple();
      out += String.fromCodePoint(Number.parseInt(hex, 16));
      from = i + 2 + length;
    } else {
      const e = ECHAR[c];
      if (e === undefined) throw new NotSimple();
      out += e;
      from = i + 2;
    }
  }
  const rest = text.slice(from);
  if (rest.includes('"')) throw new NotSimple();
  return out + rest;
}

function simpleRow(text: string): Quad[] {
  const prefix = `l${rows++}_`;
  const iris = new Map<string, Quad['predicate']>();
  const iri = (value: string) => {
    let node = iris.get(value);
    if (node === undefined) {
      if (value.includes('\\')) throw new NotSimple();
      iris.set(value, (node = namedNode(value)));
    }
    return node;
  };
  const blank = (label: string) => {
    if (!BLANK.test(label)) throw new NotSimple();
    return blankNode(prefix + label);
  };
  const out: Quad[] = [];
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    const line = text.slice(at, end);
    at = end + 1;
    if (line === '') continue;
    // Subject, then predicate: an IRI or blank node followed by one space.
    let pos: number;
    let subject: Quad['subject'];
    if (line.charCodeAt(0) === 60 /* < */) {
      pos = line.indexOf('> ', 1);
      if (pos === -1) throw new NotSimple();
      subject = iri(line.slice(1, pos));
      pos += 2;
    } else if (line.startsWith('_:')) {
      pos = line.indexOf(' ', 2);
      if (pos === -1) throw new NotSimple();
      subject = blank(line.slice(2, pos));
      pos += 1;
    } else throw new NotSimple();
    if (line.charCodeAt(pos) !== 60) throw new NotSimple();
    const pEnd = line.indexOf('> ', pos + 1);
    if (pEnd === -1) throw new NotSimple();
    const predicate = iri(line.slice(pos + 1, pEnd));
    pos = pEnd + 2;
    // Object, then " ." to the end of the line.
    if (!line.endsWith(' .')) throw new NotSimple();
    const last = line.length - 2;
    const first = line.charCodeAt(pos);
    let object: Quad['object'];
    if (first === 60) {
      if (line.charCodeAt(last - 1) !== 62 /* > */) throw new NotSimple();
      object = iri(line.slice(pos + 1, last - 1));
    } else if (first === 95 /* _ */ && line.charCodeAt(pos + 1) === 58 /* : */) {
      object = blank(line.slice(pos + 2, last));
    } else if (first === 34 /* " */) {
      // The closing quote is the last one on the line: a language tag or datatype IRI holds no quote.
      const close = line.lastIndexOf('"', last);
      if (close <= pos) throw new NotSimple();
      const value = unescapeLiteral(line.slice(pos + 1, close));
      if (close + 1 === last) object = literal(value);
      else if (line.charCodeAt(close + 1) === 64 /* @ */) {
        const language = line.slice(close + 2, last);
        if (!LANGUAGE.test(language)) throw new NotSimple();
        object = literal(value, language);
      } else if (line.startsWith('^^<', close + 1) && line.charCodeAt(last - 1) === 62) {
        object = literal(value, iri(line.slice(close + 4, last - 1)) as Parameters<typeof literal>[1]);
      } else throw new NotSimple();
    } else throw new NotSimple();
    out.push(quad(subject, predicate, object));
  }
  return out;
}

/** The row's triples, in the default graph; blank node labels made unique to this row. */
export function parseLogRow(ntriples: string): Quad[] {
  try {
    return simpleRow(ntriples);
  } catch (error) {
    if (!(error instanceof NotSimple)) throw error;
    return new Parser({ format: 'N-Triples' }).parse(ntriples);
  }
}
