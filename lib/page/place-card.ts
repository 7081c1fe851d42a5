/**
 * Where the card goes: below its code, flipped above or shifted sideways at the viewport's edges,
 * never taller than the room there is. Part of the card's lazily loaded UI (entrypoints/card-ui.tsx).
 */
import { computePosition, flip, offset, shift, size } from '@floating-ui/dom';

/** Gap between the code and the card, in CSS px. */
const CARD_OFFSET_PX = 6;
/** Closest the card comes to the viewport edge, in CSS px. */
const VIEWPORT_PADDING_PX = 8;
/** Least height the card is squeezed to, in CSS px; below that it scrolls. */
const MIN_HEIGHT_PX = 120;

/**
 * Positions the card host next to `anchor` (viewport coordinates). The position goes in as CSS
 * custom properties, which the host's `translate` reads and a page's `all: unset` cannot reset.
 */
export async function placeCard(anchor: DOMRect, host: HTMLElement): Promise<void> {
  const reference = { getBoundingClientRect: () => anchor };
  const { x, y } = await computePosition(reference, host, {
    strategy: 'fixed',
    placement: 'bottom-start',
    middleware: [
      offset(CARD_OFFSET_PX),
      flip({ padding: VIEWPORT_PADDING_PX }),
      shift({ padding: VIEWPORT_PADDING_PX }),
      size({
        padding: VIEWPORT_PADDING_PX,
        apply({ availableHeight, elements }) {
          elements.floating.style.setProperty(
            '--cdt-max-h',
            `${Math.max(MIN_HEIGHT_PX, availableHeight)}px`,
          );
        },
      }),
    ],
  });
  host.style.setProperty('--cdt-x', `${Math.round(x)}px`);
  host.style.setProperty('--cdt-y', `${Math.round(y)}px`);
}
