// The search page of the pemda theme (/cari/), on the API of Pagefind's pagefind.js:
// the regency's one index lives on the portal; an OPD site's page keeps to its own
// pages with the `alamat` filter. Loaded only by cari.html; without it the page shows
// the directory and the catalogue instead.
const form = document.getElementById('cari');
const field = document.getElementById('cari-q');
const situs = document.getElementById('cari-situs');
const jenis = document.getElementById('cari-jenis');
const status = document.getElementById('cari-status');
const list = document.getElementById('cari-hasil');
const alamat = form.dataset.alamat;
const SHOWN = 20;
let pagefind = null;
let asked = 0;

const say = (text) => { status.textContent = text; };

function tanggal(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso
    : d.toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

// An excerpt as text, with Pagefind's <mark> kept and nothing else taken as markup.
function excerpt(html) {
  const p = document.createElement('p');
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  for (const node of doc.body.childNodes) {
    if (node.nodeName === 'MARK') {
      const m = document.createElement('mark');
      m.textContent = node.textContent;
      p.append(m);
    } else {
      p.append(node.textContent);
    }
  }
  return p;
}

function item(data) {
  const li = document.createElement('li');
  const h = document.createElement('h2');
  const a = document.createElement('a');
  a.href = data.url;
  a.textContent = data.meta.title || data.url;
  h.append(a);
  const meta = document.createElement('p');
  meta.className = 'cari-meta';
  meta.textContent = [data.meta.situs, data.meta.tanggal && tanggal(data.meta.tanggal)].filter(Boolean).join(' · ');
  li.append(h, meta, excerpt(data.excerpt));
  return li;
}

async function load() {
  if (!pagefind) {
    pagefind = await import(form.dataset.indeks);
    await pagefind.options({ excerptLength: 24, noWorker: true });
    await pagefind.init();
    if (situs) {
      const filters = await pagefind.filters();
      for (const name of Object.keys(filters.situs || {}).sort()) situs.add(new Option(name, name));
      const wanted = new URLSearchParams(location.search).get('situs');
      if (wanted) situs.value = wanted;
    }
  }
  return pagefind;
}

async function run() {
  const q = field.value.trim();
  const mine = ++asked;
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (situs && situs.value) params.set('situs', situs.value);
  if (jenis.value) params.set('jenis', jenis.value);
  history.replaceState(null, '', params.size ? `?${params}` : location.pathname);
  if (!q) { list.replaceChildren(); say(''); return; }
  say('Mencari…');
  try {
    const pf = await load();
    const filters = {};
    if (alamat) filters.alamat = alamat;
    if (situs && situs.value) filters.situs = situs.value;
    if (jenis.value) filters.jenis = jenis.value;
    const found = await pf.search(q, { filters });
    const data = await Promise.all(found.results.slice(0, SHOWN).map((r) => r.data()));
    if (mine !== asked) return;
    list.replaceChildren(...data.map(item));
    const n = found.results.length;
    say(n === 0 ? `Tidak ada hasil untuk “${q}”.`
      : `${n} hasil untuk “${q}”${n > SHOWN ? `, ${SHOWN} teratas ditampilkan` : ''}.`);
  } catch (e) {
    if (mine === asked) say('Pencarian tidak dapat dimuat. Coba lagi nanti, atau gunakan tautan di bawah.');
    document.getElementById('tanpa-skrip').hidden = false;
  }
}

let timer = 0;
const soon = () => { clearTimeout(timer); timer = setTimeout(run, 250); };
form.addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(timer); run(); });
field.addEventListener('input', soon);
for (const s of [situs, jenis]) if (s) s.addEventListener('change', run);

// Shown only once the script runs: without it the form could not search.
form.classList.remove('menunggu-skrip');
document.getElementById('tanpa-skrip').hidden = true;
const start = new URLSearchParams(location.search);
field.value = start.get('q') || '';
if (start.get('jenis')) jenis.value = start.get('jenis');
if (field.value) run(); else field.focus();
