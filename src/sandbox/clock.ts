/**
 * A clock that moves only when told to. Everything the sandbox does "after a
 * delay" (issuance, DCV checks, expiry, token lifetime, rate-limit windows)
 * reads its configured clock, so with this one a test decides when a delay
 * has passed, and a pending state stays pending however slow the machine is:
 *
 *     const clock = new ManualClock();
 *     const sandbox = await startSandbox({ now: clock.now });
 *     ...
 *     clock.advance(sandbox.options.issueDelaySeconds * 1000);
 */
export class ManualClock {
  #time: number;

  /** Starts at `start` (epoch milliseconds), by default the real time at construction. */
  constructor(start: number = Date.now()) {
    this.#time = ManualClock.#checked(start);
  }

  /** The clock's time; bound, so it can be handed over as `now: clock.now`. */
  readonly now = (): number => this.#time;

  /** Moves the clock forward by `ms` and answers the new time. */
  advance(ms: number): number {
    if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError('a clock moves forward by a finite number of milliseconds');
    this.#time += ms;
    return this.#time;
  }

  /** Sets the clock to `ms` (epoch milliseconds), also backwards. */
  set(ms: number): void {
    this.#time = ManualClock.#checked(ms);
  }

  static #checked(ms: number): number {
    if (!Number.isFinite(ms)) throw new RangeError('a clock time is a finite number of milliseconds');
    return ms;
  }
}
