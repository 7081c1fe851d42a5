/**
 * The browser's own request log, for the no-network check: every request any target makes, the
 * extension's service worker and pages included. Chromium: a CDP `Network` session on every target
 * (pages, extension pages, the service worker), with the initiator's script URLs, so a request a
 * content script makes from a web page is told from the page's own. Firefox: WebDriver BiDi
 * `network.beforeRequestSent`, subscribed for the whole browser (web pages and moz-extension pages).
 */
import { type CDPSession, type Target, TargetType } from 'puppeteer-core';
import type { ExtensionBrowser } from './browsers';

/** One request as the browser logged it. */
export interface LoggedRequest {
  url: string;
  /** URL of the target (Chromium) or browsing context id (Firefox) it came from. */
  from: string;
  /** Script URLs on the initiator's stack (Chromium), or the initiator's type. */
  initiator: string[];
}

/** A running recorder: `requests` grows until `stop`. */
export interface NetworkLog {
  requests: LoggedRequest[];
  stop(): Promise<void>;
}

interface CdpInitiator {
  type: string;
  url?: string;
  stack?: { callFrames: { url: string }[]; parent?: CdpInitiator['stack'] };
}

function stackUrls(i: CdpInitiator): string[] {
  const urls = i.url ? [i.url] : [];
  for (let s = i.stack; s; s = s.parent) urls.push(...s.callFrames.map((f) => f.url));
  return urls;
}

/** Starts recording every request of `b`'s browser. */
export async function recordNetwork(b: ExtensionBrowser): Promise<NetworkLog> {
  const requests: LoggedRequest[] = [];
  if (b.name === 'chromium') {
    const sessions: CDPSession[] = [];
    const attach = async (target: Target) => {
      if (target.type() === TargetType.BROWSER) return;
      const session = await target.createCDPSession().catch(() => undefined);
      if (!session) return;
      sessions.push(session);
      session.on('Network.requestWillBeSent', (e) =>
        requests.push({
          url: e.request.url,
          from: target.url(),
          initiator: stackUrls(e.initiator as CdpInitiator),
        }),
      );
      await session.send('Network.enable').catch(() => undefined);
    };
    await Promise.all(b.browser.targets().map(attach));
    const onTarget = (t: Target) => void attach(t);
    b.browser.on('targetcreated', onTarget);
    return {
      requests,
      stop: async () => {
        b.browser.off('targetcreated', onTarget);
        await Promise.all(sessions.map((s) => s.detach().catch(() => undefined)));
      },
    };
  }
  // puppeteer's BiDi connection: its `send` reaches the browser, and it passes every event to the
  // emitters piped to it.
  const connection = (
    b.browser as unknown as {
      connection: {
        send(method: string, params: object): Promise<unknown>;
        pipeTo(emitter: { emit(type: string, event: unknown): void }): void;
      };
    }
  ).connection;
  let on = true;
  connection.pipeTo({
    emit(type, event) {
      if (!on || type !== 'network.beforeRequestSent') return;
      const e = event as {
        context: string | null;
        request: { url: string };
        initiator?: { type?: string };
      };
      requests.push({
        url: e.request.url,
        from: e.context ?? 'no browsing context',
        initiator: e.initiator?.type ? [e.initiator.type] : [],
      });
    },
  });
  await connection.send('session.subscribe', { events: ['network.beforeRequestSent'] });
  return {
    requests,
    stop: () => {
      on = false;
      return Promise.resolve();
    },
  };
}

/**
 * The requests that count as the extension's network traffic: anything that leaves for a server
 * other than the fixture server at `base`, and anything the extension's own scripts start (its
 * pages, its worker, a content script on a page's stack). Loading the extension's own files
 * (`chrome-extension://`, `moz-extension://`) and `data:`/`blob:` URLs are not network. In Firefox
 * the log names browsing contexts by id, not URL: there a request from an extension page to the
 * fixture server itself would pass (any other host is caught).
 */
export function extensionTraffic(log: LoggedRequest[], base: string): LoggedRequest[] {
  // The browser's own internal pages (chrome://, the headless omnibox) are not network either.
  const local =
    /^(chrome-extension|moz-extension|chrome|chrome-untrusted|devtools|data|blob|about):/;
  return log.filter(
    (r) =>
      !local.test(r.url) &&
      (!r.url.startsWith(base) ||
        /^(chrome|moz)-extension:/.test(r.from) ||
        r.initiator.some((u) => /^(chrome|moz)-extension:/.test(u))),
  );
}
