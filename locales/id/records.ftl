# [[record]]: rekaman DNS lain kabupaten (surel, SPF, DMARC, CAA, SRV), aturan
# penulisannya, tempat yang boleh, dan apa yang tidak dimiliki domain utama.

zrecord-name-full = nama `{ $name }` ditulis lengkap: tulis relatif terhadap domain (`mail`, `_dmarc`), atau `@` untuk domain itu sendiri
zrecord-name-dot = nama `{ $name }` diakhiri titik: tulis relatif terhadap domain, tanpa titik
zrecord-name-wildcard = nama wildcard (`*`) membuat setiap nama yang tidak terdaftar ikut menjawab: cantumkan setiap nama satu per satu
zrecord-name-label = nama `{ $name }` memuat bagian kosong, bagian lebih dari 63 karakter, atau bagian yang diawali atau diakhiri `-`
zrecord-name-char = nama `{ $name }` memuat { $char }: hanya huruf, angka, `-`, dan `_` yang boleh
zrecord-form = isi { $kind } berbentuk `{ $form }`
zrecord-not-address = `{ $value }` bukan alamat { $family }
zrecord-number = `{ $value }` bukan bilangan 0 sampai { $max }
zrecord-host = `{ $host }` bukan nama host: { $why }
zrecord-host-relative = `{ $host }` bukan nama host lengkap: tulis nama utuhnya, misalnya `{ $host }.example.go.id.`
zrecord-caa-tag = tag CAA `{ $tag }` bukan huruf dan angka (`issue`, `issuewild`, `iodef`)
zrecord-caa-value = isi CAA tidak boleh memuat { $char }
zrecord-txt-quoted = teksnya diberi tanda kutip: tulis tanpa kutip (laman yang mengutip dan memotongnya), kalau tidak kutipnya ikut menjadi isi rekaman
zrecord-type = jenis `{ $kind }` tidak ditulis laman: { $types }
zrecord-invalid = { $who }: { $why }.
zrecord-invalid-help = Setiap jenis punya bentuknya sendiri: MX `10 mail.example.go.id.`, TXT teksnya tanpa kutip, CAA `0 issue "letsencrypt.org"`, SRV `10 5 5060 sip.example.go.id.`
zrecord-duplicate = { $who }: rekaman yang sama tercantum dua kali.
zrecord-comment = { $who }: komentarnya { $why }.
zrecord-collision = { $who }: nama ini milik { $whose }.
zrecord-collision-help = Alamat dan alias subdomain OPD, portal, dan nameserver diatur di tabelnya sendiri; beri rekaman ini nama lain, atau ubah rekamannya di sana.
zrecord-beside-cname = { $who }: nama ini memakai CNAME, yang tidak boleh didampingi rekaman lain.
zrecord-outside-help = Pakai alamat di dalam [hosting] { $family }, atau minta Dinas memperluas rentangnya bila server ini miliknya.
zrecord-apex-mx = { $domain } tidak punya rekaman MX: zona dari laman tidak akan membawa surel untuk alamat resmi kabupaten.
zrecord-apex-mx-help = Tambahkan [[record]] dengan name = "@", type = "MX", value = "10 mail.{ $domain }." (atau "0 ." bila domain ini tidak menerima surel).
zrecord-apex-spf = { $domain } tidak punya rekaman SPF: siapa pun dapat mengirim surel atas nama @{ $domain }.
zrecord-apex-spf-help = Tambahkan [[record]] dengan name = "@", type = "TXT", value = "v=spf1 mx -all" (atau "v=spf1 -all" bila domain ini tidak mengirim surel).
zrecord-apex-dmarc = { $domain } tidak punya rekaman DMARC di _dmarc.{ $domain }.
zrecord-apex-dmarc-help = Tambahkan [[record]] dengan name = "_dmarc", type = "TXT", value = "v=DMARC1; p=quarantine; rua=mailto:dmarc@{ $domain }".
zrecord-apex-caa = { $domain } tidak punya rekaman CAA: otoritas sertifikat mana pun dapat menerbitkan sertifikat untuknya.
zrecord-apex-caa-help = Tambahkan [[record]] dengan name = "@", type = "CAA", value = '0 issue "letsencrypt.org"' yang menyebut otoritas sertifikat yang dipakai Dinas.
