// **rdf** is the RDF/JS environment sheaf hands shacl-engine: terms and in-memory datasets, nothing more.
//
// rdf-ext's default environment (what shacl-engine's examples use) also loads every parser, serialiser and a fetch
// client when imported, which made most of the start-up time of `sheaf validate` (measured with --cpu-prof): the
// validator needs the same term and dataset classes rdf-ext builds on (@rdfjs/data-model, @rdfjs/dataset) and
// nothing else.
import Environment from '@rdfjs/environment';
import DataFactory from '@rdfjs/data-model/Factory.js';
import DatasetFactory from '@rdfjs/dataset/Factory.js';
import type { DataFactory as RdfDataFactory, DatasetCore, Quad } from '@rdfjs/types';

export interface ShaclFactory extends RdfDataFactory {
  dataset(quads?: Iterable<Quad>): DatasetCore & Iterable<Quad>;
}

// Bound, as rdf-ext binds its environment: shacl-engine and grapoi sometimes call the factory's methods detached.
export const rdf = new Environment([DataFactory, DatasetFactory], { bind: true }) as unknown as ShaclFactory;
