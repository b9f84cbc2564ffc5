import { useQuery } from '@tanstack/react-query';
import { consistencyProofQuery, treeHeadQuery } from '../api/operations.ts';
import { useSession } from '../session-context.tsx';
import { ApiRequestError } from '../api/client.ts';
import { checkAgainstKept, type KeptHead } from './head-check.ts';

/** One kept head per register: the register is the origin that serves this app. */
export const keptHeadKey = `ccag.keptHead.${window.location.origin}`;

function readKept(): KeptHead | undefined {
  try {
    const kept = JSON.parse(localStorage.getItem(keptHeadKey) ?? 'null') as Partial<KeptHead> | null;
    return kept && typeof kept.treeSize === 'number' && typeof kept.rootHash === 'string'
      ? { treeSize: kept.treeSize, rootHash: kept.rootHash }
      : undefined;
  } catch {
    return undefined;
  }
}

/** On every visit: does the register's log extend the one this browser last verified? */
export function HeadCheckNotice() {
  const { request, token } = useSession();
  // Once per page load and again after each of this browser's writes: each check starts from the last head verified.
  const check = useQuery({
    queryKey: ['head-check', token ?? ''],
    retry: false,
    staleTime: Infinity,
    queryFn: async () => {
      const current = (await request(treeHeadQuery)).treeHead;
      const result = await checkAgainstKept(
        readKept(),
        current,
        async (fromSize, toSize) => (await request(consistencyProofQuery, { fromSize, toSize })).consistencyProof.path,
      );
      if (result.ok) localStorage.setItem(keptHeadKey, JSON.stringify({ treeSize: current.treeSize, rootHash: current.rootHash }));
      return result;
    },
  });
  // A register that reads only with a token: nothing to check until one is given.
  if (check.error instanceof ApiRequestError && (check.error.code === 'FORBIDDEN' || check.error.code === 'UNAUTHENTICATED')) return null;
  if (!check.data)
    return check.error ? (
      <p className="head-check head-check-failed" role="alert">
        Could not check the register's log against your last visit: {check.error.message}
      </p>
    ) : null;
  const result = check.data;
  if (!result.ok) {
    return (
      <p className="head-check head-check-failed" role="alert" data-testid="head-check">
        This register's log does not extend the one you last looked at. {result.problem}
      </p>
    );
  }
  return (
    <p className="head-check" role="status" data-testid="head-check">
      {result.kind === 'first'
        ? `First visit from this browser: the register's head (${result.to} events) is kept to check next time.`
        : result.kind === 'same'
          ? `This register has only grown since you last looked (unchanged at ${result.to} events).`
          : `This register has only grown since you last looked (from ${result.from} to ${result.to} events, proof verified).`}
    </p>
  );
}
