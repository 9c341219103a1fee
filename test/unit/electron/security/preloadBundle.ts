/**
 * Runs a built preload bundle (out/preload/index.cjs) in a Node VM context whose only
 * module is a fake `electron`, and returns what it exposed to the page, so a test can
 * check the artifact members run rather than its source.
 */
import { createContext, runInContext } from 'node:vm';

/** Every `contextBridge.exposeInMainWorld(key, value)` the bundle made, by key. */
export function evaluatePreloadBundle(code: string): Map<string, unknown> {
  const exposed = new Map<string, unknown>();
  const ipcRenderer = {
    invoke: () => Promise.resolve(undefined),
    on: () => ipcRenderer,
    removeListener: () => ipcRenderer,
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => {
        if (value === ipcRenderer) throw new Error('the preload exposed ipcRenderer itself');
        exposed.set(key, value);
      },
    },
    ipcRenderer,
  };
  const require = (name: string): unknown => {
    if (name !== 'electron') throw new Error(`the preload required ${name}`);
    return electron;
  };
  const module = { exports: {} };
  const context = createContext({ require, module, exports: module.exports, console });
  runInContext(code, context, { filename: 'preload/index.cjs' });
  return exposed;
}
