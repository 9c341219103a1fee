/**
 * The meeting list of a circle of years: the first screenful and the open meeting are
 * drawn with the circle; the rest wait for the page's first idle moment (an effect, which
 * a static render does not run).
 */
import i18next, { type i18n } from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../../../resources/locales/en.json';
import {
  FIRST_MEETINGS,
  MeetingList,
} from '../../../../../renderer/src/features/notebook/MeetingList';
import type { MeetingId, MemberId } from '../../../../../shared/notebook/ids';
import type { MeetingRecord } from '../../../../../shared/notebook/schema';

let english: i18n;
beforeAll(async () => {
  english = i18next.createInstance();
  await english.init({
    lng: 'en',
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false },
  });
});

// Weekly meetings, newest first, as the index snapshot lists them.
function weeklyMeetings(count: number): MeetingRecord[] {
  return Array.from({ length: count }, (_, week) => {
    const day = new Date(Date.UTC(2026, 11, 1) - week * 7 * 86_400_000);
    return {
      id: `meeting-${String(week)}` as MeetingId,
      title: `Week ${String(count - week)}`,
      date: day.toISOString().slice(0, 10),
      prompts: [],
      createdAt: day.getTime(),
      createdBy: 'ana' as MemberId,
    };
  });
}

function firstDrawn(meetings: MeetingRecord[], currentId: MeetingId | null): string[] {
  const markup = renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n: english },
      createElement(MeetingList, {
        meetings,
        entriesByMeeting: new Map(),
        currentId,
        onChoose: () => undefined,
        onNewMeeting: () => undefined,
      }),
    ),
  );
  return [...markup.matchAll(/meeting-list__title">([^<]*)</g)].map((match) => match[1]!);
}

describe('the meeting list', () => {
  it('draws every meeting of a circle that fits a screen', () => {
    const meetings = weeklyMeetings(FIRST_MEETINGS);
    expect(firstDrawn(meetings, meetings[0]!.id)).toEqual(meetings.map((m) => m.title));
  });

  it('draws the newest screenful of a circle of years first', () => {
    const meetings = weeklyMeetings(260);
    expect(firstDrawn(meetings, meetings[0]!.id)).toEqual(
      meetings.slice(0, FIRST_MEETINGS).map((m) => m.title),
    );
  });

  it('draws down to the open meeting when it is older than the first screenful', () => {
    const meetings = weeklyMeetings(260);
    const drawn = firstDrawn(meetings, meetings[99]!.id);
    expect(drawn).toHaveLength(100);
    expect(drawn.at(-1)).toBe(meetings[99]!.title);
  });
});
