// **harvesters** is the one registry of protocol adapters: a new protocol is one import and one row.
import { ckan } from './ckan/index.js';
import { dcat } from './dcat/index.js';
import { fdp } from './fdp/index.js';
import type { FirstResponse, Harvester, ProbeFollowUp } from './harvester.js';
import { oaiPmh } from './oai-pmh/index.js';
import { sparql } from './sparql/index.js';

export const harvesters: ReadonlyMap<string, Harvester> = new Map([
  ['dcat', dcat],
  ['ckan', ckan],
  ['fdp', fdp],
  ['sparql', sparql],
  ['oai-pmh', oaiPmh],
]);

// Most specific first: an FDP answer is also DCAT (or LDP), so dcat is the fallback for any RDF naming DCAT.
const DETECTION_ORDER = ['oai-pmh', 'ckan', 'sparql', 'fdp', 'dcat'] as const;

/** The protocol whose `detect` accepts the first answer from `url`, or undefined when none does. */
export async function detectProtocol(url: string, first: FirstResponse): Promise<string | undefined> {
  for (const name of DETECTION_ORDER) if (await harvesters.get(name)!.detect(url, first)) return name;
  return undefined;
}

/** The protocols with a probe follow-up and their probes, most specific first (as detection tries them). */
export function probeFollowUps(): Array<{ readonly protocol: string; readonly probe: ProbeFollowUp }> {
  return DETECTION_ORDER.flatMap((protocol) => {
    const probe = harvesters.get(protocol)!.probe;
    return probe === undefined ? [] : [{ protocol, probe }];
  });
}

export type * from './harvester.js';
