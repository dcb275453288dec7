// **JenaShacl** runs Apache Jena's SHACL validator from Debian's libapache-jena-java jars, as a second opinion.
//
// Debian ships the jars but no working `shacl` script: `java -cp '/usr/share/java/*' shacl.shacl` fails on two
// logging bindings, then on the Xerces copy inside jena-core that cannot find its message resources. The classpath
// here names the jars one by one (slf4j-nop as the only binding) behind a folder holding those resources both at
// their own path and where that Xerces copy looks for them.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Quad } from '@rdfjs/types';
import { parseRdf } from '../../src/core/parse-rdf.js';

const run = promisify(execFile);
const JAVA_DIR = '/usr/share/java';
const JARS = ['jena-arq', 'jena-base', 'jena-cmds', 'jena-core', 'jena-dboe-base', 'jena-dboe-index', 'jena-dboe-storage',
  'jena-dboe-trans-data', 'jena-dboe-transaction', 'jena-iri', 'jena-rdfconnection', 'jena-shacl', 'jena-shex', 'jena-tdb',
  'jena-tdb2', 'commons-cli', 'commons-codec', 'commons-compress', 'commons-csv', 'commons-io', 'commons-lang3',
  'dexx.collection', 'gson', 'guava', 'httpclient', 'httpcore', 'jackson-core', 'jackson-databind', 'jackson-annotations',
  'jsonld-java', 'jakarta.json-api', 'titanium-json-ld', 'protobuf', 'thrift', 'slf4j-api', 'slf4j-nop', 'commons-logging'];
const XERCES = 'org/apache/jena/ext/xerces/impl';

export class JenaShacl {
  readonly #classpath: string;

  private constructor(classpath: string) {
    this.#classpath = classpath;
  }

  /** Prepares the classpath under `workDir`; throws naming the package when Jena is not installed. */
  static async setup(workDir: string): Promise<JenaShacl> {
    const missing = JARS.filter((j) => !existsSync(join(JAVA_DIR, `${j}.jar`)));
    if (missing.length > 0) throw new Error(`Apache Jena is not installed (apt-get install libapache-jena-java): missing ${missing.join(', ')}`);
    const resources = join(workDir, 'jena-resources');
    for (const sub of ['msg', 'xpath/regex']) {
      const own = join(resources, XERCES, sub);
      await mkdir(own, { recursive: true });
      await run('unzip', ['-q', '-o', join(JAVA_DIR, 'jena-core.jar'), `${XERCES}/${sub}/*.properties`, '-d', resources]);
      const copy = join(resources, 'xerces/impl', sub);
      await mkdir(copy, { recursive: true });
      for (const f of await readdir(own)) if (f.endsWith('.properties')) await copyFile(join(own, f), join(copy, f));
    }
    return new JenaShacl([resources, ...JARS.map((j) => join(JAVA_DIR, `${j}.jar`))].join(':'));
  }

  /** The classpath that runs Jena's commands (and a harness compiled against them). */
  get classpath(): string {
    return this.#classpath;
  }

  /** Validates an N-Triples data file against an N-Triples shapes file; returns the sh:ValidationReport quads. */
  async validate(opts: { shapesFile: string; dataFile: string }): Promise<Quad[]> {
    const { stdout } = await run('java', ['-cp', this.#classpath, 'shacl.shacl', 'validate', '--shapes', opts.shapesFile, '--data', opts.dataFile],
      { maxBuffer: 256 * 1024 * 1024, timeout: 10 * 60_000 });
    return parseRdf(stdout, { format: 'turtle' });
  }
}
