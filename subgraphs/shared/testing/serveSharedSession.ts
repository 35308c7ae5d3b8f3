import type { PGlite } from '@electric-sql/pglite';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

const SSL_REQUEST_CODE = 80877103;

/** One database session served to every client that connects, and how to stop serving it. */
export interface SharedSession {
  /** A `postgres://` URL any number of clients connect to; all of them land on the same session. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves one embedded database over the PostgreSQL wire protocol so that every connection shares its single
 * session, as several processes on one embedded server or clients behind a transaction pooler do: what one client
 * prepares by name, every other client sees. Each data chunk a client sends (pg sends Parse to Sync in one) runs
 * whole before the next chunk of any client, so that clients' messages do not interleave within it.
 */
export async function serveSharedSession(db: PGlite): Promise<SharedSession> {
  let turn = Promise.resolve();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending = Buffer.alloc(0);
    let started = false;
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      const messages: Buffer[] = [];
      for (;;) {
        // The first message (startup or SSL request) has no type byte: its length comes first.
        const length = started ? 1 + (pending.length >= 5 ? pending.readInt32BE(1) : Infinity) : 0;
        const size = started ? length : pending.length >= 4 ? pending.readInt32BE(0) : Infinity;
        if (pending.length < size) break;
        const message = pending.subarray(0, size);
        pending = pending.subarray(size);
        if (!started && message.length === 8 && message.readInt32BE(4) === SSL_REQUEST_CODE) {
          socket.write('N');
          continue;
        }
        started = true;
        messages.push(message);
      }
      if (messages.length === 0) return;
      turn = turn.then(async () => {
        for (const message of messages) {
          const answer = await db.execProtocolRaw(new Uint8Array(message));
          if (answer.length > 0 && socket.writable) socket.write(answer);
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
