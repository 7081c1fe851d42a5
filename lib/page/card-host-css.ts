/** The card host's own rules, shipped with the card's lazily loaded UI (entrypoints/card-ui.tsx). */

/**
 * Host rules that win over any page rule: inside a shadow root, `!important` on `:host` beats the
 * page's `!important` (cascade order reverses for important declarations).
 */
export const HOST_CSS = `:host {
  all: initial !important;
  position: fixed !important;
  inset: auto !important;
  top: 0 !important;
  left: 0 !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  background: transparent !important;
  overflow: visible !important;
  z-index: 2147483647 !important;
  display: block !important;
  width: max-content !important;
  max-width: min(420px, calc(100vw - 16px)) !important;
  pointer-events: auto !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  zoom: var(--cdt-zoom, 1) !important;
  /* Position, size and zoom come in as custom properties, which \`all\` does not reset. */
  translate: var(--cdt-x, 0) var(--cdt-y, 0) !important;
  max-height: var(--cdt-max-h, 70vh) !important;
}
:host(:not(:popover-open)) { display: none !important; }
/* A printed page is the page alone. */
@media print { :host { display: none !important; } }
/* The room the host has is the panel's too (it scrolls beyond that). */
.cdt-root { max-height: inherit; }
`;
