// **datasetHtml** renders `/datasets/{id}` for people: fields with labels, distributions, validation, MQA quality, provenance.
import { MQA_METRICS } from '../quality/mqa-metrics.js';
import { mqaMetric } from '../quality/quality-dqv.js';
import type { DatasetHtml, DatasetView, Labelled } from '../search/dataset-view.js';
import { sanitisedHtml } from './html-text.js';
import { Layout } from './layout.js';
import { facetHref, safeHref, termHref } from './links.js';
import { S, facetLabel } from './strings.js';

const Chip = ({ l, href }: { l: Labelled; href?: string }): JSX.Element =>
  href ? <a class="tag" href={href} title={l.iri} safe>{l.label}</a> : <span class="tag" title={l.iri} safe>{l.label}</span>;

/** A harvested URL: a link when its scheme is safe, otherwise plain text that cannot be clicked. */
const Url = ({ url, text }: { url: string; text?: string }): JSX.Element => {
  const href = safeHref(url);
  return href ? <a href={href} rel="nofollow noopener" safe>{text ?? url}</a> : <span class="unsafe-url" title={S.dataset.notALink} safe>{url}</span>;
};

function Validation({ v }: { v: DatasetView['validation'] }): JSX.Element {
  return (
    <section aria-labelledby="validation-heading">
      <h2 id="validation-heading">{S.dataset.validation}</h2>
      <p>
        <span class={`status ${v.status}`} id="validation-status" safe>{v.status}</span>{' '}
        <span safe>{S.dataset.counts(v.violations, v.warnings, v.infos)}</span>
      </p>
      {v.messages.length === 0 ? '' : (
        <div class="table-wrap">
          <table id="validation-messages">
            <thead><tr><th scope="col">{S.dataset.severity}</th><th scope="col">{S.dataset.message}</th><th scope="col">{S.dataset.path}</th><th scope="col">{S.dataset.value}</th></tr></thead>
            <tbody>
              {v.messages.map((m) => (
                <tr><td>{m.severity}</td><td safe>{m.message}</td><td><code safe>{m.path ?? ''}</code></td><td><code safe>{m.value ?? ''}</code></td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Quality({ q }: { q: NonNullable<DatasetView['quality']> }): JSX.Element {
  const dimensions = [...new Set(MQA_METRICS.map((m) => m.dimension))];
  return (
    <section aria-labelledby="quality-heading">
      <h2 id="quality-heading">{S.dataset.quality}</h2>
      <p><span id="quality-score" safe>{S.dataset.score(q.score, q.band)}</span></p>
      <div class="table-wrap">
        <table id="mqa">
          <caption>{S.dataset.mqaCaption}</caption>
          <thead><tr><th scope="col">{S.dataset.dimension}</th><th scope="col">{S.dataset.metric}</th><th scope="col">{S.dataset.points}</th></tr></thead>
          <tbody>
            {dimensions.flatMap((d) => MQA_METRICS.filter((m) => m.dimension === d).map((m) => {
              const got = q.metrics.get(mqaMetric(m.id));
              return (
                <tr>
                  <td>{d}</td>
                  <td safe>{S.mqa[m.id] ?? m.id}</td>
                  <td safe>{got === undefined ? '—' : `${got.value} / ${m.points}${got.pending ? ` ${S.dataset.pending}` : ''}`}</td>
                </tr>
              );
            }))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Ontology terms link to their term page; other IRIs to Discover filtered by them; anonymous nodes nowhere. */
function chipHref(facet: string, kind: string, iri: string, terms: { has(iri: string): boolean }): string | undefined {
  if (kind === 'term' && terms.has(iri)) return termHref(iri);
  if (kind === 'literal' || iri.includes('/.well-known/genid/') || safeHref(iri) === undefined) return undefined;
  return facetHref(facet, iri);
}

export const datasetHtml: DatasetHtml = {
  page(view, { id, rdfLinks, turtle, terms }) {
    const safeDescription = sanitisedHtml(view.description);
    return (
      <Layout title={view.title} alternates={rdfLinks.map((l) => ({ type: l.label, href: l.href }))}>
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
          <ol>
            <li><a href="/">{S.nav.discover}</a></li>
            {view.feedId ? <li><a href={`/api/feeds/${encodeURIComponent(view.feedId)}`} safe>{view.feedId}</a></li> : ''}
            <li aria-current="page" safe>{view.title}</li>
          </ol>
        </nav>
        <h1 safe>{view.title}</h1>
        <p><code safe>{view.iri}</code></p>
        {view.landingPages.length > 0 ? <p>{S.dataset.landingPage}: {view.landingPages.map((u) => <Url url={u} />)}</p> : ''}
        {safeDescription === '' ? '' : <div class="description">{safeDescription}</div>}
        {view.keywords.length > 0 ? <p>{view.keywords.map((k) => <span class="tag" safe>{k}</span>)}</p> : ''}
        <h2>{S.dataset.about}</h2>
        <dl class="fields">
          {view.publishers.length > 0 ? <><dt>{S.dataset.publisher}</dt><dd>{view.publishers.map((p) => <Chip l={p} href={facetHref('publisher', p.iri)} />)}</dd></> : ''}
          {view.facets.filter((f) => f.name !== 'publisher').map((f) => (
            <>
              <dt safe>{facetLabel(f.name)}</dt>
              <dd>{f.values.map((v) => <Chip l={v} href={chipHref(f.name, f.kind, v.iri, terms)} />)}</dd>
            </>
          ))}
          {view.numbers.map((n) => <><dt safe>{n.name}</dt><dd safe>{n.value}</dd></>)}
          {view.licences.length > 0 ? <><dt>{S.dataset.licence}</dt><dd>{view.licences.map((l) => <Chip l={l} />)}</dd></> : ''}
        </dl>
        <h2>{S.dataset.distributions}</h2>
        {view.distributions.length === 0 ? <p>{S.dataset.noDistributions}</p> : (
          <div class="table-wrap">
            <table>
              <thead><tr><th scope="col">{S.dataset.distDescription}</th><th scope="col">{S.dataset.format}</th><th scope="col">{S.dataset.links}</th><th scope="col">{S.dataset.licenceAndConditions}</th></tr></thead>
              <tbody>
                {view.distributions.map((d) => (
                  <tr>
                    <td safe>{d.title ?? ''}</td>
                    <td>{d.format ? <Chip l={d.format} /> : ''}</td>
                    <td>
                      {d.accessUrl ? <Url url={d.accessUrl} text={S.dataset.access} /> : ''}{' '}
                      {d.downloadUrl ? <Url url={d.downloadUrl} text={S.dataset.download} /> : ''}
                    </td>
                    <td>{d.licence ? <Chip l={d.licence} /> : ''}{d.conditions.map((c) => <Chip l={c} />)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Validation v={view.validation} />
        {view.quality ? <Quality q={view.quality} /> : ''}
        <h2>{S.dataset.provenance}</h2>
        <dl class="fields" id="provenance">
          {view.provenance.map((p) => (
            <>
              <dt safe>{p.name}</dt>
              <dd>
                {p.name === 'feed' && view.feedId ? <a href={`/api/feeds/${encodeURIComponent(view.feedId)}`} safe>{view.feedId}</a>
                  : p.name === 'harvest run' && view.runId ? <a href={`/api/runs/${encodeURIComponent(view.runId)}`} safe>{view.runId}</a>
                  : p.link ? <Url url={p.value} /> : <span safe>{p.value}</span>}
              </dd>
            </>
          ))}
        </dl>
        <h2>{S.dataset.asData}</h2>
        <p>{rdfLinks.map((l) => <><a href={l.href} safe>{l.label}</a>{' '}</>)}</p>
        <details>
          <summary>{S.dataset.turtle}</summary>
          <pre class="record" tabindex="0"><code safe>{turtle}</code></pre>
        </details>
        <p class="hint">{S.dataset.idNote} <code safe>{id}</code></p>
      </Layout>
    ) as string;
  },
  withdrawn({ dataset, withdrawnAt }) {
    return (
      <Layout title={S.dataset.withdrawnTitle}>
        <h1>{S.dataset.withdrawnTitle}</h1>
        <p id="withdrawn"><span safe>{S.dataset.withdrawn(withdrawnAt)}</span></p>
        <p><code safe>{dataset}</code></p>
        <p><a href="/">{S.dataset.backToDiscover}</a></p>
      </Layout>
    ) as string;
  },
};
