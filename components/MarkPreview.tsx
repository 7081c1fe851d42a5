import { useEffect, useRef } from 'preact/hooks';
import { findCodes } from '../lib/detect/index';
import { type MarkStyle, createHighlighter } from '../lib/page/highlighter';

/** Sample claim text: two codes in force and a deleted one. */
const SAMPLE = 'Paid: D0120 and D2740. Denied: D1352, deleted code.';

/** A line of sample text marked exactly as pages are: same highlighter, same styles. */
export function MarkPreview({ style }: { style: MarkStyle }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const text = ref.current?.firstChild;
    if (!(text instanceof Text)) return;
    const highlighter = createHighlighter(window, style);
    highlighter.add(text, findCodes(SAMPLE));
    return () => highlighter.clear();
  }, [style.style, style.deletedWarnings]);
  return (
    <div class="cdt-preview">
      <p ref={ref} class="cdt-preview-text" data-testid="mark-preview">
        {SAMPLE}
      </p>
      {style.style === 'none' && (
        <p class="cdt-hint">Codes are not marked; pointing at one still opens its card.</p>
      )}
    </div>
  );
}
