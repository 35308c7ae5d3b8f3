import { connect } from 'node:net';

/** Resolves once something accepts TCP connections on 127.0.0.1:`port`; rejects when `gaveUp()` says so. */
export async function waitForPort(port: number, gaveUp: () => Error | undefined): Promise<void> {
  for (;;) {
    const failure = gaveUp();
    if (failure) throw failure;
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
