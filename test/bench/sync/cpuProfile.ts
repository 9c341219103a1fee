/**
 * CPU time a page spends inside given functions, measured from outside the page with
 * Chromium's sampling profiler (DevTools protocol), so production code needs no hook:
 * a sample counts for a function when the function is anywhere on the sampled stack
 * (inclusive time: what it calls, and the observers its Yjs transactions run, count too).
 * Both bundles (Hearth's renderer and the floor page) are unminified, so the names are
 * the source's.
 */
import { writeFile } from 'node:fs/promises';
import type { CDPSession, Page } from 'playwright-core';

/** Microseconds between samples by default: fine enough for work of a few milliseconds. */
const SAMPLING_INTERVAL_US = 100;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** What a profile says, for groups of function names chosen by the caller. */
export interface ProfileTimes<G extends string> {
  /** Per group, milliseconds sampled inside any function of the group (inclusive). */
  inside: Record<G, number>;
  /** Milliseconds the page's main thread was not idle (scripts, style, layout, paint, GC). */
  busy: number;
  /** Of `busy`, milliseconds outside JavaScript ("(program)": style, layout, paint, …). */
  native: number;
  /** The JavaScript functions with the most self time, most first, in ms. */
  hottest: [name: string, ms: number][];
}

const HOTTEST_COUNT = 5;

/** A running profile of one page. */
export interface PageProfiler {
  /** Stops profiling and sums, per group, the time inside functions of that group. */
  stop<G extends string>(
    groups: Record<G, readonly string[]>,
    /** Where to keep the raw profile (a .cpuprofile DevTools opens), if anywhere. */
    savedAs?: string,
  ): Promise<ProfileTimes<G>>;
}

/** Starts the sampling profiler on `page`, sampling every `intervalUs` microseconds. */
export async function startProfiler(
  page: Page,
  intervalUs = SAMPLING_INTERVAL_US,
): Promise<PageProfiler> {
  const session: CDPSession = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.send('Profiler.start');
  return {
    stop: async <G extends string>(groups: Record<G, readonly string[]>, savedAs?: string) => {
      const { profile } = (await session.send('Profiler.stop')) as { profile: Profile };
      await session.detach();
      if (savedAs !== undefined) await writeFile(savedAs, JSON.stringify(profile));
      const inside = {} as Record<G, number>;
      for (const group of Object.keys(groups) as G[]) {
        inside[group] = timesIn(profile, new Set(groups[group])).inside;
      }
      const { busy, native, self } = timesIn(profile, new Set());
      const hottest = [...self]
        .filter(([name]) => !name.startsWith('('))
        .sort((a, b) => b[1] - a[1])
        .slice(0, HOTTEST_COUNT);
      return { inside, busy, native, hottest };
    },
  };
}

function timesIn(
  profile: Profile,
  names: ReadonlySet<string>,
): { inside: number; busy: number; native: number; self: Map<string, number> } {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  // Whether a node has a named function on its stack, worked out once per node.
  const memo = new Map<number, boolean>();
  const inNamed = (id: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const result =
      node !== undefined &&
      (names.has(node.callFrame.functionName) || (up !== undefined && inNamed(up)));
    memo.set(id, result);
    return result;
  };
  let inside = 0;
  let busy = 0;
  let native = 0;
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample's time is the gap to the next sample.
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i]!;
    const micros = deltas[i + 1] ?? 0;
    const name = byId.get(id)?.callFrame.functionName ?? '';
    if (name !== '(idle)') busy += micros;
    if (name === '(program)') native += micros;
    self.set(name || '(anonymous)', (self.get(name || '(anonymous)') ?? 0) + micros / 1000);
    if (inNamed(id)) inside += micros;
  }
  return { inside: inside / 1000, busy: busy / 1000, native: native / 1000, self };
}
