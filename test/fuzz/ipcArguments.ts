/**
 * Fuzz target: the arguments of every IPC request, as a compromised page could send them,
 * through `checkInvokeArguments` (what main's `handle()` and the browser-mode host run
 * before any handler). Each case takes a channel and either a valid argument list with
 * one part replaced, removed or added (./hostileValues.ts) or a random value.
 *
 * Invariants: the check never throws; a refusal is a reason of at most
 * {@link MAX_REASON_CHARS} characters that starts with the channel's name and never
 * contains what the caller wrote (every generated string carries a marker); an accepted
 * value passes the check again; each channel's untouched valid list is accepted.
 */
import { checkInvokeArguments, INVOKE_CHANNELS } from '../../shared/ipc/arguments';
import { Tally, type FuzzTarget, type PreparedTarget } from './fuzzTarget';
import { hostileValue, MARKER, mutateArguments, VALID_ARGUMENTS } from './hostileValues';

/** The longest refusal reason that is still "clear": it goes to main's log and the page. */
export const MAX_REASON_CHARS = 300;

/** IPC arguments of every request channel. */
export const ipcArgumentsTarget: FuzzTarget = {
  name: 'IPC arguments',
  defaultCases: 100_000,
  smokeCases: 5_000,
  prepare(): Promise<PreparedTarget> {
    const outcomes = new Tally();
    const unknownChannels = INVOKE_CHANNELS.filter(
      (channel) => VALID_ARGUMENTS[channel] === undefined,
    );
    return Promise.resolve({
      runCase(random, index) {
        const channel = random.pick(INVOKE_CHANNELS);
        const valid = VALID_ARGUMENTS[channel];
        const roll = random.next();
        const untouched = valid !== undefined && roll < 0.05;
        const args: unknown =
          valid === undefined || roll > 0.75
            ? random.chance(0.8)
              ? Array.from({ length: random.int(0, 4) }, () => hostileValue(random))
              : hostileValue(random)
            : untouched
              ? valid
              : mutateArguments(random, valid);
        const t0 = performance.now();
        const checked = checkInvokeArguments(channel, args);
        const measuredMs = performance.now() - t0;
        const violations: string[] = [];
        const where = `case ${index} (${channel})`;
        if (checked.ok) {
          outcomes.add('accepted');
          if (!checkInvokeArguments(channel, checked.value).ok) {
            violations.push(`${where}: an accepted value fails the check again`);
          }
        } else {
          outcomes.add('refused');
          const { reason } = checked;
          if (untouched) violations.push(`${where}: the valid arguments were refused: ${reason}`);
          if (typeof reason !== 'string' || reason.length === 0)
            violations.push(`${where}: refused without a reason`);
          else if (reason.length > MAX_REASON_CHARS)
            violations.push(`${where}: a reason of ${reason.length} characters`);
          if (!reason.startsWith(channel))
            violations.push(
              `${where}: the reason does not name the channel: ${reason.slice(0, 80)}`,
            );
          if (reason.includes(MARKER))
            violations.push(
              `${where}: the reason echoes the caller's words: ${reason.slice(0, 120)}`,
            );
        }
        return { violations, measuredMs };
      },
      summary() {
        const missing =
          unknownChannels.length === 0
            ? 'every channel has a valid sample'
            : `no valid sample for ${unknownChannels.join(', ')} (random lists only)`;
        return `${INVOKE_CHANNELS.length} channels; ${outcomes.toString()}; ${missing}`;
      },
      dispose: () => Promise.resolve(),
    });
  },
};
