import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  canBeGrabbed,
  defaultWindowPlacement,
  placementFor,
  readWindowPlacement,
  rememberWindowState,
  windowStateFileName,
  type PlacedWindow,
  type Rectangle,
  type WindowState,
} from '../../src/main/windowState';

/** One 1920x1080 display with a 40-pixel task bar at the bottom. */
const laptop: Rectangle = { x: 0, y: 0, width: 1920, height: 1040 };
/** A second display to the laptop's right, since unplugged in some tests. */
const monitor: Rectangle = { x: 1920, y: 0, width: 2560, height: 1400 };

/** A window as Electron's BrowserWindow behaves for the state: events, normal bounds and flags. */
class FakeWindow implements PlacedWindow {
  readonly listeners = new Map<string, (() => void)[]>();
  normalBounds: Rectangle = { x: 100, y: 80, width: 1200, height: 800 };
  maximized = false;
  fullScreen = false;
  destroyed = false;
  on(event: string, listener: () => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string): void {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMaximized(): boolean {
    if (this.destroyed) throw new Error('Object has been destroyed');
    return this.maximized;
  }
  isFullScreen(): boolean {
    if (this.destroyed) throw new Error('Object has been destroyed');
    return this.fullScreen;
  }
  getNormalBounds(): Rectangle {
    if (this.destroyed) throw new Error('Object has been destroyed');
    return { ...this.normalBounds };
  }
}

let folder: string;
let path: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tcs-window-state-'));
  path = join(folder, windowStateFileName);
});

afterEach(() => {
  vi.useRealTimers();
});

const saved: WindowState = { bounds: { x: 200, y: 120, width: 1400, height: 900 }, maximized: false, fullScreen: false };

describe('the remembered window place', () => {
  it('opens where the window was closed, after a round trip through the file', async () => {
    const window = new FakeWindow();
    const keeper = rememberWindowState(window, { path });
    window.normalBounds = { x: 2100, y: 150, width: 1600, height: 1000 };
    window.emit('close');
    await keeper.settled();

    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ bounds: { x: 2100, y: 150, width: 1600, height: 1000 }, maximized: false, fullScreen: false });
    expect(await readWindowPlacement(path, [laptop, monitor])).toEqual({ bounds: { x: 2100, y: 150, width: 1600, height: 1000 }, maximized: false, fullScreen: false });
  });

  it('writes the file atomically, leaving no temporary file beside it', async () => {
    const window = new FakeWindow();
    const keeper = rememberWindowState(window, { path });
    window.emit('maximize');
    window.maximized = true;
    window.emit('close');
    await keeper.settled();
    expect(await readdir(folder)).toEqual([windowStateFileName]);
  });

  it('opens maximized or full screen when the window was, over its remembered normal place', async () => {
    await writeFile(path, JSON.stringify({ ...saved, maximized: true, fullScreen: true }));
    expect(await readWindowPlacement(path, [laptop])).toEqual({ ...saved, maximized: true, fullScreen: true });
  });

  it('opens at the default size, centred, the first time', async () => {
    expect(await readWindowPlacement(path, [laptop])).toEqual(defaultWindowPlacement);
    expect(defaultWindowPlacement.bounds).toEqual({ width: 1200, height: 800 });
    expect('x' in defaultWindowPlacement.bounds).toBe(false);
  });

  it('ignores a file that is not JSON', async () => {
    await writeFile(path, '{"bounds": {"x": 1');
    expect(await readWindowPlacement(path, [laptop])).toEqual(defaultWindowPlacement);
  });

  it.each([
    ['a size far larger than any display', { ...saved, bounds: { ...saved.bounds, width: 1_000_000 } }],
    ['a size below the smallest the pages are laid out for', { ...saved, bounds: { ...saved.bounds, width: 300 } }],
    ['a negative size', { ...saved, bounds: { ...saved.bounds, height: -800 } }],
    ['fractions of a pixel', { ...saved, bounds: { ...saved.bounds, x: 10.5 } }],
    ['a place beyond any arrangement of displays', { ...saved, bounds: { ...saved.bounds, x: 9_000_000 } }],
    ['text for a number', { ...saved, bounds: { ...saved.bounds, y: '120' } }],
    ['a missing flag', { bounds: saved.bounds, maximized: false }],
    ['a flag that is not true or false', { ...saved, fullScreen: 'yes' }],
    ['keys the console never writes', { ...saved, zoom: 3 }],
    ['no object at all', [1, 2, 3]],
    ['null', null],
  ])('ignores a state with %s', async (_what, state) => {
    await writeFile(path, JSON.stringify(state));
    expect(await readWindowPlacement(path, [laptop, monitor])).toEqual(defaultWindowPlacement);
  });

  it('ignores a place on a display no longer attached, and centres the window at the default size', async () => {
    const onMonitor = { ...saved, bounds: { x: 2400, y: 200, width: 1400, height: 900 }, maximized: true };
    await writeFile(path, JSON.stringify(onMonitor));
    expect(await readWindowPlacement(path, [laptop, monitor])).toEqual(onMonitor);
    expect(await readWindowPlacement(path, [laptop])).toEqual(defaultWindowPlacement);
  });

  it('restores a window partly off the display as long as enough of its title bar can be grabbed', () => {
    // Hanging off the right edge, 150 pixels of title bar still showing.
    expect(placementFor({ ...saved, bounds: { x: 1770, y: 300, width: 1200, height: 800 } }, [laptop]).bounds).toEqual({ x: 1770, y: 300, width: 1200, height: 800 });
    // Only 40 pixels showing: too little to take hold of.
    expect(placementFor({ ...saved, bounds: { x: 1880, y: 300, width: 1200, height: 800 } }, [laptop])).toEqual(defaultWindowPlacement);
    // Title bar above the top of the work area (under a menu bar, or off the screen), the rest visible.
    expect(placementFor({ ...saved, bounds: { x: 100, y: -200, width: 1200, height: 800 } }, [laptop])).toEqual(defaultWindowPlacement);
    // Title bar in the task bar's strip below the work area.
    expect(placementFor({ ...saved, bounds: { x: 100, y: 1035, width: 1200, height: 800 } }, [laptop])).toEqual(defaultWindowPlacement);
  });

  it('counts a title bar split across two displays on either one', () => {
    expect(canBeGrabbed({ x: 1800, y: 100, width: 1200, height: 800 }, [laptop, monitor])).toBe(true);
    expect(canBeGrabbed({ x: 1800, y: 100, width: 1200, height: 800 }, [])).toBe(false);
  });
});

describe('saving the window place', () => {
  it('waits until the window has been still for a moment, then saves once, where it came to rest', async () => {
    vi.useFakeTimers();
    const save = vi.fn(async () => undefined);
    const window = new FakeWindow();
    const keeper = rememberWindowState(window, { path, save, delayMs: 500 });

    for (let step = 1; step <= 20; step += 1) {
      window.normalBounds = { ...window.normalBounds, x: 100 + step * 10 };
      window.emit('move');
      vi.advanceTimersByTime(100);
    }
    window.normalBounds = { ...window.normalBounds, width: 1300 };
    window.emit('resize');
    vi.advanceTimersByTime(499);
    await keeper.settled();
    expect(save).not.toHaveBeenCalled();

    vi.advanceTimersByTime(1);
    await keeper.settled();
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith(path, { bounds: { x: 300, y: 80, width: 1300, height: 800 }, maximized: false, fullScreen: false });
  });

  it('does not write again when the window came back to where it was saved', async () => {
    vi.useFakeTimers();
    const save = vi.fn(async () => undefined);
    const window = new FakeWindow();
    const keeper = rememberWindowState(window, { path, save });
    window.emit('move');
    vi.runAllTimers();
    await keeper.settled();
    window.emit('resize');
    vi.runAllTimers();
    await keeper.settled();
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('saves a maximized window at once, with the place it has when not maximized', async () => {
    vi.useFakeTimers();
    const save = vi.fn(async () => undefined);
    const window = new FakeWindow();
    const keeper = rememberWindowState(window, { path, save });
    window.maximized = true;
    window.emit('maximize');
    await keeper.settled();
    expect(save).toHaveBeenCalledWith(path, { bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximized: true, fullScreen: false });

    window.maximized = false;
    window.emit('unmaximize');
    await keeper.settled();
    expect(save).toHaveBeenLastCalledWith(path, { bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximized: false, fullScreen: false });

    window.fullScreen = true;
    window.emit('enter-full-screen');
    await keeper.settled();
    expect(save).toHaveBeenLastCalledWith(path, { bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximized: false, fullScreen: true });
  });

  it('saves on close at once, without waiting for a move still pending, and stops when the window has gone', async () => {
    vi.useFakeTimers();
    const save = vi.fn(async () => undefined);
    const window = new FakeWindow();
    const keeper = rememberWindowState(window, { path, save });
    window.normalBounds = { ...window.normalBounds, x: 400 };
    window.emit('move');
    window.emit('close');
    await keeper.settled();
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith(path, expect.objectContaining({ bounds: { x: 400, y: 80, width: 1200, height: 800 } }));

    window.destroyed = true;
    window.emit('resize');
    expect(() => vi.runAllTimers()).not.toThrow();
    await keeper.settled();
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('keeps a size Electron reports below the minimum within what the file accepts', async () => {
    const save = vi.fn(async () => undefined);
    const window = new FakeWindow();
    const keeper = rememberWindowState(window, { path, save });
    window.normalBounds = { x: 10.4, y: 20.6, width: 719.5, height: 300 };
    window.emit('close');
    await keeper.settled();
    expect(save).toHaveBeenCalledWith(path, { bounds: { x: 10, y: 21, width: 720, height: 480 }, maximized: false, fullScreen: false });
  });

  it('writes saves one after another, so an older place never lands over a newer one', async () => {
    const order: string[] = [];
    let firstStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    let finishFirst: () => void = () => undefined;
    const save = vi.fn(async (_path: string, state: WindowState) => {
      order.push(`start ${state.bounds.x}`);
      if (state.bounds.x === 100) {
        const finished = new Promise<void>((resolve) => (finishFirst = resolve));
        firstStarted();
        await finished;
      }
      order.push(`end ${state.bounds.x}`);
    });
    const window = new FakeWindow();
    const keeper = rememberWindowState(window, { path, save });
    window.emit('maximize');
    window.normalBounds = { ...window.normalBounds, x: 500 };
    window.emit('close');
    await started;
    expect(order).toEqual(['start 100']);
    finishFirst();
    await keeper.settled();
    expect(order).toEqual(['start 100', 'end 100', 'start 500', 'end 500']);
  });

  it('tries again after a save that could not be written', async () => {
    const save = vi.fn<(path: string, state: WindowState) => Promise<void>>().mockRejectedValueOnce(new Error('disk full')).mockResolvedValue(undefined);
    const window = new FakeWindow();
    const keeper = rememberWindowState(window, { path, save });
    window.emit('maximize');
    await expect(keeper.settled()).resolves.toBeUndefined();
    window.emit('unmaximize');
    await keeper.settled();
    expect(save).toHaveBeenCalledTimes(2);
  });
});
