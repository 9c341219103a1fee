/**
 * The second process of the door load benchmark (./doorLoad.ts): finds the door called
 * `--nickname` over mDNS on loopback, then knocks on it `--rate` times a second for
 * `--seconds`, from `--addresses` loopback addresses in turn (127.0.0.2, 127.0.0.3, …),
 * each knock a whole exchange (KNOCK, DOOR_KEY, REVEAL) as a real knocker makes it, and
 * left after its words (or its refusal). Prints one line of JSON: what the door did.
 *
 *   tsx test/bench/door/knockFlood.ts --nickname "lark oak" --rate 200 --seconds 10
 */
import { parseArgs } from 'node:util';
import { NearbyDoors } from '../../../electron/main/services/door/doorMdns';
import { setLogSink } from '../../../shared/log';
import { recordKnock, type RecordedKnock } from '../../helpers/recordingKnocker';

const { values } = parseArgs({
  options: {
    nickname: { type: 'string' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    addresses: { type: 'string', default: '50' },
  },
});

async function main(): Promise<void> {
  setLogSink(() => undefined);
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const addresses = Number(values.addresses);
  const doors = new NearbyDoors({
    network: { hosts: () => [], mdns: () => ({ interfaces: ['127.0.0.1'], port: 5353 }) },
    onChange: () => undefined,
    ownDoor: () => null,
  });
  doors.watch();
  let url: string | undefined;
  for (let tries = 0; url === undefined && tries < 200; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const door = doors
      .list()
      .find((d) => values.nickname === undefined || d.label === values.nickname);
    url = door === undefined ? undefined : doors.urlsOf(door.doorId)?.[0];
  }
  await doors.close();
  if (url === undefined) throw new Error('no door found');

  const outcomes = new Map<string, number>();
  const count = (label: string): void => void outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
  const pending: Promise<void>[] = [];
  const started = performance.now();
  const total = rate * seconds;
  for (let n = 0; n < total; n++) {
    // Paced against the clock, so a slow moment is caught up rather than lost.
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const knock = recordKnock(url, `Knocker ${n}`, {
      localAddress: `127.0.0.${2 + (n % addresses)}`,
    });
    pending.push(
      outcomeOf(knock).then((label) => {
        count(label);
        knock.close();
      }),
    );
  }
  const sentIn = (performance.now() - started) / 1000;
  await Promise.all(pending);
  console.log(
    JSON.stringify({
      sent: total,
      sentPerSecond: total / sentIn,
      outcomes: Object.fromEntries(outcomes),
    }),
  );
}

// What became of one knock: its words, the door's END, a refused handshake, or nothing.
async function outcomeOf(knock: RecordedKnock): Promise<string> {
  const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('no answer'), 5000));
  const settled = (async (): Promise<string> => {
    const words = await knock.words;
    if (words !== null) return 'words';
    const done = await knock.done;
    if (knock.refusedWith !== null) return `refused ${knock.refusedWith}`;
    return done.kind === 'ended' ? `ended ${done.reason}` : done.kind;
  })();
  return Promise.race([settled, timeout]);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
