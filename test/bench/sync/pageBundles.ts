/**
 * The benchmark's browser code, bundled at bench time with Vite (a devDependency): the
 * in-page probe (./page/syncProbe.ts) as a script injected before a page's own, and the
 * stock y-webrtc floor page (./page/floorPage.ts). Unminified, so a CPU profile names
 * Yjs's and y-protocols' functions as Hearth's own (unminified) bundle does.
 */
import { resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import type { WireProtocol } from './page/probeApi';

const PAGE_DIR = resolve(import.meta.dirname, 'page');
const PROBE_GLOBAL = 'HearthSyncProbe';

/** `entry` in `root`, bundled as one script that sets `globalName` (an IIFE). */
export async function bundleScript(
  root: string,
  entry: string,
  globalName = PROBE_GLOBAL,
): Promise<string> {
  const output = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      emptyOutDir: false,
      lib: { entry: resolve(root, entry), formats: ['iife'], name: globalName },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((out) => out.output).find((file) => file.type === 'chunk');
  if (chunk === undefined) throw new Error(`bundling ${entry} gave no script`);
  return chunk.code;
}

/** The scripts the bench puts in pages. */
export interface PageBundles {
  /** The probe, installed for pages speaking `protocol` (an init script). */
  probe(protocol: WireProtocol): string;
  /** The floor page's script. */
  floorPage: string;
}

/** Bundles the probe and the floor page. */
export async function bundlePages(): Promise<PageBundles> {
  const [probeCode, floorPage] = await Promise.all([
    bundleScript(PAGE_DIR, 'syncProbe.ts'),
    bundleScript(PAGE_DIR, 'floorPage.ts'),
  ]);
  return {
    probe: (protocol) => `${probeCode}\n${PROBE_GLOBAL}.install(${JSON.stringify(protocol)});\n`,
    floorPage,
  };
}
