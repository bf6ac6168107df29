# laman verify: situs yang tayang dibandingkan dengan hasil build.

verify-spam-term = kata "{ $term }"
verify-spam-hidden = teks yang disembunyikan dengan { $style } (`{ $found }`)
verify-http-client = klien HTTP tidak dapat dijalankan
verify-unknown-site = --site { $site }: tidak ada situs yang disetujui, ditangguhkan, atau dicabut dengan label itu
verify-insecure = --insecure-localhost menerima sertifikat apa pun, jadi setiap situs harus dihubungi lewat alamat loopback: tambahkan --resolve '{ $fqdn }:127.0.0.1:PORT' (atau '*:127.0.0.1:PORT'), atau percayai otoritas sertifikat server dengan --ca BERKAS
verify-out-no-manifest = --out { $dir }: tidak ada { $file } di sana; berikan folder yang ditulis `laman build`
verify-cannot-read = { $file } tidak dapat dibaca
verify-manifest-large = { $file } lebih besar dari ukuran manifest yang wajar ({ $max } MiB)
verify-unsigned = manifest tidak ditandatangani, padahal domains.toml mendaftarkan kunci
verify-untrusted = Manifest { $what } tidak dapat dipercaya: { $problem }
verify-untrusted-help = Jalankan build dengan --sign-key dan kunci yang terdaftar, lalu terbitkan hasil build itu; manifest yang berubah setelah ditandatangani berarti server sudah diutak-atik orang.
verify-suspended-silent = { $url } (ditangguhkan) tidak menjawab: { $why }; seharusnya menjawab 503 dengan pemberitahuan penangguhan.
verify-suspended-answers = { $url } sudah ditangguhkan dengan Keputusan tetapi menjawab HTTP { $status }, bukan pemberitahuan 503.
verify-suspended-help = Pasang konfigurasi nginx dari `laman domains nginx`, yang menampilkan pemberitahuan itu.
verify-revoked-answers = { $url } sudah dicabut dengan Keputusan tetapi masih menjawab (HTTP { $status }).
verify-revoked-help = Hapus nama itu dari server web (dan dari zona): nama yang dicabut tidak boleh menjawab.
verify-site-unreachable = https://{ $fqdn }/ tidak dapat diperiksa: { $why }
verify-site-unreachable-help = Pastikan situsnya menyala, namanya dapat ditemukan di DNS, dan sertifikatnya sah (--ca untuk otoritas sertifikat sendiri).
verify-redirects = dialihkan ke { $to }
verify-too-large = lebih besar dari ukuran manifest yang wajar
verify-not-there = tidak ada
verify-answers = menjawab HTTP { $status }
verify-manifest = Manifest { $url } { $why }.
verify-manifest-help = Terbitkan hasil `laman build` secara utuh: setiap situs membawa manifest-nya.
verify-build-no-manifest = Hasil build tidak berisi manifest untuk { $fqdn }.
verify-build-no-manifest-help = Berikan --out berupa folder yang ditulis `laman build` terakhir, atau jalankan build untuk situs ini.
verify-manifest-differs = Manifest { $url } berbeda dengan manifest hasil build.
verify-manifest-differs-help = Server menyimpan build lain (atau manifest yang diutak-atik): terbitkan build-nya lagi.
verify-other-site = ditujukan untuk { $site }, bukan situs ini
verify-manifest-error = Manifest { $url }: { $reason }
verify-fetch-failed = { $url } tidak dapat diambil: { $why }
verify-file-missing = { $url } tercantum di manifest tetapi server menjawab HTTP { $status }{ $redirect ->
        [no] {""}
       *[yes] {" "}ke { $to }
    }.
verify-file-missing-help = Terbitkan build-nya lagi (berkas itu dihapus atau dipindah di server).
verify-served = { $bytes } bita dikirim
verify-served-more = lebih dari { $bytes } bita dikirim
verify-file-changed = { $url } berbeda dengan hasil build ({ $served }, { $built } bita hasil build).
verify-file-changed-help = Ada yang mengubah berkas ini di server: cari tahu siapa, lalu terbitkan build-nya lagi.
verify-spam = { $url } memuat spam judi: { $hits }
verify-spam-help = Server sudah dibobol: turunkan situsnya, simpan buktinya, laporkan ke tim keamanan Dinas, lalu terbitkan build-nya lagi.
verify-header-absent = { $header } pada { $count } jawaban, pertama di /{ $first }
verify-headers = https://{ $fqdn }/ dilayani tanpa header keamanan: { $absent }
verify-headers-help = Layani situs dengan konfigurasi dari `laman domains nginx` (yang memasang Content-Security-Policy, Strict-Transport-Security dan X-Content-Type-Options).
verify-unexpected = { $url } menjawab 200 tetapi tidak tercantum di manifest.
verify-unexpected-help = Ada berkas yang ditambahkan di server dan tidak dibangun laman: hapus, lalu cari tahu bagaimana berkas itu bisa masuk.
verify-ca-pem = --ca: bukan sertifikat PEM: { $reason }
verify-https-client = klien HTTPS tidak dapat disiapkan: { $reason }
verify-timeout = tidak ada jawaban dalam batas waktu (--timeout)
verify-bad-resolve = `{ $text }` bukan HOST:ALAMAT[:PORT], misalnya dinkes.sukamajukab.go.id:127.0.0.1:8443 atau '*:[::1]:8443'
