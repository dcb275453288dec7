// **StrictRdfXmlParser** is rdfxml-streaming-parser with the RDF/XML grammar checks it leaves out: bad input is refused.
//
// rdfxml-streaming-parser turns several documents the RDF/XML grammar (RDF 1.1 XML Syntax §7) rejects into triples
// nobody wrote: an rdf:about on a property element becomes a blank node with an rdf:about property, and rdf:resource
// or rdf:parseType on a node element, stray text, or a property element holding two nodes are accepted silently. The
// parser itself is kept (no other maintained RDF/XML parser for Node); this subclass follows the same element events
// with its own stack and throws the parser's own positioned ParseError where the grammar has no production.
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import type { SaxesTagNS } from '@rubensworks/saxes';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

type Role = 'root' | 'node' | 'property' | 'literal';

interface Frame {
  readonly role: Role;
  readonly name: string;
  /** A property element's rdf:parseType ("" when none). */
  readonly parseType: string;
  /** rdf:resource, rdf:nodeID or property attributes on a property element: it must be empty (emptyPropertyElt). */
  readonly mustBeEmpty: boolean;
  nodes: number;
  text: boolean;
}

// Attribute names the grammar allows on no node element / no property element (coreSyntaxTerms, rdf:Description,
// rdf:li and the old terms outside their places; RDF 1.1 XML Syntax §6.2.6, §7.2.11, §7.2.15).
const NOT_ON_NODE = new Set(['RDF', 'resource', 'parseType', 'datatype', 'Description', 'li', 'aboutEach', 'aboutEachPrefix', 'bagID']);
const NOT_ON_PROPERTY = new Set(['RDF', 'about', 'Description', 'li', 'aboutEach', 'aboutEachPrefix', 'bagID']);
// rdf:* attributes that name a property element's object or give it content of its own.
const EMPTYING = new Set(['resource', 'nodeID']);
const PROPERTY_SYNTAX = new Set(['ID', 'datatype', 'parseType', 'resource', 'nodeID', 'version', 'annotation', 'annotationNodeID']);

export class StrictRdfXmlParser extends RdfXmlParser {
  readonly #stack: Frame[] = [];

  protected override onTag(tag: SaxesTagNS): void {
    const parent = this.#stack.at(-1);
    const role = roleOf(tag, parent);
    if (parent !== undefined && role === 'node' && parent.role === 'property') this.#nodeInProperty(parent, tag);
    const attrs = Object.values(tag.attributes);
    const rdfAttr = (local: string) => attrs.find((a) => a.uri === RDF && a.local === local);
    let mustBeEmpty = false;
    if (role === 'node' || role === 'property') {
      const forbidden = role === 'node' ? NOT_ON_NODE : NOT_ON_PROPERTY;
      for (const a of attrs) {
        if (a.uri === RDF && forbidden.has(a.local)) {
          throw this.newParseError(`rdf:${a.local} is not allowed on the ${role} element <${tag.name}>${HINTS[`${role}:${a.local}`] ?? ''}`);
        }
      }
      if (role === 'property') {
        mustBeEmpty = attrs.some((a) => (a.uri === RDF && EMPTYING.has(a.local)) ||
          (a.uri !== RDF && a.uri !== '' && a.prefix !== 'xml' && a.prefix !== 'xmlns' && a.uri !== 'http://www.w3.org/2005/11/its') ||
          (a.uri === RDF && !PROPERTY_SYNTAX.has(a.local)));
      }
    }
    this.#stack.push({ role, name: tag.name, parseType: rdfAttr('parseType')?.value ?? '', mustBeEmpty, nodes: 0, text: false });
    super.onTag(tag);
  }

  protected override onText(text: string): void {
    const frame = this.#stack.at(-1);
    if (frame !== undefined && frame.role !== 'literal' && text.trim() !== '') {
      const holdsElements = frame.role === 'root' || frame.role === 'node' || frame.parseType === 'Resource' || frame.parseType === 'Collection';
      if (holdsElements) throw this.newParseError(`text "${excerpt(text)}" is not allowed directly inside <${frame.name}>`);
      if (frame.mustBeEmpty) throw this.newParseError(`<${frame.name}> names its object with attributes, so it must be empty, but holds text "${excerpt(text)}"`);
      if (frame.nodes > 0) throw this.newParseError(`<${frame.name}> holds both a node element and text "${excerpt(text)}"`);
      frame.text = true;
    }
    super.onText(text);
  }

  protected override onCloseTag(): void {
    this.#stack.pop();
    super.onCloseTag();
  }

  #nodeInProperty(property: Frame, tag: SaxesTagNS): void {
    if (property.parseType === 'Collection') return;
    if (property.mustBeEmpty) throw this.newParseError(`<${property.name}> names its object with attributes, so it must be empty, but holds <${tag.name}>`);
    if (property.text) throw this.newParseError(`<${property.name}> holds both text and the node element <${tag.name}>`);
    if (property.nodes > 0) throw this.newParseError(`<${property.name}> holds more than one node element (a property element has one object)`);
    property.nodes++;
  }
}

const HINTS: Record<string, string> = {
  'property:about': ' (a property element names its object with rdf:resource, or holds a node element carrying rdf:about)',
  'node:resource': ' (rdf:resource belongs on a property element)',
  'node:parseType': ' (rdf:parseType belongs on a property element)',
  'node:datatype': ' (rdf:datatype belongs on a property element holding a literal)',
};

function roleOf(tag: SaxesTagNS, parent: Frame | undefined): Role {
  if (parent === undefined) return tag.uri === RDF && tag.local === 'RDF' ? 'root' : 'node';
  switch (parent.role) {
    case 'literal':
      return 'literal';
    case 'root':
      return 'node';
    case 'node':
      return 'property';
    default:
      // rdf:parseType="Resource" holds property elements; "Collection" and "Triple" node elements; "Literal" and
      // any other value XML content (parseTypeOtherPropertyElt); without one, one node element.
      if (parent.parseType === 'Resource') return 'property';
      if (parent.parseType === '' || parent.parseType === 'Collection' || parent.parseType === 'Triple') return 'node';
      return 'literal';
  }
}

function excerpt(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}
