# Daftar subdomain (domains.toml): cara menulis, aturan, dan alur kerjanya.

grammar-text-help = Nama, judul, pemilik, tujuan, dan alasan ditulis dalam satu baris teks (paling banyak 200 karakter, 500 untuk tujuan dan alasan), tanpa tab, karakter kendali, atau karakter arah.
grammar-empty = masih kosong
grammar-too-long = berisi { $count } karakter; paling banyak { $max }
grammar-control = memuat { $char }, karakter kendali atau karakter arah; tulis dalam satu baris, tanpa tab atau karakter tak terlihat
grammar-decree-char = memuat { $char }; nomor Keputusan terdiri atas huruf, angka, `/`, `.`, `-`, dan `_`
grammar-decree-edge = harus diawali dan diakhiri huruf atau angka
grammar-email-long = lebih dari 254 karakter
grammar-email-no-at = tidak memuat `@`
grammar-email-local = harus punya nama sebelum `@` sepanjang 1 sampai 64 karakter
grammar-email-char = memuat { $char } sebelum `@`; pakai huruf, angka, dan . _ % + -
grammar-email-dots = punya titik di awal atau akhir namanya, atau dua titik berturut-turut
grammar-email-domain = `{ $host }` bukan domain surel
grammar-email-host = domain: { $why }
grammar-host-lowercase = harus ditulis dengan huruf kecil
grammar-host-dot = diakhiri titik
field-invalid = { $what } `{ $value }` { $why }.
field-spam-term = Entri [integrity] spam_terms
field-link-host = Entri [integrity] link_hosts
field-link-host-help = Tulis nama host (`bps.go.id`) atau `*.` diikuti domain (`*.ac.id`).
field-history-reason = Alasan di history
field-decree-number = Nomor Keputusan
field-decree-number-help = Tulis nomornya persis seperti tertulis di Keputusan, misalnya 555/031/KPTS/DISKOMINFO/2026.
field-contact-help = Tulis satu alamat surel resmi, misalnya { $example }.
registry-key-help = Jalankan `laman keygen BERKAS` dan salin baris yang dicetaknya ke [integrity] public_key.
registry-contact-domain = Kontak `{ $contact }` bukan alamat surel di { $domain }.
registry-contact-domain-help = OPD memakai surel resmi kabupaten: nama@{ $domain }
label-syntax = Label `{ $label }`: { $why }.
label-syntax-help = Label terdiri atas huruf kecil, angka, dan tanda hubung, paling banyak 63 karakter, tidak diawali atau diakhiri tanda hubung.
label-reserved = Label `{ $label }` sudah dicadangkan.
label-reserved-help = www, mail, ns1 dan sejenisnya dipakai untuk infrastruktur, `portal` adalah nama domain utama, dan label berawalan `_` untuk record layanan; pilih label lain.
label-nameserver = Label `{ $label }` adalah nama server nama (nameserver) `{ $ns }` di [hosting].
label-nameserver-help = Zona memuat alamat nameserver pada nama itu; pilih label lain, atau nama lain untuk nameserver.
label-duplicate = Label `{ $label }` terdaftar dua kali (pertama di baris { $first }).
label-duplicate-help = Simpan satu entri untuk setiap label; label yang pernah dipakai bisa dipakai lagi lewat permohonan baru pada entri yang sama.
label-parent-unregistered = induknya `{ $parent }` belum terdaftar
label-parent-status = induknya `{ $parent }` berstatus { $status ->
        [requested] diajukan (belum disetujui)
        [suspended] ditangguhkan
        [revoked] dicabut
        [rejected] ditolak
       *[other] { $status }
    }
label-parent-owner = induknya `{ $parent }` dipegang { $holder }, bukan { $owner }
label-nested = Label bertingkat `{ $label }`: { $why }.
label-nested-help = Nama di bawah subdomain lain hanya boleh dipegang OPD pemegang subdomain itu, dan hanya selama subdomain itu disetujui.
host-length = nama host harus 1 sampai 253 karakter
label-too-long = `{ $name }` lebih dari 253 karakter
label-char = memuat `{ $char }`; hanya huruf, angka, dan tanda hubung yang diizinkan
label-hyphen = diawali atau diakhiri tanda hubung
label-double-hyphen = memuat `--` di posisi ketiga dan keempat, yang dicadangkan untuk nama internasional (xn--)
regency-domain = Domain kabupaten `{ $domain }` bukan nama domain yang sah.
regency-domain-form = `{ $domain }` tidak berbentuk domain go.id pemerintah daerah.
regency-domain-form-help = Domain pemerintah daerah berbentuk <nama>kab.go.id, <nama>kota.go.id atau <nama>prov.go.id; periksa apakah ada salah ketik.
hosting-range = Rentang hosting `{ $range }` bukan rentang { $family }.
hosting-range-help = Tulis rentang seperti { $example }.
hosting-nameserver = Nameserver `{ $ns }`: { $why }.
hosting-glue-missing = Nameserver `{ $ns }` berada di dalam { $domain } tetapi belum punya alamat.
hosting-glue-missing-help = Tambahkan alamatnya: glue = {"{"} "{ $ns }" = ["203.0.113.2"] {"}"} di bawah [hosting]; zona memerlukannya.
hosting-cname-allow = cname_allow `{ $name }`: { $why }.
hosting-cname-allow-help = Tulis nama host (cdn.example.net) atau akhiran (*.example.net).
hosting-glue-name = Nama glue `{ $ns }`: { $why }.
hosting-glue-address = Alamat glue `{ $address }` untuk `{ $ns }` bukan alamat IP.
status-requested = diajukan
status-approved = disetujui
status-suspended = ditangguhkan
status-revoked = dicabut
status-rejected = ditolak
transitions-help = Perubahan status yang boleh: { $steps }
decree-missing = `{ $label }` berstatus { $status } tetapi belum punya Keputusan.
decree-missing-help = Tambahkan decree = {"{"} number = "...", date = TTTT-BB-HH {"}"}: penggunaan subdomain ditetapkan dengan Keputusan.
decree-no-number = Keputusan untuk `{ $label }` belum bernomor.
decree-future = Keputusan untuk `{ $label }` bertanggal { $date }, padahal tanggal itu belum tiba.
decree-future-help = Subdomain baru disetujui setelah Keputusannya ditandatangani; periksa tanggalnya.
decree-before-request = Keputusan untuk `{ $label }` ({ $date }) bertanggal lebih awal dari permohonannya.
decree-before-request-help = Periksa tanggal Keputusan; bila permohonan dicatat lebih lambat dari tanggal surat OPD, ubah `requested` dan entri riwayatnya ke tanggal surat itu (`laman domains request --date` mencatat tanggal surat sejak awal).
history-mismatch = `{ $label }` berstatus { $status } tetapi riwayatnya (history) berakhir dengan { $last }.
history-mismatch-help = Ubah status dengan `laman domains ...` agar keduanya ikut diperbarui; atau betulkan statusnya secara manual.
history-decree = Keputusan untuk `{ $label }` bernomor { $decree }, tetapi persetujuan terakhir di riwayatnya menyebut { $cited }.
history-nothing = belum ada apa-apa
history-transition = Riwayat `{ $label }` berpindah dari { $from } ke { $to }, yang tidak diizinkan.
history-backwards = Tanggal di riwayat `{ $label }` mundur pada { $date } (lebih awal dari entri sebelumnya).
history-no-decree = { $action ->
        [approved] Persetujuan
        [revoked] Pencabutan
       *[other] { $action }
    } `{ $label }` pada { $date } tidak menyebut Keputusan.
history-no-decree-help = Persetujuan dan pencabutan dilakukan dengan Keputusan: tambahkan decree = "..." pada entri riwayat itu.
registry-content-missing = `{ $label }` adalah situs yang disetujui, tetapi folder content/{ $label } belum ada.
registry-content-missing-help = Buat content/{ $label }/_index.md (atau jalankan `laman new site { $label }`), atau daftarkan sebagai kind = "service" jika situsnya tidak dibangun dengan laman.
review-overdue = Jadwal peninjauan `{ $label }` sudah lewat ({ $date }).
review-overdue-help = Tinjau kembali penggunaan subdomain ini dan tetapkan tanggal `review` yang baru.
word-or = atau
record-who-portal = Portal
record-cname-apex = Portal (domain utama, apex) memakai CNAME.
record-cname-apex-help = CNAME tidak boleh berdampingan dengan record SOA dan NS di domain utama (apex); beri portal record A/AAAA.
record-missing = `{ $label }` sudah disetujui tetapi belum punya record DNS.
record-missing-help = Tambahkan records = {"{"} A = ["..."] {"}"} dengan alamat di pusat data Dinas.
record-cname-chain = `{ $label }` adalah CNAME ke { $target }, yang { $what ->
        [itself] menunjuk ke dirinya sendiri
       *[other] juga sebuah CNAME
    }.
record-cname-chain-help = Arahkan CNAME ke nama tujuan akhirnya, atau beri nama itu record A/AAAA.
record-cname-dangling = `{ $label }` adalah CNAME ke { $target }, yang tidak akan ada di zona karena bukan nama yang disetujui di domains.toml.
record-cname-dangling-help = Arahkan CNAME ke nama yang sudah disetujui (atau beri entri ini record A/AAAA), atau daftarkan dulu nama tujuannya.
record-ttl = { $who }: TTL { $ttl } di luar rentang { $min }..{ $max } detik.
record-ttl-help = Pakai 300 sampai 3600 kecuali Dinas punya alasan lain.
record-invalid-address = { $who }: record { $record } `{ $value }` bukan alamat { $family }.
record-duplicate = { $who }: record { $record } { $ip } tercantum dua kali.
record-cname-invalid = { $who }: CNAME `{ $target }`: { $why }.
record-cname-external = { $who }: CNAME ke `{ $target }`, di luar { $domain }.
record-cname-external-help = Semua situs di-hosting di pusat data Dinas; tujuan di luar harus dicantumkan Dinas di cname_allow.
record-cname-conflict = { $who }: CNAME berdampingan dengan record A/AAAA.
record-cname-conflict-help = Nama yang memakai CNAME tidak boleh punya record lain: pilih CNAME atau alamatnya saja.
record-outside = { $who }: { $ip } berada di luar pusat data Dinas.
record-outside-help = Pakai alamat di dalam [hosting] { $family }: setiap subdomain di-hosting oleh Dinas.
registry-not-date = `{ $text }` bukan tanggal biasa.
registry-not-date-help = Tulis tanggal sebagai TTTT-BB-HH, misalnya 2024-01-15.
registry-unreadable = { $file } tidak dapat dibaca (apakah `{ $root }` repositori kabupaten? berikan foldernya dengan --root)
registry-parse-help = Perbaiki penulisan TOML atau kolom yang disebut; susunan lengkapnya ada di README.
nginx-same-listen = --http dan --https menunjuk alamat dan port yang sama; nginx tidak dapat melayani http biasa dan https di satu port
nginx-listen-form = `{ $value }` bukan port (1-65535) dan bukan ALAMAT:PORT (127.0.0.1:8080, [::1]:8080)
nginx-listen-port-zero = port 0 bukan port yang dapat dipakai nginx
nginx-listen-zone = zona atau flow label IPv6 tidak diterima
nginx-path-not-utf8 = bukan teks UTF-8
nginx-path-relative = bukan path absolut (harus diawali /)
nginx-path-character = memuat { $code } (`$`, karakter kendali, atau karakter arah teks), yang tidak dapat dibaca nginx sebagai bagian path
nginx-label-problem = label `{ $label }`: { $why }
nginx-frame-host-problem = host iframe `{ $host }`: { $why }
nginx-alias-problem = alamat lama `{ $alias }` di { $file } tidak dapat ditulis sebagai pengalihan nginx
edit-cannot = { $file } tidak dapat diubah
edit-not-utf8 = domains.toml bukan teks UTF-8.
edit-syntax-help = Perbaiki dulu penulisan TOML-nya.
edit-unknown = Tidak ada subdomain `{ $label }` di domains.toml.
edit-unknown-help = Periksa labelnya dengan `laman domains list`; subdomain baru dimulai dengan `laman domains request`.
edit-exists = `{ $label }` sudah terdaftar ({ $status }).
edit-exists-help = Label ini baru bisa diajukan lagi setelah dicabut atau ditolak.
edit-transition-again = Subdomain yang sudah dicabut atau ditolak harus diajukan lagi sebelum bisa disetujui.
edit-transition = `{ $label }` berstatus { $status }, jadi tidak bisa { $to }.
edit-cannot-lock = folder domains.toml ({ $folder }) tidak dapat dikunci
edit-locked = Ada perubahan `laman domains` lain yang sudah mengunci domains.toml selama { $seconds } detik.
edit-locked-help = Tunggu sampai perubahan lain itu selesai (atau hentikan), lalu jalankan perintahnya lagi.
edit-changed = domains.toml berubah selama perubahan ini sedang dibuat.
edit-changed-help = Ada orang lain yang mengubah domains.toml pada saat yang sama; jalankan perintahnya lagi pada berkas yang baru.
edit-subdomain-array = `subdomain` harus berupa daftar tabel ([[subdomain]]).
edit-done-requested = permohonan `{ $label }` untuk { $owner } dicatat
edit-done-approved = `{ $label }` disetujui dengan Keputusan { $decree } tanggal { $date }
edit-done-status = `{ $label }` { $word }
edit-done-revoked = `{ $label }` dicabut dengan Keputusan { $decree } tanggal { $date }
edit-not-ipv4 = --a `{ $ip }` bukan alamat IPv4.
edit-not-ipv6 = --aaaa `{ $ip }` bukan alamat IPv6.
edit-not-date = `{ $text }` bukan tanggal.
edit-not-date-help = Tulis tanggalnya sebagai TTTT-BB-HH, misalnya 2026-11-25.
edit-value = { $what ->
        [decree] Nomor Keputusan
        [owner] Pemilik (owner)
        [contact] Kontak
        [purpose] Tujuan (purpose)
        [reason] Alasan (reason)
       *[other] { $what }
    } { $why }.

# Tanggal dan Keputusan dalam alur kerja (isu 25, butir 4).
edit-unknown-near = Maksud Anda `{ $label }`? (`laman domains list` menampilkan semua label)
edit-done-suspended-decree = `{ $label }` ditangguhkan dengan Keputusan { $decree } tanggal { $date }
edit-date-future = Tanggal { $date } ada di masa depan.
edit-date-future-help = Berikan tanggal surat atau Keputusan sebagaimana ditandatangani: hari ini atau sebelumnya.
domains-list-empty = domains.toml belum memuat subdomain: catat permohonan OPD dengan `laman domains request LABEL --owner ... --contact ...`
domains-list-none = tidak ada subdomain yang { $status }
grammar-decree-space = memuat spasi; nomor Keputusan ditulis tanpa spasi
grammar-decree-space-sk = memuat spasi: tulis nomornya saja, tanpa "SK": `{ $number }`
grammar-decree-help = Nomor Keputusan terdiri atas huruf dan angka dengan `/ . - _` di antaranya, seperti yang ditandatangani, misalnya 555/031/KPTS/DISKOMINFO/2026.
