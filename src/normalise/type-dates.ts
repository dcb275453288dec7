// **typeDates** gives untyped or mistyped date literals of date properties their XSD type (date, dateTime, gYear...).
import { DataFactory } from 'n3';
import { RecordDataset } from './record-dataset.js';
import type { Literal, Quad } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { subjectText, type NormaliseStep } from './normalise-step.js';

const { literal, namedNode, quad } = DataFactory;

/** Properties whose values are dates or date-times in DCAT-AP, HealthDCAT-AP and PROV. */
export const DATE_PROPERTIES: ReadonlySet<string> = new Set([
  `${NS.dct}issued`, `${NS.dct}modified`, `${NS.dct}created`, `${NS.dct}date`, `${NS.dct}available`,
  `${NS.dcat}startDate`, `${NS.dcat}endDate`,
  `${NS.prov}startedAtTime`, `${NS.prov}endedAtTime`, `${NS.prov}generatedAtTime`,
]);

const XSD = {
  string: `${NS.xsd}string`,
  date: `${NS.xsd}date`,
  dateTime: `${NS.xsd}dateTime`,
  gYear: `${NS.xsd}gYear`,
  gYearMonth: `${NS.xsd}gYearMonth`,
} as const;
const DATE_TYPES: ReadonlySet<string> = new Set(Object.values(XSD).filter((t) => t !== XSD.string));
const LANG_STRING = `${NS.rdf}langString`;

const TZ = '(Z|[+-](?:0\\d|1[0-4]):[0-5]\\d)?';
const PATTERNS: readonly [RegExp, string, (m: RegExpExecArray) => string][] = [
  [/^(\d{4})$/, XSD.gYear, (m) => m[1]!],
  [/^(\d{4})-(\d{2})$/, XSD.gYearMonth, (m) => `${m[1]}-${m[2]}`],
  [new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})${TZ}$`), XSD.date, (m) => `${m[1]}-${m[2]}-${m[3]}${m[4] ?? ''}`],
  // A space instead of "T" and missing seconds are common in exports; both still name one instant.
  [
    new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?${TZ}$`),
    XSD.dateTime,
    (m) => `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${m[8] ?? ''}`,
  ],
];

/** The typed form of a date text, or undefined when it is not a valid calendar date in a form we read. */
export function typeDateText(text: string): { value: string; datatype: string } | undefined {
  for (const [re, datatype, lexical] of PATTERNS) {
    const m = re.exec(text);
    if (m === null) continue;
    if (!validCalendar(m)) return undefined;
    return { value: lexical(m), datatype };
  }
  return undefined;
}

function validCalendar(m: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => (v === undefined ? undefined : Number(v)));
  if (month !== undefined && (month < 1 || month > 12)) return false;
  if (day !== undefined && month !== undefined && year !== undefined) {
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (day < 1 || day > days) return false;
  }
  if (hour !== undefined && hour > 24) return false;
  if (minute !== undefined && minute > 59) return false;
  return second === undefined || second <= 60;
}

export const typeDates: NormaliseStep = {
  name: 'type-dates',
  apply(dataset, ctx) {
    const out = RecordDataset.after(dataset);
    for (const q of dataset) {
      const o = q.object;
      if (o.termType !== 'Literal' || !DATE_PROPERTIES.has(q.predicate.value)) {
        out.add(q);
        continue;
      }
      const lit = o as Literal;
      const dt = lit.datatype.value;
      // Plain strings and date types are (re)typed from their text; other datatypes are the publisher's choice.
      if (dt !== XSD.string && dt !== LANG_STRING && !DATE_TYPES.has(dt)) {
        out.add(q);
        continue;
      }
      const typed = typeDateText(lit.value);
      if (typed === undefined) {
        if (!DATE_TYPES.has(dt)) ctx.note({ kind: 'not-a-date', subject: subjectText(q.subject), predicate: q.predicate.value, from: lit.value });
        out.add(q);
        continue;
      }
      if (typed.datatype === dt && typed.value === lit.value) {
        out.add(q);
        continue;
      }
      ctx.note({
        kind: DATE_TYPES.has(dt) ? 'date-retyped' : 'date-typed',
        subject: subjectText(q.subject),
        predicate: q.predicate.value,
        from: `"${lit.value}"^^<${dt}>`,
        to: `"${typed.value}"^^<${typed.datatype}>`,
      });
      out.add(quad(q.subject, q.predicate, literal(typed.value, namedNode(typed.datatype)), q.graph));
    }
    return out;
  },
};
