import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { HoverCard } from '../../components/HoverCard';
import cardCss from '../../components/card.css?inline';
import { findCodes } from '../../lib/detect/index';
import { checkText, onMessage, sendMessage } from '../../lib/messaging';
import { startPage } from '../../lib/page/controller';
import { cacheLookups } from '../../lib/page/lookup-cache';
import './style.css';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  cssInjectionMode: 'manifest',
  main(ctx) {
    const lookup = cacheLookups((code) => sendMessage('getCodeView', code));
    const page = startPage(
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
