// **shapes** command group: `sheaf shapes derive <ontology>` writes the SHACL shapes derived from an OWL/RDFS ontology.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { NS } from '../core/namespaces.js';

export function registerShapesCommand(program: Command): void {
  const shapes = program.command('shapes').description('work with SHACL shapes');
  shapes
    .command('derive')
    .description('derive SHACL shapes from an OWL/RDFS ontology (Turtle, RDF/XML, JSON-LD, N-Triples)')
    .argument('<ontology>', 'ontology file')
    .option('-o, --output <file>', 'write the shapes here instead of standard output')
    .option('--ontology-version <iri>', 'version IRI recorded in provenance (default: the owl:versionIRI)')
    .action(async (file: string, opts: { output?: string; ontologyVersion?: string }) => {
      // Loaded here, not at the top: the other commands (and --help) never pay for the parsers and the SHACL engine.
      const [{ ontologyVersionOf }, { deriveShapes }, { checkShapesGraph }, { DERIVED_SHAPES_BASE }, { readRdfFile }, { serializeRdf }] = await Promise.all([
        import('../core/ontology-header.js'), import('../ontology/derive-shapes.js'), import('../ontology/check-shapes-graph.js'),
        import('../ontology/shape-writer.js'), import('../validate/profile-registry.js'), import('../core/rdf-serialize.js'),
      ]);
      let ontology;
      try {
        ontology = await readRdfFile(resolve(file));
      } catch (error) {
        process.exitCode = 2;
        const code = (error as NodeJS.ErrnoException).code;
        throw new Error(`cannot read ontology ${file}: ${code ?? (error as Error).message}`);
      }
      const version = opts.ontologyVersion ?? ontologyVersionOf(ontology);
      const derived = deriveShapes(ontology, version === undefined ? {} : { ontologyVersion: version });
      // Never hand out a shapes graph that sheaf's own SHACL-for-SHACL rejects.
      const check = await checkShapesGraph(derived);
      if (!check.conforms) throw new Error(`derived shapes are ill-formed: ${check.results[0]?.message} at ${check.results[0]?.focusNode}`);
      const turtle = await serializeRdf(derived, { format: 'turtle', prefixes: { ...NS, shape: DERIVED_SHAPES_BASE } });
      if (opts.output !== undefined) await writeFile(resolve(opts.output), turtle);
      else process.stdout.write(turtle);
      const rules = new Map<string, number>();
      for (const q of derived) if (q.predicate.value === `${NS.sheaf}derivedBy`) rules.set(q.object.value, (rules.get(q.object.value) ?? 0) + 1);
      const byRule = [...rules].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ');
      process.stderr.write(`sheaf: ${derived.length} triples derived${version ? ` for ${version}` : ''} (${byRule}); SHACL-for-SHACL: well-formed\n`);
    });
}
