// Types of scripts/build.js (plain JavaScript, since it runs before anything is compiled).
/** A hash of the path and bytes of every file the build reads. */
export function sourcesHash(root?: string): string;
/** Builds dist/ unless it was built from these very sources; returns whether it built. */
export function build(opts?: { root?: string; force?: boolean; log?: (line: string) => void }): boolean;
