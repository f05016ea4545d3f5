import { fillIn, lookUp } from '../../../shared/catalogue';
import { checklistTextEn, type ChecklistMessage } from '../../../shared/checklists';
import type { MessageParams } from '../../../shared/result';

/**
 * A message for the interface and the record: its key in the checklists'
 * catalogue, its values, and the English text. A key the catalogue lacks is a
 * mistake in the console; it shows as the key rather than failing the step.
 */
export function say(key: string, params: MessageParams = {}): ChecklistMessage {
  const template = lookUp(checklistTextEn, key);
  return { key, params, text: template === undefined ? key : fillIn(template, params) };
}

/** The English text at a key, with values filled in: for words inside another message. */
export function words(key: string, params: MessageParams = {}): string {
  return say(key, params).text;
}
