import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { newId, type CircleId, type MemberId } from '../../../../shared/notebook/ids';
import {
  readMeetingTemplates,
  templatePrompts,
} from '../../../../shared/notebook/meetingTemplates';
import { readPromptLibrary } from '../../../../shared/notebook/promptLibrary';
import { LIMITS } from '../../../../shared/notebook/schema';

const RESOURCES = resolve(import.meta.dirname, '../../../../resources');

function shippedFile(): { version: number; templates: Record<string, unknown>[] } {
  const path = resolve(RESOURCES, 'meetingTemplates/templates.json');
  return JSON.parse(readFileSync(path, 'utf8')) as {
    version: number;
    templates: Record<string, unknown>[];
  };
}

describe('meeting templates', () => {
  it('reads the templates that ship with Hearth, each a whole meeting', () => {
    const templates = readMeetingTemplates(shippedFile());
    expect(templates.length).toBeGreaterThanOrEqual(5);
    for (const template of templates) {
      expect(template.opening.length).toBeGreaterThan(40);
      expect(template.themes.length).toBeGreaterThan(0);
      const prompts = templatePrompts(template);
      expect(prompts.length).toBeLessThanOrEqual(LIMITS.promptsPerMeeting);
      expect(prompts[0]).toEqual({ kind: 'check-in', text: template.checkIn });
      expect(prompts.at(-1)).toEqual({ kind: 'check-out', text: template.checkOut });
      expect(prompts.slice(1, -1).every((prompt) => prompt.kind === 'theme')).toBe(true);
    }
  });

  it('gives every template its own id and a title no prompt theme shares', () => {
    const templates = readMeetingTemplates(shippedFile());
    const ids = templates.map((template) => template.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The new-meeting dialog offers both side by side: a shared title would be ambiguous.
    const library: unknown = JSON.parse(
      readFileSync(resolve(RESOURCES, 'prompts/library.json'), 'utf8'),
    );
    const themeTitles = new Set(readPromptLibrary(library).map((theme) => theme.title));
    for (const template of templates) expect(themeTitles.has(template.title)).toBe(false);
  });

  it('refuses a file of an unknown version, saying so', () => {
    expect(() => readMeetingTemplates({ ...shippedFile(), version: 2 })).toThrow(
      'The meeting templates could not be read: meeting templates.version should be one of 1, got number',
    );
  });

  it('names the template and field that do not fit', () => {
    const noOpening = shippedFile();
    delete noOpening.templates[2]!.opening;
    expect(() => readMeetingTemplates(noOpening)).toThrow(
      /templates\[2\]\.opening should be a string/,
    );

    const longTurns = shippedFile();
    longTurns.templates[0] = { ...longTurns.templates[0], minutesPerTurn: 45 };
    expect(() => readMeetingTemplates(longTurns)).toThrow(
      /templates\[0\]\.minutesPerTurn should be between 1 and 30/,
    );

    const extra = shippedFile();
    extra.templates[1] = { ...extra.templates[1], music: 'soft' };
    expect(() => readMeetingTemplates(extra)).toThrow(/templates\[1\]\.music is not expected/);
  });

  it('refuses two templates with one id', () => {
    const twice = shippedFile();
    twice.templates[1] = { ...twice.templates[1], id: twice.templates[0]!.id };
    expect(() => readMeetingTemplates(twice)).toThrow(/weekly-sharing-circle appears twice/);
  });

  it('refuses something that is not a templates file at all', () => {
    expect(() => readMeetingTemplates(null)).toThrow(/meeting templates should be an object/);
    expect(() => readMeetingTemplates({ version: 1 })).toThrow(/could not be read/);
  });
});

describe('a meeting made from a template', () => {
  it('keeps its opening words and turn length; an older meeting reads them as null', () => {
    const template = readMeetingTemplates(shippedFile())[0]!;
    const index = CircleIndex.found(new Y.Doc(), {
      circleId: newId<CircleId>(),
      name: 'Lantern circle',
      founder: { id: newId<MemberId>(), name: 'Ana', colour: 'ember', joinedAt: 1 },
      createdAt: 1,
    });
    const made = index.addMeeting({
      title: template.title,
      date: '2026-03-03',
      prompts: templatePrompts(template),
      createdBy: null,
      opening: template.opening,
      minutesPerTurn: template.minutesPerTurn,
    });
    const older = index.addMeeting({
      title: 'Before templates',
      date: '2026-03-02',
      prompts: [],
      createdBy: null,
    });
    const meetings = new Map(index.read().meetings.map((meeting) => [meeting.id, meeting]));
    expect(meetings.get(made)).toMatchObject({ opening: template.opening, minutesPerTurn: 3 });
    expect(meetings.get(made)?.prompts).toEqual(templatePrompts(template));
    expect(meetings.get(older)).toMatchObject({ opening: null, minutesPerTurn: null });
  });
});
