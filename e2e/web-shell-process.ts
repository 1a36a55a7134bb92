/** A web shell of its own for a spec: `out/main/web.js` on a database the spec chooses, restartable. */

import { spawn, type ChildProcess } from 'node:child_process';

export interface WebShellProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts `npm run web`'s server on `db` (on `port`, 0 for a free one); resolves once it listens. */
export function startWebShell(db: string, port = 0): Promise<WebShellProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['out/main/web.js', '--port', String(port), '--db', db, '--step-budget', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(output);
      if (!match) return;
      resolve({
        url: match[1]!,
        port: Number(match[2]),
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`the web shell exited (${code}): ${output}`)));
  });
}
