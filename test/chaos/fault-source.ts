// **faultSource** is a Hydra-paged DCAT feed whose content and faults the chaos run programs between harvests.
import { createHash } from 'node:crypto';
import type { RouteSpec } from '../fixture-server.js';
import { feedRoutes, mutableSource, type MutableSource } from '../pipeline/feed-pages.js';

/** What one page does wrong this round. Loops and redirects lead back to an earlier page; the walk must not end "complete". */
export type Fault =
  | { readonly kind: 'none' }
  | { readonly kind: '5xx'; readonly page: number }
  | { readonly kind: 'reset'; readonly page: number }
  | { readonly kind: 'hang'; readonly page: number }
  | { readonly kind: 'truncated'; readonly page: number }
  | { readonly kind: 'loop'; readonly page: number; readonly to: number }
  | { readonly kind: 'redirect'; readonly page: number; readonly to: number };

export const FAULT_KINDS = ['none', '5xx', 'reset', 'hang', 'truncated', 'loop', 'redirect'] as const;

export interface FaultSource {
  /** Content: pages, dropped ids (a shrinking source), versions (changed titles; cleared = the source reverts). */
  readonly content: MutableSource;
  fault: Fault;
  /** Every dataset id the source lists now, with its version. */
  current(): Map<number, number>;
  readonly routes: Record<string, RouteSpec>;
}

export function faultSource(pages: number, perPage: number): FaultSource {
  const content = mutableSource(pages, perPage);
  // Slow enough pages that a kill lands inside a run, not only between runs.
  content.delayMs = 60;
  const plain = feedRoutes(content)['/feed']!.handler!;
  const source: FaultSource = {
    content,
    fault: { kind: 'none' },
    current() {
      const ids = new Map<number, number>();
      for (let i = 0; i < content.pages * content.perPage; i++) if (!content.dropped.has(i)) ids.set(i, content.versions.get(i) ?? 1);
      return ids;
    },
    routes: {
      '/feed': {
        handler: async (req): Promise<RouteSpec> => {
          const page = Number(req.url.searchParams.get('page') ?? '1');
          const fault = source.fault;
          if (fault.kind === 'none' || fault.page !== page) return plain(req);
          // The page as a whole: a faulty answer is never a 304 for the fault-free version the client may hold.
          const { 'if-none-match': _held, ...headers } = req.headers;
          const spec = await plain({ ...req, headers });
          switch (fault.kind) {
            case '5xx':
              return { status: 503, body: 'upstream unavailable', type: 'text/plain' };
            case 'reset':
              return { reset: true };
            case 'hang':
              return { ...spec, status: 200, hang: true };
            case 'truncated':
              return { ...spec, status: 200, truncateAt: Math.floor((spec.body ?? '').length / 2) };
            case 'loop': {
              // The page's next link leads back to an earlier page: the walk must stop there and not call itself complete.
              // Its validator is that of the body sent, as a server computes it: the fault-free page is another version.
              const body = (spec.body ?? '').replace(/hydra:next <\{\{base\}\}\/feed\?page=\d+>/, `hydra:next <{{base}}/feed?page=${fault.to}>`);
              const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
              if (req.headers['if-none-match'] === etag) return { status: 304, body: '', headers: { etag } };
              return { ...spec, body, headers: { ...spec.headers, etag } };
            }
            case 'redirect':
              return { status: 302, redirect: `{{base}}/feed?page=${fault.to}` };
          }
        },
      },
    },
  };
  return source;
}
