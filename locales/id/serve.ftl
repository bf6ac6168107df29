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
