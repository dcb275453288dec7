// **CORRECTED_VALIDATIONS** is sheaf's table of shacl-engine validations replaced to follow the SHACL spec (see each file).
import type { Term } from '@rdfjs/types';
import { CLASS_VALIDATION } from './compile-class.js';
import { LOGICAL_VALIDATIONS } from './compile-logical.js';

/** Entries for shacl-engine's `validations` option: constraint IRI → compile function. */
export const CORRECTED_VALIDATIONS: ReadonlyArray<[Term, unknown]> = [CLASS_VALIDATION, ...LOGICAL_VALIDATIONS];
