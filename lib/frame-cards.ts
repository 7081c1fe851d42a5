/**
 * Relays a small frame's card to its tab's top frame (frame 0), which shows it next to the frame
 * instead of clipped inside it. Frames cannot reach each other's content scripts directly across
 * origins; the background knows both.
 */
import { checkText, onMessage, sendMessage } from './messaging';
import type { FrameCardRequest } from './page/controller';

const isBox = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  Object.values(v).every((n) => typeof n === 'number' && Number.isFinite(n));

/** The request as the top frame may use it: numbers finite, texts bounded; undefined if malformed. */
export function checkFrameCard(v: unknown): FrameCardRequest | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  const props = r.props as Record<string, unknown> | null | undefined;
  if (!isBox(r.rect) || !isBox(r.frame) || typeof props?.code !== 'string') return undefined;
  return {
    props: {
      code: checkText(props.code),
      ...(Array.isArray(props.codes) && { codes: props.codes.map(checkText).slice(0, 100) }),
      ...(typeof props.query === 'string' && { query: checkText(props.query) }),
    },
    rect: r.rect as FrameCardRequest['rect'],
    frame: r.frame as FrameCardRequest['frame'],
    url: checkText(r.url),
    pin: r.pin === true,
    focus: r.focus === true,
  };
}

/** Answers the frames' relay messages; returns a function that stops answering. */
export function serveFrameCards(): () => void {
  const stops = [
    onMessage('openCardInTop', async ({ data, sender }) => {
      const request = checkFrameCard(data);
      const tabId = sender.tab?.id;
      if (!request || tabId === undefined || !sender.frameId) return false;
      return sendMessage('openCardInTop', request, { tabId, frameId: 0 }).catch(() => false);
    }),
    onMessage('closeCardInTop', async ({ data, sender }) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !sender.frameId) return;
      await sendMessage('closeCardInTop', data, { tabId, frameId: 0 }).catch(() => undefined);
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
