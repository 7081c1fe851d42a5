import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { HoverCard } from '../../components/HoverCard';
import cardCss from '../../components/card.css?inline';
import { findCodes } from '../../lib/detect/index';
import { checkText, onMessage, sendMessage } from '../../lib/messaging';
import { cacheLookups } from '../../lib/page/lookup-cache';
import { runPage } from '../../lib/page/run';
import './style.css';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  cssInjectionMode: 'manifest',
  async main(ctx) {
    const lookup = cacheLookups((code) => sendMessage('getCodeView', code));
    const page = await runPage(
      window,
      {
        detect: findCodes,
        cardCss,
        renderCard: (mount, props) =>
          render(props && <HoverCard key={props.code} {...props} lookup={lookup} />, mount),
      },
      ctx.signal,
    );
    ctx.onInvalidated(onMessage('showLookup', ({ data }) => page.showSelection(checkText(data))));
  },
});
