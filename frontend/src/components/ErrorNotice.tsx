interface ErrorNoticeProps {
  message: string;
  /** Offers a retry button; omitted while a retry is already on its way. */
  onRetry?: () => void;
}

/** A failed request, announced to screen readers as it appears. */
export function ErrorNotice({ message, onRetry }: ErrorNoticeProps) {
  return (
    <div className="error-notice" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
