/**
 * The hostile flood peer (./floodPeer.ts) in a process of its own: Node's WebRTC module
 * can crash its process when a laptop drops a link mid-flood, and the benchmark must
 * outlive that. Prints its tally as one JSON line every 250 ms; stops on SIGTERM.
 *
 *   node --import tsx test/bench/floodPeerProcess.ts <invite> <burst> <everyMs>
 */
import { startFlood } from './floodPeer';

const [invite, burst, everyMs] = process.argv.slice(2);
const flood = await startFlood(invite!, { burst: Number(burst), everyMs: Number(everyMs) });
const report = (): void => console.log(JSON.stringify(flood.tally));
const timer = setInterval(report, 250);
process.on('SIGTERM', () => {
  clearInterval(timer);
  report();
  void flood.stop().finally(() => process.exit(0));
});
