/** The built-in meeting templates, read once and checked (see shared/notebook/meetingTemplates.ts). */
import templatesFile from '../../../../resources/meetingTemplates/templates.json';
import {
  readMeetingTemplates,
  type MeetingTemplate,
} from '../../../../shared/notebook/meetingTemplates';

/** Every built-in meeting template. */
export const MEETING_TEMPLATES: readonly MeetingTemplate[] = readMeetingTemplates(templatesFile);
