import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';

const constructed: unknown[] = [];

vi.mock('electron', () => ({
  BrowserWindow: class {
    constructor(options: unknown) {
      constructed.push(options);
    }
  },
}));

const { createMainWindow, hardenWebContents } = await import('./window');

describe('createMainWindow', () => {
  it('isolates and sandboxes the renderer', () => {
    createMainWindow({ preload: '/app/out/preload/index.cjs' });
    expect(constructed.at(-1)).toMatchObject({
      webPreferences: {
        preload: '/app/out/preload/index.cjs',
        contextIsolation: true,
        nodeIntegration: false,
        sandbox: true,
        webSecurity: true,
        webviewTag: false,
      },
    });
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault: () => void }) => void>();
    let openHandler: (() => { action: string }) | undefined;
    return {
      on: (name: string, listener: (event: { preventDefault: () => void }) => void) =>
        listeners.set(name, listener),
      setWindowOpenHandler: (handler: () => { action: string }) => (openHandler = handler),
      fire(name: string) {
        const event = { preventDefault: vi.fn() };
        listeners.get(name)?.(event);
        return event.preventDefault;
      },
      open: () => openHandler?.(),
    };
  }

  it('blocks navigation, redirects, webviews and new windows', () => {
    const contents = fakeContents();
    hardenWebContents(contents as unknown as WebContents);
    expect(contents.fire('will-navigate')).toHaveBeenCalled();
    expect(contents.fire('will-redirect')).toHaveBeenCalled();
    expect(contents.fire('will-attach-webview')).toHaveBeenCalled();
    expect(contents.open()).toEqual({ action: 'deny' });
  });
});
