// **syntheticEucaim** makes deterministic EUCAIM DCAT-AP v2 dataset records whose coded values vary over the hyperontology.
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { random } from './synthetic-dcat.js';

const { namedNode, literal, quad } = DataFactory;

const EUCAIM = 'https://cancerimage.eu/ontology/EUCAIM#';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const DCATAP = 'http://data.europa.eu/r5r/';
const HEALTH = 'http://healthdataportal.eu/ns/health#';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const EU = 'http://publications.europa.eu/resource/authority/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const LEGISLATION = 'http://data.europa.eu/eli/reg/2025/327/oj';

/** The coded values a record draws from (local names in the EUCAIM namespace), one list per facet. */
export interface EucaimCodes {
  readonly conditions: readonly string[];
  readonly modalities: readonly string[];
  readonly bodyParts: readonly string[];
  readonly manufacturers: readonly string[];
}

/** Codes of the bundled hyperontology (1.0.0), each a class below its facet root. */
export const EUCAIM_CODES: EucaimCodes = {
  conditions: ['CLIN1063178', 'CLIN1007988', 'CLIN1038722', 'CLIN1000192', 'CLIN1022878', 'CLIN1022932', 'CLIN1026700', 'CLIN1022825',
    'CLIN1037792', 'CLIN1016313', 'CLIN1063712', 'CLIN1007989'],
  modalities: ['IMG1000042', 'IMG1000062', 'IMG1000036', 'IMG1000043', 'IMG1000031', 'IMG1000035'],
  bodyParts: ['BP1000067', 'BP1000113', 'BP1000116', 'BP1000146', 'BP1000266', 'BP1000175', 'BP1000242', 'BP1000057'],
  manufacturers: ['IMG1000044', 'IMG1000045', 'IMG1000046', 'IMG1000047', 'IMG1000048'],
};

export interface SyntheticEucaimRecord {
  readonly key: string;
  readonly dataset: string;
  readonly quads: Quad[];
  /** The EUCAIM codes the record uses (local names). */
  readonly codes: readonly string[];
}

/**
 * Record `i` (58 quads): a dataset with the EUCAIM profile's mandatory and recommended properties, its
 * distribution, publisher, contact point, provenance, health data access body, purpose and period. The condition,
 * modality, body part and manufacturer are drawn from `codes`, so an ontology change to one code touches a
 * predictable share of the records.
 */
export function syntheticEucaimRecord(i: number, opts: { base: string; codes?: EucaimCodes }): SyntheticEucaimRecord {
  const codes = opts.codes ?? EUCAIM_CODES;
  const next = random(i * 7919 + 31);
  const pick = (list: readonly string[]) => list[Math.floor(next() * list.length)]!;
  const r = `${opts.base}/eucaim/${i}/`;
  const d = `${r}dataset`;
  const quads: Quad[] = [];
  const iri = (s: string) => namedNode(s);
  const add = (s: string, p: string, o: Quad['object']) => quads.push(quad(iri(s), iri(p === 'a' ? RDF_TYPE : p), o));
  const text = (s: string) => literal(s, 'en');
  const count = (n: number) => literal(String(n), iri(`${XSD}nonNegativeInteger`));
  const used = [pick(codes.conditions), pick(codes.modalities), pick(codes.bodyParts), pick(codes.manufacturers)] as const;
  const [condition, modality, bodyPart, manufacturer] = used;
  const people = 50 + Math.floor(next() * 2000);

  add(d, 'a', iri(`${DCAT}Dataset`));
  add(d, `${DCT}identifier`, literal(d));
  add(d, `${DCT}title`, text(`Imaging cohort ${i}`));
  add(d, `${DCT}description`, text(`Baseline imaging of cohort ${i}, with segmentations.`));
  add(d, `${DCAT}version`, literal('1.0'));
  add(d, `${DCAT}keyword`, text('cancer imaging'));
  add(d, `${DCAT}theme`, iri(`${EU}data-theme/HEAL`));
  add(d, `${HEALTH}healthCategory`, iri(`${EU}healthcategories/EHRS`));
  add(d, `${HEALTH}healthTheme`, iri(`${EU}health-theme/CANCER_DISEASE`));
  add(d, `${DCT}type`, iri(`${EUCAIM}SPEC1000020`));
  add(d, `${EUCAIM}interoperabilityLevel`, iri(`${EUCAIM}SPEC1000009`));
  add(d, `${DCT}accessRights`, iri(`${EU}access-right/RESTRICTED`));
  add(d, `${DCATAP}applicableLegislation`, iri(LEGISLATION));
  add(d, `${DCT}publisher`, iri(`${r}publisher`));
  add(d, `${DCAT}contactPoint`, iri(`${r}contact`));
  add(d, `${DCT}provenance`, iri(`${r}provenance`));
  add(d, `${HEALTH}hdab`, iri(`${r}hdab`));
  add(d, 'https://w3id.org/dpv#hasPurpose', iri(`${r}purpose`));
  add(d, `${HEALTH}numberOfUniqueIndividuals`, count(people));
  add(d, `${HEALTH}numberOfRecords`, count(people * 2));
  add(d, `${HEALTH}minTypicalAge`, count(30));
  add(d, `${HEALTH}maxTypicalAge`, count(85));
  add(d, `${HEALTH}populationCoverage`, text('Adults from three centres.'));
  add(d, `${EUCAIM}hasBirthSex`, iri(`${EUCAIM}COM1001366`));
  add(d, `${EUCAIM}hasCondition`, iri(`${EUCAIM}${condition}`));
  add(d, `${EUCAIM}collectionMethod`, iri(`${EUCAIM}SPEC1000006`));
  add(d, `${EUCAIM}hasImageModality`, iri(`${EUCAIM}${modality}`));
  add(d, `${EUCAIM}hasEquipmentManufacturer`, iri(`${EUCAIM}${manufacturer}`));
  add(d, `${EUCAIM}hasImageBodyPart`, iri(`${EUCAIM}${bodyPart}`));
  add(d, `${DCT}spatial`, iri(`${EU}country/ESP`));
  add(d, `${DCT}language`, iri(`${EU}language/ENG`));
  add(d, `${DCT}temporal`, iri(`${r}period`));
  add(d, `${DCT}issued`, literal('2024-03-01', iri(`${XSD}date`)));
  add(d, `${DCT}modified`, literal('2024-06-15T10:30:00Z', iri(`${XSD}dateTime`)));
  add(d, `${DCT}accrualPeriodicity`, iri(`${EU}frequency/ANNUAL`));
  add(d, `${DCAT}landingPage`, iri(`${r}landing`));
  add(d, `${DCAT}distribution`, iri(`${r}dicom`));
  add(`${r}dicom`, 'a', iri(`${DCAT}Distribution`));
  add(`${r}dicom`, `${DCT}description`, text('DICOM studies with segmentations.'));
  add(`${r}dicom`, `${DCAT}accessURL`, iri(`${r}access`));
  add(`${r}dicom`, `${DCATAP}applicableLegislation`, iri(LEGISLATION));
  add(`${r}dicom`, `${DCT}rights`, iri('https://eucaim.github.io/eucaim_dcat_ap/releases/controlled-vocabularies/access-conditions/#REMOTE_PROCESSING'));
  add(`${r}dicom`, `${DCT}format`, iri(`${EU}file-type/DCM`));
  add(`${r}dicom`, `${DCT}license`, iri(`${EU}licence/CC_BY_4_0`));
  add(`${r}dicom`, `${DCATAP}availability`, iri(`${EU}planned-availability/STABLE`));
  add(`${r}publisher`, 'a', iri(`${FOAF}Organization`));
  add(`${r}publisher`, `${FOAF}name`, text(`Hospital ${i % 300}`));
  add(`${r}publisher`, `${DCT}type`, iri('http://purl.org/adms/publishertype/Academia-ScientificOrganisation'));
  add(`${r}hdab`, 'a', iri(`${FOAF}Organization`));
  add(`${r}hdab`, `${FOAF}name`, text('Health Data Access Body'));
  add(`${r}hdab`, `${DCT}type`, iri('http://purl.org/adms/publishertype/NationalAuthority'));
  add(`${r}contact`, 'a', iri(`${VCARD}Organization`));
  add(`${r}contact`, `${VCARD}fn`, literal('Imaging data desk'));
  add(`${r}contact`, `${VCARD}hasEmail`, iri(`mailto:data-${i % 300}@hospital.example`));
  add(`${r}provenance`, 'a', iri(`${DCT}ProvenanceStatement`));
  add(`${r}purpose`, 'a', iri('https://w3id.org/dpv#Purpose'));
  add(`${r}period`, 'a', iri(`${DCT}PeriodOfTime`));
  add(`${r}period`, `${DCAT}startDate`, literal('2019-01-01', iri(`${XSD}date`)));
  return { key: String(i), dataset: d, quads, codes: used };
}
