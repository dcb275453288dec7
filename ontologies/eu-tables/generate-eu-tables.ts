// **generate-eu-tables** writes the bundled EU authority tables (ontologies/vocabularies/) from their sources, read by path.
//
//   npm run vocabularies -- --external ../shared/external
//
// Sources: the Publications Office SKOS snapshots (frequency, data theme, file type), the data.europa.eu MQA lists
// (file types, access rights, licences), ISO 639-3 (npm iso-639-3) for languages and ISO 3166-1 (npm
// i18n-iso-countries) for countries, and our own supplement.ttl beside this script. The output is committed: sheaf
// never needs the sources at run time. Each table's scheme carries the date of its newest dated source, which the
// validator names when a value lies in the table's namespace but not in the copy.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { iso6393 } from 'iso-639-3';
import countries from 'i18n-iso-countries';
import { parseRdf } from '../../src/core/parse-rdf.js';

const EU = 'http://publications.europa.eu/resource/authority/';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const AT = 'http://publications.europa.eu/ontology/authority/';
const OUT = new URL('../vocabularies/', import.meta.url);
const require = createRequire(import.meta.url);

/** Publication dates of the npm releases read here: a new release must say its date (the script stops otherwise). */
const PACKAGE_DATES: Readonly<Record<string, string>> = { 'iso-639-3@3.0.1': '2024-12-12', 'i18n-iso-countries@7.14.0': '2025-07-17' };

interface Concept {
  readonly iri: string;
  notation: string;
  prefLabel?: string;
  readonly altLabels: Set<string>;
  readonly exactMatch: Set<string>;
  deprecated: boolean;
}

interface Table {
  readonly file: string;
  readonly scheme: string;
  readonly title: string;
  readonly sources: string[];
  readonly dates: string[];
  readonly concepts: Map<string, Concept>;
}

function table(name: string, title: string): Table {
  return { file: `${name}.ttl`, scheme: `${EU}${name}`, title, sources: [], dates: [], concepts: new Map() };
}

function concept(t: Table, iri: string): Concept {
  let c = t.concepts.get(iri);
  if (c === undefined) t.concepts.set(iri, (c = { iri, notation: iri.slice(iri.lastIndexOf('/') + 1), altLabels: new Set(), exactMatch: new Set(), deprecated: false }));
  return c;
}

/** `20161225-1` → `2016-12-25`. */
const versionDate = (v: string): string | undefined => /^(\d{4})(\d{2})(\d{2})/.exec(v)?.slice(1).join('-');

/** A Publications Office SKOS(-AP-ACT) file: concepts of the scheme, English labels, legacy codes, deprecation. */
async function readSkos(t: Table, path: string, label: string): Promise<void> {
  const quads = await parseRdf(await readFile(path, 'utf8'), { format: 'rdf-xml' });
  const by = new Map<string, Quad[]>();
  for (const q of quads) (by.get(q.subject.value) ?? by.set(q.subject.value, []).get(q.subject.value)!).push(q);
  const version = by.get(t.scheme)?.find((q) => q.predicate.value === 'http://www.w3.org/2002/07/owl#versionInfo')?.object.value;
  const date = version === undefined ? undefined : versionDate(version);
  if (date) t.dates.push(date);
  t.sources.push(`${label}${version ? ` (version ${version})` : ''}`);
  for (const [s, qs] of by) {
    if (!s.startsWith(`${t.scheme}/`) || !qs.some((q) => q.predicate.value === `${SKOS}inScheme` && q.object.value === t.scheme)) continue;
    const c = concept(t, s);
    for (const q of qs) {
      const lang = (q.object as { language?: string }).language;
      switch (q.predicate.value) {
        case `${AT}authority-code`: c.notation = q.object.value; break;
        case `${SKOS}prefLabel`: if (lang === 'en') c.prefLabel ??= q.object.value; break;
        case `${SKOS}altLabel`: if (lang === 'en') c.altLabels.add(q.object.value); break;
        case `${AT}deprecated`: c.deprecated ||= q.object.value === 'true'; break;
        case `${AT}op-mapped-code`:
          // File extensions and media types the table maps to the concept (".csv", "text/csv").
          for (const m of by.get(q.object.value) ?? []) if (m.predicate.value === `${AT}legacy-code`) c.altLabels.add(m.object.value.replace(/^\./, ''));
          break;
      }
    }
  }
}

/** A CSV of `IRI,code[,match]` lines (the MQA lists). */
async function readCsv(t: Table, path: string, label: string, onRow?: (c: Concept, cells: string[]) => void): Promise<void> {
  t.sources.push(label);
  for (const line of (await readFile(path, 'utf8')).split(/\r?\n/)) {
    const cells = line.split(',');
    if (!cells[0]?.startsWith(`${t.scheme}/`)) continue;
    const c = concept(t, cells[0]);
    if (cells[1]) c.notation = cells[1];
    onRow?.(c, cells);
  }
}

function packageDate(name: string): string {
  const version = (require(`${name}/package.json`) as { version: string }).version;
  const date = PACKAGE_DATES[`${name}@${version}`];
  if (date === undefined) throw new Error(`${name}@${version}: add its publication date to PACKAGE_DATES`);
  return date;
}

function languages(t: Table): void {
  t.sources.push(`ISO 639-3 (npm iso-639-3 ${(require('iso-639-3/package.json') as { version: string }).version}): the EU codes are its codes in upper case`);
  t.dates.push(packageDate('iso-639-3'));
  for (const l of iso6393) {
    const c = concept(t, `${t.scheme}/${l.iso6393.toUpperCase()}`);
    c.notation = l.iso6393.toUpperCase();
    c.prefLabel ??= l.name;
    // ISO 639-1 (also the BCP 47 tag) and 639-2/B, which records use too ("en", "ger").
    for (const code of [l.iso6391, l.iso6392B]) if (code && code !== l.iso6393) c.altLabels.add(code);
  }
}

function countryTable(t: Table): void {
  t.sources.push(`ISO 3166-1 (npm i18n-iso-countries ${(require('i18n-iso-countries/package.json') as { version: string }).version}): the EU codes are alpha-3`);
  t.dates.push(packageDate('i18n-iso-countries'));
  const names = countries.getNames('en', { select: 'all' });
  for (const [a3, alpha2] of Object.entries(countries.getAlpha3Codes() as Record<string, string>)) {
    const c = concept(t, `${t.scheme}/${a3}`);
    c.notation = a3;
    const [name, ...aliases] = names[alpha2] ?? [];
    if (name) c.prefLabel ??= name;
    c.altLabels.add(alpha2);
    for (const a of aliases) if (a.toUpperCase() !== alpha2) c.altLabels.add(a);
  }
}

/** Licence codes as records write them: `CC_BY_4_0` → `CC-BY-4.0`; OSI URLs name the SPDX id (`Apache-2.0`). */
function licenceRow(c: Concept, cells: string[]): void {
  c.altLabels.add(c.notation.replace(/_(\d+)_(\d+)(?=_|$)/g, '-$1.$2').replace(/_/g, '-'));
  const match = cells[2]?.trim();
  if (match) {
    c.exactMatch.add(match);
    const spdx = /opensource\.org\/licenses\/([^/]+)\/?$/.exec(match)?.[1];
    if (spdx) c.altLabels.add(spdx);
  }
}

/** English labels of the data.europa.eu licence list, matched to the EU licence codes by dc:identifier. */
async function licenceLabels(t: Table, path: string): Promise<void> {
  const quads = await parseRdf(await readFile(path, 'utf8'), { format: 'rdf-xml' });
  const idOf = new Map<string, string>();
  for (const q of quads) if (q.predicate.value === 'http://purl.org/dc/elements/1.1/identifier') idOf.set(q.subject.value, q.object.value);
  for (const q of quads) {
    if (q.predicate.value !== `${SKOS}prefLabel` || (q.object as { language?: string }).language !== 'en') continue;
    const c = t.concepts.get(`${t.scheme}/${idOf.get(q.subject.value) ?? ''}`);
    if (c) c.prefLabel ??= q.object.value;
  }
}

async function supplement(tables: readonly Table[]): Promise<void> {
  const quads = new Parser().parse(await readFile(new URL('supplement.ttl', import.meta.url), 'utf8'));
  for (const q of quads) {
    const t = tables.find((x) => q.subject.value.startsWith(`${x.scheme}/`));
    if (t === undefined) throw new Error(`supplement.ttl: ${q.subject.value} is in no table`);
    const c = concept(t, q.subject.value);
    if (q.predicate.value === `${SKOS}notation`) c.notation = q.object.value;
    else if (q.predicate.value === `${SKOS}prefLabel`) { if (c.prefLabel === undefined) c.prefLabel = q.object.value; else if (c.prefLabel !== q.object.value) c.altLabels.add(q.object.value); }
    else if (q.predicate.value === `${SKOS}altLabel`) c.altLabels.add(q.object.value);
  }
}

const lit = (text: string): string => JSON.stringify(text);

function turtle(t: Table): string {
  const date = t.dates.sort().at(-1);
  const name = t.scheme.slice(EU.length);
  const out = [
    `# EU ${t.title.toLowerCase()} authority table as sheaf bundles it: generated by ontologies/eu-tables/generate-eu-tables.ts, do not edit.`,
    ...t.sources.map((s) => `# source: ${s}`),
    `@prefix t: <${EU}> .`,
    `@prefix c: <${t.scheme}/> .`,
    '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .',
    '@prefix dct: <http://purl.org/dc/terms/> .',
    '@prefix owl: <http://www.w3.org/2002/07/owl#> .',
    '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .',
    '',
    `<${t.scheme}> a skos:ConceptScheme ;`,
    `    dct:title ${lit(t.title)}@en ;`,
    `    skos:prefLabel ${lit(t.title)}@en ;`,
    ...t.sources.map((s) => `    dct:source ${lit(s)} ;`),
    ...(date ? [`    dct:issued ${lit(date)}^^xsd:date ;`] : []),
    `    owl:versionInfo ${lit(`sheaf copy of ${date ?? 'undated sources'}`)} .`,
    '',
  ];
  for (const c of [...t.concepts.values()].sort((a, b) => a.iri.localeCompare(b.iri))) {
    const local = c.iri.slice(t.scheme.length + 1);
    // One line per concept, in prefixed form where the code is a Turtle local name (most are: ENG, 1MIN, TAR_GZ).
    const parts = [`${/^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(local) ? `c:${local}` : `<${c.iri}>`} a skos:Concept`, `skos:inScheme t:${name}`, `skos:notation ${lit(c.notation)}`,
      `skos:prefLabel ${lit(c.prefLabel ?? c.notation)}@en`];
    const alts = [...c.altLabels].filter((a) => a !== c.prefLabel && a !== c.notation).sort();
    if (alts.length > 0) parts.push(`skos:altLabel ${alts.map(lit).join(', ')}`);
    if (c.exactMatch.size > 0) parts.push(`skos:exactMatch ${[...c.exactMatch].sort().map((m) => `<${m}>`).join(', ')}`);
    if (c.deprecated) parts.push('owl:deprecated true');
    out.push(`${parts.join(' ; ')} .`);
  }
  return `${out.join('\n')}\n`;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--external');
  const external = resolve(at > 0 ? process.argv[at + 1]! : '../shared/external');
  const nal = (f: string) => join(external, 'eu-authority-tables', f);
  const mqa = (f: string) => join(external, 'mqa', f);
  const frequency = table('frequency', 'Frequency');
  const theme = table('data-theme', 'Data theme');
  const fileType = table('file-type', 'File type');
  const access = table('access-right', 'Access right');
  const licence = table('licence', 'Licence');
  const language = table('language', 'Language');
  const country = table('country', 'Country');
  await readSkos(frequency, nal('frequencies-skos-ap-act.rdf'), 'Publications Office frequencies-skos-ap-act.rdf (SEMICeu/dcat-ap_shacl 07a19dd)');
  await readSkos(theme, nal('data-theme-skos-ap-act.rdf'), 'Publications Office data-theme-skos-ap-act.rdf (SEMICeu/dcat-ap_shacl 07a19dd)');
  await readSkos(fileType, nal('filetypes-skos-ap-act.rdf'), 'Publications Office filetypes-skos-ap-act.rdf (SEMICeu/dcat-ap_shacl 07a19dd)');
  await readCsv(fileType, mqa('metadata-quality-stack/vocabularies/file_types.csv'), 'MQA file_types.csv (mjanez/metadata-quality-stack 1bd5f5c)');
  await readSkos(access, mqa('piveau-edp-vocabularies/access-right-skos.rdf'), 'data.europa.eu MQA access-right-skos.rdf');
  await readCsv(access, mqa('metadata-quality-stack/vocabularies/access_rights.csv'), 'MQA access_rights.csv (mjanez/metadata-quality-stack 1bd5f5c)');
  await readCsv(licence, mqa('metadata-quality-stack/vocabularies/licenses.csv'), 'MQA licenses.csv (mjanez/metadata-quality-stack 1bd5f5c)', licenceRow);
  await licenceLabels(licence, mqa('piveau-edp-vocabularies/edp-licences-skos.rdf'));
  languages(language);
  countryTable(country);
  const tables = [frequency, theme, fileType, access, licence, language, country];
  await supplement(tables);
  for (const t of tables) {
    await writeFile(new URL(t.file, OUT), turtle(t));
    process.stdout.write(`${t.file}: ${t.concepts.size} concepts, dated ${t.dates.sort().at(-1) ?? 'undated'}\n`);
  }
}

await main();
