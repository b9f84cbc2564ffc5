import { useState, type FormEvent } from 'react';
import { useSession } from '../session-context.tsx';
import { navigate } from '../router.ts';
import { pages } from '../routes.ts';

/** Paste a bearer token (or follow a sign-in link from `ccag token create --login-url`). */
export function SignIn() {
  const { signIn, signOut, viewer, token } = useSession();
  const [candidate, setCandidate] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const trimmed = candidate.trim().replace(/^Bearer\s+/i, '');
    if (trimmed === '') {
      setProblem('Paste the token you were given.');
      return;
    }
    setBusy(true);
    try {
      await signIn(trimmed);
      setCandidate('');
      navigate(pages.horizonScanning);
    } catch (error) {
      setProblem(`The register did not accept that token: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Sign in</h1>
      {token && viewer && viewer.role !== 'anonymous' && (
        <p>
          Signed in as <strong>{viewer.principal}</strong> ({viewer.role}).{' '}
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} className="form" noValidate>
        <label htmlFor="token">Bearer token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          value={candidate}
          onChange={(e) => setCandidate(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'token-problem' : 'token-help'}
        />
        <p id="token-help" className="help">
          Ask the secretariat for a token, or open the link that <code>ccag token create --login-url</code> prints. The token is kept in
          this tab only and sent to this register alone.
        </p>
        {problem && (
          <p id="token-problem" role="alert" className="error">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </>
  );
}
