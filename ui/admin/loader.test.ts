import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api.js';
import { Loader } from './loader.js';

/** A host as Lit drives it: hostUpdate before each render, requestUpdate counted. */
function fakeHost() {
  const controllers: ReactiveController[] = [];
  const host = {
    updates: 0,
    addController: (c: ReactiveController) => void controllers.push(c),
    removeController: () => undefined,
    requestUpdate() {
      host.updates++;
    },
    updateComplete: Promise.resolve(true),
    update: () => controllers.forEach((c) => c.hostUpdate?.()),
  };
  return host as typeof host & ReactiveControllerHost;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('Loader', () => {
  it('loads when its arguments change, and drops the answer of an older request', async () => {
    const host = fakeHost();
    let id = 'col_a';
    const pending = new Map<string, ReturnType<typeof deferred<string>>>();
    const loader = new Loader(host, {
      args: () => [id] as const,
      task: ([collectiveId]) => {
        const d = deferred<string>();
        pending.set(collectiveId, d);
        return d.promise;
      },
    });
    host.update();
    expect(loader.state.status).toBe('pending');
    id = 'col_b';
    host.update();
    host.update(); // same arguments: no new request
    expect([...pending.keys()]).toEqual(['col_a', 'col_b']);
    pending.get('col_b')!.resolve('profile of B');
    await Promise.resolve();
    pending.get('col_a')!.resolve('profile of A'); // late: must not overwrite B
    await new Promise((r) => setTimeout(r, 0));
    expect(loader.state).toEqual({ status: 'complete', value: 'profile of B' });
  });

  it('waits while the first argument is empty, and keeps the value shown when a reload fails', async () => {
    const host = fakeHost();
    let id = '';
    let fail = false;
    const loader = new Loader(host, {
      args: () => [id] as const,
      task: async ([collectiveId]) => {
        if (fail) throw new ApiError('UNAVAILABLE', 'down', 503);
        return `data of ${collectiveId}`;
      },
    });
    host.update();
    expect(loader.state.status).toBe('initial');
    id = 'col_a';
    host.update();
    await new Promise((r) => setTimeout(r, 0));
    expect(loader.value).toBe('data of col_a');
    fail = true;
    await loader.reload();
    expect(loader.state).toMatchObject({ status: 'error', error: { code: 'UNAVAILABLE' }, value: 'data of col_a' });
  });
});
