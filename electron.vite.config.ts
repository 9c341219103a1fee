/**
 * Builds the three bundles from this project's own folders (electron-vite's defaults
 * only look under src/): main (ESM) from electron/main, the preload from
 * electron/preload (CommonJS, because a sandboxed preload cannot be an ES module),
 * and the renderer from renderer/.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './electron/main/contentSecurityPolicy';

const root = import.meta.dirname;

// The dev server injects inline scripts for fast refresh, so the policy is written
// into the page only for built bundles, which are what members run.
function contentSecurityPolicy(): Plugin {
  return {
    name: 'hearth:content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}" />`,
      ),
  };
}

// Lexical picks its development or production build from NODE_ENV when loaded; bundled
// into main it is resolved at build time to the production build (headless reading and
// exports run about twice as fast as with the development build).
const LEXICAL_PACKAGES = [
  'lexical',
  '@lexical/headless',
  '@lexical/html',
  '@lexical/link',
  '@lexical/list',
  '@lexical/markdown',
  '@lexical/rich-text',
  '@lexical/selection',
  '@lexical/utils',
  '@lexical/yjs',
];

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: LEXICAL_PACKAGES },
      outDir: 'out/main',
      rolldownOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    publicDir: false,
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // electron-vite leaves the renderer unminified; minified, the page has a third of
      // the code to read at every opening. HEARTH_UNMINIFIED=1 keeps the names, for a
      // profile that reads like the source.
      minify: process.env.HEARTH_UNMINIFIED !== '1',
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
        output: {
          // The dialogs off the first screen are dynamic imports (renderer/src/app/
          // lazyDialog.tsx). Left to itself, the bundler would cut every module they
          // share with the first screen into a chunk of its own, twenty-odd requests
          // before the first paint; everything the first screen imports stays one chunk.
          codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
        },
      },
    },
  },
});
