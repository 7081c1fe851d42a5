import { useEffect, useState } from 'preact/hooks';
import { readInWorker } from '../lib/licensed/client';
import type { Example, ImportPreview } from '../lib/licensed/parse';
import { MAX_IMPORT_BYTES } from '../lib/licensed/parse';
import {
  type LicensedInfo,
  importInfo,
  removeImport,
  saveImport,
  watchImport,
} from '../lib/licensed/store';
import { ADA_NOTICE } from './CodeCard';
import { FileInput } from './FileInput';

const DELIMITERS: Record<string, string> = {
  ',': 'comma',
  '\t': 'tab',
  ';': 'semicolon',
  '|': 'bar',
};

type State =
  | { phase: 'idle' }
  | { phase: 'reading'; name: string }
  | { phase: 'preview'; name: string; bytes: ArrayBuffer; preview: ImportPreview }
  | { phase: 'error'; message: string };

/** One line of the preview: a count, what it means, and a few examples with their lines. */
function Count({ label, kind }: { label: string; kind: { count: number; examples: Example[] } }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {kind.count}
        {kind.examples.length > 0 && (
          <span class="cdt-examples">
            {' '}
            (e.g. {kind.examples.map((e) => `line ${e.line}: “${e.code || '(empty)'}”`).join(', ')})
          </span>
        )}
      </dd>
    </>
  );
}

/**
 * Import of the user's licensed CDT file: choose or drop a CSV/TSV, see what it holds, confirm.
 * Nothing is stored before the confirmation, and the previous import stays until the new one is
 * stored whole.
 */
export function LicensedImport() {
  const [info, setInfo] = useState<LicensedInfo | null>(null);
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [status, setStatus] = useState('');
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    void importInfo().then(setInfo);
    return watchImport(setInfo);
  }, []);

  const read = async (
    name: string,
    bytes: ArrayBuffer,
    columns?: { code: number; text: number },
  ) => {
    setStatus('');
    setState({ phase: 'reading', name });
    const result = await readInWorker(bytes, columns);
    setState(
      result.ok
        ? { phase: 'preview', name, bytes, preview: result.preview }
        : { phase: 'error', message: `${name}: ${result.error}` },
    );
  };
  const choose = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setState({
        phase: 'error',
        message: `${file.name}: the file is ${(file.size / 2 ** 20).toFixed(0)} MB; files up to ${MAX_IMPORT_BYTES / 2 ** 20} MB can be imported.`,
      });
      return;
    }
    await read(file.name, await file.arrayBuffer());
  };
  const confirm = async (name: string, preview: ImportPreview) => {
    try {
      const saved = await saveImport(name, preview.descriptors);
      setState({ phase: 'idle' });
      setStatus(`Imported ${saved.count} official descriptors from ${name}.`);
    } catch (e) {
      setState({
        phase: 'error',
        message: `Nothing was imported: the browser refused to store the file (${String(e)}). The previous import is unchanged.`,
      });
    }
  };

  return (
    <div>
      <p>
        If your practice holds a licence for CDT, import the ADA&apos;s data file (saved as CSV or
        TSV) or your practice system&apos;s procedure-code export. Cards then show the official
        descriptor beside our summary. The file is read in this browser and stored only here.
      </p>
      {info ? (
        <p class="cdt-current" data-testid="licensed-current">
          Official descriptors for {info.count} codes, from {info.source}, imported{' '}
          {new Date(info.importedAt).toLocaleString()}.{' '}
          <button
            type="button"
            class="cdt-button"
            onClick={() =>
              void removeImport().then(() => setStatus('The imported descriptors were removed.'))
            }
          >
            Remove import
          </button>
        </p>
      ) : (
        <p class="cdt-hint">No licensed file imported.</p>
      )}
      <label
        class={`cdt-drop${dragging ? ' cdt-drop-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void choose(e.dataTransfer?.files[0]);
        }}
      >
        Choose a CSV or TSV file, or drop it here
        <FileInput
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
          testId="licensed-file"
          onFile={choose}
        />
      </label>
      <div role="status" class="cdt-status-line">
        {state.phase === 'reading' && `Reading ${state.name}…`}
        {status}
      </div>
      {state.phase === 'error' && (
        <p class="cdt-error" role="alert" data-testid="import-error">
          {state.message} Nothing was stored.
        </p>
      )}
      {state.phase === 'preview' && (
        <Preview
          name={state.name}
          preview={state.preview}
          onColumns={(columns) => void read(state.name, state.bytes, columns)}
          onConfirm={() => void confirm(state.name, state.preview)}
          onCancel={() => setState({ phase: 'idle' })}
        />
      )}
    </div>
  );
}

function Preview({
  name,
  preview: p,
  onColumns,
  onConfirm,
  onCancel,
}: {
  name: string;
  preview: ImportPreview;
  onColumns: (columns: { code: number; text: number }) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const total = p.matched + p.unknown.count;
  const sample = Object.entries(p.descriptors).slice(0, 3);
  const select = (id: 'code' | 'text', label: string) => (
    <label>
      {label}{' '}
      <select
        value={p.columns[id]}
        onChange={(e) =>
          onColumns({ ...p.columns, [id]: Number((e.target as HTMLSelectElement).value) })
        }
      >
        {p.labels.map((l, i) => (
          <option key={i} value={i}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section class="cdt-import-preview" aria-label="Import preview" data-testid="import-preview">
      <p>
        {name}: {p.rows} rows, {DELIMITERS[p.delimiter] ?? p.delimiter}-separated
        {p.columns.header ? ', with a header row' : ', no header row'}.
      </p>
      <div class="cdt-row">
        {select('code', 'Code column')}
        {select('text', 'Descriptor column')}
      </div>
      <dl class="cdt-counts">
        <dt>Codes matched</dt>
        <dd data-testid="count-matched">{p.matched}</dd>
        <Count label="Codes not in the bundled data (imported too)" kind={p.unknown} />
        <Count label="Rows without a valid code (skipped)" kind={p.invalid} />
        <Count label="Repeated codes (first kept)" kind={p.duplicates} />
        <Count label="Codes with an empty descriptor (skipped)" kind={p.empty} />
      </dl>
      <ul class="cdt-sample" aria-label="First descriptors">
        {sample.map(([code, text]) => (
          <li key={code}>
            <strong>{code}</strong> {text}
          </li>
        ))}
      </ul>
      <p class="cdt-notice">{ADA_NOTICE}</p>
      <div class="cdt-row">
        <button type="button" class="cdt-button cdt-primary" onClick={onConfirm}>
          Import {total} descriptors
        </button>
        <button type="button" class="cdt-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
