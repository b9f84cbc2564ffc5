import type { IncomingMessage } from 'node:http';
import type { Caller } from '../access.ts';
import { TokenBook } from './tokens.ts';

/** The few members of a `ws` server socket this needs. */
export interface ServerSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'close', listener: () => void): void;
  off(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
}

/** Close codes, in the range RFC 6455 leaves to applications (graphql-ws uses 4401 and 4429 alike). */
export const closeCodes = { revoked: 4401, tooMany: 4429 } as const;

interface OpenSocket {
  readonly socket: ServerSocket;
  readonly who: string;
  readonly tokenHash: string | undefined;
}

export interface SocketGuardOptions {
  readonly tokens: TokenBook;
  /** Open connections one principal (or one address without a token) may hold. */
  readonly perPrincipal: number;
  /** The caller a connection_init's authorization names (throws for a bad token). */
  readonly authenticate: (authorization: string | undefined) => Caller;
}

/**
 * Watches subscription WebSockets from their first message: a principal may hold at most
 * `perPrincipal` of them at once (the next is refused with a message saying so), and a
 * socket whose token has been revoked is closed. Mercurius still judges every connection
 * itself (onConnect); this only counts and closes.
 */
export class SocketGuard {
  private readonly open = new Set<OpenSocket>();

  constructor(private readonly options: SocketGuardOptions) {}

  /** Called for each new WebSocket, before mercurius reads its first message. */
  watch(socket: ServerSocket, request: IncomingMessage): void {
    const onMessage = (data: Buffer, isBinary: boolean) => {
      socket.off('message', onMessage);
      if (isBinary) return;
      const init = connectionInit(data.toString());
      if (init === undefined) return;
      let caller: Caller;
      try {
        caller = this.options.authenticate(init.authorization);
      } catch {
        return; // A bad token: mercurius refuses the connection.
      }
      const who = caller.role === 'anonymous' ? `address ${request.socket.remoteAddress ?? 'unknown'}` : `principal ${caller.principal}`;
      const held = [...this.open].filter((s) => s.who === who).length;
      if (held >= this.options.perPrincipal) {
        const message = `too many WebSocket connections: ${who} already holds ${held} (the limit is ${this.options.perPrincipal}); close one first`;
        socket.send(JSON.stringify({ type: 'connection_error', payload: { message, extensions: { code: 'TOO_MANY_CONNECTIONS' } } }));
        socket.close(closeCodes.tooMany, 'too many connections for this principal');
        return;
      }
      const entry: OpenSocket = { socket, who, tokenHash: TokenBook.tokenHashOf(init.authorization) };
      this.open.add(entry);
      socket.on('close', () => this.open.delete(entry));
    };
    socket.on('message', onMessage);
  }

  /** Closes every socket whose token is no longer in the book. */
  closeRevoked(): void {
    for (const entry of this.open) {
      if (entry.tokenHash === undefined || this.options.tokens.has(entry.tokenHash)) continue;
      this.open.delete(entry);
      entry.socket.close(closeCodes.revoked, 'token revoked');
    }
  }
}

function connectionInit(text: string): { authorization: string | undefined } | undefined {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== 'connection_init') return undefined;
  const payload = (message as { payload?: unknown }).payload;
  const authorization =
    typeof payload === 'object' && payload !== null ? (payload as { authorization?: unknown }).authorization : undefined;
  return { authorization: typeof authorization === 'string' ? authorization : undefined };
}
