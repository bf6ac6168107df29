// The search page of the pemda theme (/cari/), on laman's search script (indeks.js,
// written beside the index; see docs/search-format.md): the regency's one index lives
// on the portal; an OPD site's page keeps to its own pages with the `alamat` filter.
// Loaded only by cari.html; without it the page shows the directory and the catalogue
// instead.
const form = document.getElementById('cari');
const field = document.getElementById('cari-q');
const situs = document.getElementById('cari-situs');
const jenis = document.getElementById('cari-jenis');
const status = document.getElementById('cari-status');
const list = document.getElementById('cari-hasil');
const alamat = form.dataset.alamat;
// The header's search field (base.html) shows what is searched for, as a results page should.
const header = document.getElementById('cari-kepala');
const SHOWN = 20;
let indeks = null;
let asked = 0;

const say = (text) => { status.textContent = text; };

function tanggal(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso
    : d.toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

// An excerpt from its [text, marked] pieces: text only, the query's words in <mark>.
function excerpt(pieces) {
  const p = document.createElement('p');
  for (const [text, marked] of pieces) {
    if (marked) {
      const m = document.createElement('mark');
      m.textContent = text;
      p.append(m);
    } else {
      p.append(text);
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
  if (!indeks) {
    const loaded = await import(form.dataset.indeks);
    await loaded.init();
    indeks = loaded;
    if (situs) {
      const filters = await indeks.filters();
      for (const name of Object.keys(filters.situs || {}).sort()) situs.add(new Option(name, name));
      const wanted = new URLSearchParams(location.search).get('situs');
      if (wanted) situs.value = wanted;
    }
  }
  return indeks;
}

async function run() {
  const q = field.value.trim();
  const mine = ++asked;
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (situs && situs.value) params.set('situs', situs.value);
  if (jenis.value) params.set('jenis', jenis.value);
  history.replaceState(null, '', params.size ? `?${params}` : location.pathname);
  if (header) header.value = q;
  if (!q) { list.replaceChildren(); say(''); return; }
  say('Mencari…');
  try {
    const ix = await load();
    const filters = {};
    if (alamat) filters.alamat = alamat;
    if (situs && situs.value) filters.situs = situs.value;
    if (jenis.value) filters.jenis = jenis.value;
    const found = await ix.search(q, { filters });
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
if (header) header.value = field.value;
if (start.get('jenis')) jenis.value = start.get('jenis');
if (field.value) run(); else field.focus();
