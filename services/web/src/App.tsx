import { memo, useEffect, useRef } from 'react';
import { pages, itemPagePrefix } from './routes.ts';
import { useLocation, withParam } from './router.ts';
import { describePoint, usePoint } from './point.ts';
import { useSession } from './session-context.tsx';
import { useLiveRegister } from './api/live.ts';
import { useVocabulary } from './data.ts';
import { Link } from './components/Link.tsx';
import { PointControl } from './components/PointControl.tsx';
import { HeadCheckNotice } from './trust/HeadCheckNotice.tsx';
import { HorizonScanning } from './views/HorizonScanning.tsx';
import { Milestones } from './views/Milestones.tsx';
import { Risks } from './views/Risks.tsx';
import { WorkstreamReports } from './views/WorkstreamReports.tsx';
import { RiskThemes } from './views/RiskThemes.tsx';
import { Actions } from './views/Actions.tsx';
import { Meetings } from './views/Meetings.tsx';
import { MovementView } from './views/Movement.tsx';
import { AuditView } from './views/Audit.tsx';
import { ItemPage } from './views/ItemPage.tsx';
import { SignIn } from './views/SignIn.tsx';

const navigation = [
  { path: pages.horizonScanning, label: 'Horizon Scanning Log' },
  { path: pages.workstreamReports, label: 'Workstream reports' },
  { path: pages.milestones, label: 'Milestones' },
  { path: pages.riskThemes, label: 'Risk themes' },
  { path: pages.risks, label: 'Risks' },
  { path: pages.actions, label: 'Actions' },
  { path: pages.meetings, label: 'Meetings' },
  { path: pages.movement, label: 'Movement' },
  { path: pages.audit, label: 'Audit' },
] as const;

// Memoized: the header's changes (live status, the kept head's check) do not render the page's tables again.
const Page = memo(function Page({ pathname }: { pathname: string }) {
  if (pathname.startsWith(itemPagePrefix)) return <ItemPage id={decodeURIComponent(pathname.slice(itemPagePrefix.length))} />;
  switch (pathname) {
    case pages.horizonScanning:
      return <HorizonScanning />;
    case pages.workstreamReports:
      return <WorkstreamReports />;
    case pages.milestones:
      return <Milestones />;
    case pages.riskThemes:
      return <RiskThemes />;
    case pages.risks:
      return <Risks />;
    case pages.actions:
      return <Actions />;
    case pages.meetings:
      return <Meetings />;
    case pages.movement:
      return <MovementView />;
    case pages.audit:
      return <AuditView />;
    case pages.signIn:
      return <SignIn />;
    default:
      return (
        <>
          <h1>Not found</h1>
          <p>
            There is no page at {pathname}. <Link href={pages.horizonScanning}>Go to the Horizon Scanning Log</Link>.
          </p>
        </>
      );
  }
});

function Who() {
  const { viewer, viewerError, token, signOut } = useSession();
  if (viewerError) {
    return (
      <div className="who" role="alert">
        Your token was refused ({viewerError.message}).{' '}
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </div>
    );
  }
  if (!viewer) return <div className="who">…</div>;
  if (!token || viewer.role === 'anonymous') {
    return (
      <div className="who">
        Not signed in (reading only). <Link href={pages.signIn}>Sign in</Link>
      </div>
    );
  }
  return (
    <div className="who">
      <span data-testid="principal">{viewer.principal}</span> · <span data-testid="role">{viewer.role}</span>
      {viewer.codeBodies.length > 0 && <> · {viewer.codeBodies.join(', ')}</>}{' '}
      <button type="button" onClick={signOut}>
        Sign out
      </button>
    </div>
  );
}

export function App() {
  const { pathname } = useLocation();
  const point = usePoint();
  const { token } = useSession();
  const live = useLiveRegister(token);
  const vocabulary = useVocabulary();
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    // Each new page starts at its heading for keyboard and screen-reader users.
    main.current?.querySelector('h1')?.setAttribute('tabindex', '-1');
  }, [pathname]);

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <div className="brand">CCAG change register</div>
        <nav aria-label="Register">
          <ul>
            {navigation.map((item) => (
              <li key={item.path}>
                <Link
                  href={withParam(
                    'at',
                    point ? (new URLSearchParams(window.location.search).get('at') ?? undefined) : undefined,
                    item.path,
                  )}
                  aria-current={pathname === item.path ? 'page' : undefined}
                >
                  {item.label}
                </Link>
              </li>
            ))}
            <li>
              <a href="/graphiql">GraphiQL</a>
            </li>
          </ul>
        </nav>
        <Who />
      </header>
      <div className="toolbar">
        <PointControl key={point ? JSON.stringify(point) : 'now'} point={point} meetings={vocabulary.data?.meetings ?? []} />
        <span className={`live live-${live}`} aria-live="polite">
          {live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Offline: not updating'}
        </span>
      </div>
      <HeadCheckNotice />
      {point && (
        <div className="past-banner" role="status">
          You are looking at the past: the register {describePoint(point)}. Editing is off.{' '}
          <Link href={withParam('at', undefined)}>Back to now</Link>
        </div>
      )}
      <main id="main" ref={main}>
        <Page pathname={pathname} />
      </main>
    </>
  );
}
