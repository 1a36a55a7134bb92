import { describe, expect, it } from 'vitest';
import { defaultUserDataDir } from './store-location';

describe('defaultUserDataDir', () => {
  it("matches Electron's userData folder on each platform", () => {
    expect(defaultUserDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/pymem-lab');
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ada')).toBe('/xdg/pymem-lab');
    expect(defaultUserDataDir('darwin', {}, '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/pymem-lab',
    );
    expect(defaultUserDataDir('win32', { APPDATA: 'C:/Users/ada/AppData/Roaming' }, 'C:/Users/ada')).toMatch(
      /^C:\/Users\/ada\/AppData\/Roaming.pymem-lab$/,
    );
  });
});
