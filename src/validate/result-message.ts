// **resultMessage** words a validation result for people: what is wrong, with the property and the value, per component.
//
// shacl-engine's own texts ("Value does not have node kind sh:IRI", "Less than 1 values") name neither the property
// nor the value, and several components (sh:class, sh:or...) give none. A shape's own sh:message always wins; sheaf's
// replacements of class and logical components word their results themselves (compile-class.ts, compile-logical.ts).
import type { Term } from '@rdfjs/types';
import { pathText, termText } from './summarise-report.js';
import type { EngineShape } from './engine-internals.js';

type Path = Parameters<typeof pathText>[0];

/** A term as a report shows it: IRIs in angle brackets, literals as in Turtle. */
export const termRef = (term: Term): string => (term.termType === 'NamedNode' ? `<${term.value}>` : termText(term));

/** "Value <v> of <path>" for a property shape, "Node <v>" for a node shape. */
export function describeValue(shape: EngineShape, value: Term): string {
  const path = shape.path;
  if (!path || path.length === 0) return `Node ${termRef(value)}`;
  return `Value ${termRef(value)} of ${pathText(path as Path)}`;
}

/** The parts of an engine result the wording reads. */
export interface WordedResult {
  readonly constraintComponent: Term;
  readonly args: Readonly<Record<string, unknown>>;
  readonly focusNode: { readonly term: Term };
  readonly value?: { readonly term: Term };
  readonly path?: Path | null;
  readonly shape: EngineShape & { readonly message: readonly Term[] };
}

const NODE_KINDS: Record<string, string> = {
  IRI: 'an IRI', BlankNode: 'a blank node', Literal: 'a literal', BlankNodeOrIRI: 'an IRI or a blank node',
  BlankNodeOrLiteral: 'a blank node or a literal', IRIOrLiteral: 'an IRI or a literal',
};

const arg = (r: WordedResult, name: string): string => {
  const v = r.args[name];
  if (v !== null && typeof v === 'object' && 'termType' in (v as object)) return termRef(v as Term);
  return String(v);
};

/** Sheaf's wording of a result whose shape has no sh:message; undefined for components worded where they are checked. */
export function resultMessage(r: WordedResult): string | undefined {
  const component = r.constraintComponent.value.replace(/^.*#/, '').replace(/ConstraintComponent$/, '');
  const path = r.path && r.path.length > 0 ? pathText(r.path) : undefined;
  const focus = termRef(r.focusNode.term);
  const value = r.value !== undefined ? termRef(r.value.term) : focus;
  const subject = path !== undefined ? `Value ${value} of ${path}` : `Node ${value}`;
  const values = (n: string) => `${n} value${n === '1' ? '' : 's'}`;
  switch (component) {
    case 'MinCount':
      return `${focus} has fewer than ${values(arg(r, 'minCount'))} of ${path}`;
    case 'MaxCount':
      return `${focus} has more than ${values(arg(r, 'maxCount'))} of ${path}`;
    case 'Datatype':
      return `${subject} is not a valid literal of datatype ${arg(r, 'datatype')}`;
    case 'NodeKind':
      return `${subject} is not ${NODE_KINDS[arg(r, 'nodeKind').replace(/^<.*#|>$/g, '')] ?? arg(r, 'nodeKind')}`;
    case 'In':
      return `${subject} is not one of the allowed values`;
    case 'HasValue':
      return path !== undefined ? `${focus} lacks the value ${arg(r, 'hasValue')} of ${path}` : `${subject} is not ${arg(r, 'hasValue')}`;
    case 'Pattern':
      return `${subject} does not match the pattern "${arg(r, 'pattern')}"`;
    case 'MinLength':
      return `${subject} is shorter than ${arg(r, 'minLength')} characters`;
    case 'MaxLength':
      return `${subject} is longer than ${arg(r, 'maxLength')} characters`;
    case 'MinInclusive':
      return `${subject} is less than ${arg(r, 'minInclusive')}`;
    case 'MinExclusive':
      return `${subject} is not greater than ${arg(r, 'minExclusive')}`;
    case 'MaxInclusive':
      return `${subject} is greater than ${arg(r, 'maxInclusive')}`;
    case 'MaxExclusive':
      return `${subject} is not less than ${arg(r, 'maxExclusive')}`;
    case 'LanguageIn':
      return `${subject} has a language tag outside ${arg(r, 'languageIn')}`;
    case 'UniqueLang':
      return `${focus} has more than one value of ${path} in language "${arg(r, 'lang')}"`;
    case 'Equals':
      return `${subject} breaks sh:equals ${arg(r, 'equals')}: the two properties must have the same values`;
    case 'Disjoint':
      return `${subject} is also a value of ${arg(r, 'disjoint')}, which must not share values with it`;
    case 'LessThan':
      return `${subject} is not less than the value of ${arg(r, 'lessThan')}`;
    case 'LessThanOrEquals':
      return `${subject} is greater than the value of ${arg(r, 'lessThanOrEquals')}`;
    case 'Node':
      return `${subject} does not conform to the shape ${arg(r, 'node')}`;
    case 'QualifiedMinCount':
      return `${focus} has fewer than ${values(arg(r, 'qualifiedMinCount'))} of ${path} conforming to ${arg(r, 'qualifiedValueShape')}`;
    case 'QualifiedMaxCount':
      return `${focus} has more than ${values(arg(r, 'qualifiedMaxCount'))} of ${path} conforming to ${arg(r, 'qualifiedValueShape')}`;
    case 'Closed':
      return `${focus} has ${path} with value ${value}, a property the closed shape does not allow`;
    case 'SPARQL':
      return `${subject} violates a SPARQL constraint of the shape ${termRef(r.shape.ptr.term)}`;
    default:
      return undefined;
  }
}
