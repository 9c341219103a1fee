import { describe, expect, it } from 'vitest';
import agreementsTemplate from '../../../../../resources/agreements/template.json';
import { agreementsFromTemplate } from '../../../../../shared/notebook/agreementsTemplate';
import { isTemplateAgreements } from '../../../../../renderer/src/features/agreements/agreementsOrigin';
import en from '../../../../../resources/locales/en.json';

const template = agreementsFromTemplate(agreementsTemplate);

describe('who the agreements come from', () => {
  it('puts nobody’s name to the template a new circle starts with', () => {
    expect(isTemplateAgreements({ text: template, version: 1 })).toBe(true);
    expect(en.agreements.versionLineTemplate).not.toMatch(/written by|\{\{name\}\}/);
  });

  it('names the writer once the agreements were edited, even back to the same words', () => {
    expect(isTemplateAgreements({ text: `${template}\nWe start on time.`, version: 2 })).toBe(
      false,
    );
    expect(isTemplateAgreements({ text: template, version: 3 })).toBe(false);
    expect(isTemplateAgreements({ text: 'Our own words.', version: 1 })).toBe(false);
  });
});
