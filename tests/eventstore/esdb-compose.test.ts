import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ESDB_IMAGE } from '../support/esdb-server.ts';

/** What an operator starts: the compose file and the image's health check, read as text. */
const compose = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');

/** The block of one service: from its name to the next service at the same indent. */
function service(name: string): string {
  const start = compose.indexOf(`\n  ${name}:\n`);
  expect(start, `service ${name}`).toBeGreaterThan(0);
  const rest = compose.slice(start + 1);
  const next = rest.slice(1).search(/\n {2}[a-z][\w-]*:\n|\n[a-z]/);
  return next < 0 ? rest : rest.slice(0, next + 1);
}

describe('docker-compose.yml and the Dockerfile', () => {
  it('run KurrentDB 26.0 LTS at an exact tag, the one the tests pull', () => {
    const images = [...compose.matchAll(/image: (\S+)/g)].map((m) => m[1]);
    expect(new Set(images)).toEqual(new Set(['docker.kurrent.io/kurrent-lts/kurrentdb:26.0.3']));
    expect(process.env.ESDB_IMAGE ? images[0] : ESDB_IMAGE).toBe(images[0]);
  });

  it('check the API by readiness, not liveness', () => {
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/ready'/);
    expect(dockerfile).not.toMatch(/HEALTHCHECK[\s\S]*\/health'/);
    expect(compose).toMatch(/x-api:[\s\S]*healthcheck:[\s\S]*127\.0\.0\.1:4000\/ready/);
  });

  it('start the cluster API after every node sees a leader, at addresses that work from the host too', () => {
    expect(compose).toMatch(/grep -Eq '"state": \*"Leader"'/);
    const api = service('api-cluster');
    const connection = /ESDB_CONNECTION_STRING: "kurrentdb:\/\/([^?"]+)/.exec(api)![1]!.split(',');
    for (const [index, node] of ['esdb-node1', 'esdb-node2', 'esdb-node3'].entries()) {
      const block = service(node);
      const port = /KURRENTDB_NODE_PORT: "(\d+)"/.exec(block)![1];
      expect(block).toContain(`- "${port}:${port}"`);
      expect(block).toContain(`KURRENTDB_ADVERTISE_HOST_TO_CLIENT_AS: "${node}"`);
      expect(block).toContain('healthcheck: *kurrentdb-leader-known');
      expect(connection[index]).toBe(`${node}:${port}`);
      expect(api).toMatch(new RegExp(`${node}:\\n\\s+condition: service_healthy`));
    }
  });
});
