import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ADA_NOTICE, CodeCard, SUMMARY_NOTICE } from '../../components/CodeCard';
import { HoverCard, type HoverCardProps } from '../../components/HoverCard';
import { codeView, type CodeView } from '../../lib/cdt/index';

const mount = document.createElement('div');
document.body.append(mount);
afterEach(() => render(null, mount));

function show(view: CodeView, onNavigate: (c: string) => void = () => undefined) {
  render(<CodeCard view={view} onNavigate={onNavigate} />, mount);
  return mount.textContent ?? '';
}

describe('CodeCard', () => {
  it('shows code, summary, category, relations and the notice', () => {
    const view = codeView('D0350')!;
    const text = show(view);
    expect(text).toContain('D0350');
    expect(text).toContain(view.entry!.summary);
    expect(text).toContain('Diagnostic ›');
    expect(text).toContain(SUMMARY_NOTICE);
    expect(mount.querySelectorAll('.cdt-related button').length).toBe(view.related.length);
  });

  it('shows an imported official descriptor as text, with the ADA notice, beside our summary', () => {
    const view = { ...codeView('D2740')!, official: '<img src=x onerror=alert(1)><b>Official</b>' };
    const text = show(view);
    expect(mount.querySelector('.cdt-official-text')?.textContent).toBe(view.official);
    expect(mount.querySelector('.cdt-official img, .cdt-official b')).toBeNull();
    expect(text).toContain(ADA_NOTICE);
    expect(text).toContain(view.entry!.summary);
    expect(show(codeView('D2740')!)).not.toContain(ADA_NOTICE);
  });

  it('steps to a related code when its link is chosen', () => {
    const seen: string[] = [];
    const view = codeView('D0350')!;
    show(view, (c) => seen.push(c));
    mount.querySelector<HTMLButtonElement>('.cdt-related button')!.click();
    expect(seen).toEqual([view.related[0]!.code]);
  });

  it('warns on a deleted code and names its replacement', () => {
    const text = show(codeView('D1352')!);
    expect(text).toContain('Deleted from CDT 2026');
    expect(text).toMatch(/Use D\d{4}/);
  });

  it('says in which code years a code is valid, where the data knows', () => {
    const base = codeView('D0120')!;
    const entry = { ...base.entry!, added: 2019 };
    expect(show({ ...base, entry })).toContain('In the code set since CDT 2019');
    const gone = { ...entry, status: 'deleted' as const, deletedIn: 2024, replacedBy: [] };
    expect(show({ ...base, entry: gone })).toContain('Valid CDT 2019–2023');
  });

  it('explains a well-formed code that is not in the bundled list', () => {
    const view: CodeView = { code: 'D0098', related: [], codeYear: 2026 };
    expect(show(view)).toContain('Not in the bundled CDT 2026 list');
  });

  it('renders data as text, never as markup', () => {
    const base = codeView('D0120')!;
    const hostile = '<img src=x onerror="globalThis.pwned=1"><b>bold</b>';
    const view: CodeView = { ...base, entry: { ...base.entry!, summary: hostile, note: hostile } };
    const text = show(view);
    expect(text).toContain(hostile);
    expect(mount.querySelector('img, b')).toBeNull();
  });
});

describe('HoverCard', () => {
  const never = () => new Promise<CodeView | null>(() => undefined);
  /** Renders the card for D0350 (details never coming unless `props` say otherwise). */
  const card = (props: Partial<HoverCardProps> = {}) => {
    render(
      <HoverCard
        code="D0350"
        lookup={never}
        onClose={() => undefined}
        onPinChange={() => undefined}
        {...props}
      />,
      mount,
    );
    return mount.textContent ?? '';
  };

  it('opens whole on a code whose details have come, with no placeholder', () => {
    const view = codeView('D0350')!;
    const text = card({ peek: (c) => (c === 'D0350' ? view : undefined) });
    expect(text).toContain(view.entry!.summary);
    expect(text).not.toContain('Looking up');
  });

  it('asks for the codes one step away once its own details show, and tells only of its own', async () => {
    const asked: string[] = [];
    const lookup = (c: string) => {
      asked.push(c);
      return Promise.resolve(codeView(c) ?? null);
    };
    const shown: string[] = [];
    const view = codeView('D0350')!;
    await act(() => {
      card({ codes: ['D0350', 'D0120'], lookup, onShown: (c) => shown.push(c) });
    });
    await act(() => Promise.resolve());
    expect(mount.textContent).toContain(view.entry!.summary);
    expect(view.related.length).toBeGreaterThan(0);
    expect(asked).toEqual(
      expect.arrayContaining(['D0350', 'D0120', ...view.related.map((r) => r.code)]),
    );
    // Only the code shown counts as a lookup (the recent lookups), not those asked for ahead.
    expect(shown).toEqual(['D0350']);
  });

  it('shows a code whose details came between its render and its effect', async () => {
    const start = codeView('D0350')!;
    const next = start.related[0]!.code;
    // The related code's details (asked for ahead) come just after the render that found none.
    let calls = 0;
    const peek = (c: string) =>
      c === 'D0350' ? start : c === next && calls++ > 0 ? codeView(c)! : undefined;
    await act(() => {
      card({ peek });
    });
    await act(() => mount.querySelector<HTMLButtonElement>('.cdt-related button')!.click());
    expect(mount.textContent).not.toContain('Looking up');
    expect(mount.textContent).toContain(codeView(next)!.entry!.summary);
  });

  it('says it is looking the code up while its details have not come', () => {
    expect(card({ peek: () => undefined })).toContain('Looking up D0350');
    render(null, mount);
    expect(card()).toContain('Looking up D0350');
  });
});
