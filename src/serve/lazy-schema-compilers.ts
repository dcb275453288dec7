// **LazySchemaCompilers** gives fastify validators and serializers that compile a route's schema when first used.
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

// Why: fastify compiles every route's request and response schemas (ajv, fast-json-stringify) before it listens,
// and loads ajv to do so; with sheaf's routes that was a large part of `sheaf serve`'s start, though `/health`
// needs none of it. Compiling a schema is pure (same schema, same function), so it can wait for the first request
// that uses it, or for `compilePending()`, which `sheaf serve` runs once listening so that a broken schema still
// fails at start-up, not at its route's first request. The compilers themselves are fastify's own defaults
// (`@fastify/ajv-compiler`, `@fastify/fast-json-stringify-compiler`), built with the server's options.
// Fastify treats a custom validator factory as "custom" and then leaves header schemas' keys as written instead of
// lower-casing them: sheaf's routes declare no header schemas.

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type BuildValidator = NonNullable<CompilersFactory['buildValidator']>;
type BuildSerializer = NonNullable<CompilersFactory['buildSerializer']>;
type Compiled = ((...args: unknown[]) => unknown) & Record<string, unknown>;

const require = createRequire(import.meta.url);

export class LazySchemaCompilers {
  /** Compilations not yet run, in registration order. */
  readonly #pending = new Set<() => unknown>();

  /** For fastify's `schemaController.compilersFactory` option. */
  get compilersFactory(): CompilersFactory {
    const buildValidator = ((externalSchemas: unknown, options: unknown) => {
      let compiler: ((route: unknown) => Compiled) | undefined;
      const real = () => (compiler ??= (require('@fastify/ajv-compiler') as () => (e: unknown, o: unknown) => (route: unknown) => Compiled)()(externalSchemas, options));
      return (route: unknown) => this.#validator(() => real()(route));
    }) as unknown as BuildValidator;
    const buildSerializer = ((externalSchemas: unknown, options: unknown) => {
      let compiler: ((route: unknown) => Compiled) | undefined;
      const real = () => (compiler ??= (require('@fastify/fast-json-stringify-compiler') as () => (e: unknown, o: unknown) => (route: unknown) => Compiled)()(externalSchemas, options));
      return (route: unknown) => this.#serializer(() => real()(route));
    }) as unknown as BuildSerializer;
    return { buildValidator, buildSerializer };
  }

  /** Schemas registered but not compiled yet. */
  get pending(): number {
    return this.#pending.size;
  }

  /**
   * Compiles every schema not compiled yet, one per event-loop turn so that requests keep being answered meanwhile;
   * rejects with the first schema that does not compile.
   */
  async compilePending(): Promise<number> {
    let compiled = 0;
    for (const compile of this.#pending) {
      await new Promise((resolve) => setImmediate(resolve));
      compile();
      compiled++;
    }
    return compiled;
  }

  #once(build: () => Compiled): () => Compiled {
    let fn: Compiled | undefined;
    const compile = (): Compiled => {
      if (fn === undefined) {
        fn = build();
        this.#pending.delete(compile);
      }
      return fn;
    };
    this.#pending.add(compile);
    return compile;
  }

  // An ajv validator reports through properties fastify reads after calling it (`errors`), and before (`schemaEnv`:
  // whether it may coerce the root value in place): the stand-in forwards both to the compiled function.
  #validator(build: () => Compiled): Compiled {
    const compiled = this.#once(build);
    const validate = ((data: unknown, context?: unknown) => compiled()(data, context)) as Compiled;
    Object.defineProperty(validate, 'errors', { get: () => compiled().errors, set: (v) => { compiled().errors = v; } });
    Object.defineProperty(validate, 'schemaEnv', { get: () => compiled().schemaEnv });
    return validate;
  }

  #serializer(build: () => Compiled): Compiled {
    const compiled = this.#once(build);
    return ((data: unknown) => compiled()(data)) as Compiled;
  }
}
