import { describe, expect, it } from 'vitest';
import { checkFrameCard } from '../../lib/frame-cards';

const good = {
  props: { code: 'D4341', codes: ['D4341', 'D4342'] },
  rect: { x: 10, y: 20, width: 40, height: 16 },
  frame: { width: 500, height: 60 },
  url: 'about:srcdoc',
  pin: false,
  focus: true,
};

describe('frame card relay', () => {
  it('passes a well-formed request through', () => {
    expect(checkFrameCard(good)).toEqual(good);
  });

  it.each([
    ['not an object', 'D4341'],
    ['no code', { ...good, props: {} }],
    ['infinite box', { ...good, rect: { ...good.rect, x: Infinity } }],
    ['text in a box', { ...good, frame: { width: '500', height: 60 } }],
    ['no frame', { ...good, frame: null }],
  ])('refuses %s', (_, request) => {
    expect(checkFrameCard(request)).toBeUndefined();
  });

  it('bounds texts and drops what is not text', () => {
    const r = checkFrameCard({
      ...good,
      props: { code: 'D0120', query: 'x'.repeat(50_000), codes: [1, 'D0120'] },
      url: 42,
      pin: 'yes',
    })!;
    expect(r.props.query).toHaveLength(10_000);
    expect(r.props.codes).toEqual(['', 'D0120']);
    expect(r.url).toBe('');
    expect(r.pin).toBe(false);
  });
});
