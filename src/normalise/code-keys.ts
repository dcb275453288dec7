// **code-keys** turns a code as records write it (literal or IRI) into lookup keys such as `snomed:363358000`.

// Keys name the code system, so "C34.9" (ICD-O-3 topography) and "C4878" (NCIt) can never collide.
export type CodeKey = `${'code' | 'dicom' | 'snomed' | 'ncit' | 'radlex' | 'icdo3' | 'label'}:${string}`;

const EUCAIM_CODE = /^(?:eucaim\s*:\s*)?((?:IMG|BP|CLIN|COM|SPEC|GEN|COR|N|T)\d{6,})$/i;
const SNOMED_TEXT = /^(?:(?:snomed(?:[\s-]*ct)?|sct(?:id)?)\s*[:#]?\s*)?(\d{6,18})$/i;
const NCIT_TEXT = /^(?:ncit?\s*[:_]?\s*)?(C\d+)$/i;
const RADLEX_TEXT = /^(?:radlex\s*[:#]?\s*)?(RID\d+)$/i;
const ICDO3_TEXT = /^(?:icd-?o(?:-?3)?\s*:?\s*)?(C\d\d\.\d|\d{4}\/\d)$/i;
const DICOM_TEXT = /^[A-Z][A-Z0-9_]{1,15}$/i;

/** Candidate keys for a literal, most specific first; the first one that resolves wins. */
export function keysForText(raw: string): CodeKey[] {
  const text = raw.trim();
  const keys: CodeKey[] = [];
  const code = EUCAIM_CODE.exec(text)?.[1];
  if (code) keys.push(`code:${code.toUpperCase()}`);
  const icdo = ICDO3_TEXT.exec(text)?.[1];
  if (icdo) keys.push(`icdo3:${icdo.toUpperCase()}`);
  const snomed = SNOMED_TEXT.exec(text)?.[1];
  if (snomed) keys.push(`snomed:${snomed}`);
  const ncit = NCIT_TEXT.exec(text)?.[1];
  if (ncit) keys.push(`ncit:${ncit.toUpperCase()}`);
  const radlex = RADLEX_TEXT.exec(text)?.[1];
  if (radlex) keys.push(`radlex:${radlex.toUpperCase()}`);
  if (DICOM_TEXT.test(text)) keys.push(`dicom:${text.toUpperCase()}`);
  keys.push(labelKey(text));
  return keys;
}

// The IRI forms each code system is published under (and the BioPortal forms EUCAIM's own tables use).
const IRI_PATTERNS: readonly [RegExp, (m: RegExpExecArray) => CodeKey][] = [
  [/^https?:\/\/snomed\.info\/(?:id|sct)\/(\d+)$/, (m) => `snomed:${m[1]}`],
  [/^https?:\/\/purl\.bioontology\.org\/ontology\/SNOMEDCT(?:_US)?\/(\d+)$/, (m) => `snomed:${m[1]}`],
  [/^https?:\/\/purl\.obolibrary\.org\/obo\/NCIT_(C\d+)$/, (m) => `ncit:${m[1]}`],
  [/^https?:\/\/ncicb\.nci\.nih\.gov\/xml\/owl\/EVS\/Thesaurus\.owl#(C\d+)$/, (m) => `ncit:${m[1]}`],
  [/^https?:\/\/purl\.bioontology\.org\/ontology\/NCIT\/(C\d+)$/, (m) => `ncit:${m[1]}`],
  [/^https?:\/\/(?:www\.)?radlex\.org\/RID\/#?(RID\d+)$/, (m) => `radlex:${m[1]}`],
  [/^https?:\/\/purl\.bioontology\.org\/ontology\/RADLEX\/(RID\d+)$/, (m) => `radlex:${m[1]}`],
];

/** The key for a code IRI, or undefined when the IRI is not a code of a system sheaf maps. */
export function keyForIri(iri: string): CodeKey | undefined {
  for (const [re, key] of IRI_PATTERNS) {
    const m = re.exec(iri);
    if (m) return key(m);
  }
  return undefined;
}

export function labelKey(label: string): CodeKey {
  return `label:${label.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}
