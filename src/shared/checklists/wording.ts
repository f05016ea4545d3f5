import { lookUp } from '../catalogue';
import type { MessageParams } from '../result';
import type { ChecklistMessage } from './model';
import { checklistTextEn } from './text';

/**
 * Main words its messages in English and keeps, with each, the key and the
 * values it was made from, so the interface and the record can word it again
 * in another language. Two kinds of value need more than a lookup: a message
 * inside another ("Not done yet in SCM: {{detail}}"), kept as the inner
 * message's key and values under `detail.`; and words main puts into a
 * sentence as a value ("on", "the keychain", "SSL certificates and client
 * certificates"), found again by their English.
 */

/** The keys of words that main puts into sentences as values. */
const valueKeys = [
  'api-admin.outcomes.keptInKeychain',
  'api-admin.outcomes.keptInSession',
  'api-admin.outcomes.generationCurrent',
  'api-admin.outcomes.generationLegacy',
  'rest-api.outcomes.on',
  'rest-api.outcomes.off',
  'rest-api.flags.ssl',
  'rest-api.flags.client',
  'rest-api.steps.enable-api.draoToo',
  'common.levels.organization',
  'common.levels.department',
  ...Object.keys(checklistTextEn.notifications.types).map((type) => `notifications.types.${type}`),
];

const keyOfValue = new Map(valueKeys.map((key) => [lookUp(checklistTextEn, key)!, key]));

/** The values of a message about another message: the inner one's English, key and values. */
export function aboutMessage(inner: ChecklistMessage): MessageParams {
  return {
    detail: inner.text,
    detailKey: inner.key,
    ...Object.fromEntries(Object.entries(inner.params).map(([name, value]) => [`detail.${name}`, value])),
  };
}

/** How one language words things: its template at a key, filling it in, and a list ("a, b and c"). */
export interface Wording {
  template(key: string): string | undefined;
  fill(template: string, params: MessageParams): string;
  list(items: string[]): string;
}

/** A value main put into a sentence, in the wording's language where the console knows its words. */
export function rewordValue(value: string | number, wording: Wording): string | number {
  if (typeof value !== 'string') return value;
  const key = keyOfValue.get(value);
  if (key !== undefined) return wording.template(key) ?? value;
  // "SSL certificates and client certificates", as main joins the kinds of certificate.
  const parts = value.split(' and ');
  if (parts.length > 1 && parts.every((part) => keyOfValue.has(part))) return wording.list(parts.map((part) => wording.template(keyOfValue.get(part)!) ?? part));
  return value;
}

/** Every value of a message's or a step's values, reworded. */
export function rewordParams(params: MessageParams, wording: Wording): MessageParams {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, rewordValue(value, wording)]));
}

/** A message in the wording's language: by its key where the language has it, main's English otherwise. */
export function reword(message: ChecklistMessage, wording: Wording): string {
  const template = wording.template(message.key);
  if (template === undefined) return message.text;
  const own: MessageParams = {};
  const inner: MessageParams = {};
  for (const [name, value] of Object.entries(message.params)) {
    if (name.startsWith('detail.')) inner[name.slice('detail.'.length)] = value;
    else own[name] = value;
  }
  const params = rewordParams(own, wording);
  if (typeof message.params.detailKey === 'string' && typeof message.params.detail === 'string') {
    params.detail = reword({ key: message.params.detailKey, params: inner, text: message.params.detail }, wording);
  }
  return wording.fill(template, params);
}
