// **sourceMappers** is the one registry of record shape → DCAT mappers: a new non-RDF source is one import and one row.
import type { RecordShape, ShapedPayload } from '../core/record-shape.js';
import { ckanJson } from './ckan-to-dcat.js';
import { oaiXml } from './oai-to-dcat.js';
import type { DcatMapping, MapContext, SourceMapper } from './source-mapper.js';

/** RDF sources already speak DCAT: their quads go on as the harvester split them out. */
const quadsAsGiven: SourceMapper<'quads'> = {
  shape: 'quads',
  map: (payload) => ({ subject: payload.subject, quads: payload.quads }),
};

export const sourceMappers: ReadonlyMap<RecordShape, SourceMapper> = new Map<RecordShape, SourceMapper>([
  ['quads', quadsAsGiven],
  ['ckan-json', ckanJson],
  ['oai-xml', oaiXml],
]);

/** Maps one record by its shape's registered mapper; throws when no mapper is registered for the shape. */
export function mapToDcat(payload: ShapedPayload, ctx: MapContext): DcatMapping {
  const mapper = sourceMappers.get(payload.shape);
  if (mapper === undefined) throw new Error(`no mapper is registered for records of shape "${payload.shape}"`);
  return mapper.map(payload, ctx);
}
