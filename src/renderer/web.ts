/**
 * The web shell's entry: installs `window.lab` over the server's WebSocket, then starts the
 * same app as Electron's renderer.
 */

import { SOCKET_PATH } from '../shared/socket-protocol';
import { createSocketLab } from './socket-lab';

const url = new URL(SOCKET_PATH, location.href);
url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
window.lab = createSocketLab(url);
void import('./main');
