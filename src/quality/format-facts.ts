// **FORMAT_FACTS** says, per EU file-type code, whether a format is machine-readable and non-proprietary (MQA facts).

export interface FormatFact {
  readonly machineReadable: boolean;
  readonly nonProprietary: boolean;
}

const EU_FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';

// Judged as data.europa.eu's MQA judges them: structured, parseable data is machine-readable; an open,
// published specification is non-proprietary. Archives and page formats are neither kind of data format.
const TABLE: Readonly<Record<string, FormatFact>> = {
  CSV: { machineReadable: true, nonProprietary: true },
  TSV: { machineReadable: true, nonProprietary: true },
  JSON: { machineReadable: true, nonProprietary: true },
  JSON_LD: { machineReadable: true, nonProprietary: true },
  GEOJSON: { machineReadable: true, nonProprietary: true },
  XML: { machineReadable: true, nonProprietary: true },
  RDF_XML: { machineReadable: true, nonProprietary: true },
  RDF_TURTLE: { machineReadable: true, nonProprietary: true },
  RDF_N_TRIPLES: { machineReadable: true, nonProprietary: true },
  RDF_N_QUADS: { machineReadable: true, nonProprietary: true },
  RDF_TRIG: { machineReadable: true, nonProprietary: true },
  PARQUET: { machineReadable: true, nonProprietary: true },
  ODS: { machineReadable: true, nonProprietary: true },
  DCM: { machineReadable: true, nonProprietary: true },
  XLSX: { machineReadable: true, nonProprietary: false },
  XLS: { machineReadable: true, nonProprietary: false },
  HTML: { machineReadable: false, nonProprietary: true },
  TXT: { machineReadable: false, nonProprietary: true },
  PDF: { machineReadable: false, nonProprietary: true },
  PNG: { machineReadable: false, nonProprietary: true },
  JPEG: { machineReadable: false, nonProprietary: true },
  TIFF: { machineReadable: false, nonProprietary: true },
  DOCX: { machineReadable: false, nonProprietary: false },
  ZIP: { machineReadable: false, nonProprietary: true },
  GZIP: { machineReadable: false, nonProprietary: true },
  TAR: { machineReadable: false, nonProprietary: true },
  TAR_GZ: { machineReadable: false, nonProprietary: true },
};

/** The facts for a dct:format value (an EU file-type IRI); undefined for formats outside the table. */
export function formatFact(iri: string): FormatFact | undefined {
  return iri.startsWith(EU_FILE_TYPE) ? TABLE[iri.slice(EU_FILE_TYPE.length)] : undefined;
}

export function isFileTypeIri(iri: string): boolean {
  return iri.startsWith(EU_FILE_TYPE);
}
