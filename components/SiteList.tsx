import { useState } from 'preact/hooks';
import { disabledSitesSetting, normaliseSite } from '../lib/settings';
import { useSetting } from './use-setting';

/** The sites where the extension is off: add (host, address or `*.domain`) and remove. */
export function SiteList() {
  const [sites, setSites] = useSetting(disabledSitesSetting);
  const [input, setInput] = useState('');
  const [error, setError] = useState('');
  const add = (e: Event) => {
    e.preventDefault();
    const site = normaliseSite(input);
    if (!site) {
      setError(
        `“${input.trim().slice(0, 60)}” is not a site: type a host such as portal.example.com, or *.example.com for all of a domain.`,
      );
      return;
    }
    if (sites?.includes(site)) {
      setError(`${site} is already in the list.`);
      return;
    }
    setError('');
    setInput('');
    void setSites([...(sites ?? []), site]);
  };
  return (
    <div>
      <form class="cdt-row" onSubmit={add}>
        <label for="site-input">Turn off on</label>
        <input
          id="site-input"
          class="cdt-input"
          value={input}
          placeholder="portal.example.com or *.example.com"
          aria-describedby={error ? 'site-error' : undefined}
          aria-invalid={error ? true : undefined}
          onInput={(e) => setInput((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="cdt-button">
          Add
        </button>
      </form>
      {error && (
        <p id="site-error" class="cdt-error" role="alert">
          {error}
        </p>
      )}
      {sites?.length === 0 && <p class="cdt-hint">CDT Lens runs on every site.</p>}
      <ul class="cdt-sites" aria-label="Sites where CDT Lens is off">
        {sites?.map((site) => (
          <li key={site}>
            <span>{site}</span>
            <button
              type="button"
              class="cdt-button"
              aria-label={`Remove ${site}`}
              onClick={() => void setSites(sites.filter((s) => s !== site))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
