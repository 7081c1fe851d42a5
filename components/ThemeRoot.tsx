import type { ComponentChildren } from 'preact';
import { themeSetting } from '../lib/settings';
import { useSetting } from './use-setting';

/** The root of an extension page: card styles, and the user's theme (system, light or dark). */
export function ThemeRoot({ children }: { children: ComponentChildren }) {
  const [theme] = useSetting(themeSetting);
  return (
    <div class="cdt-root cdt-page" data-theme={theme ?? 'system'}>
      {children}
    </div>
  );
}
