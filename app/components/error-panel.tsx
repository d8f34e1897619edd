// A failed bundle load: what went wrong, the file at fault and the problem (or the other origin
// a refused bundle points to); lets the user retry or open another shipped bundle. Never a blank
// page.
import type { ReactNode } from 'react';
import { problemText } from '../lib/error-info';
import { useApp } from '../store/context';

/** One fact about the failure: its name and its value. */
function Fact({
  name,
  testId,
  children,
}: {
  readonly name: string;
  readonly testId?: string;
  readonly children: ReactNode;
}) {
  return (
    <>
      <dt>{name}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

export function ErrorPanel() {
  const error = useApp((s) => s.load.error);
  const bundle = useApp((s) => s.load.bundle);
  const datasets = useApp((s) => s.datasets);
  const loadBundle = useApp((s) => s.loadBundle);
  const chooseBundle = useApp((s) => s.chooseBundle);
  if (!error) return null;
  const others = datasets?.bundles.filter((b) => b.id !== bundle) ?? [];
  return (
    <section className="card error-panel" role="alert" data-testid="error-panel">
      <h2>{error.title}</h2>
      <p className="error-message" data-testid="error-message">
        {error.message}
      </p>
      {(error.file || error.problem || error.origin) && (
        <dl className="facts">
          {error.file && (
            <Fact name="File" testId="error-file">
              <code>{error.file}</code>
            </Fact>
          )}
          {error.problem && (
            <Fact name="Problem" testId="error-problem">
              {problemText(error.problem)}
            </Fact>
          )}
          {error.origin && (
            <Fact name="Origin" testId="error-origin">
              <code>{error.origin}</code>
            </Fact>
          )}
          {bundle && (
            <Fact name="Bundle">
              <code>{bundle}</code>
            </Fact>
          )}
        </dl>
      )}
      {!error.origin && (
        <p className="muted">
          Nothing from this bundle is used until every file passes its checks.
        </p>
      )}
      <div className="button-row">
        {bundle && !error.origin && (
          <button type="button" onClick={() => void loadBundle(bundle)}>
            Try again
          </button>
        )}
        {others.map((b) => (
          <button
            type="button"
            key={b.id}
            className="secondary"
            onClick={() => void chooseBundle(b.id)}
          >
            Open {b.title}
          </button>
        ))}
      </div>
    </section>
  );
}
