// Catches an error thrown while rendering the part of the page it wraps and shows the error panel
// in its place, saying which part failed and why, with a way to try again or reload: a render
// error never leaves a blank page, and a failing panel leaves the others working. The app wraps
// itself in one (main.tsx) and each of its panels in another (app.tsx).
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** The part of the page, as the panel names it ("The gallery"). */
  readonly part: string;
  /** The layout class of the card it stands in for (its place in the one-column layout). */
  readonly place?: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(thrown: unknown): State {
    return { error: thrown instanceof Error ? thrown : new Error(String(thrown)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`${this.props.part} failed to render:`, error, info.componentStack ?? '');
  }

  override render(): ReactNode {
    const { error } = this.state;
    const { part, place, children } = this.props;
    if (!error) return children;
    return (
      <section
        className={`card error-panel ${place ?? ''}`.trim()}
        role="alert"
        data-testid="render-error"
        data-part={part}
      >
        <h2>{part} could not be shown</h2>
        <p className="error-message" data-testid="render-error-message">
          {error.message || error.name}
        </p>
        <dl className="facts">
          <dt>Failed</dt>
          <dd>{part}</dd>
          <dt>Error</dt>
          <dd>
            <code>{error.name}</code>
          </dd>
        </dl>
        <p className="muted">
          A bug in the app, not in your data: the rest of the page still works. Try again, or reload
          the page.
        </p>
        <div className="button-row">
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          <button type="button" className="secondary" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </div>
      </section>
    );
  }
}
