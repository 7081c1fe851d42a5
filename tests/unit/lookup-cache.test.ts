import { describe, expect, it } from 'vitest';
import { codeView, type CodeView } from '../../lib/cdt/index';
import { cacheLookups } from '../../lib/page/lookup-cache';

/** A fetch whose answers the test gives, counting the messages it would send. */
function controlled() {
  const pending = new Map<string, { resolve: (v: CodeView | null) => void; reject: () => void }>();
  let asked = 0;
  const fetch = (code: string) =>
    new Promise<CodeView | null>((resolve, reject) => {
      asked++;
      pending.set(code, { resolve, reject: () => reject(new Error('no background')) });
    });
  return { fetch, pending, asked: () => asked };
}

describe('lookup cache', () => {
  it('asks once per code, and knows the answer once it has come', async () => {
    const f = controlled();
    const lookup = cacheLookups(f.fetch);
    const first = lookup('D0120');
    expect(lookup('D0120')).toBe(first);
    expect(lookup.peek('D0120')).toBeUndefined();
    f.pending.get('D0120')!.resolve(codeView('D0120')!);
    await first;
    expect(lookup.peek('D0120')?.code).toBe('D0120');
    expect(f.asked()).toBe(1);
  });

  it('keeps no failed answer: the next lookup asks again', async () => {
    const f = controlled();
    const lookup = cacheLookups(f.fetch);
    const failed = lookup('D2740');
    f.pending.get('D2740')!.reject();
    await expect(failed).rejects.toThrow('no background');
    expect(lookup.peek('D2740')).toBeUndefined();
    void lookup('D2740');
    expect(f.asked()).toBe(2);
  });

  it('forgets every answer on clear, one still coming included', async () => {
    const f = controlled();
    const lookup = cacheLookups(f.fetch);
    const done = lookup('D0120');
    f.pending.get('D0120')!.resolve(codeView('D0120')!);
    await done;
    const late = lookup('D1110');
    lookup.clear();
    expect(lookup.peek('D0120')).toBeUndefined();
    f.pending.get('D1110')!.resolve(codeView('D1110')!);
    await late;
    expect(lookup.peek('D1110')).toBeUndefined();
    void lookup('D0120');
    expect(f.asked()).toBe(3);
  });
});
