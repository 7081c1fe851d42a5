import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp } from '../../components/OptionsApp';
import { ThemeRoot } from '../../components/ThemeRoot';
import '../../components/card.css';
import '../../components/options.css';
// The page's own marks preview uses the styles pages get.
import '../content/style.css';

render(
  <ThemeRoot>
    <OptionsApp version={browser.runtime.getManifest().version} />
  </ThemeRoot>,
  document.getElementById('app')!,
);
