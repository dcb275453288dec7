// **validateWithDerived** derives shapes from a Turtle ontology and validates Turtle data against them (test helper).
import { parseRdf } from '../../src/core/parse-rdf.js';
import { deriveShapes } from '../../src/ontology/derive-shapes.js';
import { ShaclValidator } from '../../src/validate/shacl-validator.js';
import type { ValidationSummary } from '../../src/validate/summarise-report.js';

export const PREFIXES = `
@prefix ex: <http://example.org/o#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix sheaf: <https://w3id.org/sheaf/ns#> .
@prefix obo: <http://purl.obolibrary.org/obo/> .
`;

export async function deriveFrom(ontologyTtl: string, version = 'http://example.org/o/v1') {
  return deriveShapes(await parseRdf(PREFIXES + ontologyTtl, { format: 'turtle' }), { ontologyVersion: version });
}

export async function validateWithDerived(ontologyTtl: string, dataTtl: string): Promise<ValidationSummary> {
  const shapes = await deriveFrom(ontologyTtl);
  const validator = await ShaclValidator.compile({ shapes });
  return validator.validate(await parseRdf(PREFIXES + dataTtl, { format: 'turtle' }));
}
