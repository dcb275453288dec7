// **validatePage** is `/console/validate`: a publisher checks a record by upload or paste and gets the verdict a harvest would give.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { callApi, problemText } from './console-api.js';
import { layoutUser, sendPage } from './console-home.js';
import { Layout } from './layout.js';
import { compactIri } from './links.js';
import { mediaTypeOf, uploadText } from './rdf-upload.js';
import { S } from './strings.js';
import type { WebUser } from './web-session.js';

/** The API's own limit for posted documents is the server's body limit; a pasted record is far smaller. */
const UPLOAD_LIMIT = 10 * 1024 * 1024;

interface Verdict {
  readonly profile: string; readonly status: string;
  readonly counts: { readonly violations: number; readonly warnings: number; readonly infos: number };
  readonly results: ReadonlyArray<{ severity: string; focusNode: string; path?: string; value?: string; message: string }>;
}

function renderValidate(opts: { user: WebUser; reply: FastifyReply; profiles: readonly string[]; profile: string; text: string; error?: string; verdict?: Verdict }): string {
  const { verdict } = opts;
  const lu = layoutUser(opts.user, opts.reply);
  return (
    <Layout title={S.validate.title} current="console" user={lu}>
      <nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/console">{S.console.title}</a></li><li>{S.validate.title}</li></ol></nav>
      <h1>{S.validate.title}</h1>
      <p>{S.validate.intro}</p>
      {verdict ? (
        <section id="verdict" aria-labelledby="verdict-heading">
          <h2 id="verdict-heading">{S.validate.verdict}: <span class={`status ${verdict.status}`} safe>{verdict.status}</span></h2>
          <p safe>{S.dataset.counts(verdict.counts.violations, verdict.counts.warnings, verdict.counts.infos)}</p>
          {verdict.results.length === 0 ? '' : (
            <div class="table-wrap"><table id="verdict-results">
              <thead><tr><th scope="col">{S.console.severity}</th><th scope="col">{S.console.path}</th><th scope="col">{S.console.value}</th><th scope="col">{S.console.message}</th><th scope="col">{S.validate.focus}</th></tr></thead>
              <tbody>{verdict.results.map((r) => (
                <tr class={`severity-${r.severity.toLowerCase()}`}>
                  <td safe>{r.severity}</td><td>{r.path ? <code title={r.path} safe>{compactIri(r.path)}</code> : '—'}</td>
                  <td>{r.value !== undefined ? <code safe>{r.value}</code> : '—'}</td><td safe>{r.message}</td><td><code safe>{r.focusNode}</code></td>
                </tr>
              ))}</tbody>
            </table></div>
          )}
        </section>
      ) : ''}
      <form method="post" action="/console/validate" enctype="multipart/form-data" class="stacked" id="validate">
        <input type="hidden" name="_csrf" value={lu.csrf} />
        <label for="record">{S.validate.paste}</label>
        <textarea id="record" name="record" rows="14" cols="80" spellcheck="false" aria-describedby={opts.error ? 'record-hint record-error' : 'record-hint'}
          aria-invalid={opts.error ? 'true' : undefined} safe>{opts.text}</textarea>
        <span id="record-hint" class="hint">{S.validate.hint}</span>
        {opts.error ? <span id="record-error" class="field-error" safe>{opts.error}</span> : ''}
        <label for="record-file">{S.validate.file}</label>
        <input id="record-file" name="file" type="file" accept=".ttl,.rdf,.xml,.nt,.jsonld,.json" />
        <label for="validate-profile">{S.console.profile}</label>
        <select id="validate-profile" name="profile">
          {opts.profiles.map((p) => <option value={p} selected={p === opts.profile} safe>{p}</option>)}
        </select>
        <p><button type="submit">{S.validate.submit}</button></p>
      </form>
    </Layout>
  ) as string;
}

export const validatePage: FastifyPluginAsync = async (app) => {
  await app.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 5 } });
  const { profiles } = app.pipeline;

  app.get('/console/validate', { schema: { hide: true } }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'publisher');
    return sendPage(reply, renderValidate({ user, reply, profiles: profiles.names, profile: profiles.default, text: '' }));
  });

  app.post<{ Body: { record?: string; file?: Buffer | string; profile?: string } }>('/console/validate', {
    schema: { hide: true }, preHandler: app.csrfProtection,
  }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'publisher');
    const pasted = uploadText(request.body.record);
    const text = uploadText(request.body.file).trim() !== '' ? uploadText(request.body.file) : pasted;
    const profile = typeof request.body.profile === 'string' && profiles.names.includes(request.body.profile) ? request.body.profile : profiles.default;
    const page = (extra: { error?: string; verdict?: Verdict }, status = 200) =>
      sendPage(reply, renderValidate({ user, reply, profiles: profiles.names, profile, text: text.length <= 200_000 ? text : pasted, ...extra }), status);
    if (text.trim() === '') return page({ error: S.validate.empty }, 400);
    // The API's dry run: parsed, normalised and validated as a harvest would, against the ontology versions in force.
    const answer = await callApi<Verdict>(app, user, {
      method: 'POST', url: `/api/validate?${new URLSearchParams({ profile }).toString()}`, text: { body: text, type: mediaTypeOf(text) },
    });
    if (!answer.ok) return page({ error: problemText(answer) }, 400);
    return page({ verdict: answer.body });
  });
};
