// "Open a condensed set…": a button, a file picker and a drop zone for a condensed set
// made by another tool (.pt, .npz; MTT's images_best.pt with labels_best.pt), read and scored in
// the engine worker against the open bundle's test set, with the scoring settings (fitted to this
// device, or the paper's; behind "Scoring settings", as the first look needs none of them), a progress bar with ETA and cancel, refusals, and the sets scored
// before (cached in this browser) to reopen. A bundle folder (picked, or dropped) opens as it is,
// with its own scores and test set (lib/bundle-folder.ts). The file never leaves the device.
// Nothing is read here: the store refuses a file by its size first and the engine worker reads
// it, and every failure, of a file or a folder, is shown in this card.
import { useRef, useState, type DragEvent } from 'react';
import { PAPER_SCORING, type ScoreParams } from '../../src/engine/scores/score-set';
import { droppedFolderFiles, pickedFolderFiles, readBundleFolder } from '../lib/bundle-folder';
import { formatSeconds } from '../lib/format';
import { useApp } from '../store/context';
import { NumberField } from './number-field';
import { ProgressBar } from './progress-bar';

const ACCEPT = '.pt,.pth,.npz';

/** The scoring settings a user may set: key, label, largest value, test id. */
const FIELDS = [
  ['scoreEpochs', 'E (epochs)', 1000, 'import-epochs'],
  ['topK', 'K (top epochs)', 1000, 'import-topk'],
  ['runs', 'R (runs)', 10, 'import-runs'],
  ['scoreWidth', 'Scoring width', 512, 'import-width'],
] as const satisfies readonly (readonly [keyof ScoreParams, string, number, string])[];

export function ImportPanel() {
  const state = useApp((s) => s.importState);
  const params = useApp((s) => s.importParams);
  const fit = useApp((s) => s.importFit);
  const cached = useApp((s) => s.cachedImports);
  const openCondensed = useApp((s) => s.openCondensed);
  const openBundleFolder = useApp((s) => s.openBundleFolder);
  const cancelImport = useApp((s) => s.cancelImport);
  const setImportParams = useApp((s) => s.setImportParams);
  const reopenImport = useApp((s) => s.reopenImport);
  const importFailed = useApp((s) => s.importFailed);
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const busy = state.status === 'measuring' || state.status === 'scoring';
  const shown = params ?? fit?.params ?? null;
  const edit = (patch: Partial<typeof PAPER_SCORING>) =>
    setImportParams({ ...(shown ?? PAPER_SCORING), ...patch });
  /** The store's actions report their own failures; this catches anything that escapes them. */
  const settle = (action: Promise<void>, file: string | null) =>
    void action.catch((e: unknown) => importFailed(e, file));
  // A File is the Blob the engine reads: handed on as it is, not a byte of it read here.
  const open = (list: FileList | null) => {
    const files = [...(list ?? [])].map((f) => ({ name: f.name, blob: f }));
    if (files.length > 0) settle(openCondensed(files), files.map((f) => f.name).join(' + '));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    // A dropped folder is a bundle folder; files are another tool's condensed set.
    const dir = [...e.dataTransfer.items]
      .map((item) => item.webkitGetAsEntry?.())
      .find((entry): entry is FileSystemDirectoryEntry => !!entry?.isDirectory);
    if (dir) {
      const read = async () => readBundleFolder(await droppedFolderFiles(dir));
      settle(openBundleFolder(read), dir.name);
    } else open(e.dataTransfer.files);
  };
  const openFolder = (list: FileList | null) => {
    const files = [...(list ?? [])];
    const read = async () => readBundleFolder(pickedFolderFiles(files));
    if (files.length > 0) settle(openBundleFolder(read), null);
  };
  const p = state.progress;
  return (
    <section
      className={`card card-import${over ? ' import-over' : ''}`}
      aria-labelledby="import-title"
      data-testid="import-panel"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <h2 id="import-title">Your own condensed set</h2>
      {(
        [
          ['Open a condensed set…', input],
          ['Open a bundle folder…', folderInput],
        ] as const
      ).map(([label, picker]) => (
        <button
          key={label}
          type="button"
          className="secondary wide"
          disabled={busy}
          onClick={() => picker.current?.click()}
        >
          {label}
        </button>
      ))}
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        data-testid="import-input"
        onChange={(e) => {
          open(e.target.files);
          e.target.value = ''; // so that picking the same file again (after a refusal) fires again
        }}
      />
      <input
        ref={folderInput}
        type="file"
        hidden
        data-testid="import-folder-input"
        // A folder picker: not in React's typings, so passed through as a plain attribute.
        {...{ webkitdirectory: '' }}
        onChange={(e) => {
          openFolder(e.target.files);
          e.target.value = '';
        }}
      />
      <p className="muted small">
        A DC/DSA/DM, IDC or MTT .pt (MTT: both files) or a KIP .npz
        {/* Touch-only screens cannot drag a file here: styles hide the words there. */}
        <span className="drop-words" data-testid="drop-words">
          {' '}
          (or drop it here)
        </span>
        . It is scored on this device against the open dataset&apos;s test set and never leaves it.
        A bundle folder (made by <code>yoco build</code> or <code>yoco import</code>) opens as it
        is.
      </p>
      <details className="import-settings" data-testid="import-settings">
        <summary>Scoring settings (E, K, R)</summary>
        <p className="muted small">
          E epochs of training, the K most accurate of them counted, over R runs (the paper: 100,
          10, 3); empty fields are fitted to this device.
        </p>
        <div className="field-grid">
          {FIELDS.map(([key, label, max, testId]) => (
            <NumberField
              key={key}
              label={label}
              value={shown?.[key] ?? null}
              min={1}
              max={max}
              placeholder="fit"
              optional
              testId={testId}
              onChange={(v) => edit({ [key]: v ?? PAPER_SCORING[key] })}
            />
          ))}
        </div>
        <button type="button" className="link" onClick={() => setImportParams(PAPER_SCORING)}>
          Use the paper&apos;s values (E 100, K 10, R 3, width 128)
        </button>
        {fit && !params && (
          <p className="muted small" data-testid="import-fit">
            Fitted to this device: about {formatSeconds(fit.estimatedSeconds * 1000)}
            {fit.paper ? " (the paper's values)" : ''}.
          </p>
        )}
      </details>
      {busy && (
        <div data-testid="import-progress">
          <ProgressBar
            label="Scoring the condensed set"
            fraction={p ? ((p.run - 1) * p.epochs + p.epoch) / (p.runs * p.epochs) : null}
          />
          <p className="muted small">
            {state.status === 'measuring'
              ? `Measuring this device for ${state.file}…`
              : p
                ? `Run ${p.run}/${p.runs}, epoch ${p.epoch}/${p.epochs}, ETA ${formatSeconds(p.etaSeconds * 1000)}`
                : `Reading ${state.file}…`}
          </p>
          <button type="button" className="secondary" onClick={cancelImport}>
            Cancel
          </button>
        </div>
      )}
      {state.status === 'error' && state.error && (
        <p className="field-error" role="alert" data-testid="import-error">
          {state.error.message}
        </p>
      )}
      {state.status === 'done' && (
        <p className="muted small" data-testid="import-done">
          Opened {state.file}
          {state.cached
            ? ' from this browser’s cache (not scored again)'
            : state.folder
              ? ', a bundle folder with its own scores and test set'
              : ', scored on this device'}
          .
        </p>
      )}
      {cached.length > 0 && (
        <ul className="import-cached" data-testid="import-cached">
          {cached.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="link"
                disabled={busy}
                onClick={() => void reopenImport(c.id)}
              >
                Reopen {c.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
