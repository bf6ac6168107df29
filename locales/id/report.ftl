# laman report: yang dikatakan perintahnya (laporannya sendiri adalah dokumen Dinas, berbahasa Indonesia).

report-settings = [report] di domains.toml: { $why }
report-period = { $what } = { $n }: isi jumlah hari dari 1 sampai 3650
report-period-label = period menyebut `{ $label }`, yang tidak terdaftar di domains.toml
report-required = halaman wajib `{ $page }` bukan alamat halaman; tulis seperti yang tampil di alamat, misalnya "profil/visi-misi"
report-output-special = --output { $output } bukan berkas biasa (tautan, perangkat, atau pipa); sebutkan sebuah berkas, atau - untuk keluaran standar
report-output-folder = --output { $output } adalah folder; sebutkan sebuah berkas, misalnya laporan.html
report-output-no-folder = --output { $output }: foldernya tidak ada
report-output-input = --output { $output } akan menimpa berkas milik repositori kabupaten (domains.toml, content/, themes/, .git); tulis laporannya di tempat lain
report-dns-not-it = --dns { $file } bukan hasil `laman dns check --format json`: { $why }
report-dns-unreadable = --dns { $file } tidak dapat dibaca
report-dns-code = berkas itu memuat temuan `{ $code }`
report-previous-unreadable = --previous { $file } tidak dapat dibaca
report-previous-json = --previous { $file } bukan JSON ({ $reason }); berikan laporan hasil `laman report --format json`
report-previous-schema = --previous { $file } adalah laporan skema { $schema }; laman ini membaca skema { $ours }
report-previous-not-report = --previous { $file } bukan laporan laman (tidak ada "schema"); berikan laporan hasil `laman report --format json`
report-previous-invalid = --previous { $file } bukan laporan laman skema { $ours }: { $reason }
