import type { ApiError } from '../api/ApiError';
import { errorAdvice } from './errorAdvice';

/** An error that says what happened (the message), what to do (by code) and offers a retry. */
export function ErrorBanner({
  title,
  error,
  onRetry,
  className,
}: {
  title: string;
  error: Pick<ApiError, 'code' | 'message'>;
  onRetry?: () => void;
  className?: string;
}) {
  return (
    <div className={`banner banner-error ${className ?? ''}`} role="alert">
      <div className="banner-text">
        <strong>{title}</strong>
        <p>
          {error.message} <span className="error-code">({error.code})</span>
        </p>
        <p className="banner-advice">{errorAdvice(error.code)}</p>
      </div>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
