// **discoverPage** is `/`: one search box, every facet (ontology facets as trees), ranges, sort, paging, basket picks.
import type { FastifyPluginAsync } from 'fastify';
import { FACETS } from '../search/facet-definitions.js';
import type { SearchHit, SearchResult } from '../search/search-query.js';
import { datasetPageId } from '../search/dataset-page-id.js';
import { discoverHref, discoverQuery, discoverQuerySchema, PAGE_SIZE, RANGES, SORTS, type DiscoverParams, type DiscoverQuery } from './discover-query.js';
import { FacetPanel } from './facet-panel.js';
import { plainText } from './html-text.js';
import { Layout } from './layout.js';
import { S } from './strings.js';

function RangeInputs({ query }: { query: DiscoverQuery }): JSX.Element {
  return (
    <fieldset class="facet ranges">
      <legend>{S.discover.ranges}</legend>
      {RANGES.map((r) => (
        <div class="range">
          <span class="range-name">{S.discover.rangeNames[r]}</span>
          {(['min', 'max'] as const).map((end) => {
            const name = `${r}_${end}`;
            const error = query.errors[name];
            return (
              <span class="range-end">
                <label for={name}>{end === 'min' ? S.discover.min : S.discover.max}</label>
                <input id={name} name={name} type="text" inputmode="numeric" size="6" value={query.ranges[name] ?? ''}
                  aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${name}-error` : undefined} />
                {error ? <span class="field-error" id={`${name}-error`} safe>{error}</span> : ''}
              </span>
            );
          })}
        </div>
      ))}
    </fieldset>
  );
}

function Hit({ hit }: { hit: SearchHit }): JSX.Element {
  const id = datasetPageId(hit.key);
  const safeSnippet = plainText(hit.description);
  return (
    <li class="hit">
      <input type="checkbox" name="id" value={hit.key} id={`pick-${id}`} class="pick" />
      <label for={`pick-${id}`} class="visually-hidden">{S.discover.pick}: <span safe>{hit.title}</span></label>
      <div>
        <h3><a href={`/datasets/${id}`} safe>{hit.title}</a></h3>
        {safeSnippet === '' ? '' : <p class="snippet">{safeSnippet}</p>}
        <p class="meta">
          {hit.subjects !== undefined ? <span safe>{`${hit.subjects.toLocaleString('en')} ${S.discover.subjects}`}</span> : ''}
          {hit.studies !== undefined ? <span safe>{`${hit.studies.toLocaleString('en')} ${S.discover.studies}`}</span> : ''}
          {hit.modified ? <span>{S.discover.modified} <time datetime={hit.modified} safe>{hit.modified.slice(0, 10)}</time></span> : ''}
          <span>{S.discover.feed} <span safe>{hit.feed}</span></span>
        </p>
      </div>
    </li>
  );
}

function Results({ query, result }: { query: DiscoverQuery; result: SearchResult }): JSX.Element {
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  return (
    <form id="basket-form" class="results" action="/basket" method="get" aria-labelledby="results-heading">
      <h2 id="results-heading" safe>{S.discover.results(result.total)}</h2>
      {result.items.length === 0 ? <p>{S.discover.none}</p> : (
        <>
          <ol class="hits">{result.items.map((hit) => <Hit hit={hit} />)}</ol>
          <p><button type="submit" class="secondary">{S.discover.toBasket}</button></p>
        </>
      )}
      {pages > 1 ? (
        <nav class="pager" aria-label="Pages">
          {query.page > 1 ? <a href={discoverHref(query, { page: query.page - 1 })} rel="prev">{S.discover.prev}</a> : ''}
          <span safe>{S.discover.page(query.page, pages)}</span>
          {query.page < pages ? <a href={discoverHref(query, { page: query.page + 1 })} rel="next">{S.discover.next}</a> : ''}
        </nav>
      ) : ''}
    </form>
  );
}

export function renderDiscover(query: DiscoverQuery, result: SearchResult, labelOf: (value: string) => string): string {
  return (
    <Layout title={S.discover.title} current="discover">
      <h1 class="visually-hidden">{S.discover.title}</h1>
      <div class="discover">
        {/* The whole question is in the address: a GET form, so it can be shared, bookmarked and gone back to. */}
        <form id="discover" class="query" method="get" action="/"
          hx-get="/" hx-trigger="change, submit" hx-target="#main" hx-select="#main" hx-swap="outerHTML" hx-push-url="true">
          <div class="searchbar">
            <label for="q">{S.discover.search}</label>
            <input type="search" id="q" name="q" value={query.q} aria-describedby="q-hint" />
            <button type="submit">{S.discover.search}</button>
            <span id="q-hint" class="hint">{S.discover.searchHint}</span>
            <label for="sort">{S.discover.sort}</label>
            <select id="sort" name="sort">
              {SORTS.map((s) => <option value={s} selected={query.sort === s}>{S.discover.sorts[s]}</option>)}
            </select>
          </div>
          <div class="filters">
            <h2>{S.discover.filters}</h2>
            <p class="hint">{S.discover.caveat}</p>
            <p class="filter-actions"><button type="submit">{S.discover.apply}</button> <a href="/">{S.discover.clear}</a></p>
            <RangeInputs query={query} />
            {FACETS.map((f) => (
              <FacetPanel name={f.name} tree={f.kind === 'term'} values={result.facets[f.name] ?? []}
                selected={query.filters[f.name] ?? []} labelOf={labelOf} />
            ))}
            <p class="filter-actions"><button type="submit">{S.discover.apply}</button></p>
          </div>
        </form>
        <Results query={query} result={result} />
      </div>
    </Layout>
  ) as string;
}

export const discoverPage: FastifyPluginAsync = async (app) => {
  const { search, terms } = app.discovery;
  app.get<{ Querystring: DiscoverParams }>('/', {
    schema: { querystring: discoverQuerySchema, hide: true },
  }, async (request, reply) => {
    const query = discoverQuery(request.query);
    const result = search.search(query.search);
    const labelOf = (v: string): string => terms.label(v) ?? v;
    return reply.type('text/html; charset=utf-8').send(renderDiscover(query, result, labelOf));
  });
};
