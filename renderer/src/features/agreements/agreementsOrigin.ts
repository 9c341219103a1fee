/**
 * Who the circle's agreements come from, for the line under them: the template Hearth
 * gives a new circle (nobody wrote it, so no name is put to it), or a member who wrote
 * or edited them.
 */
import agreementsTemplate from '../../../../resources/agreements/template.json';
import { agreementsFromTemplate } from '../../../../shared/notebook/agreementsTemplate';

const TEMPLATE_TEXT = agreementsFromTemplate(agreementsTemplate);

/** Whether agreements are still Hearth's template, exactly as a new circle got it. */
export function isTemplateAgreements(agreements: { text: string; version: number }): boolean {
  return agreements.version === 1 && agreements.text === TEMPLATE_TEXT;
}
