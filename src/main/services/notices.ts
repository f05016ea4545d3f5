import type { Notice } from '../../shared/appInfo';
import type { MessageParams } from '../../shared/result';

/**
 * Problems met while the console runs that the user should be told of once:
 * in English for the log and the command line, and as a key with values that
 * the interface words in the user's language.
 */
export class Notices {
  readonly #items: Notice[] = [];

  add(text: string, key?: Notice['key'], params?: MessageParams): void {
    this.#items.push({ text, ...(key === undefined ? {} : { key }), ...(params === undefined ? {} : { params }) });
  }

  list(): Notice[] {
    return [...this.#items];
  }
}
