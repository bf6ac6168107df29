# Baris perintah: ringkasan, kemajuan, dan apa yang dikatakan sebuah perintah setelah selesai.

finding-error = kesalahan
finding-warning = peringatan
finding-notice = catatan
finding-help = saran
summary-counts = { $errors } kesalahan, { $warnings } peringatan
summary-notices = , { $notices } catatan
summary-stopped = dihentikan
summary-registry-unreadable = domains.toml tidak dapat dibaca
summary-registry-unreadable-dns = domains.toml tidak dapat dibaca; tidak ada yang diperiksa
summary-registry-unreadable-verify = domains.toml tidak dapat dibaca; tidak ada situs yang diverifikasi
summary-build-unchanged = tidak ada yang berubah sejak build terakhir: { $sites } situs, { $pages } halaman di { $out } sudah mutakhir
summary-build-nothing = tidak ada yang diterbitkan; { $out } tidak diubah
summary-build-published = { $sites } situs, { $pages } halaman diterbitkan ke { $out }
summary-build-held-back = ; hasil lama tetap dipakai untuk: { $sites }
summary-check = { $sites } situs, { $pages } halaman sudah diperiksa
summary-serve = { $sites } situs, { $pages } halaman dibangun dalam { $ms } ms ({ $errors } kesalahan)
summary-dns = { $names } nama di { $domain } sudah diperiksa pada { $nameservers } nameserver
summary-domains-check = { $count } subdomain di { $domain } sudah diperiksa
summary-verify = { $sites } situs di { $domain } sudah diverifikasi, { $files } berkas
domains-custom-code-note = catatan: Dinas mengizinkan kode sendiri (custom_code) di: { $sites }
domains-unchanged = domains.toml tidak diubah
domains-no-zone = berkas zona tidak ditulis
domains-no-nginx = konfigurasi nginx tidak ditulis
domains-root-not-folder = `{ $root }` bukan folder: berikan folder repositori kabupaten dengan --root
progress-names = nama
progress-verify = memeriksa situs
cli-not-a-date = `{ $text }` bukan tanggal; tulis sebagai TTTT-BB-HH, misalnya 2026-06-30
cli-sign-key = --sign-key: { $reason }
cli-no-random = tidak dapat mengambil kunci acak dari sistem: { $reason }
cli-keygen-done = laman: kunci rahasia ditulis ke { $file } dan kunci publik ke { $file }.pub.
    Masukkan kunci publik ke domains.toml:

    {"  ["}integrity]
      public_key = "{ $public }"

    Simpan { $file } sebagai rahasia (di penyimpanan rahasia CI); jangan pernah di-commit.
cli-serve-no-registry = { $root } tidak berisi domains.toml: berikan folder repositori kabupaten dengan --root
cli-init-done = repositori kabupaten baru untuk { $name } sudah ditulis di { $dir }; selanjutnya: masuk ke folder itu, jalankan `laman build`, lalu baca README-nya untuk Dinas dan para editor
cli-new-site-done = laman: { $count } halaman draf ditulis untuk { $label }; isi halamannya, hapus setiap `draft = true`, lalu lihat pratinjaunya dengan `laman serve`
cli-new-site-added = ditambahkan (draf): { $path }
cli-new-site-guide-added = ditambahkan (panduan): { $path }
cli-new-site-kept = sudah ada, tidak diubah: { $path }
cli-new-site-guides-done = laman: { $count } panduan ditambahkan (petunjuk laman check merujuk bagian-bagiannya); commit bersama berkas lainnya
cli-new-site-missing-done = laman: { $added } halaman draf ditambahkan ke { $label }, { $kept } berkas yang sudah ada tidak diubah{ $added ->
        [0] .
       *[other] ; isi halaman yang baru, hapus setiap `draft = true`, lalu lihat pratinjaunya dengan `laman serve`
    }
cli-rolled-back = laman: rollback selesai: { $now } tayang lagi (sebelumnya { $was })
cli-published = laman: rilis { $release } { $dry ->
        [yes] akan diterbitkan
       *[no] diterbitkan
    }: { $first ->
        [yes] rilis pertama, { $files } berkas disalin
       *[no] { $copied } berkas baru, { $linked } berkas yang tidak berubah ditautkan (hard link) dari rilis { $previous }
    }; { $bytes } byte { $ssh ->
        [yes] dikirim
       *[no] ditulis
    }, dalam { $seconds } detik
cli-published-checked = laman: { $files } berkas sudah dicocokkan dengan hasil build{ $others ->
        [0] {""}
       *[other] {" "}(sisanya, { $others } berkas, adalah manifest dan tanda tangan yang mendaftar berkas-berkas itu dan ikut diperiksa bersamanya)
    }; `current` sekarang menunjuk releases/{ $release }
cli-already-live = laman: rilis yang tayang, { $release }, sudah berisi hasil build ini: tidak ada yang diterbitkan dan tidak ada rilis baru (jadi `--rollback` tetap kembali ke rilis sebelum itu)
cli-pruned = laman: rilis lama dihapus: { $releases }
cli-report-done = laporan laman: { $sites } situs per { $date }: { $stale } tidak diperbarui, { $incomplete } tidak lengkap, { $problems } bermasalah; skor rata-rata { $score }
cli-report-written = ; ditulis ke { $file }
cli-report-below = laporan laman: di bawah --fail-under { $bar }: { $sites }
cli-report-unsigned = laporan laman: blok tanda tangan belum bernama: isi `signer`, `signer_id`, dan `place` di [report] domains.toml (kini dicetak ruang kosong untuk diisi tangan)
cli-ca-too-big = --ca { $file }: bukan berkas sertifikat (lebih dari 1 MiB)
cli-ca-unreadable = --ca: { $file } tidak dapat dibaca
cli-write-stdout = laman: tidak dapat menulis ke keluaran standar: { $reason }
cli-cannot-write = { $file } tidak dapat ditulis
cli-dns-client = klien DNS tidak dapat dijalankan
error-refused = { $count } masalah menghentikan perintah ini

# clap: judul bagian, tanda bantuan, dan kesalahan saat membaca baris perintah.
clap-heading-commands = Perintah
clap-heading-options = Pilihan
clap-heading-arguments = Argumen
clap-help-flag = Tampilkan bantuan
clap-version-flag = Tampilkan versi
clap-error = kesalahan:
clap-usage = Cara pakai:
clap-try-help = Untuk keterangan lebih lanjut, jalankan dengan '--help'.
clap-unknown-argument = argumen '{ $arg }' tidak dikenal
clap-unknown-command = perintah '{ $command }' tidak dikenal
clap-invalid-choice = nilai '{ $value }' tidak berlaku untuk '{ $arg }'; pilihannya: { $valid }
clap-missing-value = '{ $arg }' perlu diberi nilai
clap-invalid-value = nilai '{ $value }' untuk '{ $arg }' tidak berlaku: { $reason }
clap-missing-argument = argumen wajib ini belum diberikan: { $arg }
clap-missing-command = sebutkan perintah lanjutannya
clap-conflict = '{ $arg }' tidak dapat dipakai bersama '{ $other }'
clap-wrong-values = jumlah nilai untuk '{ $arg }' tidak tepat
clap-did-you-mean = saran: mungkin maksud Anda '{ $suggestion }'?
init-not-empty = { $dir } tidak kosong: `laman init` menulis repositori baru ke folder yang baru atau kosong; pilih folder lain, atau kosongkan
init-is-file = { $dir } adalah berkas, bukan folder: pilih jalur lain
new-site-unregistered = `{ $label }` tidak terdaftar di { $registry }: OPD mengajukannya dulu (`laman domains request { $label } --owner ... --contact ...`) lalu Dinas menyetujuinya
new-site-status = `{ $label }` berstatus { $status } di domains.toml: hanya subdomain yang diajukan atau disetujui yang mendapat situs (permohonan baru: `laman domains request { $label } ...`)
new-site-kind = `{ $label }` terdaftar sebagai { $kind ->
        [service] layanan (service)
        [app] aplikasi (app)
       *[other] { $kind }
    }, bukan situs (site): servernya sendiri yang melayaninya, laman tidak membangun halaman untuknya
new-site-exists = { $folder } sudah ada: `laman new site` tidak pernah menimpa halaman sebuah situs. Untuk menambahkan hanya halaman wajib yang belum ada: `laman new site { $label } --missing`
new-site-link = { $path } adalah tautan simbolik (symlink): `laman new site` tidak menulis apa pun lewat tautan itu
clap-help-command = Tampilkan pesan ini atau bantuan perintah yang disebut
clap-choices = pilihan: { $values }
clap-default = bawaan: { $value }
