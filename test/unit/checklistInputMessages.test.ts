import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookUp } from '../../src/shared/catalogue';
import { withMessageKey, type Wording } from '../../src/shared/fieldErrors';
import { validationEn } from '../../src/renderer/src/lib/validationMessages';
import { validationSv } from '../../src/renderer/src/lib/validationMessages.sv';

const folder = join(import.meta.dirname, '..', '..', 'src', 'shared', 'checklists');

/** The problems the checklists' input schemas word themselves: every quoted sentence in their files. */
async function schemaMessages(): Promise<string[]> {
  const files = (await readdir(folder)).filter((name) => /^(inputs(\.[A-Za-z]+)?|fields)\.ts$/.test(name));
  const found = new Set<string>();
  for (const file of files) {
    const text = await readFile(join(folder, file), 'utf8');
    for (const match of text.matchAll(/'((?:[^'\\\n]|\\.)+)'/g)) {
      const message = match[1]!.replaceAll("\\'", "'");
      if (/^[A-Z].*\.$/.test(message) && message.includes(' ')) found.add(message);
    }
  }
  return [...found];
}

describe('the problems of a checklist’s form', () => {
  it('are each worded in the validation catalogue, in English and Swedish', async () => {
    const messages = await schemaMessages();
    expect(messages.length).toBeGreaterThan(20);
    const unworded = messages.filter((message) => {
      const key = withMessageKey<Wording>({ message }).key;
      return key === undefined || lookUp(validationEn, key) === undefined || lookUp(validationSv, key) === undefined;
    });
    expect(unworded).toEqual([]);
  });
});
