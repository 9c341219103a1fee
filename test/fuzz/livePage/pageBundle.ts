/**
 * Bundles the live fuzz page (./entryPage.tsx) with Vite, as the app's renderer is built
 * (React plugin, production React), into one script a blank page can run.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build, type Rolldown } from 'vite';

const PAGE_DIR = import.meta.dirname;

/** The page's script, and the HTML that runs it. */
export async function bundleLivePage(): Promise<string> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  let output: Awaited<ReturnType<typeof build>>;
  try {
    output = await build({
      configFile: false,
      root: PAGE_DIR,
      // Production JSX whatever NODE_ENV the caller runs under (vitest sets 'test').
      mode: 'production',
      logLevel: 'warn',
      plugins: [react()],
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        write: false,
        minify: false,
        emptyOutDir: false,
        lib: {
          entry: resolve(PAGE_DIR, 'entryPage.tsx'),
          formats: ['iife'],
          name: 'HearthLivePage',
        },
      },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((out) => out.output).find((file) => file.type === 'chunk');
  if (chunk === undefined) throw new Error('bundling the live fuzz page gave no script');
  return chunk.code;
}
