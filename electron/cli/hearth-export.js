#!/usr/bin/env node
// The `hearth-export` command (package.json `bin`): runs ./export.ts through tsx, the
// same code as `npm run export`. Exit codes and options: see export.ts.
import { register } from 'tsx/esm/api';

register();
await import('./export.ts');
