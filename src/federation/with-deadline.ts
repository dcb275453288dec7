// **withDeadline** runs one source's question under its own deadline and says how it went: ok, timeout or error.

export type Outcome<T> =
  | { readonly outcome: 'ok'; readonly value: T; readonly ms: number }
  | { readonly outcome: 'timeout'; readonly ms: number; readonly message: string }
  | { readonly outcome: 'error'; readonly ms: number; readonly message: string };

/**
 * On timeout the signal aborts the source's requests and we answer at once, without waiting for the
 * abort to land; a failure after that has nobody waiting for it and is swallowed. Never throws.
 */
export async function withDeadline<T>(timeoutMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<Outcome<T>> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const timedOut = () => ({ outcome: 'timeout', ms: ms(), message: `no answer within ${timeoutMs} ms` }) as const;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof controller>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(controller);
    }, timeoutMs);
  });
  try {
    const work = run(controller.signal);
    work.catch(() => undefined);
    const value = await Promise.race([work, deadline]);
    if (value === controller) return timedOut();
    return { outcome: 'ok', value: value as T, ms: ms() };
  } catch (error) {
    if (controller.signal.aborted) return timedOut();
    return { outcome: 'error', ms: ms(), message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
