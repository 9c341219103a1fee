/**
 * The meeting's plan, drawn from the seed before anything runs: who sits at which
 * laptop, whose clock is skewed and by how much, which laptops lose their link and for
 * how long, whose host is killed and when, who joins late and who leaves. The same seed
 * gives the same plan (the network's own timing still varies), so a failure can be
 * replayed with `--seed`.
 */
import type { SeededRandom } from '../helpers/seededRandom';

const FIRST_NAMES = ['Ana', 'Ben', 'Cat', 'Dev', 'Eli', 'Fay', 'Gus', 'Hal'] as const;
// Full names: long enough that finding one in the capture could not be chance.
const FAMILY_NAMES = ['Lindqvist', 'Okafor', 'Marchetti', 'Nakamura', 'Oyelaran', 'Brannigan'];
const CIRCLE_WORDS = ['Riverside', 'Lantern', 'Harbour', 'Orchard', 'Thursday', 'Hearthstone'];

/** The seeded plan of one meeting. */
export interface MeetingPlan {
  seed: number;
  laptops: number;
  /** Member names, laptop 1 first. */
  names: string[];
  circleName: string;
  meetingTitle: string;
  /** The laptop that joins late, by an invite with no address (mDNS only). */
  lateLaptop: number;
  /** A laptop whose page clock runs off by `skewMs`. */
  skewedLaptop: number;
  skewMs: number;
  /** A link unplugged (carrier lost) for a few seconds. */
  shortCut: { laptop: number; ms: number };
  /** A link gone silent (frames dropped, interface up) for longer than 15 s. */
  longCut: { laptop: number; ms: number };
  /** A host killed with SIGKILL `afterMs` into a phrase its member is typing. */
  kill: { laptop: number; afterMs: number };
  /** The laptop that leaves for good near the end. */
  leaver: number;
  /** Whose entry each member reacts to, and with which reaction (by index). */
  reactions: { laptop: number; toLaptop: number; kind: number }[];
  /** Per round turn: pass (true) or speak by writing (false). */
  roundPasses: boolean[];
}

/** Laptops the script needs: a founder, at least one early joiner, and a late one. */
export const MIN_LAPTOPS = 3;

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Draws the plan for `laptops` laptops from `random`. */
export function planMeeting(random: SeededRandom, laptops: number): MeetingPlan {
  if (laptops < MIN_LAPTOPS) throw new Error(`the meeting needs at least ${MIN_LAPTOPS} laptops`);
  const names = range(1, laptops).map((index) => {
    const first = FIRST_NAMES[(index - 1) % FIRST_NAMES.length]!;
    const round = Math.floor((index - 1) / FIRST_NAMES.length);
    return `${first} ${random.pick(FAMILY_NAMES)}${round > 0 ? ` ${round + 1}` : ''}`;
  });
  const all = range(1, laptops);
  const notFounder = range(2, laptops);
  const minutes = random.int(3, 15) * (random.chance(0.5) ? 1 : -1);
  return {
    seed: random.seed,
    laptops,
    names,
    circleName: `${random.pick(CIRCLE_WORDS)} circle ${random.int(100, 999)}`,
    meetingTitle: `Gathering ${random.int(100, 999)}`,
    lateLaptop: laptops,
    skewedLaptop: random.pick(notFounder),
    skewMs: minutes * 60_000 + random.int(0, 59) * 1000,
    shortCut: { laptop: random.pick(notFounder), ms: random.int(4000, 8000) },
    longCut: { laptop: random.pick(all), ms: random.int(20_000, 30_000) },
    kill: { laptop: random.pick(all), afterMs: random.int(600, 2500) },
    leaver: random.pick(all),
    reactions: all.map((laptop) => ({
      laptop,
      toLaptop: random.pick(all.filter((other) => other !== laptop)),
      kind: random.int(0, 2),
    })),
    roundPasses: all.map(() => random.chance(0.3)),
  };
}
