import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/PopupApp';
import { ThemeRoot } from '../../components/ThemeRoot';
import '../../components/card.css';
import '../../components/popup.css';
import { takePendingQuery } from '../../lib/context-menu';
import { sendMessage } from '../../lib/messaging';
import { disabledSitesSetting, siteMatches } from '../../lib/settings';

const initialQuery = new URLSearchParams(location.search).get('q') ?? (await takePendingQuery());
// The tab the popup is about: the active one, or `?tab=` when opened as a page for a given tab.
// Not awaited: the search box renders at once, the page's codes arrive when they do.
const tabParam = Number(new URLSearchParams(location.search).get('tab'));
const tabId: Promise<number> = tabParam
  ? Promise.resolve(tabParam)
  : browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab?.id ?? -1);
const tabCodes = tabId.then((id) => sendMessage('getTabCodes', id));
const site = Promise.all([tabCodes, disabledSitesSetting.get()]).then(([{ host }, sites]) => ({
  host,
  on: !siteMatches(host, sites),
}));

render(
  <ThemeRoot>
    <PopupApp
      initialQuery={initialQuery}
      search={(q) => sendMessage('searchCodes', q)}
      lookup={(code) => sendMessage('getCodeView', code)}
      onShown={(code) => void sendMessage('noteLookup', code).catch(() => undefined)}
      page={{
        load: () => tabCodes,
        reveal: (code) => tabId.then((id) => sendMessage('revealCode', { tabId: id, code })),
      }}
      browse={{ load: () => sendMessage('browseCodes', undefined) }}
      onClearRecent={() => sendMessage('clearRecent', undefined)}
      site={site}
      toggleSite={async (host, on) => {
        const rest = (await disabledSitesSetting.get()).filter((p) => p !== host);
        await disabledSitesSetting.set(on ? rest : [...rest, host]);
      }}
      openOptions={() => void browser.runtime.openOptionsPage().then(() => window.close())}
    />
  </ThemeRoot>,
  document.getElementById('app')!,
);
