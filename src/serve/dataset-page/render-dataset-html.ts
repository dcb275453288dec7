// **renderDatasetHtml** writes a dataset page for people: what it is, its facets, distributions, quality and provenance.
import { escapeXml } from '../escape-xml.js';
import type { DatasetView, Labelled } from './dataset-view.js';

const e = (s: string): string => escapeXml(s);

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}dl{display:grid;grid-template-columns:12rem 1fr;gap:.3rem 1rem}dt{font-weight:600;color:#444}
dd{margin:0}.tag{display:inline-block;background:#eef3f8;border-radius:.3rem;padding:.05rem .45rem;margin:0 .3rem .3rem 0}
.status{font-weight:600}.conformant{color:#1a7f37}.with-warnings{color:#9a6700}.non-conformant{color:#cf222e}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35rem;text-align:left;vertical-align:top}
footer{margin-top:2rem;font-size:.9rem;color:#555}`;

const tag = (l: Labelled): string => `<span class="tag" title="${e(l.iri)}">${e(l.label)}</span>`;
const link = (url: string, text = url): string => /^https?:\/\//.test(url) ? `<a href="${e(url)}">${e(text)}</a>` : e(text);

export function renderDatasetHtml(view: DatasetView, options: { readonly rdfLinks: ReadonlyArray<{ label: string; href: string }> }): string {
  const v = view.validation;
  // Facet names are API names (bodyPart); people read "body part".
  const facetRows = view.facets.map((f) => `<dt>${e(f.name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`))}</dt><dd>${f.values.map(tag).join('')}</dd>`).join('');
  const numberRows = view.numbers.map((n) => `<dt>${e(n.name)}</dt><dd>${e(n.value)}</dd>`).join('');
  const distributions = view.distributions.map((d) => `<tr><td>${e(d.title ?? '')}</td><td>${d.format ? tag(d.format) : ''}</td>
<td>${d.accessUrl ? link(d.accessUrl, 'access') : ''} ${d.downloadUrl ? link(d.downloadUrl, 'download') : ''}</td>
<td>${d.licence ? tag(d.licence) : ''}${d.conditions.map(tag).join('')}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(view.title)} — sheaf</title><style>${STYLE}</style>
${options.rdfLinks.map((l) => `<link rel="alternate" type="${e(l.label)}" href="${e(l.href)}">`).join('\n')}
</head><body>
<main>
<h1>${e(view.title)}</h1>
<p><code>${e(view.iri)}</code></p>
<p>${e(view.description)}</p>
${view.keywords.length > 0 ? `<p>${view.keywords.map((k) => `<span class="tag">${e(k)}</span>`).join('')}</p>` : ''}
<h2>Description</h2>
<dl>${facetRows}${numberRows}
${view.licences.length > 0 ? `<dt>licence</dt><dd>${view.licences.map(tag).join('')}</dd>` : ''}
</dl>
<h2>Distributions</h2>
${view.distributions.length > 0 ? `<table><thead><tr><th>description</th><th>format</th><th>links</th><th>licence and conditions</th></tr></thead><tbody>${distributions}</tbody></table>` : '<p>None listed.</p>'}
<h2>Quality</h2>
<dl><dt>validation</dt><dd><span class="status ${e(v.status)}" id="validation-status">${e(v.status)}</span>
 (${v.violations} violations, ${v.warnings} warnings, ${v.infos} notes)</dd>
${view.quality ? `<dt>quality score</dt><dd id="quality-score">${e(view.quality.score)}${view.quality.band ? ` (${e(view.quality.band)})` : ''}</dd>` : ''}
</dl>
<h2>Provenance</h2>
<dl>${view.provenance.map((p) => `<dt>${e(p.name)}</dt><dd>${p.link ? link(p.value) : e(p.value)}</dd>`).join('')}</dl>
</main>
<footer>This description as data: ${options.rdfLinks.map((l) => `<a href="${e(l.href)}">${e(l.label)}</a>`).join(' · ')}</footer>
</body></html>
`;
}
