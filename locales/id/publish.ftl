# laman publish: rilis di server web.

publish-to-empty = --to kosong: berikan sebuah folder atau PENGGUNA@HOST:/JALUR
publish-bad-host = `{ $host }` bukan nama host: tulis PENGGUNA@HOST:/JALUR, misalnya deploy@web1.sukamajukab.go.id:/srv/laman
publish-bad-path = `{ $path }` bukan jalur yang bisa dipakai di { $host }: berikan jalur absolut berisi huruf, angka, `.`, `_`, `-` dan `/`, tanpa `..` (misalnya /srv/laman)
publish-site-not-built = --site: { $site } tidak ada di hasil build di { $out } (apakah sudah disetujui dan dibangun?)
publish-site-no-live = --site menerbitkan sebagian situs di samping rilis yang tayang, tetapi belum ada rilis yang tayang: terbitkan dulu seluruh hasil build
publish-no-live = { $to } belum punya rilis yang tayang (tidak ada tautan `current`): tidak ada yang bisa dikembalikan
publish-no-older = { $to }: tidak ada rilis yang lebih lama dari yang sedang tayang ({ $current }), jadi tidak ada yang bisa dikembalikan; terbitkan build yang Anda inginkan
publish-rebuild = jalankan `laman build` (build utuh, tanpa --site) lalu terbitkan lagi
publish-not-output = { $out } bukan hasil `laman build` yang selesai (tidak ada { $marker }); { $rebuild }
publish-manifest-unreadable = { $file }: manifest kabupaten tidak dapat dibaca ({ $reason }); { $rebuild }
publish-no-stamp = { $out } tidak punya cap build di sampingnya ({ $stamp }): hanya hasil `laman build` yang utuh dan bersih yang diterbitkan; { $rebuild }
publish-drafts = { $out } dibangun dengan --drafts: halaman draf tidak boleh tayang; { $rebuild }
publish-changed = { $out } berubah setelah build yang mengecapnya (build dengan `--site`, atau berkas yang diubah tangan); { $rebuild }
publish-stale = { $out } sudah usang: { $count } masukan berubah sejak dibangun ({ $files }); { $rebuild }
publish-no-registry = { $root } tidak berisi { $file }: berikan repositori kabupaten yang dibangun dengan --root
publish-inputs-unreadable = masukan di { $root } tidak dapat dibaca
publish-same-second = { $path } sudah ada: rilis dari build ini baru saja dibuat pada detik yang sama; terbitkan lagi
publish-cannot-switch = { $path } tidak dapat dipindahkan (jika itu folder, bukan tautan, pindahkan sekali secara manual)
publish-locked = ada penerbitan atau rollback lain ke { $dest } yang sedang berjalan (memegang { $lock }); tunggu sampai selesai
publish-to-file = --to { $dest }: itu berkas, bukan folder; berikan folder tempat server web melayani rilis
publish-not-writable = tidak dapat menulis ke { $dest } ({ $reason }): berikan folder yang boleh ditulis pengguna ini, atau betulkan pemilik dan izinnya
publish-not-plain = { $path } bukan berkas biasa; hasil build hanya berisi berkas dan folder: jalankan `laman build` lagi
publish-release-differs = rilis yang ditulis ke { $dir } tidak sama dengan hasil build: { $what }; tidak ada yang ditayangkan: periksa disknya, lalu terbitkan lagi
publish-differs-site = { $name } bukan situs dari build ini
publish-differs-unlisted = { $file } tidak tercantum di manifest-nya
publish-differs-content = isi { $file } berbeda
publish-differs-missing = { $file } tidak ada
ssh-option-refused = --ssh-option { $option }: { $why }
ssh-option-check-off = opsi ini melemahkan pemeriksaan kunci host server, padahal pemeriksaan itu selalu dilakukan; masukkan kunci server ke berkas known_hosts (ssh-keyscan, dicocokkan dengan kunci dari administrator server) dan berikan --known-hosts BERKAS
ssh-option-runs = opsi ini menjalankan perintah atau membuka saluran di luar penyalinan; jump host diatur di ~/.ssh/config milik pengguna CI
ssh-option-unknown = penerbitan tidak memerlukannya
ssh-option-accepted = yang diterima: { $list }
ssh-option-control = memuat pindah baris atau karakter kendali lain
ssh-option-form = tulis KATAKUNCI=NILAI, misalnya Port=2222
ssh-option-quote = ada nilai yang kosong, tanda kutipnya tidak berpasangan, atau memuat tanda kutip di dalamnya
ssh-option-escape = garis miring terbalik dan `#` tidak diterima dalam opsi; tulis nilainya apa adanya atau di antara "tanda kutip"
ssh-option-no-value = berikan nilainya, misalnya Port=2222
ssh-option-one-value = { $keyword } hanya menerima satu nilai
ssh-option-number = { $keyword } menerima bilangan bulat dari { $low } sampai { $high }
ssh-option-word = { $keyword } menerima salah satu dari: { $words }
ssh-option-path = { $keyword } menerima jalur berkas biasa (bukan `none`, bukan perangkat seperti /dev/null)
ssh-option-name = { $keyword } menerima nama host
ssh-known-hosts-refused = `{ $path }` tidak dapat memuat kunci server (berupa `none`, perangkat seperti /dev/null, folder, atau nama yang akan diubah ssh lewat % atau ~PENGGUNA): berikan berkas known_hosts yang memuat kunci itu
ssh-current-moved = `current` di server berubah selama perintah ini berjalan (penerbitan atau rollback lain, atau diubah tangan): tidak ada yang dipindahkan; periksa rilis yang tayang, lalu jalankan lagi
ssh-no-flock = server tidak memiliki `flock` (util-linux), yang mencegah dua penerbitan atau rollback berjalan bersamaan: pasang util-linux di server
ssh-release-differs = rilis yang disalin ke { $to } tidak sama dengan hasil build (rsync: `{ $line }`); tidak ada yang ditayangkan: periksa disk server, lalu terbitkan lagi
ssh-cannot-run-ssh = ssh tidak dapat dijalankan (pasang openssh-client)
ssh-cannot-run-rsync = rsync tidak dapat dijalankan (pasang rsync)
ssh-no-answer = jawaban ssh dari { $to } tidak dapat dibaca (ssh dihentikan atau sambungannya putus): pastikan server dapat dihubungi, lalu jalankan perintahnya lagi
ssh-hint-host-key = kunci host server tidak ada di known_hosts atau sudah berubah: tambahkan kunci yang benar (--known-hosts BERKAS), jangan pernah mematikan pemeriksaannya
ssh-hint-denied = server menolak kuncinya: masukkan kunci publik dari --ssh-key ke ~/.ssh/authorized_keys pengguna itu di server
ssh-hint-other = pastikan server dapat dihubungi, foldernya boleh ditulis pengguna itu, dan rsync terpasang di sana
ssh-failed = { $program } ke { $to } gagal: { $said }
ssh-path-quote = { $path }: jalur yang memuat tanda kutip atau pindah baris tidak bisa diberikan ke ssh; ganti namanya

# Berkas dan folder.

io-cannot-read = { $path } tidak dapat dibaca
io-cannot-list = isi { $path } tidak dapat dibaca
io-cannot-create = { $path } tidak dapat dibuat
io-cannot-write = { $path } tidak dapat ditulis
io-cannot-link = tautan { $path } tidak dapat dibuat
io-cannot-rename = nama { $path } tidak dapat diganti
io-cannot-lock = { $path } tidak dapat dikunci
io-cannot-copy = tidak dapat menyalin ke { $path }
io-cannot-remove = { $path } tidak dapat dihapus
io-cannot-flush = { $path } tidak dapat disimpan ke disk
io-cannot-tempdir = folder sementara tidak dapat dibuat
