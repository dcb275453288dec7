// WorkerChannel: numbered requests to a real worker thread, deadlines and runaways, crashes and termination.
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerChannel, type WorkerChannelOptions } from '../../src/core/worker-channel.js';

interface Req { readonly id: number; readonly op: string; readonly text?: string; readonly ms?: number }
interface Rep { readonly id: number; readonly ok: boolean; readonly value?: unknown; readonly error?: string }

const ENTRY = new URL('../fixtures/workers/echo-worker.mjs', import.meta.url);
const open: WorkerChannel<Req, Rep>[] = [];

async function channel(overrides: Partial<WorkerChannelOptions<Req, Rep>> = {}) {
  const failures: string[] = [];
  const c = await WorkerChannel.start<Req, Rep>({
    entry: ENTRY,
    label: 'test worker',
    answer: (reply, request) => (reply.ok ? { ok: true, value: reply.value } : { ok: false, error: new Error(`${request.op}: ${reply.error}`) }),
    crashError: (reason) => Object.assign(new Error(reason), { code: 'GONE' }),
    onFailure: (reason) => failures.push(reason),
    ...overrides,
  });
  open.push(c);
  return { c, failures };
}

const timeout = () => Object.assign(new Error('too slow'), { code: 'TIMEOUT' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  for (const c of open.splice(0)) {
    c.terminate();
    await c.stopped();
  }
});

describe('WorkerChannel', () => {
  it('numbers requests and answers each caller with its own reply, read by `answer`', async () => {
    const { c } = await channel();
    const ids: number[] = [];
    const make = (op: string, text: string) => (id: number) => (ids.push(id), { id, op, text });
    const answers = await Promise.allSettled([c.request(make('echo', 'a')), c.request(make('fail', 'bad')), c.request(make('echo', 'b'))]);
    expect(new Set(ids).size).toBe(3);
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value : (a.reason as Error).message))).toEqual(['a', 'fail: bad', 'b']);
    expect(c.busy).toBe(0);
  });

  it('delivers posted messages before later requests', async () => {
    const { c } = await channel();
    c.post({ op: 'note', text: 'n:' });
    expect(await c.request((id) => ({ id, op: 'echo', text: 'x' }))).toBe('n:x');
  });

  it('rejects at the deadline, drops the late reply, and tells onSettled when the thread is done', async () => {
    const { c, failures } = await channel();
    let settled = 0;
    const late = c.request((id) => ({ id, op: 'slow', ms: 300 }), { deadline: { ms: 50, error: timeout, graceMs: 5_000 }, onSettled: () => settled++ });
    await expect(late).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(settled).toBe(0);
    expect(c.busy).toBe(1);
    await sleep(600);
    expect(settled).toBe(1);
    expect(c.busy).toBe(0);
    expect(failures).toEqual([]);
    expect(await c.request((id) => ({ id, op: 'echo', text: 'still here' }))).toBe('still here');
  });

  it('declares a runaway when a request still runs its grace past the deadline', async () => {
    const { c, failures } = await channel();
    await expect(c.request((id) => ({ id, op: 'hang' }), { deadline: { ms: 50, error: timeout, graceMs: 100 } })).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(failures).toEqual([]);
    await sleep(400);
    expect(failures).toEqual(['a request ran 150 ms']);
  });

  it('fails the thread at once when a request with no grace passes its deadline', async () => {
    const { c, failures } = await channel();
    await expect(c.request((id) => ({ id, op: 'hang' }), { deadline: { ms: 50, error: timeout, graceMs: 0 } })).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(failures).toEqual(['a request passed its 50 ms deadline and must not complete later']);
  });

  it.each([
    ['throws', 'crash', /test worker crashed: worker blew up/],
    ['exits', 'exit', /test worker exited with code 3/],
  ])('rejects everything owed when the thread %s, and reports the failure once', async (_how, op, reason) => {
    const { c, failures } = await channel();
    let settled = 0;
    const waiting = c.request((id) => ({ id, op: 'slow', ms: 5_000 }), { onSettled: () => settled++ });
    const dying = c.request((id) => ({ id, op }));
    await expect(waiting).rejects.toMatchObject({ code: 'GONE', message: expect.stringMatching(reason) });
    await expect(dying).rejects.toMatchObject({ code: 'GONE' });
    await sleep(50);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(reason);
    expect(settled).toBe(1);
    expect(c.busy).toBe(0);
  });

  it('on terminate hands back what it still owed (not what timed out) and refuses new requests', async () => {
    const { c, failures } = await channel({ goneReason: 'restarting' });
    const owed = c.request((id) => ({ id, op: 'hang' }));
    const timedOut = c.request((id) => ({ id, op: 'echo', text: 'queued behind the hang' }), { deadline: { ms: 30, error: timeout, graceMs: 60_000 } });
    await expect(timedOut).rejects.toMatchObject({ code: 'TIMEOUT' });
    const back = c.terminate();
    expect(back.map((o) => o.request.op)).toEqual(['hang']);
    back[0]!.resolve('settled by the owner');
    expect(await owed).toBe('settled by the owner');
    await expect(c.request((id) => ({ id, op: 'echo', text: 'x' }))).rejects.toThrow('restarting');
    await c.stopped();
    expect(failures).toEqual([]);
  });
});
