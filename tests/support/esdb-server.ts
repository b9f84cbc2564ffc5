/**
 * Picks the EventStoreDB server for a test run, in this order:
 * 1. ESDB_CONNECTION_STRING set: that server (real, already running);
 * 2. a Docker engine answering on its socket: a throw-away container of the pinned image
 *    (testcontainers), in-memory, insecure, projections off;
 * 3. otherwise: the wire-level stand-in (tests/support/esdb-standin) on 127.0.0.1.
 * ESDB_TEST_SERVER=standin skips 1 and 2; ESDB_TEST_SERVER=docker makes a failed container
 * start an error instead of a fall-back. Every choice is printed, so a run always says what
 * it tested against.
 */
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { redactConnectionString } from '../../services/eventstore/esdb/options.ts';
import { startEsdbStandin, type EsdbStandin } from './esdb-standin/server.ts';

/** Keep in step with docker-compose.yml. */
export const ESDB_IMAGE = process.env.ESDB_IMAGE ?? 'docker.kurrent.io/kurrent-lts/kurrentdb:26.0.3';

export type EsdbServerKind = 'real' | 'testcontainers' | 'standin';

export interface EsdbTestServer {
  readonly kind: EsdbServerKind;
  readonly connectionString: string;
  readonly description: string;
  /** Only for the stand-in: its fault hooks (drop subscriptions, fail appends). */
  readonly standin?: EsdbStandin;
  stop(): Promise<void>;
}

export async function startEsdbTestServer(): Promise<EsdbTestServer> {
  const forced = process.env.ESDB_TEST_SERVER;
  const given = process.env.ESDB_CONNECTION_STRING;
  if (given && forced !== 'standin') {
    const description = `real server at ${redactConnectionString(given)} (ESDB_CONNECTION_STRING)`;
    console.log(`EventStoreDB: ${description}`);
    return { kind: 'real', connectionString: given, description, stop: async () => undefined };
  }
  if (forced !== 'standin') {
    const socket = await reachableDockerSocket();
    if (socket !== undefined) {
      try {
        return await startContainer(socket);
      } catch (error) {
        if (forced === 'docker') throw error;
        console.log(
          `EventStoreDB: Docker at ${socket} answered, but the ${ESDB_IMAGE} container did not start (${String(error)}); using the stand-in`,
        );
      }
    }
  }
  const standin = await startEsdbStandin({ host: '127.0.0.1', port: 0 });
  const description = `stand-in (tests/support/esdb-standin) on 127.0.0.1:${standin.port}`;
  console.log(`EventStoreDB: ${description}`);
  return { kind: 'standin', connectionString: standin.connectionString, description, standin, stop: () => standin.stop() };
}

async function startContainer(socket: string): Promise<EsdbTestServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(ESDB_IMAGE)
    .withEnvironment({
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_CLUSTER_SIZE: '1',
      KURRENTDB_RUN_PROJECTIONS: 'None',
      KURRENTDB_MEM_DB: 'true',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
    .withStartupTimeout(120_000)
    .start();
  const connectionString = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  const description = `testcontainers ${ESDB_IMAGE} at ${connectionString} (Docker at ${socket})`;
  console.log(`EventStoreDB: ${description}`);
  return {
    kind: 'testcontainers',
    connectionString,
    description,
    stop: async () => {
      await container.stop();
    },
  };
}

/**
 * A Docker engine is there when its socket answers GET /_ping within a second; looking is
 * cheap, unlike asking testcontainers, which tries every strategy it knows before failing.
 * A TCP DOCKER_HOST is trusted as given.
 */
async function reachableDockerSocket(): Promise<string | undefined> {
  const dockerHost = process.env.DOCKER_HOST;
  if (dockerHost && !dockerHost.startsWith('unix://')) return dockerHost;
  const candidates = [
    dockerHost?.slice('unix://'.length),
    '/var/run/docker.sock',
    join(homedir(), '.docker', 'run', 'docker.sock'),
    process.env.XDG_RUNTIME_DIR ? join(process.env.XDG_RUNTIME_DIR, 'docker.sock') : undefined,
  ].filter((path): path is string => path !== undefined && existsSync(path));
  for (const socketPath of candidates) {
    if (await pings(socketPath)) return `unix://${socketPath}`;
  }
  return undefined;
}

function pings(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', method: 'GET', timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
