/**
 * Build step that removes Preact's one HTML sink: the `dangerouslySetInnerHTML` branch that
 * assigns `innerHTML`. The extension renders text only, so the branch becomes a TypeError, and the
 * shipped code has no `innerHTML` assignment for add-on review to flag. Fails the build if Preact's
 * code changes shape, so an update cannot quietly bring the sink back.
 */
import type { Plugin } from 'vite';

/** Preact's minified `(dom.innerHTML = props.__html)`. */
const SINK = /\((\w+)\.innerHTML=(\w+)\.__html\)/g;

export function textOnly(): Plugin {
  return {
    name: 'text-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.m?js$/.test(id)) return undefined;
      const out = code.replace(
        SINK,
        '(()=>{throw new TypeError("CDT Lens renders text only: dangerouslySetInnerHTML is disabled")})()',
      );
      if (out === code || /\.innerHTML\s*=/.test(out))
        this.error(
          `${id}: Preact's innerHTML sink has changed shape; update lib/build/text-only.ts`,
        );
      return { code: out, map: null };
    },
  };
}
