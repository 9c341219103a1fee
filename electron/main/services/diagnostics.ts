/**
 * "Copy diagnostics" (Help menu; Settings in browser mode): what a facilitator can send
 * to whoever helps them when something goes wrong. Versions, the operating system, the
 * settings that change behaviour, how keys are kept, and the last lines of the log, which
 * hold events and errors only (./log/logRedaction.ts). Never a circle's name, a member's
 * name, an entry, a key, or the addresses of STUN/TURN servers (their URLs can carry a
 * password): only how many there are.
 */
import type { AppInfo, Settings } from '../../../shared/ipc/contract';

/** How many log lines the diagnostics end with. */
export const DIAGNOSTICS_LOG_LINES = 60;

/** What the diagnostics are made from. */
export interface DiagnosticsInput {
  appInfo: Omit<AppInfo, 'contractVersion'>;
  /** Runtime versions and the system: `{ electron, chrome, node, os }` and the like. */
  runtime: Record<string, string>;
  settings: Settings;
  circleCount: number;
  logLines: string[];
  now: Date;
}

/** The diagnostics as plain text. */
export function diagnosticsText(input: DiagnosticsInput): string {
  const { appInfo, settings } = input;
  const lines = [
    `Hearth ${appInfo.version} (${appInfo.mode === 'desktop' ? 'desktop app' : 'browser mode'})`,
    `Made: ${input.now.toISOString()}`,
    ...Object.entries(input.runtime).map(([name, version]) => `${name}: ${version}`),
    `System languages: ${(appInfo.systemLanguages ?? []).join(', ') || 'not reported'}`,
    `Circle keys kept by: ${appInfo.keyProtection ?? 'unknown'}`,
    `Settings: theme ${settings.theme}, text size ${settings.textSize}, language ${settings.language}, ` +
      `region ${settings.region ?? 'from the system'}, STUN/TURN servers ${settings.iceServers.length}`,
    `Circles on this laptop: ${input.circleCount}`,
    '',
    `Last ${input.logLines.length} lines of the log:`,
    ...input.logLines,
  ];
  return `${lines.join('\n')}\n`;
}
