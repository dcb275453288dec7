// **probeFeed** asks a feed URL for a first answer through SafeFetcher and detects the protocol it speaks.
import { detectProtocol, harvesters, probeFollowUps } from '../../harvesters/index.js';
import type { FirstResponse } from '../../harvesters/harvester.js';
import { CatErrors, isCatError } from '../core/errors.js';
import type { SafeFetcher } from '../core/safe-fetch.js';

export interface ProbeOptions {
  readonly fetcher: SafeFetcher;
  readonly url: string;
  /** The protocol the caller named; the probe then only checks that the URL answers as that protocol. */
  readonly protocol?: string;
  /** Admin-registered local feed: a `file:` URL may be read. */
  readonly local?: boolean;
}

export interface ProbeResult {
  readonly protocol: string;
  /** The URL that answered (the feed URL, or a protocol-specific probe of it). */
  readonly probedUrl: string;
}

const ACCEPT = [
  'text/turtle',
  'application/ld+json;q=0.9',
  'application/rdf+xml;q=0.9',
  'application/n-triples;q=0.8',
  'application/trig;q=0.8',
  'application/json;q=0.7',
  'text/xml;q=0.6',
  'application/xml;q=0.6',
  '*/*;q=0.1',
].join(', ');

function reason(error: unknown): string {
  if (isCatError(error)) return error.message.replace(/^[^:]+:\s*/, '');
  return error instanceof Error ? error.message : String(error);
}

/**
 * Probes `url`. Throws CAT_ERR_FETCH_REFUSED (guarded address, file URL for a non-local feed),
 * CAT_ERR_FEED_UNREACHABLE (no answer: DNS, refused connection, HTTP error) or CAT_ERR_FEED_UNKNOWN_FORMAT
 * (it answers, but no adapter recognises the answer), each saying why.
 */
export async function probeFeed(opts: ProbeOptions): Promise<ProbeResult> {
  const { fetcher, url } = opts;
  if (opts.protocol !== undefined && !harvesters.has(opts.protocol)) {
    throw new CatErrors.BAD_REQUEST(`unknown protocol "${opts.protocol}"; known: ${[...harvesters.keys()].join(', ')}`);
  }
  const wanted = (protocol: string | undefined): boolean => protocol !== undefined && (opts.protocol === undefined || opts.protocol === protocol);
  const file = new URL(url).protocol === 'file:';
  const failures: string[] = [];
  let answered = false;

  const ask = async (target: string, accept: string): Promise<FirstResponse | undefined> => {
    try {
      const page = await fetcher.fetch(target, { accept, allowFile: opts.local === true });
      answered = true;
      // A preview is enough to recognise a protocol; huge pages are the harvester's business.
      return { contentType: page.contentType, body: page.body.subarray(0, 256 * 1024).toString('utf8') };
    } catch (error) {
      if ((error as { code?: string }).code === 'CAT_ERR_FETCH_REFUSED') throw error;
      failures.push(`${target}: ${reason(error)}`);
      return undefined;
    }
  };

  const first = await ask(url, ACCEPT);
  if (first) {
    // A local file has no Content-Type; its body alone decides (the demo catalogue is Turtle).
    const detected = await detectProtocol(url, first);
    if (wanted(detected)) return { protocol: detected!, probedUrl: url };
    if (opts.protocol !== undefined && (await harvesters.get(opts.protocol)!.detect(url, first))) return { protocol: opts.protocol, probedUrl: url };
  }
  if (!file) {
    // Protocol-specific second tries for URLs whose bare answer says nothing (a CKAN site root, an OAI base URL,
    // a SPARQL endpoint that needs a query): each harvester names its own.
    for (const follow of probeFollowUps()) {
      if (opts.protocol !== undefined && follow.protocol !== opts.protocol) continue;
      const target = follow.probe.url(url);
      const answer = await ask(target, follow.probe.accept);
      // Detect against the feed URL, not the probe URL: the probe's own `?query=` or `/api/3/action/`
      // would make any 200 page (an HTML site ignoring parameters) pass for that protocol.
      if (answer && (await harvesters.get(follow.protocol)!.detect(url, answer))) return { protocol: follow.protocol, probedUrl: target };
    }
  }
  if (!answered) throw new CatErrors.FEED_UNREACHABLE(failures.join('; '));
  const expected = opts.protocol === undefined ? `any of ${[...harvesters.keys()].join(', ')}` : opts.protocol;
  const got = first?.contentType ? ` (it answered ${first.contentType.split(';')[0]})` : '';
  throw new CatErrors.FEED_UNKNOWN_FORMAT(`${url} does not look like ${expected}${got}`);
}
