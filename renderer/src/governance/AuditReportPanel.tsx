/**
 * "Audit report" on a model page: the same canonical JSON / print-ready HTML / Markdown as
 * `runlens governance report`, made by the host (buildGovernanceReport), previewed (HTML, in a frame
 * that runs no script), printed (the browser's "Save as PDF") or downloaded. In the desktop app,
 * "Export PDF…" has the main process print the same HTML (webContents.printToPDF, pdfExport.ts).
 */
import { useRef, useState } from 'react';
import type { AuditReportFile, ReportFormat } from '../../../shared/common/governance/types';
import type { ModelVersion } from '../../../shared/common/types';
import { asApiError, type ApiError } from '../api/ApiError';
import { useApi } from '../api/ApiContext';
import { ErrorNote } from '../pageKit/PageStates';
import '../desktop/desktopBridge';
import { CopyButton } from '../ui/CopyButton';

const FORMATS: { format: ReportFormat; label: string; mime: string }[] = [
  { format: 'html', label: 'HTML (print-ready)', mime: 'text/html' },
  { format: 'json', label: 'JSON (canonical, verifiable)', mime: 'application/json' },
  { format: 'md', label: 'Markdown', mime: 'text/markdown' },
];

function download(file: AuditReportFile): void {
  const mime = FORMATS.find((f) => f.format === file.format)?.mime ?? 'text/plain';
  const url = URL.createObjectURL(new Blob([file.text], { type: `${mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function AuditReportPanel({
  storeId,
  model,
  versions,
  asOf,
}: {
  storeId: string;
  model: string;
  versions: readonly ModelVersion[];
  asOf: string | undefined;
}) {
  const api = useApi();
  const [version, setVersion] = useState('');
  const [format, setFormat] = useState<ReportFormat>('html');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [file, setFile] = useState<AuditReportFile | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const [pdfNote, setPdfNote] = useState('');
  const desktopExport = window.runlensDesktop?.exportPdf;

  const exportPdf = async (report: AuditReportFile): Promise<void> => {
    if (!desktopExport) return;
    setPdfNote('Exporting PDF…');
    try {
      const answer = await desktopExport({ html: report.text, fileName: report.fileName });
      setPdfNote(
        answer.saved
          ? `Saved ${answer.fileName ?? 'the PDF'}.`
          : answer.error
            ? 'The PDF could not be exported. Try Print / Save as PDF instead.'
            : '',
      );
    } catch {
      setPdfNote('The PDF could not be exported. Try Print / Save as PDF instead.');
    }
  };

  const make = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const made = await api.buildGovernanceReport({
        storeId,
        model,
        format,
        ...(version ? { version } : {}),
        ...(asOf ? { asOf } : {}),
      });
      setFile(made);
      setPdfNote('');
    } catch (err) {
      setFile(null);
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="gov-report" data-state={busy ? 'loading' : error ? 'error' : 'ready'}>
      <div className="gov-report-controls">
        <label>
          Version{' '}
          <select
            className="text-input"
            value={version}
            onChange={(e) => setVersion(e.target.value)}
          >
            <option value="">the production version (else the newest)</option>
            {[...versions]
              .sort((a, b) => Number(b.version) - Number(a.version))
              .map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                </option>
              ))}
          </select>
        </label>
        <label>
          Format{' '}
          <select
            className="text-input"
            value={format}
            onChange={(e) => setFormat(e.target.value as ReportFormat)}
          >
            {FORMATS.map((f) => (
              <option key={f.format} value={f.format}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => void make()}
        >
          {busy ? 'Building…' : 'Build audit report'}
        </button>
      </div>
      {error && <ErrorNote title="The audit report could not be built." error={error} />}
      {file && (
        <div className="gov-report-result" data-format={file.format}>
          <p>
            <strong>{file.fileName}</strong> — version {file.version}, report SHA-256{' '}
            <code className="gov-hash" data-testid="report-sha256">
              {file.sha256}
            </code>{' '}
            <CopyButton text={file.sha256} label="Copy hash" />
          </p>
          <p className="gov-report-actions">
            <button type="button" className="button" onClick={() => download(file)}>
              Save {file.format.toUpperCase()}…
            </button>
            {file.format === 'html' && desktopExport && (
              <button type="button" className="button" onClick={() => void exportPdf(file)}>
                Export PDF…
              </button>
            )}
            {file.format === 'html' && (
              <button
                type="button"
                className="button"
                onClick={() => frame.current?.contentWindow?.print()}
              >
                Print / Save as PDF…
              </button>
            )}
            {pdfNote && (
              <span role="status" className="pk-muted">
                {pdfNote}
              </span>
            )}
            <span className="pk-muted">
              Check it later with{' '}
              <code>runlens governance verify {file.fileName.replace(/\.\w+$/, '.json')}</code>{' '}
              (JSON).
            </span>
          </p>
          {file.format === 'html' ? (
            <iframe
              ref={frame}
              className="gov-report-frame"
              title={`Audit report preview: ${model} v${file.version}`}
              sandbox="allow-same-origin allow-modals"
              srcDoc={file.text}
            />
          ) : (
            <pre className="gov-report-text" tabIndex={0}>
              {file.text}
            </pre>
          )}
        </div>
      )}
    </div>
  );
}
