import { checkHeadExtended, headJson } from '../../transparency/head-check.ts';
import { keepHead, keptHead } from '../../transparency/kept-heads.ts';
import { verifyTreeHeadSignature } from '../../transparency/signing-key.ts';
import { signedTreeHeadSchema, type SignedTreeHead } from '../../transparency/tree-head.ts';
import { CheckFailed, ConfigurationError } from '../exit-codes.ts';
import { note } from '../output.ts';

/**
 * `ccag verify --server URL`: a client's check of a running register, trusting nothing it says
 * that it cannot prove. The register's key comes from /.well-known/ccag-register.json; its
 * current head must carry that key's signature; and a consistency proof from the head kept
 * from the last run (and any `--since` head) must link to it. The new head is then kept.
 */
export async function verifyRemote(server: string, since: SignedTreeHead | undefined, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    throw new ConfigurationError(`--server: ${server} is not a URL such as http://127.0.0.1:4000`);
  }
  const token = env['CCAG_TOKEN'];
  const get = async (path: string, init?: RequestInit) => {
    let response: Response;
    try {
      response = await fetch(new URL(path, base), init);
    } catch (error) {
      throw new ConfigurationError(`cannot reach ${base.origin}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new ConfigurationError(`${base.origin}${path} answered ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const body = await get('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    if (!body['data'] || body['errors']) throw new ConfigurationError(`${base.origin} refused: ${JSON.stringify(body['errors'])}`);
    return body['data'] as Record<string, unknown>;
  };

  const wellKnown = await get('/.well-known/ccag-register.json');
  const publicKey = (wellKnown['signingKey'] as { publicKey?: unknown } | undefined)?.publicKey;
  if (typeof publicKey !== 'string' || !/^[0-9a-f]{64}$/.test(publicKey))
    throw new ConfigurationError(`${base.origin} publishes no signing key`);
  const current = signedTreeHeadSchema.parse((await gql(`{ treeHead { treeSize rootHash timestamp keyId signature } }`))['treeHead']);
  const problems: string[] = [];
  if (!verifyTreeHeadSignature(current, publicKey)) problems.push("the register's current head is not signed with the key it publishes");
  const kept = keptHead(base.origin);
  const heads = [
    ...(since ? [{ head: since, label: 'the head given with --since' }] : []),
    ...(kept ? [{ head: kept, label: 'the head kept from the last verify' }] : []),
  ];
  const tree = {
    size: current.treeSize,
    rootHash: current.rootHash,
    consistencyProof: async (from: number, to: number) =>
      (
        (await gql(`query($from: Int!, $to: Int) { consistencyProof(fromSize: $from, toSize: $to) { path } }`, { from, to }))[
          'consistencyProof'
        ] as { path: string[] }
      ).path,
  };
  for (const { head, label } of heads) {
    const problem = await checkHeadExtended(head, publicKey, tree);
    if (problem) problems.push(`${label} (size ${head.treeSize}, signed ${head.timestamp}): ${problem}`);
  }
  if (problems.length > 0) {
    for (const problem of problems) note(`FAILED: ${problem}`);
    throw new CheckFailed(`the register at ${base.origin} does not extend the heads you hold`);
  }
  keepHead(base.origin, current);
  process.stdout.write(
    `OK: the register at ${base.origin} signs with key ${publicKey}` +
      heads.map(({ head, label }) => `; it has only grown since ${label} (size ${head.treeSize} → ${current.treeSize})`).join('') +
      `\nTree head: ${headJson(current)}\n`,
  );
}
