// **describeValue** words a result's subject for a human message: the value and the property it was found under.
import type { Term } from '@rdfjs/types';
import { pathText, termText } from './summarise-report.js';
import type { EngineShape } from './engine-internals.js';

/** "Value <v> of <path>" for a property shape, "Node <v>" for a node shape. */
export function describeValue(shape: EngineShape, value: Term): string {
  const text = value.termType === 'NamedNode' ? `<${value.value}>` : termText(value);
  const path = shape.path;
  if (!path || path.length === 0) return `Node ${text}`;
  return `Value ${text} of ${pathText(path as Parameters<typeof pathText>[0])}`;
}
