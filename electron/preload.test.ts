/**
 * The preload as the window runs it, with 'electron' replaced by fakes: it must expose exactly the
 * contract's methods on `window.runlens`, and otherwise only the cancel, events and desktop bridges.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, ipcChannel } from '../shared/common/contract';
import { COMMAND_CHANNEL, EXPORT_PDF_CHANNEL, OPEN_PATHS_CHANNEL } from './desktopBridge';

const exposed = new Map<string, Record<string, unknown>>();
const invoke = vi.fn(async (...args: unknown[]) => ({ ok: true, value: args }));
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api),
  },
  ipcRenderer: {
    invoke,
    send: vi.fn(),
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) =>
      listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  },
  webUtils: {
    getPathForFile: (file: { name: string }) => (file.name === 'web' ? '' : `/disk/${file.name}`),
  },
}));

beforeAll(async () => {
  await import('./preload');
});

describe('preload', () => {
  it('exposes the contract, calls, events and desktop bridges, and nothing else', () => {
    expect([...exposed.keys()]).toEqual([
      'runlens',
      'runlensCalls',
      'runlensEvents',
      'runlensDesktop',
    ]);
    expect(Object.keys(exposed.get('runlens')!)).toEqual(METHOD_NAMES);
    expect(Object.keys(exposed.get('runlensDesktop')!)).toEqual([
      'openDroppedFiles',
      'onCommand',
      'exportPdf',
    ]);
    for (const api of exposed.values()) {
      for (const value of Object.values(api)) expect(typeof value).toBe('function');
    }
  });

  it('sends a contract call on its own channel', async () => {
    const getRun = exposed.get('runlens')!.getRun as (r: unknown) => Promise<unknown>;
    await getRun({ storeId: 's1', runId: 'r1' });
    expect(invoke).toHaveBeenLastCalledWith(ipcChannel('getRun'), { storeId: 's1', runId: 'r1' });
  });

  it('turns dropped files into their disk paths, skipping files that are not on disk', async () => {
    const desktop = exposed.get('runlensDesktop')!;
    const open = desktop.openDroppedFiles as (files: unknown[]) => Promise<unknown>;
    await open([{ name: 'mlruns' }, { name: 'web' }, { name: 'mlflow.db' }]);
    expect(invoke).toHaveBeenLastCalledWith(OPEN_PATHS_CHANNEL, [
      '/disk/mlruns',
      '/disk/mlflow.db',
    ]);
    invoke.mockClear();
    await expect(open([{ name: 'web' }])).resolves.toEqual({ opened: 0, failed: 0 });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('passes commands to the page without the IPC event object', () => {
    const onCommand = exposed.get('runlensDesktop')!.onCommand as (
      cb: (c: unknown) => void,
    ) => () => void;
    const received: unknown[] = [];
    const off = onCommand((command) => received.push(command));
    listeners.get(COMMAND_CHANNEL)?.({ sender: 'ipcRenderer' }, { type: 'connectToServer' });
    expect(received).toEqual([{ type: 'connectToServer' }]);
    off();
    expect(listeners.has(COMMAND_CHANNEL)).toBe(false);
  });

  it('sends only the report HTML and file name for Export PDF', async () => {
    const exportPdf = exposed.get('runlensDesktop')!.exportPdf as (r: unknown) => Promise<unknown>;
    await exportPdf({ html: '<p/>', fileName: 'r.html', extra: { toJSON: 'x' } });
    expect(invoke).toHaveBeenLastCalledWith(EXPORT_PDF_CHANNEL, {
      html: '<p/>',
      fileName: 'r.html',
    });
  });
});
