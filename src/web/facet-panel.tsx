// **FacetPanel** draws one search facet as checkboxes; ontology facets as a collapsible tree with roll-up counts.
import type { FacetValue } from '../search/search-query.js';
import { S, facetLabel } from './strings.js';

export interface FacetPanelProps {
  readonly name: string;
  readonly tree: boolean;
  readonly values: readonly FacetValue[];
  readonly selected: readonly string[];
  /** Labels for selected values the answer does not list (no dataset left with them under other filters). */
  readonly labelOf: (value: string) => string;
}

interface Node { readonly value: FacetValue; readonly children: Node[] }

/** Values whose parents are listed hang under them; a value with two listed parents appears under both. */
function forest(values: readonly FacetValue[]): Node[] {
  const byValue = new Map(values.map((v) => [v.value, v]));
  const children = new Map<string, FacetValue[]>();
  const roots: FacetValue[] = [];
  for (const v of values) {
    const parents = (v.broader ?? []).filter((b) => byValue.has(b) && b !== v.value);
    if (parents.length === 0) roots.push(v);
    for (const b of parents) children.set(b, [...(children.get(b) ?? []), v]);
  }
  const build = (v: FacetValue, path: ReadonlySet<string>): Node => ({
    value: v,
    // A cycle in a harvested or uploaded hierarchy must not recurse forever.
    children: (children.get(v.value) ?? []).filter((c) => !path.has(c.value)).map((c) => build(c, new Set([...path, c.value]))),
  });
  return roots.map((r) => build(r, new Set([r.value])));
}

const containsSelected = (n: Node, selected: ReadonlySet<string>): boolean =>
  selected.has(n.value.value) || n.children.some((c) => containsSelected(c, selected));

export function FacetPanel(props: FacetPanelProps): JSX.Element {
  const selected = new Set(props.selected);
  let seq = 0;
  const id = (): string => `f-${props.name}-${++seq}`;
  const Item = ({ v }: { v: FacetValue }): JSX.Element => {
    const inputId = id();
    return (
      <span class="facet-value">
        <input type="checkbox" id={inputId} name={props.name} value={v.value} checked={selected.has(v.value)} />
        <label for={inputId}>
          <span class="label" safe>{v.label}</span> <span class="count">{v.count}</span>
        </label>
        {v.subjects > 0 || v.studies > 0 ? <span class="sums" safe>{S.discover.sums(v.subjects, v.studies)}</span> : ''}
      </span>
    );
  };
  const Tree = ({ nodes }: { nodes: readonly Node[] }): JSX.Element => (
    <ul class="tree">
      {nodes.map((n) => (
        <li>
          <Item v={n.value} />
          {n.children.length > 0
            ? (
              <details open={n.children.some((c) => containsSelected(c, selected))}>
                <summary safe>{S.discover.narrower(n.children.length)}</summary>
                <Tree nodes={n.children} />
              </details>
            )
            : ''}
        </li>
      ))}
    </ul>
  );
  const listed = new Set(props.values.map((v) => v.value));
  // A chosen value stays visible (and un-tickable) even when no dataset under the other filters carries it.
  const missing: FacetValue[] = props.selected.filter((v) => !listed.has(v))
    .map((v) => ({ value: v, label: props.labelOf(v), count: 0, direct: 0, subjects: 0, studies: 0 }));
  const values = [...props.values, ...missing];
  if (values.length === 0) return '';
  return (
    <fieldset class="facet">
      <legend safe>{facetLabel(props.name)}</legend>
      {props.tree ? <Tree nodes={forest(values)} /> : <ul class="flat">{values.map((v) => <li><Item v={v} /></li>)}</ul>}
      {props.tree ? <p class="hint">{S.discover.counts}</p> : ''}
    </fieldset>
  );
}
