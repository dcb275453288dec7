// **sparqlEditorHtml** is `/sparql` for people: YASGUI (served from its npm package, no CDN) on the catalogue's own endpoint, with examples.
import { Layout } from './layout.js';
import { SPARQL_EXAMPLES } from './sparql-examples.js';
import { S } from './strings.js';

/**
 * True when the client asks for a web page rather than protocol results: `text/html` named explicitly and ranked at
 * least as high as anything else it names. Browsers send that on navigation; SPARQL clients name result types
 * (or `*\/*`) and never text/html, so they keep the protocol.
 */
export function wantsSparqlEditor(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  let html = -1;
  let other = 0;
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q)) continue;
    const type = range.trim().toLowerCase();
    if (type === 'text/html' || type === 'application/xhtml+xml') html = Math.max(html, q);
    else if (type !== '*/*' && type !== 'application/xml' && type !== 'image/*' && !type.startsWith('image/')) other = Math.max(other, q);
  }
  return html > 0 && html >= other;
}

/** The editor page, opened on `query` when the address carries one (a shared link), else on the first example. */
export function sparqlEditorHtml(opts: { readonly query?: string }): string {
  const query = opts.query ?? SPARQL_EXAMPLES[0]!.query;
  return (
    <Layout title={S.sparql.title} current="sparql" styles={['/assets/vendor/yasgui.min.css']} scripts={['/assets/vendor/yasgui.min.js', '/assets/vendor/chart.umd.min.js', '/assets/charts.js', '/assets/sparql-chart.js', '/assets/sparql-editor.js']}>
      <h1>{S.sparql.title}</h1>
      <p>{S.sparql.intro}</p>
      <section aria-labelledby="examples-heading">
        <h2 id="examples-heading">{S.sparql.examples}</h2>
        <ul class="examples">
          {SPARQL_EXAMPLES.map((e, i) => (
            <li><button type="button" class="secondary example" data-example={String(i)} safe>{e.title}</button></li>
          ))}
        </ul>
        {/* The examples' text, read by the editor script (no inline script: the CSP forbids it). */}
        <template id="sparql-examples">{SPARQL_EXAMPLES.map((e) => <pre safe>{e.query}</pre>)}</template>
      </section>
      <div id="yasgui" data-endpoint="/sparql"></div>
      <noscript>
        {/* Without JavaScript: the protocol's own form (results come back as SPARQL JSON). */}
        <form method="post" action="/sparql" class="stacked">
          <label for="query">{S.sparql.query}</label>
          <textarea id="query" name="query" rows="14" cols="80" safe>{query}</textarea>
          <button type="submit">{S.sparql.run}</button>
        </form>
      </noscript>
      <template id="sparql-initial"><pre safe>{query}</pre></template>
    </Layout>
  ) as string;
}
