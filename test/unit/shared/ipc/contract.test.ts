/**
 * The contract's tables: every method reaches its channel at run time, and the check the
 * preload makes (`satisfies HearthApi` on an API built from tables) fails to compile for
 * tables that describe another API. `tsc -b` runs the @ts-expect-error lines below.
 */
import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../../shared/ipc/arguments';
import {
  HEARTH_API_EVENTS as EVENTS,
  HEARTH_API_REQUESTS as REQUESTS,
  apiFromTables,
  buildHearthApi,
  type HearthApi,
  type Invoke,
  type Subscribe,
} from '../../../../shared/ipc/contract';

function recorder() {
  const calls: unknown[][] = [];
  const invoke: Invoke = (channel, ...args) => {
    calls.push([channel, ...args]);
    return Promise.resolve(undefined as never);
  };
  const subscribe: Subscribe = (channel) => {
    calls.push([channel]);
    return () => undefined;
  };
  return { calls, invoke, subscribe };
}

describe('the IPC contract', () => {
  it('calls each method’s own channel with the arguments it was given', async () => {
    const { calls, invoke, subscribe } = recorder();
    const api = buildHearthApi(invoke, subscribe) as unknown as Record<
      string,
      Record<string, (...args: unknown[]) => unknown>
    >;
    for (const [domain, methods] of Object.entries(REQUESTS)) {
      for (const [name, channel] of Object.entries(methods)) {
        calls.length = 0;
        await api[domain]![name]!('a', 2);
        expect(calls, `${domain}.${name}`).toEqual([[channel, 'a', 2]]);
      }
    }
    for (const [name, channel] of Object.entries(EVENTS)) {
      calls.length = 0;
      api.events![name]!(() => undefined);
      expect(calls, `events.${name}`).toEqual([[channel]]);
    }
  });

  it('reaches every request channel and every event channel once', () => {
    const reached = Object.values(REQUESTS).flatMap((methods) => Object.values(methods));
    expect(reached.toSorted()).toEqual([...INVOKE_CHANNELS].sort());
    expect(new Set(EVENT_CHANNELS).size).toBe(EVENT_CHANNELS.length);
  });

  it('fails the preload’s check for tables that lack a method', () => {
    const { flush: _flush, ...docs } = REQUESTS.docs;
    const { invoke, subscribe } = recorder();
    const lacking = { ...REQUESTS, docs };
    // @ts-expect-error docs.flush is missing, so this is not the API the renderer reads
    const api = apiFromTables(lacking, EVENTS, invoke, subscribe) satisfies HearthApi;
    expect(api.docs).not.toHaveProperty('flush');
  });

  it('fails the preload’s check for a method on a channel of another shape', () => {
    const wrong = { ...REQUESTS, docs: { ...REQUESTS.docs, flush: 'hearth:docs:remove' } } as const;
    const { invoke, subscribe } = recorder();
    // @ts-expect-error docs.flush would take a circle and a document
    const api = apiFromTables(wrong, EVENTS, invoke, subscribe) satisfies HearthApi;
    expect(typeof api.docs.flush).toBe('function');
  });

  it('fails the preload’s check for tables that lack a subscription', () => {
    const { onKnock: _onKnock, ...events } = EVENTS;
    const { invoke, subscribe } = recorder();
    // @ts-expect-error events.onKnock is missing
    const api = apiFromTables(REQUESTS, events, invoke, subscribe) satisfies HearthApi;
    expect(api.events).not.toHaveProperty('onKnock');
  });
});
