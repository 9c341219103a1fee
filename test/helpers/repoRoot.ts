/** Where tests find the repository: hosts, builds and scripts run from here. */
import { resolve } from 'node:path';

/** The repository root. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
