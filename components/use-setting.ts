import { useEffect, useState } from 'preact/hooks';
import type { Setting } from '../lib/settings';

/**
 * A setting's current value (undefined until read) and a setter that stores it. Follows changes
 * made anywhere else (another options tab, the popup's site switch) as they happen.
 */
export function useSetting<T>(setting: Setting<T>): [T | undefined, (value: T) => Promise<void>] {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let live = true;
    void setting.get().then((v) => live && setValue(() => v));
    const unwatch = setting.watch((v) => setValue(() => v));
    return () => {
      live = false;
      unwatch();
    };
  }, [setting]);
  return [
    value,
    (v: T) => {
      setValue(() => v);
      return setting.set(v);
    },
  ];
}
