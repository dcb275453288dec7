// **ontologiesRoutes** serves ontology versions (load, list, read, restore) and the current shapes, GET /api/shapes.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Quad } from '@rdfjs/types';
import type { FastifyPluginAsync } from 'fastify';
import { CatErrors } from '../core/errors.js';
import { formatForMediaType, parseRdf, RDF_MEDIA_TYPES } from '../core/parse-rdf.js';
import { deriveShapes } from '../ontology/derive-shapes.js';
import type { ActivationReport } from '../ontology/ontology-activation.js';
import { ontologyIriOf } from '../core/ontology-header.js';
import type { OntologyVersion } from '../ontology/ontology-versions.js';
import { RDF_GRAPH } from './negotiate.js';

/** The series of documents without an owl:Ontology header. */
const UNNAMED_SERIES = ontologyIriOf([]);
import { serializeRdf } from '../core/rdf-serialize.js';
import {
  detailResponses, listResponses, LoadQuery, loadResponses, OntologyIdParams, restoreResponses, ShapesQuery, shapesResponses,
} from './schemas/ontologies.js';

/** Ontologies such as the EUCAIM hyperontology as RDF/XML run to several MB; 50 MB leaves room. */
export const ONTOLOGY_BODY_LIMIT = 50 * 1024 * 1024;

// The OWL 2 XML serialisation (root <Ontology> in the OWL namespace) is not RDF/XML; .owl files usually are RDF/XML.
const PROLOG = /^\s*(?:<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\]\s*)?>|\s+)*/;
const isOwlXml = (text: string): boolean => /^<(?:owl:)?Ontology\b/.test(text.slice(0, 65_536).replace(PROLOG, ''));

export const ontologiesRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // The pipeline's activation: one per process (one load at a time), telling quality and search what changed.
  const activation = app.pipeline.ontologies;
  const { versions } = activation;
  const href = (id: string) => `${app.config.baseUrl}/api/ontologies/${id}`;
  const versionView = (v: OntologyVersion) => ({ ...v, href: href(v.id) });
  const activationView = (r: ActivationReport) => ({ id: r.version.id, version: versionView(r.version), comparedWith: r.comparedWith, diff: r.diff, impact: r.impact });

  // Encapsulated: here every RDF media type, JSON-LD's application/json included, arrives as text.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser([...RDF_MEDIA_TYPES], { parseAs: 'string', bodyLimit: ONTOLOGY_BODY_LIMIT }, (_req, body, done) => done(null, body));

  api.post('/api/ontologies', {
    bodyLimit: ONTOLOGY_BODY_LIMIT,
    schema: {
      summary: 'load a new ontology version: diff against the current one, revalidate the records it can affect',
      tags: ['ontologies'], querystring: LoadQuery, consumes: [...RDF_MEDIA_TYPES], response: loadResponses,
    },
  }, async (request, reply) => {
    const principal = await app.authorize(request, 'curator');
    const contentType = request.headers['content-type'] ?? '';
    const format = formatForMediaType(contentType);
    if (format === undefined) throw new CatErrors.UNSUPPORTED_MEDIA_TYPE(`${contentType || '(none)'}; send Turtle, RDF/XML, N-Triples or JSON-LD`);
    const text = typeof request.body === 'string' ? request.body : '';
    if (text.trim() === '') throw new CatErrors.BAD_RDF('the request body is empty');
    if (format === 'rdf-xml' && isOwlXml(text)) {
      throw new CatErrors.UNSUPPORTED_MEDIA_TYPE('this is OWL/XML (root element owl:Ontology), which sheaf does not read; save the ontology as RDF/XML or Turtle');
    }
    const quads: Quad[] = await parseRdf(text, { format, baseIri: `${app.config.baseUrl}/ontology-upload` });
    // A version belongs to the series its owl:Ontology names: a document without one (a vocabulary dump, data, a
    // shapes file posted to the wrong place) would replace whatever the unnamed series held. Nothing is kept.
    if (ontologyIriOf(quads) === UNNAMED_SERIES) {
      throw new CatErrors.NOT_AN_ONTOLOGY('the document declares no owl:Ontology (a named resource typed owl:Ontology); add the ontology header');
    }
    const report = await activation.load({
      quads, format, loadedBy: principal.name, ...(request.query.label !== undefined && { label: request.query.label }),
    });
    request.log.info({ version: report.version.id, by: principal.name, candidates: report.impact.candidates, newlyInvalid: report.impact.newlyInvalidCount }, 'ontology version loaded');
    void reply.code(201).header('location', href(report.version.id));
    return activationView(report);
  });

  api.get('/api/ontologies', {
    schema: { summary: 'every loaded ontology version, oldest first', tags: ['ontologies'], response: listResponses },
  }, async () => ({ versions: versions.list().map(versionView) }));

  api.get('/api/ontologies/:id', {
    schema: { summary: 'one version with its diff and impact, or its quads for RDF Accept types', tags: ['ontologies'], params: OntologyIdParams, response: detailResponses },
  }, async (request, reply) => {
    const version = versions.require(request.params.id);
    void reply.header('vary', 'Accept');
    const accept = request.headers.accept;
    if (accept !== undefined && !/application\/json|\*\/\*/.test(accept)) {
      const offer = RDF_GRAPH.require(accept);
      return reply.type(`${offer.mediaType}; charset=utf-8`).send(await serializeRdf(await versions.quads(version.id), { format: offer.format }));
    }
    return reply.type('application/json; charset=utf-8').send({ version: versionView(version), ...versions.report(version.id) });
  });

  api.post('/api/ontologies/:id/restore', {
    schema: { summary: 'make an earlier version current again (diff and revalidation as for a load)', tags: ['ontologies'], params: OntologyIdParams, response: restoreResponses },
  }, async (request) => {
    const principal = await app.authorize(request, 'curator');
    const report = await activation.restore(request.params.id);
    request.log.info({ version: report.version.id, by: principal.name }, 'ontology version restored');
    return activationView(report);
  });

  // Derived shapes are recomputed only when the set of current versions changes.
  const derived = new Map<string, Promise<Quad[]>>();
  api.get('/api/shapes', {
    schema: { summary: 'the current shapes: derived from the current ontologies, or one profile\'s whole composition', tags: ['ontologies'], querystring: ShapesQuery, response: shapesResponses },
  }, async (request, reply) => {
    const offer = RDF_GRAPH.require(request.headers.accept);
    const { profile } = request.query;
    let shapes: Quad[];
    if (profile !== undefined) {
      if (!app.profiles.names().includes(profile)) throw new CatErrors.BAD_REQUEST(`unknown profile "${profile}"; known profiles: ${app.profiles.names().join(', ')}`);
      const ontology = await activation.overrideFor(profile);
      shapes = await app.profiles.composeShapes(app.profiles.get(profile), ontology === undefined ? {} : { ontology });
    } else {
      const key = versions.current().map((v) => v.id).join('+');
      let pending = derived.get(key);
      if (!pending) {
        derived.clear();
        pending = activation.currentOntologies().then((series) => series.flatMap((quads) => deriveShapes(quads)));
        pending.catch(() => derived.delete(key));
        derived.set(key, pending);
      }
      shapes = await pending;
    }
    void reply.header('vary', 'Accept');
    return reply.type(`${offer.mediaType}; charset=utf-8`).send(await serializeRdf(shapes, { format: offer.format }));
  });
};
