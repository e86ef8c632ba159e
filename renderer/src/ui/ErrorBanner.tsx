import type { ReactNode } from 'react';
import type { ApiError } from '../api/ApiError';
import { errorAdvice } from './errorAdvice';

/**
 * An error that says what happened (the message), what to do (by code, unless `advice` says it) and
 * offers a retry (`retryLabel` names it when it is not a plain retry, e.g. a reload).
 */
export function ErrorBanner({
  title,
  error,
  onRetry,
  className,
  advice,
  retryLabel = 'Retry',
}: {
  title: string;
  error: Pick<ApiError, 'message'> & Partial<Pick<ApiError, 'code'>>;
  onRetry?: () => void;
  className?: string;
  advice?: ReactNode;
  retryLabel?: string;
}) {
  return (
    <div className={`banner banner-error ${className ?? ''}`} role="alert">
      <div className="banner-text">
        <strong>{title}</strong>
        <p>
          {error.message}
          {error.code && <span className="error-code"> ({error.code})</span>}
        </p>
        <p className="banner-advice">{advice ?? (error.code && errorAdvice(error.code))}</p>
      </div>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}
