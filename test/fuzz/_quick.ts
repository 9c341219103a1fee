import { runTarget } from './fuzzTarget';
import { signallingFramesTarget } from './signallingFrames';
const r = await runTarget(signallingFramesTarget, { cases: Number(process.argv[2] ?? 2000), seed: 1 });
console.log(r);
