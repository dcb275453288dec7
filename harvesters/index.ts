// **harvesters** is the one registry of protocol adapters: a new protocol is one import and one row.
import { ckan } from './ckan/index.js';
import { dcat } from './dcat/index.js';
import { fdp } from './fdp/index.js';
import type { FirstResponse, Harvester } from './harvester.js';
import { oaiPmh } from './oai-pmh/index.js';
import { sparql } from './sparql/index.js';

export const harvesters: ReadonlyMap<string, Harvester> = new Map([
  ['dcat', dcat],
  ['ckan', ckan],
  ['fdp', fdp],
  ['sparql', sparql],
  ['oai-pmh', oaiPmh],
]);

// Most specific first: an FDP answer is also DCAT, so dcat is the fallback for any RDF naming DCAT.
const DETECTION_ORDER = ['oai-pmh', 'ckan', 'sparql', 'fdp', 'dcat'] as const;

/** The protocol whose `detect` accepts the first answer from `url`, or undefined when none does. */
export function detectProtocol(url: string, first: FirstResponse): string | undefined {
  return DETECTION_ORDER.find((name) => harvesters.get(name)!.detect(url, first));
}

export type * from './harvester.js';
