# laman import wordpress: laporan impor dan kesalahannya (src/import/wordpress/report.rs).
import-skip-draft = draf (diimpor hanya dengan --drafts)
import-skip-private = pribadi, tidak pernah terbit untuk umum
import-skip-password = dilindungi kata sandi
import-skip-trash = di tempat sampah
import-skip-revision = revisi
import-skip-attachment = lampiran (berkasnya disalin bila dipakai)
import-skip-nav-menu-item = butir menu
import-skip-other-type = jenis konten lain (plugin)
import-skip-other-status = status lain
import-summary-done = Impor ke { $site } selesai: { $posts } berita, { $pages } halaman ({ $drafts } draf), { $sections } bagian, { $media } berkas media, { $aliases } alamat lama dialihkan
import-summary-dry = Uji coba untuk { $site }, tidak ada yang ditulis: { $posts } berita, { $pages } halaman ({ $drafts } draf), { $sections } bagian, { $media } berkas media, { $aliases } alamat lama dialihkan
import-summary-skipped = Dilewati: { $skipped } dari { $items } butir; dugaan spam judi: { $spam }
import-summary-next = Periksa temuan di atas, lalu jalankan `laman check` dan `laman serve`
import-item = “{ $title }” (ID { $id })
import-spam = { $item } tidak diimpor: diduga spam judi daring ({ $found })
import-spam-help = periksa isinya di situs lama; bila memang artikel sah, tulis ulang sebagai halaman baru dengan [tinjauan_spam]
import-unconvertible = { $item } tidak dapat dikonversi dengan aman: { $why }
import-unconvertible-help = salin isinya secara manual ke berkas markdown
import-too-deep = HTML-nya bersarang lebih dari 100 tingkat
import-too-long = halamannya { $size } KiB, lebih dari batas { $max } KiB
import-shortcode = shortcode [{ $name }] tidak dikenal; dibiarkan tampil apa adanya
import-shortcode-help = ganti dengan teks, tautan atau gambar biasa, atau hapus
import-dropped = { $item }: HTML yang tidak aman dibuang: { $what }
import-dropped-help = { $kind ->
    [script] skrip dan penangan peristiwa (onclick, javascript:) tidak pernah dimuat di situs pemerintah; bila isinya penting (formulir, penghitung), tulis ulang sebagai teks atau tautan biasa
    [frame] bila bagian itu penting (peta, video), minta Dinas Kominfo mencantumkan host-nya di [embeds] iframe_hosts pada _site.toml, lalu tambahkan lagi
   *[other] bila isinya penting, tulis ulang sebagai markdown biasa (teks, tautan, tabel, gambar)
}
import-media-missing = { $item }: berkas wp-content/uploads/{ $path } tidak ada di --uploads; tautannya dibiarkan
import-media-missing-help = salin berkas itu dari server lama ke folder --uploads lalu impor ulang dengan --force, atau letakkan di samping halaman
import-gallery-missing = { $item }: [gallery]-nya menyebut lampiran { $attachment }, yang tidak ada di berkas ekspor; gambar itu tidak ikut
import-gallery-missing-help = tambahkan gambarnya ke halaman secara manual, atau ekspor ulang situs beserta medianya (Tools → Export → All content)
import-media-refused = { $item }: berkas wp-content/uploads/{ $path } tidak disalin: jenis berkas yang bisa menjalankan kode
import-media-refused-help = hanya gambar, dokumen, audio dan video yang disalin; ubah ke PNG atau PDF bila perlu
import-alias-dropped = alamat lama `{ $alias }` tidak dialihkan: { $why }
import-alias-invalid = bukan alamat yang dapat ditulis laman ({ $why })
import-alias-taken = sudah dipakai oleh { $by }
import-alias-generated = alamat yang dibuat laman sendiri di setiap situs (halaman pencarian, 404, umpan, peta situs, berkas tema, direktori, katalog, halaman daftar)
import-file-kept = berkas ini sudah ada dan tidak ditulis oleh impor sebelumnya (atau sudah diubah sejak itu), jadi tidak ditimpa
import-file-kept-help = bandingkan dengan hasil impor (--dry-run) dan gabungkan sendiri
import-nothing = tidak ada berita atau halaman yang dapat diimpor
import-nothing-help = pastikan berkas ini ekspor lengkap (Alat → Ekspor → Semua konten) dan lihat daftar yang dilewati; --drafts mengimpor draf
import-not-a-site = `{ $label }` { $why }: impor hanya untuk subdomain jenis site yang diminta atau disetujui di domains.toml, atau portal
import-not-in-registry = tidak ada di registri
import-not-site-kind = bukan jenis site
import-not-active = tidak berstatus requested atau approved
import-exists = { $folder } sudah ada; impor ulang hanya dengan --force, yang menulis ulang hasil impor sebelumnya dan tidak pernah menghapus atau menimpa berkas lain (--dry-run menampilkan apa yang akan dilakukannya)
import-unreadable = tidak dapat membaca ekspor WordPress { $file }
import-not-wxr = { $file }{ $line }: bukan ekspor WordPress (WXR: <rss> dengan <wp:wxr_version>); ekspor dari Alat → Ekspor
import-broken-xml = { $file }{ $line }: XML rusak ({ $why }); ekspor ulang dari WordPress
import-too-large = { $file }{ $line }: satu elemen melebihi batas { $max } MiB; berkas ini bukan ekspor biasa
import-uploads-unreadable = folder --uploads { $dir } tidak dapat dibaca
import-write-failed = gagal menulis { $path }
import-link-refused = { $path } adalah tautan simbolik; impor tidak menulis melalui tautan
