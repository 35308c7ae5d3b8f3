import type { Server, ServerResponse } from 'node:http';

/** Started on a server before it drains for shutdown. */
export interface ConnectionDrain {
  /** From now on, every answer not yet begun (in flight or still to come) carries `connection: close`. */
  drain(): void;
}

/**
 * Tells the clients of a server about to drain not to reuse their connections: after `drain()`, each answer not yet
 * begun carries `connection: close`, so a kept-alive client opens a new connection (to another instance) rather
 * than writing its next request onto a socket that is about to close.
 */
export function connectionDrain(server: Server): ConnectionDrain {
  const unsent = new Set<ServerResponse>();
  let draining = false;
  server.on('request', (_req, res: ServerResponse) => {
    if (res.headersSent) return;
    if (draining) return res.setHeader('connection', 'close');
    unsent.add(res);
    const forget = () => unsent.delete(res);
    res.once('finish', forget);
    res.once('close', forget);
  });
  return {
    drain() {
      draining = true;
      for (const res of unsent) if (!res.headersSent) res.setHeader('connection', 'close');
      unsent.clear();
    },
  };
}
