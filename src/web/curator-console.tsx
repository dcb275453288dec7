// **curatorConsole** is `/console/curator`: feed health, held runs to confirm, quality per feed, ontology versions and tokens.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ImpactReport } from '../ontology/impact-analysis.js';
import type { ConstraintChange, OntologyDiff } from '../ontology/ontology-diff.js';
import { searchKey } from '../search/search-sync.js';
import { callApi, problemText } from './console-api.js';
import { layoutUser, sendPage, type FeedRow } from './console-home.js';
import { RunStatus, type RunRow } from './feed-console.js';
import type { ReportBody } from './feed-report-view.js';
import { Layout } from './layout.js';
import { compactIri, datasetHref } from './links.js';
import { S } from './strings.js';
import { mediaTypeOf, uploadText } from './rdf-upload.js';
import { previewOntology, takeHeldUpload, type OntologyPreview } from './ontology-preview.js';
import { takeFlash, type WebUser } from './web-session.js';
import { isCatError } from '../core/errors.js';

/** A feed whose last run ended longer ago than this is stale, whatever its schedule says. */
const STALE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
const ONTOLOGY_UPLOAD_LIMIT = 50 * 1024 * 1024;

interface FeedHealth { readonly feed: FeedRow; readonly last?: RunRow; readonly health: string; readonly quality?: ReportBody['quality'] }
interface VersionRow { readonly id: string; readonly ontologyIri: string; readonly label?: string; readonly loadedAt: string; readonly loadedBy: string; readonly current: boolean; readonly quads: number }
interface TokenRow { readonly id: string; readonly name: string; readonly role: string; readonly createdAt: string; readonly lastUsedAt?: string; readonly revokedAt?: string }
export interface Activation { readonly version: VersionRow; readonly comparedWith: string; readonly diff: OntologyDiff; readonly impact: ImpactReport }

function healthOf(last: RunRow | undefined, now: number): string {
  if (last === undefined) return 'new';
  if (last.status === 'held') return 'held';
  if (last.status === 'failed' || last.status === 'partial' || last.status === 'interrupted') return 'failing';
  if (last.finishedAt && now - Date.parse(last.finishedAt) > STALE_AFTER_MS) return 'stale';
  return 'ok';
}

async function feedHealth(app: FastifyInstance, user: WebUser): Promise<FeedHealth[]> {
  const { feeds } = (await callApi<{ feeds: FeedRow[] }>(app, user, { url: '/api/feeds' })).body;
  const now = Date.now();
  return Promise.all(feeds.map(async (feed) => {
    const last = (await callApi<{ runs: RunRow[] }>(app, user, { url: `/api/feeds/${feed.id}/runs?limit=1` })).body.runs[0];
    const report = (await callApi<ReportBody>(app, user, { url: `/api/feeds/${feed.id}/report?limit=1` })).body;
    return { feed, ...(last && { last }), health: healthOf(last, now), ...(report.quality && { quality: report.quality }) };
  }));
}

const short = (iri: string): string => compactIri(iri);

/** The classes a version adds, removes, deprecates and moves, and the constraints it tightens or loosens. */
function DiffView({ diff }: { diff: OntologyDiff }): JSX.Element {
  const d = diff.classes;
  const list = (title: string, id: string, items: JSX.Element[]) => items.length === 0 ? '' : (
    <><h4 id={id} safe>{`${title} (${items.length})`}</h4><ul>{items}</ul></>
  );
  const constraints = diff.constraints;
  const change = (c: ConstraintChange): string => `${short(c.target)} ${short(c.path)}: ${short(c.constraint)} ${c.before ?? '—'} → ${c.after ?? '—'}`;
  return (
    <>
      {list(S.console.added, 'diff-added', d.added.map((c) => <li safe>{short(c)}</li>))}
      {list(S.console.removed, 'diff-removed', d.removed.map((c) => <li safe>{short(c)}</li>))}
      {list(S.console.deprecated, 'diff-deprecated', d.deprecated.map((c) => <li><span safe>{short(c.iri)}</span>{c.replacedBy ? <span safe>{` → ${short(c.replacedBy)}`}</span> : ''}</li>))}
      {list(S.console.moved, 'diff-moved', d.moved.map((c) => <li><span safe>{short(c.iri)}</span>: <span safe>{`${c.before.map(short).join(', ') || '—'} → ${c.after.map(short).join(', ') || '—'}`}</span></li>))}
      {list(S.console.tightened, 'diff-tightened', constraints.tightened.map((c) => <li safe>{change(c)}</li>))}
      {list(S.console.loosened, 'diff-loosened', constraints.loosened.map((c) => <li safe>{change(c)}</li>))}
    </>
  );
}

/** An uploaded version before it becomes current: its diff, the records it would revalidate, the replacements they need. */
function PreviewView({ preview, csrf }: { preview: OntologyPreview; csrf: string }): JSX.Element {
  return (
    <section id="preview" aria-labelledby="preview-heading">
      <h3 id="preview-heading" safe>{`${preview.label || preview.ontologyIri} — ${S.console.previewTitle} (${preview.comparedWith})`}</h3>
      <DiffView diff={preview.diff} />
      <h4>{S.console.impact}</h4>
      <p id="preview-impact" safe>{S.console.previewImpact(preview.affected)}</p>
      {preview.replacements.length === 0 ? '' : (
        <div class="table-wrap"><table id="preview-replacements">
          <thead><tr><th scope="col">{S.console.example}</th><th scope="col">{S.console.fix}</th></tr></thead>
          <tbody>{preview.replacements.map((r) => (
            <tr><td><a href={datasetHref(searchKey(r.feedId, r.key))} safe>{r.datasetIri}</a></td>
              <td safe>{r.suggestions.map((s) => `${short(s.term)} is ${s.reason}${s.replacement ? `: use ${short(s.replacement)}` : ''}`).join('; ')}</td></tr>
          ))}</tbody>
        </table></div>
      )}
      <form method="post" action="/console/ontologies/activate" class="inline-form">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="preview" value={preview.id} />
        <button type="submit" id="activate">{S.console.activate}</button>
      </form>{' '}
      <a href="/console/curator">{S.console.discard}</a>
    </section>
  );
}

/** What a loaded or restored version changed, and what that did to the catalogue's records. */
export function ActivationView({ report }: { report: Activation }): JSX.Element {
  return (
    <section id="activation" aria-labelledby="activation-heading">
      <h3 id="activation-heading" safe>{`${report.version.label ?? report.version.id} — ${S.console.diff} (${report.comparedWith})`}</h3>
      <DiffView diff={report.diff} />
      <h4>{S.console.impact}</h4>
      <p id="impact" safe>{S.console.impactLine(report.impact.candidates, report.impact.newlyInvalidCount)}</p>
      {report.impact.newlyInvalid.length === 0 ? '' : (
        <div class="table-wrap"><table id="newly-invalid">
          <thead><tr><th scope="col">{S.console.example}</th><th scope="col">{S.console.message}</th><th scope="col">{S.console.fix}</th></tr></thead>
          <tbody>{report.impact.newlyInvalid.map((n) => (
            <tr>
              <td><a href={datasetHref(searchKey(n.feedId, n.key))} safe>{n.datasetIri}</a></td>
              <td safe>{n.violations.map((v) => v.message ?? v.severity).join('; ')}</td>
              <td safe>{n.suggestions.map((s) => `${short(s.term)} is ${s.reason}${s.replacement ? `: use ${short(s.replacement)}` : ''}`).join('; ') || '—'}</td>
            </tr>
          ))}</tbody>
        </table></div>
      )}
    </section>
  );
}

async function renderCurator(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, user: WebUser, extra: {
  readonly secret?: { readonly name: string; readonly token: string }; readonly activation?: Activation; readonly preview?: OntologyPreview;
  readonly errors?: Readonly<Record<string, string>>;
} = {}): Promise<string> {
  const lu = layoutUser(user, reply);
  const feeds = await feedHealth(app, user);
  const held = feeds.filter((f) => f.last?.status === 'held');
  const versions = (await callApi<{ versions: VersionRow[] }>(app, user, { url: '/api/ontologies' })).body.versions;
  const admin = user.principal.role === 'admin';
  const tokens = admin ? (await callApi<{ tokens: TokenRow[] }>(app, user, { url: '/api/tokens' })).body.tokens : [];
  const flash = takeFlash(request);
  const errors = extra.errors ?? {};
  const csrfInput = <input type="hidden" name="_csrf" value={lu.csrf} />;
  return (
    <Layout title={S.console.curator} current="console" user={lu}>
      <nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/console">{S.console.title}</a></li><li>{S.console.curator}</li></ol></nav>
      <h1>{S.console.curator}</h1>
      {flash ? <p class="notice" role="status" safe>{flash}</p> : ''}
      <section aria-labelledby="health-heading">
        <h2 id="health-heading">{S.console.allFeeds}</h2>
        <p><a href="/console/quality" id="quality-link">{S.quality.link}</a></p>
        <div class="table-wrap"><table id="health">
          <thead><tr><th scope="col">{S.console.feed}</th><th scope="col">{S.console.owner}</th><th scope="col">{S.console.status}</th><th scope="col">{S.console.lastRun}</th><th scope="col">{S.console.average}</th></tr></thead>
          <tbody>{feeds.map((f) => (
            <tr>
              <td><a href={`/console/feeds/${f.feed.id}`} safe>{f.feed.title}</a></td><td safe>{f.feed.owner}</td>
              <td><span class={`health health-${f.health}`} safe>{S.console.health[f.health] ?? f.health}</span></td>
              <td>{f.last ? <a href={`/console/runs/${f.last.id}`}><RunStatus status={f.last.status} /> <span safe>{(f.last.finishedAt ?? f.last.queuedAt).slice(0, 16).replace('T', ' ')}</span></a> : S.console.never}</td>
              <td>{f.quality && f.quality.records > 0 ? (
                <><meter min="0" max={String(f.quality.max)} value={String(f.quality.averagePoints)} aria-label={`${S.console.average}: ${f.feed.title}`}></meter>
                  {' '}<span safe>{`${Math.round(f.quality.averagePoints)} / ${f.quality.max}`}</span></>
              ) : '—'}</td>
            </tr>
          ))}</tbody>
        </table></div>
      </section>
      <section aria-labelledby="held-heading">
        <h2 id="held-heading">{S.console.held}</h2>
        {held.length === 0 ? <p>{S.console.noHeld}</p> : (
          <ul id="held">{held.map((f) => (
            <li>
              <a href={`/console/runs/${f.last!.id}`} safe>{f.feed.title}</a>: <span safe>{S.console.heldWhy(f.last!.heldWithdrawals)}</span>{' '}
              <form method="post" action={`/console/runs/${f.last!.id}/confirm`} class="inline-form">{csrfInput}<button type="submit">{S.console.confirm}</button></form>
            </li>
          ))}</ul>
        )}
      </section>
      <section aria-labelledby="ontologies-heading">
        <h2 id="ontologies-heading">{S.console.ontologies}</h2>
        {extra.preview ? <PreviewView preview={extra.preview} csrf={lu.csrf} /> : ''}
        {extra.activation ? <ActivationView report={extra.activation} /> : ''}
        {versions.length === 0 ? '' : (
          <div class="table-wrap"><table id="versions">
            <thead><tr><th scope="col">{S.console.label}</th><th scope="col">{S.console.loadedBy}</th><th scope="col">{S.console.started}</th><th scope="col">{S.console.status}</th></tr></thead>
            <tbody>{[...versions].reverse().map((v) => (
              <tr>
                <td><span safe>{v.label ?? v.id}</span><br /><code class="hint" safe>{v.ontologyIri}</code></td><td safe>{v.loadedBy}</td><td safe>{v.loadedAt.slice(0, 16).replace('T', ' ')}</td>
                <td>{v.current ? <strong>{S.console.current}</strong> : (
                  <form method="post" action={`/console/ontologies/${v.id}/restore`} class="inline-form">{csrfInput}
                    <button type="submit" class="secondary">{S.console.restore}<span class="visually-hidden" safe>{`: ${v.label ?? v.id}`}</span></button></form>
                )}</td>
              </tr>
            ))}</tbody>
          </table></div>
        )}
        <h3>{S.console.loadOntology}</h3>
        <form method="post" action="/console/ontologies" enctype="multipart/form-data" class="stacked" id="load-ontology">
          {csrfInput}
          <label for="ontology-file">{S.console.file}</label>
          <input id="ontology-file" name="file" type="file" accept=".ttl,.owl,.rdf,.xml,.nt,.jsonld"
            aria-invalid={errors.file ? 'true' : undefined} aria-describedby={errors.file ? 'file-error' : undefined} />
          {errors.file ? <span id="file-error" class="field-error" safe>{errors.file}</span> : ''}
          <label for="ontology-label">{S.console.label}</label>
          <input id="ontology-label" name="label" type="text" maxlength="200" />
          <p><button type="submit">{S.console.load}</button></p>
        </form>
      </section>
      {admin ? (
        <section aria-labelledby="tokens-heading">
          <h2 id="tokens-heading">{S.console.tokens}</h2>
          {extra.secret ? (
            <div class="notice" role="status" id="new-token"><p safe>{`${S.console.newSecret} (${extra.secret.name})`}</p><code class="secret" safe>{extra.secret.token}</code></div>
          ) : ''}
          <div class="table-wrap"><table id="tokens">
            <thead><tr><th scope="col">{S.console.tokenName}</th><th scope="col">{S.console.role}</th><th scope="col">{S.console.createdAt}</th><th scope="col">{S.console.lastUsed}</th><th scope="col">{S.console.status}</th></tr></thead>
            <tbody>{tokens.map((t) => (
              <tr>
                <td safe>{t.name}</td><td safe>{t.role}</td><td safe>{t.createdAt.slice(0, 16).replace('T', ' ')}</td><td safe>{t.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? '—'}</td>
                <td>{t.revokedAt ? S.console.revoked : (
                  <form method="post" action={`/console/tokens/${t.id}/revoke`} class="inline-form">{csrfInput}
                    <button type="submit" class="secondary">{S.console.revoke}<span class="visually-hidden" safe>{`: ${t.name}`}</span></button></form>
                )}</td>
              </tr>
            ))}</tbody>
          </table></div>
          <h3>{S.console.createToken}</h3>
          <form method="post" action="/console/tokens" class="stacked" id="create-token">
            {csrfInput}
            <label for="token-name">{S.console.tokenName}</label>
            <input id="token-name" name="name" type="text" maxlength="80" aria-invalid={errors.name ? 'true' : undefined} aria-describedby={errors.name ? 'name-error' : undefined} />
            {errors.name ? <span id="name-error" class="field-error" safe>{errors.name}</span> : ''}
            <label for="token-role">{S.console.role}</label>
            <select id="token-role" name="role"><option value="publisher">publisher</option><option value="curator">curator</option><option value="admin">admin</option></select>
            <p><button type="submit">{S.console.createToken}</button></p>
          </form>
        </section>
      ) : ''}
    </Layout>
  ) as string;
}

/** Whose held upload: the token's identity (the configured admin token has none, and is one holder). */
const holderOf = (user: WebUser): string => user.principal.tokenId ?? `name:${user.principal.name}`;

const idParams = { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } }, required: ['id'] } as const;

export const curatorConsole: FastifyPluginAsync = async (app) => {
  // Encapsulated here: only the ontology upload takes multipart bodies. Fields and the file reach the body before the
  // preHandler, so the CSRF check reads `_csrf` as for any form; a file over the API's own limit is refused (413).
  await app.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: ONTOLOGY_UPLOAD_LIMIT, files: 1, fields: 5 } });

  app.get('/console/curator', { schema: { hide: true } }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'curator');
    return sendPage(reply, await renderCurator(app, request, reply, user));
  });

  app.post<{ Params: { id: string } }>('/console/runs/:id/confirm', { schema: { hide: true, params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'curator');
    const done = await callApi<RunRow>(app, user, { method: 'POST', url: `/api/runs/${request.params.id}/confirm` });
    request.session.set('flash', done.ok ? `${S.console.confirm}: ${done.body.status}` : problemText(done));
    return reply.redirect('/console/curator', 303);
  });

  app.post<{ Params: { id: string } }>('/console/ontologies/:id/restore', { schema: { hide: true, params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'curator');
    const done = await callApi<Activation>(app, user, { method: 'POST', url: `/api/ontologies/${request.params.id}/restore` });
    if (!done.ok) {
      request.session.set('flash', problemText(done));
      return reply.redirect('/console/curator', 303);
    }
    return sendPage(reply, await renderCurator(app, request, reply, user, { activation: done.body }));
  });

  // Loading is two steps: the upload is previewed (diff, records touched, replacements), then activated on request.
  app.post<{ Body: { file?: Buffer | string; label?: string } }>('/console/ontologies', { schema: { hide: true }, preHandler: app.csrfProtection }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'curator');
    const text = uploadText(request.body.file);
    if (text.trim() === '') return sendPage(reply, await renderCurator(app, request, reply, user, { errors: { file: S.console.chooseFile } }), 400);
    const label = typeof request.body.label === 'string' ? request.body.label.trim().slice(0, 200) : '';
    try {
      const preview = await previewOntology(app, { text, type: mediaTypeOf(text), label, holder: holderOf(user) });
      return sendPage(reply, await renderCurator(app, request, reply, user, { preview }));
    } catch (error) {
      if (!isCatError(error)) throw error;
      return sendPage(reply, await renderCurator(app, request, reply, user, { errors: { file: (error as Error).message } }), 400);
    }
  });

  app.post<{ Body: { preview?: string } }>('/console/ontologies/activate', {
    schema: { hide: true, body: { type: 'object', properties: { preview: { type: 'string', maxLength: 64 }, _csrf: { type: 'string' } } } },
    preHandler: app.csrfProtection,
  }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'curator');
    const upload = takeHeldUpload(request.body.preview ?? '', holderOf(user));
    if (upload === undefined) return sendPage(reply, await renderCurator(app, request, reply, user, { errors: { file: S.console.previewGone } }), 409);
    const url = `/api/ontologies${upload.label ? `?${new URLSearchParams({ label: upload.label }).toString()}` : ''}`;
    const loaded = await callApi<Activation>(app, user, { method: 'POST', url, text: { body: upload.text, type: upload.type } });
    if (!loaded.ok) return sendPage(reply, await renderCurator(app, request, reply, user, { errors: { file: problemText(loaded) } }), loaded.status === 413 ? 413 : 400);
    return sendPage(reply, await renderCurator(app, request, reply, user, { activation: loaded.body }));
  });

  app.post<{ Body: { name?: string; role?: string } }>('/console/tokens', {
    schema: { hide: true, body: { type: 'object', properties: { name: { type: 'string', maxLength: 200 }, role: { type: 'string', maxLength: 20 }, _csrf: { type: 'string' } } } },
    preHandler: app.csrfProtection,
  }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'admin');
    const made = await callApi<{ token: string; info: TokenRow }>(app, user, { method: 'POST', url: '/api/tokens', json: { name: (request.body.name ?? '').trim(), role: request.body.role } });
    if (!made.ok) return sendPage(reply, await renderCurator(app, request, reply, user, { errors: { name: problemText(made) } }), 400);
    // The secret is on this answer only (no redirect, no store): reloading or going back does not show it again.
    return sendPage(reply, await renderCurator(app, request, reply, user, { secret: { name: made.body.info.name, token: made.body.token } }));
  });

  app.post<{ Params: { id: string } }>('/console/tokens/:id/revoke', { schema: { hide: true, params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'admin');
    const done = await callApi(app, user, { method: 'DELETE', url: `/api/tokens/${request.params.id}` });
    request.session.set('flash', done.ok ? `${S.console.revoke}: ${S.console.revoked}` : problemText(done));
    return reply.redirect('/console/curator', 303);
  });
};
