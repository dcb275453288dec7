// **basketPage** is `/basket`: the datasets a visitor picked, held in the address, exported as DCAT or CSV.
import type { Quad } from '@rdfjs/types';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import { QueryFile } from '../core/query-file.js';
import { serializeRdf } from '../core/rdf-serialize.js';
import { datasetPageId, splitDatasetId } from '../search/dataset-page-id.js';
import { Layout } from './layout.js';
import { S } from './strings.js';

const GRAPHS_CONTENT = QueryFile.load('graphs-content');
const { namedNode, blankNode, literal, quad } = DataFactory;
const MAX_PICKS = 500;
const EXPORTS = ['ttl', 'jsonld', 'csv'] as const;

interface Picked { readonly key: string; readonly iri: string; readonly title: string; readonly accessUrls: readonly string[] }

/** The picked datasets still active in the catalogue, with their record graphs (the same graphs `/datasets/{id}` serves). */
async function loadPicks(app: FastifyInstance, keys: readonly string[]): Promise<{ picked: Picked[]; quads: Quad[]; missing: number }> {
  const { listing, iris } = app.discovery;
  const rows = [...new Set(keys)].map((key) => {
    const ref = splitDatasetId(key);
    const row = ref && listing.get(ref.feedId, ref.key);
    return row && row.state === 'active' ? { key, ref: ref!, row } : undefined;
  });
  const found = rows.filter((r) => r !== undefined);
  const quads = found.length === 0 ? [] : await app.store.construct(GRAPHS_CONTENT.bind({
    g: found.map((r) => namedNode(iris.recordGraph(r.ref.feedId, r.ref.key))),
  }));
  const objects = (s: string, p: string): Quad['object'][] => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
  const picked = found.map((r): Picked => {
    const iri = r.row.datasetIri;
    const titles = objects(iri, `${NS.dct}title`);
    const title = (titles.find((t) => t.termType === 'Literal' && (t.language === '' || t.language.startsWith('en'))) ?? titles[0])?.value ?? iri;
    const accessUrls = objects(iri, `${NS.dcat}distribution`).flatMap((d) => objects(d.value, `${NS.dcat}accessURL`).map((u) => u.value));
    return { key: r.key, iri, title, accessUrls: [...new Set(accessUrls)] };
  });
  return { picked, quads, missing: keys.length - found.length };
}

/**
 * One CSV field (RFC 4180 quoting). A harvested title starting with `=`, `+`, `-` or `@` would run as a formula
 * in a spreadsheet: it gets a leading apostrophe (OWASP's advice for CSV injection).
 */
const csvField = (value: string): string => `"${(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"`;

function toCsv(picked: readonly Picked[]): string {
  const rows = [['iri', 'title', 'access_url'], ...picked.map((p) => [p.iri, p.title, p.accessUrls.join(' ')])];
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The picked datasets as one DCAT catalogue: the records as harvested, listed by a catalogue node. */
function catalogueQuads(picked: readonly Picked[], quads: readonly Quad[]): Quad[] {
  const catalog = blankNode('basket');
  return [
    quad(catalog, namedNode(`${NS.rdf}type`), namedNode(`${NS.dcat}Catalog`)),
    quad(catalog, namedNode(`${NS.dct}title`), literal(S.basket.title, 'en')),
    ...picked.map((p) => quad(catalog, namedNode(`${NS.dcat}dataset`), namedNode(p.iri))),
    ...quads.map((q) => quad(q.subject, q.predicate, q.object)),
  ];
}

const basketQuery = {
  type: 'object',
  properties: { id: { type: 'array', items: { type: 'string', minLength: 3, maxLength: 4096 }, maxItems: MAX_PICKS } },
} as const;

const hrefWith = (path: string, keys: readonly string[], extra: Record<string, string> = {}): string => {
  const p = new URLSearchParams(extra);
  for (const k of keys) p.append('id', k);
  const s = p.toString();
  return s === '' ? path : `${path}?${s}`;
};

export const basketPage: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { id?: string[] } }>('/basket', { schema: { querystring: basketQuery, hide: true } }, async (request, reply) => {
    const keys = request.query.id ?? [];
    const { picked, missing } = await loadPicks(app, keys);
    const present = picked.map((p) => p.key);
    const page = (
      <Layout title={S.basket.title} current="basket">
        <h1>{S.basket.title}</h1>
        {picked.length === 0 ? <p id="basket-empty">{S.basket.empty}</p> : (
          <>
            <p>{S.basket.intro}</p>
            <ul class="basket" id="basket" data-ids={JSON.stringify(present)}>
              {picked.map((p) => (
                <li>
                  <a href={`/datasets/${datasetPageId(p.key)}`} safe>{p.title}</a>{' '}
                  <a class="remove" href={hrefWith('/basket', present.filter((k) => k !== p.key))}>
                    {S.basket.remove}<span class="visually-hidden">: <span safe>{p.title}</span></span>
                  </a>
                </li>
              ))}
            </ul>
            <h2>{S.basket.export}</h2>
            <ul class="exports">
              {EXPORTS.map((f) => <li><a href={hrefWith('/basket/export', present, { format: f })} download="">{S.basket.formats[f]}</a></li>)}
            </ul>
          </>
        )}
        {missing > 0 ? <p class="notice" safe>{S.basket.unknown(missing)}</p> : ''}
      </Layout>
    );
    return reply.type('text/html; charset=utf-8').send(page);
  });

  app.get<{ Querystring: { id?: string[]; format: (typeof EXPORTS)[number] } }>('/basket/export', {
    schema: {
      querystring: { ...basketQuery, properties: { ...basketQuery.properties, format: { type: 'string', enum: [...EXPORTS] } }, required: ['format'] },
      tags: ['catalogue'], summary: 'The picked datasets as DCAT (Turtle, JSON-LD) or CSV (IRI, title, access URL)',
    },
  }, async (request, reply) => {
    const { picked, quads } = await loadPicks(app, request.query.id ?? []);
    const format = request.query.format;
    void reply.header('content-disposition', `attachment; filename="sheaf-basket.${format}"`);
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(picked));
    const all = catalogueQuads(picked, quads);
    if (format === 'ttl') return reply.type('text/turtle; charset=utf-8').send(await serializeRdf(all, { format: 'turtle' }));
    return reply.type('application/ld+json').send(await serializeRdf(all, { format: 'json-ld' }));
  });
};
