import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Connections that never sent a request: a browser opens one ahead of need (preconnect), a
 * health check or a client may leave one so. `server.close()` ends idle keep-alive connections
 * but not these: Node keeps them until its headers timeout (60 s, checked every 30 s), and a
 * stopping process waited that long (68 s measured) before it could exit — a restart with the
 * port closed for a minute. Tracked from `connection` to their first request (a WeakSet look-up
 * per request), and ended by `end()` when the server closes if nothing came from them yet; a
 * connection whose request is under way is left to finish, as `server.close()` leaves it.
 */
export function silentConnections(server: Server): { end(): void } {
  const silent = new Set<Socket>();
  const spoke = new WeakSet<Socket>();
  server.on('connection', (socket: Socket) => {
    silent.add(socket);
    socket.once('close', () => silent.delete(socket));
  });
  server.on('request', (req) => {
    if (spoke.has(req.socket)) return;
    spoke.add(req.socket);
    silent.delete(req.socket);
  });
  return {
    end() {
      // a connection whose first request's headers are coming in (bytes read) is under way
      for (const socket of silent) if (socket.bytesRead === 0) socket.destroy();
    },
  };
}
