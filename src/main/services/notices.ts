/** Problems met while the console runs that the user should be told of once. */
export class Notices {
  readonly #items: string[] = [];

  add(notice: string): void {
    this.#items.push(notice);
  }

  list(): string[] {
    return [...this.#items];
  }
}
