import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLogFile } from '../../../../../../electron/main/services/log/logFile';
import { logLine, safeDetail } from '../../../../../../electron/main/services/log/logRedaction';

let logDir = '';
beforeEach(async () => {
  logDir = await mkdtemp(join(tmpdir(), 'hearth-log-'));
});
afterEach(async () => {
  await rm(logDir, { recursive: true, force: true });
});

describe('what a log line may hold', () => {
  it('withholds values under keys that name content', () => {
    expect(
      safeDetail(
        {
          circleName: 'Quiet Lake',
          memberName: 'Marisol',
          title: 'Arriving',
          text: 'what I wrote',
          circleKey: 'k',
          passphrase: 'p',
          count: 3,
          ok: true,
        },
        '/home/marisol',
      ),
    ).toEqual({
      circleName: '[withheld]',
      memberName: '[withheld]',
      title: '[withheld]',
      text: '[withheld]',
      circleKey: '[withheld]',
      passphrase: '[withheld]',
      count: 3,
      ok: true,
    });
  });

  it('replaces the home folder and anything key-like in strings, and cuts long ones', () => {
    const home = '/home/marisol';
    const line = logLine(
      {
        level: 'warn',
        scope: 'store',
        message: 'a file was damaged',
        detail: {
          path: `${home}/.config/Hearth/circles/abc/docs/index.hlog`,
          error: `key ${'A'.repeat(43)} and ${'f'.repeat(64)}`,
          long: 'x'.repeat(1000),
          nested: { reason: `${home}/x`, memberName: 'Marisol' },
        },
      },
      home,
    );
    expect(line).not.toContain('marisol');
    expect(line).not.toContain('Marisol');
    expect(line).not.toContain('A'.repeat(32));
    expect(line).not.toContain('f'.repeat(32));
    expect(line).toContain('~/.config/Hearth/circles/abc/docs/index.hlog');
    expect(line.length).toBeLessThan(700);
  });
});

describe('the log file', () => {
  it('writes lines readable only by this user and gives back the last ones', async () => {
    const file = openLogFile(logDir);
    for (let i = 0; i < 5; i++) {
      file.sink({ level: 'info', scope: 'test', message: `event ${i}`, detail: { n: i } });
    }
    expect(await file.tail(2)).toEqual([
      expect.stringMatching(/\[info\]\s+\[test\] event 3 \{"n":3\}$/),
      expect.stringMatching(/\[info\]\s+\[test\] event 4 \{"n":4\}$/),
    ]);
    expect((await stat(file.path)).mode & 0o777).toBe(0o600);
    expect(homedir()).not.toBe('');
  });

  it('rotates at its size limit, keeping one older file', async () => {
    const file = openLogFile(logDir, { maxBytes: 2048 });
    for (let i = 0; i < 200; i++) {
      file.sink({ level: 'info', scope: 'test', message: `event number ${i} of a busy day` });
    }
    expect((await readdir(logDir)).sort()).toEqual(['hearth.log', 'hearth.old.log']);
    expect((await stat(file.path)).size).toBeLessThanOrEqual(2048 + 200);
    const tail = await file.tail(3);
    expect(tail.at(-1)).toMatch(/event number 199/);
    expect(await readFile(join(logDir, 'hearth.old.log'), 'utf8')).toMatch(/event number/);
  });
});
