/**
 * Generated pages for the page benchmark and the soak: claims tables of any size in the markup of
 * an insurer portal, and a long article with no codes. Written to tests/fixtures/pages/.gen/
 * (git-ignored) and served by the harness's static server.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Folder for generated pages, under the served fixtures. */
export const GEN_DIR = resolve(import.meta.dirname, '../fixtures/pages/.gen');

/**
 * Procedure lines as a portal lists them: a code and a short description, written in our own words
 * like every text here (never the nomenclature's; D1352 is deleted).
 */
const LINES: [string, string][] = [
  ['D0120', 'Routine recall exam'],
  ['D0150', 'Full exam, new patient'],
  ['D0210', 'Full set of mouth X-rays'],
  ['D0274', 'Four bite-wing X-rays'],
  ['D0330', 'Whole-jaw X-ray'],
  ['D1110', 'Cleaning, grown-up'],
  ['D1120', 'Cleaning, kid'],
  ['D1206', 'Fluoride painted on'],
  ['D1352', 'Sealed pit, small cavity'],
  ['D2140', 'Silver filling, 1 side'],
  ['D2150', 'Silver filling, 2 sides'],
  ['D2391', 'White filling, back tooth, 1 side'],
  ['D2392', 'White filling, back tooth, 2 sides'],
  ['D2740', 'All-ceramic cap, tooth 8'],
  ['D2750', 'Metal-backed porcelain cap, tooth 30'],
  ['D2950', 'Core rebuilt under the cap'],
  ['D3310', 'Root canal, front tooth'],
  ['D3330', 'Root canal, back molar'],
  ['D4341', 'Deep clean below the gums, four teeth and up in the quarter'],
  ['D4342', 'Deep clean below the gums, up to three teeth in the quarter'],
  ['D4910', 'Gum-care recall after deep clean'],
  ['D7140', 'Tooth taken out, simple'],
  ['D7210', 'Tooth taken out with surgery'],
  ['D9110', 'Emergency visit for toothache'],
];
const NAMES = ['Rivera, J.', 'Nguyen, T.', 'Okafor, A.', 'Schmidt, L.', 'Haddad, R.', 'Kim, S.'];
const STATUS = ['Paid', 'Pending', 'Denied', 'Paid', 'Adjusted'];

/** Codes per row: the procedure cell, and two more in the adjudication note. */
export const CODES_PER_ROW = 3;

/** One claim line in portal markup: links, badges, numbers, a note naming two more codes. */
function row(i: number): string {
  const [code, what] = LINES[i % LINES.length]!;
  const [a] = LINES[(i * 7 + 3) % LINES.length]!;
  const [b] = LINES[(i * 11 + 5) % LINES.length]!;
  const fee = (40 + ((i * 37) % 1900)).toFixed(2);
  const day = String(1 + (i % 28)).padStart(2, '0');
  return (
    `<tr><td><input type="checkbox" aria-label="Select line ${i + 1}"></td>` +
    `<td><a href="#c${i}">CLM-2026-${String(i).padStart(7, '0')}</a></td>` +
    `<td>${NAMES[i % NAMES.length]}</td><td>04/${day}/2026</td>` +
    `<td class="code">${code}</td><td>${what}</td><td class="num">$${fee}</td>` +
    `<td><span class="badge">${STATUS[i % STATUS.length]}</span></td>` +
    `<td>Bundled with ${a}; see also ${b}</td></tr>\n`
  );
}

/** HTML of a claims table with `rows` lines (three codes each). */
export function claimsTable(rows: number): string {
  const head =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Claims – benchmark</title>' +
    '<link rel="stylesheet" href="../portal.css"></head><body>' +
    '<header class="bar"><strong>Example Dental Benefits</strong> · Provider portal</header>' +
    `<main><h1>Claim lines (${rows})</h1><table id="claims"><thead><tr><th></th><th>Claim</th>` +
    '<th>Patient</th><th>Date</th><th>Code</th><th>Description</th><th>Billed</th>' +
    '<th>Status</th><th>Note</th></tr></thead><tbody>\n';
  const body: string[] = [];
  for (let i = 0; i < rows; i++) body.push(row(i));
  return `${head}${body.join('')}</tbody></table></main></body></html>\n`;
}

const PROSE = [
  'Daily brushing with a fluoride toothpaste and cleaning between the teeth remain the foundation of good oral health. ',
  'Dentists recommend a check-up at an interval that depends on the individual risk of decay and gum disease. ',
  'Diet matters too: frequent snacks and sweetened drinks feed the bacteria that produce acids on the tooth surface. ',
  'Dental sealants protect the chewing surfaces of the back teeth, where grooves trap food and plaque. ',
  'Discuss any medication with the dental team, since some drugs reduce saliva and raise the risk of cavities. ',
];

/** HTML of an article of about `bytes` of text with no code at all (a health blog, a policy). */
export function article(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = `<p>${PROSE[i % PROSE.length]}${PROSE[(i + 2) % PROSE.length]}${PROSE[(i + 4) % PROSE.length]}</p>\n`;
    parts.push(i % 12 === 0 ? `<h2>Part ${i / 12 + 1}: keeping teeth healthy</h2>\n${p}` : p);
    size += p.length;
  }
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article – benchmark</title>' +
    `</head><body><main><h1>A guide to healthy teeth</h1>${parts.join('')}</main></body></html>\n`
  );
}

/** Writes the pages and returns their paths relative to the served fixtures folder. */
export function writePages(rows: number[]): { claims: Map<number, string>; article: string } {
  mkdirSync(GEN_DIR, { recursive: true });
  const claims = new Map<number, string>();
  for (const n of rows) {
    writeFileSync(join(GEN_DIR, `claims-${n}.html`), claimsTable(n));
    claims.set(n, `/.gen/claims-${n}.html`);
  }
  writeFileSync(join(GEN_DIR, 'article-200k.html'), article(200_000));
  return { claims, article: '/.gen/article-200k.html' };
}

/** Codes the soak pages write: current codes only, so every code on the page must be marked. */
const SOAK_CODES = LINES.map(([c]) => c).filter((c) => c !== 'D1352');

/**
 * A claims table of `rows` lines whose script can storm it: `window.storm.run(perSecond, ms)`
 * changes text (codes in and out) and replaces whole rows, `perSecond` changes a second in 10 ms
 * ticks, and resolves with the page's own figures: frames painted, and its ticks' own time.
 */
export function stormPage(rows: number): string {
  const body = Array.from({ length: rows }, (_, i) => row(i)).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Storm</title>
<link rel="stylesheet" href="../portal.css"></head><body><main><h1>Live claims board</h1>
<table id="claims"><tbody>${body}</tbody></table></main><script>
const CODES = ${JSON.stringify(SOAK_CODES)};
const tbody = document.querySelector('#claims tbody');
let k = 0;
function change() {
  k++;
  const tr = tbody.children[k % tbody.children.length];
  if (k % 4 === 0) {
    const fresh = document.createElement('tr');
    fresh.innerHTML = '<td></td><td>CLM-' + k + '</td><td>Rivera, J.</td><td>04/18/2026</td><td class="code">' +
      CODES[k % CODES.length] + '</td><td>Updated line</td><td class="num">$' + (k % 900) + '.00</td>' +
      '<td><span class="badge">Pending</span></td><td>Bundled with ' + CODES[(k * 3) % CODES.length] + '</td>';
    tr.replaceWith(fresh);
  } else {
    const cell = tr.children[k % 2 ? 4 : 8];
    cell.firstChild.data = k % 2 ? CODES[k % CODES.length] : 'Bundled with ' + CODES[(k * 7) % CODES.length] + '; see also ' + CODES[(k * 5) % CODES.length];
  }
}
const inputDelays = [];
addEventListener('keydown', (e) => inputDelays.push(performance.now() - e.timeStamp));
window.storm = {
  inputDelays,
  run(perSecond, ms) {
    return new Promise((resolve) => {
      let frames = 0, work = 0, changes = 0;
      const start = performance.now();
      const frame = () => { frames++; if (performance.now() - start < ms) requestAnimationFrame(frame); };
      requestAnimationFrame(frame);
      const timer = setInterval(() => {
        const t = performance.now();
        const due = Math.min(perSecond * (t - start) / 1000, perSecond * ms / 1000) - changes;
        for (let i = 0; i < due; i++) { change(); changes++; }
        work += performance.now() - t;
        if (t - start >= ms) {
          clearInterval(timer);
          resolve({ fps: frames / (ms / 1000), changes, workMs: work, elapsedMs: performance.now() - start });
        }
      }, 10);
    });
  },
};
</script></body></html>
`;
}

/**
 * A single-page app: `window.app.go(n)` renders "page" n (a heading and 30 claim lines) in place of
 * the last, and pushes a history entry, as a portal's router does.
 */
export function sessionPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title>
<link rel="stylesheet" href="../portal.css"></head><body><nav>Claims · Eligibility · Remittances</nav>
<main id="view"></main><script>
const CODES = ${JSON.stringify(SOAK_CODES)};
const view = document.getElementById('view');
window.app = {
  go(n) {
    let html = '<h1>Claim batch ' + n + '</h1><table id="claims"><tbody>';
    for (let i = 0; i < 30; i++)
      html += '<tr><td>CLM-' + n + '-' + i + '</td><td class="code">' + CODES[(n + i) % CODES.length] +
        '</td><td>Line ' + i + '</td><td>See ' + CODES[(n * 3 + i) % CODES.length] + '</td></tr>';
    view.innerHTML = html + '</tbody></table>';
    history.pushState({ n }, '', '?batch=' + n);
  },
};
app.go(0);
</script></body></html>
`;
}

/** Writes the soak's pages; returns their served paths. */
export function writeSoakPages(): { storm: string; session: string } {
  mkdirSync(GEN_DIR, { recursive: true });
  // Rows that fit within the marks' registration margin (a screen below the viewport).
  writeFileSync(join(GEN_DIR, 'storm.html'), stormPage(24));
  writeFileSync(join(GEN_DIR, 'session.html'), sessionPage());
  return { storm: '/.gen/storm.html', session: '/.gen/session.html' };
}
