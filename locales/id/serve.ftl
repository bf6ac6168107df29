# laman serve: server pratinjau dan lapisan pesan kesalahannya.

serve-cannot-listen-port = alamat { $addr } tidak dapat dipakai: { $reason } (pilih --port lain)
serve-cannot-listen = alamat { $addr } tidak dapat dipakai
serve-cannot-watch = perubahan di { $root } tidak dapat dipantau
serve-started = laman serve: http://localhost:{ $port }/ (portal) dan http://<label>.localhost:{ $port }/ (setiap situs); tekan Ctrl+C untuk berhenti
overlay-no-site = Tidak ada situs untuk alamat { $host }
overlay-not-found = Halaman tidak ditemukan
overlay-title = Ada { $errors } kesalahan; halaman belum bisa diterbitkan
overlay-help = Yang perlu dilakukan:
overlay-reload = Halaman ini dimuat ulang sendiri setelah berkas diperbaiki.
preview-unpublished-title = Hanya pratinjau: situs ini tidak tampil untuk publik
preview-unpublished = Subdomain { $label } berstatus { $word } di domains.toml: { $status ->
        [suspended] pengunjung hanya melihat pemberitahuan penangguhan dari Dinas, dan tautan dari situs lain menuju pemberitahuan itu.
        [requested] situs ini belum disetujui; situsnya diterbitkan setelah Keputusannya dicatat, dan sampai saat itu tautan situs lain ke situs ini ditulis sebagai teks biasa.
       *[other] situs ini tidak diterbitkan, dan tautan situs lain ke situs ini ditulis sebagai teks biasa.
    } Isinya tidak ditulis ke keluaran, manifest, atau indeks pencarian. { $problems ->
        [0] Isinya tidak punya masalah yang akan menghentikan build.
       *[other] Ada { $problems } masalah yang akan menghentikan build setelah disetujui:
    }
# Panduan penulisan draf di pratinjau (src/render/guidance.rs).
preview-guidance-title = Panduan penulisan (hanya tampil di pratinjau)
