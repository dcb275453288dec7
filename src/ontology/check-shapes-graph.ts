// **checkShapesGraph** validates a shapes graph against sheaf's SHACL-for-SHACL rules before anyone relies on it.
import type { Quad } from '@rdfjs/types';
import { parseRdf } from '../core/parse-rdf.js';
import { ShaclValidator } from '../validate/shacl-validator.js';
import type { ValidationSummary } from '../validate/summarise-report.js';
import { SHAPES_GRAPH_RULES } from './shapes-graph-rules.js';

let compiled: Promise<ShaclValidator> | undefined;

/** The rules compile once per process; every derived graph and every profile is checked against them. */
function rulesValidator(): Promise<ShaclValidator> {
  compiled ??= parseRdf(SHAPES_GRAPH_RULES, { format: 'turtle' }).then((shapes) => ShaclValidator.compile({ shapes }));
  return compiled;
}

/** Returns the summary; `conforms` false means the shapes graph is ill-formed and must not be used. */
export async function checkShapesGraph(shapes: Iterable<Quad>): Promise<ValidationSummary> {
  const outcome = await (await rulesValidator()).validate(shapes);
  const { reportQuads: _unused, ...summary } = outcome;
  return summary;
}
