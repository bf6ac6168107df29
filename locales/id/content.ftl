# Konten: keterangan halaman (front matter), pengaturan situs, folder dan halaman.

fm-field = Keterangan halaman (front matter) tidak sesuai: { $detail }
fm-unknown-field = Keterangan halaman (front matter) berisi nama `{ $field }` yang tidak dikenal.
fm-unknown-field-near = Maksud Anda `{ $near }`? Nama tambahan milik Anda sendiri ditaruh di bawah `extra` ([extra] di TOML).
fm-unknown-field-help = Periksa ejaannya (nama yang dikenal: { $fields }). Nama tambahan milik Anda sendiri ditaruh di bawah `extra` ([extra] di TOML).
fm-missing-field = Nama `{ $field }` wajib ada di keterangan halaman (front matter), tetapi belum diisi.
fm-title-missing = Judul halaman belum diisi.
fm-title-help = Setiap halaman dan bagian perlu judul. Tambahkan di bagian atas berkas, misalnya: title = "Visi dan Misi"
fm-fields-help = Daftar nama dan cara menulisnya ada di docs/panduan-editor.md, bagian 3.
fm-title-empty = Judul halaman (`title`) masih kosong.
fm-too-large = Keterangan halaman (front matter) berukuran { $size } KiB; yang dibaca paling banyak { $max } KiB.
fm-too-large-help = Pindahkan teks yang panjang ke isi halaman, di bawah keterangan halaman.
fm-too-deep = Keterangan halaman (front matter) memuat daftar atau tabel bersarang lebih dari { $max } tingkat.
fm-too-deep-help = Sederhanakan susunannya: keterangan halaman hanya untuk nama dan nilai halaman, bukan untuk data bertingkat.
fm-none = Berkas ini tidak diawali keterangan halaman (front matter).
fm-none-help = Awali berkas dengan baris +++, lalu title = "...", lalu satu baris +++ lagi.
fm-fence-alone = Tanda pembuka `{ $fence }` harus berdiri sendiri di baris pertama, tanpa teks lain.
fm-unclosed = Keterangan halaman (front matter) yang dibuka di baris 1 tidak pernah ditutup dengan `{ $fence }`.
fm-unclosed-help = Tambahkan satu baris berisi { $fence } saja setelah nama terakhir keterangan halaman.
fm-toml = Keterangan halaman (TOML) tidak dapat dibaca: { $detail }
fm-toml-help = Teks harus diberi tanda kutip (title = "..."); tanggal ditulis seperti 2026-11-20.
fm-yaml = Keterangan halaman (YAML) tidak dapat dibaca: { $detail }
fm-yaml-help = Setiap nama ditulis `nama: nilai`; beri tanda kutip pada nilai yang memuat titik dua.
fm-not-a-date = `{ $key }` bukan tanggal: `{ $text }`
fm-date-help = Tulis tanggal seperti 2026-11-20, atau tanggal dan jam seperti 2026-11-20T08:30:00+07:00.
fm-review-help = Peninjau menyatakan halaman ini sudah diperiksa dengan: [tinjauan_spam] oleh = "Nama, Jabatan", tanggal = 2026-11-20, alasan = "..."
fm-review-no-reviewer = Nama peninjau (`tinjauan_spam.oleh`) masih kosong.
fm-review-date = `tinjauan_spam.tanggal` bukan tanggal: `{ $text }`
read-not-utf8 = Berkas ini bukan teks UTF-8.
read-not-utf8-help = Simpan ulang berkas sebagai UTF-8 (di kebanyakan aplikasi penyunting teks: Simpan Sebagai, Encoding: UTF-8).
site-settings = Pengaturan situs (_site.toml) tidak dapat dibaca: { $detail }
site-settings-help = Daftar nama _site.toml ada di docs/panduan-editor.md, bagian 9.
site-theme-name = Tema `{ $theme }` bukan nama folder di themes/.
site-theme-name-help = Tema adalah folder themes/<nama>/ di repositori kabupaten: tulis namanya saja, tanpa `/` atau `..`.
site-catalogue-directory = [services] catalogue `{ $catalogue }` sudah dipakai sebagai alamat direktori OPD.
site-catalogue-directory-help = Pilih bagian lain, misalnya catalogue = "layanan".
site-catalogue-path = [services] catalogue `{ $catalogue }` bukan alamat bagian (section).
site-catalogue-path-help = Tulis alamat bagian di portal seperti yang tampil di alamat halaman, misalnya catalogue = "layanan".
site-topic = [services.topics] `{ $topic }` harus berupa satu kata huruf kecil (huruf, angka, `-`) dan diberi nama.
site-topic-help = Contoh: pertanahan = "Pertanahan dan Tata Ruang"
site-iframe-host = [embeds] host iframe `{ $host }`: { $why }
site-iframe-host-help = Tulis nama host saja, dengan huruf kecil, misalnya www.openstreetmap.org (tanpa https://, port, path, atau *).
content-root-link = Folder `content` adalah tautan simbolik (symlink), jadi tidak dibaca.
content-root-link-help = Folder konten harus berada langsung di dalam repositori kabupaten, di content/.
content-folder-not-site = Folder konten `{ $name }` tidak diterbitkan: subdomain `{ $name }` terdaftar sebagai { $kind ->
        [service] layanan
        [app] aplikasi
       *[other] { $kind }
    }, bukan sebagai situs.
content-folder-unapproved = Folder konten `{ $name }` tidak diterbitkan: subdomain `{ $name }` berstatus { $status ->
        [requested] diajukan (belum disetujui)
        [suspended] ditangguhkan
        [revoked] dicabut
        [rejected] ditolak
       *[other] { $status }
    } di { $registry }.
content-folder-unapproved-help = Folder ini tetap disimpan tetapi tidak dibangun. Situsnya baru diterbitkan setelah subdomain disetujui sebagai situs dengan Keputusan.
content-folder-prepared-help = Isinya tetap diperiksa (masalahnya menjadi peringatan sampai subdomain disetujui, setelah itu kesalahan) dan bisa dipratinjau dengan `laman serve`; isinya tidak pernah diterbitkan, dan tautan ke situs ini hanya peringatan.
content-folder-prepared = Situs `{ $name }` disiapkan sebelum Keputusan: subdomainnya masih diajukan, jadi situs ini belum diterbitkan.
content-folder-prepared-notice-help = Ini bukan masalah; tidak ada yang perlu diubah. Isinya tetap diperiksa dan bisa dipratinjau dengan `laman serve` (masalah isinya menjadi peringatan sampai Keputusan, setelah itu kesalahan). Situsnya terbit setelah Dinas mencatat Keputusannya dengan `laman domains approve { $name }`.
content-folder-link = Folder konten `{ $name }` adalah tautan simbolik (symlink), jadi tidak dibaca.
content-folder-link-help = Setiap situs hanya membaca foldernya sendiri: taruh berkas situs langsung di content/<label>/.
content-unregistered = Folder konten `{ $name }` tidak terdaftar di { $registry }.
content-unregistered-near = Mungkin maksudnya `{ $label }`? Ganti nama folder menjadi content/{ $label }.
content-unregistered-help = Ganti nama folder sesuai subdomain yang sudah disetujui, atau ajukan subdomainnya ke Dinas dengan `laman domains request { $name }`.
content-index-md = Berkas index.md di folder teratas situs akan menggantikan halaman beranda.
content-index-md-help = Halaman beranda situs adalah _index.md; ganti nama berkas ini.
content-section-service = Bagian (_index.md) tidak boleh berisi uraian layanan: [layanan] ditulis di halaman biasa.
content-section-service-help = Tulis setiap layanan di halamannya sendiri di dalam bagian itu, misalnya layanan/ktp-elektronik.md.
content-services-portal-only = [services] catalogue dan [services.topics] hanya boleh diatur di pengaturan portal.
content-services-portal-only-help = Pindahkan keduanya ke content/portal/_site.toml; situs OPD hanya boleh mengatur maklumat.
content-page-too-large = Berkas ini lebih besar dari { $max } MiB, ukuran terbesar untuk satu halaman.
content-page-too-large-help = Bagi menjadi beberapa halaman, atau terbitkan sebagai unduhan PDF di samping halamannya.
content-no-slug = Nama berkas ini tidak menghasilkan alamat halaman (tidak ada huruf atau angka).
content-no-slug-help = Ganti nama berkasnya, atau tulis slug = "..." di keterangan halaman (front matter).
code-unapproved = { $what }: kode seperti ini hanya boleh ada di situs yang diizinkan Dinas.
code-unapproved-help = Hapus berkas ini, atau minta Dinas menulis `custom_code = true` pada data situs ini di domains.toml (`[portal] custom_code = true` untuk portal).
code-template = Templat milik situs sendiri
code-server-config = Konfigurasi server web
code-html = Halaman HTML
code-script = Skrip
code-wasm = Modul WebAssembly
code-flash = Program Flash
code-css = Lembar gaya (CSS)
code-xsl = Lembar gaya XSL
code-svgz = Gambar SVG terkompresi (isinya tidak dapat diperiksa)
code-server-script = Skrip server
code-svg = Gambar SVG yang berisi skrip, event handler, atau HTML sisipan
code-xml = Berkas XML yang berisi skrip, lembar gaya, atau HTML sisipan
did-you-mean = Mungkin maksudnya `{ $name }`?
service-not-table = `layanan` harus berupa tabel berisi komponen-komponen layanan.
service-not-table-help = Tulis [layanan] di barisnya sendiri, lalu komponen-komponennya di bawahnya (lihat docs/panduan-editor.md, bagian 7).
service-fields = Nama yang dikenal di [layanan]: { $fields }
service-unknown-field = [layanan] tidak mengenal nama `{ $key }`.
service-topic-word = `topik` harus satu kata dari daftar topik.
service-topic-word-help = Contoh: topik = "kependudukan" (daftarnya ada di docs/panduan-editor.md, bagian 7).
service-topic-missing = Layanan ini belum punya `topik`, padahal katalog layanan mengelompokkan layanan menurut topik.
service-topic-missing-help = Tambahkan topik = "..." di [layanan], misalnya topik = "kesehatan".
service-staff-count = `jumlah_pelaksana` harus berupa bilangan bulat (jumlah orang) atau teks.
service-staff-count-help = Contoh: jumlah_pelaksana = 6, atau "6 orang petugas loket".
service-components-missing = Standar pelayanan belum lengkap: { $count } komponen belum ditulis di [layanan].
    { $list }
service-component-line = - `{ $key }` ({ $title }): { $group ->
        [delivery] wajib menurut UU 25/2009 Pasal 21
       *[other] diminta PermenPANRB 15/2014
    }
service-delivery-help = Tambahkan setiap komponen itu sebagai nama = "..." di [layanan]. Komponen yang wajib menurut UU 25/2009 Pasal 21 menghentikan pembangunan situs sampai ditulis; komponen yang diminta PermenPANRB 15/2014 hanya peringatan.
service-management-help = Tambahkan setiap komponen itu sebagai nama = "..." di [layanan]. PermenPANRB 15/2014 meminta komponen ini ada; kekurangannya tidak menghentikan pembangunan.
service-list-item = Setiap butir `{ $key }` harus berupa teks yang tidak kosong.
service-list-item-help = Tulis daftarnya seperti ["butir pertama", "butir kedua"].
service-text = `{ $key }` harus berupa teks atau daftar teks.
service-text-help = Contoh: { $key } = "..." atau { $key } = ["...", "..."]
service-time = `waktu` bukan jangka waktu: `{ $shown }`
service-time-help = Tulis angka dan satuannya: "14 hari kerja", "1-3 hari kerja", "2 jam", "30 menit", atau {"{"} jumlah = 14, satuan = "hari kerja" {"}"}.
service-cost-help = Tulis "Gratis", jumlah rupiah (50000 atau "Rp 50.000"), atau daftar rincian: [{"{"} uraian = "...", tarif = 50000 {"}"}].
service-cost-amount = `biaya` bukan jumlah rupiah dan bukan "Gratis": `{ $shown }`
service-cost-item-table = Setiap rincian `biaya` harus berupa tabel {"{"} uraian = ..., tarif = ... {"}"}, bukan `{ $shown }`.
service-cost-item-field = Rincian `biaya` berisi nama `{ $key }` yang tidak dikenal; namanya adalah uraian, tarif, satuan, keterangan.
service-cost-item-what = Ada rincian `biaya` tanpa `uraian` (untuk apa biaya dibayar).
service-cost-item-tarif = Rincian `{ $what }` pada `biaya` belum punya `tarif`.
service-cost-item-amount = `tarif` untuk `{ $what }` bukan jumlah rupiah dan bukan "Gratis": `{ $shown }`
ppid-fields = Nama yang dikenal di { $table }: { $fields }
ppid-unknown-field = { $table } tidak mengenal nama `{ $key }`.
ppid-an-item = butir [ppid]
ppid-not-table = `ppid` harus berupa tabel.
ppid-not-table-help = Tulis [ppid], lalu [[ppid.informasi]] untuk setiap butir informasi (lihat docs/panduan-editor.md, bagian 8).
ppid-list-scope = `daftar` harus "situs" atau "kabupaten", bukan `{ $list }`.
ppid-list-scope-help = daftar = "situs" menampilkan seluruh daftar informasi situs ini; "kabupaten" (di portal) menampilkan daftar semua situs.
ppid-items-list = `informasi` harus berupa daftar butir.
ppid-items-list-help = Tulis setiap butir sebagai tabel [[ppid.informasi]].
ppid-item-table = Butir informasi [ppid] harus berupa tabel, bukan `{ $value }`.
ppid-item-table-help = Tulis setiap butir sebagai tabel [[ppid.informasi]] yang berisi judul dan klasifikasi.
ppid-item-text = `{ $key }` pada butir [ppid] harus berupa teks, bukan `{ $other }`.
ppid-item-text-help = Tulis { $key } = "..."
ppid-item-no-title = Ada butir [ppid] tanpa `judul`.
ppid-item-no-title-help = Setiap butir perlu judul, misalnya: judul = "Laporan Keuangan 2025"
ppid-item-no-class = Ada butir [ppid] tanpa `klasifikasi`.
ppid-item-no-class-help = Isi klasifikasi = "berkala", "serta-merta", "setiap-saat", atau "dikecualikan".
ppid-item-class = `{ $class }` bukan klasifikasi informasi publik.
ppid-item-class-help = Isi klasifikasi = "berkala", "serta-merta", "setiap-saat", atau "dikecualikan" (UU 14/2008).
ppid-item-date = `diperbarui` bukan tanggal: `{ $text }`
ppid-item-date-help = Tulis tanggal seperti 2026-07-15.
ppid-exempt-ground = `{ $title }` dinyatakan informasi yang dikecualikan, tetapi dasar hukumnya belum ditulis.
ppid-exempt-ground-help = UU 14/2008 Pasal 17 mengatur informasi yang boleh dikecualikan: tambahkan dasar_hukum = "..." yang menyebut pasalnya.
ppid-exempt-test = `{ $title }` dinyatakan informasi yang dikecualikan, tetapi uji konsekuensinya belum ditulis.
ppid-exempt-test-help = UU 14/2008 Pasal 2 ayat 4: tambahkan uji_konsekuensi = "..." yang menyebut keputusan PPID.
# Markdown: tautan, subjudul, gambar, dan Kode HTML.

link-not-at = `{ $link }` bukan tautan @
link-no-site = tidak ada situs `{ $label }` yang diterbitkan
link-no-page = { $own ->
        [yes] situs ini
       *[other] situs `{ $site }`
    } tidak punya halaman `{ $path }` (salah ketik nama, berkas sudah dipindah, atau halamannya masih draf?)
link-no-heading = Tautan `{ $url }` rusak: halaman tujuannya tidak punya subjudul `#{ $id }`.
link-no-heading-help = Id subjudul adalah teks judulnya dalam huruf kecil dengan tanda hubung (## Visi dan Misi → #visi-dan-misi), atau id yang ditulis sendiri seperti ## Judul {"{"}#id{"}"}.
link-broken = Tautan `{ $url }` rusak: { $why }
link-broken-near-help = Maksud Anda `{ $near }`? Bila bukan, periksa nama berkas di tautan: @/folder/halaman.md untuk halaman di situs ini, @label/halaman.md untuk situs lain.
link-broken-help = Tulis @/folder/halaman.md untuk halaman di situs ini, @label/halaman.md untuk situs lain, @portal/... untuk portal.
link-unpublished = Tautan `{ $url }` menuju `{ $label }`, yang subdomainnya berstatus { $word } di domains.toml: { $status ->
        [suspended] situsnya ditangguhkan, jadi tautan tetap ditulis dan mengarah ke pemberitahuan penangguhan dari Dinas.
        [requested] situsnya belum disetujui, jadi tautan ditulis sebagai teks biasa sampai Keputusannya terbit.
       *[other] situsnya tidak diterbitkan, jadi tautan ditulis sebagai teks biasa.
    }
link-unpublished-help = Ini tidak menghentikan build. { $status ->
        [suspended] Hapus tautan jika situsnya tidak akan kembali.
        [requested] Tautan berfungsi setelah situsnya disetujui dan dibangun.
       *[other] Hapus tautan atau arahkan ke halaman yang diterbitkan (lihat direktori OPD di portal).
    }
link-script = Alamat `{ $url }` dapat menjalankan kode di peramban pembaca.
link-not-allowed = Alamat `{ $url }` tidak boleh dipakai sebagai tautan di konten.
link-allowed-help = Tautkan hanya ke alamat http(s), mailto: atau tel:, atau ke berkas di situs ini.
heading-attribute = Atribut subjudul `{ $shown }` tidak diizinkan (hanya {"{"}#id{"}"} dan {"{"}.kelas{"}"}).
heading-id = Id subjudul `{ $id }` tidak diizinkan: { $rule }
heading-class = Kelas subjudul `{ $class }` tidak diizinkan: { $rule }
heading-attribute-help = Kurung kurawal di belakang subjudul hanya boleh berisi id dan kelas: ## Judul {"{"}#id .kelas{"}"}; id dan kelas terdiri atas huruf, angka, - dan _.
image-alt = Gambar belum diberi keterangan (teks alternatif).
image-alt-help = Tulis apa yang tampak di gambar di antara kurung siku: ![Bagan struktur organisasi](bagan.svg)
markdown-name-rule = id dan kelas terdiri atas huruf, angka, `-` dan `_` (paling banyak 64), dan bukan nama yang dipakai tema sendiri (seperti konten, lewati, kepala, kaki, menu, atau id yang diawali standar-, dip- atau katalog-)
markdown-too-deep = Halaman ini memuat daftar, kutipan, atau blok lain yang bersarang lebih dari { $max } tingkat.
markdown-too-deep-help = Sederhanakan susunannya: tidak ada halaman yang perlu blok sedalam ini.
html-alt-help = Tambahkan alt="..." yang menjelaskan isi gambar.
html-too-deep-help = Sederhanakan HTML-nya: tidak ada halaman yang perlu elemen bersarang sedalam ini.
html-iframe-help = Peta atau video dari situs lain hanya boleh disematkan bila nama situsnya (host, misalnya www.openstreetmap.org) tercantum di [embeds] iframe_hosts pada _site.toml situs ini: minta Dinas Kominfo mencantumkannya. Sementara itu, ganti sisipan ini dengan tautan biasa.
html-attribute-help = Yang diizinkan: id, class, title, lang, dir, role dan aria-label pada elemen apa pun, serta atribut yang tercantum di docs/panduan-editor.md, bagian 4, untuk a, img, sel tabel dan beberapa lainnya. Sebaiknya tulis dengan markdown saja.
html-style-help = Konten tidak boleh mengatur tampilannya sendiri; rata kolom tabel diatur dengan markdown (|:---|---:|).
html-unclosed-help = Tutup tandanya (`>` untuk tag, `-->` untuk komentar).
html-element-help = Hapus bagian ini: konten tidak boleh memuat skrip, sisipan (embed), formulir, atau metadata halaman. Sebaiknya tulis dengan markdown saja.
html-element-dangerous = Kode HTML `<{ $tag }>` tidak boleh ada di konten.
html-element = Kode HTML `<{ $tag }>` tidak boleh ada di konten dan akan dibuang.
html-handler = Kode HTML `<{ $tag } { $attr }=...>`: event handler menjalankan skrip, jadi tidak diizinkan.
html-attribute = Kode HTML `<{ $tag } { $attr }=...>`: atribut `{ $attr }` tidak diizinkan di sini dan akan dibuang.
html-address-script = Kode HTML `<{ $tag }>` menunjuk ke `{ $url }`, yang dapat menjalankan kode.
html-address = Kode HTML `<{ $tag }>` menunjuk ke `{ $url }`, alamat yang tidak diizinkan dan akan dibuang.
html-style = Kode HTML `<{ $tag } style="{ $style }">`: pengaturan gaya (style) tidak diizinkan di konten.
html-name = { $attr } `{ $value }` tidak diizinkan.
html-iframe = iframe dari `{ $src }` tidak diizinkan untuk situs ini.
html-unclosed = Kode HTML `{ $what }` tidak ditutup, sehingga akan menelan teks sesudahnya.
html-alt = Elemen <img> belum diberi teks alternatif (alt).
html-too-deep = Kode HTML memuat elemen bersarang lebih dari { $max } tingkat.
# Spam judi dan tautan ke luar.

spam-review-help = Hapus kata itu. Jika halaman memang harus menyebutnya (misalnya berita tentang pemberantasan judi online), peninjau menyatakannya di keterangan halaman: [tinjauan_spam] oleh = "Nama, Jabatan", tanggal = 2026-11-20, alasan = "..." (lihat docs/panduan-editor.md, bagian 11).
spam-link-help = Periksa alamatnya: kampanye spam menyusupkan tautan ke situs judi. Jika host itu memang mitra resmi, Dinas menambahkannya ke `[integrity] link_hosts` di domains.toml.
spam-settings-term = Pengaturan situs memuat kata spam judi `{ $term }` (ditulis `{ $found }`).
spam-settings-term-help = Hapus dari _site.toml.
spam-settings-link = Pengaturan situs menautkan ke `{ $host }`, di luar `*.go.id` dan host yang diizinkan kabupaten.
spam-term = `{ $term }` adalah kata spam judi (ditulis `{ $found }`{ $in_name ->
        [yes] , di nama berkas
       *[no] {""}
    }).
spam-hidden = Ada teks yang disembunyikan dengan `{ $style }`.
spam-link = Ada tautan ke `{ $host }`, di luar `*.go.id` dan host yang diizinkan kabupaten.
spam-acknowledged = Kata-kata judi sudah dinyatakan diperiksa oleh { $by } pada { $date }: { $terms }
spam-acknowledged-help = Halaman tetap diterbitkan; periksa ulang pernyataan ini setiap kali halamannya berubah.
spam-where-name = nama berkas
spam-where-line = baris { $line }
spam-page-term = memuat kata spam judi `{ $term }` (ditulis `{ $found }`), yang tidak ada di halaman markdown mana pun
spam-page-hidden = menyembunyikan teks dengan `{ $style }` (`{ $found }`)
spam-page-link = menautkan ke `{ $host }`, di luar `*.go.id` dan host yang diizinkan kabupaten
spam-rendered = Halaman hasil `{ $page }`{ $more ->
        [0] {""}
       *[other] {" "}dan { $more } halaman lain
    } { $what }: asalnya dari templat `{ $template }` (atau templat yang diturunkan atau disertakannya, atau pengaturan situs).
spam-template-help = Hapus dari templat; templat diperiksa seperti halaman, dan tema bawaan tidak pernah menyembunyikan teks dengan gaya sisipan (inline style).
# Templat dan alamat hasil.

theme-missing = Tema `{ $name }` tidak ada.
theme-missing-help = Buat folder themes/{ $name }/templates/ di repositori kabupaten, atau hapus `theme` agar memakai tema bawaan { $default }.
template-not-utf8 = Templat ini bukan teks UTF-8.
template-missing-help = Ada templat yang menurunkan atau menyertakan templat yang tidak ada; periksa nama-nama di {"{"}% extends %{"}"} dan {"{"}% include %{"}"}.
template-macro-loop = Makro `{ $name }` memanggil dirinya sendiri ({ $chain }), sehingga tidak akan pernah selesai dijalankan.
template-macro-loop-help = Makro boleh memanggil makro lain, tetapi rangkaian panggilannya tidak boleh kembali ke makro itu sendiri.
template-error = Templat bermasalah: { $detail }
template-error-help = Perbaiki templatnya; cara menulis Tera dijelaskan di keats.github.io/tera/docs.
template-unknown = Templat `{ $name }` tidak ada.
template-unknown-help = Pakai salah satu dari: { $known }; atau tambahkan templat itu ke tema.
path-collision = `{ $one }` dan `{ $other }` sama-sama menjadi alamat /{ $path }.
path-collision-help = Ganti nama salah satunya, atau beri salah satunya slug lain di keterangan halaman (front matter).
asset-dir-reserved = `{ $file }` akan menjadi alamat /{ $path }, padahal folder /{ $dir }/ khusus untuk salinan berkas tema yang diberi sidik (hash).
asset-dir-reserved-help = Pindahkan berkas itu ke folder lain; /{ $dir }/ dipakai laman sendiri (peramban menyimpan isinya selama setahun).
# Katalog layanan dan daftar informasi PPID se-kabupaten.

catalogue-link-not-allowed = `{ $link }` bukan alamat yang boleh ditautkan dari halaman.
catalogue-over-list = Katalog layanan akan menggantikan { $what ->
        [news] bagian berita
       *[ppid] halaman PPID
    } di { $path }.
catalogue-over-list-help = Beri katalog bagiannya sendiri: catalogue = "layanan" di [services] pada content/portal/_site.toml, dengan content/portal/layanan/_index.md yang hanya berisi pengantarnya.
catalogue-topic = `{ $topic }` bukan topik katalog layanan.
catalogue-topic-near = Maksud Anda `{ $near }`? Topik yang ada: { $known }
catalogue-topic-help = Pakai salah satu dari: { $known }; atau Dinas menambahkannya di content/portal/_site.toml pada [services.topics].
ppid-stale = `{ $title }` adalah informasi berkala yang terakhir diperbarui pada { $date }, lebih dari { $months } bulan sebelum { $as_of }.
ppid-stale-help = Terbitkan versi terbarunya dan isi diperbarui dengan tanggal terbitnya (UU 14/2008 Pasal 9: paling sedikit setiap enam bulan).
ppid-undated = `{ $title }` adalah informasi berkala, tetapi tanggal pembaruan terakhirnya belum ditulis.
ppid-undated-help = Tambahkan diperbarui = TTTT-BB-HH, yaitu tanggal terakhir informasi itu diterbitkan.
ppid-link = tautan pada `{ $title }`: { $why }
ppid-link-help = Tautkan halaman situs ini sebagai @/halaman.md, situs lain sebagai @label/halaman.md, atau alamat https://.
ppid-regency-list = daftar = "kabupaten" (daftar seluruh kabupaten) hanya untuk halaman PPID Utama di portal.
ppid-regency-list-help = Tulis daftar = "situs" untuk daftar milik situs ini sendiri.

# Membaca berkas.

input-outside = Tidak dibaca: { $reason }
input-outside-help = laman hanya membaca folder situs itu sendiri dan tema kabupaten: ganti tautan (symlink) itu dengan berkas aslinya, atau hapus.
input-unreadable = Berkas tidak dapat dibaca: { $reason }
input-unreadable-help = Pastikan berkasnya ada dan izin aksesnya membolehkan laman membacanya.
input-name-not-utf8 = Nama `{ $name }` bukan teks UTF-8 (disimpan dengan pengodean lain).
input-name-not-utf8-help = Ganti namanya dengan huruf, angka, `-` dan `_` saja: nama berkas menjadi bagian dari alamat web.

# Build.

stage-read-registry = membaca domains.toml
stage-read-content = membaca konten
stage-render = menyusun halaman
stage-write = menulis hasil
stage-unchanged = tidak ada perubahan
build-cannot-list = isi { $dir } tidak dapat dibaca
build-unknown-site = --site { $site }: tidak ada situs yang disetujui dan berisi konten dengan label itu; situs yang ada: { $sites }
build-cannot-write = hasil build tidak dapat ditulis
build-no-staging = tidak ada situs yang sampai ke folder sementara
build-sign-key-other = --sign-key: kunci ini ({ $key }) bukan kunci yang terdaftar di domains.toml ([integrity] public_key = "{ $registered }"); tanda tangani dengan kunci yang terdaftar, atau minta Dinas mendaftarkan kunci ini
build-sign-key-none = --sign-key: domains.toml belum mendaftarkan kunci; tambahkan `public_key = "{ $key }"` di bawah [integrity] (keputusan Dinas, seperti setiap perubahan domains.toml), lalu jalankan build lagi
out-root-unresolved = folder repositori kabupaten `{ $root }` tidak dapat ditemukan: { $reason }
out-unresolved = folder --out `{ $out }` tidak dapat ditemukan: { $reason }
out-unreadable = folder --out `{ $out }` tidak dapat dibaca: { $reason }
out-refused = hasil build tidak akan ditulis ke `{ $out }`: { $why }. laman mengganti seluruh isi folder hasilnya, jadi berikan --out berupa folder baru atau kosong di luar content/ dan themes/ (bawaannya ROOT/public)
out-is-root = folder itu adalah folder repositori kabupaten sendiri
out-holds-root = folder itu berisi folder repositori kabupaten `{ $root }`
out-in-input = folder itu sama dengan, atau berada di dalam, folder masukan `{ $name }`
out-holds-input = folder itu berisi folder masukan `{ $name }`
out-is-link = folder itu tautan simbolik (ke `{ $target }`), yang akan diganti build dengan folder biasa
out-is-file = itu sebuah berkas, bukan folder
out-foreign = folder itu tidak ditulis oleh laman (berisi `{ $name }` dan tidak ada { $marker })
input-not-regular = `{ $path }` bukan berkas biasa (perangkat, pipa, atau soket)
input-link-as-folder = `{ $path }` adalah tautan simbolik (symlink) di tempat yang seharusnya folder; laman tidak mengikuti tautan ke folder
input-link-dangling = `{ $path }` adalah tautan simbolik (symlink) yang tidak menunjuk ke apa pun
input-link-through-folder = `{ $path }` melewati tautan simbolik (symlink) ke sebuah folder; laman tidak mengikuti tautan ke folder
input-link-to-folder = `{ $path }` adalah tautan simbolik (symlink) ke sebuah folder; laman tidak mengikuti tautan ke folder
input-no-file = `{ $path }` tidak menunjuk ke berkas mana pun
input-link-out = `{ $path }` adalah tautan simbolik (symlink) yang keluar dari foldernya
input-link-hidden = `{ $path }` adalah tautan simbolik (symlink) ke folder atau berkas tersembunyi
input-link-chain = `{ $path }` adalah rangkaian tautan simbolik (symlink) yang terlalu panjang
input-link-absolute = `{ $path }` adalah tautan simbolik (symlink) ke jalur absolut { $target }
input-link = `{ $path }` adalah tautan simbolik (symlink)
input-not-inside = `{ $path }` bukan folder di dalam repositori
fm-toml-quote-help = Ada teks bertanda kutip yang belum ditutup di barisnya: akhiri dengan " (title = "Kabar Desa").
fm-toml-duplicate-help = Ada nama yang ditulis dua kali: simpan salah satunya saja.
fm-toml-equals-help = Setiap nama ditulis `nama = nilai` di barisnya sendiri, misalnya title = "Kabar Desa".
range-whole = range: `{ $name }` harus bilangan bulat
range-required = range: `{ $name }` wajib diisi
range-step = range: `step_by` paling kecil 1
range-too-long = range berisi { $count } butir: satu templat paling banyak membuat { $max }
range-budget = range berjumlah lebih dari { $max } butir selama satu halaman disusun (perulangan di dalam perulangan?)
filter-date-string = filter `{ $filter }` memerlukan teks tanggal, tetapi mendapat { $value }
filter-date = filter `{ $filter }` tidak dapat membaca `{ $text }` sebagai tanggal
fm-field-type = Nilai `{ $field }` di keterangan halaman (front matter) tidak sesuai jenisnya ({ $detail }).
fm-field-type-help = Teks ditulis dalam tanda kutip (title = "..."), true atau false tanpa tanda kutip (draft = true), tanggal seperti 2026-11-20, daftar di dalam [ ]; daftar kolom dan jenisnya ada di docs/panduan-editor.md, bagian 3.
alias-help = alias adalah alamat lama halaman ini di situs ini, ditulis dari `/` pertamanya: aliases = ["/2024/03/15/judul-lama/", "/?p=123"]
alias-too-many = `aliases` memuat { $count } alamat; paling banyak { $max } yang dibaca
alias-invalid = alias `{ $alias }` { $why }
alias-why-long = lebih panjang dari { $max } bita
alias-why-space = memuat { $code } (spasi atau karakter kendali)
alias-why-not-path = bukan jalur situs ini: tulis dari `/` pertamanya, tanpa skema atau host
alias-why-fragment = memuat `#`: peramban tidak pernah mengirim fragmen ke server
alias-why-home = adalah beranda itu sendiri
alias-why-percent = memuat `%` yang tidak diikuti dua digit heksadesimal
alias-why-utf8 = bila diurai bukan UTF-8
alias-why-dot = memuat bagian yang diawali `.` (`..`, atau nama tersembunyi seperti `.well-known`)
alias-why-char = memuat `{ $char }`, yang tidak boleh ada dalam alamat laman (yang boleh: huruf, angka, dan - . _ ~ ! * ( ) + , = @ & :)
alias-why-empty = memuat bagian kosong (`//`)
alias-why-query = memiliki kueri tanpa `nama=nilai`
alias-why-query-name = memiliki nama kueri `{ $name }`; alias boleh memakai { $names }
alias-why-query-value = memiliki nilai kueri selain huruf, angka, `-`, `_` atau `.`
alias-collision = alias `{ $alias }` sudah menjadi { $other }
alias-collision-page = alamat `{ $file }`
alias-collision-alias = alias dari `{ $file }` (baris { $line })
alias-collision-help = satu alamat lama hanya menuju satu halaman: hapus alias itu dari salah satunya
alias-collision-generated = alamat yang dibuat laman sendiri (halaman pencarian, 404, umpan, peta situs, berkas tema, indeks pencarian, direktori, katalog, halaman daftar)
alias-collision-generated-help = laman menjawab alamat ini dengan halamannya sendiri: hapus alias itu

content-changed-in-build = Berkas ini berubah saat laman sedang membangun
content-reread = Halaman ini tidak dapat dibaca ulang untuk dibangun: { $reason }
content-reread-help = Simpan berkasnya, tunggu build selesai, lalu jalankan build lagi; situs ini tetap memakai keluaran sebelumnya.
