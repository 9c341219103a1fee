/**
 * The renderer's API over the in-memory services (./memoryServices.ts), as a page sees it:
 * every request and its answer cross as structured clones (as IPC and the browser bridge
 * copy them), events reach every subscriber, and each call is counted by channel, so a
 * test can tell what the renderer asked the store.
 */
import {
  buildHearthApi,
  type EventChannel,
  type EventMap,
  type HearthApi,
  type InvokeChannel,
  type InvokeResult,
} from '../../shared/ipc/contract';
import type { CircleId } from '../../shared/notebook/ids';
import { createMemoryServices, type MemoryServices } from './memoryServices';

/** A page's API and the backend behind it. */
export interface MemoryApi {
  api: HearthApi;
  backend: MemoryServices;
  /** How many times each channel was called. */
  calls: Map<InvokeChannel, number>;
}

/** Makes an empty in-memory services and the API a page would have on it. */
export function memoryApi(): MemoryApi {
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  const backend = createMemoryServices((channel, payload) => {
    for (const listener of listeners.get(channel) ?? []) {
      (listener as (payload: EventMap[typeof channel]) => void)(structuredClone(payload));
    }
  });
  const calls = new Map<InvokeChannel, number>();
  const api = buildHearthApi(
    async (channel, ...args) => {
      calls.set(channel, (calls.get(channel) ?? 0) + 1);
      const handler = backend.handlers[channel] as (...given: typeof args) => Promise<unknown>;
      const answer = await handler(...structuredClone(args));
      // The handler's answer has the channel's result type; the clone keeps it.
      return structuredClone(answer) as InvokeResult<typeof channel>;
    },
    (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  );
  return { api, backend, calls };
}

/** Makes a circle as its founder's laptop does, and returns its id. */
export async function newCircle(memory: MemoryApi): Promise<CircleId> {
  const summary = await memory.api.circles.create({
    name: 'Tuesday circle',
    memberName: 'Ana',
    colour: 'sage',
  });
  return summary.id;
}
