// **ontologyPages** browse the current ontology: `/ontology` (tree and term search) and `/ontology/term?iri=` (one term).
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { FACETS } from '../search/facet-definitions.js';
import type { SearchHit } from '../search/search-query.js';
import type { TermIndex, TermInfo } from '../search/term-index.js';
import { datasetPageId } from '../search/dataset-page-id.js';
import { Layout } from './layout.js';
import { facetHref, safeHref, termHref } from './links.js';
import { S } from './strings.js';

const TERM_FACETS = FACETS.filter((f) => f.kind === 'term').map((f) => f.name);
const MAX_MATCHES = 100;
/** Levels drawn below each root; deeper terms are reached through their parent's page (a whole tree of hundreds of terms is slow to read and to check). */
const TREE_DEPTH = 3;

/** Datasets per term (rolled up the hierarchy) and the facet each term is counted in, from the search index. */
type TermCounts = Map<string, { readonly count: number; readonly facet: string }>;
const countsCache = new WeakMap<object, { readonly generation: number; readonly counts: TermCounts }>();

/**
 * Datasets per term over the whole catalogue. It takes a search over every document (over a second at 100 k
 * datasets), so it is kept per search index until a write moves the index's generation on.
 */
function termCounts(app: FastifyInstance): TermCounts {
  const search = app.discovery.search;
  const generation = search.generation;
  const cached = countsCache.get(search);
  if (cached !== undefined && cached.generation === generation) return cached.counts;
  const result = search.search({ pageSize: 1, facetLimit: 5000 });
  const counts: TermCounts = new Map();
  for (const facet of TERM_FACETS) for (const v of result.facets[facet] ?? []) counts.set(v.value, { count: v.count, facet });
  countsCache.set(search, { generation, counts });
  return counts;
}

/** Roots of the hierarchy: terms with narrower terms and no broader term in this version (flat code lists are left out). */
function roots(terms: TermIndex): TermInfo[] {
  return [...terms.all()].filter((t) => terms.children(t.iri).length > 0 && t.parents.every((p) => !terms.has(p)))
    .sort((a, b) => a.label.localeCompare(b.label));
}

function TermTree({ terms, iri, counts, path }: {
  terms: TermIndex; iri: string; counts: ReturnType<typeof termCounts>; path: ReadonlySet<string>;
}): JSX.Element {
  const t = terms.get(iri)!;
  const kids = terms.children(iri).filter((c) => !path.has(c) && terms.has(c))
    .sort((a, b) => terms.label(a)!.localeCompare(terms.label(b)!));
  const n = counts.get(iri)?.count ?? 0;
  return (
    <li>
      <a href={termHref(iri)} safe>{t.label}</a>
      {n > 0 ? <span class="count" safe>{` ${S.ontology.datasets(n)}`}</span> : ''}
      {kids.length === 0 ? '' : path.size >= TREE_DEPTH ? (
        <span class="hint"> <a href={termHref(iri)} safe>{S.discover.narrower(kids.length)}</a></span>
      ) : (
        <details open={path.size === 1}>
          <summary safe>{S.discover.narrower(kids.length)}</summary>
          <ul class="tree">{kids.map((c) => <TermTree terms={terms} iri={c} counts={counts} path={new Set([...path, c])} />)}</ul>
        </details>
      )}
    </li>
  );
}

/** Terms whose label, a synonym or a code contains the text; exact matches first. */
function findTerms(terms: TermIndex, q: string): Array<{ term: TermInfo; on: string }> {
  const needle = q.toLowerCase();
  const found: Array<{ term: TermInfo; on: string; rank: number }> = [];
  for (const t of terms.all()) {
    const candidates = [t.label, ...t.synonyms, ...t.codes];
    const hit = candidates.find((c) => c.toLowerCase() === needle) ?? candidates.find((c) => c.toLowerCase().includes(needle));
    if (hit !== undefined) found.push({ term: t, on: hit, rank: hit.toLowerCase() === needle ? 0 : hit === t.label ? 1 : 2 });
  }
  return found.sort((a, b) => a.rank - b.rank || a.term.label.localeCompare(b.term.label)).slice(0, MAX_MATCHES);
}

const Tags = ({ values }: { values: readonly string[] }): JSX.Element => <>{values.map((x) => <span class="tag" safe>{x}</span>)}</>;

const Links = ({ urls }: { urls: readonly string[] }): JSX.Element => (
  <ul>{urls.map((u) => <li><a href={safeHref(u) ?? '#'} rel="nofollow noopener" safe>{u}</a></li>)}</ul>
);

const Terms = ({ iris, terms }: { iris: readonly string[]; terms: TermIndex }): JSX.Element => (
  <ul>{iris.filter((i) => terms.has(i)).map((i) => <li><a href={termHref(i)} safe>{terms.label(i)!}</a></li>)}</ul>
);

const DatasetList = ({ hits }: { hits: readonly SearchHit[] }): JSX.Element => (
  <ul id="term-datasets">{hits.map((h) => <li><a href={`/datasets/${datasetPageId(h.key)}`} safe>{h.title}</a></li>)}</ul>
);

export const ontologyPages: FastifyPluginAsync = async (app) => {
  const { terms, search } = app.discovery;

  app.get<{ Querystring: { q?: string } }>('/ontology', {
    schema: { querystring: { type: 'object', properties: { q: { type: 'string', maxLength: 200 } } }, hide: true },
  }, async (request, reply) => {
    const q = (request.query.q ?? '').trim();
    const counts = termCounts(app);
    const matches = q === '' ? [] : findTerms(terms, q);
    const page = (
      <Layout title={S.ontology.title} current="ontology">
        <h1>{S.ontology.title}</h1>
        <p>{S.ontology.intro}</p>
        <form method="get" action="/ontology" class="searchbar">
          <label for="term-q">{S.ontology.search}</label>
          <input type="search" id="term-q" name="q" value={q} aria-describedby="term-q-hint" />
          <button type="submit">{S.ontology.find}</button>
          <span class="hint" id="term-q-hint">{S.ontology.searchHint}</span>
        </form>
        {q === '' ? '' : (
          <section aria-labelledby="matches-heading">
            <h2 id="matches-heading" safe>{S.ontology.matches(matches.length, q)}</h2>
            {matches.length === 0 ? <p>{S.ontology.noMatch}</p> : (
              <ul id="term-matches">
                {matches.map((m) => (
                  <li>
                    <a href={termHref(m.term.iri)} safe>{m.term.label}</a>
                    {m.on !== m.term.label ? <span class="hint"> {S.ontology.matchedOn} <span safe>{m.on}</span></span> : ''}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        <h2>{S.ontology.tree}</h2>
        <ul class="tree ontology-tree" id="ontology-tree">
          {roots(terms).map((r) => <TermTree terms={terms} iri={r.iri} counts={counts} path={new Set([r.iri])} />)}
        </ul>
      </Layout>
    );
    return reply.type('text/html; charset=utf-8').send(page);
  });

  app.get<{ Querystring: { iri: string } }>('/ontology/term', {
    schema: { querystring: { type: 'object', properties: { iri: { type: 'string', minLength: 1, maxLength: 2048 } }, required: ['iri'] }, hide: true },
  }, async (request, reply) => {
    const t = terms.get(request.query.iri);
    if (!t) {
      return reply.code(404).type('text/html; charset=utf-8').send(
        <Layout title={S.ontology.unknown} current="ontology"><h1>{S.ontology.unknown}</h1><p><code safe>{request.query.iri}</code></p></Layout>,
      );
    }
    const under = termCounts(app).get(t.iri);
    const hits = under ? search.search({ filters: { [under.facet]: [t.iri] }, pageSize: 10, facetLimit: 1 }).items : [];
    const mappings = t.codes.filter((c) => safeHref(c) !== undefined);
    const codes = t.codes.filter((c) => safeHref(c) === undefined);
    // The first chain of broader terms, root first, for the breadcrumbs.
    const chain: string[] = [];
    for (let p = t.parents.find((x) => terms.has(x)); p !== undefined && !chain.includes(p); p = terms.get(p)?.parents.find((x) => terms.has(x))) chain.unshift(p);
    const page = (
      <Layout title={t.label} current="ontology">
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
          <ol>
            <li><a href="/ontology">{S.ontology.title}</a></li>
            {chain.map((p) => <li><a href={termHref(p)} safe>{terms.label(p)!}</a></li>)}
            <li aria-current="page" safe>{t.label}</li>
          </ol>
        </nav>
        <h1 safe>{t.label}</h1>
        <p><code safe>{t.iri}</code></p>
        <dl class="fields">
          {t.synonyms.length > 0 ? <><dt>{S.ontology.synonyms}</dt><dd><Tags values={t.synonyms} /></dd></> : ''}
          {codes.length > 0 ? <><dt>{S.ontology.codes}</dt><dd><Tags values={codes} /></dd></> : ''}
          {mappings.length > 0 ? <><dt>{S.ontology.mappings}</dt><dd id="mappings"><Links urls={mappings} /></dd></> : ''}
          <dt>{S.ontology.parents}</dt><dd id="parents"><Terms iris={t.parents} terms={terms} /></dd>
          <dt>{S.ontology.children}</dt><dd id="children"><Terms iris={terms.children(t.iri)} terms={terms} /></dd>
        </dl>
        <h2>{S.ontology.under}</h2>
        {under ? (
          <>
            <p><a id="discover-link" href={facetHref(under.facet, t.iri)} safe>{S.ontology.showAll(under.count)}</a></p>
            <DatasetList hits={hits} />
          </>
        ) : <p>{S.ontology.none}</p>}
      </Layout>
    );
    return reply.type('text/html; charset=utf-8').send(page);
  });
};
