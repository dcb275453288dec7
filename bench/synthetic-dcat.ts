// **syntheticDcat** makes N deterministic DCAT datasets of 36 quads each, one named graph per dataset.
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';

const { namedNode, literal, quad } = DataFactory;

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const RDF_TYPE = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
const XSD_DATE_TIME = namedNode('http://www.w3.org/2001/XMLSchema#dateTime');
const EU = 'http://publications.europa.eu/resource/authority/';

/** The 13 EU data themes: the theme facet has few, large buckets. */
export const THEMES = ['AGRI', 'ECON', 'EDUC', 'ENER', 'ENVI', 'GOVE', 'HEAL', 'INTR', 'JUST', 'REGI', 'SOCI', 'TECH', 'TRAN'];
/** Words titles and keywords are drawn from; `KEYWORD_PROBE` is in about one English title in fifteen. */
export const WORDS = [
  'climate', 'water', 'health', 'traffic', 'energy', 'soil', 'census', 'budget', 'school', 'forest', 'river',
  'hospital', 'imaging', 'cancer', 'rail', 'air', 'noise', 'election', 'crime', 'housing', 'tourism', 'ocean',
  'biodiversity', 'agriculture', 'labour', 'income', 'transport', 'waste', 'emissions', 'population',
];
export const KEYWORD_PROBE = 'climate';
export const PUBLISHER_COUNT = 300;
const FORMATS = ['CSV', 'JSON', 'XML', 'RDF_TURTLE', 'XLSX', 'PDF'];
const LANGUAGES = ['ENG', 'DEU', 'FRA', 'NLD', 'ITA', 'SPA'];

export interface SyntheticDcatOptions {
  /** Number of datasets. */
  readonly count: number;
  /** IRIs start here; no trailing slash. */
  readonly base?: string;
  /** Datasets `first … first+count-1`, so several calls can build one catalogue. */
  readonly first?: number;
}

export interface SyntheticRecord {
  readonly graph: string;
  readonly dataset: string;
  readonly quads: Quad[];
}

export const DEFAULT_BASE = 'https://bench.sheaf.example';

/** Small deterministic PRNG (mulberry32), so every run and every backend sees the same catalogue. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The graph IRI of dataset `i` (the record-graph shape of the design: `{base}/graph/record/{feed}/{key}`). */
export function syntheticGraph(i: number, base = DEFAULT_BASE): string {
  return `${base}/graph/record/bench/${i}`;
}

/** Dataset `i`: 36 quads in its own graph. */
export function syntheticRecord(i: number, base = DEFAULT_BASE): SyntheticRecord {
  const next = random(i * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const graph = namedNode(syntheticGraph(i, base));
  const d = `${base}/dataset/${i}`;
  const quads: Quad[] = [];
  const add = (s: string, p: string, o: Quad['object']) =>
    quads.push(quad(namedNode(s), p === 'a' ? RDF_TYPE : namedNode(p), o, graph));

  const k = Math.floor(next() * WORDS.length);
  const words = [0, 7, 13].map((step) => WORDS[(k + step) % WORDS.length] as string);
  const modified = new Date(Date.UTC(2015, 0, 1) + Math.floor(next() * 10 * 365 * 86_400_000));
  const issued = new Date(modified.getTime() - Math.floor(next() * 2 * 365 * 86_400_000));
  const publisher = Math.floor(next() ** 2 * PUBLISHER_COUNT); // skewed: a few publishers hold most datasets
  const contact = `${d}#contact`;

  add(d, 'a', namedNode(`${DCAT}Dataset`));
  add(d, `${DCT}title`, literal(`${cap(words[0] as string)} ${words[1]} statistics ${i}`, 'en'));
  add(d, `${DCT}title`, literal(`Datensatz ${i}: ${words[0]} und ${words[2]}`, 'de'));
  add(d, `${DCT}description`, literal(`Synthetic record ${i} about ${words.join(', ')}, published for benchmarks.`, 'en'));
  for (const w of words) add(d, `${DCAT}keyword`, literal(w, 'en'));
  add(d, `${DCAT}keyword`, literal(`tag${i % 1000}`, 'en'));
  const theme = Math.floor(next() * THEMES.length);
  add(d, `${DCAT}theme`, namedNode(`${EU}data-theme/${THEMES[theme]}`));
  add(d, `${DCAT}theme`, namedNode(`${EU}data-theme/${THEMES[(theme + 1 + (i % 12)) % THEMES.length]}`));
  add(d, `${DCT}publisher`, namedNode(`${base}/publisher/${publisher}`));
  add(d, `${DCT}issued`, literal(issued.toISOString(), XSD_DATE_TIME));
  add(d, `${DCT}modified`, literal(modified.toISOString(), XSD_DATE_TIME));
  add(d, `${DCT}identifier`, literal(`bench-${i}`));
  add(d, `${DCT}language`, namedNode(`${EU}language/${pick(LANGUAGES)}`));
  add(d, `${DCT}accessRights`, namedNode(`${EU}access-right/PUBLIC`));
  add(d, `${DCT}spatial`, namedNode(`http://sws.geonames.org/${2_500_000 + (i % 5000)}/`));
  add(d, `${DCAT}landingPage`, namedNode(`https://portal.example/${i}`));
  add(d, `${DCAT}contactPoint`, namedNode(contact));
  add(contact, 'a', namedNode(`${VCARD}Kind`));
  add(contact, `${VCARD}fn`, literal(`Data desk ${publisher}`));
  add(contact, `${VCARD}hasEmail`, namedNode(`mailto:desk${publisher}@publisher.example`));
  for (const n of [1, 2]) {
    const dist = `${d}/distribution/${n}`;
    const format = pick(FORMATS);
    add(d, `${DCAT}distribution`, namedNode(dist));
    add(dist, 'a', namedNode(`${DCAT}Distribution`));
    add(dist, `${DCT}title`, literal(`${words[0]} ${format} ${n}`, 'en'));
    add(dist, `${DCAT}accessURL`, namedNode(`https://data.example/${i}/${n}`));
    add(dist, `${DCT}format`, namedNode(`${EU}file-type/${format}`));
    add(dist, `${DCT}license`, namedNode(`${EU}licence/CC_BY_4_0`));
    add(dist, `${DCAT}byteSize`, literal(String(1000 + Math.floor(next() * 1e7)), namedNode('http://www.w3.org/2001/XMLSchema#nonNegativeInteger')));
  }
  return { graph: graph.value, dataset: d, quads };
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Every quad of `count` datasets, graph by graph, generated lazily (100 k datasets = 3.6 M quads). */
export function* syntheticDcat(options: SyntheticDcatOptions): Generator<Quad> {
  const first = options.first ?? 0;
  for (let i = first; i < first + options.count; i++) yield* syntheticRecord(i, options.base).quads;
}

/** The same datasets as records (graph + quads), for `replaceGraphs` and per-record writes. */
export function* syntheticRecords(options: SyntheticDcatOptions): Generator<SyntheticRecord> {
  const first = options.first ?? 0;
  for (let i = first; i < first + options.count; i++) yield syntheticRecord(i, options.base);
}
