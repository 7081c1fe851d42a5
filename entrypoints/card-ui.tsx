import { render } from 'preact';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { HoverCard } from '../components/HoverCard';
import { LookupCard } from '../components/LookupCard';
import cardCss from '../components/card.css?inline';
import type { CardUi } from '../lib/page/card-host';
import { CARD_UI_GLOBAL, type CardUiFactory } from '../lib/page/card-ui-loader';
import { HOST_CSS } from '../lib/page/card-host-css';
import { frameAnchor } from '../lib/page/frame-anchor';
import { placeCard } from '../lib/page/place-card';

/** The card's UI, imported by the content script on first need (lib/page/card-ui-loader.ts). */
export default defineUnlistedScript(() => {
  const factory: CardUiFactory = ({ lookup, peek, noteShown, search, openSearch }): CardUi => ({
    css: HOST_CSS + cardCss,
    place: placeCard,
    frameAnchor,
    render(mount, props) {
      if (props) mount.dataset.theme = props.theme;
      render(
        props &&
          (props.query !== undefined ? (
            <LookupCard
              query={props.query}
              search={search}
              lookup={lookup}
              onShown={noteShown}
              onClose={props.onClose}
            />
          ) : (
            <HoverCard
              key={props.code}
              {...props}
              lookup={lookup}
              peek={peek}
              onShown={noteShown}
              onSearchSimilar={openSearch}
            />
          )),
        mount,
      );
    },
  });
  Object.assign(globalThis, { [CARD_UI_GLOBAL]: factory });
});
