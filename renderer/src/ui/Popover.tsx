/**
 * A button that opens a small panel below it (column chooser, group by, Open…). Esc or a click
 * outside closes it and gives the focus back to the button; the panel is a labelled, non-modal dialog.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export function Popover({
  label,
  button,
  children,
  align = 'left',
  className,
  buttonClassName,
}: {
  /** The dialog's accessible name (and the button's tooltip). */
  label: string;
  button: ReactNode;
  children: (close: () => void) => ReactNode;
  align?: 'left' | 'right';
  className?: string;
  buttonClassName?: string;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const triggerId = useId();
  const wrapper = useRef<HTMLDivElement>(null);

  const close = (): void => {
    setOpen(false);
    document.getElementById(triggerId)?.focus();
  };

  useEffect(() => {
    if (!open) return undefined;
    const onPointer = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  return (
    <div className="popover-wrap" ref={wrapper}>
      <button
        id={triggerId}
        type="button"
        className={buttonClassName ?? 'button'}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        title={label}
        onClick={() => setOpen((o) => !o)}
      >
        {button}
      </button>
      {open && (
        <div
          id={id}
          role="dialog"
          aria-label={label}
          className={`popover popover-${align} ${className ?? ''}`}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.stopPropagation();
            close();
          }}
        >
          {children(close)}
        </div>
      )}
    </div>
  );
}
