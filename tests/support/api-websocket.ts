import { createRequire } from 'node:module';
import { authorizationFor, type ApiHarness, type As } from './api-harness.ts';

/** The few members of the `ws` client this suite uses (the package ships no types here). */
interface WebSocketClient {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'open', listener: () => void): void;
  on(event: 'close', listener: (code: number) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}
type WebSocketConstructor = new (url: string, protocols: string | string[]) => WebSocketClient;

// `ws` comes with mercurius; loaded with require because it has no type declarations installed.
const WebSocket = createRequire(import.meta.url)('ws') as WebSocketConstructor;

export interface ProtocolMessage {
  readonly type: string;
  readonly id?: string;
  readonly payload?: any;
}

/**
 * A graphql-transport-ws client, just enough for tests: it keeps every message, and lets a
 * test wait for the messages it expects (the test runner's timeout bounds every wait).
 */
export class GraphQLSocket {
  readonly messages: ProtocolMessage[] = [];
  closedWith: number | undefined;
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly socket: WebSocketClient) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as ProtocolMessage);
      this.notify();
    });
    socket.on('close', (code) => {
      this.closedWith = code;
      this.notify();
    });
  }

  static async open(url: string): Promise<GraphQLSocket> {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    await new Promise<void>((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('error', reject);
    });
    return new GraphQLSocket(socket);
  }

  /** Sends connection_init with the caller's token and waits for the server's answer. */
  async init(as: As): Promise<ProtocolMessage> {
    const authorization = authorizationFor(as);
    this.send({ type: 'connection_init', payload: authorization ? { authorization } : {} });
    return this.waitFor((m) => m.type === 'connection_ack' || m.type === 'connection_error');
  }

  subscribe(id: string, query: string, variables: Record<string, unknown> = {}): void {
    this.send({ id, type: 'subscribe', payload: { query, variables } });
  }

  /** Data messages of one subscription, in arrival order. */
  dataOf(id: string): any[] {
    return this.messages.filter((m) => m.id === id && m.type === 'next').map((m) => m.payload);
  }

  async waitFor(match: (message: ProtocolMessage) => boolean): Promise<ProtocolMessage> {
    await this.until(() => this.messages.some(match) || this.closedWith !== undefined);
    const found = this.messages.find(match);
    if (!found) throw new Error(`the socket closed (${this.closedWith}) before the expected message`);
    return found;
  }

  /** Resolves once `condition` holds after some message (or the close) arrived. */
  until(condition: () => boolean): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!condition()) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  async close(): Promise<void> {
    if (this.closedWith !== undefined) return;
    this.socket.close();
    await this.until(() => this.closedWith !== undefined);
  }

  private send(message: ProtocolMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/**
 * Puts the API on a real socket. `state.subscribed` counts subscriptions the server has
 * finished setting up, so a test writes only once they are; `connect` opens a socket and
 * keeps it in `sockets` for the test to close.
 */
export async function listenForSockets(api: ApiHarness, sockets: GraphQLSocket[]) {
  const pubsub = api.app.graphql.pubsub as unknown as { subscribe: (...args: unknown[]) => Promise<void> };
  const subscribe = pubsub.subscribe.bind(pubsub);
  const state = { subscribed: 0 };
  pubsub.subscribe = async (...args) => {
    await subscribe(...args);
    state.subscribed++;
  };
  const address = await api.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `${address.replace(/^http/, 'ws')}/graphql`;
  const connect = async () => {
    const socket = await GraphQLSocket.open(url);
    sockets.push(socket);
    return socket;
  };
  return { address, state, connect };
}
