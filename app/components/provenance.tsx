// Where the loaded condensed dataset comes from: source, condensation, sizes, test set and, when
// the bundle ships one, its teacher in plain view, with a one-line hint of which rule wins at
// IPC 1 on the reference table of the current label mode (lib/reference-hint.ts) and a link to
// the findings that explain it; behind "Details", the condensation and scoring parameters, the
// tool that built it and the commands that rebuild it and its teacher. (The reference table is in
// the results.)
import { referenceTableFor } from '../../src/engine/bundle/manifest';
import { teacherText } from '../lib/labels';
import { FINDINGS_URL } from '../lib/links';
import { referenceHint } from '../lib/reference-hint';
import { useApp } from '../store/context';
import { runLabels } from '../store/selectors';
import { ParamList } from './param-list';

const FINDINGS_TAIL = ' See the findings.';

/** The hint, with its closing "See the findings." as a link to them. */
function HintText({ text }: { readonly text: string }) {
  if (!text.endsWith(FINDINGS_TAIL)) return <>{text}</>;
  return (
    <>
      {text.slice(0, -FINDINGS_TAIL.length)} See{' '}
      <a href={FINDINGS_URL} target="_blank" rel="noreferrer">
        the findings
      </a>
      .
    </>
  );
}

/** A method or model by name, with its parameters. */
function Named({
  name,
  params,
}: {
  readonly name: string;
  readonly params: Record<string, unknown>;
}) {
  return (
    <>
      <strong>{name}</strong>
      <ParamList params={params} />
    </>
  );
}

export function Provenance() {
  const view = useApp((s) => s.view);
  const labels = useApp(runLabels);
  if (!view) return null;
  const m = view.manifest;
  const [h, w, c] = m.imageShape;
  const f2 = m.factor * m.factor;
  const found = referenceHint(referenceTableFor(m, labels));
  // The hint reads the table of the current label mode, and says so for teacher labels.
  const hint =
    found && labels === 'teacher'
      ? found.replace(/^On this bundle,/, 'On this bundle, with teacher labels,')
      : found;
  return (
    <section
      className="card card-provenance provenance"
      data-testid="provenance"
      aria-labelledby="provenance-title"
    >
      <div className="card-head">
        <h2 id="provenance-title">{m.title}</h2>
        <span className="pill">format v{m.formatVersion}</span>
      </div>
      {hint && (
        <p className="hint reference-hint" data-testid="reference-hint">
          <HintText text={hint} />
        </p>
      )}
      <dl className="facts facts-grid">
        <dt>Source dataset</dt>
        <dd data-testid="provenance-source">
          {m.source.url ? (
            <a href={m.source.url} target="_blank" rel="noreferrer">
              {m.source.name}
            </a>
          ) : (
            m.source.name
          )}{' '}
          <span className="muted">({m.source.licence})</span>
        </dd>
        <dt>Classes</dt>
        <dd>
          {m.classes.length} · {h}×{w}×{c}
        </dd>
        <dt>Condensation</dt>
        <dd>
          <strong>{m.condensation.method}</strong>
        </dd>
        <dt>Size</dt>
        <dd data-testid="provenance-ipc">
          {m.ipc} stored images per class · f = {m.factor} ({f2} patches each, {m.ipc * f2} samples
          per class)
        </dd>
        <dt>Test set</dt>
        <dd>{view.testCount.toLocaleString()} real held-out images</dd>
        {m.teacher && (
          <>
            <dt>Teacher</dt>
            <dd data-testid="provenance-teacher">{teacherText(m.teacher)}</dd>
          </>
        )}
      </dl>
      <details className="provenance-details">
        <summary>Details: how it was condensed, scored and built</summary>
        <dl className="facts facts-grid">
          <dt>Condensation</dt>
          <dd data-testid="provenance-method">
            <Named name={m.condensation.method} params={m.condensation.params} />
          </dd>
          <dt>Scoring</dt>
          <dd data-testid="provenance-scoring">
            <Named name={m.scoring.model} params={m.scoring.params} />
          </dd>
          <dt>Built by</dt>
          <dd>
            {m.tool.name} {m.tool.version}
            {m.createdAt ? <span className="muted"> · {m.createdAt.slice(0, 10)}</span> : null}
          </dd>
          <dt>Rebuild with</dt>
          <dd data-testid="provenance-command">
            {m.tool.command ? (
              <code className="command">{m.tool.command}</code>
            ) : (
              <span className="muted">no command recorded</span>
            )}
          </dd>
          {m.teacher && (
            <>
              <dt>Teacher made with</dt>
              <dd data-testid="provenance-teacher-command">
                <code className="command">{m.teacher.command}</code>
              </dd>
            </>
          )}
        </dl>
      </details>
    </section>
  );
}
