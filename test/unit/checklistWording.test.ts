import { describe, expect, it } from 'vitest';
import { fillIn, lookUp } from '../../src/shared/catalogue';
import { aboutMessage, checklistTextEn, reword, type ChecklistMessage, type Wording } from '../../src/shared/checklists';
import { checklistTextSv } from '../../src/shared/checklists/text.sv';
import { say, words } from '../../src/main/services/checklists/words';

function wordingIn(language: 'en' | 'sv'): Wording {
  const catalogue = language === 'en' ? checklistTextEn : checklistTextSv;
  return {
    template: (key) => lookUp(catalogue, key),
    fill: fillIn,
    list: (items) => new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items),
  };
}

describe('a checklist message worded again in another language', () => {
  it('words the values main put in English, such as the kinds of certificate, in that language', () => {
    const kinds = [words('rest-api.flags.ssl'), words('rest-api.flags.client')].join(' and ');
    const message = say('rest-api.outcomes.enabled', { kinds, unit: 'University Library' });
    expect(reword(message, wordingIn('en'))).toBe(message.text);
    const swedish = reword(message, wordingIn('sv'));
    expect(swedish).toContain('University Library');
    expect(swedish).toContain(`${checklistTextSv['rest-api'].flags.ssl} och ${checklistTextSv['rest-api'].flags.client}`);
    expect(swedish).not.toMatch(/certificates| and /);
  });

  it('words a message inside another in the same language, with its own values', () => {
    const inner = say('rest-api.outcomes.state', { unit: 'Physics', ssl: words('rest-api.outcomes.on'), client: words('rest-api.outcomes.off') });
    const outer = say('common.outcomes.notYet', aboutMessage(inner));
    expect(outer.text).toBe(`Not done yet in SCM: ${inner.text}`);
    expect(reword(outer, wordingIn('en'))).toBe(outer.text);
    const swedish = reword(outer, wordingIn('sv'));
    const expectedInner = fillIn(checklistTextSv['rest-api'].outcomes.state, { unit: 'Physics', ssl: checklistTextSv['rest-api'].outcomes.on, client: checklistTextSv['rest-api'].outcomes.off });
    expect(swedish).toBe(fillIn(checklistTextSv.common.outcomes.notYet, { detail: expectedInner }));
  });

  it('keeps main’s English for a key no catalogue has, rather than showing the key', () => {
    const unknown: ChecklistMessage = { key: 'no.such.key', params: {}, text: 'Something happened.' };
    expect(reword(unknown, wordingIn('sv'))).toBe('Something happened.');
  });
});
