import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { dataFacts } from '../lib/cdt/code-set';
import { applySettings, exportSettings, parseSettingsFile } from '../lib/settings-file';
import {
  DELAY_RANGE,
  HIGHLIGHT_STYLES,
  type HighlightStyle,
  MODIFIERS,
  type Modifier,
  THEMES,
  type Theme,
  badgeSetting,
  deletedWarningsSetting,
  enabledSetting,
  highlightStyleSetting,
  hoverTriggerSetting,
  pdfTakeoverSetting,
  themeSetting,
} from '../lib/settings';
import { FileInput } from './FileInput';
import { LicensedImport } from './LicensedImport';
import { MarkPreview } from './MarkPreview';
import { SiteList } from './SiteList';
import { useSetting } from './use-setting';

const STYLE_LABEL: Record<HighlightStyle, string> = {
  underline: 'Dotted underline',
  background: 'Tinted background',
  none: 'Not marked',
};
const THEME_LABEL: Record<Theme, string> = {
  system: 'Follow the system',
  light: 'Light',
  dark: 'Dark',
};
const MODIFIER_LABEL: Record<Modifier, string> = {
  none: 'No key: on hover',
  Alt: 'Alt (Option)',
  Control: 'Ctrl',
  Shift: 'Shift',
  Meta: 'Meta (⌘ / Windows)',
};

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section class="cdt-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A radio group over a setting's values. */
function Choice<T extends string>({
  legend,
  name,
  values,
  labels,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  values: readonly T[];
  labels: Record<T, string>;
  value: T | undefined;
  onChange: (v: T) => void;
}) {
  return (
    <fieldset class="cdt-choice">
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v}>
          <input
            type="radio"
            name={name}
            value={v}
            checked={value === v}
            onChange={() => onChange(v)}
          />{' '}
          {labels[v]}
        </label>
      ))}
    </fieldset>
  );
}

function Toggle({
  label,
  value,
  onChange,
}: {
  label: string;
  value: boolean | undefined;
  onChange: (v: boolean) => void;
}) {
  return (
    <label class="cdt-toggle">
      <input
        type="checkbox"
        checked={value ?? false}
        onChange={(e) => onChange((e.target as HTMLInputElement).checked)}
      />{' '}
      {label}
    </label>
  );
}

function HoverSettings() {
  const [trigger, setTrigger] = useSetting(hoverTriggerSetting);
  const [delay, setDelay] = useState<string>();
  const shown = delay ?? String(trigger?.delayMs ?? '');
  const valid = (n: number) => Number.isInteger(n) && n >= DELAY_RANGE.min && n <= DELAY_RANGE.max;
  return (
    <div>
      <div class="cdt-row">
        <label for="hover-delay">Open the card after pointing for</label>
        <input
          id="hover-delay"
          class="cdt-input cdt-number"
          type="number"
          min={DELAY_RANGE.min}
          max={DELAY_RANGE.max}
          step={50}
          value={shown}
          aria-describedby="hover-delay-hint"
          onInput={(e) => {
            const text = (e.target as HTMLInputElement).value;
            setDelay(text);
            const n = Number(text);
            if (trigger && text !== '' && valid(n)) void setTrigger({ ...trigger, delayMs: n });
          }}
        />
        <span>ms</span>
      </div>
      <p id="hover-delay-hint" class={valid(Number(shown)) ? 'cdt-hint' : 'cdt-error'}>
        {DELAY_RANGE.min}–{DELAY_RANGE.max} ms. Shorter flashes cards as the pointer crosses a
        table; 250 ms is the default.
      </p>
      <div class="cdt-row">
        <label for="hover-modifier">Only while holding</label>
        <select
          id="hover-modifier"
          value={trigger?.modifier}
          onChange={(e) =>
            trigger &&
            void setTrigger({
              ...trigger,
              modifier: (e.target as HTMLSelectElement).value as Modifier,
            })
          }
        >
          {MODIFIERS.map((m) => (
            <option key={m} value={m}>
              {MODIFIER_LABEL[m]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function Backup() {
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  const download = async () => {
    const url = URL.createObjectURL(
      new Blob([await exportSettings()], { type: 'application/json' }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = 'cdt-lens-settings.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const load = async (file: File | undefined) => {
    if (!file) return;
    try {
      const { values, ignored } = parseSettingsFile(await file.text());
      await applySettings(values);
      setMessage({
        error: false,
        text: `Imported ${Object.keys(values).length} settings from ${file.name}.${ignored.length ? ` Ignored unknown: ${ignored.join(', ')}.` : ''}`,
      });
    } catch (e) {
      setMessage({ error: true, text: `${file.name}: ${(e as Error).message}` });
    }
  };
  return (
    <div>
      <div class="cdt-row">
        <button type="button" class="cdt-button" onClick={() => void download()}>
          Export settings
        </button>
        <label class="cdt-button cdt-file-button">
          Import settings…
          <FileInput accept=".json,application/json" testId="settings-file" onFile={load} />
        </label>
      </div>
      {message && (
        <p
          class={message.error ? 'cdt-error' : 'cdt-hint'}
          role={message.error ? 'alert' : 'status'}
          data-testid="backup-message"
        >
          {message.text}
        </p>
      )}
    </div>
  );
}

/** The options page: every setting, applied live in open tabs, and the licensed import. */
export function OptionsApp({ version }: { version: string }) {
  const facts = dataFacts();
  const [enabled, setEnabled] = useSetting(enabledSetting);
  const [style, setStyle] = useSetting(highlightStyleSetting);
  const [theme, setTheme] = useSetting(themeSetting);
  const [deleted, setDeleted] = useSetting(deletedWarningsSetting);
  const [badge, setBadge] = useSetting(badgeSetting);
  const [pdfTakeover, setPdfTakeover] = useSetting(pdfTakeoverSetting);
  return (
    <main class="cdt-options">
      <h1>CDT Lens settings</h1>
      <p class="cdt-hint">Changes apply at once, in every open tab.</p>
      <Section title="On or off">
        <Toggle
          label="Mark and explain CDT codes on web pages"
          value={enabled}
          onChange={(v) => void setEnabled(v)}
        />
      </Section>
      <Section title="Sites where it is off">
        <SiteList />
      </Section>
      <Section title="Marking">
        <Choice
          legend="How codes are marked"
          name="highlight-style"
          values={HIGHLIGHT_STYLES}
          labels={STYLE_LABEL}
          value={style}
          onChange={(v) => void setStyle(v)}
        />
        <Toggle
          label="Mark deleted codes in red and warn in the card"
          value={deleted}
          onChange={(v) => void setDeleted(v)}
        />
        {style && deleted !== undefined && (
          <MarkPreview style={{ style, deletedWarnings: deleted }} />
        )}
      </Section>
      <Section title="Hover card">
        <HoverSettings />
      </Section>
      <Section title="Look">
        <Choice
          legend="Theme of cards, popup and this page"
          name="theme"
          values={THEMES}
          labels={THEME_LABEL}
          value={theme}
          onChange={(v) => void setTheme(v)}
        />
        <Toggle
          label="Show how many codes a page has on the toolbar button"
          value={badge}
          onChange={(v) => void setBadge(v)}
        />
      </Section>
      <Section title="PDF files">
        <Toggle
          label="Open links to PDF files in the code-aware PDF viewer"
          value={pdfTakeover}
          onChange={(v) => void setPdfTakeover(v)}
        />
        <p class="cdt-hint">
          The viewer marks and explains codes in EOBs and fee schedules; its “Browser viewer” link
          goes back to the browser&apos;s own. Ctrl-click still opens the browser&apos;s viewer.
        </p>
      </Section>
      <Section title="Official descriptors">
        <LicensedImport />
      </Section>
      <Section title="Back up settings">
        <Backup />
      </Section>
      <Section title="About">
        <p data-testid="about">
          CDT Lens {version}. Data {facts.dataVersion} for CDT {facts.codeYear}: {facts.active}{' '}
          codes in force and {facts.deleted} deleted codes.
        </p>
        <p>
          The summaries are CDT Lens&apos;s own plain-language words, not the ADA&apos;s
          descriptors. CDT (Current Dental Terminology) is © American Dental Association; official
          descriptors appear only when you import a file you are licensed to use. Nothing you import
          or look up leaves this browser: CDT Lens makes no network requests.
        </p>
      </Section>
    </main>
  );
}
