/**
 * The runs view of an experiment the store could not read: what happened (the file and the reason the
 * service gave) and what to do, with the store's Problems panel one click away — instead of "no runs"
 * or "not open here", which would both be wrong.
 */
import { useState } from 'react';
import type { StoreInfo } from '../../../shared/common/contract';
import { ProblemsPanel } from './ProblemsPanel';
import type { BrokenRef } from './useBrokenExperiments';

export function BrokenExperimentNote({ broken }: { broken: readonly BrokenRef[] }) {
  const [panel, setPanel] = useState<StoreInfo | null>(null);
  if (broken.length === 0) return null;
  return (
    <>
      {broken.map((b) => (
        <div
          key={`${b.store.storeId}:${b.experimentId}`}
          className="banner banner-error broken-experiment"
          role="alert"
        >
          <p className="banner-text">
            <strong>Experiment {b.experimentId} could not be read.</strong> Its runs are not shown;
            the other experiments of {b.store.displayName} work.
          </p>
          <p>
            <code>{b.problem.path}</code>: {b.problem.message}
          </p>
          <p className="banner-advice">
            Runlens never changes the store: repair or restore this <code>meta.yaml</code> with
            MLflow or by hand (the list of runs reappears by itself).{' '}
            <button type="button" className="link-button" onClick={() => setPanel(b.store)}>
              Show the store&rsquo;s problems
            </button>
          </p>
        </div>
      ))}
      {panel && <ProblemsPanel store={panel} onClose={() => setPanel(null)} />}
    </>
  );
}
