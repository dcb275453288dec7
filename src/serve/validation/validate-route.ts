// **validateRoutes** serves POST /api/validate: a dry run of a posted RDF document against a profile, no store write.
import type { FastifyPluginAsync } from 'fastify';
import { CatErrors } from '../../core/errors.js';
import { RDF_MEDIA_TYPES } from '../../core/parse-rdf.js';
import { Negotiator } from '../negotiate.js';
import { serializeRdf } from '../../core/rdf-serialize.js';
import type { RdfFormat } from '../../core/rdf-format.js';
import { ValidateQuery, validateResponses } from '../schemas/validation.js';

// JSON summary by default; the W3C report graph for clients asking for RDF.
const REPORT_FORMATS = new Negotiator<'json' | RdfFormat>([
  { format: 'json', mediaType: 'application/json' },
  { format: 'turtle', mediaType: 'text/turtle' },
  { format: 'json-ld', mediaType: 'application/ld+json' },
  { format: 'n-triples', mediaType: 'application/n-triples' },
  { format: 'rdf-xml', mediaType: 'application/rdf+xml' },
]);

export const validateRoutes: FastifyPluginAsync = async (app) => {
  // Encapsulated: in this plugin every RDF media type, JSON-LD's application/json included, arrives as text.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser([...RDF_MEDIA_TYPES], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post('/validate', {
    schema: {
      summary: 'Validate a posted RDF document against a profile (dry run, nothing stored)',
      tags: ['validation'],
      querystring: ValidateQuery,
      consumes: [...RDF_MEDIA_TYPES],
      response: validateResponses,
    },
  }, async (request, reply) => {
    const offer = REPORT_FORMATS.pick(request.headers.accept);
    if (offer === undefined) throw new CatErrors.NOT_ACCEPTABLE(REPORT_FORMATS.mediaTypes.join(', '));
    const { profile, raw } = request.query as { profile?: string; raw?: boolean };
    if (profile !== undefined && !app.profiles.names().includes(profile)) {
      throw new CatErrors.BAD_REQUEST(`unknown profile "${profile}"; known profiles: ${app.profiles.names().join(', ')}`);
    }
    const ontology = app.hasDecorator('pipeline') ? await app.pipeline.ontologies.overrideFor(profile ?? app.profiles.defaultProfile) : undefined;
    const text = typeof request.body === 'string' ? request.body : '';
    // No body at all is a request without a document; a document with no triples (whitespace, only prefixes, as an
    // exporter with nothing to export writes) is an empty graph and gets a report, as `sheaf validate` gives it.
    if (text === '') throw new CatErrors.BAD_RDF('the request body is empty');
    // Parsed, normalised and validated in a worker thread: a document of thousands of nodes takes its worker
    // seconds, and must not take them from every other request. The answer is validateDocument's, as `sheaf validate` gives it.
    const pool = await app.validators.get();
    const result = await pool.validateDocument(profile ?? app.profiles.defaultProfile, {
      text,
      contentType: request.headers['content-type'] ?? '',
      baseIri: `${app.config.baseUrl}/api/validate/document`,
      // What a harvest of this record would do: the same normalisation and the ontology versions in force.
      normalise: raw !== true,
      report: offer.format !== 'json',
    }, ontology === undefined ? {} : { ontology });
    void reply.header('vary', 'Accept');
    if (offer.format !== 'json') {
      return reply.type(`${offer.mediaType}; charset=utf-8`).send(await serializeRdf(result.reportQuads(), { format: offer.format }));
    }
    const { reportQuads: _graph, ...summary } = result;
    return reply.type('application/json; charset=utf-8').send({ ...summary, profile: result.profile ?? app.profiles.defaultProfile });
  });
};
