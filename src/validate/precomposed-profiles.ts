// **PrecomposedProfiles** keeps each bundled profile's composed shapes graph on disk, written once by the build.
//
// Composing a profile (parsing its shapes, vocabularies and ontologies, deriving shapes, binding value sets and the
// SHACL-for-SHACL check) was most of the CPU time of a one-record `sheaf validate` (measured with --cpu-prof), paid
// again by every process. The build (scripts/build.js) writes the composed graphs as N-Quads; a process then reads
// one file instead. Each file names a hash of every input file it was composed from: after an edit to any of them
// the file no longer matches and the profile is composed live, as before.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { quadLine } from '../core/nquads.js';
import type { ProfileDefinition } from './profile-registry.js';

const HEADER = '# sheaf precomposed profile ';

export class PrecomposedProfiles {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The profile's composed shapes, or undefined when none were written for its files as they are now. */
  async read(profile: ProfileDefinition): Promise<Quad[] | undefined> {
    let text: string;
    try {
      text = await readFile(this.#file(profile), 'utf8');
    } catch {
      return undefined;
    }
    const firstLine = text.slice(0, text.indexOf('\n'));
    if (firstLine !== `${HEADER}${await inputsKey(profile)}`) return undefined;
    return new Parser({ format: 'N-Quads' }).parse(text);
  }

  /** Writes the profile's composed shapes (already checked by the composer), keyed by its input files. */
  async write(profile: ProfileDefinition, shapes: readonly Quad[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.#file(profile), `${HEADER}${await inputsKey(profile)}\n${shapes.map(quadLine).join('')}`);
  }

  #file(profile: ProfileDefinition): string {
    return path.join(this.dir, `${encodeURIComponent(profile.name)}.nq`);
  }
}

/** A hash of the profile's name and of each input file's role, name and bytes, in manifest order. */
async function inputsKey(profile: ProfileDefinition): Promise<string> {
  const hash = createHash('sha256').update(profile.name);
  for (const [role, files] of [['shapes', profile.shapes], ['ontologies', profile.ontologies], ['vocabularies', profile.vocabularies]] as const) {
    for (const file of files) {
      const bytes = await readFile(file);
      hash.update(`\0${role}\0${path.basename(file)}\0${bytes.length}\0`).update(bytes);
    }
  }
  return hash.digest('hex');
}
