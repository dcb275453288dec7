// **FAST_VALIDATIONS** is sheaf's table of shacl-engine validations that replace the engine's own for speed.
//
// Each row keeps the engine's verdicts and messages; see the files for what each one saves.
import type { Term } from '@rdfjs/types';
import { IN_VALIDATION } from './compile-in.js';
import { PROPERTY_VALIDATION } from './compile-property.js';

/** Entries for shacl-engine's `validations` option: constraint IRI → compile function. */
export const FAST_VALIDATIONS: ReadonlyArray<[Term, unknown]> = [IN_VALIDATION, PROPERTY_VALIDATION];
