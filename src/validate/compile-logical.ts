// **LOGICAL_VALIDATIONS** replace shacl-engine's sh:and, sh:or, sh:xone and sh:not: each value is its own constraint.
//
// The engine concatenates the lists of all sh:or (sh:xone, sh:and) values of a shape into one list, so a node that
// satisfies one member of the first sh:or passes a second sh:or it fails; and it builds one shape of all sh:not values.
// SHACL makes each value a constraint of its own (DCAT-AP-ES puts two sh:or on its contact point restriction). The
// verdicts are otherwise the engine's: a member conforms when its validation, in a child report, conforms; with debug
// or details every member is validated and its results nested, as the engine does.
import type { Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import { describeValue } from './result-message.js';
import type { EngineShape, Ptr } from './engine-internals.js';

interface ChildReport {
  readonly conforms: boolean;
  readonly results: readonly unknown[];
}
interface LogicalContext {
  readonly valueOrNode: Ptr;
  readonly shape: EngineShape;
  readonly options: Readonly<Record<string, unknown>>;
  readonly factory: { literal(value: string): Term };
  create(args: { child: true; focusNode: Ptr }): LogicalContext;
  test(success: boolean, component: Term, args: object): void;
}
interface MemberShape {
  readonly ptr: Ptr;
  validate(context: LogicalContext): Promise<{ readonly report: ChildReport }>;
}

const sh = (local: string) => DataFactory.namedNode(NS.sh + local);

/** The shapes of each value of a list-valued parameter, one list per value (never merged). */
function lists(shape: EngineShape, parameter: Term): MemberShape[][] {
  return [...shape.ptr.out([parameter])].map((ptr) => [...(ptr.list() ?? [])].map((m) => shape.validator.shape(m) as unknown as MemberShape));
}

async function report(member: MemberShape, context: LogicalContext): Promise<ChildReport> {
  return (await member.validate(context.create({ child: true, focusNode: context.valueOrNode }))).report;
}

const named = (term: Term) => (term.termType === 'NamedNode' ? ` <${term.value}>` : '');
const exhaustive = (context: LogicalContext) => Boolean(context.options.debug || context.options.details);
const message = (context: LogicalContext, text: string) => [context.factory.literal(`${describeValue(context.shape, context.valueOrNode.term)} ${text}`)];

function compileOr(shape: EngineShape) {
  const ors = lists(shape, sh('or'));
  const component = sh('OrConstraintComponent');
  return {
    generic: async (context: LogicalContext) => {
      for (const members of ors) {
        let conforms = false;
        const results: unknown[] = [];
        for (const member of members) {
          const r = await report(member, context);
          if (exhaustive(context)) results.push(...r.results);
          if (r.conforms) {
            conforms = true;
            if (!exhaustive(context)) break;
          }
        }
        context.test(conforms, component, {
          results, value: context.valueOrNode,
          message: message(context, `conforms to none of the ${members.length} alternatives of sh:or`),
        });
      }
    },
  };
}

function compileAnd(shape: EngineShape) {
  const ands = lists(shape, sh('and'));
  const component = sh('AndConstraintComponent');
  return {
    generic: async (context: LogicalContext) => {
      for (const members of ands) {
        const reports = [];
        for (const member of members) reports.push(await report(member, context));
        const failed = reports.filter((r) => !r.conforms).length;
        context.test(failed === 0, component, {
          results: reports.flatMap((r) => r.results), value: context.valueOrNode,
          message: message(context, `fails ${failed} of the ${members.length} shapes sh:and requires`),
        });
      }
    },
  };
}

function compileXone(shape: EngineShape) {
  const xones = lists(shape, sh('xone'));
  const component = sh('XoneConstraintComponent');
  return {
    generic: async (context: LogicalContext) => {
      for (const members of xones) {
        const reports = [];
        for (const member of members) reports.push(await report(member, context));
        const conforming = reports.filter((r) => r.conforms).length;
        context.test(conforming === 1, component, {
          results: reports.flatMap((r) => r.results), value: context.valueOrNode,
          message: message(context, `conforms to ${conforming} of the ${members.length} alternatives of sh:xone (exactly one is required)`),
        });
      }
    },
  };
}

function compileNot(shape: EngineShape) {
  const nots = [...shape.ptr.out([sh('not')])].map((ptr) => shape.validator.shape(ptr) as unknown as MemberShape);
  const component = sh('NotConstraintComponent');
  return {
    generic: async (context: LogicalContext) => {
      for (const not of nots) {
        const r = await report(not, context);
        context.test(!r.conforms, component, {
          args: { not: not.ptr.term }, results: r.results, value: context.valueOrNode,
          message: message(context, `conforms to the shape${named(not.ptr.term)} that sh:not excludes`),
        });
      }
    },
  };
}

/** Entries for shacl-engine's `validations` option. */
export const LOGICAL_VALIDATIONS: ReadonlyArray<[Term, unknown]> = [
  [sh('and'), compileAnd], [sh('or'), compileOr], [sh('xone'), compileXone], [sh('not'), compileNot],
];
